"""A goal in words a parent can follow: "keep happening for 6 months" or "keep happening until
the birth", and "If … then …" without the "If" and "then" a worker may have typed already."""

import pytest

from conference.domain.plain_goals import how_long, if_then


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6 months", (True, "6 months")),
        ("for 6 months.", (True, "6 months")),
        ("  For at least 12 weeks ", (True, "at least 12 weeks")),
        ("Until the review conference", (False, "until the review conference")),
        ("until the birth.", (False, "until the birth")),
        ("While Dad is at home", (False, "while Dad is at home")),
        ("", (True, "")),
    ],
)
def test_how_long_fits_after_keep_happening(typed, expected):
    assert how_long(typed) == expected


@pytest.mark.parametrize(
    ("trigger", "then", "expected"),
    [
        (
            "Dad has been drinking",
            "Mum rings Grandma.",
            ("Dad has been drinking", "Mum rings Grandma"),
        ),
        (
            "If the school cannot reach Mum by 9:30am,",
            "then the school rings Sam.",
            ("the school cannot reach Mum by 9:30am", "the school rings Sam"),
        ),
        (
            "There is shouting at home.",
            "We will meet.",
            ("there is shouting at home", "we will meet"),
        ),
        ("I am not sure", "", ("I am not sure", "")),
    ],
)
def test_if_then_keeps_names_and_drops_what_the_sentence_adds(trigger, then, expected):
    assert if_then(trigger, then) == expected
