"""Management oversight's rules (conference/domain/oversight.py)."""

from datetime import date

from conference.domain.oversight import (
    action_overdue,
    last_oversight,
    next_oversight_due,
    overseen_within,
)

HELD = [date(2026, 1, 10), date(2026, 3, 1), date(2026, 5, 20)]


def test_the_last_oversight_on_or_before_a_day():
    assert last_oversight(HELD, date(2026, 3, 1)) == date(2026, 3, 1)
    assert last_oversight(HELD, date(2026, 4, 30)) == date(2026, 3, 1)
    assert last_oversight(HELD, date(2026, 1, 9)) is None


def test_overseen_within_the_interval_up_to_and_including_the_day():
    assert overseen_within(HELD, 30, date(2026, 3, 30))
    assert not overseen_within(HELD, 30, date(2026, 3, 31))
    assert not overseen_within([], 30, date(2026, 3, 31))


def test_next_due_counts_from_the_last_or_from_when_the_case_opened():
    assert next_oversight_due(date(2026, 3, 1), date(2026, 1, 1), 30) == date(2026, 3, 31)
    assert next_oversight_due(None, date(2026, 1, 1), 30) == date(2026, 1, 31)


def test_an_action_is_overdue_from_the_day_after_it_was_due_until_done():
    due = date(2026, 4, 20)
    assert not action_overdue(due, None, date(2026, 4, 20))
    assert action_overdue(due, None, date(2026, 4, 21))
    assert not action_overdue(due, date(2026, 4, 22), date(2026, 4, 23))
