"""A child at the conference: the attendance list is where it is recorded, and the child's voice
page says the same.

The voice's "Attended the conference" and its participation code (PN1 to PN4 attend, PN5 to PN7
do not) feed the statutory returns and the dashboard, so when the list changes they follow it;
and ticking "Attended the conference" on the voice page puts the child on the list. Both
directions live here, so neither the attendance nor the voice service needs the other.
"""

from sqlalchemy import func, select

from conference.domain import participation, quorum
from conference.domain.children import age_in_years
from conference.extensions import db
from conference.models import Attendee, Child, ChildVoice, Conference, User
from conference.services import audit

# The codes for a child who was at the conference; PN0 (under 4) says nothing either way.
ATTENDING_CODES = {
    participation.ATTENDS_SPEAKS_FOR_SELF,
    participation.ATTENDS_ADVOCATE_SPEAKS,
    participation.ATTENDS_NON_VERBAL,
    participation.ATTENDS_VIEWS_NOT_CONVEYED,
}
CHILD = "Child"  # how a child on the list is related to the family


def next_position(conference: Conference) -> int:
    """The place at the end of the list: people are listed, and asked, in the order added."""
    last = db.session.scalar(
        select(func.max(Attendee.position)).where(Attendee.conference_id == conference.id)
    )
    return (last or 0) + 1


def child_attendee(conference: Conference, child_id: int) -> Attendee | None:
    """The child's row on the conference's attendance list, if they are on it."""
    query = select(Attendee).where(
        Attendee.conference_id == conference.id, Attendee.child_id == child_id
    )
    return db.session.scalars(query.order_by(Attendee.position)).first()


def listed_as_attending(conference: Conference, child: Child) -> bool:
    row = child_attendee(conference, child.id)
    return row is not None and row.attendance == quorum.ATTENDED


def child_fields(child: Child) -> dict:
    """What the attendance list holds about a child: the family is not an agency, so a child
    never counts towards the quorum."""
    return {
        "name": child.name,
        "child_id": child.id,
        "agency_type": quorum.FAMILY,
        "relationship_to_family": CHILD,
        "adult_id": None,
        "user_id": None,
    }


def list_child(actor: User, conference: Conference, child: Child, attended: bool) -> None:
    """After the voice page is saved: a child recorded as attending is on the list as attended;
    one no longer recorded as attending is no longer listed as attended (invited instead)."""
    row = child_attendee(conference, child.id)
    if row is None:
        if not attended:
            return
        row = Attendee(
            conference_id=conference.id,
            position=next_position(conference),
            attendance=quorum.ATTENDED,
            **child_fields(child),
        )
        db.session.add(row)
        _audit(actor, "create", row, conference, audit.changes_of(row))
        db.session.flush()
        return
    if (row.attendance == quorum.ATTENDED) == attended:
        return
    row.attendance = quorum.ATTENDED if attended else quorum.INVITED
    row.apologies_reason = ""
    _audit(actor, "update", row, conference, audit.changes_of(row))
    db.session.flush()


def voice_follows_list(actor: User, conference: Conference, child_id: int) -> None:
    """After the list changes for a child: their voice record says whether they attended as the
    list does, and a participation code that now contradicts it is replaced by the suggestion
    (the chair can choose again on the voice page)."""
    voice = db.session.scalar(
        select(ChildVoice).where(
            ChildVoice.conference_id == conference.id, ChildVoice.child_id == child_id
        )
    )
    if voice is None:
        return
    row = child_attendee(conference, child_id)
    attended = row is not None and row.attendance == quorum.ATTENDED
    methods = [m for m in voice.methods or [] if m != participation.ATTENDED]
    if attended:
        methods.append(participation.ATTENDED)
    if set(methods) != set(voice.methods or []):
        voice.methods = methods
    code = voice.participation_code
    if (
        code is not None
        and code != participation.UNDER_FOUR
        and (code in ATTENDING_CODES) != attended
    ):
        voice.participation_code = participation.suggest_from_record(
            _age(voice.child, conference),
            methods,
            bool(voice.own_words.strip()),
            bool(voice.observations.strip()),
        )
    changes = audit.changes_of(voice)
    if changes:
        _audit(actor, "update", voice, conference, changes)


def _age(child: Child, conference: Conference) -> int | None:
    born = child.date_of_birth
    if born is None or born > conference.held_on:
        return None
    return age_in_years(born, conference.held_on)


def _audit(actor: User, action: str, record, conference: Conference, changes=None) -> None:
    # Conference records carry no case id: without it the change would miss the case's history.
    event = audit.record(actor, action, record, changes)
    event.case_id = conference.case_id
