"""The review conference's rules: no app, no database. Dates were worked out by hand from a
printed calendar (Easter 2027: Good Friday 26 March, Easter Monday 29 March)."""

from datetime import date

import pytest

from conference.domain import review
from conference.domain.core_group_schedule import Timing
from conference.domain.timescales import WorkingDayCalendar
from conference.domain.vocabulary import GOAL_STATES

CALENDAR = WorkingDayCalendar.england_and_wales()


# How many core groups met, and on time.


@pytest.mark.parametrize(
    ("on_time", "text"),
    [
        ([], "No core groups held yet"),
        ([True], "1 core group held, on time"),
        ([True, True, True], "3 core groups held, all on time"),
        ([True, False, True], "3 core groups held: 1 late"),
        ([False, False], "2 core groups held: 2 late"),
    ],
)
def test_timeliness_in_words(on_time, text):
    timings = [Timing(date(2027, 1, 4), date(2027, 1, 4), flag) for flag in on_time]
    assert review.timeliness_text(timings) == text


# The report for the parents: 5 working days before the review.


def test_a_report_not_shared_yet_must_reach_the_parents_5_working_days_before():
    # Wednesday 17 March 2027: back over Tue 16, Mon 15, Fri 12, Thu 11, Wed 10.
    sharing = review.report_sharing(date(2027, 3, 17), None, date(2027, 3, 1), CALENDAR)
    assert sharing.state == review.NOT_SHARED_YET
    assert sharing.due == date(2027, 3, 10)
    assert sharing.warning == (
        "The report must be shared with the parents by 10 March 2027 "
        "(5 working days before the review)"
    )


def test_the_easter_bank_holidays_are_not_working_days():
    # Thursday 1 April 2027: Wed 31, Tue 30, (Easter Monday, weekend, Good Friday), Thu 25,
    # Wed 24, Tue 23 March.
    sharing = review.report_sharing(date(2027, 4, 1), None, date(2027, 3, 1), CALENDAR)
    assert sharing.due == date(2027, 3, 23)


def test_a_report_not_shared_by_its_due_date_is_overdue():
    sharing = review.report_sharing(date(2027, 3, 17), None, date(2027, 3, 11), CALENDAR)
    assert sharing.state == review.OVERDUE
    assert "must be shared with the parents by 10 March 2027" in sharing.warning


def test_a_report_shared_on_the_due_date_is_on_time():
    sharing = review.report_sharing(
        date(2027, 3, 17), date(2027, 3, 10), date(2027, 3, 16), CALENDAR
    )
    assert (sharing.state, sharing.warning) == (review.SHARED, "")
    assert sharing.message == "Report shared with parents on 10 March 2027"


def test_a_report_shared_after_the_due_date_is_late():
    sharing = review.report_sharing(
        date(2027, 3, 17), date(2027, 3, 11), date(2027, 3, 16), CALENDAR
    )
    assert sharing.state == review.SHARED_LATE
    assert sharing.message == "Report shared with parents on 11 March 2027"
    assert sharing.warning == "Shared late: it was due by 10 March 2027"


def test_the_number_of_days_is_a_setting():
    sharing = review.report_sharing(date(2027, 3, 17), None, date(2027, 3, 1), CALENDAR, 3)
    assert sharing.due == date(2027, 3, 12)
    assert "(3 working days before the review)" in sharing.warning


# Pre-filling the review's map.


def test_sources_name_where_an_item_came_from():
    assert review.previous_source(12) == "previous:12"
    assert review.goal_source(7) == "goal:7"
    assert review.is_prefilled("previous:12") and review.is_prefilled("goal:7")
    assert not review.is_prefilled("") and not review.is_prefilled("typed")
    assert review.source_id("previous:12", review.PREVIOUS) == 12
    assert review.source_id("goal:7", review.PREVIOUS) is None
    assert review.source_id("previous:x", review.PREVIOUS) is None


def test_pre_filling_twice_adds_nothing_new():
    wanted = ["previous:1", "previous:2", "goal:5", "previous:1"]
    assert review.sources_to_add(wanted, []) == ["previous:1", "previous:2", "goal:5"]
    assert review.sources_to_add(wanted, ["previous:2", "", "typed"]) == ["previous:1", "goal:5"]
    assert review.sources_to_add(wanted, wanted) == []


def test_an_achieved_goal_becomes_safety_or_a_strength():
    assert review.achieved_goal_heading(answers_a_worry=True) == "safety"
    assert review.achieved_goal_heading(answers_a_worry=False) == "strengths"
    text = review.achieved_goal_text(" Kemi goes to school. ", date(2027, 3, 3), "97% ")
    assert text == "Achieved by the core group on 3 March 2027: Kemi goes to school. Now: 97%"
    assert review.achieved_goal_text("Goal.", date(2027, 3, 3), " ").endswith(": Goal.")


# The decision for each child.


def test_continuing_keeps_the_category():
    assert review.review_outcome("continue", "EMO", "NEG", "died") == review.ReviewOutcome(
        "cp_plan", "EMO"
    )


def test_continuing_under_another_category():
    assert review.review_outcome("change_category", "EMO", "NEG", None) == review.ReviewOutcome(
        "cp_plan", "NEG"
    )


def test_a_step_down_is_a_child_in_need_plan_and_any_other_ending_no_further_action():
    step_down = review.review_outcome("end", "EMO", "NEG", "step_down_cin")
    assert step_down == review.ReviewOutcome("cin_plan", None, "step_down_cin")
    for reason in ("transferred", "turned_18", "died", "left_uk", "no_longer_at_risk"):
        assert review.review_outcome("end", "EMO", None, reason) == review.ReviewOutcome(
            "nfa", None, reason
        )


@pytest.mark.parametrize(
    ("choice", "current", "category", "reason", "message"),
    [
        ("continue", None, None, None, "No category was recorded at the last conference"),
        ("change_category", "EMO", "", None, "Select the new category of abuse"),
        ("end", "EMO", None, None, "Select why the plan ends"),
        ("end", "EMO", None, "moved house", "Select why the plan ends"),
        ("", "EMO", None, None, "Select what happens to the plan"),
    ],
)
def test_an_incomplete_choice_says_what_is_missing(choice, current, category, reason, message):
    with pytest.raises(review.OutcomeIncomplete, match=message):
        review.review_outcome(choice, current, category, reason)


@pytest.mark.parametrize(
    ("outcome", "choice"),
    [
        (None, None),
        (review.ReviewOutcome("cp_plan", "EMO"), "continue"),
        (review.ReviewOutcome("cp_plan", "NEG"), "change_category"),
        (review.ReviewOutcome("cin_plan", None, "step_down_cin"), "end"),
        (review.ReviewOutcome("nfa"), "end"),
    ],
)
def test_a_stored_decision_reads_as_the_choice_made(outcome, choice):
    assert review.choice_of(outcome, "EMO") == choice


def test_a_decision_recorded_without_a_reason_for_ending_has_one_read_into_it():
    assert review.end_reason_of(review.ReviewOutcome("cin_plan")) == "step_down_cin"
    assert review.end_reason_of(review.ReviewOutcome("nfa")) == "no_longer_at_risk"
    assert review.end_reason_of(review.ReviewOutcome("nfa", None, "died")) == "died"


# What happens to the plan.

CONTINUES = review.ReviewOutcome("cp_plan", "EMO")
STEPS_DOWN = review.ReviewOutcome("cin_plan", None, "step_down_cin")
SAFE = review.ReviewOutcome("nfa", None, "no_longer_at_risk")
MOVED = review.ReviewOutcome("nfa", None, "transferred")


def test_the_plan_continues_while_any_child_stays_on_it():
    assert review.plan_continues([STEPS_DOWN, CONTINUES])
    assert review.plan_ending([STEPS_DOWN, CONTINUES]) is None
    assert not review.plan_continues([])
    assert review.plan_ending([]) is None


def test_a_plan_ending_for_every_child_for_one_reason():
    assert review.plan_ending([STEPS_DOWN, STEPS_DOWN]) == review.PlanEnding(
        "step_down_cin", "cin_plan"
    )
    assert review.plan_ending([SAFE, SAFE]) == review.PlanEnding("no_longer_at_risk", "closed")


def test_a_plan_ending_for_different_reasons():
    assert review.plan_ending([SAFE, MOVED]) == review.PlanEnding("different_reasons", "closed")
    # Any child stepping down keeps the family's case open, on a child in need plan.
    assert review.plan_ending([STEPS_DOWN, MOVED]) == review.PlanEnding(
        "different_reasons", "cin_plan"
    )
    assert review.PLAN_END_REASONS["different_reasons"] == "Different for each child"


# What happens to each safety goal.


def test_the_goal_the_core_group_found_achieved_is_offered_as_achieved():
    assert review.suggested_state("achieved") == "achieved"
    for rating in ("worse", "no_change", "some_progress", None):
        assert review.suggested_state(rating) == "kept"


def test_achieved_and_dropped_goals_are_no_longer_worked_to():
    assert [state for state in GOAL_STATES if review.is_active(state)] == [
        "kept",
        "changed",
    ]
    assert review.is_active("active")
