"""Statutory visits to the children on a plan: the family's visits, recording and changing one."""

from flask import Blueprint

bp = Blueprint("visits", __name__)

from conference.visits import views  # noqa: E402, F401
