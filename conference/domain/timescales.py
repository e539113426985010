"""Statutory timescales for child protection conferences and core groups.

The rules come from Working Together to Safeguard Children as quoted in local procedures. Working
days are Monday to Friday except England and Wales bank holidays. Periods in calendar months end on
the same day of the month, or on the last day of a shorter month (30 November + 3 months is
28 February, or 29 February in a leap year). Every function takes and returns `date` objects.
"""

from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from functools import cache

import holidays

from conference.domain.wording import long_date

INITIAL = "initial"
REVIEW = "review"
TRANSFER_IN = "transfer_in"
CONFERENCE_TYPES = (INITIAL, REVIEW, TRANSFER_IN)

ICPC_WORKING_DAYS = 15
FIRST_CORE_GROUP_WORKING_DAYS = 10
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
CORE_GROUP_WORKING_DAYS_BEFORE_REVIEW = 10

# The distribution managers see for ICPC timeliness: (highest working day in band, label).
ICPC_TIMELINESS_BANDS = ((10, "0-10"), (15, "11-15"), (20, "16-20"))
ICPC_LATEST_BAND = "21+"

# GOV.UK's names, which staff know, where the `holidays` package uses others.
_GOVUK_NAMES = {
    "May Day": "Early May bank holiday",
    "Spring Bank Holiday": "Spring bank holiday",
    "Late Summer Bank Holiday": "Summer bank holiday",
}
_OBSERVED = " (observed)"


class WorkingDayCalendar:
    """Which days are working days: Monday to Friday, except bank holidays.

    The bank holidays of a year are looked up the first time a date in that year is asked about,
    then kept, so any year works (the GOV.UK list stops a few years ahead).
    """

    def __init__(self, bank_holidays_in_year: Callable[[int], Mapping[date, str]]):
        self._bank_holidays_in_year = bank_holidays_in_year
        self._by_year: dict[int, Mapping[date, str]] = {}

    @classmethod
    def from_dates(cls, bank_holidays: Mapping[date, str] | Iterable[date]) -> "WorkingDayCalendar":
        """A calendar with a fixed list of bank holidays, each with its name where given."""
        named = (
            dict(bank_holidays)
            if isinstance(bank_holidays, Mapping)
            else dict.fromkeys(bank_holidays, "bank holiday")
        )
        return cls(lambda year: {day: name for day, name in named.items() if day.year == year})

    @classmethod
    def england_and_wales(cls) -> "WorkingDayCalendar":
        """The bank holidays of England and Wales for any year, computed offline."""
        return cls(_england_and_wales_bank_holidays)

    def bank_holiday(self, day: date) -> str | None:
        """The name of the bank holiday on `day`, or None."""
        if day.year not in self._by_year:
            self._by_year[day.year] = self._bank_holidays_in_year(day.year)
        return self._by_year[day.year].get(day)

    def is_working_day(self, day: date) -> bool:
        """A working day is a weekday that is not a bank holiday."""
        return day.weekday() < 5 and self.bank_holiday(day) is None

    def next_working_day(self, day: date) -> date:
        """The first working day after `day` (never `day` itself)."""
        return self.add_working_days(day, 1)

    def add_working_days(self, start: date, n: int) -> date:
        """The day `n` working days after `start`. The start day itself is not counted, so 1
        working day after a Friday is the Monday (or the Tuesday after a bank holiday Monday).
        Adding 0 gives `start` back, whatever day it is."""
        return self._step(start, n, forward=True)

    def subtract_working_days(self, end: date, n: int) -> date:
        """The day `n` working days before `end`, not counting `end` itself: the mirror of
        `add_working_days`, so 2 working days before a Wednesday is the Monday."""
        return self._step(end, n, forward=False)

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after `start`, up to and including `end`.

        The same day gives 0, and so does Saturday to Sunday. When `end` is before `start` the
        answer is negative: minus the working days after `end` up to and including `start`.
        So `add_working_days(start, working_days_between(start, end)) == end` when `end` is a
        working day after `start`.
        """
        if end < start:
            return -self.working_days_between(end, start)
        # Counted by whole weeks, not day by day: My work judges thousands of items, some of
        # them years overdue.
        weeks, days = divmod((end - start).days, 7)
        weekdays = weeks * 5 + sum(
            (start + timedelta(days=offset)).weekday() < 5 for offset in range(1, days + 1)
        )
        holidays = sum(
            1
            for year in range(start.year, end.year + 1)
            for day in self._holidays_in(year)
            if start < day <= end and day.weekday() < 5
        )
        return weekdays - holidays

    def _holidays_in(self, year: int) -> Mapping[date, str]:
        if year not in self._by_year:
            self._by_year[year] = self._bank_holidays_in_year(year)
        return self._by_year[year]

    def _step(self, day: date, n: int, *, forward: bool) -> date:
        if n < 0:
            raise ValueError("The number of working days must be 0 or more")
        one_day = timedelta(days=1 if forward else -1)
        while n:
            day += one_day
            if self.is_working_day(day):
                n -= 1
        return day


def _england_and_wales_bank_holidays(year: int) -> dict[date, str]:
    # England and Wales share their bank holidays. Plain "GB" would leave out Easter Monday, and
    # "SCT" or "NIR" would add days (2 January, St Andrew's Day, St Patrick's Day) that are
    # working days here.
    found = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return {day: _govuk_name(name) for day, name in found.items()}


def _govuk_name(name: str) -> str:
    if name.endswith(_OBSERVED):
        return f"substitute day for {_govuk_name(name.removesuffix(_OBSERVED))}"
    return _GOVUK_NAMES.get(name, name)


@cache
def default_calendar() -> WorkingDayCalendar:
    """The England and Wales calendar, shared so each year's bank holidays are computed once."""
    return WorkingDayCalendar.england_and_wales()


def add_calendar_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the last day of that month when it is
    shorter: 31 August + 6 months is 28 February (29 February in a leap year)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def initial_conference_due(strategy_discussion: date, calendar: WorkingDayCalendar) -> date:
    """The initial child protection conference is held within 15 working days of the strategy
    discussion that started the section 47 enquiry (the census's InitialCPCtarget)."""
    return calendar.add_working_days(strategy_discussion, ICPC_WORKING_DAYS)


def first_core_group_due(initial_conference: date, calendar: WorkingDayCalendar) -> date:
    """The first core group meets within 10 working days of the initial conference."""
    return calendar.add_working_days(initial_conference, FIRST_CORE_GROUP_WORKING_DAYS)


def first_review_due(initial_conference: date) -> date:
    """The first review conference is held within 3 months of the initial conference."""
    return add_calendar_months(initial_conference, FIRST_REVIEW_MONTHS)


def later_review_due(previous_review: date) -> date:
    """Later review conferences are held at intervals of no more than 6 months."""
    return add_calendar_months(previous_review, LATER_REVIEW_MONTHS)


def review_due(conference_type: str, held_on: date) -> date:
    """When the next review conference is due after a conference of this type: 3 months after an
    initial or transfer-in conference (local procedures treat a transfer-in conference as the
    start of the plan here), 6 months after a review."""
    _check_conference_type(conference_type)
    if conference_type == REVIEW:
        return later_review_due(held_on)
    return first_review_due(held_on)


def latest_core_group_before_review(review_date: date, calendar: WorkingDayCalendar) -> date:
    """The last core group before a review conference is held at least 10 working days before it,
    so the social worker's report can give the core group's view and reach the parents in time.
    Returns the latest working day that allows this."""
    return calendar.subtract_working_days(review_date, CORE_GROUP_WORKING_DAYS_BEFORE_REVIEW)


def next_core_group_due(previous: date, interval_weeks: int = 6) -> date:
    """Core groups after the first meet at least every 6 weeks (a local setting: many areas say
    4 weeks)."""
    return previous + timedelta(weeks=interval_weeks)


def reports_to_parents_due(
    conference_date: date,
    conference_type: str,
    calendar: WorkingDayCalendar,
    initial_days: int = 2,
    review_days: int = 5,
) -> date:
    """Reports are shared with parents 2 working days before an initial (or transfer-in)
    conference and 5 working days before a review (both local settings), so families read them
    before the day rather than on it."""
    _check_conference_type(conference_type)
    days = review_days if conference_type == REVIEW else initial_days
    return calendar.subtract_working_days(conference_date, days)


def is_late(held_on: date, due: date) -> bool:
    """Held on the due date counts as on time."""
    return held_on > due


def days_late(held_on: date, due: date) -> int:
    """Calendar days after the due date; 0 when on time or early."""
    return max((held_on - due).days, 0)


def working_days_late(held_on: date, due: date, calendar: WorkingDayCalendar) -> int:
    """Working days after the due date, up to and including `held_on` (or today, for something
    not done yet); 0 when on time or early. The unit of the statutory timescales, so a Friday
    deadline met on the Saturday is late by 0 working days."""
    return max(calendar.working_days_between(due, held_on), 0)


def icpc_timeliness_band(
    strategy_discussion: date, icpc_date: date, calendar: WorkingDayCalendar
) -> str:
    """The band managers report for the time from strategy discussion to initial conference:
    "0-10", "11-15", "16-20" or "21+" working days. Up to 15 is within the statutory timescale."""
    if icpc_date < strategy_discussion:
        raise ValueError("The initial conference cannot be before the strategy discussion")
    working_days = calendar.working_days_between(strategy_discussion, icpc_date)
    for highest, label in ICPC_TIMELINESS_BANDS:
        if working_days <= highest:
            return label
    return ICPC_LATEST_BAND


def weekend_or_bank_holiday_reason(day: date, calendar: WorkingDayCalendar) -> str | None:
    """Conferences are never held at weekends or on bank holidays. Says why `day` cannot be used,
    in words for the person choosing the date, or None when it can."""
    when = long_date(day)
    if day.weekday() >= 5:
        return f"Conferences are not held at weekends: {when} is a {day:%A}"
    name = calendar.bank_holiday(day)
    if name is not None:
        return f"Conferences are not held on bank holidays: {when} is a bank holiday ({name})"
    return None


def plan_lasted_two_years_or_more(start: date, end_or_today: date) -> bool:
    """Managers watch plans lasting 2 years or more. Pass today for a plan still open. A plan
    that started on 29 February reaches 2 years on 28 February, as with review dates."""
    _check_plan_dates(start, end_or_today)
    return end_or_today >= add_calendar_months(start, 24)


def plan_ended_within(start: date, end: date, months: int) -> bool:
    """Managers watch plans that ended within 3 or 6 months of starting: ended before they had
    lasted that many months (the census's "under 3 months"), so exactly 3 months is not within."""
    _check_plan_dates(start, end)
    return end < add_calendar_months(start, months)


def _check_plan_dates(start: date, end: date) -> None:
    if end < start:
        raise ValueError("The plan cannot end before it starts")


def _check_conference_type(conference_type: str) -> None:
    if conference_type not in CONFERENCE_TYPES:
        raise ValueError(f"Unknown conference type {conference_type!r}")
