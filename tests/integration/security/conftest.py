"""Fixtures for the security tests."""

import pytest
from security_world import build_world


@pytest.fixture
def security_world(app):
    """A user of each role and two cases with one of every record a URL can address
    (security_world.py)."""
    return build_world(app)
