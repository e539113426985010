"""Downloading a printed document, the one way every page does it: render it, audit the print
once the PDF exists, and hand it over. A render that fails tells the user that nothing was made
and nothing changed, and leaves no print in the audit trail; the log says only what failed and
where, since an error's message could quote the family's record. A document stopped at its time
limit (`render.TooLongToPrint`) gets a page of its own, and the attempt is audited as
"print-not-made". The view commits."""

import logging
import traceback

from flask import Response, current_app, render_template

from conference.extensions import db
from conference.pdf import documents
from conference.pdf.render import RenderFailed, TooLongToPrint

logger = logging.getLogger(__name__)


def download(document: documents.Document, record, actor):
    """The PDF as an attachment, or the "not made" or "too long to print" page (status 500)."""
    try:
        done = documents.printed(document, record)
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
    documents.record_print(actor, record, done)
    response = Response(done.data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{done.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


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
