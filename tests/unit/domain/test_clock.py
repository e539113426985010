"""Today is England's date, whatever the server's time zone (the tests hold `clock.today`, so
these read a fresh copy of the module)."""

import importlib.util
import os
from datetime import UTC, date, datetime

import pytest

from conference.domain import clock


def fresh_clock_at(moment: datetime):
    spec = importlib.util.spec_from_file_location("fresh_clock", clock.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    class At(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz)

    module.datetime = At
    return module


@pytest.mark.parametrize(
    ("utc", "england"),
    [
        (datetime(2026, 7, 1, 23, 30, tzinfo=UTC), date(2026, 7, 2)),  # 00:30 BST
        (datetime(2026, 12, 1, 23, 30, tzinfo=UTC), date(2026, 12, 1)),  # 23:30 GMT
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), date(2026, 3, 29)),  # clocks go forward at 01:00
    ],
)
def test_today_is_englands_date(utc, england):
    assert fresh_clock_at(utc).today() == england


def test_the_tests_hold_one_day_for_the_whole_run():
    """The day the run began, so a run that goes past midnight does not change it."""
    assert clock.today() == date.fromisoformat(os.environ["TEST_TODAY"])
