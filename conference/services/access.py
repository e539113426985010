"""Who may see and change the family's record: every rule in one place.

Cases:
- Chairs see every case: they chair conferences across teams.
- Managers see every case in their team.
- Social workers see the cases in their team and any case allocated to them.
- Practitioners from other agencies see only cases whose core group they belong to.
- Administrators manage accounts and see no case content, unless also given a case role
  (allocated to the case, or a member of its core group).
- Anyone may see a case allocated to them or whose core group they are in.

A case may be changed by the allocated social worker, a manager of the case's team, and chairs.
Everything recorded about a case (its conferences, plans and core group meetings) is visible to
whoever may see the case. Conferences and plans may be changed by whoever may change the case
and by any chair until they are finalised; after that only dated amendments by a chair. Any
member of the core group may record a core group meeting, as may whoever may change the case.
Statutory visits are recorded and changed by the case's social worker and the managers who see
the case (not chairs, not practitioners from other agencies).

The chronology is read by whoever may see the case and added to or corrected by whoever may
change it. Management oversight (supervision) is the council's internal record: recorded by
managers who see the case, read by whoever may see the case except practitioners from other
agencies, and left out of the chronology they read.

The decision for each child is the chair's: only the conference's chair (any chair while none is
assigned) records or changes it and finalises, and scores are recorded by that chair or the
conference's minute-taker as people give them. Others who may change the conference still propose
changes to its map and plan; the chair sees them before finalising.

A minute-taker (business support, typing in the room) sees only the conferences they are assigned
to, and the plan drafted at them: they record attendance, the map, scores and the plan's wording
there, never the decision, and see no case, no other conference, and nothing of the case beyond
the conference (visible_cases is empty for them).

Anyone else is told the record does not exist (404), so its existence is not revealed.

The dashboard's figures count the whole service for managers and chairs, but the rows behind
them (each naming a child) only the cases the reader may see. The statutory returns, which list
every child, are made by the manager with no team (the whole service's), who also writes the
whole service's commentary and sets the figures' targets; a team's manager writes their own
team's commentary. Administrators enter the published comparators (England, statistical
neighbours), which name no child.
"""

from flask import abort
from sqlalchemy import ColumnElement, false, or_, select, true

from conference.extensions import db
from conference.models import (
    Case,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    Plan,
    Role,
    StatutoryVisit,
    User,
)


class ConferenceFinalised(Exception):
    """A change was attempted to a finalised conference: it is never silently changed."""

    def __init__(self, conference):
        super().__init__(f"conference {conference.id} is finalised")
        self.conference = conference


class PlanFinalised(Exception):
    """A change was attempted to a finalised plan: it is never silently changed."""

    def __init__(self, plan):
        super().__init__(f"plan {plan.id} is finalised")
        self.plan = plan


# Cases


def visible_cases(user: User) -> ColumnElement[bool]:
    """A filter for queries on Case: the cases `user` may see."""
    has_case_role = or_(
        Case.social_worker_id == user.id,
        Case.id.in_(select(CoreGroupMember.case_id).where(CoreGroupMember.user_id == user.id)),
    )
    if user.role == Role.MINUTE_TAKER:
        # They see their conferences (conference_to_view), never the case's record.
        return false()
    if user.role == Role.CHAIR or makes_the_returns(user):
        # The head of service returns every child to the DfE and to Ofsted, and answers for
        # what the returns say: they read every case (and change none: can_edit).
        return true()
    if user.role in (Role.MANAGER, Role.SOCIAL_WORKER) and user.team_id is not None:
        return or_(Case.team_id == user.team_id, has_case_role)
    return has_case_role


def could_see_new_case(user: User, team_id: int | None, social_worker_id: int | None) -> bool:
    """Whether `user` would see a case they are about to create with these details."""
    if user.role == Role.CHAIR or social_worker_id == user.id:
        return True
    same_team = user.team_id is not None and user.team_id == team_id
    return user.role in (Role.MANAGER, Role.SOCIAL_WORKER) and same_team


def can_view(user: User, case: Case) -> bool:
    query = select(Case.id).where(Case.id == case.id, visible_cases(user))
    return db.session.scalar(query) is not None


def can_edit(user: User, case: Case) -> bool:
    if user.role == Role.CHAIR:
        return True
    if user.role == Role.MANAGER:
        return user.team_id is not None and case.team_id == user.team_id
    return user.role == Role.SOCIAL_WORKER and case.social_worker_id == user.id


def case_to_view(user: User, case_id: int) -> Case:
    """The case, if `user` may see it.

    :raise 404: no such case, or one the user may not see.
    """
    case = db.session.get(Case, case_id)
    if case is None or not can_view(user, case):
        abort(404)
    return case


def case_to_edit(user: User, case_id: int) -> Case:
    """The case, if `user` may change it.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = case_to_view(user, case_id)
    if not can_edit(user, case):
        abort(403)
    return case


def may_change(user: User, record: Conference | Plan) -> bool:
    """Whether `user` may change a conference or plan of a case (finalised or not). A plan's
    wording is also typed by the minute-taker of the conference it is drafted at."""
    if isinstance(record, Plan) and takes_minutes(user, record.conference):
        return True
    return user.role == Role.CHAIR or can_edit(user, record.case)


# Conferences


def takes_minutes(user: User, conference: Conference | None) -> bool:
    """Whether `user` is the minute-taker assigned to `conference`."""
    return (
        conference is not None
        and user.role == Role.MINUTE_TAKER
        and conference.minute_taker_id == user.id
    )


def chairs(user: User, conference: Conference) -> bool:
    """Whether `user` chairs `conference`: its chair, or any chair while none is assigned (one
    picks it up). The decision is theirs alone: the conference's independence."""
    return user.role == Role.CHAIR and conference.chair_id in (None, user.id)


def assigns_minute_taker(user: User, case: Case) -> bool:
    """The chair or the case's team manager assigns a conference's minute-taker."""
    return user.role in (Role.CHAIR, Role.MANAGER) and can_edit(user, case)


def minutes_in(user: User, case: Case) -> bool:
    """Whether `user` is the minute-taker of one of the case's conferences not yet finalised:
    the forms they type in (the plan's among them) may keep their drafts under the case."""
    if user.role != Role.MINUTE_TAKER:
        return False
    query = select(Conference.id).where(
        Conference.case_id == case.id,
        Conference.minute_taker_id == user.id,
        Conference.finalised_at.is_(None),
    )
    return db.session.scalar(query.limit(1)) is not None


def may_record_in_room(user: User, conference: Conference) -> bool:
    """Attendance and the map: whoever may change the conference, and its minute-taker."""
    return may_change(user, conference) or takes_minutes(user, conference)


def may_record_scores(user: User, conference: Conference) -> bool:
    """Scores are typed as people give them, by the chair or the minute-taker: not changed
    afterwards by the case's social worker or manager."""
    return chairs(user, conference) or takes_minutes(user, conference)


def conference_to_view(user: User, conference_id: int) -> Conference:
    """:raise 404: no such conference, or its case is not visible to the user (a minute-taker
    sees only the conferences they are assigned to)."""
    conference = db.session.get(Conference, conference_id)
    if conference is None:
        abort(404)
    if not (takes_minutes(user, conference) or can_view(user, conference.case)):
        abort(404)
    return conference


def _unless_finalised(conference: Conference) -> Conference:
    if conference.finalised:
        raise ConferenceFinalised(conference)
    return conference


def conference_to_record(user: User, conference_id: int) -> Conference:
    """The conference, if the user may record its attendance and map now.

    :raise 404: not visible. :raise 403: visible, but not theirs to record.
    :raise ConferenceFinalised: it is finalised (shown as a 409 page).
    """
    conference = conference_to_view(user, conference_id)
    if not may_record_in_room(user, conference):
        abort(403)
    return _unless_finalised(conference)


def conference_to_score(user: User, conference_id: int) -> Conference:
    """The conference, if the user may record its scores now (its chair or minute-taker).

    :raise 404: not visible. :raise 403: visible, but not theirs to score.
    :raise ConferenceFinalised: it is finalised (shown as a 409 page).
    """
    conference = conference_to_view(user, conference_id)
    if not may_record_scores(user, conference):
        abort(403)
    return _unless_finalised(conference)


def conference_to_decide(user: User, conference_id: int) -> Conference:
    """The conference, if the user is its chair and it is not finalised: the decision for each
    child and finalising are the chair's.

    :raise 404: not visible. :raise 403: visible, but the user does not chair it.
    :raise ConferenceFinalised: it is finalised (shown as a 409 page).
    """
    conference = conference_to_view(user, conference_id)
    if not chairs(user, conference):
        abort(403)
    return _unless_finalised(conference)


def conference_to_change(user: User, conference_id: int) -> Conference:
    """The conference, if the user may change it now.

    :raise 404: not visible to the user.
    :raise 403: visible, but the user may not change it.
    :raise ConferenceFinalised: it is finalised (shown as a 409 page).
    """
    conference = conference_to_view(user, conference_id)
    if not may_change(user, conference):
        abort(403)
    if conference.finalised:
        raise ConferenceFinalised(conference)
    return conference


def conference_to_keep_from_family(user: User, conference_id: int) -> Conference:
    """The conference, if the user may choose what its family copies leave out: whoever may
    change it (its chair, the case's social worker or team manager), not its minute-taker:
    what a parent may not read is a professional judgement. Also once it is finalised: the
    plan is printed for months after, and a child may ask later; no word of the record
    changes, and each choice is audited and printed on the record.

    :raise 404: not visible. :raise 403: visible, but not theirs to change.
    """
    conference = conference_to_view(user, conference_id)
    if not may_change(user, conference):
        abort(403)
    return conference


def child_of(conference: Conference, child_id: int):
    """:raise 404: the child is not in this conference's family."""
    for child in conference.case.children:
        if child.id == child_id:
            return child
    abort(404)


# Plans


def plan_to_view(user: User, plan_id: int) -> Plan:
    """:raise 404: no such plan, or its case is not visible to the user."""
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        abort(404)
    if not (takes_minutes(user, plan.conference) or can_view(user, plan.case)):
        abort(404)
    return plan


def plan_on_record_to_view(user: User, plan_id: int) -> Plan:
    """The plan as part of the family's record: its other versions, its progress, its printed
    copies, recordings and translations. Only for those who may see the case: a minute-taker
    sees the plan only to type its wording in the room.

    :raise 404: no such plan, or its case is not visible to the user.
    """
    plan = plan_to_view(user, plan_id)
    if not can_view(user, plan.case):
        abort(404)
    return plan


def plan_to_change(user: User, plan_id: int) -> Plan:
    """The plan, if the user may change it now. Only a chair finalises it.

    :raise 404: not visible. :raise 403: may not change it.
    :raise PlanFinalised: it is finalised (shown as a 409 page).
    """
    plan = plan_to_view(user, plan_id)
    if not may_change(user, plan):
        abort(403)
    if plan.finalised:
        raise PlanFinalised(plan)
    return plan


def goal_of(plan: Plan, goal_id: int):
    """:raise 404: the goal is not in this plan."""
    for goal in plan.goals:
        if goal.id == goal_id:
            return goal
    abort(404)


def action_of(plan: Plan, action_id: int):
    """:raise 404: the action is not in this plan."""
    for goal in plan.goals:
        for action in goal.actions:
            if action.id == action_id:
                return action
    abort(404)


# Core groups


def in_core_group(user: User, case) -> bool:
    query = select(CoreGroupMember.id).where(
        CoreGroupMember.case_id == case.id, CoreGroupMember.user_id == user.id
    )
    return db.session.scalar(query) is not None


def may_record(user: User, case) -> bool:
    """Whether `user` may record core group meetings for `case`."""
    return user.role == Role.CHAIR or can_edit(user, case) or in_core_group(user, case)


def case_to_record(user: User, case_id: int):
    """The case, if the user may record core group meetings for it.

    :raise 404: not visible. :raise 403: visible, but the user may not record meetings.
    """
    case = case_to_view(user, case_id)
    if not may_record(user, case):
        abort(403)
    return case


def meeting_to_view(user: User, meeting_id: int) -> CoreGroupMeeting:
    """:raise 404: no such meeting, or its case is not visible to the user."""
    meeting = db.session.get(CoreGroupMeeting, meeting_id)
    if meeting is None:
        abort(404)
    case_to_view(user, meeting.case_id)
    return meeting


def meeting_to_change(user: User, meeting_id: int) -> CoreGroupMeeting:
    """:raise 404: not visible. :raise 403: the user may not record meetings for the case."""
    meeting = meeting_to_view(user, meeting_id)
    if not may_record(user, meeting.case):
        abort(403)
    return meeting


# Statutory visits


def may_record_visits(user: User, case: Case) -> bool:
    """Whether `user` may record or change the statutory visits of `case`: the case's social
    worker and the managers who see the case. Not chairs (they chair, they do not visit), not
    practitioners from other agencies (their visits are recorded at core groups)."""
    if user.role == Role.SOCIAL_WORKER:
        return case.social_worker_id == user.id
    return user.role == Role.MANAGER and can_view(user, case)


def case_to_record_visits(user: User, case_id: int) -> Case:
    """:raise 404: not visible. :raise 403: visible, but the user may not record visits."""
    case = case_to_view(user, case_id)
    if not may_record_visits(user, case):
        abort(403)
    return case


def visit_to_view(user: User, visit_id: int) -> StatutoryVisit:
    """:raise 404: no such visit, or its case is not visible to the user."""
    visit = db.session.get(StatutoryVisit, visit_id)
    if visit is None:
        abort(404)
    case_to_view(user, visit.case_id)
    return visit


def visit_to_change(user: User, visit_id: int) -> StatutoryVisit:
    """:raise 404: not visible. :raise 403: the user may not record visits for the case."""
    visit = visit_to_view(user, visit_id)
    if not may_record_visits(user, visit.case):
        abort(403)
    return visit


# The dashboard's commentary and the statutory returns


def makes_the_returns(user: User) -> bool:
    """The statutory returns (the Children in Need census, Annex A) list every child in the
    council, and a team's manager may see only their team's children. So the returns are made
    only by a manager with no team: the manager responsible for the whole service (the head of
    service). This is the account's role and team, which an administrator already sets, rather
    than a separate permission to grant and forget."""
    return user.role == Role.MANAGER and user.team_id is None


def may_comment(user: User, team_id: int | None) -> bool:
    """Whether `user` may write commentary on the figures of a team (`team_id`, also for its
    pods) or, with None, of the whole service. Commentary explains figures to those who answer
    for them: a team's manager writes on their own team's figures, whoever makes the returns on
    the whole service's. Everyone who sees the dashboard reads it."""
    if team_id is None:
        return makes_the_returns(user)
    return user.role == Role.MANAGER and user.team_id == team_id


def sets_the_targets(user: User) -> bool:
    """The dashboard's targets are the council's, one for the whole service: set by the manager
    who answers for the whole service's figures (who makes the returns), not by an
    administrator, who manages accounts and does not answer for the figures."""
    return makes_the_returns(user)


def enters_comparators(user: User) -> bool:
    """England's and statistical neighbours' published figures are facts copied from a
    publication, naming no child: entered by an administrator."""
    return user.role == Role.ADMIN


# Management oversight and the chronology


def may_see_oversight(user: User, case: Case) -> bool:
    """Management oversight is the council's internal supervision: whoever may see the case,
    except practitioners from other agencies (they see the rest of the chronology)."""
    return user.role != Role.PRACTITIONER and can_view(user, case)


def case_for_oversight(user: User, case_id: int) -> Case:
    """:raise 404: not visible. :raise 403: a practitioner from another agency."""
    case = case_to_view(user, case_id)
    if not may_see_oversight(user, case):
        abort(403)
    return case


def may_record_oversight(user: User, case: Case) -> bool:
    """Managers who see the case record its oversight."""
    return user.role == Role.MANAGER and can_view(user, case)


def case_to_oversee(user: User, case_id: int) -> Case:
    """:raise 404: not visible. :raise 403: visible, but not to a manager."""
    case = case_to_view(user, case_id)
    if not may_record_oversight(user, case):
        abort(403)
    return case


def may_complete_action(user: User, action) -> bool:
    """An oversight action is marked done by its owner or by a manager who sees the case."""
    return action.owner_id == user.id or may_record_oversight(user, action.oversight.case)
