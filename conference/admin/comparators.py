"""The published comparators a manager reads beside the dashboard's figures: England's and
statistical neighbours' values, each with its year and source, entered by an administrator."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.admin import bp
from conference.admin.comparator_forms import ComparatorForm
from conference.common.access import roles_required
from conference.common.forms import VersionedForm
from conference.domain.wording import number
from conference.extensions import db
from conference.models import Role
from conference.models.benchmark import STATISTICAL_NEIGHBOURS
from conference.services import records
from conference.services.dashboard import targets as services
from conference.services.dashboard.figures import FIGURES, ON_PLAN

ADMIN = Role.ADMIN.value
TAKEN = "This figure already has a value of this kind for this year: change that one instead"


def _form(**kwargs) -> ComparatorForm:
    # Percentages only: England's count of children on a plan is not one council's.
    figures = {key: figure.title for key, figure in FIGURES.items() if key != ON_PLAN.key}
    return ComparatorForm(figures, **kwargs)


def _fields(form: ComparatorForm) -> dict:
    from_england = form.comparison.data != STATISTICAL_NEIGHBOURS
    return {
        "figure": form.figure.data,
        "comparison": form.comparison.data,
        "neighbour_group": "" if from_england else form.neighbour_group.data or "",
        "year": form.year.data,
        "value": form.number,
        "source": form.source.data,
        "source_url": form.source_url.data or "",
    }


@bp.route("/comparators")
@roles_required(ADMIN)
def comparators():
    """Every comparator entered, by figure."""
    return render_template(
        "views/admin/comparators.html",
        comparators=services.comparators(),
        figures=FIGURES,
        number=number,
    )


@bp.route("/comparators/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_comparator():
    """Enter a published value for a figure."""
    form = _form()
    if form.validate_on_submit():
        try:
            services.add_comparator(current_user, **_fields(form))
        except services.ComparatorTaken:
            form.year.errors.append(TAKEN)
        else:
            db.session.commit()
            flash(f"Comparator added for {FIGURES[form.figure.data].title.lower()}", "success")
            return redirect(url_for("admin.comparators"))
    return render_template("views/admin/comparator.html", form=form, comparator=None)


@bp.route("/comparators/<int:comparator_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_comparator(comparator_id: int):
    """Change a comparator (a corrected publication, say).

    :raise 404: no such comparator.
    """
    found = services.comparator(comparator_id) or abort(404)
    form = _form()
    if not form.is_submitted():  # (filled from the record only then: a field left out is blank)
        form = _form(obj=found)
        form.value.data = number(found.value)
    conflict = None
    if form.validate_on_submit():
        try:
            services.change_comparator(current_user, found, form.version.data, **_fields(form))
        except services.ComparatorTaken:
            form.year.errors.append(TAKEN)
        except records.StaleVersion:
            db.session.rollback()
            conflict = []  # the banner, without the table: the form shows what was typed
            form.refresh_version(found)
        else:
            db.session.commit()
            flash(f"Comparator changed for {FIGURES[found.figure].title.lower()}", "success")
            return redirect(url_for("admin.comparators"))
    return render_template(
        "views/admin/comparator.html",
        form=form,
        comparator=found,
        conflict=conflict,
        remove_form=VersionedForm(formdata=None, version=found.version),
    )


@bp.route("/comparators/<int:comparator_id>/remove", methods=["POST"])
@roles_required(ADMIN)
def remove_comparator(comparator_id: int):
    """Remove a comparator entered by mistake.

    :raise 404: no such comparator.
    """
    found = services.comparator(comparator_id) or abort(404)
    form = VersionedForm()
    if not form.validate_on_submit() or form.version.data != found.version:
        flash("The comparator changed since you loaded the page: check it before removing it")
        return redirect(url_for("admin.edit_comparator", comparator_id=found.id))
    services.remove_comparator(current_user, found)
    db.session.commit()
    flash("Comparator removed", "success")
    return redirect(url_for("admin.comparators"))
