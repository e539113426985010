"""The finalise checklist: no app, no database."""

from conference.domain.finalise import (
    ChildReadiness,
    identity_answered,
    missing_before_finalising,
    views_recorded,
)

READY = ChildReadiness("Tolu", "cp_plan", views_recorded=True, identity_answered=True)


def test_nothing_missing_when_everything_is_recorded():
    assert missing_before_finalising([READY], worry_statements=2, scores=5) == []


def test_each_missing_item_is_named_for_the_child():
    not_ready = ChildReadiness("Kemi", None, views_recorded=False, identity_answered=False)
    assert missing_before_finalising([READY, not_ready], worry_statements=0, scores=0) == [
        "Add at least one worry statement to the map",
        "Record the scaling scores",
        "Record Kemi’s views or observations, or why they are not recorded",
        "Answer the identity questions for Kemi, or mark them not known yet",
        "Record the decision for Kemi",
    ]


def test_a_worry_statement_is_needed_only_for_a_plan():
    no_plan = ChildReadiness("Tolu", "nfa", views_recorded=True, identity_answered=True)
    assert missing_before_finalising([no_plan], worry_statements=0, scores=3) == []


def test_views_count_as_recorded_from_any_source_or_a_reason():
    assert not views_recorded()
    assert not views_recorded("  ", ("", " ", ""), "", "")
    assert views_recorded(own_words="I like school")
    assert views_recorded(houses=("", "", "A dog"))
    assert views_recorded(observations="Smiles when Mum comes in")
    assert views_recorded(reason_not="Unborn baby")


def test_identity_questions_need_an_answer_or_not_known():
    answers = {"cultural_or_harm": "Discussed", "heritage_connection": ""}
    assert not identity_answered(answers, [])
    assert identity_answered(answers, ["heritage_connection"])
