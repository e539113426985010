"""The contacts for families: what a phone number looks like, a team's setting over the
service's, and what the administrator is told is missing."""

import pytest

from conference.domain import contacts as rules


@pytest.mark.parametrize(
    "number", ["01632 960000", "+44 1632 960000", "(01632) 960-000", "0800 1111", "07700900982"]
)
def test_phone_numbers(number):
    assert rules.is_phone_number(number)


@pytest.mark.parametrize("text", ["", "999", "0163 29", "ring us", "01632 960000 ext 4", "+" * 12])
def test_not_phone_numbers(text):
    assert not rules.is_phone_number(text)


def test_a_number_with_words_around_it():
    assert rules.has_phone_number("Emergency Duty Team, 01632 960999, 5pm to 8:30am")
    assert not rules.has_phone_number("5pm to 8:30am on weekdays, 24/7 at weekends")


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("team_phone", "", None),
        ("team_phone", "01632 960000", None),
        ("team_phone", "Reception", "Enter a phone number, like 01632 960000 or +44 1632 960000"),
        ("out_of_hours", "01632 960999, evenings", None),
        ("out_of_hours", "Evenings only", "Enter the phone number and when it answers"),
        ("chair_contact", "chairs@example.gov.uk", None),
        ("chair_contact", "01632 960300", None),
        ("chair_contact", "Ask at reception", "Enter a phone number or an email address"),
        ("advocacy", "Ask your social worker", None),
    ],
)
def test_each_setting_is_checked_for_what_it_must_hold(key, value, problem):
    found = rules.problem(rules.KEYS[key], value)
    assert (found or "").startswith(problem or "") and (found is None) == (problem is None)


def test_a_teams_own_setting_is_used_else_the_services():
    service = {"team_phone": "01632 960000", "advocacy": "Speak Up"}
    team = {"team_phone": "01632 960100", "advocacy": "  "}
    assert rules.in_force(service, team) == {
        "team_phone": "01632 960100",
        "advocacy": "Speak Up",
    }
    assert [s.key for s in rules.missing(service, team)] == [
        "out_of_hours",
        "chair_contact",
        "interpreter",
        "complaints",
    ]


def test_what_the_administrator_is_told():
    one = [rules.KEYS["out_of_hours"]]
    assert rules.gap_sentence("Team X", one) == (
        "Team X has no out-of-hours number and the service has none either: family documents "
        "will leave it out."
    )
    two = [rules.KEYS["out_of_hours"], rules.KEYS["advocacy"]]
    assert rules.gap_sentence(None, two) == (
        "The service has no out-of-hours number and no advocacy service: family documents will "
        "leave them out."
    )
