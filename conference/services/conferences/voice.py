"""The child's voice at a conference, and pictures of their work. Every function that views or
changes a record takes the acting user and writes its audit row in the same transaction.

Audit rows carry the conference's case, so the case's history shows them.
"""

from sqlalchemy import select

from conference.domain import participation
from conference.domain.children import age_in_years
from conference.extensions import db
from conference.models import Child, ChildPicture, ChildVoice, Conference, StoredFile, User
from conference.services import audit, pictures, records, stored_files
from conference.services.conferences import children_present

# The child's own words, and what they put in each house, are kept exactly as given.
EXACT_FIELDS = ("own_words", "house_of_worries", "house_of_good_things", "house_of_dreams")

NOT_SAVED_YET = 0  # the version a form carries when the child has no voice record yet


def voice_of(conference: Conference, child: Child) -> ChildVoice | None:
    query = select(ChildVoice).where(
        ChildVoice.conference_id == conference.id, ChildVoice.child_id == child.id
    )
    return db.session.scalar(query)


def age_on_the_day(child: Child, conference: Conference) -> int | None:
    """The child's age in years on the day of the conference; None if not born by then."""
    born = child.date_of_birth
    if born is None or born > conference.held_on:
        return None
    return age_in_years(born, conference.held_on)


def suggested_code(age: int | None, voice: ChildVoice | None) -> str:
    """The participation code suggested by the child's age and what is recorded so far."""
    if voice is None:
        return participation.suggest_from_record(age, [], False, False)
    return participation.suggest_from_record(
        age, voice.methods or [], bool(voice.own_words.strip()), bool(voice.observations.strip())
    )


def view_voice(actor: User, conference: Conference, child: Child, voice: ChildVoice | None) -> None:
    """Audit a look at the child's voice page (the child's own record if there is none yet)."""
    _audit(actor, "view", voice or child, conference, {"conference": [None, conference.id]})


def save_voice(
    actor: User, conference: Conference, child: Child, version: int | None, **answers
) -> ChildVoice:
    """Create or change the child's voice record.

    :raise records.StaleVersion: someone else saved it after this form was loaded.
    """
    answers = {
        key: value if key in EXACT_FIELDS or not isinstance(value, str) else value.strip()
        for key, value in answers.items()
    }
    voice = voice_of(conference, child)
    if voice is None:
        voice = _create_voice(actor, conference, child, answers)
        _list_follows_voice(actor, conference, child, answers)
        return voice
    # A record made only to hold pictures has nothing in it that a first save could overwrite.
    if version != voice.version and not (version == NOT_SAVED_YET and _blank(voice)):
        raise records.StaleVersion(voice)
    # Someone else changing the same version at the same moment is told, as for a stale save.
    with records.saved_first(lambda: voice_of(conference, child)):
        for key, value in answers.items():
            setattr(voice, key, value)
        changes = audit.changes_of(voice)
        if changes:
            _audit(actor, "update", voice, conference, changes)
    _list_follows_voice(actor, conference, child, answers)
    return voice


def _list_follows_voice(actor: User, conference: Conference, child: Child, answers: dict):
    """The attendance list is where a child's attending is recorded: "Attended the conference"
    ticked here puts them on it as attended, and unticked no longer lists them as attended."""
    if "methods" in answers:
        attended = participation.ATTENDED in (answers["methods"] or [])
        children_present.list_child(actor, conference, child, attended)


def attended_by_the_list(conference: Conference, child: Child) -> bool:
    """Whether the attendance list has the child as attended (the voice form ticks it)."""
    return children_present.listed_as_attending(conference, child)


def _create_voice(actor: User, conference, child, answers: dict) -> ChildVoice:
    # Someone else saving the first version at the same moment is told, as for a stale save.
    with records.saved_first(lambda: voice_of(conference, child)):
        voice = ChildVoice(conference_id=conference.id, child_id=child.id, **answers)
        db.session.add(voice)
        _audit(actor, "create", voice, conference, audit.changes_of(voice))
    return voice


def _blank(voice: ChildVoice) -> bool:
    texts = [getattr(voice, field) for field in (*EXACT_FIELDS, "observations")]
    texts += [voice.observed_by, voice.not_recorded_reason, voice.method_other]
    answered = (voice.methods, voice.seen_alone_on, voice.participation_code)
    return not any(text.strip() for text in texts) and not any(answered)


def picture_in(conference: Conference, picture_id: int) -> ChildPicture | None:
    """The picture, if it belongs to this conference."""
    picture = db.session.get(ChildPicture, picture_id)
    if picture is None or picture.voice.conference_id != conference.id:
        return None
    return picture


def add_picture(
    actor: User,
    conference: Conference,
    child: Child,
    picture: pictures.CheckedPicture,
    description: str,
    consent_to_share: bool,
) -> ChildPicture:
    """Keep the clean copy of a checked picture, with its file, in this transaction."""
    voice = _voice_for_pictures(actor, conference, child)
    row = ChildPicture(
        voice=voice,
        file=StoredFile.holding(picture.data, picture.kind.content_type),
        description=description.strip(),
        consent_to_share=consent_to_share,
        uploaded_by_id=actor.id,
    )
    db.session.add(row)
    changes = {
        **audit.changes_of(row),
        "child_id": [None, child.id],
        "content_type": [None, picture.kind.content_type],
        "size": [None, picture.size],
        "sha256": [None, row.file.sha256],
    }
    _audit(actor, "upload", row, conference, changes)
    db.session.flush()
    return row


def _voice_for_pictures(actor: User, conference: Conference, child: Child) -> ChildVoice:
    """The child's voice record, made to hold pictures if there is none yet."""
    voice = voice_of(conference, child)
    if voice is not None:
        return voice
    try:
        with records.saved_first(lambda: voice_of(conference, child)):
            voice = ChildVoice(conference_id=conference.id, child_id=child.id)
            db.session.add(voice)
            _audit(actor, "create", voice, conference, {"child_id": [None, child.id]})
    except records.StaleVersion as made_meanwhile:
        # Someone else's first picture of this child, at the same moment: add to their record.
        return made_meanwhile.record
    return voice


def view_picture(actor: User, conference: Conference, picture: ChildPicture) -> bytes | None:
    """The picture's bytes (None if they are not what was stored). Every view is audited."""
    _audit(actor, "view", picture, conference)
    return stored_files.content_of(picture.file)


def remove_picture(actor: User, conference: Conference, picture: ChildPicture) -> None:
    """Delete the picture and its file, together."""
    _audit(
        actor,
        "delete",
        picture,
        conference,
        {
            "child_id": [picture.voice.child_id, None],
            "description": [picture.description, None],
            "file_id": [picture.file_id, None],
        },
    )
    db.session.delete(picture)
    db.session.flush()


def _audit(actor: User, action: str, record, conference: Conference, changes: dict | None = None):
    event = audit.record(actor, action, record, changes)
    event.case_id = conference.case_id
