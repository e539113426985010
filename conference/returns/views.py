"""The statutory returns page: the manager responsible for the whole service downloads the
Children in Need census and Annex A (services/access.py, makes_the_returns)."""

from datetime import date, datetime

from flask import Response, abort, current_app, render_template
from flask_login import current_user

from conference.common.access import roles_required
from conference.extensions import db
from conference.models import Role, User
from conference.returns import bp
from conference.returns.forms import ReturnsForm
from conference.services import access
from conference.services.returns import annex_a, cin
from conference.services.returns.exports import ExportRefused, record_export


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def statutory_returns():
    """Choose the census year and download a return. A return the records would make invalid
    is not made: the page lists what to put right instead.

    :raise 403: the user is not the manager responsible for the whole service.
    """
    if not access.makes_the_returns(current_user):
        abort(403)
    today = date.today()
    form = ReturnsForm(census_year_of(today))
    problems = []
    if form.validate_on_submit():
        try:
            if form.annex_a.data:
                export = annex_a.annex_a(today)
            else:
                la_code = current_app.config["LA_CODE"]
                export = cin.cin_census(int(form.year.data), la_code, datetime.now())
        except ExportRefused as refused:
            problems = refused.problems
        else:
            record_export(current_user, export)
            db.session.commit()
            return Response(
                export.content,
                mimetype=export.content_type,
                headers={"Content-Disposition": f'attachment; filename="{export.filename}"'},
            )
    return render_template("views/returns/index.html", form=form, problems=problems)


@bp.app_context_processor
def _returns_in_the_menu():
    """The menu offers the returns only to whoever may make them."""
    return {"makes_the_returns": _makes_the_returns}


def _makes_the_returns(user: User) -> bool:
    return user.is_authenticated and access.makes_the_returns(user)


def census_year_of(today: date) -> int:
    """The census year `today` is in: the one ending on the next 31 March."""
    return today.year + 1 if today.month >= 4 else today.year
