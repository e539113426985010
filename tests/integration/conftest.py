"""Fixtures shared by the integration tests of more than one page area."""

import pytest
from access_world import build_access_world


@pytest.fixture
def world(app):
    """A case in team A with a child and an adult; an identical case in team C for contrast."""
    return build_access_world(app)
