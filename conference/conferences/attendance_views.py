"""Attendance: who was invited, who came, and whether the conference is quorate.

Every page loads the conference through `access` first, then checks that the attendee belongs
to that conference.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.conferences import bp
from conference.conferences.attendance_forms import (
    AttendeeForm,
    RegisterForm,
    attendee_conflicts,
    more_detail_has_errors,
    register_conflicts,
)
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
    can_change = access.may_record_in_room(current_user, conference) and not conference.finalised
    offered = [row for row in services.register(conference) if row.attendee is None]
    return render_template(
        "views/conferences/attendance.html",
        conference=conference,
        can_change=can_change,
        offered=offered if can_change else [],
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
    conference = access.conference_to_record(current_user, conference_id)
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
        more_open=more_detail_has_errors(form),
    )


@bp.route("/conferences/<int:conference_id>/attendance/<int:attendee_id>", methods=["GET", "POST"])
@signed_in
def edit_attendee(conference_id: int, attendee_id: int):
    """Change what is recorded about someone invited to the conference.

    :raise 404: no such conference or attendee, or the conference is not visible to the user.
    :raise 403: the user may see the conference but not change it.
    :raise ConferenceFinalised: the conference is finalised.
    """
    conference = access.conference_to_record(current_user, conference_id)
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
        more_open=True,
    )


@bp.route("/conferences/<int:conference_id>/attendance/register", methods=["GET", "POST"])
@signed_in
def attendance_register(conference_id: int):
    """Record who came, for everyone at once: the people on the list, and the people from the
    last conference, the core group and the children, offered so nobody is typed again.

    :raise 404: no such conference, or its case is not visible to the user.
    :raise 403: the user may see the conference but not record its attendance.
    :raise ConferenceFinalised: the conference is finalised.
    """
    conference = access.conference_to_record(current_user, conference_id)
    invitees = services.register(conference)
    form = RegisterForm(invitees)
    conflict = None
    if form.validate_on_submit():
        try:
            answers = form.answers() | form.ticked_since_listed(request.form)
            changed = services.record_register(current_user, conference, answers)
        except services.ListedMeanwhile as listed:
            db.session.rollback()  # nothing of this save is kept
            conflict = register_conflicts(listed.people, conference)
            # The people listed meanwhile are shown as saved; everyone else as ticked.
            form = RegisterForm(services.register(conference))
            form.refresh_versions(services.register(conference))
        except records.StaleVersion:
            db.session.rollback()  # nothing of this save is kept; the form keeps what was ticked
            conflict = []  # the banner alone: what was ticked stays in the form below
            form.refresh_versions(services.register(conference))
        else:
            db.session.commit()
            # Nothing changed is not a success to celebrate: a neutral notice says so.
            flash(_saved(changed), "success" if changed else "info")
            return redirect(url_for(".attendance", conference_id=conference.id))
    return render_template(
        "views/conferences/attendance_register.html",
        form=form,
        conference=conference,
        conflict=conflict,
        attendance_labels=ATTENDANCE,
    )


def _saved(changed: int) -> str:
    if changed == 0:
        return "No changes to save"
    return f"Attendance saved for {changed} {'person' if changed == 1 else 'people'}"


def _form(conference, **kwargs) -> AttendeeForm:
    children = [child for child in conference.case.children if not child.unborn]
    return AttendeeForm(conference.case.adults, services.active_users(), children, **kwargs)
