"""Documents made once (issue 22): a finalised record's printed documents are kept, so a
download hands over the stored file instead of laying the document out again.

A kept document is only ever what laying it out now would give:

- **Any change to its case deletes it.** Every flush that adds, changes or deletes anything of a
  case (its people, a conference, a plan, a core group, the family's views…) deletes the case's
  documents in the same transaction; a change to something every document may print (a user's
  name or phone number, a team, the contacts for families) deletes them all. Only what no
  document prints is left out (`UNPRINTED`: the audit trail, sessions, drafts, the dashboard's
  totals, the kept files themselves).
- **Except the parts of a conference no kept document prints.** A conference's parts (its map,
  scores, who came, the children's words, the decisions being drafted: the records `case_of`
  finds the case of through the conference) are printed only by that conference's record and
  by the documents of a plan written at it (and that plan's core group notes). While the
  conference is not finalised and none of its plans is agreed or has completed notes, no kept
  document prints them, so changing them forgets nothing (`_printing`): twenty people editing a
  review's map no longer make the agreed plan be laid out again at every save. The conference's
  own row (its date, its finalising), adding or deleting one, and everything else of the case
  still forget as before.
- **A document made while its case was being saved is never kept.** The same flush adds one to
  the case's `documents_generation`, holding that row until it commits; `keep` reads the count
  again, after the document is added, waiting for any such save to end, and keeps the document
  only if it is unchanged since the document's record was read (`generation_of`). A change to
  a part no kept document prints holds the row too but adds nothing (`_hold`).
- **Only by the same code.** Each is marked with the renderer that made it (a checksum of the
  documents' code, templates and translations, `conference.pdf.kept.renderer_id`); after an upgrade
  the documents are made again as they are asked for.

Functions flush; the caller commits.
"""

import logging

from flask import current_app
from sqlalchemy import delete, event, inspect, or_, select, update
from sqlalchemy.orm import InstanceState, RelationshipDirection

from conference.common import queue
from conference.extensions import Base, db
from conference.models import (
    AuditEvent,
    Case,
    CaseTally,
    Commentary,
    Conference,
    CoreGroupMeeting,
    FigureTarget,
    FormDraft,
    Job,
    KeptWork,
    KeptWorkItem,
    Plan,
    PlanEpisode,
    Pod,
    SignInFailure,
    StoredDocument,
    StoredFile,
    Tally,
    TallyHorizon,
    TallyRebuild,
    Team,
    User,
    UserSession,
)
from conference.services import stored_files

logger = logging.getLogger(__name__)

# What no printed document shows: changing these leaves every kept document as it is.
UNPRINTED = (
    AuditEvent,
    CaseTally,
    Commentary,
    FigureTarget,
    FormDraft,
    Job,
    KeptWork,
    KeptWorkItem,
    PlanEpisode,
    SignInFailure,
    StoredDocument,
    StoredFile,
    Tally,
    TallyHorizon,
    TallyRebuild,
    UserSession,
)
# The parts of a user's account a document may print (the chair, the social worker's phone).
PRINTED_USER_FIELDS = ("name", "email", "phone", "agency", "role", "team_id", "pod_id")
EVERY_CASE = 0  # in the set of changed cases: something every document may print changed
NEW_CASE = -1  # a case being added: it has no documents yet
_SEARCH_DEPTH = 5


def find(record, document: str, renderer: str) -> StoredDocument | None:
    """The kept document `document` of `record`, if it is still what laying it out would give."""
    kept = db.session.scalars(
        select(StoredDocument).where(
            StoredDocument.record_type == record.__tablename__,
            StoredDocument.record_id == record.id,
            StoredDocument.document == document,
        )
    ).one_or_none()
    if kept is None or kept.renderer != renderer:
        return None
    if kept.record_version != getattr(record, "version", 0):
        return None
    return kept


def content_of(kept: StoredDocument) -> bytes | None:
    """The kept PDF's bytes; None, and the kept document forgotten, if they are not what was
    stored (it is then made again)."""
    content = stored_files.content_of(kept.file)
    if content is None:
        db.session.delete(kept.file)
        db.session.flush()
    return content


def generation_of(case_id: int) -> int:
    """How many changes the case has had: read before a document's record is read."""
    return db.session.scalars(select(Case.documents_generation).where(Case.id == case_id)).one()


def keep(
    record, document: str, renderer: str, filename: str, data: bytes, generation: int
) -> StoredDocument | None:
    """Keep a document made from `record` when the case had had `generation` changes; None
    (nothing kept) if the case has changed since."""
    # The one kept before (by other code, or of another version) goes with its file.
    before = select(StoredDocument.file_id).where(
        StoredDocument.record_type == record.__tablename__,
        StoredDocument.record_id == record.id,
        StoredDocument.document == document,
    )
    db.session.execute(
        delete(StoredFile)
        .where(StoredFile.id.in_(before.scalar_subquery()))
        .execution_options(synchronize_session=False)
    )
    kept = StoredDocument(
        case_id=record.case_id,
        record_type=record.__tablename__,
        record_id=record.id,
        document=document,
        record_version=getattr(record, "version", 0),
        renderer=renderer,
        filename=filename,
        file=StoredFile.holding(data, "application/pdf"),
    )
    db.session.add(kept)
    db.session.flush()
    # After the document is added, so a save of the case under way is waited for (its flush
    # holds the case's row until it commits) and seen.
    if _generation_now(record.case_id) != generation:
        db.session.delete(kept)
        db.session.delete(kept.file)
        db.session.flush()
        return None
    return kept


def _generation_now(case_id: int) -> int:
    query = select(Case.documents_generation).where(Case.id == case_id)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return db.session.execute(query.execution_options(populate_existing=True)).scalar_one()


def forget_case(case_ids: set[int]) -> None:
    """Delete the kept documents of these cases (of every case, with EVERY_CASE) and count a
    change to each."""
    documents = select(StoredDocument.file_id)
    if EVERY_CASE not in case_ids:
        ids = sorted(case_ids)
        db.session.execute(
            update(Case)
            .where(Case.id.in_(ids))
            .values(documents_generation=Case.documents_generation + 1)
            .execution_options(synchronize_session=False)
        )
        documents = documents.where(StoredDocument.case_id.in_(ids))
    # The documents' files (never a picture's or a recording's); deleting a file deletes the
    # document kept in it.
    db.session.execute(
        delete(StoredFile)
        .where(StoredFile.id.in_(documents.scalar_subquery()))
        .execution_options(synchronize_session=False)
    )


# Finding what a flush changes.


def changed_cases(session) -> set[int]:
    """The cases whose documents what the session is about to write may change (EVERY_CASE:
    something every document may print)."""
    found: set[int] = set()
    parts: dict[int, int] = {}  # conference: case, for the parts of conferences not finalised
    # A record whose only change is to a list of others (a map item added to its conference's)
    # is unchanged itself: the records added or removed are looked at on their own.
    modified = [
        record for record in session.dirty if session.is_modified(record, include_collections=False)
    ]
    # A new team or pod is on no document yet (a new contact setting is: it is printed).
    new = [record for record in session.new if not isinstance(record, Team | Pod)]
    with session.no_autoflush:
        for record in (*new, *session.deleted, *modified):
            if isinstance(record, UNPRINTED):
                continue
            if isinstance(record, User):
                if _printed_user_change(record):
                    found.add(EVERY_CASE)
                continue
            case_id, conference = _belonging(session, record)
            if conference is not None and conference.finalised_at is None:
                parts[conference.id] = conference.case_id
            else:
                found.add(EVERY_CASE if case_id is None else case_id)
        found |= _printing(session, parts, found)
    found.discard(NEW_CASE)
    return found


def case_of(session, record) -> int | None:
    """The case a record belongs to, through its `case_id` or the records it belongs to (a
    goal's plan, a plan's conference…); None for records of no case (a team, a setting)."""
    return _belonging(session, record)[0]


def _belonging(session, record, depth: int = 0) -> tuple[int | None, Conference | None]:
    """The record's case, and the conference it was found through when the record is a part
    of one (its map item, a score, a child's words…: not the conference itself, nor a record
    with a case of its own, such as a plan written at it)."""
    if isinstance(record, Case):
        return NEW_CASE if record.id is None else record.id, None
    if isinstance(record, Conference) and depth > 0 and record.id is not None:
        return record.case_id, record
    mapper = inspect(record).mapper
    if "case_id" in mapper.columns and getattr(record, "case_id", None) is not None:
        return record.case_id, None
    if depth >= _SEARCH_DEPTH:
        return None, None
    for parent in _parents(session, record, mapper):
        found = _belonging(session, parent, depth + 1)
        if found[0] is not None:
            return found
    return None, None


def _printing(session, parts: dict[int, int], found: set[int]) -> set[int]:
    """Of the cases whose conferences' parts changed (`parts`, conference: case), those where a
    kept document may print them. Read with the case's row held, as any change to the case holds
    it: finalising the conference or agreeing a plan written at it (changes of the case) cannot
    slip in between this reading and the commit."""
    waiting = {conference: case for conference, case in parts.items() if case not in found}
    if not waiting or EVERY_CASE in found:
        return set()  # forgotten already
    _hold(session, set(waiting.values()))
    printed = session.scalars(_printed_conferences(sorted(waiting)))
    return {waiting[conference] for conference in printed}


def _printed_conferences(ids: list[int]):
    """Those of the conferences whose parts a document made once may print: its own record once
    it is finalised, and the documents of a plan written at it once agreed (pdf/kept.py,
    `documents_of`: the family plan and its copies, the professional plan, the core group
    notes, all read the plan's conference)."""
    # Each looked up by the conference's own plans (indexed), not among every agreed plan.
    agreed = select(Plan.id).where(
        Plan.conference_id == Conference.id, Plan.finalised_at.is_not(None)
    )
    noted = (
        select(CoreGroupMeeting.id)
        .join(Plan, CoreGroupMeeting.plan_id == Plan.id)
        .where(Plan.conference_id == Conference.id, CoreGroupMeeting.completed_at.is_not(None))
    )
    return select(Conference.id).where(
        Conference.id.in_(ids),
        or_(Conference.finalised_at.is_not(None), agreed.exists(), noted.exists()),
    )


def _hold(session, case_ids: set[int]) -> None:
    """Hold the cases' rows until the commit as a change to them would (an update that changes
    nothing: on SQLite, the database's one write lock), without counting a change.

    Not counted, because a document of the case being made meanwhile is still right: it prints
    none of what changed. Counting it would throw that document away, and with twenty people
    saving a review's map it would be thrown away at every try and never kept."""
    session.execute(
        update(Case)
        .where(Case.id.in_(sorted(case_ids)))
        .values(documents_generation=Case.documents_generation)
        .execution_options(synchronize_session=False)
    )


def _parents(session, record, mapper):
    """The records this one belongs to: those its relationships name, then those its foreign
    keys name (not every table has a relationship for each), never a user (who made or changed
    a record, not whose record it is)."""
    for relationship in mapper.relationships:
        if relationship.direction is RelationshipDirection.MANYTOONE:
            parent = getattr(record, relationship.key)
            if parent is not None and not isinstance(parent, User):
                yield parent
    for column in mapper.columns:
        for key in column.foreign_keys:
            model = _MODELS.get(key.column.table.name)
            value = getattr(record, mapper.get_property_by_column(column).key, None)
            if model is not None and model is not User and value is not None:
                parent = session.get(model, value)
                if parent is not None:
                    yield parent


_MODELS = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}


def _printed_user_change(user: User) -> bool:
    state: InstanceState = inspect(user)
    if state.pending or state.deleted or state.was_deleted:
        return False  # a new account is on no document yet; accounts are closed, not deleted
    return any(state.attrs[name].history.has_changes() for name in PRINTED_USER_FIELDS)


def _before_flush(session, _context, _instances) -> None:
    cases = changed_cases(session)
    if cases:
        forget_case(cases)


def init_app(_app) -> None:
    if not event.contains(db.session, "before_flush", _before_flush):
        event.listen(db.session, "before_flush", _before_flush)


def make_ahead(record) -> None:
    """Ask for a record's documents to be made in the background now that it is final, so its
    first download is as quick as the rest (DOCUMENTS_MADE_AHEAD; the tests turn it off)."""
    if current_app.config.get("DOCUMENTS_MADE_AHEAD"):
        queue.enqueue("make-documents", record_type=record.__tablename__, record_id=record.id)
