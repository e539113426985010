"""Words kept from the family repeated elsewhere: four or more words in a row, at least two of
them not everyday small words, ignoring capitals and punctuation. No app, no database."""

import pytest

from conference.domain.repeated_words import repeated_in, shares_words, words

TOLU = (
    "Daddy shouted and I hid under the table on 21 July 2026. I like it when Grandma makes "
    "jollof rice."
)


def test_words_ignore_capitals_and_punctuation_but_keep_apostrophes():
    assert words("Daddy's (6) friend, “Hid” under-the TABLE!") == [
        "daddy's",
        "6",
        "friend",
        "hid",
        "under",
        "the",
        "table",
    ]


@pytest.mark.parametrize(
    "other",
    [
        "Tolu (6) was in the room and told his teacher he hid under the table.",
        "HID, under… the TABLE",
        "Tolu said: daddy shouted and I ran away",
    ],
)
def test_four_words_in_a_row_are_found(other):
    assert shares_words(TOLU, other)


@pytest.mark.parametrize(
    "other",
    [
        "Tolu hides when Dad shouts",  # a paraphrase is not the same words
        "Tolu hid under a table",  # three of them in a row, then a different word
        "Kemi said I like it when school is calm",  # only everyday words in common
        "table the under hid",  # the same words, not in the same order
        "Daddy hid on 21 July 2026",  # a date is not what the child said
        "",
    ],
)
def test_other_words_are_not(other):
    assert not shares_words(TOLU, other)


def test_a_short_text_shares_nothing():
    assert not shares_words("hid under", "hid under")


def test_repeated_in_names_each_text_that_repeats_the_words_in_order():
    others = [
        ("Danger / harm 1", "Tolu told his teacher he hid under the table"),
        ("Safety 1", "Grandma takes the children to her flat"),
        ("Goal 1’s baseline", "Police were called; Tolu hid under the table"),
    ]
    assert repeated_in(TOLU, others) == ["Danger / harm 1", "Goal 1’s baseline"]
