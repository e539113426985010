"""The family's core group notes in their language (conference/pdf/notes_for_family.py): in
English the translated sentences are word for word what the family's notes printed before
(conference/domain/progress.py), and in Yoruba each sentence is translated with its English."""

from datetime import date
from types import SimpleNamespace

import pytest

from conference.domain.progress import (
    RATINGS_FOR_FAMILY,
    describe_trend_for_family,
    rating_for_family,
    scaling_trend,
)
from conference.pdf import i18n, notes_for_family

CONFERENCE_ON = date(2026, 9, 2)
SECOND = date(2026, 10, 28)
THIRD = date(2026, 12, 9)
# Who scored, when, and how (the trend's rows): a parent, a child, two professionals, one of
# them on the scale where 10 means the highest risk.
SCORES = [
    (CONFERENCE_ON, "Bo Test", "Father", True, 6, "safe_at_10", False),
    (CONFERENCE_ON, "Kemi", "", False, 2, "safe_at_10", True),
    (CONFERENCE_ON, "Sam Worker", "Social worker", False, 3, "safe_at_10", False),
    (CONFERENCE_ON, "Jo Nurse", "School nurse", False, 4, "safe_at_10", False),
    (SECOND, "Bo Test", "Father", True, 7, "safe_at_10", False),
    (SECOND, "Kemi", "", False, 6, "safe_at_10", True),
    (SECOND, "Sam Worker", "Social worker", False, 5, "safe_at_10", False),
    (SECOND, "Jo Nurse", "School nurse", False, 3, "risk_at_10", False),
]
ENGLISH = i18n.translations_for("en")
YORUBA = i18n.translations_for("yo")


def english(sentences) -> str:
    return " ".join(str(sentence) for sentence in sentences)


@pytest.mark.parametrize(
    "scores",
    [
        SCORES,  # conference then a core group: parents, children and everyone else
        SCORES[:4],  # the conference only
        [score for score in SCORES if score[0] == SECOND],  # one core group only
        [(THIRD if on == CONFERENCE_ON else on, *rest) for on, *rest in SCORES],  # core groups
        [score for score in SCORES if score[3]],  # only a parent scored
    ],
)
def test_in_english_the_trend_reads_as_the_family_notes_always_said(scores):
    trend = scaling_trend(scores, conference_on=CONFERENCE_ON)
    sentences = notes_for_family.trend_sentences(trend, ENGLISH, "en")
    assert english(sentences) == describe_trend_for_family(trend)
    assert not any(sentence.bilingual for sentence in sentences)


def test_nobody_scored_has_no_sentences():
    assert notes_for_family.trend_sentences(scaling_trend([]), YORUBA, "yo") == []


def test_in_yoruba_each_sentence_is_translated_with_its_dates_and_the_english_beside_it():
    trend = scaling_trend(SCORES, conference_on=CONFERENCE_ON)
    sentences = notes_for_family.trend_sentences(trend, YORUBA, "yo")
    assert all(sentence.bilingual and sentence.lang == "yo" for sentence in sentences)
    assert str(sentences[0].text) == (
        "Máàkì àárín jẹ́ 3.5 níbi ìpàdé ńlá ní 2 Oṣù Owewe 2026, ó sì jẹ́ 6.5 níbi ìpàdé wa ní "
        "28 Oṣù Ọ̀wàrà 2026."
    )
    assert english(s.en for s in sentences) == describe_trend_for_family(trend)


@pytest.mark.parametrize("rating", [*RATINGS_FOR_FAMILY, "much_better"])
def test_each_rating_reads_to_the_family_as_it_always_did(rating):
    assert notes_for_family.rating_words(rating) == rating_for_family(rating)


def test_a_known_rating_is_translated_and_an_unknown_one_stays_english():
    words = i18n.phrase(YORUBA, "yo", notes_for_family.rating_words("worse"))
    assert (str(words.text), str(words.en)) == ("Nǹkan ti burú sí i.", "Things have got worse.")
    unknown = i18n.phrase(YORUBA, "yo", notes_for_family.rating_words("much_better"))
    assert (str(unknown.text), unknown.bilingual) == ("Much better.", False)


def child(given: str, family: str = "Adebayo"):
    return SimpleNamespace(given_name=given, family_name=family)


def test_the_children_are_named_as_everywhere_else_and_joined_in_the_language():
    same = [child("Kemi"), child("Tolu"), child("Baby")]
    assert notes_for_family.children_list(same) == ["Kemi", "Tolu", "Baby Adebayo"]
    line = i18n.phrase(
        YORUBA,
        "yo",
        "We met to check how the plan for %(names)s is going.",
        names=notes_for_family.children_list(same),
    )
    assert "Kemi, Tolu àti Baby Adebayo" in str(line.text)
    assert str(line.en) == "We met to check how the plan for Kemi, Tolu and Baby Adebayo is going."
    mixed = [child("Jamie", "Smith"), child("Lily", "Jones")]
    assert notes_for_family.children_list(mixed) == ["Jamie Smith", "Lily Jones"]
