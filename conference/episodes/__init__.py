from flask import Blueprint

bp = Blueprint("episodes", __name__)

from conference.episodes import views  # noqa: E402, F401
