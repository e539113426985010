"""The managers' dashboard: the performance picture by team and pod, with trends and commentary."""

import csv
import io
import re
from datetime import date
from urllib.parse import urlencode

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from markupsafe import Markup

from conference.common.access import roles_required
from conference.common.routing import page_number
from conference.common.spreadsheets import safe_row
from conference.dashboard import bp
from conference.dashboard.forms import CommentaryForm, FilterForm
from conference.domain import charts, clock, projections
from conference.domain import performance as rules
from conference.domain import targets as target_rules
from conference.domain.timescales import add_calendar_months
from conference.domain.wording import short_month_year
from conference.extensions import db
from conference.models import Role
from conference.services import access, jobs, records
from conference.services.dashboard import (
    children_on_plan,
    commentary,
    counting,
    downloads,
    feedback,
    rebuild,
    summary,
    tallies,
    targets,
    teams,
)
from conference.services.dashboard.counting import Month
from conference.services.dashboard.drill_down import listing, lists_every_case, record_view
from conference.services.dashboard.figures import FIGURES, ON_PLAN, SECTIONS, outcome_label
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import Filters

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
ON_A_DAY = [key for key, figure in FIGURES.items() if figure.on_a_day]
# Figures managers write commentary on: every figure, and families' feedback.
COMMENTED = FIGURES | {feedback.FIGURE.key: feedback.FIGURE}


def _filters() -> tuple[FilterForm, Filters]:
    """The filters asked for, or the default (the last 12 months, all teams; a team manager's
    own team) when none were asked for or they are not valid: the form then carries the
    errors to show."""
    teams, pods = downloads.teams_and_pods()
    form = FilterForm(request.args if request.args else None, teams, pods)
    today = clock.today()
    default = Filters(
        start=add_calendar_months(rules.first_of_month(today), -11),
        end=rules.last_of_month(today),
        today=today,
        team_id=_own_team(),
    )
    if not request.args:
        form.start.data, form.end.data = default.start, default.end
        form.team.data = str(default.team_id or "")
        return form, default
    if not form.validate():
        return form, default
    return form, Filters(
        start=form.start.data or default.start,
        end=form.end.data or default.end,
        today=today,
        team_id=int(form.team.data) if form.team.data else None,
        pod_id=int(form.pod.data) if form.pod.data else None,
    )


def _own_team() -> int | None:
    """A team manager's team, which their dashboard opens on: the lists behind its figures
    show only their team's children, so the figures they open on should count the same."""
    if lists_every_case(current_user):
        return None
    return current_user.team_id


def _filter_args(filters: Filters) -> dict:
    """The filters as the address's query, for links that keep them."""
    args = {
        "start": [str(filters.start.day), str(filters.start.month), str(filters.start.year)],
        "end": [str(filters.end.day), str(filters.end.month), str(filters.end.year)],
        "team": str(filters.team_id or ""),
        "pod": str(filters.pod_id or ""),
    }
    return args


def _chart(figure, months: list[Month], percentage: bool, row: summary.Row) -> Markup:
    labels = [short_month_year(m.month) for m in months]
    if percentage:
        values: list[float | None] = [m.percentage.value for m in months]
        shown = [f"{label}: {m.percentage.shown}" for label, m in zip(labels, months, strict=True)]
        highest, unit = 100.0, "%"
    else:
        values = [m.count for m in months]
        shown = [f"{label}: {m.count}" for label, m in zip(labels, months, strict=True)]
        highest, unit = max([1, *(m.count for m in months)]), ""
    title = f"{figure.title}, month by month"
    description = "; ".join(shown) + "."
    # Where the trend points, after the months: a dashed line the chart labels "projected".
    # Projected from the last complete month: a month of the range not over yet keeps its
    # real value on the chart, so only the months after the range are drawn projected.
    ahead = [(m, v) for m, v in row.projected_pairs if m > months[-1].month]
    projected = [v for _, v in ahead]
    if projected:
        description += " Projected: " + "; ".join(
            f"{short_month_year(m)}: {row.shown(v)}" for m, v in ahead
        )
        description += "."
        highest = max(highest, *projected)
    geometry = charts.monthly_chart(
        [m.month for m in months] + [m for m, _ in ahead],
        values + projected,
        title=title,
        description=description,
        highest=highest,
        unit=unit,
        projected=len(projected),
    )
    # to_svg escapes every piece of text it writes.
    return Markup(charts.to_svg(geometry, f"chart-{figure.key}", fit_width=True))  # noqa: S704


@bp.route("/")
@roles_required(Role.MANAGER, Role.CHAIR)
def index():
    """Every figure for the team, pod and months asked for, with its trend and commentary."""
    form, filters = _filters()
    built = tallies.built()
    on_plan = children_on_plan.on_plan(filters, _plans(built))
    # The running totals answer for whole months; a range that starts or ends within a month
    # (or records from before the totals) is counted from the records: the same figures, slower.
    if built and tallies.whole_months(filters):
        results = tallies.count_figures(tallies.counted_figures(), filters)
    else:
        results = counting.count_figures(tallies.counted_figures(), filters)
    kept = tallies.kept_on_a_day(ON_A_DAY, filters) if built else ([], {})
    results.update(counting.count_on_a_day(ON_A_DAY, filters, _plans(built), kept))
    months_of = {key: r.months for key, r in results.items()} | {ON_PLAN.key: on_plan.months}
    target_of, comparator_of = targets.targets(), targets.latest_comparators()
    rows = summary.rows(
        FIGURES.values(), months_of, filters.end, filters.today, target_of, comparator_of
    )
    chart_of = {
        key: _chart(FIGURES[key], months, key != ON_PLAN.key, rows[key])
        for key, months in months_of.items()
        if rows[key].charted  # else its number, not a chart of one dot
    }
    team_rows, pod_rows = teams.by_part(filters, built, _plans(built))
    rebuilding = None if built else rebuild.current()
    return render_template(
        "views/dashboard/index.html",
        form=form,
        filters=filters,
        filter_args=_filter_args(filters),
        sections=SECTIONS,
        on_plan=on_plan,
        results=results,
        charts=chart_of,
        summary=rows,
        targets=target_of,
        comparators=comparator_of,
        teams=team_rows,
        pods=pod_rows,
        projection_method=projections.METHOD,
        summary_to=summary.complete_to(filters.months, filters.end, filters.today),
        feedback=feedback.results(filters),
        feedback_figure=feedback.FIGURE,
        projected_months=summary.months_ahead(filters.months, filters.end, filters.today),
        months_before=target_rules.BEFORE,
        sets_the_targets=access.sets_the_targets(current_user),
        built=built,
        rebuilding=rebuilding,
        rebuilding_stopped=rebuilding is not None and jobs.stopped(rebuilding),
        rebuilds_the_totals=access.makes_the_returns(current_user),
        commentaries=commentary.commentaries(filters.months, filters.scope),
        may_comment=commentary.may_write(current_user, filters.scope),
        outcome_label=outcome_label,
        latest_month=filters.months[-1],
        scope_name=downloads.scope_name(filters),
        percentage=lambda n, d: rules.Percentage(n, d).shown,
        commentary_link=lambda key: (
            lambda month: url_for(
                ".edit_commentary",
                figure=key,
                month=rules.month_key(month),
                **_filter_args(filters),
            )
        ),
    )


def _plans(built: bool):
    return children_on_plan.stored_episodes if built else episodes


@bp.route("/<string:figure>/download")
@roles_required(Role.MANAGER, Role.CHAIR)
def download(figure: str):
    """The child-level rows behind a figure, as a CSV file: those of the cases the user may
    see. Audited with the filters.

    :raise 404: no such figure.
    """
    if figure not in FIGURES:
        abort(404)
    _form, filters = _filters()
    if figure == ON_PLAN.key:
        headings, listed, rows = downloads.on_plan_csv_rows(
            current_user, filters, _plans(tallies.built())
        )
    else:
        headings, listed, rows = downloads.csv_rows(current_user, figure, filters)
    downloads.record_download(current_user, figure, listed, filters)
    db.session.commit()

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(safe_row(headings))
        yield buffer.getvalue()
        for row in rows:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(safe_row(row))
            yield buffer.getvalue()

    filename = f"dashboard-{figure}-{filters.today.isoformat()}.csv"
    return Response(
        stream_with_context(lines()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/<string:figure>/commentary/<string:month>", methods=["GET", "POST"])
@roles_required(Role.MANAGER, Role.CHAIR)
def edit_commentary(figure: str, month: str):
    """Write or change the commentary on a figure for one month, for the team or pod the
    dashboard was filtered to.

    :raise 404: no such figure or month.
    :raise 403: the user does not answer for that team's (or the whole service's) figures.
    """
    if figure not in COMMENTED:
        abort(404)
    match = MONTH_PATTERN.match(month)
    if not match or not 1 <= int(match.group(2)) <= 12:
        abort(404)
    first = date(int(match.group(1)), int(match.group(2)), 1)
    _form, filters = _filters()
    if not commentary.may_write(current_user, filters.scope):
        abort(403)
    saved = commentary.commentary_for(figure, first, filters.scope)
    form = CommentaryForm(obj=saved)
    if not form.is_submitted():
        form.version.data = saved.version if saved else 0
    conflict = None
    if form.validate_on_submit():
        try:
            commentary.save(
                current_user, figure, first, filters.scope, form.version.data, form.text.data
            )
        except records.StaleVersion as stale:
            db.session.rollback()
            saved = stale.record
            conflict = [{"label": "Commentary", "saved": saved.text, "yours": form.text.data}]
            form.refresh_version(saved)
        else:
            db.session.commit()
            flash("Commentary saved", "success")
            return redirect(url_for(".index", **_filter_args(filters)) + f"#{figure}")
    return render_template(
        "views/dashboard/commentary.html",
        form=form,
        figure=COMMENTED[figure],
        month=first,
        saved=saved,
        conflict=conflict,
        filter_args=_filter_args(filters),
    )


# The children behind a figure.


@bp.route("/<string:figure>/children")
@roles_required(Role.MANAGER, Role.CHAIR)
def children(figure: str):
    """The children (or conferences, meetings, plans, goals) behind a figure, in the team, pod
    and range of the dashboard it was opened from: for one `month` and some `outcome`s if
    asked, 50 a page, of the cases the user may see. Each page viewed is audited.

    :raise 404: no such figure, a month outside the range, an outcome the figure does not
        have, a page past the last, or filters that are not valid.
    """
    if figure not in FIGURES:
        abort(404)
    form, filters = _filters()
    outcomes = tuple(request.args.getlist("outcome"))
    if form.errors or not set(outcomes) <= set(FIGURES[figure].outcomes):
        abort(404)
    month = _month_in(filters, request.args.get("month", ""))
    page = page_number(request.args.get("page", type=int))
    found = listing(current_user, figure, filters, month, outcomes, page, _plans(tallies.built()))
    if page > found.pages:
        abort(404)
    record_view(current_user, found, filters)
    db.session.commit()
    link = _children_link(figure, filters)
    return render_template(
        "views/dashboard/children.html",
        listing=found,
        filters=filters,
        scope_name=downloads.scope_name(filters),
        every_case=lists_every_case(current_user),
        page_link=lambda n: link(month, outcomes, n),
        dashboard_link=url_for(".index", **_filter_args(filters)) + f"#{figure}",
    )


def _month_in(filters: Filters, asked: str) -> date | None:
    """The month asked for ("2025-03"), or None for the whole range.

    :raise 404: not a month of the range.
    """
    if not asked:
        return None
    match = MONTH_PATTERN.match(asked)
    months = {rules.month_key(m): m for m in filters.months}
    if not match or asked not in months:
        abort(404)
    return months[asked]


def _children_link(figure: str, filters: Filters):
    """Links to the children behind `figure`, keeping the filters: (month or None, outcomes
    or all, page) to the address."""

    # Built once per figure: a page links a figure's months and outcomes dozens of times.
    address = url_for(".children", figure=figure, **_filter_args(filters))

    def link(month: date | None = None, outcomes=(), page: int = 1) -> str:
        asked = [("outcome", outcome) for outcome in outcomes]
        if month:
            asked.append(("month", rules.month_key(month)))
        if page > 1:
            asked.append(("page", str(page)))
        return f"{address}&{urlencode(asked)}" if asked else address

    return link


@bp.context_processor
def _children_links():
    """For the dashboard's templates: children_link(figure key, filters) makes the links."""
    return {"children_link": _children_link}
