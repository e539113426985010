"""Participation codes and the advocacy age: no app, no database."""

import pytest

from conference.domain.participation import (
    PARTICIPATION_CODES,
    VIEW_METHODS,
    advocacy_answer_allowed,
    advocacy_must_be_offered,
    code_fits_age,
    suggest_from_record,
    suggest_participation_code,
)


def test_the_eight_statutory_codes_are_offered_in_order():
    assert list(PARTICIPATION_CODES) == [f"PN{n}" for n in range(8)]


def test_no_trade_marked_names_for_ways_of_gathering_views():
    labels = " ".join(VIEW_METHODS.values()).lower()
    assert "three houses" not in labels
    assert "signs of safety" not in labels


@pytest.mark.parametrize(
    ("age", "flags", "code"),
    [
        (None, {"attended": True, "spoke_for_self": True}, "PN0"),
        (0, {"attended": False}, "PN0"),
        (3, {"attended": True, "spoke_for_self": True}, "PN0"),
        (4, {"attended": True, "spoke_for_self": True}, "PN1"),
        (9, {"attended": True, "spoke_for_self": True, "advocate_spoke": True}, "PN1"),
        (9, {"attended": True, "advocate_spoke": True}, "PN2"),
        (9, {"attended": True, "advocate_spoke": True, "non_verbal": True}, "PN2"),
        (9, {"attended": True, "non_verbal": True}, "PN3"),
        (9, {"attended": True}, "PN4"),
        (9, {"attended": True, "views_conveyed_otherwise": True}, "PN4"),
        (9, {"attended": False, "advocate_spoke": True}, "PN5"),
        (9, {"attended": False, "advocate_spoke": True, "views_conveyed_otherwise": True}, "PN5"),
        (9, {"attended": False, "views_conveyed_otherwise": True}, "PN6"),
        (9, {"attended": False}, "PN7"),
        (17, {"attended": False, "spoke_for_self": True}, "PN7"),
    ],
)
def test_suggested_code(age, flags, code):
    assert suggest_participation_code(age, **flags) == code


@pytest.mark.parametrize(
    ("age", "methods", "words", "observed", "code"),
    [
        (2, ["attended"], True, False, "PN0"),
        (None, [], False, True, "PN0"),
        (8, ["attended"], True, False, "PN1"),
        (8, ["attended", "advocate"], False, False, "PN2"),
        (8, ["attended"], False, True, "PN3"),
        (8, ["attended"], False, False, "PN4"),
        (8, ["advocate"], False, False, "PN5"),
        (8, ["letter"], False, False, "PN6"),
        (8, ["seen_alone"], False, False, "PN6"),
        (8, [], True, False, "PN6"),
        (8, [], False, False, "PN7"),
        (8, [], False, True, "PN7"),
    ],
)
def test_suggestion_from_what_is_recorded(age, methods, words, observed, code):
    assert suggest_from_record(age, methods, words, observed) == code


@pytest.mark.parametrize(
    ("code", "age", "fits"),
    [("PN0", None, True), ("PN0", 3, True), ("PN0", 4, False), ("PN6", 4, True), ("PN1", 2, True)],
)
def test_pn0_is_only_for_children_under_four(code, age, fits):
    assert code_fits_age(code, age) is fits


@pytest.mark.parametrize(
    ("age", "advocacy_age", "must"),
    [
        (11, 12, False),
        (12, 12, True),
        (15, 12, True),
        (None, 12, False),
        (5, 5, True),
        (4, 5, False),
    ],
)
def test_advocacy_must_be_offered_from_the_local_age(age, advocacy_age, must):
    assert advocacy_must_be_offered(age, advocacy_age) is must


@pytest.mark.parametrize(
    ("answer", "age", "allowed"),
    [
        ("yes", 12, True),
        ("no", 12, False),
        ("not_applicable", 12, False),
        (None, 12, True),
        ("no", 11, True),
        ("not_applicable", 11, True),
        ("no", None, True),
    ],
)
def test_a_child_old_enough_must_have_been_offered_advocacy(answer, age, allowed):
    assert advocacy_answer_allowed(answer, age, 12) is allowed
