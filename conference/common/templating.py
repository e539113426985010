"""What every template can use: the service's names and the formatting filters."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from govuk_frontend_wtf.main import WTFormsHelpers
from markupsafe import Markup, escape

from conference.common.error_summary import error_summary
from conference.domain import clock, wording
from conference.domain.children import SEX_CODES, describe_age

LONDON = ZoneInfo("Europe/London")


def long_date(value: date | None) -> str:
    """ "3 March 2026", the GOV.UK style."""
    return wording.long_date(value) if value else ""


def local_datetime(value: datetime | None) -> str:
    """ "26 November 2026, 1:47pm" in UK time."""
    if value is None:
        return ""
    return wording.date_and_time(value.astimezone(LONDON))


def child_age(child) -> str:
    return describe_age(child.date_of_birth, child.expected_date_of_birth, clock.today())


def sex_label(code: str) -> str:
    return SEX_CODES.get(code, code)


def relationships_html(adult) -> Markup:
    """ "Mother of Amara (parental responsibility)", one line per child."""
    lines = [
        escape(f"{link.relationship_to_child} of {link.child.given_name}")
        + (" (parental responsibility)" if link.parental_responsibility else "")
        for link in adult.relationships
    ]
    return Markup("<br>").join(lines) if lines else Markup("Not recorded")


def _service_context():
    config = current_app.config
    return {
        "council_name": config["COUNCIL_NAME"],
        "service_name": config["SERVICE_NAME"],
        "phase": config["PHASE"],
        "phase_banner_html": config["PHASE_BANNER_HTML"],
    }


def init_app(app):
    WTFormsHelpers(app)
    app.add_template_global(error_summary)
    app.context_processor(_service_context)
    for name, function in {
        "long_date": long_date,
        "month_year": wording.month_year,
        "local_datetime": local_datetime,
        "clock_time": wording.clock_time,
        "child_age": child_age,
        "sex_label": sex_label,
        "relationships_html": relationships_html,
    }.items():
        app.add_template_filter(function, name)
