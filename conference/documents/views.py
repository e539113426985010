"""Downloading the printed documents: the family plan (standard or large print), the
professional plan and the conference record.

Every download is audited (who, which document, which version). The audit row is written only
once the PDF exists: a render that fails midway leaves no record of a print, and the user is
told that nothing was made and nothing changed.
"""

import logging
import traceback

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from conference.common.access import signed_in
from conference.extensions import db
from conference.pdf import documents
from conference.services.access import conference_to_view, plan_to_view

bp = Blueprint("documents", __name__)
logger = logging.getLogger(__name__)


@bp.route("/plans/<int:plan_id>/family-plan.pdf")
@signed_in
def family_plan(plan_id: int):
    """The family's plan as a PDF; `?large-print=1` for large print.

    :raise 404: the plan's case is not visible to the user.
    """
    plan = plan_to_view(current_user, plan_id)
    large_print = request.args.get("large-print") == "1"
    document = documents.FAMILY_LARGE_PRINT if large_print else documents.FAMILY
    return _download(document, plan)


@bp.route("/plans/<int:plan_id>/professional-plan.pdf")
@signed_in
def professional_plan(plan_id: int):
    """The professional plan as a PDF.

    :raise 404: the plan's case is not visible to the user.
    """
    return _download(documents.PROFESSIONAL, plan_to_view(current_user, plan_id))


@bp.route("/conferences/<int:conference_id>/record.pdf")
@signed_in
def conference_record(conference_id: int):
    """The conference record as a PDF.

    :raise 404: the conference's case is not visible to the user.
    """
    return _download(documents.RECORD, conference_to_view(current_user, conference_id))


def _download(document: str, record):
    kind, record_id = record.__tablename__, record.id
    try:
        done = documents.printed(document, record)
    except Exception as error:  # any failure: the user is told, and no audit row is kept
        db.session.rollback()
        # The error's message could quote the family's record: log only its kind and place.
        where = traceback.extract_tb(error.__traceback__)[-1]
        logger.error(
            "Could not make the %s PDF for %s %s: %s at %s:%s",
            document,
            kind,
            record_id,
            type(error).__name__,
            where.filename,
            where.lineno,
        )
        return render_template("views/documents/not_made.html"), 500
    documents.record_print(current_user, record, done)
    db.session.commit()
    response = Response(done.data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{done.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
