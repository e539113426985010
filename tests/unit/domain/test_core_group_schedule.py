"""When core groups are due and whether each was on time: no app, no database. Every expected
date was worked out by hand from a printed calendar (26 November 2026 is a Thursday; Christmas
Day 2026 is a Friday, the substitute Boxing Day Monday 28 December, New Year's Day 2027 a
Friday)."""

from datetime import date

import pytest

from conference.domain import performance
from conference.domain.core_group_schedule import (
    FIRST,
    LAST_BEFORE_REVIEW,
    Due,
    Timing,
    after_review_reason,
    held_on_time,
    interval_reason,
    meeting_summary,
    next_core_group_due,
    overdue,
    plan_to_be_finalised_by,
    review_first_reason,
    working_days_overdue,
)
from conference.domain.timescales import WorkingDayCalendar

CALENDAR = WorkingDayCalendar.from_dates([date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)])
ICPC = date(2026, 11, 26)
FIRST_HELD = date(2026, 12, 10)
REVIEW = date(2027, 2, 26)  # 3 months after the initial conference, a Friday


def due(meetings=(), review=None, weeks=6, initial=ICPC, reviews_held=()) -> Due:
    return next_core_group_due(initial, list(meetings), review, CALENDAR, weeks, reviews_held)


def test_the_first_core_group_is_due_within_10_working_days_of_the_conference():
    # Fri 27 Nov (1), Mon 30 (2), Tue 1 Dec (3) … Wed 9 (9), Thu 10 December (10).
    assert due() == Due(date(2026, 12, 10), FIRST)
    assert FIRST == "First core group: due within 10 working days of the conference"


def test_bank_holidays_are_not_working_days_for_the_first_core_group():
    # From Fri 18 Dec: 21, 22, 23, 24 Dec (4), not 25 or 28, then 29, 30, 31 Dec (7), not
    # 1 January, then Mon 4 (8), Tue 5 (9), Wed 6 January 2027 (10).
    assert due(initial=date(2026, 12, 18)) == Due(date(2027, 1, 6), FIRST)


def test_later_core_groups_are_due_the_set_number_of_weeks_after_the_last():
    assert due([FIRST_HELD]) == Due(date(2027, 1, 21), "Due 6 weeks after the last core group")
    assert due([FIRST_HELD], weeks=4) == Due(date(2027, 1, 7), interval_reason(4))
    assert interval_reason(4) == "Due 4 weeks after the last core group"
    assert interval_reason(1) == "Due 1 week after the last core group"


def test_the_latest_meeting_counts_whatever_the_order_given():
    assert due([date(2027, 1, 21), FIRST_HELD]).on == date(2027, 3, 4)


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        # 21 January + 6 weeks is Thu 4 March. 10 working days before Wed 17 March is Wed
        # 3 March: the interval would put the meeting in those 10 days, so it moves forward.
        (date(2027, 3, 17), Due(date(2027, 3, 3), LAST_BEFORE_REVIEW)),
        # 10 working days before Thu 18 March is the due date itself: nothing moves.
        (date(2027, 3, 18), Due(date(2027, 3, 4), interval_reason(6))),
        (date(2027, 3, 19), Due(date(2027, 3, 4), interval_reason(6))),
    ],
)
def test_the_last_core_group_before_a_review_is_at_least_10_working_days_before_it(
    review, expected
):
    assert due([FIRST_HELD, date(2027, 1, 21)], review) == expected
    assert LAST_BEFORE_REVIEW == (
        "Last core group before the review: at least 10 working days before it"
    )


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        # The interval's date (Thu 4 March) falls on or after the review: the review comes
        # first, and the next core group is due 6 weeks after it.
        (date(2027, 3, 3), Due(date(2027, 4, 14), review_first_reason(6))),
        (date(2027, 3, 4), Due(date(2027, 4, 15), review_first_reason(6))),
        # The day after: a meeting is due by 10 working days before Fri 5 March (19 February).
        (date(2027, 3, 5), Due(date(2027, 2, 19), LAST_BEFORE_REVIEW)),
    ],
)
def test_no_core_group_is_due_before_a_review_that_comes_before_the_interval_ends(review, expected):
    assert due([FIRST_HELD, date(2027, 1, 21)], review) == expected


def test_a_last_core_group_18_working_days_before_the_review_leaves_none_due_before_it():
    # The demo's case: 21 January, then the review on Tue 16 February, 18 working days later,
    # meets "at least 10 working days before". Nothing is due until 6 weeks after the review.
    found = due([FIRST_HELD, date(2027, 1, 21)], date(2027, 2, 16))
    assert found == Due(date(2027, 3, 30), review_first_reason(6))
    assert found.reason == (
        "The review conference comes first: the last core group was at least 10 working days "
        "before it, so the next is due 6 weeks after the review"
    )


def test_bank_holidays_are_not_working_days_before_a_review():
    # 10 working days before Fri 8 January 2027, leaving out 1 January, 28 and 25 December:
    # Tue 22 December. 10 December + 4 weeks (7 January) is too late.
    assert due([FIRST_HELD], date(2027, 1, 8), weeks=4) == Due(
        date(2026, 12, 22), LAST_BEFORE_REVIEW
    )


def test_after_a_review_conference_the_next_core_group_is_due_the_interval_after_it():
    held = [FIRST_HELD, date(2027, 1, 21)]
    assert due(held, reviews_held=[date(2027, 2, 16)]) == Due(
        date(2027, 3, 30), after_review_reason(6)
    )
    assert after_review_reason(4) == "Due 4 weeks after the review conference"
    # A meeting since the review counts from the meeting.
    assert due([*held, date(2027, 3, 2)], reviews_held=[date(2027, 2, 16)]).on == date(2027, 4, 13)


def test_a_review_far_enough_away_changes_nothing():
    assert due([FIRST_HELD], REVIEW) == Due(date(2027, 1, 21), interval_reason(6))
    assert due([FIRST_HELD]) == due([FIRST_HELD], REVIEW)


def test_once_the_last_meeting_before_the_review_is_held_the_review_is_next():
    held = [FIRST_HELD, date(2027, 1, 21), date(2027, 2, 12)]
    assert due(held, REVIEW) == Due(date(2027, 4, 9), review_first_reason(6))
    # Held too close to the review: still nothing is due before it.
    assert due([FIRST_HELD, date(2027, 2, 15)], REVIEW).on == date(2027, 4, 9)


def test_a_review_soon_after_the_conference_brings_the_first_core_group_forward():
    # 10 working days before Fri 18 December 2026 is Fri 4 December, before 10 December.
    assert due(review=date(2026, 12, 18)) == Due(date(2026, 12, 4), LAST_BEFORE_REVIEW)


def test_a_review_too_soon_to_allow_a_meeting_before_it_is_ignored():
    # 10 working days before Fri 4 December is Fri 20 November, before the conference.
    assert due(review=date(2026, 12, 4)) == Due(date(2026, 12, 10), FIRST)


@pytest.mark.parametrize(
    ("today", "late"),
    [(date(2026, 12, 9), False), (date(2026, 12, 10), False), (date(2026, 12, 11), True)],
)
def test_a_core_group_is_overdue_from_the_day_after_it_was_due(today, late):
    assert overdue(date(2026, 12, 10), today) is late


@pytest.mark.parametrize(
    ("today", "days"),
    [
        (date(2026, 12, 9), 0),
        (date(2026, 12, 10), 0),
        (date(2026, 12, 11), 1),
        (date(2026, 12, 14), 2),  # Monday: the weekend is not counted
    ],
)
def test_how_overdue_is_counted_in_working_days(today, days):
    assert working_days_overdue(date(2026, 12, 10), today, CALENDAR) == days


def test_bank_holidays_are_not_counted_in_how_overdue():
    # Due Thu 24 December: Christmas Day and the substitute Boxing Day are not working days.
    assert overdue(date(2026, 12, 24), date(2026, 12, 28))
    assert working_days_overdue(date(2026, 12, 24), date(2026, 12, 28), CALENDAR) == 0
    assert working_days_overdue(date(2026, 12, 24), date(2026, 12, 29), CALENDAR) == 1
    assert working_days_overdue(date(2026, 12, 24), date(2027, 1, 4), CALENDAR) == 4


def test_each_meeting_is_on_time_against_the_one_before_it():
    held = [date(2027, 3, 5), FIRST_HELD, date(2027, 1, 22)]
    assert held_on_time(ICPC, held, CALENDAR) == [
        Timing(FIRST_HELD, date(2026, 12, 10), True),
        Timing(date(2027, 1, 22), date(2027, 1, 21), False),  # a day late
        # Due 6 weeks after 22 January, the meeting before it, not after 21 January.
        Timing(date(2027, 3, 5), date(2027, 3, 5), True),
    ]


def test_a_first_core_group_after_10_working_days_is_late():
    assert held_on_time(ICPC, [date(2026, 12, 11)], CALENDAR) == [
        Timing(date(2026, 12, 11), date(2026, 12, 10), False)
    ]


@pytest.mark.parametrize(
    ("held_on", "on_time"),
    [(date(2027, 3, 2), True), (date(2027, 3, 3), True), (date(2027, 3, 4), False)],
)
def test_a_meeting_is_judged_against_the_date_before_the_review_it_was_due_by(held_on, on_time):
    # Review on Wed 17 March: the meeting after 21 January was due by Wed 3 March.
    timings = held_on_time(
        ICPC, [FIRST_HELD, date(2027, 1, 21), held_on], CALENDAR, reviews=[date(2027, 3, 17)]
    )
    assert timings[2] == Timing(held_on, date(2027, 3, 3), on_time)


def test_the_first_meeting_after_a_review_is_due_the_interval_after_the_review():
    reviews = [date(2027, 2, 16)]
    held = [FIRST_HELD, date(2027, 1, 21)]
    on_the_day = held_on_time(ICPC, [*held, date(2027, 3, 30)], CALENDAR, reviews=reviews)
    assert [t.on_time for t in on_the_day] == [True, True, True]
    assert on_the_day[2].due == date(2027, 3, 30)
    assert not held_on_time(ICPC, [*held, date(2027, 3, 31)], CALENDAR, reviews=reviews)[2].on_time
    # Counted from a review, as the review page does: the review starts the interval.
    assert held_on_time(reviews[0], [date(2027, 3, 30)], CALENDAR, reviews=reviews) == [
        Timing(date(2027, 3, 30), date(2027, 3, 30), True)
    ]


def test_with_4_weekly_core_groups_the_interval_is_4_weeks():
    timings = held_on_time(ICPC, [FIRST_HELD, date(2027, 1, 8)], CALENDAR, interval_weeks=4)
    assert timings[1] == Timing(date(2027, 1, 8), date(2027, 1, 7), False)
    assert held_on_time(ICPC, [], CALENDAR) == []


@pytest.mark.parametrize(
    ("first_meeting", "by"),
    [
        (None, date(2026, 12, 10)),  # not met yet: the first core group's due date
        (date(2026, 12, 3), date(2026, 12, 3)),  # met early: the day it met
        (date(2026, 12, 10), date(2026, 12, 10)),
        (date(2026, 12, 11), date(2026, 12, 10)),  # met late: no more time for the plan
    ],
)
def test_a_plan_is_due_to_be_finalised_by_the_first_core_group(first_meeting, by):
    assert plan_to_be_finalised_by(ICPC, first_meeting, CALENDAR) == by


def test_a_plan_from_a_review_is_due_by_the_first_core_group_after_the_review():
    review = date(2027, 2, 16)
    assert plan_to_be_finalised_by(review, None, CALENDAR, after_review=True) == date(2027, 3, 30)
    assert plan_to_be_finalised_by(review, None, CALENDAR, 4, after_review=True) == date(
        2027, 3, 16
    )
    # Over Christmas, the 10 working days leave out the bank holidays.
    assert plan_to_be_finalised_by(date(2026, 12, 18), None, CALENDAR) == date(2027, 1, 6)


def test_the_summary_of_a_meeting_puts_the_best_first_and_leaves_out_what_nobody_gave():
    summary = meeting_summary(
        ["worse", "some_progress", "achieved", "some_progress"],
        ["done", "not_done", "done", "in_progress", "no_longer_needed"],
    )
    assert summary.goals == "1 achieved, 2 some progress, 1 worse"
    assert summary.actions == "2 of 5 actions done, 1 in progress, 1 not done, 1 no longer needed"
    assert meeting_summary(["no_change"], ["done"]).actions == "1 of 1 action done"
    assert meeting_summary([], ["not_done"]).actions == "0 of 1 action done, 1 not done"
    empty = meeting_summary([], [])
    assert (empty.goals, empty.actions) == ("No goals rated", "No actions reviewed")


def test_the_summary_counts_every_action_of_the_plan_not_only_those_reviewed():
    """A meeting that reviewed 1 of the plan's 9 actions does not say "1 of 1 action done"."""
    assert meeting_summary([], ["done"], not_reviewed=8).actions == (
        "1 of 9 actions done, 8 not reviewed"
    )
    assert meeting_summary([], [], not_reviewed=9).actions == "No actions reviewed"


# The dashboard judges by the same rules (domain/performance.py).


@pytest.mark.parametrize(
    ("finalised_on", "today", "outcome"),
    [
        (date(2026, 12, 10), date(2027, 1, 4), performance.ON_TIME),
        (date(2026, 12, 11), date(2027, 1, 4), performance.LATE),
        (None, date(2026, 12, 10), None),  # not counted until the due date has passed
        (None, date(2026, 12, 11), performance.NOT_FINALISED_OVERDUE),
    ],
)
def test_the_dashboard_judges_a_plan_by_the_first_core_group(finalised_on, today, outcome):
    assert (
        performance.plan_finalised_timing("initial", ICPC, None, finalised_on, today, CALENDAR)
        == outcome
    )


def test_the_dashboard_judges_a_core_group_by_the_same_interval_and_first_rules():
    assert performance.core_group_timing("initial", ICPC, None, FIRST_HELD, CALENDAR) == "On time"
    review = date(2027, 2, 16)
    # The first after a review: 6 weeks after it, 30 March.
    judged = [
        performance.core_group_timing("review", review, None, held_on, CALENDAR)
        for held_on in (date(2027, 3, 30), date(2027, 3, 31))
    ]
    assert judged == ["On time", "Late"]
    assert performance.core_group_interval_timing(43) == "Late"
    assert performance.core_group_interval_timing(42) == "On time"
