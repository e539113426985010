"""The stored codes never change (no migration), and each has its label (no app, no database)."""

from conference.domain import vocabulary
from conference.domain.plan_quality import GRADES, MIXED
from conference.domain.vocabulary import (
    ActionStatus,
    CaseStatus,
    Category,
    GoalState,
    Outcome,
    Rating,
)


def test_the_stored_values_are_the_ones_in_the_database():
    assert [str(o) for o in Outcome] == ["cp_plan", "cin_plan", "nfa"]
    assert [str(s) for s in CaseStatus] == ["section_47", "cp_plan", "cin_plan", "closed"]
    assert [str(c) for c in Category] == ["NEG", "PHY", "EMO", "SAB", "MUL"]
    assert [str(r) for r in Rating] == ["worse", "no_change", "some_progress", "achieved"]
    assert [str(s) for s in GoalState] == ["active", "kept", "changed", "achieved", "dropped"]
    assert [str(s) for s in ActionStatus] == [
        "not_started",
        "in_progress",
        "done",
        "not_done",
        "no_longer_needed",
    ]


def test_each_code_has_its_label_and_compares_equal_to_the_stored_string():
    assert Outcome("cp_plan").label == "Child protection plan"
    assert Category.MULTIPLE == "MUL" and Category.MULTIPLE.label == "Multiple"
    assert Rating.SOME_PROGRESS.label == "Some progress"
    assert CaseStatus.SECTION_47.label == "Section 47 enquiry"
    assert vocabulary.OUTCOMES["nfa"] == "No further action"


def test_a_core_group_reviews_only_started_actions():
    assert list(vocabulary.ACTION_OUTCOMES) == [
        "done",
        "in_progress",
        "not_done",
        "no_longer_needed",
    ]


def test_an_unknown_action_status_is_shown_as_stored():
    assert vocabulary.action_status_label("in_progress") == "In progress"
    assert vocabulary.action_status_label("on_hold") == "On hold"


def test_every_grade_of_the_plan_checker_has_its_words():
    assert tuple(vocabulary.GOAL_GRADES) == GRADES
    assert vocabulary.GOAL_GRADES[MIXED] == "Outcome with actions mixed in"
