"""The statutory returns page: the manager responsible for the whole service checks and
downloads the Children in Need census, with its report of what each child's record breaks of
the DfE's rules, and Annex A (services/access.py, makes_the_returns). A child's record never
holds the census back: the file is always given, the report beside it."""

from datetime import date, datetime

from flask import Response, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import roles_required
from conference.domain import clock
from conference.extensions import db
from conference.models import Role, User
from conference.returns import background, bp
from conference.returns.forms import ReturnsForm
from conference.returns.report import report_rows, summary
from conference.services import access, jobs
from conference.services.returns import cin
from conference.services.returns.exports import Export, ExportRefused, record_check

REPORT_ROWS_SHOWN = 1000  # the page stays usable; the CSV holds them all


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def statutory_returns():
    """Choose the census year; check the census, or make a return or the census report (in
    the background: the page of the work shows how far it has got, then offers the file).

    :raise 403: the user is not the manager responsible for the whole service.
    """
    _only_the_manager_of_the_whole_service()
    today = clock.today()
    form = ReturnsForm(census_year_of(today))
    if form.validate_on_submit():
        year = int(form.year.data)
        if form.check.data:
            return redirect(url_for("returns.census_report", year=year))
        which = next((name for name in background.RETURNS if form[name].data), None)
        if which is None:  # sent without a button (by a script): nothing to make
            return redirect(url_for("returns.statutory_returns"))
        job = background.start(current_user, which, year, today)
        db.session.commit()
        return redirect(url_for("returns.made", job_id=job.id))
    return render_template("views/returns/index.html", form=form, today=today)


@bp.route("/made/<int:job_id>")
@roles_required(Role.MANAGER)
def made(job_id: int):
    """How far a return asked for has got; the file to download once it is made. The page asks
    again by itself until then (waiting.mjs), changing only its status text.

    :raise 403: the user is not the manager responsible for the whole service.
    :raise 404: no such work, or someone else asked for it.
    """
    _only_the_manager_of_the_whole_service()
    job = jobs.job_of(current_user, job_id) or abort(404)
    page = render_template(
        "views/returns/made.html",
        job=job,
        name=background.RETURNS.get(job.kind, "the return"),
        expired=jobs.expired(job),
        stopped=jobs.stopped(job),
    )
    return page


@bp.route("/made/<int:job_id>/file")
@roles_required(Role.MANAGER)
def made_file(job_id: int):
    """The file a return's work made, as an attachment. Every download is audited as an
    export.

    :raise 403: the user is not the manager responsible for the whole service.
    :raise 404: no such work, someone else asked for it, or it has no file (yet, or any more).
    """
    _only_the_manager_of_the_whole_service()
    job = jobs.job_of(current_user, job_id) or abort(404)
    if job.state != "done" or jobs.expired(job):
        abort(404)
    content = jobs.file_of(current_user, job)
    if content is None:
        abort(404)
    db.session.commit()
    return Response(
        content,
        mimetype=job.file.media_type,
        headers={"Content-Disposition": f'attachment; filename="{job.filename}"'},
    )


@bp.route("/census-report")
@roles_required(Role.MANAGER)
def census_report():
    """The census report for the year asked (the current census year when none is): every
    rule each child's record breaks, with where to put it right. Audited as a view.

    :raise 403: the user is not the manager responsible for the whole service.
    :raise 404: a year the page does not offer.
    """
    _only_the_manager_of_the_whole_service()
    form = ReturnsForm(census_year_of(clock.today()))
    year = request.args.get("year", form.year.data)
    if not form.offers(year):
        abort(404)
    form.year.data = year
    try:
        export = _census(int(year))
    except ExportRefused as refused:
        return render_template(
            "views/returns/census_report.html", form=form, year=int(year), refused=refused
        )
    record_check(current_user, export)
    db.session.commit()
    rows = report_rows(export.findings)
    return render_template(
        "views/returns/census_report.html",
        form=form,
        year=int(year),
        export=export,
        summary=summary(export.findings),
        rows=rows[:REPORT_ROWS_SHOWN],
        rows_left_out=max(0, len(rows) - REPORT_ROWS_SHOWN),
        reference_date=date(int(year), 3, 31),
        year_not_over=clock.today() < date(int(year), 3, 31),
    )


def _census(year: int) -> Export:
    return cin.cin_census(year, current_app.config["LA_CODE"], datetime.now())


def _only_the_manager_of_the_whole_service() -> None:
    if not access.makes_the_returns(current_user):
        abort(403)


@bp.app_context_processor
def _returns_in_the_menu():
    """The menu offers the returns only to whoever may make them."""
    return {"makes_the_returns": _makes_the_returns}


def _makes_the_returns(user: User) -> bool:
    return user.is_authenticated and access.makes_the_returns(user)


def census_year_of(today: date) -> int:
    """The census year `today` is in: the one ending on the next 31 March."""
    return today.year + 1 if today.month >= 4 else today.year
