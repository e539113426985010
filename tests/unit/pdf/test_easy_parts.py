"""The easy-read documents' shared wording: one date phrase a reader can follow, in the
reader's language, with the plan's own words in their imported translation."""

from datetime import date

from babel.support import NullTranslations

from conference.pdf import i18n
from conference.pdf.easy_parts import Reader, check_lines
from conference.services.translations import Words

ENGLISH = Reader("en", NullTranslations(), Words("en", {}))


def said(lines) -> list[tuple[str, str, str]]:
    return [(str(line.text), str(line.en), line.lang) for line in lines]


def test_when_we_check_and_how_long_it_lasts_are_one_sentence_each():
    assert [str(line) for line in check_lines(date(2026, 12, 18), "6 months", ENGLISH)] == [
        "We will check on 18 December 2026.",
        "This needs to keep happening for 6 months.",
    ]


def test_a_length_that_says_until_when_has_no_for_before_it():
    assert [str(line) for line in check_lines(None, "Until the birth.", ENGLISH)] == [
        "This needs to keep happening until the birth."
    ]
    assert check_lines(None, "  ", ENGLISH) == []


def test_in_yoruba_the_date_is_in_yoruba_words_and_how_long_is_translated_when_it_can_be():
    words = Words("yo", {"6 months": "oṣù mẹ́fà"})
    yoruba = Reader("yo", i18n.translations_for("yo"), words)
    assert said(check_lines(date(2026, 12, 18), "6 months", yoruba)) == [
        ("A máa ṣàyẹ̀wò rẹ̀ ní 18 Oṣù Ọ̀pẹ̀ 2026.", "We will check on 18 December 2026.", "yo"),
        (
            "Èyí gbọ́dọ̀ máa bá a lọ fún oṣù mẹ́fà.",
            "This needs to keep happening for 6 months.",
            "yo",
        ),
    ]
    # Not translated: the English words in the Yoruba sentence, marked as English.
    [line] = check_lines(None, "Until the birth", yoruba)
    assert str(line.text) == (
        'Èyí gbọ́dọ̀ máa bá a lọ <span lang="en" dir="ltr">until the birth</span>.'
    )
