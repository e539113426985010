"""Statutory visits: the family's visits with where each child on a plan stands, one visit's
record, and the form to record or change one.

Every route loads the case or the visit through `access` first: whoever may see the case may
read its visits; the case's social worker and the managers who see the case record them.
"""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.domain import clock, timescales
from conference.domain.wording import clock_time, long_date
from conference.extensions import db
from conference.services import access, records
from conference.services import visits as services
from conference.visits import bp
from conference.visits.forms import BEDROOM, VisitForm, unborn_on, visit_conflicts


def _default_interval() -> int:
    return current_app.config["STATUTORY_VISIT_WORKING_DAYS"]


@bp.route("/cases/<int:case_id>/visits")
@signed_in
def visits(case_id: int):
    """The family's statutory visits, newest first, and for each child on a plan their last
    visit, whether they were seen alone then, and when the next is due. Every view is audited.

    :raise 404: no such case, or one the user may not see.
    """
    case = access.case_to_view(current_user, case_id)
    services.view_visits(current_user, case)
    db.session.commit()
    return render_template(
        "views/visits/list.html",
        case=case,
        visits=services.visits_of(case),
        children=services.children_status(
            case, clock.today(), timescales.default_calendar(), _default_interval()
        ),
        may_record=access.may_record_visits(current_user, case),
    )


@bp.route("/cases/<int:case_id>/visits/new", methods=["GET", "POST"])
@signed_in
def new_visit(case_id: int):
    """Record a statutory visit to one or more of the family's children.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but is not its social worker or their manager.
    """
    case = access.case_to_record_visits(current_user, case_id)
    form = VisitForm(case)
    already = []
    if form.validate_on_submit():
        answers = form.answers()
        seen = {part.child_id for part in answers.children}
        already = services.already_recorded(case, answers.visited_on, seen)
        if not already or request.form.get("another") == "yes":
            visit = services.record_visit(current_user, case, answers)
            db.session.commit()
            flash("Visit saved", "success")
            return redirect(url_for(".show_visit", visit_id=visit.id))
    return _form_page(form, case, None, None, [_already(visit) for visit in already])


@bp.route("/visits/<int:visit_id>")
@signed_in
def show_visit(visit_id: int):
    """What was recorded about one visit. Every view is audited.

    :raise 404: no such visit, or its case is not visible to the user.
    """
    visit = access.visit_to_view(current_user, visit_id)
    changed = services.last_change(visit)
    services.view_visit(current_user, visit)
    page = render_template(
        "views/visits/show.html",
        visit=visit,
        last_change=changed,
        case=visit.case,
        bedroom=BEDROOM,
        unborn={row.child_id: unborn_on(row.child, visit.visited_on) for row in visit.children},
        may_record=access.may_record_visits(current_user, visit.case),
    )
    db.session.commit()
    return page


@bp.route("/visits/<int:visit_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_visit(visit_id: int):
    """Change what was recorded about a visit. A save based on an older version is refused and
    shows what the other person changed; what this user typed stays in the form. Opening the
    form is audited as a view.

    :raise 404: no such visit, or its case is not visible to the user.
    :raise 403: the user may see the case but is not its social worker or their manager.
    """
    visit = access.visit_to_change(current_user, visit_id)
    form = VisitForm(visit.case)
    if not form.is_submitted():
        form.fill_from(visit)
        form.version.data = visit.version
        services.view_visit(current_user, visit)  # the form shows what was recorded
        db.session.commit()
    conflict = None
    if form.validate_on_submit():
        answers = form.answers()
        try:
            services.update_visit(current_user, visit, form.version.data, answers)
        except records.StaleVersion:
            names = {child.id: child.name for child in visit.case.children}
            conflict = visit_conflicts(answers, visit, names)
            form.refresh_version(visit)
        else:
            db.session.commit()
            flash("Changes to the visit saved", "success")
            return redirect(url_for(".show_visit", visit_id=visit.id))
    return _form_page(form, visit.case, visit, conflict)


def _already(visit) -> dict:
    """A visit recorded already, as the check before saving another names it."""
    when = long_date(visit.visited_on)
    if visit.visited_at is not None:
        when = f"{when}, {clock_time(visit.visited_at)}"
    recorded_by = visit.recorded_by.name if visit.recorded_by else "someone"
    return {
        "text": f"{when}: {visit.visitor_label}, {visit.place} (recorded by {recorded_by})",
        "href": url_for(".show_visit", visit_id=visit.id),
    }


def _form_page(form, case, visit, conflict, already=()):
    return render_template(
        "views/visits/form.html",
        form=form,
        case=case,
        visit=visit,
        conflict=conflict,
        already=already,
        back_url=(
            url_for(".show_visit", visit_id=visit.id)
            if visit is not None
            else url_for(".visits", case_id=case.id)
        ),
    )
