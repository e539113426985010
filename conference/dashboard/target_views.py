"""The council's targets for the dashboard's figures: set, changed and removed by the manager who
answers for the whole service (services/access.py), and shown in the dashboard's summary."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import roles_required
from conference.dashboard import bp
from conference.dashboard.forms import RemoveForm, TargetForm
from conference.domain.wording import number
from conference.extensions import db
from conference.models import Role
from conference.services import access, records
from conference.services.dashboard import targets as services
from conference.services.dashboard.figures import FIGURES, ON_PLAN, SECTIONS


def _may_set_targets() -> None:
    if not access.sets_the_targets(current_user):
        abort(403)


@bp.route("/targets")
@roles_required(Role.MANAGER)
def targets():
    """Every figure with its target, if it has one.

    :raise 403: the user does not set the targets.
    """
    _may_set_targets()
    return render_template(
        "views/dashboard/targets.html",
        sections=SECTIONS,
        targets=services.targets(),
        number=number,
    )


@bp.route("/targets/<string:figure>", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def edit_target(figure: str):
    """Set or change a figure's target.

    :raise 404: no such figure.
    :raise 403: the user does not set the targets.
    """
    if figure not in FIGURES:
        abort(404)
    _may_set_targets()
    saved = services.target_for(figure)
    form = TargetForm(percentage=figure != ON_PLAN.key)
    if not form.is_submitted():
        form.version.data = saved.version if saved else 0
        if saved is not None:
            form.value.data = f"{saved.value:g}"
            form.higher_is_better.data = "higher" if saved.higher_is_better else "lower"
        else:  # the usual way for the figure, to be changed if the council sees it otherwise
            form.higher_is_better.data = "lower" if FIGURES[figure].lower_is_better else "higher"
    conflict = None
    if form.validate_on_submit():
        higher = form.higher_is_better.data == "higher"
        try:
            services.set_target(current_user, figure, form.version.data, form.number, higher)
        except records.StaleVersion as stale:
            db.session.rollback()
            saved = stale.record
            conflict = [
                {"label": "Target", "saved": f"{saved.value:g}", "yours": form.value.data},
                {
                    "label": "Which is better",
                    "saved": "Higher" if saved.higher_is_better else "Lower",
                    "yours": "Higher" if higher else "Lower",
                },
            ]
            form.refresh_version(saved)
        else:
            db.session.commit()
            flash(f"Target saved for {FIGURES[figure].title.lower()}", "success")
            return redirect(url_for(".targets"))
    remove = RemoveForm(formdata=None, version=saved.version) if saved else None
    return render_template(
        "views/dashboard/target.html",
        form=form,
        figure=FIGURES[figure],
        percentage=figure != ON_PLAN.key,
        saved=saved,
        conflict=conflict,
        remove_form=remove,
    )


@bp.route("/targets/<string:figure>/remove", methods=["POST"])
@roles_required(Role.MANAGER)
def remove_target(figure: str):
    """Remove a figure's target: the summary then says it has none.

    :raise 404: no such figure, or it has no target.
    :raise 403: the user does not set the targets.
    """
    if figure not in FIGURES:
        abort(404)
    _may_set_targets()
    saved = services.target_for(figure) or abort(404)
    form = RemoveForm()
    if not form.validate_on_submit() or form.version.data != saved.version:
        flash("The target changed since you loaded the page: check it before removing it")
        return redirect(url_for(".edit_target", figure=figure))
    services.remove_target(current_user, saved)
    db.session.commit()
    flash(f"Target removed for {FIGURES[figure].title.lower()}", "success")
    return redirect(url_for(".targets"))
