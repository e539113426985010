"""Checks on the plan as a whole: no app, no database."""

from dataclasses import replace
from datetime import date

import pytest

from conference.domain.identity_in_plan import InterpreterNeed
from conference.domain.plan_checks import (
    ACTION,
    GOAL,
    GOAL_ACTIONS,
    GOALS,
    PLAN_FIELD,
    WORRY,
    ActionFacts,
    GoalFacts,
    PlanFacts,
    Score,
    Where,
    WorryFacts,
    in_brief,
    plan_findings,
    plan_score,
    possessive,
)

DONE = ActionFacts(id=31, who="Mum", by_when=date(2027, 1, 15))
GOOD_GOAL = GoalFacts(
    id=21,
    number=1,
    worry_ids=(11,),
    actions=(DONE,),
    outcome_focused=True,
    measurable=True,
)
GOOD = PlanFacts(
    goals=(GOOD_GOAL,),
    worries=(),
    contingency_plan="If Dad drinks again, Lily stays with Grandma.",
    child_views_statement="Lily said she wants bedtimes to be calm: goal 1 is about that.",
    identity_statement="The plan is translated into Yoruba and Grandma’s church is in it.",
    child_names=("Kemi",),
)


def messages(facts) -> list[str]:
    return [finding.message for finding in plan_findings(facts)]


def test_a_good_plan_has_no_findings_and_meets_every_check():
    assert plan_findings(GOOD) == []
    # a goal: outcome, measurable, has actions; its action; the number of actions; the
    # contingency, the children's views and identity; and having a goal at all
    assert plan_score(GOOD) == Score(9, 9)
    assert plan_score(GOOD).text == "9 of 9 checks met"


def test_every_worry_statement_must_be_answered_by_a_goal():
    facts = replace(
        GOOD,
        worries=(
            _worry(11, 1),
            _worry(12, 2),
        ),
    )
    [finding] = plan_findings(facts)
    assert finding.message == "Worry statement 2 is not answered by any safety goal"
    assert finding.suggestion == "Add a safety goal that answers it, or say which goal answers it"
    assert finding.where == Where(WORRY, 12)
    assert plan_score(facts).text == "10 of 11 checks met"


def test_a_plan_without_goals():
    facts = replace(GOOD, goals=(), worries=(_worry(11, 1),))
    assert messages(facts) == [
        "The plan has no safety goals yet",
        "Worry statement 1 is not answered by any safety goal",
    ]
    assert plan_findings(facts)[0].where == Where(GOALS)
    assert plan_score(facts) == Score(4, 6)


def test_every_goal_needs_an_action():
    facts = replace(GOOD, goals=(replace(GOOD_GOAL, actions=()),))
    [finding] = plan_findings(facts)
    assert (finding.message, finding.where, finding.goal_id) == (
        "Safety goal 1 has no actions",
        Where(GOAL_ACTIONS, 21),
        21,
    )


@pytest.mark.parametrize(
    ("who", "by_when", "missing"),
    [
        ("", date(2027, 1, 15), "who will do it"),
        ("  ", date(2027, 1, 15), "who will do it"),
        ("Mum", None, "by when"),
        ("", None, "who will do it or by when"),
    ],
)
def test_every_action_names_who_and_by_when(who, by_when, missing):
    second = ActionFacts(id=32, who=who, by_when=by_when)
    facts = replace(GOOD, goals=(replace(GOOD_GOAL, number=2, actions=(DONE, second)),))
    [finding] = plan_findings(facts)
    assert finding.message == f"Action 2 of safety goal 2 does not say {missing}"
    assert finding.where == Where(ACTION, 32)
    assert plan_score(facts).text == "9 of 10 checks met"


def test_the_goals_own_flags_count():
    goal = replace(GOOD_GOAL, outcome_focused=False, measurable=False)
    findings = plan_findings(replace(GOOD, goals=(goal,)))
    assert [(f.code, f.message, f.where) for f in findings] == [
        (
            "goal-not-outcome",
            "Safety goal 1 says what an adult or a service will do, not what will be different "
            "for the child",
            Where(GOAL, 21, "statement"),
        ),
        (
            "goal-not-measurable",
            "Nobody could show whether safety goal 1 has been achieved",
            Where(GOAL, 21, "measure"),
        ),
    ]
    assert plan_score(replace(GOOD, goals=(goal,))).text == "7 of 9 checks met"


def test_the_plans_own_statements_are_needed():
    facts = replace(GOOD, contingency_plan=" ", child_views_statement="", identity_statement="")
    findings = plan_findings(facts)
    assert [(f.code, f.message, f.where) for f in findings] == [
        (
            "no-contingency",
            "There is no contingency plan",
            Where(PLAN_FIELD, None, "contingency_plan"),
        ),
        (
            "no-child-views",
            "The plan does not say how it uses what the children said",
            Where(PLAN_FIELD, None, "child_views_statement"),
        ),
        (
            "no-identity",
            "Say how Kemi’s ethnicity, culture, religion and language shaped the plan, or why "
            "they did not",
            Where(PLAN_FIELD, None, "identity_statement"),
        ),
    ]
    assert plan_score(facts).text == "6 of 9 checks met"


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        (
            "N/A",
            "“N/A” does not say how Kemi’s ethnicity, culture, religion and language shaped the "
            "plan",
        ),
        (
            "The family are Nigerian and Christian.",
            "The plan does not say how Kemi’s ethnicity, culture, religion and language shape "
            "what will happen",
        ),
    ],
)
def test_identity_written_down_but_shaping_nothing_is_found(statement, message):
    facts = replace(GOOD, identity_statement=statement)
    [finding] = plan_findings(facts)
    assert (finding.code, finding.message) == ("no-identity", message)
    assert finding.where == Where(PLAN_FIELD, None, "identity_statement")
    assert "interpreter at every meeting" in finding.suggestion
    assert plan_score(facts).text == "8 of 9 checks met"


def test_a_goal_that_draws_on_the_familys_faith_carries_identity_without_the_statement():
    facts = replace(
        GOOD, identity_statement="", plan_texts=("Pastor Adeyemi's wife will have the children",)
    )
    assert plan_findings(facts) == []


def test_the_interpreter_the_family_needs_is_one_more_check():
    needs = (InterpreterNeed("Funmilayo", "Yoruba"),)
    without = replace(GOOD, interpreter_needs=needs)
    [finding] = plan_findings(without)
    assert (finding.code, finding.message, finding.where) == (
        "no-interpreter",
        "Funmilayo needs a Yoruba interpreter, but the plan does not say one will be at the "
        "meetings",
        Where(PLAN_FIELD, None, "identity_statement"),
    )
    assert plan_score(without).text == "9 of 10 checks met"
    promised = replace(
        without, identity_statement=GOOD.identity_statement + " A Yoruba interpreter comes."
    )
    assert plan_findings(promised) == []
    assert plan_score(promised).text == "10 of 10 checks met"


@pytest.mark.parametrize(
    ("names", "owners"),
    [
        ((), "the children’s"),
        (("Kemi",), "Kemi’s"),
        (("Kemi", "Tolu"), "Kemi’s and Tolu’s"),
        (("Kemi", "Tolu", "Ada"), "Kemi’s, Tolu’s and Ada’s"),
    ],
)
def test_identity_names_the_children(names, owners):
    assert possessive(names) == owners


def test_more_actions_than_the_ceiling_is_a_warning():
    actions = tuple(ActionFacts(id=100 + i, who="Mum", by_when=date(2027, 1, 1)) for i in range(11))
    facts = replace(GOOD, goals=(replace(GOOD_GOAL, actions=actions),))
    [finding] = plan_findings(facts)
    assert finding.message == "This plan has 11 actions: plans work best with about 8 or fewer"
    assert finding.where == Where(GOALS)
    at_ceiling = replace(GOOD, goals=(replace(GOOD_GOAL, actions=actions[:8]),))
    assert plan_findings(at_ceiling) == []
    assert messages(replace(at_ceiling, ceiling=6)) == [
        "This plan has 8 actions: plans work best with about 6 or fewer"
    ]


def test_findings_come_in_the_order_of_the_page():
    facts = PlanFacts(
        goals=(
            GoalFacts(21, 1, (), (), outcome_focused=True, measurable=False),
            GoalFacts(22, 2, (11,), (ActionFacts(41, "", None),), True, True),
        ),
        worries=(_worry(11, 1), _worry(12, 2)),
        contingency_plan="",
        child_views_statement="",
        identity_statement="",
        child_names=("Kemi", "Tolu"),
    )
    assert [finding.code for finding in plan_findings(facts)] == [
        "worry-not-answered",
        "goal-not-measurable",
        "goal-without-actions",
        "action-without-who-or-when",
        "no-contingency",
        "no-child-views",
        "no-identity",
    ]
    assert plan_score(facts).text == "7 of 14 checks met"


def test_score_reads_in_the_singular_too():
    assert Score(0, 1).text == "0 of 1 check met"


def _worry(worry_id, number):
    return WorryFacts(worry_id, number)


# Plan-level advice never contradicts itself (issue 18): a goal with no actions beside "too many
# actions".


def _crowded(bare_goals: int, actions: int = 11) -> PlanFacts:
    many = tuple(
        ActionFacts(id=100 + i, who="Mum", by_when=date(2027, 1, 1)) for i in range(actions)
    )
    bare = tuple(replace(GOOD_GOAL, id=22 + n, number=2 + n, actions=()) for n in range(bare_goals))
    return replace(GOOD, goals=(replace(GOOD_GOAL, actions=many), *bare))


def test_too_many_actions_beside_a_goal_with_none_names_it_and_asks_to_move_one():
    found = {f.code: f for f in plan_findings(_crowded(1))}
    assert found["too-many-actions"].message == (
        "This plan has 11 actions, but safety goal 2 has none: plans work best with about 8 or "
        "fewer, spread across the goals"
    )
    assert found["too-many-actions"].suggestion.startswith(
        "Give safety goal 2 an action by moving or combining the others"
    )
    assert found["goal-without-actions"].message == "Safety goal 2 has no actions"
    assert found["goal-without-actions"].suggestion == (
        "The plan already has 11 actions: move one here from another goal, or combine two, so "
        "that the plan does not grow"
    )


def test_several_goals_without_actions_are_named_together():
    [too_many] = [f for f in plan_findings(_crowded(2)) if f.code == "too-many-actions"]
    assert too_many.message.startswith(
        "This plan has 11 actions, but safety goal 2 and safety goal 3 have none"
    )


def test_at_the_ceiling_a_goal_without_actions_is_asked_to_take_one_from_another():
    # 8 actions is not too many, but adding a ninth would be: move one instead.
    [bare] = plan_findings(_crowded(1, actions=8))
    assert bare.code == "goal-without-actions"
    assert bare.suggestion.startswith("The plan already has 8 actions: move one here")


@pytest.mark.parametrize("actions", [0, 1, 7, 8, 9, 20])
@pytest.mark.parametrize("bare_goals", [0, 1, 2])
def test_no_finding_says_add_an_action_while_another_says_there_are_too_many(actions, bare_goals):
    found = plan_findings(_crowded(bare_goals, actions))
    too_many = any(f.code == "too-many-actions" for f in found)
    adds = [f for f in found if f.suggestion.startswith("Add what a named person")]
    assert not (too_many and adds)
    if too_many and bare_goals:
        assert "none" in next(f for f in found if f.code == "too-many-actions").message


def test_a_worry_is_named_briefly_by_its_first_words():
    assert in_brief("Tolu misses nursery most weeks") == "Tolu misses nursery most weeks"
    assert in_brief("When Dad drinks, he shouts at Mum and Kemi hides upstairs") == (
        "When Dad drinks, he shouts at Mum and …"
    )
    assert in_brief("One two three four five six seven, eight nine", most_words=7) == (
        "One two three four five six seven …"
    )
