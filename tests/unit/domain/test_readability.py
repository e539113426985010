"""Plain language for families: reading scores, findings and the glossary. No app, no database,
no network."""

import ast
from pathlib import Path

import pytest

from conference.domain import glossary, readability
from conference.domain.readability import (
    ReadabilityAssessment,
    assess_readability,
    count_syllables,
    glossary_for,
    passive_phrases,
    split_sentences,
)

DENSE = (
    "Following the strategy discussion, a section 47 enquiry was initiated and the multi-agency "
    "safeguarding arrangements were considered at the initial child protection conference, where "
    "it was determined that the threshold for significant harm had been met. The ICPC "
    "recommended that the CP plan be implemented and that the core group should convene within "
    "ten working days."
)
PLAIN = (
    "We are worried that Dad shouts when he drinks. Lily hides under her bed. Dad will stay at "
    "Grandad's when he has had a drink. Lily will go to school every day."
)


def codes(text):
    return [finding.code for finding in assess_readability(text).findings]


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("the", 1),
        ("cat", 1),
        ("school", 1),
        ("child", 1),
        ("safe", 1),
        ("makes", 1),
        ("helped", 1),
        ("water", 2),
        ("children", 2),
        ("happy", 2),
        ("table", 2),
        ("little", 2),
        ("people", 2),
        ("safely", 2),
        ("washes", 2),
        ("wanted", 2),
        ("worried", 2),
        ("being", 2),
        ("going", 2),
        ("someone", 2),
        ("family", 3),
        ("protection", 3),
        ("conference", 3),
        ("assessment", 3),
        ("safeguarding", 3),
        ("violence", 3),
        ("usual", 3),
        ("multi-agency", 5),
        ("Lily's", 2),
        ("don't", 1),
        ("95", 1),
    ],
)
def test_syllables_of_common_words(word, syllables):
    assert count_syllables(word) == syllables


def test_a_simple_text_is_easy_to_read():
    # 12 words, 2 sentences, 12 syllables: 206.835 - 1.015 * 6 - 84.6 * 1 = 116.1 and
    # 0.39 * 6 + 11.8 * 1 - 15.59 = -1.4.
    result = assess_readability("The cat sat on the mat. The dog ran to the park.")
    assert result == ReadabilityAssessment(116.1, -1.4, 6.0, 12, 2, [])
    assert result.reading_age == pytest.approx(3.6)


def test_a_plain_family_plan_has_nothing_to_put_right():
    result = assess_readability(PLAIN)
    assert result.findings == []
    assert result.grade <= 6
    assert result.reading_ease > 80


def test_a_dense_professional_paragraph_is_flagged():
    result = assess_readability(DENSE)
    assert result.grade > 12
    assert result.reading_ease < 40
    assert set(codes(DENSE)) == {"reading-age-too-high", "long-sentence", "passive-voice", "jargon"}


def test_the_reading_age_finding_says_what_to_aim_for():
    finding = assess_readability(DENSE).findings[0]
    assert finding.code == "reading-age-too-high"
    assert "Aim for a reading age of 11 or below" in finding.message
    assert "grade" not in finding.message.lower()  # a UK reading age, never a US grade


def test_a_long_sentence_is_quoted_by_its_start():
    long = assess_readability(DENSE).findings[1]
    assert long.message == (
        "This sentence has 36 words: “Following the strategy discussion, a section 47 enquiry …”."
    )


def test_a_sentence_of_twenty_words_is_not_long():
    twenty = " ".join(["word"] * 20) + "."
    assert "long-sentence" not in codes(twenty)
    assert "long-sentence" in codes("one " + twenty)


def test_passive_voice_is_found_with_its_participle():
    assert passive_phrases("A referral was made and Lily was seen alone. It had been agreed.") == [
        "was made",
        "was seen",
        "been agreed",
    ]


@pytest.mark.parametrize(
    "text",
    ["Lily is worried.", "Mum is tired.", "Dad was born in Leeds.", "His name is Ahmed."],
)
def test_feelings_and_names_are_not_passive_voice(text):
    assert passive_phrases(text) == []


def test_each_passive_phrase_is_a_finding_once():
    assert codes("Lily was seen. Lily was seen again. Sam was told.").count("passive-voice") == 2


@pytest.mark.parametrize(
    "term",
    [
        "ICPC",
        "RCPC",
        "CP",
        "CIN",
        "s47",
        "section 47",
        "CAF",
        "MASH",
        "LADO",
        "PLO",
        "CSE",
        "core group",
        "threshold",
        "strategy discussion",
    ],
)
def test_the_jargon_in_domain_section_7_is_found(term):
    findings = assess_readability(f"We talked about the {term}.").findings
    jargon = [f for f in findings if f.code == "jargon"]
    assert len(jargon) == 1
    assert jargon[0].suggestion.startswith("Say “")


def test_each_jargon_term_is_found_once_even_if_repeated():
    text = "The core group will meet. The core group will check. Core groups meet each month."
    assert codes(text).count("jargon") == 1


def test_section_47_and_s47_are_one_term():
    findings = assess_readability("The s47 enquiry (a section 47 enquiry) ended.").findings
    assert [f.message for f in findings if f.code == "jargon"] == [
        "“section 47” is jargon that families may not know."
    ]


def test_jargon_suggestions_give_the_plain_words():
    finding = assess_readability("Dad must engage with the service.").findings[0]
    assert finding.suggestion == (
        "Say “go to, take part in or work with” instead, or explain it: take part in a service "
        "and work with the people running it."
    )


def test_acronyms_in_lower_case_are_ordinary_words():
    assert "jargon" not in codes("We had mash and peas for tea.")


def test_other_abbreviations_are_found_once_and_familiar_ones_left_alone():
    result = assess_readability(
        "Mum will see the GP and the HV. The HV will visit. Dad must NOT drink."
    )
    assert [f.message for f in result.findings if f.code == "acronym"] == [
        "“HV” is an abbreviation families may not know."
    ]


def test_a_heading_in_capitals_is_not_an_abbreviation():
    assert "acronym" not in codes("CHILD PROTECTION PLAN\nLily goes to school every day.")


def test_a_jargon_abbreviation_is_not_also_an_unknown_one():
    assert codes("Lily sees CAMHS each week.") == ["jargon"]


def test_sentences_end_at_full_stops_and_line_breaks_but_not_abbreviations():
    assert split_sentences("Mr. Smith came at 7.30pm. He said e.g. hello!\n- Lily is safe\n") == [
        "Mr. Smith came at 7.30pm.",
        "He said e.g. hello!",
        "Lily is safe",
    ]


def test_an_empty_text_has_no_scores_and_no_findings():
    assert assess_readability("  ") == ReadabilityAssessment(0.0, 0.0, 0.0)


def test_the_glossary_lists_remaining_jargon_once_in_alphabetical_order():
    texts = [
        "The ICPC agreed a CP plan.",
        "Mum will engage with the core group.",
        "The core group meets every 6 weeks.",
        "Lily goes to school.",
    ]
    assert [term for term, _ in glossary_for(texts)] == ["core group", "CP", "engage", "ICPC"]
    assert dict(glossary_for(texts))["ICPC"].startswith("initial child protection conference")


def test_the_glossary_is_empty_for_plain_texts():
    assert glossary_for([PLAIN, ""]) == []


@pytest.mark.parametrize("module", [readability, glossary])
def test_readability_needs_only_the_standard_library(module):
    modules = set()
    for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0])
    assert modules <= {"re", "dataclasses", "conference"}
