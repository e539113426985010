"""What every template can use."""

from flask import current_app
from govuk_frontend_wtf.main import WTFormsHelpers


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
    app.context_processor(_service_context)
