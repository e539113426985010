"""Statutory visits (docs/domain.md section 10): when each child on a child protection plan is
next due to be seen by the lead social worker, whether they were seen within timescale, and
whether they were seen alone at the last visit.

- The first visit is due within the interval of the plan starting (the conference's date); each
  later one within the interval of the last visit at which the child was seen.
- Only the lead social worker's visits count (another agency's visit is welcome, but it is not
  the statutory visit), and only those where the child was seen.
- An unborn baby cannot be seen, or seen alone: the visit sees the mother, and the rule asks
  nothing more of it until the baby is born.

The interval is in working days (the plan's own, or the council's setting); the calendar is
passed in.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from conference.domain.timescales import WorkingDayCalendar


@dataclass(frozen=True)
class ChildSeen:
    """One child's part in one visit, as the rule needs it."""

    visited_on: date
    seen: bool
    seen_alone: bool
    by_lead_social_worker: bool


@dataclass(frozen=True)
class VisitStatus:
    last_seen_on: date | None
    seen_alone_at_last_visit: bool | None  # None: not seen on a statutory visit yet
    next_due: date
    overdue: bool


def statutory(visits: Iterable[ChildSeen]) -> list[ChildSeen]:
    """The visits that count, oldest first."""
    return sorted(
        (visit for visit in visits if visit.by_lead_social_worker and visit.seen),
        key=lambda visit: visit.visited_on,
    )


KEY_EPOCH = date(2000, 1, 1)


def statutory_key(visit: ChildSeen) -> int | None:
    """A child's part in a visit as one number, kept on the record so that the child's last
    statutory visit on or before a day is one index lookup (the dashboard judges every child on
    a plan at each month's end): the days since 2000 times two, plus one if seen alone. The
    greatest is the last visit; of two on the same day, the one at which they were seen alone.
    None when the part is not a statutory visit."""
    if not (visit.by_lead_social_worker and visit.seen):
        return None
    return (visit.visited_on - KEY_EPOCH).days * 2 + (1 if visit.seen_alone else 0)


def greatest_key_by(day: date) -> int:
    """No statutory visit after the day has a key above this."""
    return (day - KEY_EPOCH).days * 2 + 1


def next_due(
    plan_started_on: date, last_seen_on: date | None, interval: int, calendar: WorkingDayCalendar
) -> date:
    start = plan_started_on if last_seen_on is None else max(last_seen_on, plan_started_on)
    return calendar.add_working_days(start, interval)


def status(
    visits: Iterable[ChildSeen],
    plan_started_on: date,
    interval: int,
    calendar: WorkingDayCalendar,
    today: date,
) -> VisitStatus:
    """Where one child stands today. `overdue` is true from the day after the visit was due."""
    counted = [visit for visit in statutory(visits) if visit.visited_on <= today]
    last = counted[-1] if counted else None
    last_seen_on = last.visited_on if last else None
    due = next_due(plan_started_on, last_seen_on, interval, calendar)
    return VisitStatus(
        last_seen_on=last_seen_on,
        seen_alone_at_last_visit=last.seen_alone if last else None,
        next_due=due,
        overdue=today > due,
    )


def seen_within_timescale(
    visits: Iterable[ChildSeen],
    plan_started_on: date,
    interval: int,
    calendar: WorkingDayCalendar,
    on: date,
) -> bool:
    """Whether, on a day (the end of a month, for the dashboard), the child's visits are within
    timescale: their next visit is not yet overdue."""
    return not status(visits, plan_started_on, interval, calendar, on).overdue


# What every page, the chronology and the downloads say of "seen alone" for a baby visited
# before the birth: the question is not asked (the visit saw the mother).
NOT_ASKED_BEFORE_BIRTH = "Not asked (before the birth)"
SEEN_BEFORE_BIRTH = "seen with their mother before the birth"


def can_be_seen_alone(date_of_birth: date | None, on: date | None = None) -> bool:
    """An unborn baby cannot; any child can be seen without their parents in the room, however
    young (a baby's cot and care are seen that way), so the rule asks it of every child born
    (by the day of the visit, `on`, when given: a visit before the birth saw the mother)."""
    if date_of_birth is None:
        return False
    return on is None or date_of_birth <= on
