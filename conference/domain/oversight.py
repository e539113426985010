"""Management oversight (docs/domain.md section 10): whether a case has had a manager's recorded
supervision within the council's interval, and which of its actions are overdue."""

from collections.abc import Iterable
from datetime import date, timedelta


def last_oversight(held_on: Iterable[date], on: date) -> date | None:
    """The latest oversight held on or before a day."""
    return max((day for day in held_on if day <= on), default=None)


def overseen_within(held_on: Iterable[date], interval_days: int, on: date) -> bool:
    """Whether the case had oversight in the `interval_days` up to and including `on`."""
    last = last_oversight(held_on, on)
    return last is not None and on - last < timedelta(days=interval_days)


def next_oversight_due(last_held_on: date | None, opened_on: date, interval_days: int) -> date:
    """When oversight is next due: the interval after the last, or after the case opened."""
    return (last_held_on or opened_on) + timedelta(days=interval_days)


def action_overdue(due_on: date, done_on: date | None, today: date) -> bool:
    return done_on is None and today > due_on
