"""The chronology of each child and the family (views), and management oversight of the case
(oversight_views)."""

from flask import Blueprint

bp = Blueprint("chronology", __name__)

from conference.chronology import oversight_views, views  # noqa: E402, F401
