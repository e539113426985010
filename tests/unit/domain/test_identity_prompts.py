"""Which identity questions fit whom (domain/identity.py prompts_for)."""

import pytest

from conference.domain.identity import IDENTITY_TEXT_FIELDS, prompts_for


def test_an_adult_is_asked_every_question():
    assert prompts_for(is_child=False) == IDENTITY_TEXT_FIELDS
    assert len(IDENTITY_TEXT_FIELDS) == 12


def test_an_unborn_baby_is_asked_only_how_the_plan_keeps_them_connected_to_their_heritage():
    assert prompts_for(is_child=True, unborn=True) == ["identity_notes"]


@pytest.mark.parametrize("age", [0, 1, 4])
def test_a_young_child_is_not_asked_what_only_they_could_answer_in_their_own_words(age):
    asked = prompts_for(is_child=True, age=age)
    for field in (
        "ethnicity_own_words",
        "languages_read_written",
        "dialect",
        "discrimination_experiences",
    ):
        assert field not in asked
    assert asked == [
        "religion",
        "faith_practices",
        "first_language",
        "languages_spoken",
        "nationality",
        "immigration_status",
        "community_connections",
        "identity_notes",
    ]


@pytest.mark.parametrize("age", [5, 13, 17])
def test_a_child_of_5_or_over_is_asked_every_question(age):
    assert prompts_for(is_child=True, age=age) == IDENTITY_TEXT_FIELDS


def test_a_child_whose_age_is_not_known_is_asked_every_question():
    assert prompts_for(is_child=True, age=None) == IDENTITY_TEXT_FIELDS
