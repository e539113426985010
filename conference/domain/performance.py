"""The rules behind the managers' dashboard (docs/domain.md section 9): the months of a range, age
bands, and how one child's dates are judged against the statutory timescales of section 2.

The dashboard counts rows in SQL, grouped by the dates these rules need; the rules are then
applied once to each distinct group (dates repeat a great deal: a month has about 20 working
days), so the working-day calendar stays in one place, in Python, and is never copied into SQL.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from conference.domain import core_group_schedule, timescales

ON_TIME = "On time"
LATE = "Late"
NOT_HELD_OVERDUE = "Not held and overdue"
NOT_FINALISED_OVERDUE = "Not finalised and overdue"
NOT_SHARED = "Not shared"

# How long a plan lasted, for the plans that ended (docs/domain.md section 2).
UNDER_3_MONTHS = "Under 3 months"
UNDER_6_MONTHS = "3 months to under 6 months"
UNDER_2_YEARS = "6 months to under 2 years"
TWO_YEARS_OR_MORE = "2 years or more"
PLAN_LENGTHS = (UNDER_3_MONTHS, UNDER_6_MONTHS, UNDER_2_YEARS, TWO_YEARS_OR_MORE)

# Age bands of children on a plan: (youngest age in the band, label), oldest first.
AGE_BANDS = ((16, "16 and over"), (10, "10 to 15"), (5, "5 to 9"), (0, "0 to 4"))
UNBORN = "Unborn"


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    return timescales.add_calendar_months(first_of_month(day), 1) - timedelta(days=1)


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month from `start`'s month to `end`'s, in order."""
    months, month = [], first_of_month(start)
    while month <= end:
        months.append(month)
        month = timescales.add_calendar_months(month, 1)
    return months


def month_key(month: date) -> str:
    """ "2026-11", as the database's month bucket gives it."""
    return f"{month:%Y-%m}"


def born_on_or_before(as_of: date, years: int) -> date:
    """The latest date of birth of a child who is `years` old or more on `as_of` (a child born
    on 29 February has a birthday on 28 February in other years)."""
    return timescales.add_calendar_months(as_of, -12 * years)


@dataclass(frozen=True)
class Percentage:
    count: int
    denominator: int

    @property
    def shown(self) -> str:
        """ "75%" (whole numbers), or "No data" when nothing was counted."""
        if not self.denominator:
            return "No data"
        return f"{round(100 * self.count / self.denominator)}%"

    @property
    def value(self) -> float | None:
        return 100 * self.count / self.denominator if self.denominator else None


def icpc_band(strategy_discussion: date | None, held_on: date, calendar) -> str | None:
    """The working-day band from strategy discussion to initial conference; None (not counted)
    when the strategy discussion is not recorded or is after the conference."""
    if strategy_discussion is None or held_on < strategy_discussion:
        return None
    return timescales.icpc_timeliness_band(strategy_discussion, held_on, calendar)


def first_core_group_timing(
    initial_conference: date, first_core_group: date | None, today: date, calendar
) -> str | None:
    """The first core group is due within 10 working days of the initial conference. One not
    held yet is late once the due date has passed, and not counted before."""
    if first_core_group is None:
        overdue = today >= first_core_group_overdue_from(initial_conference, calendar)
        return NOT_HELD_OVERDUE if overdue else None
    due = timescales.first_core_group_due(initial_conference, calendar)
    return LATE if timescales.is_late(first_core_group, due) else ON_TIME


def first_core_group_overdue_from(initial_conference: date, calendar) -> date:
    """The first day a first core group not held yet counts as overdue: the day after it was
    due (the dashboard's totals keep it with this day)."""
    return timescales.first_core_group_due(initial_conference, calendar) + timedelta(days=1)


# A review further than this many days after a core group cannot make it late: the 10 working
# days before a review never span more (2 weekends and the Christmas bank holidays make 19).
REVIEW_NEAR_DAYS = 28


def core_group_timing(
    conference_type: str,
    conference_on: date,
    previous_meeting: date | None,
    held_on: date,
    calendar,
    interval_weeks: int = 6,
    next_review: date | None = None,
) -> str:
    """A core group is on time when held by the date the core group pages give
    (core_group_schedule.held_on_time, the one rule): within 10 working days of an initial
    conference (the first), within `interval_weeks` of the meeting before it or of a review
    conference; and at least 10 working days before `next_review`, the review conference
    held or booked on or after it, unless the meeting before it already was."""
    meetings = [previous_meeting, held_on] if previous_meeting is not None else [held_on]
    reviews = [conference_on] if conference_type == timescales.REVIEW else []
    if next_review is not None:
        reviews.append(next_review)
    timings = core_group_schedule.held_on_time(
        conference_on, meetings, calendar, interval_weeks, reviews
    )
    return ON_TIME if timings[-1].on_time else LATE


def core_group_interval_timing(
    days_since_previous: int,
    interval_weeks: int = 6,
    days_before_review: int | None = None,
    next_review: date | None = None,
    calendar=None,
) -> str:
    """core_group_timing for a core group after another meeting, which only the days between
    the two decide, and the next review when it is near (REVIEW_NEAR_DAYS): the dashboard
    counts by those rather than by each pair of dates. The review's own date is needed then,
    as the working days before it depend on the bank holidays."""
    # held_on_time judges the meeting before too, as a first core group, by the calendar.
    calendar = calendar if calendar is not None else timescales.default_calendar()
    if next_review is None or days_before_review is None:
        previous = date(2000, 1, 1)
        held_on = previous + timedelta(days=days_since_previous)
    else:
        held_on = next_review - timedelta(days=days_before_review)
        previous = held_on - timedelta(days=days_since_previous)
    return core_group_timing(
        timescales.INITIAL, previous, previous, held_on, calendar, interval_weeks, next_review
    )


def plan_finalised_timing(
    conference_type: str,
    conference_on: date,
    first_core_group: date | None,
    finalised_on: date | None,
    today: date,
    calendar,
    interval_weeks: int = 6,
) -> str | None:
    """A plan is due to be finalised by the first core group after its conference
    (core_group_schedule.plan_to_be_finalised_by). One still in draft is counted once that day
    has passed, and not before."""
    by = plan_finalised_by(
        conference_type, conference_on, first_core_group, calendar, interval_weeks
    )
    if finalised_on is None:
        return NOT_FINALISED_OVERDUE if today > by else None
    return LATE if timescales.is_late(finalised_on, by) else ON_TIME


def plan_finalised_by(
    conference_type: str,
    conference_on: date,
    first_core_group: date | None,
    calendar,
    interval_weeks: int = 6,
) -> date:
    return core_group_schedule.plan_to_be_finalised_by(
        conference_on,
        first_core_group,
        calendar,
        interval_weeks,
        after_review=conference_type == timescales.REVIEW,
    )


def review_timing(previous_type: str | None, previous_on: date | None, held_on: date) -> str | None:
    """The first review is due within 3 months of the initial (or transfer-in) conference, later
    ones within 6 months of the review before. None when there is no earlier conference."""
    if previous_type is None or previous_on is None:
        return None
    due = timescales.review_due(previous_type, previous_on)
    return LATE if timescales.is_late(held_on, due) else ON_TIME


def report_timing(
    conference_type: str,
    held_on: date,
    shared_on: date | None,
    calendar,
    initial_days: int = 2,
    review_days: int = 5,
) -> str:
    """Reports reach the parents 2 working days before an initial conference and 5 before a
    review (local settings); one never shared, or shared after the due date, is not on time."""
    if shared_on is None:
        return NOT_SHARED
    due = timescales.reports_to_parents_due(
        held_on, conference_type, calendar, initial_days, review_days
    )
    return LATE if timescales.is_late(shared_on, due) else ON_TIME


def plan_length(started_on: date, ended_on: date) -> str | None:
    """How long a plan that ended had lasted, in the bands managers watch."""
    if ended_on < started_on:
        return None
    if timescales.plan_ended_within(started_on, ended_on, 3):
        return UNDER_3_MONTHS
    if timescales.plan_ended_within(started_on, ended_on, 6):
        return UNDER_6_MONTHS
    if timescales.plan_lasted_two_years_or_more(started_on, ended_on):
        return TWO_YEARS_OR_MORE
    return UNDER_2_YEARS
