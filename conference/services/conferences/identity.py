"""Identity in the conference (docs/domain.md section 5): the questions the conference answers for
each child, so that identity is carried into the plan (the inspection's finding, para 17).

"Not known yet" is a real answer, and it becomes a grey area on the map: every question marked
not known yet, here or on the child's case record, adds one, and answering it removes it again.
Each grey area is found again by its `source`, so saving twice never adds it twice.
"""

from sqlalchemy import select

from conference.domain.identity import IDENTITY_PROMPTS
from conference.domain.mapping import GREY
from conference.extensions import db
from conference.models import Child, Conference, ConferenceIdentity, MapItem, User
from conference.services import audit, records

# (field, question, hint). "{first_name}" is the child's first name.
PROMPTS = [
    (
        "cultural_or_harm",
        "Which worries may be cultural misunderstanding, and which are harm?",
        "Think about the family’s culture, faith and experiences, and name the behaviour and its "
        "impact on the child, whatever its roots.",
    ),
    (
        "community_safety_network",
        "Who in the family’s community or faith network could join the safety network?",
        "People the family trusts: relatives, friends, faith leaders, community groups.",
    ),
    (
        "heritage_connection",
        "How will the plan keep {first_name} connected to their heritage?",
        "For example language, faith, food, festivals, and time with family and community.",
    ),
    (
        "interpreter_and_translation",
        "Have an interpreter and a translated plan been arranged?",
        "Never a family member or a child. Say which language and dialect, and the format of the "
        "plan: translation, large print, easy read or audio.",
    ),
]
FIELDS = tuple(field for field, _question, _hint in PROMPTS)
RECORD_QUESTIONS = {field: question for field, question, _hint in IDENTITY_PROMPTS}

RAISED_BY = "Identity prompts"
# The form's version before the child has any answers: a save that finds answers already
# stored by someone else is then refused, like any other stale save.
NOT_SAVED_YET = 0


def question(field: str, first_name: str) -> str:
    text = next(text for name, text, _hint in PROMPTS if name == field)
    return text.format(first_name=first_name)


def identity_of(conference: Conference, child: Child) -> ConferenceIdentity | None:
    return next((i for i in conference.identity_reviews if i.child_id == child.id), None)


def not_known_on_record(child: Child) -> list[tuple[str, str]]:
    """(field, question) for each case-record identity prompt marked not known yet."""
    not_known = set(child.identity_not_known or [])
    return [(field, text) for field, text in RECORD_QUESTIONS.items() if field in not_known]


def view(actor: User, child: Child) -> None:
    """The page shows the child's identity record: the view is audited like the child's page."""
    audit.record(actor, "view", child)


def save_identity(
    actor: User,
    conference: Conference,
    child: Child,
    version: int | None,
    answers: dict[str, str],
    not_known: list[str],
) -> ConferenceIdentity:
    """Store the answers and bring the child's identity grey areas on the map up to date, in
    one transaction. Raises records.StaleVersion when someone else saved after the form was
    loaded."""
    identity = identity_of(conference, child)
    if identity is not None and version == NOT_SAVED_YET:
        raise records.StaleVersion(identity)
    # Someone else saving the first answers, or a change, at the same moment is told, as for a
    # stale save, with the answers as they saved them.
    with records.saved_first(lambda: _stored(conference, child)):
        if identity is None:
            identity = ConferenceIdentity(
                conference=conference, child=child, **answers, not_known=not_known
            )
            db.session.add(identity)
            created = {field: [None, value] for field, value in answers.items()}
            audit.record(actor, "create", identity, {**created, "not_known": [None, not_known]})
        else:
            records.update(actor, identity, version, **answers, not_known=not_known)
        _update_grey_areas(actor, conference, child, not_known)
    return identity


def _stored(conference: Conference, child: Child) -> ConferenceIdentity | None:
    """The answers as stored now (not as this request loaded them)."""
    query = select(ConferenceIdentity).where(
        ConferenceIdentity.conference_id == conference.id,
        ConferenceIdentity.child_id == child.id,
    )
    return db.session.scalars(query.execution_options(populate_existing=True)).one_or_none()


def _update_grey_areas(actor: User, conference: Conference, child: Child, not_known: list[str]):
    name = child.given_name
    wanted = {f"identity:{child.id}:{field}": question(field, name) for field in not_known} | {
        f"identity-record:{child.id}:{field}": text for field, text in not_known_on_record(child)
    }
    ours = (f"identity:{child.id}:", f"identity-record:{child.id}:")
    existing = [item for item in conference.map_items if item.source.startswith(ours)]
    for item in existing:
        if item.source not in wanted:
            _remove(actor, conference, item)
    have = {item.source for item in existing}
    greys = [item.position for item in conference.map_items if item.heading == GREY]
    position = max(greys, default=-1) + 1
    for source, text in wanted.items():
        if source not in have:
            _add(actor, conference, child, source, f"Not known yet about {name}: {text}", position)
            position += 1


def _add(actor: User, conference, child, source: str, text: str, position: int) -> None:
    item = MapItem(
        conference=conference,
        heading=GREY,
        text=text,
        child_ids=[child.id],
        raised_by=RAISED_BY,
        source=source,
        position=position,
    )
    db.session.add(item)
    fields = {"heading": GREY, "text": text, "raised_by": RAISED_BY, "source": source}
    audit.record(actor, "create", item, {key: [None, value] for key, value in fields.items()})


def _remove(actor: User, conference, item: MapItem) -> None:
    """The question is answered now: the grey area goes, and the audit trail keeps what it
    said, including any response the family gave to it."""
    kept = {
        "heading": item.heading,
        "text": item.text,
        "family_response": item.family_response,
        "source": item.source,
    }
    audit.record(
        actor, "delete", item, {key: [value, None] for key, value in kept.items() if value}
    )
    conference.map_items.remove(item)
