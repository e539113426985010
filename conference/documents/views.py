"""Downloading the printed documents: the family plan (standard or large print), the
professional plan and the conference record. Every download is audited (`pdf/download.py`)."""

from flask import request
from flask_login import current_user

from conference.common.access import signed_in
from conference.documents import bp
from conference.extensions import db
from conference.pdf import documents
from conference.pdf.download import download
from conference.services.access import conference_to_view, plan_on_record_to_view


@bp.route("/plans/<int:plan_id>/family-plan.pdf")
@signed_in
def family_plan(plan_id: int):
    """The family's plan as a PDF; `?large-print=1` for large print.

    :raise 404: the plan's case is not visible to the user.
    """
    plan = plan_on_record_to_view(current_user, plan_id)
    large_print = request.args.get("large-print") == "1"
    document = documents.FAMILY_LARGE_PRINT if large_print else documents.FAMILY
    return _download(document, plan)


@bp.route("/plans/<int:plan_id>/professional-plan.pdf")
@signed_in
def professional_plan(plan_id: int):
    """The professional plan as a PDF.

    :raise 404: the plan's case is not visible to the user.
    """
    return _download(documents.PROFESSIONAL, plan_on_record_to_view(current_user, plan_id))


@bp.route("/conferences/<int:conference_id>/record.pdf")
@signed_in
def conference_record(conference_id: int):
    """The conference record as a PDF.

    :raise 404: the conference's case is not visible to the user.
    """
    return _download(documents.RECORD, conference_to_view(current_user, conference_id))


def _download(document: documents.Document, record):
    response = download(document, record, current_user)
    db.session.commit()
    return response
