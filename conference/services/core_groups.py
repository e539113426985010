"""Core group meetings: the plan they record progress against, the core group to tick off, when
the next one is due, and the new actions agreed at a meeting (a meeting is recorded in parts:
core_group_parts.py).

Every function that writes takes the acting user and adds its audit rows in the same
transaction; the caller commits. A meeting carries its case, so its audit rows are found in the
case's history; changes to the plan's actions are given the case too.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from conference.domain import core_group_schedule as schedule_rules
from conference.domain import timescales
from conference.domain.core_group_schedule import Due, Timing
from conference.domain.plan_versions import plan_in_force
from conference.extensions import db
from conference.models import (
    ActionUpdate,
    Adult,
    Attendee,
    Case,
    Conference,
    ConferenceType,
    CoreGroupMeeting,
    GoalProgress,
    Plan,
    PlanAction,
    SafetyGoal,
    User,
)
from conference.services import access, audit, plan_checks
from conference.services import goals as plan_goals
from conference.services.plan_checks import goals_in_order

# Goals no longer worked on once a review conference has said so (see SafetyGoal.state).
NOT_IN_FORCE = ("achieved", "dropped")


# The plan and the core group.


def current_plan(case: Case) -> Plan | None:
    """The plan the core group works to: the newest version of the family's plan agreed at a
    finalised conference, unless it has ended (plan_versions.plan_in_force)."""
    return plan_in_force(db.session.scalars(select(Plan).where(Plan.case_id == case.id)))


def plan_run(plan: Plan) -> list[Plan]:
    """The plan and the earlier versions it continues, earliest first: an ended plan starts
    nothing new, so a later plan after it begins a run of its own."""
    run = [plan]
    while run[0].previous_plan is not None and run[0].previous_plan.ended_on is None:
        run.insert(0, run[0].previous_plan)
    return run


def meetings_of(case: Case) -> list[CoreGroupMeeting]:
    """Every core group meeting of the family, earliest first."""
    query = select(CoreGroupMeeting).where(CoreGroupMeeting.case_id == case.id)
    return list(db.session.scalars(query.order_by(CoreGroupMeeting.held_on, CoreGroupMeeting.id)))


@dataclass(frozen=True)
class Member:
    """Someone in the core group, to tick off as having come and to ask for a score."""

    key: str  # "adult-3", "attendee-12": how the form names them
    name: str
    role: str
    agency: str = ""
    user_id: int | None = None
    is_parent: bool = False

    @property
    def label(self) -> str:
        where = ", ".join(part for part in (self.role, self.agency) if part)
        return f"{self.name} – {where}" if where else self.name

    @property
    def role_label(self) -> str:
        return ", ".join(part for part in (self.role, self.agency) if part)


def core_group_of(plan: Plan) -> list[Member]:
    """The family's adults, parents first, then the people the plan's conference named in the
    core group."""
    adults = [_adult_member(adult) for adult in plan.case.adults]
    adults.sort(key=lambda member: not member.is_parent)
    adult_ids = {adult.id for adult in plan.case.adults}
    others = [
        _attendee_member(attendee)
        for attendee in plan.conference.attendees
        if attendee.in_core_group and attendee.adult_id not in adult_ids
    ]
    return adults + others


def _adult_member(adult: Adult) -> Member:
    links = adult.relationships
    role = links[0].relationship_to_child if links else "Family network"
    parent = any(link.parental_responsibility for link in links)
    return Member(f"adult-{adult.id}", adult.name, role, is_parent=parent)


def _attendee_member(attendee: Attendee) -> Member:
    return Member(
        f"attendee-{attendee.id}",
        attendee.name,
        attendee.role or attendee.relationship_to_family,
        attendee.agency,
        attendee.user_id,
        attendee.is_parent,
    )


@dataclass(frozen=True)
class GoalItem:
    """A safety goal still in force, numbered as on the plan, the actions to review, and what
    the core group before this one recorded for them."""

    number: int
    goal: SafetyGoal
    actions: list[tuple[int, PlanAction]]
    last_progress: GoalProgress | None = None
    last_outcomes: dict[int, str] = field(default_factory=dict)  # by action id


@dataclass(frozen=True)
class MeetingContext:
    """What a meeting's parts ask about: each goal in force and its actions, and (for a meeting
    already started) the actions added at it."""

    case: Case
    plan: Plan
    goals: list[GoalItem]
    added: list[PlanAction] = field(default_factory=list)
    # Actions added at this meeting that a later meeting has reviewed: they stay.
    kept: frozenset[int] = frozenset()


def meeting_context(plan: Plan, meeting: CoreGroupMeeting | None = None) -> MeetingContext:
    """For a new meeting, every action of the goals in force is reviewed. For an existing one,
    not the actions added at it or at later meetings: they did not exist yet."""
    later = _later_meeting_ids(meeting) if meeting is not None else set()
    last = previous_meeting(plan.case, meeting)
    # Looked up with a goal's original too, which is None for a goal first set in this plan.
    progress: dict[int | None, GoalProgress] = (
        {row.goal_id: row for row in last.progress} if last else {}
    )
    outcomes = {row.action_id: row.status for row in last.action_updates} if last else {}
    items = []
    for number, goal in enumerate(goals_in_order(plan), start=1):
        if goal.state in NOT_IN_FORCE:
            continue
        shown = [
            action
            for action in _in_order(goal.actions)
            if action.added_at_meeting_id is None or action.added_at_meeting_id not in later
        ]
        # A goal copied into a new version of the plan carries on from its original.
        last_progress = progress.get(goal.id) or progress.get(goal.origin_goal_id)
        last_outcomes = {a.id: outcomes[a.id] for a in shown if a.id in outcomes}
        items.append(
            GoalItem(number, goal, list(enumerate(shown, start=1)), last_progress, last_outcomes)
        )
    added: list[PlanAction] = []
    kept: frozenset[int] = frozenset()
    if meeting is not None:
        added = actions_added_at(meeting)
        kept = frozenset(a.id for a in added if _reviewed_elsewhere(a, meeting))
    return MeetingContext(plan.case, plan, items, added, kept)


def previous_meeting(
    case: Case, meeting: CoreGroupMeeting | None = None
) -> CoreGroupMeeting | None:
    """The family's latest core group before `meeting` (before any new one, when None)."""
    held = meetings_of(case)
    if meeting is not None:
        held = [m for m in held if (m.held_on, m.id) < (meeting.held_on, meeting.id)]
    return held[-1] if held else None


def _later_meeting_ids(meeting: CoreGroupMeeting) -> set[int]:
    """This meeting and those after it."""
    return {
        other.id
        for other in meetings_of(meeting.case)
        if (other.held_on, other.id) >= (meeting.held_on, meeting.id)
    }


def actions_added_at(meeting: CoreGroupMeeting) -> list[PlanAction]:
    """The actions the core group added to the plan at this meeting."""
    query = select(PlanAction).where(PlanAction.added_at_meeting_id == meeting.id)
    return list(db.session.scalars(query.order_by(PlanAction.id)))


def _reviewed_elsewhere(action: PlanAction, meeting: CoreGroupMeeting) -> bool:
    query = select(ActionUpdate.id).where(
        ActionUpdate.action_id == action.id, ActionUpdate.meeting_id != meeting.id
    )
    return db.session.scalar(query.limit(1)) is not None


def _in_order(rows: list) -> list:
    return sorted(rows, key=lambda row: (row.position, row.id))


# When meetings are due.


@dataclass(frozen=True)
class Schedule:
    """Where the family's core groups stand: the plan, when the run of plans started, the
    meetings held since, the next due date, whether it has passed and by how many working
    days."""

    plan: Plan
    started_on: date
    held: list[CoreGroupMeeting]
    review_on: date | None
    due: Due
    overdue: bool
    working_days_overdue: int = 0


@dataclass(frozen=True)
class Run:
    """A run of plan versions as the schedule reads it: the conference that started it, the
    review conferences held since (finalised), and the latest version agreed at a finalised
    conference (a version written for a review not finalised yet is not in force)."""

    started_on: date
    reviews_held: list[date]
    agreed: Plan


def run_of(plan: Plan) -> Run:
    run = plan_run(plan)
    agreed = [p for p in run if p.conference.finalised] or run[:1]
    return Run(run[0].conference.held_on, [p.conference.held_on for p in agreed[1:]], agreed[-1])


def schedule(case: Case, interval_weeks: int, today: date) -> Schedule | None:
    """None when the family has no plan in force."""
    plan = current_plan(case)
    if plan is None:
        return None
    run = run_of(plan)
    ids = {p.id for p in plan_run(plan)}
    held = [m for m in meetings_of(case) if m.plan_id in ids]
    review_on = review_date(run.agreed)
    calendar = timescales.default_calendar()
    due = schedule_rules.next_core_group_due(
        run.started_on,
        [m.held_on for m in held],
        review_on,
        calendar,
        interval_weeks,
        run.reviews_held,
    )
    return Schedule(
        plan,
        run.started_on,
        held,
        review_on,
        due,
        schedule_rules.overdue(due.on, today),
        schedule_rules.working_days_overdue(due.on, today, calendar),
    )


def review_that_ended(plan: Plan) -> date | None:
    """The review conference that ended the plan (held on the day it ended), if one did: the
    last meetings were due 10 working days before it, as before any review."""
    return db.session.scalar(
        select(Conference.held_on).where(
            Conference.case_id == plan.case_id,
            Conference.conference_type == ConferenceType.REVIEW.value,
            Conference.held_on == plan.ended_on,
        )
    )


def review_date(plan: Plan) -> date | None:
    """The next review conference: the one scheduled, if any; else the date the plan's
    conference set; else the statutory date."""
    query = select(Conference.held_on).where(
        Conference.case_id == plan.case_id,
        Conference.conference_type == ConferenceType.REVIEW.value,
        Conference.finalised_at.is_(None),
        Conference.held_on > plan.conference.held_on,
    )
    scheduled = db.session.scalar(query.order_by(Conference.held_on).limit(1))
    return scheduled if scheduled is not None else review_set_or_due(plan)


def review_set_or_due(plan: Plan) -> date:
    """Before a review is booked: the date the plan's conference set, else the statutory date."""
    conference = plan.conference
    return plan_checks.next_review(plan) or timescales.review_due(
        conference.conference_type, conference.held_on
    )


def due_after(
    plan: Plan, held_on: date, interval_weeks: int, meeting: CoreGroupMeeting | None = None
) -> Due:
    """When the core group after a meeting on `held_on` will be due (the hint beside the date
    of the next meeting)."""
    run = run_of(plan)
    ids = {p.id for p in plan_run(plan)}
    held = [
        m.held_on
        for m in meetings_of(plan.case)
        if m.plan_id in ids and (meeting is None or m.id != meeting.id)
    ]
    return schedule_rules.next_core_group_due(
        run.started_on,
        [*held, held_on],
        review_date(run.agreed),
        timescales.default_calendar(),
        interval_weeks,
        [review for review in run.reviews_held if review <= held_on],
    )


def timings(case: Case, interval_weeks: int) -> dict[int, Timing]:
    """Whether each meeting was held on time, by meeting id, counted within each run of plans
    by the rule that says when the next is due (the reviews held, and the next one, count)."""
    runs: dict[int, list[CoreGroupMeeting]] = {}
    for meeting in meetings_of(case):
        runs.setdefault(plan_run(meeting.plan)[0].id, []).append(meeting)
    newest: dict[int, Plan] = {}
    for plan in db.session.scalars(select(Plan).where(Plan.case_id == case.id)):
        first = plan_run(plan)[0].id
        if first not in newest or plan.number > newest[first].number:
            newest[first] = plan
    found = {}
    for first, meetings in runs.items():
        run = run_of(newest[first])
        reviews = [*run.reviews_held]
        next_review = (
            review_date(run.agreed)
            if run.agreed.ended_on is None
            else review_that_ended(run.agreed)
        )
        if next_review is not None:
            reviews.append(next_review)
        timed = schedule_rules.held_on_time(
            run.started_on,
            [m.held_on for m in meetings],
            timescales.default_calendar(),
            interval_weeks,
            reviews,
        )
        found.update({m.id: t for m, t in zip(meetings, timed, strict=True)})
    return found


def summary_of(meeting: CoreGroupMeeting) -> schedule_rules.MeetingSummary:
    """The meeting's ratings and what happened to the actions, counting every action of the
    plan in force at it: one not reviewed at the meeting is counted as such."""
    context = meeting_context(meeting.plan, meeting)
    reviewed = {row.action_id for row in meeting.action_updates}
    in_force = {action.id for item in context.goals for _n, action in item.actions}
    return schedule_rules.meeting_summary(
        # A goal "not discussed this time" has no rating, and is not counted as rated.
        [row.rating for row in meeting.progress if row.rating is not None],
        [row.status for row in meeting.action_updates],
        not_reviewed=len(in_force - reviewed),
    )


# Reading.


def view_meetings(actor: User, case: Case) -> None:
    audit.record(actor, "view core groups", case)


def view_meeting(actor: User, meeting: CoreGroupMeeting) -> None:
    audit.record(actor, "view", meeting)


def goal_numbers(plan: Plan) -> dict[int, int]:
    """Each goal's number, as on the plan page."""
    return {goal.id: number for number, goal in enumerate(goals_in_order(plan), start=1)}


# What the actions part gives.


@dataclass(frozen=True)
class NewAction:
    goal_id: int
    what: str
    who: str
    by_when: date


def _save_new_actions(
    actor: User, meeting, plan: Plan, added: list[PlanAction], rows: list[NewAction | None]
) -> None:
    """Each row adds an action to the plan, changes the one added at this meeting in its place,
    or (left blank) removes it. The plan's own audit rows record each change."""
    goals_by_id = {goal.id: goal for goal in plan.goals}
    for number, row in enumerate(rows):
        existing = added[number] if number < len(added) else None
        if row is None:
            if existing is not None:
                plan_goals.remove_action(actor, existing)
            continue
        fields = {"what": row.what, "who": row.who, "by_when": row.by_when}
        if existing is None:
            plan_goals.add_action(
                actor, goals_by_id[row.goal_id], added_at_meeting_id=meeting.id, **fields
            )
            continue
        if existing.goal_id != row.goal_id:
            goal = goals_by_id[row.goal_id]
            fields |= {"goal_id": goal.id, "position": 1 + max(_positions(goal), default=-1)}
        plan_goals.update_action(actor, existing, existing.version, **fields)


def save_new_actions(
    actor: User, meeting: CoreGroupMeeting, context: MeetingContext, rows: list[NewAction | None]
) -> None:
    """The new actions agreed at a meeting recorded in parts (core_group_parts.py)."""
    _save_new_actions(actor, meeting, meeting.plan, context.added, rows)


def _positions(goal: SafetyGoal) -> list[int]:
    return [action.position for action in goal.actions]


def bring_statuses_up_to_date(actor: User, reviewed: set[int]) -> None:
    """An action's status is what the latest meeting that reviewed it said, so changing an
    older meeting never undoes what a later one recorded."""
    db.session.flush()
    for action_id in sorted(reviewed):  # audit rows in one order on every database
        action = db.session.get(PlanAction, action_id)
        latest = db.session.scalar(
            select(ActionUpdate.status)
            .join(CoreGroupMeeting)
            .where(ActionUpdate.action_id == action_id)
            .order_by(CoreGroupMeeting.held_on.desc(), CoreGroupMeeting.id.desc())
            .limit(1)
        )
        if action is not None and latest is not None and action.status != latest:
            for copy in _draft_copies(action):
                plan_goals.update_action(actor, copy, copy.version, status=latest)
            plan_goals.update_action(actor, action, action.version, status=latest)


def _draft_copies(action: PlanAction) -> list[PlanAction]:
    """The action's copies in a next plan drafted before this meeting (a review's plan is often
    drafted weeks ahead), which still say what the action said then: so the new plan starts
    from the latest progress. A copy whose status the draft has changed is left as it is."""
    query = (
        select(PlanAction)
        .join(SafetyGoal, PlanAction.goal_id == SafetyGoal.id)
        .join(Plan, SafetyGoal.plan_id == Plan.id)
        .where(
            SafetyGoal.origin_goal_id == action.goal_id,
            Plan.finalised_at.is_(None),
            PlanAction.position == action.position,
            PlanAction.what == action.what,
            PlanAction.status == action.status,
        )
    )
    return list(db.session.scalars(query))


def schedule_for_case(actor: User, case: Case, interval_weeks: int, today: date) -> dict | None:
    """For the case page: when the next core group is due and whether it is overdue, how many
    have been held, and whether `actor` may record one. None when the family has no plan in
    force and no meetings."""
    due = schedule(case, interval_weeks, today)
    if due is None and not meetings_of(case):
        return None
    return {"schedule": due, "may_record": due is not None and access.may_record(actor, case)}
