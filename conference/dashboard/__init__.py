from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from conference.dashboard import feedback_views, target_views, views  # noqa: E402, F401
