"""The review child protection conference, built from what the core group found
(docs/domain.md sections 2, 3 and 8).

Progress across core groups is what the review conference reads: for each safety goal, where
things were at the conference and how each core group rated progress since; what happened to
each action; whether the core groups met on time; how everyone's scaling moved. The social
worker's report gives the core group's collective view and reaches the parents at least 5
working days before the review (a local setting). The review then decides, for each child,
whether the plan continues (perhaps under another category of abuse) or ends, and why; and for
each safety goal whether it is kept, changed, achieved or no longer needed.

The inspection praised "the rigour in tracking progress against decisions taken and action
agreed previously" (Ofsted, Havering 2013, paragraph 39): these rules make that rigour cheap.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from conference.domain import timescales
from conference.domain.core_group_schedule import Timing
from conference.domain.mapping import SAFETY, STRENGTHS
from conference.domain.vocabulary import CaseStatus, GoalState, Outcome, Rating
from conference.domain.wording import long_date


def timeliness_text(timings: Sequence[Timing]) -> str:
    """ "3 core groups held, all on time", "3 core groups held: 1 late", or none yet."""
    if not timings:
        return "No core groups held yet"
    held = f"{len(timings)} core group{'' if len(timings) == 1 else 's'} held"
    late = sum(not timing.on_time for timing in timings)
    if not late:
        return f"{held}, {'on time' if len(timings) == 1 else 'all on time'}"
    return f"{held}: {late} late"


# The report for the parents.

SHARED = "shared"
SHARED_LATE = "shared_late"
NOT_SHARED_YET = "not_shared_yet"
OVERDUE = "overdue"


@dataclass(frozen=True)
class ReportSharing:
    state: str
    due: date
    shared_on: date | None
    message: str
    warning: str  # "" when there is nothing to warn about


def report_sharing(
    review_on: date,
    shared_on: date | None,
    today: date,
    calendar: timescales.WorkingDayCalendar,
    days_before: int = 5,
) -> ReportSharing:
    """The social worker's report goes to the parents at least 5 working days before the review
    (a local setting), so they read it before the day rather than on it."""
    due = timescales.reports_to_parents_due(
        review_on, timescales.REVIEW, calendar, review_days=days_before
    )
    if shared_on is not None:
        message = f"Report shared with parents on {long_date(shared_on)}"
        if timescales.is_late(shared_on, due):
            return ReportSharing(
                SHARED_LATE, due, shared_on, message, f"Shared late: it was due by {long_date(due)}"
            )
        return ReportSharing(SHARED, due, shared_on, message, "")
    warning = (
        f"The report must be shared with the parents by {long_date(due)} "
        f"({days_before} working days before the review)"
    )
    state = OVERDUE if timescales.is_late(today, due) else NOT_SHARED_YET
    return ReportSharing(state, due, None, "Not shared with the parents yet", warning)


# Pre-filling the review's map from the evidence.

PREVIOUS = "previous"
GOAL = "goal"


def previous_source(item_id: int) -> str:
    """The source of a map item copied from the previous conference's map."""
    return f"{PREVIOUS}:{item_id}"


def goal_source(goal_id: int) -> str:
    """The source of a map item written from a safety goal the core group found achieved."""
    return f"{GOAL}:{goal_id}"


def is_prefilled(source: str) -> bool:
    return source.split(":", 1)[0] in (PREVIOUS, GOAL)


def source_id(source: str, kind: str) -> int | None:
    """The item or goal id a source names, when it is of this kind."""
    prefix, _, rest = source.partition(":")
    whole = rest.isascii() and rest.isdigit() and len(rest) <= 9  # int() refuses "²" and 10**5000
    return int(rest) if prefix == kind and whole else None


def sources_to_add(wanted: Iterable[str], existing: Iterable[str]) -> list[str]:
    """The sources not on the map yet, in order, each once: pre-filling twice adds nothing."""
    seen = set(existing)
    found = []
    for source in wanted:
        if source not in seen:
            seen.add(source)
            found.append(source)
    return found


def achieved_goal_heading(answers_a_worry: bool) -> str:
    """A goal that answered a worry statement is now something the family does that keeps the
    children safe when the danger is there (safety); any other achieved goal is a strength to
    build on."""
    return SAFETY if answers_a_worry else STRENGTHS


def achieved_goal_text(statement: str, achieved_on: date, where_now: str) -> str:
    text = f"Achieved by the core group on {long_date(achieved_on)}: {statement.strip()}"
    return f"{text} Now: {where_now.strip()}" if where_now.strip() else text


# The decision for each child.

CONTINUE = "continue"
CHANGE_CATEGORY = "change_category"
END = "end"
CHOICES = {
    CONTINUE: "Continue the child protection plan",
    CHANGE_CATEGORY: "Continue the plan under a different category of abuse",
    END: "End the child protection plan",
}

# Why a plan ends (docs/domain.md section 1), as stored in ChildDecision.end_reason.
STEP_DOWN = "step_down_cin"
NO_LONGER_AT_RISK = "no_longer_at_risk"
DIED = "died"  # the review then asks the date of death
END_REASONS = {
    STEP_DOWN: "Step down to a child in need plan",
    "transferred": "Transferred to another area",
    "turned_18": "The child turned 18",
    DIED: "The child died",
    "left_uk": "The child left the UK",
    NO_LONGER_AT_RISK: "No longer at risk of significant harm",
}
# The plan ends for the whole family, but not for the same reason for every child.
DIFFERENT_REASONS = "different_reasons"
PLAN_END_REASONS = END_REASONS | {DIFFERENT_REASONS: "Different for each child"}


@dataclass(frozen=True)
class ReviewOutcome:
    """What the review decided for one child, as ChildDecision stores it."""

    outcome: str
    category: str | None = None
    end_reason: str | None = None

    @property
    def continues(self) -> bool:
        return self.outcome == Outcome.CHILD_PROTECTION_PLAN


class OutcomeIncomplete(ValueError):
    """The choice needs an answer it was not given; the message says which."""


def review_outcome(
    choice: str, current_category: str | None, category: str | None, end_reason: str | None
) -> ReviewOutcome:
    """The decision a choice on the review page stands for. Continuing keeps the current
    category; ending with a step-down is a child in need plan, any other ending no further
    action.

    :raise OutcomeIncomplete: no current category to continue under, no new category, or no
    reason for ending.
    """
    if choice == CONTINUE:
        if not current_category:
            raise OutcomeIncomplete("No category was recorded at the last conference")
        return ReviewOutcome(Outcome.CHILD_PROTECTION_PLAN, current_category)
    if choice == CHANGE_CATEGORY:
        if not category:
            raise OutcomeIncomplete("Select the new category of abuse")
        return ReviewOutcome(Outcome.CHILD_PROTECTION_PLAN, category)
    if choice == END:
        if end_reason not in END_REASONS:
            raise OutcomeIncomplete("Select why the plan ends")
        stepping_down = end_reason == STEP_DOWN
        outcome = Outcome.CHILD_IN_NEED_PLAN if stepping_down else Outcome.NO_FURTHER_ACTION
        return ReviewOutcome(outcome, None, end_reason)
    raise OutcomeIncomplete("Select what happens to the plan")


def choice_of(outcome: ReviewOutcome | None, current_category: str | None) -> str | None:
    """The choice a stored decision reads as on the review page, or None when none is made."""
    if outcome is None:
        return None
    if outcome.outcome == Outcome.CHILD_PROTECTION_PLAN:
        return CONTINUE if outcome.category == current_category else CHANGE_CATEGORY
    if outcome.outcome in (Outcome.CHILD_IN_NEED_PLAN, Outcome.NO_FURTHER_ACTION):
        return END
    return None


def end_reason_of(outcome: ReviewOutcome) -> str:
    """Why the plan ends for this child: as recorded, or, for a decision recorded without a
    reason, a child in need plan is a step-down and no further action means the child is no
    longer at risk."""
    if outcome.end_reason:
        return outcome.end_reason
    return STEP_DOWN if outcome.outcome == Outcome.CHILD_IN_NEED_PLAN else NO_LONGER_AT_RISK


@dataclass(frozen=True)
class PlanEnding:
    reason: str  # a key of PLAN_END_REASONS
    case_status: CaseStatus


def plan_ending(outcomes: Sequence[ReviewOutcome]) -> PlanEnding | None:
    """The plan ends when the review ends it for every child; None while any child stays on it
    (or nothing is decided yet). The family's case moves to a child in need plan when any child
    steps down, and is closed otherwise."""
    if not outcomes or any(outcome.continues for outcome in outcomes):
        return None
    reasons = {end_reason_of(outcome) for outcome in outcomes}
    reason = reasons.pop() if len(reasons) == 1 else DIFFERENT_REASONS
    steps_down = any(outcome.outcome == Outcome.CHILD_IN_NEED_PLAN for outcome in outcomes)
    return PlanEnding(reason, CaseStatus.CHILD_IN_NEED_PLAN if steps_down else CaseStatus.CLOSED)


def plan_continues(outcomes: Sequence[ReviewOutcome]) -> bool:
    """The plan continues, as a new version, when the review keeps any child on it."""
    return any(outcome.continues for outcome in outcomes)


# What happens to each safety goal when the plan continues (vocabulary.GOAL_STATES).
# Achieved and dropped goals are copied into the next version so its history shows them, but
# the core group no longer works to them.
ACTIVE_STATES = (GoalState.ACTIVE, GoalState.KEPT, GoalState.CHANGED)


def is_active(state: str) -> bool:
    return state in ACTIVE_STATES


def goals_worked_to(goals: Iterable) -> list:
    """The goals the family is still working to (active, kept, or kept with changes), in the
    plan's order: every family document numbers these, so goal 3 is goal 3 in each of them."""
    worked_to = [goal for goal in goals if is_active(goal.state)]
    return sorted(worked_to, key=lambda goal: (goal.position, goal.id or 0))


def suggested_state(latest_rating: str | None) -> str:
    """What the review page offers first: achieved when the last core group found the goal
    achieved, otherwise kept. The chair decides."""
    return GoalState.ACHIEVED if latest_rating == Rating.ACHIEVED else GoalState.KEPT
