"""Invitations without accounts (issue 20): the staff pages that invite a family member to give
their views before a meeting, and the family's own entry at /respond."""

from flask import Blueprint

bp = Blueprint("invitations", __name__)

from conference.invitations import respond_views, views  # noqa: E402, F401
