"""The child protection plan: its page, versions and finalising (views), and its safety goals
and actions with the quality checker beside them as they are written (goal_views)."""

from flask import Blueprint

bp = Blueprint("plans", __name__)

from conference.plans import audio_views, goal_views, translation_views, views  # noqa: E402, F401
