from flask import Blueprint

bp = Blueprint("returns", __name__)

from conference.returns import views  # noqa: E402, F401
