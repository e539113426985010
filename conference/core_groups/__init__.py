"""Core groups between conferences: recording meetings (views), the progress view and trend
chart (progress_views), and the review conference built from the evidence (review_views)."""

from flask import Blueprint

bp = Blueprint("core_groups", __name__)

from conference.core_groups import (  # noqa: E402, F401
    parts,
    progress_views,
    review_report_views,
    review_views,
    views,
)
