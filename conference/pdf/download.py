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

from flask import Response, current_app, render_template, request, url_for

from conference.common import queue
from conference.extensions import db
from conference.pdf import documents, kept
from conference.pdf.render import RenderFailed, TooLongToPrint

logger = logging.getLogger(__name__)
ASKED_AGAIN_AFTER = 30  # seconds: a document still not kept by then is asked for again
GIVE_UP_AFTER = 60  # seconds: a document asked for and not made by then is said to be late
CHECK = "check"  # in the address: the being-made page asking whether the document is made yet


def download(document: documents.Document, record, actor):
    """The PDF as an attachment, the "being made" page (status 202), or the "not made" or "too
    long to print" page (status 500)."""
    keeps = kept.keeps(document, record)
    done = kept.kept(document, record) if keeps else None
    if done is not None and request.args.get(CHECK):
        return render_template("views/documents/made.html", **_addresses(record))
    if done is not None:
        return _hand_over(actor, record, done)
    if keeps and queue.runs_elsewhere():
        return _being_made(document, record, actor)
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


def _being_made(document: documents.Document, record, actor):
    """Ask a worker for the document, and say so; the page asks again (waiting.mjs, or its
    "Check again" link) and goes to the "made" page once it is kept. A document the worker
    could not make says so, once (the next ask tries again); one not made within a minute
    (no worker running?) is said to be late."""
    task = {"record_type": record.__tablename__, "record_id": record.id, "key": document.key}
    failure = queue.failure("make-document", task)
    if failure == TooLongToPrint.__name__:
        return _too_long(document, record, actor)
    if failure is not None:
        return render_template("views/documents/not_made.html"), 500
    queue.enqueue_once("make-document", ASKED_AGAIN_AFTER, **task)
    late = queue.waited("make-document", task) > GIVE_UP_AFTER
    page = render_template("views/documents/being_made.html", late=late, **_addresses(record))
    return page, 503 if late else 202


def _addresses(record) -> dict:
    """Where the waiting pages check (the same address with CHECK), download and go back to."""
    asked = {key: value for key, value in request.args.items() if key != CHECK}
    return {
        "check_url": url_for(request.endpoint, **request.view_args, **asked, **{CHECK: 1}),
        "download_url": url_for(request.endpoint, **request.view_args, **asked),
        "case_url": url_for("cases.show_case", case_id=record.case_id),
    }


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
