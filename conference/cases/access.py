"""Who may see and change a case: the rules in one place.

- Chairs see every case: they chair conferences across teams.
- Managers see every case in their team.
- Social workers see the cases in their team and any case allocated to them.
- Practitioners from other agencies see only cases whose core group they belong to.
- Administrators manage accounts and see no case content, unless also given a case role
  (allocated to the case, or a member of its core group).
- Anyone may see a case allocated to them or whose core group they are in.

Editing: the allocated social worker, a manager of the case's team, and chairs.
Anyone else is told the case does not exist (404), so its existence is not revealed.
"""

from flask import abort
from sqlalchemy import ColumnElement, or_, select, true

from conference.extensions import db
from conference.models import Case, CoreGroupMember, Role


def visible_cases(user) -> ColumnElement[bool]:
    """A filter for queries on Case: the cases `user` may see."""
    has_case_role = or_(
        Case.social_worker_id == user.id,
        Case.id.in_(select(CoreGroupMember.case_id).where(CoreGroupMember.user_id == user.id)),
    )
    if user.role == Role.CHAIR:
        return true()
    if user.role in (Role.MANAGER, Role.SOCIAL_WORKER) and user.team_id is not None:
        return or_(Case.team_id == user.team_id, has_case_role)
    return has_case_role


def could_see_new_case(user, team_id: int | None, social_worker_id: int | None) -> bool:
    """Whether `user` would see a case they are about to create with these details."""
    if user.role == Role.CHAIR or social_worker_id == user.id:
        return True
    same_team = user.team_id is not None and user.team_id == team_id
    return user.role in (Role.MANAGER, Role.SOCIAL_WORKER) and same_team


def can_view(user, case: Case) -> bool:
    query = select(Case.id).where(Case.id == case.id, visible_cases(user))
    return db.session.scalar(query) is not None


def can_edit(user, case: Case) -> bool:
    if user.role == Role.CHAIR:
        return True
    if user.role == Role.MANAGER:
        return user.team_id is not None and case.team_id == user.team_id
    return user.role == Role.SOCIAL_WORKER and case.social_worker_id == user.id


def case_to_view(user, case_id: int) -> Case:
    """The case, if `user` may see it.

    :raise 404: no such case, or one the user may not see.
    """
    case = db.session.get(Case, case_id)
    if case is None or not can_view(user, case):
        abort(404)
    return case


def case_to_edit(user, case_id: int) -> Case:
    """The case, if `user` may change it.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = case_to_view(user, case_id)
    if not can_edit(user, case):
        abort(403)
    return case
