from flask import Blueprint

bp = Blueprint("returns", __name__)

from conference.returns import background, views  # noqa: E402, F401
