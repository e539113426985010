"""My work's core group items (issue 18): the meetings started and not completed yet, for
those who finish them, with how many of their parts are saved; and for a member of a core group
(the school nurse), the actions of the plan in force that name her or her agency, with their
latest status and "By when". Worked out from what `queries.work_of` loaded: no query here."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from conference.domain import timescales
from conference.domain.plan_versions import plan_in_force
from conference.domain.vocabulary import ActionStatus, action_status_label
from conference.domain.wording import long_date
from conference.models import Plan, PlanAction, Role
from conference.services import core_group_parts as meeting_parts
from conference.services.access import can_edit
from conference.services.core_groups import NOT_IN_FORCE, GoalItem, plan_run
from conference.services.my_work.entries import Item, Link, Urgency
from conference.services.my_work.queries import CaseWork, UnfinishedMeeting
from conference.services.progress import goals_in_order


def records_core_groups(user, case_work: CaseWork) -> bool:
    """access.may_record, from what is loaded: chairs, whoever may change the case, and the
    core group's members."""
    return user.role == Role.CHAIR or can_edit(user, case_work.case) or case_work.member


# The parts of a meeting's record saved by a form, as its contents list shows them
# (core_group_standing.py): each agency's update counts as one part, however many agencies
# have saved theirs.
MEETING_PARTS = (
    meeting_parts.ATTENDANCE,
    meeting_parts.GOALS,
    meeting_parts.ACTIONS,
    meeting_parts.AGENCY,
    meeting_parts.VIEWS,
)
RECORDING = "recording"
BEING_RECORDED = Urgency(RECORDING, "Not completed yet")
FINISHED = (ActionStatus.DONE, ActionStatus.NO_LONGER_NEEDED)


def parts_saved(meeting: UnfinishedMeeting) -> int:
    agency = meeting_parts.AGENCY
    saved = {agency if section.startswith(agency) else section for section in meeting.sections}
    return len(saved & set(MEETING_PARTS))


def finishes(user, case_work: CaseWork, meeting: UnfinishedMeeting) -> bool:
    """Who is asked to finish recording a meeting: the case's social worker, the core group's
    members and whoever started it, while they may record its meetings."""
    case = case_work.case
    theirs = (
        case.social_worker_id == user.id or case_work.member or meeting.recorded_by_id == user.id
    )
    return theirs and records_core_groups(user, case_work)


def meeting_items(user, work: list[CaseWork]) -> Iterable[Item]:
    """Each meeting started and not completed, linked to its contents list."""
    for case_work in work:
        for meeting in case_work.unfinished:
            yield Item(
                case_work,
                f"Finish recording the core group meeting of {long_date(meeting.held_on)}",
                Link("core_groups.show_meeting", {"meeting_id": meeting.id}),
                meeting.held_on,
                "Held on",
                f"{parts_saved(meeting)} of {len(MEETING_PARTS)} parts saved",
                finishes(user, case_work, meeting),
            )


@dataclass(frozen=True)
class ActionItem:
    """An action of the plan in force naming the user or their agency, with where they record
    what happened to it."""

    case_work: CaseWork
    goal_number: int
    action: PlanAction
    link: Link
    overdue: bool

    @property
    def status(self) -> str:
        return action_status_label(self.action.status)


def has_actions(user, work: list[CaseWork]) -> bool:
    """Practitioners from other agencies, and anyone else in a core group, have the section."""
    return user.role == Role.PRACTITIONER or any(case_work.member for case_work in work)


def action_items(user, work: list[CaseWork], today: date) -> list[ActionItem]:
    """For a member of a core group: the actions of the goals in force of the plan in force
    that name them or their agency (as their agency's update lists them:
    core_group_parts.agency_actions), each with its latest status. Those still to do come
    first, the earliest "By when" first; the finished ones after, so they can see them done."""
    items = []
    for case_work in work:
        plan = plan_in_force(case_work.plans)
        if plan is None or not case_work.member:
            continue
        link = _agency_update_link(case_work, plan)
        for number, action in meeting_parts.agency_actions(user, _goals_in_force(plan)):
            to_do = action.status not in FINISHED
            late = (
                to_do and action.by_when is not None and timescales.is_late(today, action.by_when)
            )
            items.append(ActionItem(case_work, number, action, link, late))
    items.sort(
        key=lambda item: (
            item.action.status in FINISHED,
            item.action.by_when or date.max,
            item.case_work.case.reference,
            item.goal_number,
            item.action.position,
        )
    )
    return items


def _goals_in_force(plan: Plan) -> list[GoalItem]:
    """Numbered as on the plan (and the meeting's forms), from what is loaded."""
    return [
        GoalItem(number, goal, list(enumerate(sorted(goal.actions, key=_position), start=1)))
        for number, goal in enumerate(goals_in_order(plan), start=1)
        if goal.state not in NOT_IN_FORCE
    ]


def _position(action: PlanAction) -> tuple[int, int]:
    return (action.position, action.id)


def _agency_update_link(case_work: CaseWork, plan: Plan) -> Link:
    """The member's agency's update of the meeting being recorded, when one is; else the
    case's core group meetings, where one is started."""
    in_run = {p.id for p in plan_run(plan)}
    being_recorded = [m for m in case_work.unfinished if m.plan_id in in_run]
    if being_recorded:
        return Link("core_groups.part_agency", {"meeting_id": being_recorded[-1].id})
    return Link("core_groups.meetings", {"case_id": case_work.case.id})
