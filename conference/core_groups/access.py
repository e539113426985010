"""Who may see and record core group meetings.

Whoever may see the case may see its core group meetings. Any member of the core group may
record one (practitioners from other agencies included, for their cases only), as may whoever
may change the case, and chairs.
"""

from flask import abort
from sqlalchemy import select

from conference.cases.access import can_edit, case_to_view
from conference.extensions import db
from conference.models import CoreGroupMeeting, CoreGroupMember, Role


def in_core_group(user, case) -> bool:
    query = select(CoreGroupMember.id).where(
        CoreGroupMember.case_id == case.id, CoreGroupMember.user_id == user.id
    )
    return db.session.scalar(query) is not None


def may_record(user, case) -> bool:
    return user.role == Role.CHAIR or can_edit(user, case) or in_core_group(user, case)


def case_to_record(user, case_id: int):
    """The case, if the user may record core group meetings for it.

    :raise 404: not visible. :raise 403: visible, but the user may not record meetings.
    """
    case = case_to_view(user, case_id)
    if not may_record(user, case):
        abort(403)
    return case


def meeting_to_view(user, meeting_id: int) -> CoreGroupMeeting:
    """:raise 404: no such meeting, or its case is not visible to the user."""
    meeting = db.session.get(CoreGroupMeeting, meeting_id)
    if meeting is None:
        abort(404)
    case_to_view(user, meeting.case_id)
    return meeting


def meeting_to_change(user, meeting_id: int) -> CoreGroupMeeting:
    """:raise 404: not visible. :raise 403: the user may not record meetings for the case."""
    meeting = meeting_to_view(user, meeting_id)
    if not may_record(user, meeting.case):
        abort(403)
    return meeting
