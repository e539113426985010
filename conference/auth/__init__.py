from flask import Blueprint

bp = Blueprint("auth", __name__)

from conference.auth import single_sign_on, views  # noqa: E402, F401
