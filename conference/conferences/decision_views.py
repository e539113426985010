"""The decision for each child: the agencies' views, the parents' view and the chair's decision.

Every page loads the conference through `access` first, then checks that the child belongs to
the conference's family.
"""

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.common.forms import attendee_label
from conference.conferences import bp
from conference.conferences.decision_forms import decision_conflicts, decision_form
from conference.domain.review import END_REASONS
from conference.domain.vocabulary import Category, Outcome
from conference.extensions import db
from conference.services import access, drafts, records
from conference.services.cases import social_workers
from conference.services.conferences import attendance as attendance_services
from conference.services.conferences import decisions as services


@bp.route("/conferences/<int:conference_id>/decisions")
@signed_in
def decisions(conference_id: int):
    """The decision so far for each child of the family, with a link to record it.

    :raise 404: no such conference, or its case is not visible to the user.
    """
    conference = access.conference_to_view(current_user, conference_id)
    attendance_services.view_conference(current_user, conference)
    db.session.commit()
    due = services.due_dates(conference)
    summary = services.decision_summary(conference)
    warnings = {
        outcome.child.id: _warnings(
            outcome.category,
            outcome.decision.first_core_group_on if outcome.decision else None,
            outcome.decision.review_on if outcome.decision else None,
            due,
        )
        for outcome in summary
    }
    return render_template(
        "views/conferences/decisions.html",
        conference=conference,
        summary=summary,
        warnings=warnings,
        next_core_groups=_next_core_groups(conference, summary),
        end_reasons=END_REASONS,
        can_change=access.chairs(current_user, conference) and not conference.finalised,
        quorum=attendance_services.quorum_status(conference),
    )


def _next_core_groups(conference, summary) -> dict:
    """A review sets no first core group: for each child it keeps on a plan, the next one as
    the rules give it, by child id."""
    if conference.conference_type != "review":
        return {}
    weeks = current_app.config["CORE_GROUP_INTERVAL_WEEKS"]
    return {
        outcome.child.id: services.next_core_group_after_review(conference, outcome.decision, weeks)
        for outcome in summary
    }


@bp.route("/conferences/<int:conference_id>/decisions/<int:child_id>", methods=["GET", "POST"])
@signed_in
def edit_decision(conference_id: int, child_id: int):
    """Record the agencies' views, the parents' view and the chair's decision for one child.

    :raise 404: no such conference or child, or the conference is not visible to the user.
    :raise 403: the user may see the conference but does not chair it: the decision is the
        chair's alone.
    :raise ConferenceFinalised: the conference is finalised.
    """
    conference = access.conference_to_decide(current_user, conference_id)
    child = access.child_of(conference, child_id)
    decision = services.decision_for(conference, child)
    agencies = services.agencies_giving_views(conference)
    views = services.agency_views_for(conference, child)
    due = services.due_dates(conference)
    form = decision_form(child, conference, agencies, social_workers(), due, obj=decision)
    if not form.is_submitted():
        form.fill_from(decision, views, conference.attendees, conference.case.social_worker_id)
    autosave_key = f"conference-{conference.id}-decision-{child.id}"
    conflict = None
    if form.validate_on_submit():
        try:
            services.save_decision(
                current_user,
                conference,
                child,
                form.version.data,
                form.decision_fields(),
                form.views(),
                form.core_group_ids(),
            )
        except records.StaleVersion as stale:
            db.session.rollback()  # nothing of this save is kept; the form keeps what was typed
            conflict = decision_conflicts(form, stale.record, views)
            form.refresh_version(stale.record)
        else:
            drafts.clear_draft(current_user, autosave_key)
            db.session.commit()
            flash(f"Decision for {child.given_name} saved", "success")
            return redirect(url_for(".decisions", conference_id=conference.id))
    return render_template(
        "views/conferences/decision_edit.html",
        form=form,
        conference=conference,
        child=child,
        conflict=conflict,
        autosave_key=autosave_key,
        warnings=_warnings(
            form.category.data if form.outcome.data == Outcome.CHILD_PROTECTION_PLAN else None,
            form.first_core_group_on.data,
            form.review_on.data,
            due,
        ),
        attendee_label=attendee_label,
    )


def _warnings(category, first_core_group_on, review_on, due) -> list[str]:
    """What the chair should know, without being stopped: the discouraged multiple category,
    and dates later than the statutory ones."""
    found = [services.MULTIPLE_WARNING] if category == Category.MULTIPLE else []
    return found + due.warnings(first_core_group_on, review_on)
