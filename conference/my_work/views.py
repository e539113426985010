"""My work: the signed-in user's upcoming and overdue items, with their statutory due dates."""

from flask import current_app, render_template
from flask_login import current_user

from conference.common.access import roles_required
from conference.domain import timescales
from conference.extensions import db
from conference.models import Role
from conference.my_work import bp
from conference.services.my_work import items as services
from conference.services.my_work import minutes, queries


@bp.route("/")
@roles_required(*services.ROLES)
def my_work():
    """What is due on the cases the user has a part in, overdue first. Every view is audited.

    :raise 403: the user is an administrator.
    """
    if current_user.role == Role.MINUTE_TAKER:
        return _conferences_to_minute()
    settings = services.Settings.from_config(current_app.config)
    work = queries.work_of(current_user)
    sections = services.sections(
        current_user, work, services.today(), timescales.default_calendar(), settings
    )
    # Rendered before the commit, which would expire what was loaded for the page.
    page = render_template(
        "views/my_work/index.html", sections=sections, soon=services.SOON_WORKING_DAYS
    )
    services.view_my_work(current_user)
    db.session.commit()
    return page


def _conferences_to_minute():
    """A minute-taker's work: the conferences they are assigned to, and no case beyond them."""
    page = render_template(
        "views/my_work/minute_taker.html",
        conferences=minutes.conferences_to_minute(current_user),
    )
    services.view_my_work(current_user)
    db.session.commit()
    return page
