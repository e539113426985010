"""Comparing two versions of a plan: no app, no database."""

from datetime import date
from types import SimpleNamespace

from conference.domain import plan_versions
from conference.domain.plan_versions import (
    ActionVersion,
    Change,
    GoalVersion,
    PlanVersion,
    compare,
    shown,
)
from conference.domain.vocabulary import action_status_label

BEDTIME = {
    "statement": "Lily (6) has a calm bedtime on at least 6 of 7 nights",
    "measure": "Mum’s diary",
    "baseline": "2 calm nights a week",
    "target": "6 of 7 nights",
    "sustained_for": "3 months",
    "review_on": date(2027, 1, 15),
    "owner": "Mum",
}
SCHOOL = {**BEDTIME, "statement": "Lily goes to school every day", "measure": "Register"}
COURSE = ActionVersion("Mum goes to the parenting course", "Mum", date(2026, 12, 20))
DIARY = ActionVersion("Mum keeps the bedtime diary", "Mum", date(2026, 12, 1))
PLAN = {"contingency_plan": "Lily stays with Grandma", "child_seen": "Every 2 weeks"}


def version(number, *goals, **fields):
    return PlanVersion(number, tuple(goals), {**PLAN, **fields})


def test_same_goals_and_fields_nothing_changed():
    old = version(1, GoalVersion(1, 1, (1,), BEDTIME, (COURSE,)))
    new = version(2, GoalVersion(5, 1, (5, 1), BEDTIME, (COURSE,)))
    comparison = compare(new, old)
    assert (comparison.older.number, comparison.newer.number) == (1, 2)
    assert comparison.nothing_changed
    assert comparison.goals_unchanged == 1


def test_a_changed_measure_is_shown_old_to_new():
    old = version(1, GoalVersion(1, 1, (1,), BEDTIME))
    new = version(2, GoalVersion(5, 1, (5, 1), {**BEDTIME, "measure": "Two unannounced visits"}))
    [change] = compare(old, new).goals_changed
    assert change.changes == (Change("Measure", "Mum’s diary", "Two unannounced visits"),)
    assert (change.old.id, change.new.id) == (1, 5)


def test_review_dates_and_blanks_read_as_people_write_them():
    old = version(1, GoalVersion(1, 1, (1,), {**BEDTIME, "baseline": ""}))
    new = version(
        2,
        GoalVersion(
            5, 1, (5, 1), {**BEDTIME, "baseline": "  1 calm night ", "review_on": date(2027, 3, 3)}
        ),
    )
    [change] = compare(old, new).goals_changed
    assert change.changes == (
        Change("Baseline", "", "1 calm night"),
        Change("Review date", "15 January 2027", "3 March 2027"),
    )


def test_goals_added_and_removed():
    old = version(1, GoalVersion(1, 1, (1,), BEDTIME), GoalVersion(2, 2, (2,), SCHOOL))
    new = version(
        2,
        GoalVersion(5, 1, (5, 1), BEDTIME),
        GoalVersion(6, 2, (6,), {**SCHOOL, "statement": "Lily sees her dad safely"}),
    )
    comparison = compare(old, new)
    assert [goal.id for goal in comparison.goals_added] == [6]
    assert [goal.id for goal in comparison.goals_removed] == [2]
    assert comparison.goals_changed == ()
    assert not comparison.nothing_changed


def test_a_later_version_is_matched_through_its_line_of_origins():
    first = version(1, GoalVersion(1, 1, (1,), BEDTIME))
    third = version(3, GoalVersion(9, 1, (9, 5, 1), {**BEDTIME, "target": "7 of 7 nights"}))
    [change] = compare(third, first).goals_changed
    assert change.changes == (Change("Target", "6 of 7 nights", "7 of 7 nights"),)


def test_actions_added_removed_and_status_changed():
    old = version(1, GoalVersion(1, 1, (1,), BEDTIME, (COURSE, DIARY)))
    started = ActionVersion(COURSE.what, "Mum", COURSE.by_when, "in_progress")
    visits = ActionVersion("Sam visits unannounced twice a month", "Sam Jones", None)
    new = version(2, GoalVersion(5, 1, (5, 1), BEDTIME, (started, visits)))
    [change] = compare(old, new).goals_changed
    assert change.changes == ()
    assert change.actions_added == (visits,)
    assert change.actions_removed == (DIARY,)
    [action] = change.actions_changed
    assert action.what == COURSE.what
    assert action.changes == (Change("Status", "Not started", "In progress"),)


def test_an_action_is_the_same_whatever_its_spaces_and_capitals():
    old = version(1, GoalVersion(1, 1, (1,), BEDTIME, (COURSE,)))
    same = ActionVersion("  mum goes to the  parenting course", "Mum", COURSE.by_when)
    assert compare(old, version(2, GoalVersion(5, 1, (5, 1), BEDTIME, (same,)))).nothing_changed


def test_the_plans_own_statements():
    old = version(1)
    new = version(2, contingency_plan="Lily and Sam stay with Grandma", child_seen="Every 2 weeks")
    assert compare(old, new).plan_changes == (
        Change("Contingency plan", "Lily stays with Grandma", "Lily and Sam stay with Grandma"),
    )


def test_labels():
    assert action_status_label("done") == "Done"
    assert action_status_label("on_hold") == "On hold"
    assert shown(None) == ""
    assert shown(date(2027, 1, 5)) == "5 January 2027"


def _version(number, ended_on=None, finalised_at="finalised"):
    conference = SimpleNamespace(finalised_at=finalised_at)
    return SimpleNamespace(number=number, ended_on=ended_on, conference=conference)


def test_the_plan_in_force_is_the_newest_version_unless_it_has_ended():
    first, second = _version(1), _version(2)
    assert plan_versions.plan_in_force([second, first]) is second
    assert plan_versions.plan_in_force([first, _version(2, date(2027, 3, 1))]) is None
    assert plan_versions.plan_in_force([]) is None


def test_a_version_written_for_a_review_under_way_is_not_in_force_until_it_is_finalised():
    first, next_version = _version(1), _version(2, finalised_at=None)
    assert plan_versions.plan_in_force([first, next_version]) is first
    # With no conference finalised yet, the newest version is the one there is.
    alone = _version(1, finalised_at=None)
    assert plan_versions.plan_in_force([alone]) is alone
