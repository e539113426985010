"""Downloading the printed plans and the conference record."""

from flask import Blueprint

bp = Blueprint("documents", __name__)

from conference.documents import views  # noqa: E402, F401
