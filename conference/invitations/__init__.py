"""Invitations without accounts (issue 20): the staff pages that invite a family member to give
their views before a meeting, and the family's own entry at /respond."""

from flask import Blueprint

bp = Blueprint("invitations", __name__)

from conference.invitations import (  # noqa: E402, F401
    accept_views,
    feedback_pages,
    feedback_views,
    respond_views,
    views,
    views_pages,
)
