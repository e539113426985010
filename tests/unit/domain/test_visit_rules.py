"""Statutory visits (conference/domain/visits.py): when each child on a plan is next due to be
seen, whether they were seen within timescale and seen alone at the last visit. No app, no
database. Dates worked out by hand from a calendar: 2 November 2026 is a Monday; Christmas Day
2026 is a Friday, the substitute Boxing Day Monday 28 December, New Year's Day 2027 a Friday."""

from datetime import date, timedelta

import pytest

from conference.domain import visits as rules
from conference.domain.timescales import WorkingDayCalendar
from conference.domain.visits import (
    ChildSeen,
    can_be_seen_alone,
    next_due,
    seen_within_timescale,
    status,
    statutory,
)

CALENDAR = WorkingDayCalendar.from_dates([date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)])
PLAN_START = date(2026, 11, 2)  # a Monday
TEN_DAYS_ON = date(2026, 11, 16)  # 10 working days after it


def seen(on: date, alone=True, by_lead=True, was_seen=True) -> ChildSeen:
    return ChildSeen(on, was_seen, alone, by_lead)


def test_the_first_visit_is_due_within_the_interval_of_the_plan_starting():
    assert next_due(PLAN_START, None, 10, CALENDAR) == TEN_DAYS_ON


def test_each_later_visit_is_due_within_the_interval_of_the_last_at_which_the_child_was_seen():
    assert next_due(PLAN_START, date(2026, 11, 12), 10, CALENDAR) == date(2026, 11, 26)


def test_bank_holidays_are_not_working_days():
    """From Friday 18 December: 21, 22, 23, 24, 29, 30, 31 December, 4, 5, 6 January."""
    assert next_due(PLAN_START, date(2026, 12, 18), 10, CALENDAR) == date(2027, 1, 6)


def test_a_visit_before_the_plan_started_counts_from_the_start():
    assert next_due(PLAN_START, date(2026, 10, 20), 10, CALENDAR) == TEN_DAYS_ON


def test_only_the_lead_social_workers_visits_at_which_the_child_was_seen_count():
    visits = [
        seen(date(2026, 11, 10), by_lead=False),
        seen(date(2026, 11, 9), was_seen=False),
        seen(date(2026, 11, 5), alone=False),
    ]
    assert statutory(visits) == [visits[2]]
    found = status(visits, PLAN_START, 10, CALENDAR, date(2026, 11, 13))
    assert found.last_seen_on == date(2026, 11, 5)
    assert found.seen_alone_at_last_visit is False
    assert found.next_due == date(2026, 11, 19)


def test_not_seen_yet_is_none_and_due_from_the_plan():
    found = status([], PLAN_START, 10, CALENDAR, date(2026, 11, 10))
    assert (found.last_seen_on, found.seen_alone_at_last_visit) == (None, None)
    assert (found.next_due, found.overdue) == (TEN_DAYS_ON, False)


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(date(2026, 11, 15), False), (TEN_DAYS_ON, False), (date(2026, 11, 17), True)],
)
def test_overdue_from_the_day_after_the_visit_was_due(today, overdue):
    assert status([], PLAN_START, 10, CALENDAR, today).overdue is overdue
    assert seen_within_timescale([], PLAN_START, 10, CALENDAR, today) is not overdue


def test_a_visit_after_the_day_asked_about_is_not_counted():
    """The dashboard asks about the end of a past month: later visits were not made yet."""
    visits = [seen(date(2026, 11, 5)), seen(date(2026, 12, 3), alone=False)]
    found = status(visits, PLAN_START, 10, CALENDAR, date(2026, 11, 30))
    assert found.last_seen_on == date(2026, 11, 5)
    assert found.seen_alone_at_last_visit is True
    assert found.overdue


def test_the_plans_own_interval():
    assert status([], PLAN_START, 20, CALENDAR, date(2026, 11, 20)).next_due == date(2026, 11, 30)


def test_an_unborn_baby_is_not_seen_alone_and_a_baby_born_is():
    assert can_be_seen_alone(None) is False
    assert can_be_seen_alone(date(2026, 11, 1)) is True


def test_a_visit_before_the_birth_saw_the_mother():
    born = date(2026, 11, 10)
    assert can_be_seen_alone(born, date(2026, 11, 9)) is False
    assert can_be_seen_alone(born, born) is True
    assert can_be_seen_alone(None, date(2026, 11, 9)) is False


def test_a_statutory_visits_key_says_its_day_and_whether_the_child_was_seen_alone():
    day = date(2026, 11, 30)
    days = (day - date(2000, 1, 1)).days

    def key(seen=True, alone=False, lead=True, on=day):
        return rules.statutory_key(rules.ChildSeen(on, seen, alone, lead))

    assert key() == days * 2
    assert key(alone=True) == days * 2 + 1
    # Not a statutory visit: another agency's, or the child not seen.
    assert key(lead=False) is None
    assert key(seen=False) is None
    # The later visit has the greater key, and of two the same day the one seen alone.
    assert key(on=day - timedelta(days=1), alone=True) < key() < key(alone=True)
    assert key(alone=True) == rules.greatest_key_by(day) < key(on=day + timedelta(days=1))
