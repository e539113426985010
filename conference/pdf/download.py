"""Downloading a printed document, the one way every page does it: render it (or hand over the
kept copy of a final record's document, pdf/kept.py), audit the print once the PDF exists, and
hand it over. When documents are made by a worker elsewhere (JOB_QUEUE_URL on Redis), a final
record's document not kept yet is asked for, and the page says it is being made and looks again
in a moment: no web worker is held by a render. A render that fails tells the user that nothing
was made and nothing changed, and leaves no print in the audit trail; the log says only what
failed and where, since an error's message could quote the family's record. A document stopped
at its time limit (`render.TooLongToPrint`) gets a page of its own, and the attempt is audited
as "print-not-made". The view commits."""

import logging
import traceback

from flask import Response, current_app, render_template

from conference.common import queue
from conference.extensions import db
from conference.pdf import documents, kept
from conference.pdf.render import RenderFailed, TooLongToPrint

logger = logging.getLogger(__name__)
BEING_MADE_REFRESH = 2  # seconds before the "being made" page looks again
ASKED_AGAIN_AFTER = 30  # seconds: a document still not kept by then is asked for again


def download(document: documents.Document, record, actor):
    """The PDF as an attachment, the "being made" page (status 202), or the "not made" or "too
    long to print" page (status 500)."""
    keeps = kept.keeps(document, record)
    done = kept.kept(document, record) if keeps else None
    if done is not None:
        return _hand_over(actor, record, done)
    if keeps and queue.runs_elsewhere():
        return _being_made(document, record)
    try:
        done = kept.make(document, record) if keeps else documents.printed(document, record)
    except TooLongToPrint:
        return _too_long(document, record, actor)
    except Exception as error:  # any failure: the user is told, and no audit row is kept
        db.session.rollback()
        logger.error(
            "Could not make the %s PDF for %s %s: %s",
            document.name,
            record.__tablename__,
            record.id,
            _what_failed(error),
        )
        return render_template("views/documents/not_made.html"), 500
    return _hand_over(actor, record, done)


def _hand_over(actor, record, done: documents.Printed) -> Response:
    documents.record_print(actor, record, done)
    response = Response(done.data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{done.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _being_made(document: documents.Document, record):
    """Ask a worker for the document, and say so; the page looks again by itself."""
    queue.enqueue_once(
        "make-document",
        ASKED_AGAIN_AFTER,
        record_type=record.__tablename__,
        record_id=record.id,
        key=document.key,
    )
    page = render_template("views/documents/being_made.html", seconds=BEING_MADE_REFRESH)
    return page, 202, {"Refresh": str(BEING_MADE_REFRESH)}


def _what_failed(error: Exception) -> str:
    """The error's type and where it was raised; for a render child's failure, the child's."""
    if isinstance(error, RenderFailed):
        return str(error)  # made of the child's error's type and place only
    where = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__} at {where.filename}:{where.lineno}"


def _too_long(document: documents.Document, record, actor):
    """The "too long to print" page, with the attempt audited: who tried to print what."""
    db.session.rollback()
    logger.warning(
        "The %s PDF for %s %s was stopped at its time limit",
        document.name,
        record.__tablename__,
        record.id,
    )
    documents.record_not_made(actor, record, document, "time limit")
    seconds = current_app.config["PDF_TIME_LIMIT_SECONDS"]
    return render_template("views/documents/too_long.html", seconds=f"{seconds:g}"), 500
