"""My work: the signed-in user's upcoming and overdue items, with their statutory due dates."""

from flask import current_app, render_template, request, url_for
from flask_login import current_user

from conference.common.access import roles_required
from conference.common.routing import page_number
from conference.domain import timescales
from conference.extensions import db
from conference.models import Role
from conference.my_work import bp
from conference.services.my_work import items as services
from conference.services.my_work import kept, kept_page, minutes, page, queries


@bp.route("/")
@roles_required(*services.ROLES)
def my_work():
    """What is due on the cases the user has a part in, overdue first, a page at a time, after
    how many items of each kind and (for a team manager) each worker's cases there are. The
    filters are ids and kinds in the address (never names). Every view is audited.

    :raise 403: the user is an administrator.
    """
    if current_user.role == Role.MINUTE_TAKER:
        return _conferences_to_minute()
    settings = services.Settings.from_config(current_app.config)
    today, calendar = services.today(), timescales.default_calendar()
    team = queries.team_workers(current_user)
    to_keep: list[int] = []
    if kept.is_kept_for(current_user):
        # The account itself, not its proxy: read for each of thousands of items.
        user = current_user._get_current_object()  # type: ignore[attr-defined]
        sections, to_keep = kept.live_part(user, today, calendar, settings)
        filters = _filters(sections, team)
        shown = kept_page.page_for(user, sections, filters, team, today, calendar, settings)
        kept.load_families(shown.page.sections)
    else:
        work = queries.work_of(current_user)
        sections = services.sections(current_user, work, today, calendar, settings)
        filters = _filters(sections, team)
        shown = page.shown(sections, filters, team)
    # Rendered before the commit, which would expire what was loaded for the page.
    html = render_template(
        "views/my_work/index.html",
        page=shown.page,
        filters=filters,
        kinds=shown.kinds,
        workers=shown.workers,
        summary=current_user.role == Role.MANAGER or not shown.page.whole,
        pagination=_pagination(shown.page),
        soon=services.SOON_WORKING_DAYS,
    )
    services.view_my_work(current_user)
    kept.ask_to_keep(to_keep, today)
    _commit_without_expiring()
    return html


def _filters(sections, team) -> page.Filters:
    """The filters the address asks for, each ignored unless it names a kind on the page or a
    worker of the team."""
    kind = request.args.get("kind")
    worker_id = request.args.get("worker", type=int)
    return page.Filters(
        kind=kind if kind in {section.key for section in sections} else None,
        worker_id=worker_id if worker_id in {worker.id for worker in team} else None,
        overdue=request.args.get("overdue") == "yes",
        page=page_number(request.args.get("page", 1, type=int)),
    )


def _pagination(shown: page.Page) -> dict | None:
    """Parameters for govukPagination: numbered links that keep the filters in the address."""
    if shown.pages == 1:
        return None
    args = request.args.to_dict()
    args.pop("page", None)

    def href(number):
        return url_for("my_work.my_work", **args, page=number)

    numbers = sorted({1, shown.number - 1, shown.number, shown.number + 1, shown.pages})
    items: list[dict] = []
    for number in (n for n in numbers if 1 <= n <= shown.pages):
        if items and number - items[-1]["number"] > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == shown.number})
    return {
        "items": items,
        "previous": {"href": href(shown.number - 1)} if shown.number > 1 else None,
        "next": {"href": href(shown.number + 1)} if shown.number < shown.pages else None,
    }


def _commit_without_expiring() -> None:
    """Commit the audit row without expiring the thousands of objects a team manager's page
    loaded (a fifth of the page's time at 5,000 children): the page is rendered already and
    the request ends here."""
    session = db.session()
    session.expire_on_commit = False
    try:
        db.session.commit()
    finally:
        session.expire_on_commit = True


def _conferences_to_minute():
    """A minute-taker's work: the conferences they are assigned to, and no case beyond them."""
    html = render_template(
        "views/my_work/minute_taker.html",
        conferences=minutes.conferences_to_minute(current_user),
    )
    services.view_my_work(current_user)
    db.session.commit()
    return html
