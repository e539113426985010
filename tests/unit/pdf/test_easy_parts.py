"""The easy-read documents' shared wording: one date phrase a reader can follow."""

from datetime import date

from conference.pdf.easy_parts import check_lines


def test_when_we_check_and_how_long_it_lasts_are_one_sentence_each():
    assert check_lines(date(2026, 12, 18), "6 months") == [
        "We will check on 18 December 2026.",
        "This needs to keep happening for 6 months.",
    ]


def test_a_length_that_says_until_when_has_no_for_before_it():
    assert check_lines(None, "Until the birth.") == [
        "This needs to keep happening until the birth."
    ]
    assert check_lines(None, "  ") == []
