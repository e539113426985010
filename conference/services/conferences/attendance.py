"""Who was invited to a conference, whether and how they took part, and whether it was quorate.

Every function that changes data takes the acting user and writes its audit row in the same
transaction; the view commits.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from conference.domain import quorum
from conference.extensions import db
from conference.models import Adult, Attendee, Child, Conference, Role, User
from conference.services import audit, records
from conference.services.conferences import children_present


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
    """The accounts an attendee can be linked to. Administrators run the service and never
    attend a family's conference as administrators, so they are not offered."""
    query = select(User).where(User.active, User.role != Role.ADMIN).order_by(User.name)
    return list(db.session.scalars(query))


def add_attendee(actor: User, conference: Conference, **fields) -> Attendee:
    """Invite someone to the conference. They go to the end of the list, so the order people
    were added in stays the order they are listed and asked in."""
    attendee = Attendee(
        conference_id=conference.id,
        position=children_present.next_position(conference),
        **_with_links(conference, _stripped(fields)),
    )
    db.session.add(attendee)
    record_in_case(actor, "create", attendee, conference, audit.changes_of(attendee))
    db.session.flush()
    _voice_follows(actor, conference, attendee, None)
    return attendee


def update_attendee(actor: User, conference: Conference, attendee: Attendee, version, **fields):
    """Change what is recorded about an attendee; refuse a save based on an older version."""
    if version != attendee.version:
        raise records.StaleVersion(attendee)
    child_before = attendee.child_id
    for key, value in _with_links(conference, _stripped(fields)).items():
        setattr(attendee, key, value)
    changes = audit.changes_of(attendee)
    if changes:
        record_in_case(actor, "update", attendee, conference, changes)
    db.session.flush()
    _voice_follows(actor, conference, attendee, child_before)
    return attendee


def _voice_follows(actor: User, conference: Conference, attendee: Attendee, child_before) -> None:
    """A child's voice record says whether they attended as the list does: the child now on
    this row, and any child it was about before."""
    for child_id in {attendee.child_id, child_before} - {None}:
        children_present.voice_follows_list(actor, conference, child_id)
    db.session.flush()


# On the register, someone offered who was not invited to this conference (left off the list).
NOT_INVITED = "not_invited"
SOCIAL_CARE_ROLES = {Role.SOCIAL_WORKER, Role.MANAGER, Role.CHAIR}
# Copied from the last conference for someone offered again; what happened on the day
# (attendance, an interpreter present, an exclusion) is this conference's own.
CARRIED_FORWARD = (
    "name",
    "role",
    "agency",
    "agency_type",
    "relationship_to_family",
    "is_parent",
    "adult_id",
    "is_advocate",
    "is_supporter",
)


@dataclass
class Invitee:
    """One line of the register: someone on the list, or someone offered for it (from the last
    conference, the core group, or the case's children) with what is added if they are ticked."""

    key: str
    name: str
    about: str
    offered_from: str = ""
    attendee: Attendee | None = None
    fields: dict = field(default_factory=dict)


def last_conference(conference: Conference) -> Conference | None:
    """The conference this one follows: the one it names, else the case's latest before it."""
    if conference.previous_conference is not None:
        return conference.previous_conference
    query = (
        select(Conference)
        .where(Conference.case_id == conference.case_id, Conference.held_on < conference.held_on)
        .order_by(Conference.held_on.desc(), Conference.id.desc())
    )
    return db.session.scalars(query).first()


def register(conference: Conference) -> list[Invitee]:
    """Everyone whose attendance can be ticked: first the people on the list (not those
    excluded, whose reason is recorded on their own page), then, once each, the people from the
    last conference, the core group members and the children who are not on it yet."""
    rows = [
        Invitee(f"attendee-{a.id}", a.name, _about(a), attendee=a)
        for a in conference.attendees
        if a.attendance != quorum.EXCLUDED
    ]
    listed: set = set()
    for attendee in conference.attendees:
        listed |= _identities(attendee.name, attendee.user_id, attendee.adult_id, attendee.child_id)
    offered_rows: list[tuple[Invitee, set]] = []
    for offered in _offered(conference):
        who = _identities(
            offered.name,
            offered.fields.get("user_id"),
            offered.fields.get("adult_id"),
            offered.fields.get("child_id"),
        )
        if who & listed:
            continue
        earlier = next((row for row in offered_rows if row[1] & who), None)
        if earlier is None:
            rows.append(offered)
            offered_rows.append((offered, who))
        else:  # offered once, saying every place they come from
            earlier[0].offered_from = _and(earlier[0].offered_from, offered.offered_from)
            earlier[1].update(who)
    return rows


def _and(first: str, then: str) -> str:
    """ "At the last conference" and "In the core group" read "At the last conference and in
    the core group"."""
    return f"{first} and {then[:1].lower()}{then[1:]}"


class ListedMeanwhile(records.StaleVersion):
    """Someone offered on this register was put on the list by someone else since it was
    opened (`keys`: their register keys): adding them again would list them twice."""

    def __init__(self, conference: Conference, people: list[tuple[str, str]]):
        super().__init__(conference)
        self.people = people  # (name, what this register ticked)


def record_register(actor: User, conference: Conference, answers: dict) -> int:
    """Save who came: `answers` maps a register key to (attendance, apologies reason, version).
    Everyone ticked is saved or nobody is: if someone else changed a person on the list since
    the register was opened, or listed someone it offered, nothing is saved. Returns how many
    people changed.

    :raise records.StaleVersion: one of the people on the list was changed meanwhile.
    :raise ListedMeanwhile: someone ticked here was put on the list meanwhile.
    """
    with records.savepoint():
        return _record_register(actor, conference, answers)


def _record_register(actor: User, conference: Conference, answers: dict) -> int:
    # Two registers saved at the same moment take turns here, the second reading the list as
    # the first left it: otherwise both would add the same person offered to both.
    _take_the_list(conference)
    rows = [row for row in register(conference) if row.key in answers]
    offered = {row.key for row in rows if row.attendee is None}
    gone = [
        key
        for key, (attendance, _reason, _version) in answers.items()
        if attendance != NOT_INVITED and not key.startswith("attendee-") and key not in offered
    ]
    # A key never offered (made up, or for another conference) is ignored, as before.
    names = {invitee.key: invitee.name for invitee in _offered(conference)} if gone else {}
    if people := [(names[key], answers[key][0]) for key in gone if key in names]:
        raise ListedMeanwhile(conference, people)
    for row in rows:
        if row.attendee is not None and answers[row.key][2] != row.attendee.version:
            raise records.StaleVersion(row.attendee)
    changed = 0
    for row in rows:
        attendance, reason, _ = answers[row.key]
        reason = (reason or "").strip() if attendance == quorum.APOLOGIES else ""
        if row.attendee is None and attendance != NOT_INVITED:
            fields = {**row.fields, "attendance": attendance, "apologies_reason": reason}
            add_attendee(actor, conference, **fields)
            changed += 1
        elif row.attendee is not None and _set_attendance(
            actor, conference, row.attendee, attendance, reason
        ):
            changed += 1
    return changed


def _take_the_list(conference: Conference) -> None:
    """Lock the conference's row until the transaction ends (PostgreSQL; SQLite's writers take
    turns already, records.savepoint), then read its list afresh."""
    query = select(Conference.id).where(Conference.id == conference.id).with_for_update()
    db.session.execute(query)
    db.session.expire(conference, ["attendees"])


def _set_attendance(actor: User, conference: Conference, attendee: Attendee, attendance, reason):
    if (attendee.attendance, attendee.apologies_reason) == (attendance, reason):
        return False
    attendee.attendance, attendee.apologies_reason = attendance, reason
    record_in_case(actor, "update", attendee, conference, audit.changes_of(attendee))
    db.session.flush()
    _voice_follows(actor, conference, attendee, None)
    return True


LAST_CONFERENCE = "At the last conference"


def _offered(conference: Conference):
    previous = last_conference(conference)
    for attendee in previous.attendees if previous else []:
        if attendee.child_id is None:
            family = attendee.agency_type == quorum.FAMILY or attendee.adult_id is not None
            fields = {name: getattr(attendee, name) for name in CARRIED_FORWARD}
            user = attendee.user
            fields["user_id"] = (
                user.id if user and user.active and user.role != Role.ADMIN else None
            )
            yield Invitee(
                f"previous-{attendee.id}",
                attendee.name,
                _about(attendee),
                _and("In the family", LAST_CONFERENCE) if family else LAST_CONFERENCE,
                fields=fields,
            )
    for member in conference.case.core_group:
        user = member.user
        if user.active and user.role != Role.ADMIN:
            kind = quorum.agency_type_of(user.agency, user.role in SOCIAL_CARE_ROLES)
            fields = {"name": user.name, "agency": user.agency, "agency_type": kind}
            yield Invitee(
                f"member-{user.id}",
                user.name,
                user.agency or quorum.AGENCY_TYPES[kind],
                "In the core group",
                fields=fields | {"user_id": user.id},
            )
    # A child's line is the child's own record's, whether or not they came last time.
    came_before = {a.child_id for a in previous.attendees} if previous else set()
    for child in conference.case.children:
        born = child.date_of_birth
        if born is not None and born <= conference.held_on:
            source = "A child in the family"
            yield Invitee(
                f"child-{child.id}",
                child.name,
                children_present.CHILD,
                _and(source, LAST_CONFERENCE) if child.id in came_before else source,
                fields=children_present.child_fields(child),
            )


def _identities(name: str, user_id, adult_id, child_id) -> set:
    """What tells one person from another: their account, family record, or name."""
    found = {("user", user_id), ("adult", adult_id), ("child", child_id)}
    return {pair for pair in found if pair[1]} | {("name", " ".join(name.casefold().split()))}


def _about(attendee: Attendee) -> str:
    """ "Class teacher, Sample Primary School"; "Mother" (not "Mother, Mother")."""
    parts = dict.fromkeys([attendee.role, attendee.agency or attendee.relationship_to_family])
    return ", ".join(part for part in parts if part) or quorum.AGENCY_TYPES.get(
        attendee.agency_type, ""
    )


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
    child = _child_in_case(conference, fields.get("child_id"))
    if child is not None:
        # A child is family, never an agency: they do not count towards the quorum.
        typed = {key: value for key, value in fields.items() if value}
        fields |= children_present.child_fields(child) | {
            key: typed[key] for key in ("name", "relationship_to_family") if key in typed
        }
        fields["apologies_reason"] = fields.get("apologies_reason") or ""
        return fields
    fields["child_id"] = None
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


def _child_in_case(conference: Conference, child_id: int | None) -> Child | None:
    child = db.session.get(Child, child_id) if child_id else None
    return child if child is not None and child.case_id == conference.case_id else None


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
