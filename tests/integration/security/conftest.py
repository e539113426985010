"""Fixtures for the security tests."""

import pytest
from security_world import build_world


@pytest.fixture
def security_world(app, tmp_path):
    """A user of each role and two cases with one of every record a URL can address
    (security_world.py)."""
    yield build_world(app, tmp_path / "uploads")
    app.config["UPLOAD_FOLDER"] = None
