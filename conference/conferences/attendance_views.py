"""Attendance: who was invited, who came, and whether the conference is quorate.

Every page loads the conference through `access` first, then checks that the attendee belongs
to that conference.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.conferences import bp
from conference.conferences.attendance_forms import AttendeeForm, attendee_conflicts
from conference.domain.quorum import AGENCY_TYPES, ATTENDANCE
from conference.extensions import db
from conference.services import access, drafts, records
from conference.services.conferences import attendance as services


@bp.route("/conferences/<int:conference_id>/attendance")
@signed_in
def attendance(conference_id: int):
    """Everyone invited, whether they came, and whether the conference is quorate.

    :raise 404: no such conference, or its case is not visible to the user.
    """
    conference = access.conference_to_view(current_user, conference_id)
    services.view_conference(current_user, conference)
    db.session.commit()
    return render_template(
        "views/conferences/attendance.html",
        conference=conference,
        can_change=access.may_change(current_user, conference) and not conference.finalised,
        quorum=services.quorum_status(conference),
        agency_types=AGENCY_TYPES,
        attendance_labels=ATTENDANCE,
    )


@bp.route("/conferences/<int:conference_id>/attendance/new", methods=["GET", "POST"])
@signed_in
def new_attendee(conference_id: int):
    """Add someone to the conference's attendance list.

    :raise 404: no such conference, or its case is not visible to the user.
    :raise 403: the user may see the conference but not change it.
    :raise ConferenceFinalised: the conference is finalised.
    """
    conference = access.conference_to_change(current_user, conference_id)
    form = _form(conference)
    autosave_key = f"conference-{conference.id}-attendee-new"
    if form.validate_on_submit():
        attendee = services.add_attendee(current_user, conference, **form.details())
        drafts.clear_draft(current_user, autosave_key)
        db.session.commit()
        flash(f"{attendee.name} added to the attendance list", "success")
        return redirect(url_for(".attendance", conference_id=conference.id))
    return render_template(
        "views/conferences/attendance_new.html",
        form=form,
        conference=conference,
        autosave_key=autosave_key,
    )


@bp.route("/conferences/<int:conference_id>/attendance/<int:attendee_id>", methods=["GET", "POST"])
@signed_in
def edit_attendee(conference_id: int, attendee_id: int):
    """Change what is recorded about someone invited to the conference.

    :raise 404: no such conference or attendee, or the conference is not visible to the user.
    :raise 403: the user may see the conference but not change it.
    :raise ConferenceFinalised: the conference is finalised.
    """
    conference = access.conference_to_change(current_user, conference_id)
    attendee = services.attendee_of(conference, attendee_id) or abort(404)
    form = _form(conference, obj=attendee)
    autosave_key = f"conference-{conference.id}-attendee-{attendee.id}"
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_attendee(
                current_user, conference, attendee, form.version.data, **form.details()
            )
        except records.StaleVersion:
            conflict = attendee_conflicts(form, attendee)
            form.refresh_version(attendee)
        else:
            drafts.clear_draft(current_user, autosave_key)
            db.session.commit()
            flash(f"Changes to {attendee.name} saved", "success")
            return redirect(url_for(".attendance", conference_id=conference.id))
    return render_template(
        "views/conferences/attendance_edit.html",
        form=form,
        conference=conference,
        attendee=attendee,
        conflict=conflict,
        autosave_key=autosave_key,
    )


def _form(conference, **kwargs) -> AttendeeForm:
    return AttendeeForm(conference.case.adults, services.active_users(), **kwargs)
