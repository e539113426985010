"""What staff are told before printing a young person's own child's plan: how many of their
goals it has, the child's plan printing only goals whose words for children the chair checked
(conference/pdf/own_copies.py `OwnCopy.child_plan_goals`)."""

from types import SimpleNamespace

from conference.pdf.own_copies import ADULT, CHILD, OwnCopy
from conference.services.child_words import GoalsReady


def copy_with(kind: str, ready: GoalsReady | None) -> OwnCopy:
    return OwnCopy(
        kind=kind,
        person=SimpleNamespace(id=7, name="Tolu Adebayo", plan_formats=[]),
        relationship="Young person",
        asked_for="",
        language="en",
        large_print=False,
        translated=False,
        audio_copy_id=None,
        child_goals=ready,
    )


def test_goals_left_out_are_counted_with_the_reason():
    copy = copy_with(CHILD, GoalsReady("Tolu", checked=2, goals=6))
    assert copy.goals_left_out
    assert copy.child_plan_goals == (
        "2 of 6 goals are in Tolu’s plan: the chair has not checked the words for children of "
        "the other 4. It says their social worker will tell them about the rest."
    )


def test_none_checked_leaves_every_goal_out():
    copy = copy_with(CHILD, GoalsReady("Tolu", checked=0, goals=3))
    assert copy.goals_left_out
    assert copy.child_plan_goals.startswith("0 of 3 goals are in Tolu’s plan:")


def test_every_goal_checked_leaves_none_out():
    copy = copy_with(CHILD, GoalsReady("Tolu", checked=3, goals=3))
    assert not copy.goals_left_out
    assert copy.child_plan_goals == "All 3 of Tolu’s goals are in Tolu’s plan."


def test_a_child_with_no_goal_is_told_so():
    copy = copy_with(CHILD, GoalsReady("Tolu", checked=0, goals=0))
    assert not copy.goals_left_out
    assert copy.child_plan_goals == "No safety goal is for Tolu, so Tolu’s plan has none in it."


def test_an_adult_s_copy_says_nothing_about_a_child_s_plan():
    copy = copy_with(ADULT, None)
    assert not copy.goals_left_out
    assert copy.child_plan_goals == ""
