"""Downloading a printed document, the one way every page does it: render it, audit the print
once the PDF exists, and hand it over. A render that fails tells the user that nothing was made
and nothing changed, and leaves no audit row; the log says only what failed and where, since an
error's message could quote the family's record. The view commits."""

import logging
import traceback

from flask import Response, render_template

from conference.extensions import db
from conference.pdf import documents

logger = logging.getLogger(__name__)


def download(document: documents.Document, record, actor):
    """The PDF as an attachment, or the "not made" page with status 500."""
    try:
        done = documents.printed(document, record)
    except Exception as error:  # any failure: the user is told, and no audit row is kept
        db.session.rollback()
        where = traceback.extract_tb(error.__traceback__)[-1]
        logger.error(
            "Could not make the %s PDF for %s %s: %s at %s:%s",
            document.name,
            record.__tablename__,
            record.id,
            type(error).__name__,
            where.filename,
            where.lineno,
        )
        return render_template("views/documents/not_made.html"), 500
    documents.record_print(actor, record, done)
    response = Response(done.data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{done.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
