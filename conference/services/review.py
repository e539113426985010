"""The review conference built from the core groups' evidence: the progress since the last
conference, starting the review with its map pre-filled, the report for the parents and when it
was shared, the decision for each child, what happens to each safety goal, and carrying the
decisions out once the review is finalised (the next version of the plan, or the plan's end).

The rules are in conference/domain/review.py. Every function that changes data takes the acting
user, writes its audit rows in the same transaction and flushes; the view commits.
"""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select

from conference.domain import clock, timescales
from conference.domain import review as rules
from conference.domain.core_group_schedule import Timing, held_on_time, meeting_summary
from conference.domain.mapping import WORRY
from conference.domain.vocabulary import GOAL_STATES, CaseStatus, GoalState, Outcome, Rating
from conference.extensions import db
from conference.models import (
    Attendee,
    Case,
    ChildDecision,
    Conference,
    ConferenceType,
    CoreGroupMeeting,
    MapItem,
    Plan,
    SafetyGoal,
    User,
)
from conference.services import access, audit, plan_checks, records
from conference.services import plans as plan_services
from conference.services import progress as progress_services
from conference.services.access import PlanFinalised
from conference.services.conferences import conference as conference_services
from conference.services.conferences import kept_from_family
from conference.services.conferences.attendance import record_in_case

# The guided fields of a worry statement, copied as they were written.
COPIED_MAP_FIELDS = ("text", "who_is_worried", "worried_about", "could_happen", "raised_by")
# What is carried from the last conference's attendance into the review's invitations.
COPIED_ATTENDEE_FIELDS = (
    "name",
    "role",
    "agency",
    "agency_type",
    "relationship_to_family",
    "is_parent",
    "user_id",
    "adult_id",
    "interpreter_language",
    "interpreter_dialect",
    "is_advocate",
    "is_supporter",
    "in_core_group",
)


def calendar() -> timescales.WorkingDayCalendar:
    return timescales.default_calendar()


# Reading the evidence.


def reviewed_plan(case: Case, review: Conference | None = None) -> Plan | None:
    """The plan a review looks back on: the newest version written at a conference before the
    review (at a finalised conference, when no review is given)."""
    query = select(Plan).join(Plan.conference).where(Plan.case_id == case.id)
    if review is None:  # the plan in force: not a next version written for a review under way
        query = query.where(Conference.finalised_at.is_not(None))
    else:
        query = query.where(Conference.held_on < review.held_on)
        if review.id is not None:
            query = query.where(Plan.conference_id != review.id)
    return db.session.scalar(query.order_by(Plan.number.desc()).limit(1))


def last_conference(case: Case, review: Conference | None = None) -> Conference | None:
    """The conference a review follows on from: the one the review names, or the latest
    finalised conference of the case."""
    if review is not None and review.previous_conference is not None:
        return review.previous_conference
    before = review.held_on if review is not None else None
    return conference_services.previous_conference(case, before=before)


@dataclass(frozen=True)
class Views:
    held_on: date
    children: str
    parents: str


@dataclass(frozen=True)
class ProgressSummary:
    """Everything the review reads: the progress since the last conference. `progress` is the
    plan's progress across its core groups (conference/core_groups/progress.py)."""

    case: Case
    last_conference: Conference | None
    plan: Plan | None
    progress: progress_services.PlanProgress | None
    timings: list[Timing]

    @property
    def meetings(self) -> list[CoreGroupMeeting]:
        return self.progress.meetings if self.progress else []

    @property
    def goals(self) -> list[progress_services.GoalRow]:
        return self.progress.goals if self.progress else []

    @property
    def scaling(self) -> progress_services.Scaling | None:
        return self.progress.scaling if self.progress else None

    @property
    def timeliness_text(self) -> str:
        return rules.timeliness_text(self.timings)

    @property
    def actions(self) -> list[tuple[int, progress_services.ActionRow]]:
        return [(row.number, action) for row in self.goals for action in row.actions]

    @property
    def actions_text(self) -> str:
        statuses = [action.status.status for _number, action in self.actions]
        return meeting_summary([], statuses).actions

    @property
    def views(self) -> list[Views]:
        return [
            Views(m.held_on, m.child_views.strip(), m.parents_views.strip())
            for m in self.meetings
            if m.child_views.strip() or m.parents_views.strip()
        ]

    @property
    def achieved(self) -> list[progress_services.GoalRow]:
        """The goals the last core group to rate them found achieved."""
        return [row for row in self.goals if latest_rating(row) == Rating.ACHIEVED]

    @property
    def still_to_change(self) -> list[progress_services.GoalRow]:
        """The goals not achieved yet (and not set aside): what still needs to change."""
        return [
            row
            for row in self.goals
            if latest_rating(row) != Rating.ACHIEVED and rules.is_active(row.goal.state)
        ]


def latest_rating(row: progress_services.GoalRow) -> str | None:
    latest = row.timeline.latest
    return latest.rating if latest else None


def progress_summary(
    case: Case,
    review: Conference | None = None,
    *,
    chart_id: str = "review-chart",
    fit_width: bool = False,
) -> ProgressSummary:
    """The progress since the last conference, for the review `review` (or for a review not
    scheduled yet). `chart_id` and `fit_width` are passed to the trend chart."""
    previous = last_conference(case, review)
    plan = reviewed_plan(case, review)
    progress = None
    if plan is not None:
        progress = progress_services.plan_progress(plan, chart_id=chart_id, fit_width=fit_width)
    timings = []
    if previous is not None and progress is not None:
        # The rule the core group pages use: after a review the interval counts from it, and
        # the last meeting before this review is due at least 10 working days before it.
        reviews = [
            c.held_on
            for c in (previous, review)
            if c is not None and c.conference_type == ConferenceType.REVIEW
        ]
        timings = held_on_time(
            previous.held_on,
            [meeting.held_on for meeting in progress.meetings],
            calendar(),
            current_app.config["CORE_GROUP_INTERVAL_WEEKS"],
            reviews,
        )
    return ProgressSummary(case, previous, plan, progress, timings)


def view_progress(actor: User, conference: Conference) -> None:
    record_in_case(actor, "view progress", conference, conference)


def view_case_progress(actor: User, case: Case) -> None:
    """Reading the evidence before scheduling the review is audited like any view."""
    audit.record(actor, "view progress", case)


# Starting the review conference.


def draft_review(case: Case) -> Conference | None:
    """A review conference of the case that is scheduled and not finalised yet, if any."""
    query = select(Conference).where(
        Conference.case_id == case.id,
        Conference.conference_type == ConferenceType.REVIEW.value,
        Conference.finalised_at.is_(None),
    )
    return db.session.scalar(query.order_by(Conference.held_on.desc()).limit(1))


def review_due(previous: Conference | None) -> date | None:
    """The statutory date of the review: 3 months after an initial conference, 6 after a
    review."""
    if previous is None:
        return None
    return timescales.review_due(previous.conference_type, previous.held_on)


def start_review(actor: User, case: Case, **details) -> Conference:
    """Schedule the review conference from the evidence: the last conference's core group and
    parents invited, and its map pre-filled (see `prefill_map`)."""
    previous = conference_services.previous_conference(case, before=details["held_on"])
    conference = Conference(
        case_id=case.id, case=case, conference_type=ConferenceType.REVIEW.value, **details
    )
    conference.previous_conference = previous
    db.session.add(conference)
    created = {key: [None, audit.plain(value)] for key, value in details.items()}
    created["conference_type"] = [None, conference.conference_type]
    audit.record(actor, "create", conference, created)
    if previous is not None:
        _invite_core_group(actor, conference, previous)
    _prefill(actor, conference)
    db.session.flush()
    return conference


def _invite_core_group(actor: User, conference: Conference, previous: Conference) -> None:
    """The core group and the parents of the last conference are invited to the review."""
    invited = [a for a in previous.attendees if a.in_core_group or a.is_parent]
    for position, attendee in enumerate(invited):
        copy = Attendee(
            conference=conference,
            attendance="invited",
            position=position,
            **{field: getattr(attendee, field) for field in COPIED_ATTENDEE_FIELDS},
        )
        db.session.add(copy)
        record_in_case(actor, "create", copy, conference, audit.changes_of(copy))


def prefill_map(actor: User, conference: Conference) -> list[MapItem]:
    """Put on the review's map the last conference's worry statements, and a safety (or
    strengths) item for each safety goal the last core group found achieved. Items already
    pre-filled are never added again. When the next version of the plan is written already (in
    draft), its goals answer the worry statements carried forward. Returns the items added."""
    added = _prefill(actor, conference)
    record_in_case(
        actor,
        "prefill from evidence",
        conference,
        conference,
        {"map_items_added": [None, [item.id for item in added]]},
    )
    db.session.flush()
    plan = plan_services.plan_of_conference(conference)
    if plan is not None and not plan.finalised:
        _answer_the_review_worries(actor, conference, plan)
        plan_checks.store_checks(plan)
    return added


def has_prefilled_items(conference: Conference) -> bool:
    return any(rules.is_prefilled(item.source) for item in conference.map_items)


def _prefill(actor: User, conference: Conference) -> list[MapItem]:
    previous = last_conference(conference.case, conference)
    if previous is None:
        return []
    worries = {
        rules.previous_source(item.id): item
        for item in sorted(previous.map_items, key=lambda item: (item.position, item.id))
        if item.heading == WORRY
    }
    summary = progress_summary(conference.case, conference)
    achieved = {rules.goal_source(row.goal.id): row for row in summary.achieved}
    existing = [item.source for item in conference.map_items]
    first = not any(rules.is_prefilled(source) for source in existing)
    added, copies = [], []
    for source in rules.sources_to_add([*worries, *achieved], existing):
        if source in worries:
            item = _copied_worry(worries[source], source)
            copies.append((worries[source].id, item))
        else:
            item = _achieved_goal(achieved[source], source)
        item.position = _end_of(conference, item.heading)
        conference.map_items.append(item)
        record_in_case(actor, "create", item, conference, audit.changes_of(item))
        added.append(item)
    # What the family could not read last time, they cannot now (issue 19).
    kept_from_family.carry_forward(actor, previous, conference, copies, case_record=first)
    return added


def _copied_worry(item: MapItem, source: str) -> MapItem:
    return MapItem(
        heading=WORRY,
        child_ids=list(item.child_ids or []),
        source=source,
        **{field: getattr(item, field) for field in COPIED_MAP_FIELDS},
    )


def _achieved_goal(row: progress_services.GoalRow, source: str) -> MapItem:
    # Achieved: the last core group to rate it said so.
    goal, latest = row.goal, row.timeline.rated[-1]
    return MapItem(
        heading=rules.achieved_goal_heading(bool(goal.worry_item_ids)),
        text=rules.achieved_goal_text(goal.statement, latest.on, latest.where_now),
        raised_by=latest.said_by or "The core group",
        child_ids=list(goal.child_ids or []),
        source=source,
    )


def _end_of(conference: Conference, heading: str) -> int:
    positions = [item.position for item in conference.map_items if item.heading == heading]
    return max(positions) + 1 if positions else 0


# The report for the parents.


def report_sharing(conference: Conference, today: date | None = None) -> rules.ReportSharing:
    return rules.report_sharing(
        conference.held_on,
        conference.report_shared_on,
        today or clock.today(),
        calendar(),
        current_app.config["REPORT_DAYS_BEFORE_REVIEW"],
    )


def record_report_shared(
    actor: User, conference: Conference, version: int, shared_on: date
) -> None:
    """:raise records.StaleVersion: someone else changed the conference since."""
    records.update(actor, conference, version, report_shared_on=shared_on)
    db.session.flush()


def record_analysis(
    actor: User, conference: Conference, version: int, analysis: str, recommendation: str
) -> None:
    """The social worker's analysis of the progress and their recommendation to the review,
    printed in the report.

    :raise records.StaleVersion: someone else changed the conference since."""
    records.update(
        actor,
        conference,
        version,
        review_analysis=analysis,
        review_recommendation=recommendation,
    )
    db.session.flush()


def record_parents_comments(
    actor: User, conference: Conference, version: int, comments: str
) -> None:
    """What the parents said about the report once it was shared with them, printed beside the
    date it was shared.

    :raise records.StaleVersion: someone else changed the conference since."""
    records.update(actor, conference, version, parents_comments=comments)
    db.session.flush()


# The decision for each child.


def decision_for(conference: Conference, child) -> ChildDecision | None:
    query = select(ChildDecision).where(
        ChildDecision.conference_id == conference.id, ChildDecision.child_id == child.id
    )
    return db.session.scalar(query)


def current_category(conference: Conference, child) -> str | None:
    """The category the child's plan is under: the one the last conference decided."""
    previous = last_conference(conference.case, conference)
    decision = decision_for(previous, child) if previous is not None else None
    if decision is None or decision.outcome != Outcome.CHILD_PROTECTION_PLAN:
        return None
    return decision.category


def outcome_of(decision: ChildDecision | None) -> rules.ReviewOutcome | None:
    return _outcome(decision) if decision is not None else None


def _outcome(decision: ChildDecision) -> rules.ReviewOutcome:
    return rules.ReviewOutcome(decision.outcome, decision.category, decision.end_reason)


def save_outcome(
    actor: User,
    conference: Conference,
    child,
    version: int,
    outcome: rules.ReviewOutcome,
    reasons: str,
    died_on: date | None = None,
) -> ChildDecision:
    """Store what the review decided for `child`. `version` is the decision's version when the
    form was loaded, 0 if there was none. A new decision keeps the lead social worker; one that
    continues the plan is given the date the next review is due. A plan ended because the child
    died stores the date of death on the child's record (`died_on`).

    :raise records.StaleVersion: someone else saved a decision for this child since.
    """
    decision = decision_for(conference, child)
    if decision is not None and version != decision.version:
        raise records.StaleVersion(decision)
    fields = {
        "outcome": outcome.outcome,
        "category": outcome.category,
        "end_reason": outcome.end_reason,
        "reasons": reasons.strip(),
    }
    # Two people recording the first decision for this child at the same moment: the second
    # is told, as for any stale save.
    with records.saved_first(lambda: decision_for(conference, child)):
        if decision is None:
            previous = last_conference(conference.case, conference)
            before = decision_for(previous, child) if previous is not None else None
            decision = ChildDecision(
                conference_id=conference.id,
                child_id=child.id,
                lead_social_worker_id=before.lead_social_worker_id if before else None,
                **fields,
            )
            db.session.add(decision)
            action = "create"
        else:
            for key, value in fields.items():
                setattr(decision, key, value)
            action = "update"
        if outcome.continues and decision.review_on is None:
            decision.review_on = timescales.review_due(
                conference.conference_type, conference.held_on
            )
        changes = audit.changes_of(decision)
        if changes:
            record_in_case(actor, action, decision, conference, changes)
    if outcome.end_reason == rules.DIED and died_on is not None and child.died_on != died_on:
        records.update(actor, child, child.version, died_on=died_on)
    return decision


def outcomes(conference: Conference) -> list[rules.ReviewOutcome]:
    return [_outcome(decision) for decision in conference.decisions]


def continues(conference: Conference) -> bool:
    """Whether the review keeps any child on the plan, so that it has a next version."""
    return rules.plan_continues(outcomes(conference))


# What happens to each safety goal.


@dataclass(frozen=True)
class GoalChoice:
    row: progress_services.GoalRow  # the goal in the plan under review, and its progress
    copy: SafetyGoal | None  # its copy in the next version, once that is written
    state: str  # as chosen, or as suggested

    @property
    def chosen(self) -> bool:
        return self.copy is not None and self.copy.state in GOAL_STATES


def goal_choices(conference: Conference) -> list[GoalChoice]:
    summary = progress_summary(conference.case, conference)
    plan = plan_services.plan_of_conference(conference)
    copies = {g.origin_goal_id: g for g in plan.goals} if plan is not None else {}
    found = []
    for row in summary.goals:
        copy = copies.get(row.goal.id)
        state = copy.state if copy is not None and copy.state in GOAL_STATES else None
        found.append(GoalChoice(row, copy, state or rules.suggested_state(latest_rating(row))))
    return found


def goal_choices_version(conference: Conference) -> int:
    """Changes whenever anyone changes a goal of the next version: 0 until it is written."""
    plan = plan_services.plan_of_conference(conference)
    return sum(goal.version for goal in plan.goals) if plan is not None else 0


def save_goal_states(
    actor: User, conference: Conference, version: int, states: dict[int, str]
) -> Plan:
    """Write the next version of the plan if it is not written yet, and set the state of each
    goal copied into it: {id of the goal under review: state}.

    :raise records.StaleVersion: someone changed the next version's goals since.
    :raise plan_services.NoPlanDecided: no child stays on a plan.
    :raise PlanFinalised: the next version is finalised already.
    """
    plan = plan_services.plan_of_conference(conference)
    if version != goal_choices_version(conference):
        raise records.StaleVersion(plan or conference)
    if plan is not None and plan.finalised:
        raise PlanFinalised(plan)
    # Someone writing the next version of the plan at the same moment: the second is told.
    with records.saved_first(lambda: conference):
        plan = plan_services.create_plan(actor, conference)
        db.session.flush()
        for goal in plan.goals:
            if goal.origin_goal_id is None:
                continue  # not copied from the plan under review: nothing was chosen for it
            state = states.get(goal.origin_goal_id)
            if state in GOAL_STATES and goal.state != state:
                goal.state = state
                _audit_goal(actor, goal)
        db.session.flush()
        _answer_the_review_worries(actor, conference, plan)
    return plan


def _answer_the_review_worries(actor: User, conference: Conference, plan: Plan) -> bool:
    """A goal copied into the next version answered worry statements of the last conference;
    where the review's map carries those statements forward, the goal answers the review's.
    Returns whether any goal changed."""
    carried = {
        rules.source_id(item.source, rules.PREVIOUS): item.id
        for item in conference.map_items
        if rules.source_id(item.source, rules.PREVIOUS) is not None
    }
    changed = False
    for goal in plan.goals:
        ids = [carried.get(item_id, item_id) for item_id in goal.worry_item_ids or []]
        if ids != list(goal.worry_item_ids or []):
            goal.worry_item_ids = ids
            _audit_goal(actor, goal)
            changed = True
    return changed


def _audit_goal(actor: User, goal: SafetyGoal) -> None:
    event = audit.record(actor, "update", goal, audit.changes_of(goal))
    event.case_id = goal.plan.case_id


# Carrying out the decisions once the review is finalised.


class NotFinalised(Exception):
    """The review's decisions are carried out only once it is finalised."""


class NothingDecided(Exception):
    """The review decided nothing for any child."""


@dataclass(frozen=True)
class Applied:
    continues: bool
    plan: Plan | None  # the next version, or the version that ended
    changed: bool  # False when everything was done already


def apply_review_outcomes(actor: User, conference: Conference) -> Applied:
    """Carry out what the finalised review decided. When any child stays on the plan, the next
    version of the plan is written (each copied goal with the state the chair chose, kept if
    none was chosen) and the case is on a child protection plan. When the plan ends for every
    child, the plan under review ends on the review's date with the reason, and the case moves
    to a child in need plan (a step-down) or is closed. Doing it again changes nothing.

    :raise NotFinalised: the review is not finalised yet.
    :raise NothingDecided: no decision is recorded for any child.
    """
    if not conference.finalised:
        raise NotFinalised(conference.id)
    decided = outcomes(conference)
    if not decided:
        raise NothingDecided(conference.id)
    plan: Plan | None
    ending = rules.plan_ending(decided)
    if ending is None:  # a child stays on the plan
        plan, changed = _continue_plan(actor, conference)
        status = CaseStatus.CHILD_PROTECTION_PLAN
    else:
        plan = reviewed_plan(conference.case, conference)
        changed = False
        if plan is not None and plan.ended_on is None:
            records.update(
                actor, plan, plan.version, ended_on=conference.held_on, end_reason=ending.reason
            )
            changed = True
        status = ending.case_status
    case = conference.case
    if case.status != status:
        records.update(actor, case, case.version, status=status)
        changed = True
    if changed:
        record_in_case(actor, "apply review outcomes", conference, conference)
    db.session.flush()
    return Applied(rules.plan_continues(decided), plan, changed)


def _continue_plan(actor: User, conference: Conference) -> tuple[Plan, bool]:
    plan = plan_services.plan_of_conference(conference)
    changed = plan is None
    plan = plan_services.create_plan(actor, conference)
    if plan.finalised:
        return plan, changed
    db.session.flush()
    for goal in plan.goals:
        if goal.origin_goal_id is not None and goal.state == GoalState.ACTIVE:
            goal.state = GoalState.KEPT
            _audit_goal(actor, goal)
            changed = True
    db.session.flush()
    return plan, _answer_the_review_worries(actor, conference, plan) or changed


# The social worker's report for the review, printed for the parents.


def review_hub(actor: User, conference: Conference) -> dict:
    """For the conference hub: the review's report to the parents and whether its map can be
    pre-filled; after a finalised conference, whether a review can be started from it."""
    is_review = conference.conference_type == ConferenceType.REVIEW
    may_change = access.may_change(actor, conference)
    changeable = may_change and not conference.finalised
    latest = last_conference(conference.case) if conference.finalised else None
    return {
        "is_review": is_review,
        "sharing": report_sharing(conference) if is_review else None,
        "can_prefill": is_review and changeable and not has_prefilled_items(conference),
        "can_start_review": latest is not None
        and latest.id == conference.id
        and may_change
        and draft_review(conference.case) is None,
    }
