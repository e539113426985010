"""Documents made once and kept (issue 22): a finalised record's documents are laid out in the
background when it is finalised, or at their first download, and kept in the database
(services/stored_documents.py says when a kept document is forgotten); every later download
hands over the kept file. A draft's documents are laid out at each download, as before.

The task "make-documents" lays out every document of a finalised record that is not kept yet,
one "make-document" task each; finalising a record asks for it (conference/common/queue.py).
"""

import hashlib
from functools import cache
from pathlib import Path

import weasyprint
from sqlalchemy import select

from conference.common import queue
from conference.extensions import db
from conference.models import Conference, CoreGroupMeeting, Plan
from conference.pdf import documents, own_copies
from conference.pdf.render import ROOT
from conference.services import stored_documents

KEPT_RECORDS = {model.__tablename__: model for model in (Plan, Conference, CoreGroupMeeting)}
# What a document's layout depends on besides its record: a change to any of these is a new
# renderer, and every document is made again as it is asked for.
_RENDERER_SOURCES = (
    ("pdf_templates", "*"),
    ("conference/pdf", "*.py"),
    ("conference/translations", "*.mo"),
    ("static/pdf", "*"),
)


@cache
def renderer_id() -> str:
    """A checksum of the documents' code, templates, translations and WeasyPrint's version."""
    digest = hashlib.sha256(weasyprint.__version__.encode())
    for folder, pattern in _RENDERER_SOURCES:
        for path in sorted(Path(ROOT, folder).rglob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def keeps(document: documents.Document, record) -> bool:
    """Whether this document of this record is made once and kept: its record is final."""
    return document.final is not None and bool(document.final(record))


def kept(document: documents.Document, record) -> documents.Printed | None:
    """The kept document, ready to hand over; None when it is not kept (yet)."""
    found = stored_documents.find(record, document.key, renderer_id())
    if found is None:
        return None
    data = stored_documents.content_of(found)
    if data is None:
        return None
    return documents.Printed(
        document.name, document.version(record), found.filename, data, document.about
    )


def make(document: documents.Document, record) -> documents.Printed:
    """Lay the document out and keep it (unless its case changed meanwhile). Raises whatever
    the render raises."""
    generation = stored_documents.generation_of(record.case_id)
    done = documents.printed(document, record)
    stored_documents.keep(record, document.key, renderer_id(), done.filename, done.data, generation)
    return done


def documents_of(record) -> list[documents.Document]:
    """Every document a finalised record has: for an agreed plan, the family plan (standard and
    large print), the professional plan, and each person's own copy; for a conference, its
    record; for a completed core group meeting, its notes."""
    if isinstance(record, Plan):
        copies = [
            copy.document(which) for copy in own_copies.copies_of(record) for which in copy.offered
        ]
        return [documents.FAMILY, documents.FAMILY_LARGE_PRINT, documents.PROFESSIONAL, *copies]
    if isinstance(record, Conference):
        return [documents.RECORD]
    return list(documents.CORE_GROUP_NOTES.values())


def final_records() -> list[tuple[str, int]]:
    """Every finalised record's (table, id): agreed plans, finalised conferences, completed
    core group meetings."""
    finals = (
        select(Plan.id).where(Plan.finalised_at.is_not(None)),
        select(Conference.id).where(Conference.finalised_at.is_not(None)),
        select(CoreGroupMeeting.id).where(CoreGroupMeeting.completed_at.is_not(None)),
    )
    return [
        (model.__tablename__, record_id)
        for model, query in zip(KEPT_RECORDS.values(), finals, strict=True)
        for record_id in db.session.scalars(query.order_by(model.id))
    ]


def make_missing(record_type: str, record_id: int) -> int:
    """Make and keep the record's documents not kept yet; how many were made."""
    record = db.session.get(KEPT_RECORDS[record_type], record_id)
    made = 0
    for document in documents_of(record) if record is not None else []:
        if keeps(document, record) and kept(document, record) is None:
            make(document, record)
            made += 1
    return made


def document_called(record, key: str) -> documents.Document | None:
    return next((document for document in documents_of(record) if document.key == key), None)


@queue.task("make-documents")
def make_documents(record_type: str, record_id: int) -> None:
    """Ask for each document of a final record that is not kept yet, one task each: each is
    kept in a short transaction of its own (`keep` holds the case's row until it commits)."""
    record = db.session.get(KEPT_RECORDS[record_type], record_id)
    if record is None:
        return
    for document in documents_of(record):
        if keeps(document, record) and kept(document, record) is None:
            queue.enqueue(
                "make-document", record_type=record_type, record_id=record_id, key=document.key
            )


@queue.task("make-document")
def make_document(record_type: str, record_id: int, key: str) -> None:
    """Lay out and keep one document of a final record, unless it is kept already."""
    record = db.session.get(KEPT_RECORDS[record_type], record_id)
    document = document_called(record, key) if record is not None else None
    if document is not None and keeps(document, record) and kept(document, record) is None:
        make(document, record)
