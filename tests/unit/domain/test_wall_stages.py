"""The stages of the meeting the live screen shows the room (conference/domain/wall_stages.py)."""

from conference.domain import wall_stages

EVERY_PART = {"map", "voices", "goals", "scaling", "identity", "decision"}


def test_a_stage_shows_only_its_own_part():
    assert wall_stages.parts("map") == {"map"}
    assert wall_stages.parts("decision") == {"decision"}


def test_everything_shows_every_part():
    assert wall_stages.parts("everything") == EVERY_PART


def test_a_stage_no_longer_known_shows_everything_never_less():
    assert wall_stages.parts("timeline") == EVERY_PART
    assert wall_stages.label("timeline") == "Everything"


def test_the_stages_are_in_the_order_of_the_meeting_with_everything_last():
    assert list(wall_stages.STAGES.values()) == [
        "The map",
        "The children’s voices",
        "Safety goals",
        "Scaling",
        "Identity",
        "The decision",
        "Everything",
    ]
    assert wall_stages.UNCHOSEN == "everything"
