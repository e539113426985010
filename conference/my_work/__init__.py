from flask import Blueprint

bp = Blueprint("my_work", __name__)

from conference.my_work import views  # noqa: E402, F401
