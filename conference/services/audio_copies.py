"""Audio copies of the agreed plan (issue 19): who asked for one, attaching the recording (the
interpreter's reading, say), replacing or removing it, and downloading it.

A recording is attached to a finalised plan only: it is a reading of the plan as agreed. Each
person has at most one recording of a plan; attaching another replaces it. The bytes are kept in
the database (StoredFile), like the pictures of a child's work. Every function that views or
changes a recording takes the acting user, writes its audit row in the same transaction and
flushes; the view commits.
"""

from dataclasses import dataclass

from sqlalchemy import select

from conference.domain import audio as rules
from conference.extensions import db
from conference.models import Adult, AudioCopy, Child, Plan, Role, StoredFile, User
from conference.models.types import utc_now
from conference.services import audit, stored_files
from conference.services.access import can_edit


class NotAgreed(Exception):
    """A recording is of the agreed plan: this version is not finalised."""


@dataclass(frozen=True)
class Person:
    """Someone of the family a recording is for: an adult or a child of the case."""

    key: str  # "adult-3", "child-7"
    record: Adult | Child

    @property
    def name(self) -> str:
        return self.record.name


@dataclass(frozen=True)
class Owed:
    """A person who asked for audio, with their recording of the plan, if one is attached."""

    person: Person
    copy: AudioCopy | None


def may_attach(user: User, plan: Plan) -> bool:
    """Whoever may change the case attaches and removes recordings (a chair, the social worker,
    the team's manager): not a practitioner from another agency, not a minute-taker."""
    return user.role == Role.CHAIR or can_edit(user, plan.case)


def people_of(plan: Plan) -> list[Person]:
    """Every adult, then every child, of the plan's case."""
    case = plan.case
    return [
        *(Person(rules.person_key("adult", adult.id), adult) for adult in case.adults),
        *(Person(rules.person_key("child", child.id), child) for child in case.children),
    ]


def people_asking(plan: Plan) -> list[Person]:
    """The people of the case whose records ask for their plan as audio."""
    return [person for person in people_of(plan) if rules.asked_for_audio(person.record)]


def person_by_key(plan: Plan, key: str) -> Person | None:
    return next((person for person in people_of(plan) if person.key == key), None)


def copies_of(plan: Plan) -> list[AudioCopy]:
    query = select(AudioCopy).where(AudioCopy.plan_id == plan.id).order_by(AudioCopy.id)
    return list(db.session.scalars(query))


def key_of(copy: AudioCopy) -> str:
    return rules.recording_for(copy.adult_id, copy.child_id)


def owed(plan: Plan) -> list[Owed]:
    """Each person who asked for audio with their recording, then anyone else who has one (a
    recording stays listed, to be removed, after the request is taken off the record)."""
    copies = {key_of(copy): copy for copy in copies_of(plan)}
    rows = [Owed(person, copies.pop(person.key, None)) for person in people_asking(plan)]
    for key, copy in copies.items():
        person = person_by_key(plan, key)
        if person is not None:
            rows.append(Owed(person, copy))
    return rows


def view_copies(actor: User, plan: Plan) -> None:
    """The page names who asked for audio and their recordings: a view, audited."""
    audit.record(actor, "view audio copies", plan)


def copy_in(plan: Plan, copy_id: int) -> AudioCopy | None:
    """The recording, if it is one of this plan's."""
    copy = db.session.get(AudioCopy, copy_id)
    return copy if copy is not None and copy.plan_id == plan.id else None


def attach(
    actor: User,
    plan: Plan,
    person: Person,
    data: bytes,
    kind: rules.AudioKind,
    language: str,
    read_by: str,
) -> AudioCopy:
    """Keep the recording for `person`, replacing the one they had.

    :raise NotAgreed: the plan is not finalised.
    """
    if not plan.finalised:
        raise NotAgreed(plan.id)
    copy = next((c for c in copies_of(plan) if key_of(c) == person.key), None)
    action = "replace" if copy is not None else "upload"
    if copy is None:
        copy = AudioCopy(plan=plan, plan_id=plan.id, **_person_ids(person))
        db.session.add(copy)
    copy.file = StoredFile.holding(data, kind.content_type)
    copy.language, copy.read_by = language, read_by.strip()
    copy.uploaded_by_id, copy.uploaded_at = actor.id, utc_now()
    changes = {
        **audit.changes_of(copy),
        "content_type": [None, kind.content_type],
        "size": [None, len(data)],
        "sha256": [None, copy.file.sha256],
    }
    _audit(actor, action, copy, plan, changes)
    db.session.flush()
    return copy


def _person_ids(person: Person) -> dict:
    if isinstance(person.record, Adult):
        return {"adult_id": person.record.id}
    return {"child_id": person.record.id}


def download(actor: User, plan: Plan, copy: AudioCopy) -> bytes | None:
    """The recording's bytes (None if they are not what was stored). Every download is
    audited, as every print of a document is."""
    _audit(actor, "download", copy, plan, {"plan_version": [None, plan.number]})
    return stored_files.content_of(copy.file)


def remove(actor: User, plan: Plan, copy: AudioCopy) -> None:
    """Delete the recording and its file, together."""
    changes: dict[str, list] = {
        "adult_id": [copy.adult_id, None],
        "child_id": [copy.child_id, None],
        "language": [copy.language, None],
        "read_by": [copy.read_by, None],
        "file_id": [copy.file_id, None],
    }
    _audit(actor, "delete", copy, plan, {k: v for k, v in changes.items() if v[0] is not None})
    db.session.delete(copy)
    db.session.flush()


def _audit(actor: User, action: str, copy: AudioCopy, plan: Plan, changes: dict) -> None:
    event = audit.record(actor, action, copy, changes)
    event.case_id = plan.case_id
