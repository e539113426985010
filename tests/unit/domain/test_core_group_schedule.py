"""When core groups are due and whether each was on time: no app, no database. Every expected
date was worked out by hand from a printed calendar (26 November 2026 is a Thursday; Christmas
Day 2026 is a Friday, the substitute Boxing Day Monday 28 December, New Year's Day 2027 a
Friday)."""

from datetime import date

import pytest

from conference.domain.core_group_schedule import (
    FIRST,
    LAST_BEFORE_REVIEW,
    Due,
    Timing,
    held_on_time,
    interval_reason,
    meeting_summary,
    next_core_group_due,
    overdue,
)
from conference.domain.timescales import WorkingDayCalendar

CALENDAR = WorkingDayCalendar.from_dates([date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)])
ICPC = date(2026, 11, 26)
FIRST_HELD = date(2026, 12, 10)
REVIEW = date(2027, 2, 26)  # 3 months after the initial conference, a Friday


def due(meetings=(), review=None, weeks=6, initial=ICPC) -> Due:
    return next_core_group_due(initial, list(meetings), review, CALENDAR, weeks)


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


def test_the_last_core_group_before_a_review_is_at_least_10_working_days_before_it():
    # 10 working days before Fri 26 February 2027 is Fri 12 February; 21 January + 6 weeks
    # (4 March) would be too late.
    assert due([FIRST_HELD, date(2027, 1, 21)], REVIEW) == Due(
        date(2027, 2, 12), LAST_BEFORE_REVIEW
    )
    assert LAST_BEFORE_REVIEW == (
        "Last core group before the review: at least 10 working days before it"
    )


def test_a_review_far_enough_away_changes_nothing():
    assert due([FIRST_HELD], REVIEW) == Due(date(2027, 1, 21), interval_reason(6))
    assert due([FIRST_HELD]) == due([FIRST_HELD], REVIEW)


def test_once_the_last_meeting_before_the_review_is_held_the_next_follows_the_interval():
    assert due([FIRST_HELD, date(2027, 1, 21), date(2027, 2, 12)], REVIEW) == Due(
        date(2027, 3, 26), interval_reason(6)
    )
    # Held too close to the review: the next is still 6 weeks on.
    assert due([FIRST_HELD, date(2027, 2, 15)], REVIEW).on == date(2027, 3, 29)


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


def test_with_4_weekly_core_groups_the_interval_is_4_weeks():
    timings = held_on_time(ICPC, [FIRST_HELD, date(2027, 1, 8)], CALENDAR, interval_weeks=4)
    assert timings[1] == Timing(date(2027, 1, 8), date(2027, 1, 7), False)
    assert held_on_time(ICPC, [], CALENDAR) == []


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
