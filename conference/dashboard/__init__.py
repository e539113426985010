from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from conference.dashboard import (  # noqa: E402, F401
    background,
    feedback_views,
    target_views,
    totals_views,
    views,
)
