"""Reading progress across core groups: the progress page of a plan (each goal's timeline, the
actions' latest status and the scaling trend chart), and the notes of one meeting as a PDF, for
the family or for the record.

Every route loads its record through the access helpers first, and every view and print is
audited.
"""

import logging

from flask import abort, current_app, render_template, request
from flask_login import current_user

from conference.common.access import signed_in
from conference.core_groups import bp
from conference.extensions import db
from conference.pdf import core_group_notes as notes
from conference.pdf import documents, notes_for_family
from conference.pdf.download import download
from conference.services import access
from conference.services import progress as services
from conference.services.access import plan_on_record_to_view

logger = logging.getLogger(__name__)


@bp.route("/plans/<int:plan_id>/progress")
@signed_in
def progress(plan_id: int):
    """The plan's progress from the conference to now: each safety goal's timeline through the
    core groups, each action's latest status, and everyone's scaling scores over time (a chart
    and the same numbers in a table). Every view is audited.

    :raise 404: no such plan, or its case is not visible to the user.
    """
    plan = plan_on_record_to_view(current_user, plan_id)
    services.view_progress(current_user, plan)
    db.session.commit()
    return render_template(
        "views/core_groups/progress.html",
        plan=plan,
        progress=services.plan_progress(plan, chart_id="progress-chart", fit_width=True),
        may_record=access.may_record(current_user, plan.case),
        endpoints=current_app.view_functions,
        notes_language=notes_for_family.notes_language(plan.case),
    )


@bp.route("/core-groups/<int:meeting_id>/notes.pdf")
@signed_in
def notes_pdf(meeting_id: int):
    """The notes of a core group meeting as a PDF: `?for=family` in plain words for the family,
    `?for=record` (the default) with everything. Every print is audited, once the PDF exists.

    :raise 404: no such meeting, its case is not visible to the user, or `for` names no version.
    """
    meeting = access.meeting_to_view(current_user, meeting_id)
    version = request.args.get("for", notes.RECORD)
    if version not in notes.VERSIONS:
        abort(404)
    response = download(documents.CORE_GROUP_NOTES[version], meeting, current_user)
    db.session.commit()
    return response
