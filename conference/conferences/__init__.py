"""The child protection conference, section by section. One blueprint, a module per section."""

from flask import Blueprint

bp = Blueprint("conferences", __name__)

from conference.conferences import (  # noqa: E402, F401
    attendance_views,
    decision_views,
    draft_views,
    family_copy_views,
    map_views,
    scaling_views,
    views,
    voice_views,
    wall_views,
)
