"""When core group meetings are due, whether each was held on time (docs/domain.md sections 2
and 8), and the one-line reading of a meeting's progress that the list of meetings shows.

- The first core group meets within 10 working days of the initial conference.
- Later ones meet at most every N weeks after the previous one (a local setting: 6 weeks by
  default, 4 in many areas).
- The last one before a review conference meets at least 10 working days before it, so the
  social worker's report can give the core group's view and reach the parents in time.

Dates are `date` objects; the working-day calendar is passed in.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from conference.domain import timescales
from conference.domain.timescales import WorkingDayCalendar
from conference.domain.vocabulary import ACTION_OUTCOMES, RATINGS, ActionStatus, Rating
from conference.domain.wording import count

FIRST = "First core group: due within 10 working days of the conference"
LAST_BEFORE_REVIEW = "Last core group before the review: at least 10 working days before it"

# Progress against a safety goal at a core group, best first.
RATINGS_BEST_FIRST = (Rating.ACHIEVED, Rating.SOME_PROGRESS, Rating.NO_CHANGE, Rating.WORSE)


def interval_reason(interval_weeks: int) -> str:
    return f"Due {count(interval_weeks, 'week')} after the last core group"


@dataclass(frozen=True)
class Due:
    """The date the next core group is due by, and the rule that set it."""

    on: date
    reason: str


def next_core_group_due(
    initial_conference: date,
    meetings_held: Sequence[date],
    review_date: date | None,
    calendar: WorkingDayCalendar,
    interval_weeks: int = 6,
) -> Due:
    """When the next core group is due, given the meetings held since the initial conference.

    The first is due within 10 working days of the conference; each later one within
    `interval_weeks` of the one before. When that would fall later than 10 working days before
    the review conference, and the core group has not met since that date, the review's date
    wins: the last meeting before a review is at least 10 working days before it.
    """
    held = sorted(meetings_held)
    if held:
        due = Due(
            timescales.next_core_group_due(held[-1], interval_weeks),
            interval_reason(interval_weeks),
        )
    else:
        due = Due(timescales.first_core_group_due(initial_conference, calendar), FIRST)
    if review_date is None:
        return due
    latest = timescales.latest_core_group_before_review(review_date, calendar)
    since = held[-1] if held else initial_conference
    if since < latest < due.on:
        return Due(latest, LAST_BEFORE_REVIEW)
    return due


def overdue(due: date, today: date) -> bool:
    """A core group is overdue from the day after its due date: meeting on the day is on time."""
    return timescales.is_late(today, due)


@dataclass(frozen=True)
class Timing:
    """Whether one meeting was held on time, against the date it was due by."""

    held_on: date
    due: date
    on_time: bool


def held_on_time(
    initial_conference: date,
    meetings_held: Sequence[date],
    calendar: WorkingDayCalendar,
    interval_weeks: int = 6,
) -> list[Timing]:
    """For each meeting held, earliest first: the first was due within 10 working days of the
    initial conference, each later one within `interval_weeks` of the one before it."""
    timings = []
    previous = None
    for held_on in sorted(meetings_held):
        if previous is None:
            due = timescales.first_core_group_due(initial_conference, calendar)
        else:
            due = timescales.next_core_group_due(previous, interval_weeks)
        timings.append(Timing(held_on, due, not timescales.is_late(held_on, due)))
        previous = held_on
    return timings


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting's progress in two short lines: the goals' ratings and the actions' outcomes."""

    goals: str
    actions: str


def meeting_summary(ratings: Iterable[str], action_outcomes: Iterable[str]) -> MeetingSummary:
    """ "1 achieved, 2 some progress, 1 worse" and "3 of 5 actions done, 2 not done": the best
    first, what nobody rated left out."""
    rated = Counter(ratings)
    goals = ", ".join(
        f"{rated[rating]} {RATINGS[rating].lower()}"
        for rating in RATINGS_BEST_FIRST
        if rated[rating]
    )
    outcomes = Counter(action_outcomes)
    total = sum(outcomes.values())
    actions = ""
    if total:
        parts = [f"{outcomes[ActionStatus.DONE]} of {count(total, 'action')} done"]
        parts += [
            f"{outcomes[outcome]} {label.lower()}"
            for outcome, label in ACTION_OUTCOMES.items()
            if outcome != ActionStatus.DONE and outcomes[outcome]
        ]
        actions = ", ".join(parts)
    return MeetingSummary(goals or "No goals rated", actions or "No actions reviewed")
