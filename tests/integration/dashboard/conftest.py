"""The synthetic service the running totals' tests start from (tests/tally_world.py)."""

import pytest
from tally_world import PASSWORD

from conference.seeding.synthetic import seed


@pytest.fixture
def seeded(app):
    with app.app_context():
        seed(250, seed=7, password=PASSWORD)
    return app
