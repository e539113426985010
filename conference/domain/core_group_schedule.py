"""When core group meetings are due, whether each was held on time (docs/domain.md sections 2
and 8), and the one-line reading of a meeting's progress that the list of meetings shows.

- The first core group meets within 10 working days of the initial conference.
- Later ones meet at most every N weeks after the previous one (a local setting: 6 weeks by
  default, 4 in many areas).
- The last one before a review conference meets at least 10 working days before it, so the
  social worker's report can give the core group's view and reach the parents in time. When
  the last one held already did, and the interval runs past the review, the review comes first
  and nothing is due before it; after a review, the interval counts from the review.

`next_core_group_due` decides what is due next and `held_on_time` judges each meeting by the
same rule, so every page (and the dashboard, through domain/performance.py) gives one answer.
Overdue is counted in working days, the unit of the statutory timescales.

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


def after_review_reason(interval_weeks: int) -> str:
    return f"Due {count(interval_weeks, 'week')} after the review conference"


def review_first_reason(interval_weeks: int) -> str:
    return (
        "The review conference comes first: the last core group was at least 10 working days "
        f"before it, so the next is due {count(interval_weeks, 'week')} after the review"
    )


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
    reviews_held: Sequence[date] = (),
) -> Due:
    """When the next core group is due: the one rule the case page, the core group list, My
    work, the review page and the dashboard all follow.

    - None held since the conference that started the plan (initial or transfer-in): the
      first is due within 10 working days of it.
    - Otherwise within `interval_weeks` of the latest meeting or review conference held.
    - The last core group before the review conference `review_date` is at least 10 working
      days before it. When the interval would put the next meeting in those 10 working days,
      it is due on the last working day before them instead.
    - When the interval would put it on or after the review, the review comes first: no core
      group is due before it, and the next is due `interval_weeks` after the review.

    `reviews_held` are the review conferences the plan (and its earlier versions) went
    through, before `review_date`.
    """
    latest_meeting = max(meetings_held, default=None)
    latest_review = max(reviews_held, default=None)
    if latest_review is not None and (latest_meeting is None or latest_review >= latest_meeting):
        due = Due(
            timescales.next_core_group_due(latest_review, interval_weeks),
            after_review_reason(interval_weeks),
        )
        since = latest_review
    elif latest_meeting is not None:
        due = Due(
            timescales.next_core_group_due(latest_meeting, interval_weeks),
            interval_reason(interval_weeks),
        )
        since = latest_meeting
    else:
        due = Due(timescales.first_core_group_due(initial_conference, calendar), FIRST)
        since = initial_conference
    if review_date is None or review_date <= since:
        return due
    if due.on >= review_date and due.reason != FIRST:
        return Due(
            timescales.next_core_group_due(review_date, interval_weeks),
            review_first_reason(interval_weeks),
        )
    latest = timescales.latest_core_group_before_review(review_date, calendar)
    if since < latest < due.on:
        return Due(latest, LAST_BEFORE_REVIEW)
    return due


def overdue(due: date, today: date) -> bool:
    """A core group is overdue from the day after its due date: meeting on the day is on time."""
    return timescales.is_late(today, due)


def working_days_overdue(due: date, today: date, calendar: WorkingDayCalendar) -> int:
    """How late, in working days (the unit of the statutory timescales): the working days
    after the due date up to and including today; 0 when not overdue."""
    return timescales.working_days_late(today, due, calendar)


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
    reviews: Sequence[date] = (),
) -> list[Timing]:
    """For each meeting held, earliest first: whether it was held by the date
    `next_core_group_due` gave on the day after the meeting or review before it. `reviews` are
    the plan's review conferences, held or booked (a review is next for the meetings before
    it, and starts the interval again for those after it)."""
    timings: list[Timing] = []
    held = sorted(meetings_held)
    for number, held_on in enumerate(held):
        before = held[:number]
        since = max([*before, *(r for r in reviews if r < held_on)], default=initial_conference)
        due = next_core_group_due(
            initial_conference,
            before,
            min((r for r in reviews if r > since), default=None),
            calendar,
            interval_weeks,
            [r for r in reviews if r <= since],
        )
        timings.append(Timing(held_on, due.on, not timescales.is_late(held_on, due.on)))
    return timings


def plan_to_be_finalised_by(
    conference_on: date,
    first_meeting_after: date | None,
    calendar: WorkingDayCalendar,
    interval_weeks: int = 6,
    after_review: bool = False,
) -> date:
    """The day a plan written at a conference is due to be finalised: by the first core group
    after that conference, which carries it out and needs it agreed.

    That is the day the first core group met, or the day it was due (as
    `next_core_group_due` gives it: 10 working days after an initial or transfer-in
    conference, `interval_weeks` after a review) when that came first or it has not met yet:
    a core group held late gives a draft plan no more time.
    """
    if after_review:
        due = timescales.next_core_group_due(conference_on, interval_weeks)
    else:
        due = timescales.first_core_group_due(conference_on, calendar)
    return min(due, first_meeting_after) if first_meeting_after is not None else due


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting's progress in two short lines: the goals' ratings and the actions' outcomes."""

    goals: str
    actions: str


def meeting_summary(
    ratings: Iterable[str], action_outcomes: Iterable[str], not_reviewed: int = 0
) -> MeetingSummary:
    """ "1 achieved, 2 some progress, 1 worse" and "3 of 9 actions done, 2 not done, 4 not
    reviewed": the best first, what nobody rated left out; `not_reviewed` counts the actions in
    force the meeting did not record, so that the total is every action."""
    rated = Counter(ratings)
    goals = ", ".join(
        f"{rated[rating]} {RATINGS[rating].lower()}"
        for rating in RATINGS_BEST_FIRST
        if rated[rating]
    )
    outcomes = Counter(action_outcomes)
    total = sum(outcomes.values()) + not_reviewed
    actions = ""
    if total > not_reviewed:
        parts = [f"{outcomes[ActionStatus.DONE]} of {count(total, 'action')} done"]
        parts += [
            f"{outcomes[outcome]} {label.lower()}"
            for outcome, label in ACTION_OUTCOMES.items()
            if outcome != ActionStatus.DONE and outcomes[outcome]
        ]
        if not_reviewed:
            parts.append(f"{not_reviewed} not reviewed")
        actions = ", ".join(parts)
    return MeetingSummary(goals or "No goals rated", actions or "No actions reviewed")
