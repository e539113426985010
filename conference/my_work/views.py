"""My work: the signed-in user's upcoming and overdue items, with their statutory due dates."""

from flask import current_app, render_template
from flask_login import current_user

from conference.common.access import roles_required
from conference.domain import timescales
from conference.extensions import db
from conference.models import Role
from conference.my_work import bp
from conference.services.my_work import items as services
from conference.services.my_work import queries

# Administrators see no case content.
CASE_ROLES = (
    Role.MANAGER.value,
    Role.CHAIR.value,
    Role.SOCIAL_WORKER.value,
    Role.PRACTITIONER.value,
)


@bp.route("/")
@roles_required(*CASE_ROLES)
def my_work():
    """What is due on the cases the user has a part in, overdue first. Every view is audited.

    :raise 403: the user is an administrator.
    """
    config = current_app.config
    settings = services.Settings(
        config["CORE_GROUP_INTERVAL_WEEKS"],
        config["REPORT_DAYS_BEFORE_INITIAL"],
        config["REPORT_DAYS_BEFORE_REVIEW"],
        config["PLAN_ACTIONS_CEILING"],
        config["STATUTORY_VISIT_WORKING_DAYS"],
    )
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
