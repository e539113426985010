"""Who was invited to a conference, whether and how they took part, and whether it was quorate.

Every function that changes data takes the acting user and writes its audit row in the same
transaction; the view commits.
"""

from sqlalchemy import func, select

from conference.domain import quorum
from conference.extensions import db
from conference.models import Adult, Attendee, Conference, User
from conference.services import audit, records


def record_in_case(actor: User, action: str, record, conference: Conference, changes=None) -> None:
    """Audit a change to a conference record under the conference's case. Conference records
    carry no case id of their own, and without it the change would be missing from the case's
    audit history."""
    event = audit.record(actor, action, record, changes)
    event.case_id = conference.case_id


def view_conference(actor: User, conference: Conference) -> None:
    """Seeing who came to a conference is seeing the family's record: audited like the case."""
    audit.record(actor, "view", conference)


def attendee_of(conference: Conference, attendee_id: int) -> Attendee | None:
    """The attendee, if they were invited to `conference`."""
    attendee = db.session.get(Attendee, attendee_id)
    return attendee if attendee is not None and attendee.conference_id == conference.id else None


def active_users() -> list[User]:
    """The accounts an attendee can be linked to."""
    return list(db.session.scalars(select(User).where(User.active).order_by(User.name)))


def add_attendee(actor: User, conference: Conference, **fields) -> Attendee:
    """Invite someone to the conference. They go to the end of the list, so the order people
    were added in stays the order they are listed and asked in."""
    last = db.session.scalar(
        select(func.max(Attendee.position)).where(Attendee.conference_id == conference.id)
    )
    attendee = Attendee(
        conference_id=conference.id,
        position=(last or 0) + 1,
        **_with_links(conference, _stripped(fields)),
    )
    db.session.add(attendee)
    record_in_case(actor, "create", attendee, conference, audit.changes_of(attendee))
    db.session.flush()
    return attendee


def update_attendee(actor: User, conference: Conference, attendee: Attendee, version, **fields):
    """Change what is recorded about an attendee; refuse a save based on an older version."""
    if version != attendee.version:
        raise records.StaleVersion(attendee)
    for key, value in _with_links(conference, _stripped(fields)).items():
        setattr(attendee, key, value)
    changes = audit.changes_of(attendee)
    if changes:
        record_in_case(actor, "update", attendee, conference, changes)
    db.session.flush()
    return attendee


def participants(conference: Conference) -> list[quorum.Participant]:
    return [
        quorum.Participant(
            agency_type=attendee.agency_type,
            attendance=attendee.attendance,
            for_the_family=bool(
                attendee.is_parent
                or attendee.is_supporter
                or attendee.adult_id
                or attendee.relationship_to_family
            ),
        )
        for attendee in conference.attendees
    ]


def quorum_status(conference: Conference) -> dict:
    """Whether the conference is quorate, the agencies attending, and the chair's warning."""
    agencies = quorum.attending_agencies(participants(conference))
    return {
        "quorate": quorum.is_quorate(agencies),
        "agencies": [quorum.AGENCY_TYPES[agency] for agency in agencies],
        "message": quorum.quorum_message(agencies),
    }


def _with_links(conference: Conference, fields: dict) -> dict:
    """Fill in what a linked family member or account already tells us, without overwriting
    anything typed: their name, how they are related to the children, their agency. Someone
    with parental responsibility for any child is a parent, so they are asked to scale first."""
    adult = _adult_in_case(conference, fields.get("adult_id"))
    if adult is not None:
        fields["name"] = fields.get("name") or adult.name
        fields["relationship_to_family"] = fields.get("relationship_to_family") or _relationships(
            adult
        )
        if any(link.parental_responsibility for link in adult.relationships):
            fields["is_parent"] = True
    else:
        fields["adult_id"] = None
    user = db.session.get(User, fields["user_id"]) if fields.get("user_id") else None
    if user is not None:
        fields["name"] = fields.get("name") or user.name
        fields["agency"] = fields.get("agency") or user.agency
    return fields


def _adult_in_case(conference: Conference, adult_id: int | None) -> Adult | None:
    adult = db.session.get(Adult, adult_id) if adult_id else None
    return adult if adult is not None and adult.case_id == conference.case_id else None


def _relationships(adult: Adult) -> str:
    """ "Mother of Lily and Sam"."""
    by_relationship: dict[str, list[str]] = {}
    for link in adult.relationships:
        by_relationship.setdefault(link.relationship_to_child, []).append(link.child.given_name)
    return "; ".join(
        f"{relationship} of {' and '.join(names)}"
        for relationship, names in by_relationship.items()
    )[:200]


def _stripped(fields: dict) -> dict:
    return {
        key: value.strip() if isinstance(value, str) else value for key, value in fields.items()
    }
