"""Loading what "My work" needs in a few queries, whatever the number of cases: the user's open
cases, their conferences, plans, core group meetings (with the parts saved of those not
completed yet), statutory visits, open actions from management oversight and which core groups
the user is a member of, each kind in one query.

A case is the user's when they have a part in it: allocated to it, a member of its core group,
chairing one of its conferences, owning or having set an open action from its management
oversight, or (for a manager) in their team. Only cases the user may see
at all are ever loaded (`visible_cases`), and never a closed one.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from conference.domain.visits import ChildSeen
from conference.domain.vocabulary import CaseStatus
from conference.extensions import db
from conference.models import (
    Case,
    Child,
    ChildEpisode,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    CoreGroupSection,
    Oversight,
    OversightAction,
    Plan,
    Role,
    SafetyGoal,
    StatutoryVisit,
    User,
    VisitChild,
)
from conference.services.access import visible_cases


@dataclass
class CaseWork:
    """One case with what its work is worked out from."""

    case: Case
    conferences: list[Conference] = field(default_factory=list)  # earliest first
    plans: list[Plan] = field(default_factory=list)  # first version first
    meetings: list[tuple[int, date]] = field(default_factory=list)  # (plan id, held on)
    # Each child's part in the family's statutory visits, by child id.
    visits: dict[int, list[ChildSeen]] = field(default_factory=dict)
    # Open actions from management oversight that the user owns or set (as the manager).
    oversight_actions: list[OversightAction] = field(default_factory=list)
    # Whether the user is a member of the case's core group (a practitioner's way in).
    member: bool = False
    # Core group meetings started and not completed yet, earliest first.
    unfinished: list["UnfinishedMeeting"] = field(default_factory=list)


@dataclass
class UnfinishedMeeting:
    """A core group meeting started and not completed: who started it, and the parts saved
    (CoreGroupSection.section: "attendance", "goals", …, "agency:<name>" for each agency)."""

    id: int
    plan_id: int
    held_on: date
    recorded_by_id: int | None
    sections: set[str] = field(default_factory=set)


def mine(user) -> ColumnElement[bool]:
    """A filter for queries on Case: the cases in which `user` has a part."""
    chaired = select(Conference.case_id).where(Conference.chair_id == user.id)
    in_core_group = select(CoreGroupMember.case_id).where(CoreGroupMember.user_id == user.id)
    team = Case.team_id == user.team_id if user.role == Role.MANAGER and user.team_id else false()
    return or_(
        Case.social_worker_id == user.id,
        Case.id.in_(in_core_group),
        Case.id.in_(chaired),
        team,
        Case.id.in_(select(Oversight.case_id).join(Oversight.actions).where(open_action_of(user))),
    )


def open_action_of(user) -> ColumnElement[bool]:
    """An oversight action not done yet that the user owns, or set as the manager."""
    return OversightAction.done_on.is_(None) & or_(
        OversightAction.owner_id == user.id, Oversight.manager_id == user.id
    )


def work_of(user) -> list[CaseWork]:
    """The user's open cases, oldest reference first, each with its conferences, plans and core
    group meetings."""
    return _work_on(
        _cases(visible_cases(user), mine(user), Case.status != CaseStatus.CLOSED.value), user
    )


def work_on_cases(case_ids: list[int], user) -> list[CaseWork]:
    """These cases' work, loaded as `work_of` loads it (for the items kept: my_work/kept.py)."""
    return _work_on(_cases(Case.id.in_(case_ids)), user) if case_ids else []


def _cases(*where) -> list[Case]:
    """The cases, oldest reference first, with their people and the children's episodes."""
    return list(
        db.session.scalars(
            select(Case)
            .where(*where)
            .options(
                selectinload(Case.children)
                .selectinload(Child.episodes)
                .selectinload(ChildEpisode.enquiries),
                selectinload(Case.adults),
            )
            .order_by(Case.reference)
        )
    )


def team_workers(user) -> list[User]:
    """The social workers of a manager's team, by name, for the summary and its filter."""
    if user.role != Role.MANAGER or user.team_id is None:
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(User.team_id == user.team_id, User.role == Role.SOCIAL_WORKER, User.active)
            .order_by(User.name, User.id)
        )
    )


def work_on_case(user, case: Case) -> CaseWork:
    """One case's work, loaded as My work loads it, for its case page (which the caller has
    checked the user may see): the oversight actions are those the user owns or set."""
    return _work_on([case], user)[0]


def _work_on(cases, user) -> list[CaseWork]:
    work = {case.id: CaseWork(case) for case in cases}
    if not work:
        return []
    ids = list(work)
    # Loaded with what the review dates and the visits read, so that nothing below queries
    # again case by case: a plan's conference, its earlier version and its case are then found
    # in the session without a query.
    conferences = db.session.scalars(
        select(Conference)
        .where(Conference.case_id.in_(ids))
        .options(selectinload(Conference.decisions))
        .order_by(Conference.held_on, Conference.id)
    )
    for conference in conferences:
        work[conference.case_id].conferences.append(conference)
    plans = db.session.scalars(select(Plan).where(Plan.case_id.in_(ids)).order_by(Plan.number))
    for plan in plans:
        work[plan.case_id].plans.append(plan)
    meetings = db.session.execute(
        select(CoreGroupMeeting.case_id, CoreGroupMeeting.plan_id, CoreGroupMeeting.held_on)
        .where(CoreGroupMeeting.case_id.in_(ids))
        .order_by(CoreGroupMeeting.held_on)
    )
    found = defaultdict(list)
    for case_id, plan_id, held_on in meetings:
        found[case_id].append((plan_id, held_on))
    for case_id, rows in found.items():
        work[case_id].meetings = rows
    _load_visits(work)
    _load_oversight_actions(work, user)
    _load_membership(work, user)
    _load_goals(work)
    _load_unfinished_meetings(work)
    return list(work.values())


def _load_goals(work: dict[int, CaseWork]) -> None:
    """The goals, actions and map of the plans read beyond their dates, in one query: the drafts
    (their checks to put right) and, for a member of the core group, the case's plans (their
    actions). Most plans of a team are finalised and never need them, which more than halved
    the objects a team manager's page loaded (issue 22)."""
    needed = [
        plan.id
        for case_work in work.values()
        for plan in case_work.plans
        if case_work.member or not plan.finalised
    ]
    if needed:
        db.session.scalars(
            select(Plan)
            .where(Plan.id.in_(needed))
            .options(
                selectinload(Plan.goals).selectinload(SafetyGoal.actions),
                selectinload(Plan.conference).selectinload(Conference.map_items),
            )
        ).all()


def _load_visits(work: dict[int, CaseWork]) -> None:
    """Each child's part in the families' statutory visits, in one query."""
    parts = db.session.execute(
        select(
            StatutoryVisit.case_id,
            VisitChild.child_id,
            StatutoryVisit.visited_on,
            VisitChild.seen,
            VisitChild.seen_alone,
            StatutoryVisit.by_lead_social_worker,
        )
        .join(VisitChild.visit)
        .where(StatutoryVisit.case_id.in_(list(work)))
    )
    for case_id, child_id, visited_on, seen, alone, by_lead in parts:
        work[case_id].visits.setdefault(child_id, []).append(
            ChildSeen(visited_on, seen, alone, by_lead)
        )


def _load_oversight_actions(work: dict[int, CaseWork], user) -> None:
    """The open oversight actions the user owns or set, in one query."""
    actions = db.session.scalars(
        select(OversightAction)
        .join(OversightAction.oversight)
        .where(Oversight.case_id.in_(list(work)), open_action_of(user))
        .options(contains_eager(OversightAction.oversight), selectinload(OversightAction.owner))
        .order_by(OversightAction.due_on, OversightAction.id)
    )
    for action in actions:
        work[action.oversight.case_id].oversight_actions.append(action)


def _load_membership(work: dict[int, CaseWork], user) -> None:
    """Which of the cases' core groups the user is a member of, in one query."""
    member_of = db.session.scalars(
        select(CoreGroupMember.case_id).where(
            CoreGroupMember.user_id == user.id, CoreGroupMember.case_id.in_(list(work))
        )
    )
    for case_id in member_of:
        work[case_id].member = True


def _load_unfinished_meetings(work: dict[int, CaseWork]) -> None:
    """The meetings started and not completed, each with the parts saved, in one query."""
    rows = db.session.execute(
        select(
            CoreGroupMeeting.case_id,
            CoreGroupMeeting.id,
            CoreGroupMeeting.plan_id,
            CoreGroupMeeting.held_on,
            CoreGroupMeeting.recorded_by_id,
            CoreGroupSection.section,
        )
        .outerjoin(CoreGroupSection, CoreGroupSection.meeting_id == CoreGroupMeeting.id)
        .where(CoreGroupMeeting.case_id.in_(list(work)), CoreGroupMeeting.completed_at.is_(None))
        .order_by(CoreGroupMeeting.held_on, CoreGroupMeeting.id)
    )
    found: dict[int, UnfinishedMeeting] = {}
    for case_id, meeting_id, plan_id, held_on, recorded_by_id, section in rows:
        meeting = found.get(meeting_id)
        if meeting is None:
            meeting = found[meeting_id] = UnfinishedMeeting(
                meeting_id, plan_id, held_on, recorded_by_id
            )
            work[case_id].unfinished.append(meeting)
        if section is not None:
            meeting.sections.add(section)
