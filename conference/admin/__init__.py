from flask import Blueprint

bp = Blueprint("admin", __name__)

from conference.admin import audit_views, comparators, contacts, teams, views  # noqa: E402, F401
