"""The Strengthening Families map's rules: no app, no database."""

import pytest

from conference.domain.mapping import (
    HEADING_KEYS,
    HEADINGS,
    heading,
    move_to_end,
    positions,
    reorder,
    too_many_worries,
    worry_statement_parts,
    worry_statement_text,
)


def test_six_headings_in_the_order_the_conference_maps_them():
    assert HEADING_KEYS == ("danger_harm", "worry", "complicating", "safety", "strengths", "grey")
    assert [h.label for h in HEADINGS] == [
        "Danger / harm",
        "Worry statements",
        "Complicating factors",
        "Safety",
        "Strengths",
        "Grey areas",
    ]
    assert all(h.meaning.endswith(".") for h in HEADINGS)
    assert heading("grey").meaning == "What is not known yet, or is disputed."


def test_an_unknown_heading_is_refused():
    with pytest.raises(KeyError):
        heading("risk")


def test_worry_statement_text_puts_the_three_answers_on_one_line():
    text = worry_statement_text(
        " Sam (social worker) and PC Ali ",
        "when Dad drinks heavily he shouts and has pushed Mum",
        "Lily could be hurt",
    )
    assert text == (
        "Who is worried: Sam (social worker) and PC Ali / "
        "About what: when Dad drinks heavily he shouts and has pushed Mum / "
        "What could happen to the child if nothing changes: Lily could be hurt"
    )


def test_worry_statement_leaves_out_parts_not_answered_yet():
    assert worry_statement_parts("School", "  ", "") == [("Who is worried", "School")]
    assert worry_statement_text("", "", "") == ""


@pytest.mark.parametrize(("count", "too_many"), [(0, False), (3, False), (4, False), (5, True)])
def test_more_than_four_worry_statements_is_too_many(count, too_many):
    assert too_many_worries(count) is too_many


@pytest.mark.parametrize(
    ("item", "direction", "expected"),
    [
        ("b", "up", ["b", "a", "c"]),
        ("b", "down", ["a", "c", "b"]),
        ("a", "up", ["a", "b", "c"]),
        ("c", "down", ["a", "b", "c"]),
        ("c", "up", ["a", "c", "b"]),
    ],
)
def test_reorder_swaps_an_item_with_its_neighbour(item, direction, expected):
    order = ["a", "b", "c"]
    assert reorder(order, item, direction) == expected
    assert order == ["a", "b", "c"]  # the original is left alone


def test_reorder_refuses_an_unknown_direction_or_item():
    with pytest.raises(ValueError, match="Unknown direction 'sideways'"):
        reorder([1, 2], 1, "sideways")
    with pytest.raises(ValueError):
        reorder([1, 2], 3, "up")


def test_an_item_moved_to_another_heading_goes_to_its_end():
    assert move_to_end([4, 7], 2) == [4, 7, 2]
    assert move_to_end([2, 4, 7], 2) == [4, 7, 2]
    assert move_to_end([], 2) == [2]


def test_positions_number_a_heading_from_zero_without_gaps():
    assert positions([9, 3, 5]) == {9: 0, 3: 1, 5: 2}
    assert positions([]) == {}
