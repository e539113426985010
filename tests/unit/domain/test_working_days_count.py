"""working_days_between counts by whole weeks: it must give what counting day by day gives,
across weekends, bank holidays (Christmas, Easter, substitute days) and years."""

import random
from datetime import date, timedelta

from conference.domain.timescales import default_calendar

CALENDAR = default_calendar()


def day_by_day(start: date, end: date) -> int:
    if end < start:
        return -day_by_day(end, start)
    days = range(1, (end - start).days + 1)
    return sum(CALENDAR.is_working_day(start + timedelta(days=n)) for n in days)


def test_counting_by_weeks_gives_what_counting_day_by_day_gives():
    rng = random.Random(18)  # noqa: S311 (the same ranges every run, not a secret)
    for _ in range(3000):
        start = date(2018, 1, 1) + timedelta(days=rng.randrange(4000))
        end = start + timedelta(days=rng.randrange(-900, 900))
        assert CALENDAR.working_days_between(start, end) == day_by_day(start, end), (start, end)


def test_years_apart_are_counted_exactly():
    start, end = date(2020, 1, 1), date(2025, 1, 1)
    assert CALENDAR.working_days_between(start, end) == day_by_day(start, end)
