"""Management oversight of a case: the list of supervision recorded (with when the next is due
and which actions are overdue), recording supervision, and marking an action done.

Managers who see the case record oversight; whoever may see the case reads it, except
practitioners from other agencies: supervision is the council's internal record
(services/access.py). An action is marked done by its owner or a manager who sees the case.
"""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.chronology import bp
from conference.chronology.forms import ActionDoneForm, OversightForm
from conference.common.access import signed_in
from conference.domain import clock
from conference.domain import oversight as rules
from conference.extensions import db
from conference.services import access, records
from conference.services import oversight as services


def _interval() -> int:
    return current_app.config["OVERSIGHT_INTERVAL_DAYS"]


@bp.route("/cases/<int:case_id>/oversight")
@signed_in
def oversight(case_id: int):
    """The case's management oversight, newest first, with each action and whether it is done
    or overdue. Every view is audited.

    :raise 404: no such case, or one the user may not see.
    :raise 403: a practitioner from another agency (supervision is internal).
    """
    case = access.case_for_oversight(current_user, case_id)
    held = services.oversights_of(case)
    on = clock.today()
    page = render_template(
        "views/chronology/oversight.html",
        case=case,
        held=held,
        summary=services.summary(case, _interval(), on),
        overdue=lambda action: rules.action_overdue(action.due_on, action.done_on, on),
        may_complete=lambda action: access.may_complete_action(current_user, action),
        may_record=access.may_record_oversight(current_user, case),
        done_form=ActionDoneForm(),
    )
    services.view_oversight(current_user, case)
    db.session.commit()
    return page


@bp.route("/cases/<int:case_id>/oversight/new", methods=["GET", "POST"])
@signed_in
def new_oversight(case_id: int):
    """Record supervision of the case: the date, what was reflected on, the decision, and up
    to three actions, each with an owner from the case's team and a date.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but is not a manager.
    """
    case = access.case_to_oversee(current_user, case_id)
    form = OversightForm(owners=services.owners_for(case))
    if form.validate_on_submit():
        actions = [services.ActionDetails(**row) for row in form.actions()]
        services.record_oversight(current_user, case, actions=actions, **form.details())
        db.session.commit()
        flash("Management oversight saved", "success")
        return redirect(url_for(".oversight", case_id=case.id))
    return render_template("views/chronology/oversight_form.html", form=form, case=case)


@bp.route("/oversight-actions/<int:oversight_action_id>/done", methods=["POST"])
@signed_in
def complete_action(oversight_action_id: int):
    """Mark an oversight action done today. A second person marking it at the same moment is
    told it was changed.

    :raise 404: no such action, or its case is not visible to the user.
    :raise 403: the user neither owns the action nor manages the case.
    """
    action = services.action_of(oversight_action_id)
    if action is None:
        abort(404)
    case = access.case_for_oversight(current_user, action.oversight.case_id)
    if not access.may_complete_action(current_user, action):
        abort(403)
    form = ActionDoneForm()
    if form.validate_on_submit():
        try:
            services.mark_done(current_user, action, form.version.data, clock.today())
        except records.StaleVersion:
            flash("Someone else changed this action while you were looking at it: check it below")
        else:
            db.session.commit()
            flash("Action marked as done", "success")
    return redirect(url_for(".oversight", case_id=case.id))
