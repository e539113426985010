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
        ("team_phone", "Reception", "Enter the team’s phone number, like 01632 960000 or"),
        ("out_of_hours", "01632 960999, evenings", None),
        ("out_of_hours", "Evenings only", "Enter the out-of-hours team’s phone number and when"),
        ("chair_contact", "chairs@example.gov.uk", None),
        ("chair_contact", "01632 960300", None),
        (
            "chair_contact",
            "Ask at reception",
            "Enter a phone number or an email address for the conference chairs",
        ),
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


def test_each_error_names_its_setting():
    """GOV.UK's error messages say which box is wrong: one message a setting, none shared."""
    checked = [setting for setting in rules.SETTINGS if setting.check != rules.WORDS]
    messages = [rules.problem(setting, "nothing like it") for setting in checked]
    assert len(set(messages)) == len(checked) == 3
    assert "team’s phone number" in messages[0]
    assert "out-of-hours" in messages[1]
    assert "conference chairs" in messages[2]


def test_a_social_worker_with_no_phone_is_named_to_the_administrator():
    assert rules.worker_gap_sentence("Sam Worker", []) == (
        "Sam Worker has no phone number: families on their cases get the team’s number instead."
    )
    assert rules.worker_gap_sentence("Sam Worker", ["Team A"]) == (
        "Sam Worker has no phone number and Team A has none either: families on their cases get "
        "no daytime number."
    )
    assert "Team A and Team B have none either" in rules.worker_gap_sentence(
        "Sam Worker", ["Team A", "Team B"]
    )


def test_what_you_can_do_if_you_disagree_names_only_the_contacts_printed():
    everything = {"chair_contact", "advocacy", "complaints"}
    assert rules.disagree_sentences(everything) == [
        rules.DISAGREE_TELL_OR_CHAIR,
        rules.DISAGREE_ADVOCATE,
        rules.DISAGREE_SEE_BELOW,
        rules.DISAGREE_NO_DIFFERENCE,
    ]
    nothing = " ".join(rules.disagree_sentences(set()))
    assert "chair" not in nothing and "advocate" not in nothing
    assert "ask your social worker for the complaints leaflet" in nothing
    assert "How to complain" not in nothing
