"""Who may see and change a conference: the case's rules, plus the finalised lock.

A conference is visible to whoever may see its case. It may be changed by whoever may change the
case (the allocated social worker, a manager of the team) and by any chair, until it is
finalised; after that only dated amendments by a chair are allowed.
"""

from flask import abort

from conference.cases.access import can_edit, can_view
from conference.extensions import db
from conference.models import Conference, Role


class ConferenceFinalised(Exception):
    """A change was attempted to a finalised conference: it is never silently changed."""

    def __init__(self, conference):
        super().__init__(f"conference {conference.id} is finalised")
        self.conference = conference


def conference_to_view(user, conference_id: int) -> Conference:
    """:raise 404: no such conference, or its case is not visible to the user."""
    conference = db.session.get(Conference, conference_id)
    if conference is None or not can_view(user, conference.case):
        abort(404)
    return conference


def may_change(user, conference: Conference) -> bool:
    return user.role == Role.CHAIR or can_edit(user, conference.case)


def conference_to_change(user, conference_id: int) -> Conference:
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


def child_of(conference: Conference, child_id: int):
    """:raise 404: the child is not in this conference's family."""
    for child in conference.case.children:
        if child.id == child_id:
            return child
    abort(404)
