from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import roles_required, signed_in
from conference.common.forms import conflict_rows
from conference.common.scheduling import ConferenceForm
from conference.conferences import bp, display
from conference.conferences.forms import AmendmentForm, FinaliseForm
from conference.extensions import db
from conference.models import Role
from conference.services import access, plans, records, review
from conference.services.access import ConferenceFinalised, case_to_view
from conference.services.conferences import changes
from conference.services.conferences import conference as services

LABELS = {
    "conference_type": "Type of conference",
    "held_on": "Date of the conference",
    "venue": "Venue",
    "strategy_discussion_on": "Date of the strategy discussion",
}


@bp.app_template_global()
def sees_case(case) -> bool:
    """Whether the signed-in user may see the case's record behind a conference or plan: a
    minute-taker sees only their conference and its plan, so pages shared with them show no
    links into the rest of the case (the chronology, other plans), which would be a 404."""
    return access.can_view(current_user, case)


@bp.app_errorhandler(ConferenceFinalised)
def finalised(error):
    return render_template("views/conferences/finalised.html", conference=error.conference), 409


@bp.route("/cases/<int:case_id>/conferences/new", methods=["GET", "POST"])
@signed_in
def new_conference(case_id: int):
    """Schedule a conference for the case.

    :raise 404: the case is not visible to the user.
    :raise 403: the user may not change the case and is not a chair.
    """
    case = case_to_view(current_user, case_id)
    if not (current_user.role == Role.CHAIR or access.can_edit(current_user, case)):
        abort(403)
    form = ConferenceForm(services.chairs(), minute_takers=_minute_takers_for(case))
    if not form.is_submitted():
        form.conference_type.data = "review" if services.previous_conference(case) else "initial"
        form.online.data, form.twilight.data = "no", "no"
    if form.validate_on_submit():
        conference = services.create_conference(current_user, case, **form.details())
        db.session.commit()
        flash(f"{conference.type_label} scheduled", "success")
        return redirect(url_for("conferences.show_conference", conference_id=conference.id))
    return render_template("views/conferences/new.html", form=form, case=case)


@bp.route("/conferences/<int:conference_id>")
@signed_in
def show_conference(conference_id: int):
    """The conference at a glance: timescales, and each section with what is still to do.

    :raise 404: the conference's case is not visible to the user.
    """
    conference = access.conference_to_view(current_user, conference_id)
    services.view_conference(current_user, conference)
    db.session.commit()
    can_change = access.may_change(current_user, conference) and not conference.finalised
    due = services.due_date(conference)
    change_url = url_for("conferences.edit_conference", conference_id=conference.id)
    return render_template(
        "views/conferences/show.html",
        conference=conference,
        due=due,
        detail_rows=display.detail_rows(
            conference,
            due,
            change_url if can_change else None,
            access.assigns_minute_taker(current_user, conference.case),
        ),
        task_items=display.task_items(
            conference,
            services.readiness(conference),
            access.chairs(current_user, conference) and not conference.finalised,
        ),
        # A minute-taker sees the conference, not the case's record behind it.
        sees_case=access.can_view(current_user, conference.case),
        can_finalise=access.chairs(current_user, conference),
        missing=services.missing_before_finalising(conference),
        review=review.review_hub(current_user, conference),
        conference_plan=plans.plan_for_conference(current_user, conference),
        keeps_from_family=access.may_change(current_user, conference),
    )


@bp.route("/conferences/<int:conference_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_conference(conference_id: int):
    """Change when and where the conference is held.

    :raise 404: not visible. :raise 403: may not change it. :raise 409: finalised.
    """
    conference = access.conference_to_change(current_user, conference_id)
    arranges = access.assigns_minute_taker(current_user, conference.case)
    form = ConferenceForm(
        services.chairs(),
        obj=conference,
        minute_takers=_minute_takers_for(conference.case),
        # The chair is independent of the case: the social worker changes when and where,
        # never who chairs it nor what kind of conference it is.
        fixed_type=None if arranges else conference.conference_type,
    )
    if not form.is_submitted():
        form.starts_at.data = f"{conference.starts_at:%H:%M}"
        form.online.data = "yes" if conference.online else "no"
        form.twilight.data = "yes" if conference.twilight else "no"
        if "chair_id" in form:
            form.chair_id.data = str(conference.chair_id or "")
        if "minute_taker_id" in form:
            form.minute_taker_id.data = str(conference.minute_taker_id or "")
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_conference(
                current_user, conference, form.version.data, **form.details()
            )
        except records.StaleVersion:
            conflict = conflict_rows(form, conference, LABELS)
            form.refresh_version(conference)
        else:
            db.session.commit()
            flash("Conference details saved", "success")
            return redirect(url_for("conferences.show_conference", conference_id=conference.id))
    return render_template(
        "views/conferences/edit.html", form=form, conference=conference, conflict=conflict
    )


def _minute_takers_for(case):
    """Who may be assigned to type in the case's conference, if the user assigns them."""
    return services.minute_takers() if access.assigns_minute_taker(current_user, case) else None


@bp.route("/conferences/<int:conference_id>/finalise", methods=["GET", "POST"])
@roles_required(Role.CHAIR.value)
def finalise(conference_id: int):
    """The chair finalises the conference once nothing on the checklist is missing.

    :raise 404: not visible. :raise 403: another chair's conference. :raise 409: finalised.
    """
    conference = access.conference_to_decide(current_user, conference_id)
    form = FinaliseForm()
    missing = services.missing_before_finalising(conference)
    if form.validate_on_submit() and not missing:
        services.finalise(current_user, conference)
        db.session.commit()
        flash(
            "The conference is finalised. Corrections can now only be added as amendments.",
            "success",
        )
        return redirect(url_for("conferences.show_conference", conference_id=conference.id))
    return render_template(
        "views/conferences/finalise.html",
        form=form,
        conference=conference,
        missing=missing,
        changes=changes.changes_by_others(conference, current_user),
    )


@bp.route("/conferences/<int:conference_id>/amendments/new", methods=["GET", "POST"])
@roles_required(Role.CHAIR.value)
def new_amendment(conference_id: int):
    """Add a dated correction to a finalised conference.

    :raise 404: not visible, or the conference is not finalised yet (edit it instead).
    """
    conference = access.conference_to_view(current_user, conference_id)
    if not conference.finalised:
        abort(404)
    form = AmendmentForm()
    if form.validate_on_submit():
        services.add_amendment(current_user, conference, form.section.data, form.text.data)
        db.session.commit()
        flash("Amendment added", "success")
        return redirect(url_for("conferences.show_conference", conference_id=conference.id))
    return render_template("views/conferences/amendment.html", form=form, conference=conference)
