"""Downloading the printed plans and the conference record, and each person's own copy."""

from flask import Blueprint

bp = Blueprint("documents", __name__)

from conference.documents import own_copies, views  # noqa: E402, F401
