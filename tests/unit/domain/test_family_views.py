"""The questions of the views before a meeting (conference/domain/family_views.py): which answers
each version asks for and where they are kept, how a page's answers are read and checked, and
where a person who comes back picks up."""

import pytest

from conference.domain import family_views as q
from conference.domain.readability import assess_readability

# The FamilyViews columns each version fills (the model's docstring).
COLUMNS = {
    q.YOUNG_PERSON: {
        "worries",
        "good_things",
        "hopes",
        "score",
        "score_reason",
        "wishes",
        "attending",
        "advocate",
    },
    q.YOUNGER_CHILD: {
        "helper",
        "pictures",
        "worries",
        "good_things",
        "hopes",
        "score",
        "score_reason",
    },
    q.PARENT: {
        "good_things",
        "worries",
        "wishes",
        "agrees_with_report",
        "report_comment",
        "anything_else",
    },
}


@pytest.mark.parametrize("version", sorted(COLUMNS))
def test_each_version_asks_for_its_columns_one_or_two_questions_a_page(version):
    pages = q.pages_of(version)
    asked = {question.field for page in pages for question in page.questions}
    assert asked == COLUMNS[version]
    assert all(1 <= len(page.questions) <= 2 for page in pages)
    assert len({page.slug for page in pages}) == len(pages)


def test_a_younger_child_chooses_pictures_for_each_house():
    houses = [
        question.house
        for page in q.pages_of(q.YOUNGER_CHILD)
        for question in page.questions
        if question.kind == q.PICTURES
    ]
    assert houses == list(q.HOUSES)
    assert len(q.PICTURE_CHOICES) == 12 and "safe" in q.PICTURE_CODES
    assert set(q.FACES) == {0, 5, 10}


def test_each_house_offers_its_own_pictures():
    offered = {
        question.house: {choice.code for choice in question.choices}
        for page in q.pages_of(q.YOUNGER_CHILD)
        for question in page.questions
        if question.kind == q.PICTURES
    }
    frightening = {"shouting", "alone", "sad"}
    assert frightening <= offered["worries"] and "safe" not in offered["worries"]
    assert not frightening & (offered["good_things"] | offered["hopes"])
    assert "safe" in offered["good_things"] and "safe" in offered["hopes"]
    # Every code any house offers is one of the pictures named everywhere else.
    assert set().union(*offered.values()) == q.PICTURE_CODES
    reading = q.read(q.page_of(q.YOUNGER_CHILD, "good-things"), {"pictures-good_things": ["sad"]})
    assert reading.errors == {"pictures-good_things": q.NOT_A_PICTURE}
    assert reading.pictures == {"good_things": []}


def test_staff_read_only_the_answers_a_version_asks():
    assert q.asked(q.YOUNGER_CHILD) >= {"worries", "good_things", "hopes", "score", "helper"}
    assert not q.asked(q.YOUNGER_CHILD) & {"wishes", "attending", "advocate"}
    assert {"wishes", "attending", "advocate"} <= q.asked(q.YOUNG_PERSON)


def test_only_a_child_is_asked_what_to_keep_from_their_parents():
    assert q.keeps_from_parents(q.YOUNG_PERSON) and q.keeps_from_parents(q.YOUNGER_CHILD)
    assert not q.keeps_from_parents(q.PARENT)
    assert not any(page.kept for page in q.pages_of(q.PARENT))
    # Every typed answer of a young person can be kept back; choices and the number cannot.
    kept = {question.field for page in q.pages_of(q.YOUNG_PERSON) for question in page.kept}
    assert kept == {"worries", "good_things", "hopes", "score_reason", "wishes"}


def test_a_house_s_pictures_and_words_are_kept_back_by_one_box():
    page = q.page_of(q.YOUNGER_CHILD, "worries")
    assert page.ticks() == {"worries": "worries"}  # after the words, the house's name


def test_a_page_is_read_and_a_tick_on_an_empty_answer_is_dropped():
    page = q.page_of(q.YOUNG_PERSON, "score")
    reading = q.read(page, {"score": ["7"], "score_reason": [" Better \r\n now "]})
    assert (reading.answers, reading.errors, reading.kept) == (
        {"score": 7, "score_reason": "Better \n now"},
        {},
        set(),
    )
    reading = q.read(page, {"score": ["7"], "score_reason": [""], "not_shared": ["score_reason"]})
    assert reading.kept == set()
    reading = q.read(page, {"score": ["7"], "score_reason": ["x"], "not_shared": ["score_reason"]})
    assert reading.kept == {"score_reason"}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({}, "Select a number from 0 to 10"),
        ({"score": ["11"]}, "Select a number from 0 to 10"),
        ({"score": ["-1"]}, "Select a number from 0 to 10"),
        ({"score": ["seven"]}, "Select a number from 0 to 10"),
        ({"score": ["5"], "score_reason": ["x" * 5_001]}, q.TOO_LONG),
    ],
)
def test_a_wrong_answer_is_named_and_what_was_typed_is_kept(typed, message):
    reading = q.read(q.page_of(q.YOUNG_PERSON, "score"), typed)
    assert list(reading.errors.values()) == [message]
    if "score_reason" in typed:
        assert reading.answers["score_reason"] == "x" * 5_001


def test_text_at_the_ceiling_is_taken():
    reading = q.read(q.page_of(q.PARENT, "worries"), {"worries": ["x" * 5_000]})
    assert reading.errors == {}


def test_pictures_not_on_the_list_are_refused():
    page = q.page_of(q.YOUNGER_CHILD, "worries")
    reading = q.read(page, {"pictures-worries": ["family", "family", "<script>"]})
    assert reading.errors == {"pictures-worries": q.NOT_A_PICTURE}
    assert reading.pictures == {"worries": ["family"]}
    reading = q.read(page, {"pictures-worries": ["sad"], "not_shared": ["worries"]})
    assert (reading.errors, reading.kept) == ({}, {"worries"})


def test_the_helper_s_name_is_needed_and_a_line_long():
    page = q.page_of(q.YOUNGER_CHILD, "helper")
    assert q.read(page, {"helper": ["  "]}).errors == {"helper": "Enter your name"}
    assert q.read(page, {"helper": ["x" * 101]}).errors == {"helper": q.NAME_TOO_LONG}


def test_a_person_picks_up_at_the_first_page_still_to_answer():
    assert q.resume_at(q.YOUNG_PERSON, {}).slug == "worries"
    saved = {"worries": "School", "good_things": "", "hopes": "Home", "score": None}
    # A page of optional questions left empty counts as not done: it is shown again.
    assert q.resume_at(q.YOUNG_PERSON, saved).slug == "good-things"
    saved |= {"good_things": "Nan", "score": 0, "wishes": "Stay", "attending": "all"}
    assert q.resume_at(q.YOUNG_PERSON, saved).slug == "advocate"
    assert q.resume_at(q.YOUNG_PERSON, saved | {"advocate": "no"}) is None


def test_sending_needs_only_the_questions_that_must_be_answered():
    # A parent may not have seen the report yet: nothing of theirs must be answered.
    assert q.missing_before_sending(q.PARENT, {}) is None
    [report] = [x for x in q.page_of(q.PARENT, "report").questions if x.kind == q.CHOICE]
    assert not report.required
    assert report.hint == "If you have not seen the report yet, you can leave this out."
    assert q.read(q.page_of(q.PARENT, "report"), {}).errors == {}
    younger = q.missing_before_sending(q.YOUNGER_CHILD, {"helper": "Ann", "pictures": {}})
    assert younger.slug == "score"


def test_the_next_page_and_the_choices_labels():
    first = q.pages_of(q.PARENT)[0]
    assert q.page_after(q.PARENT, first).slug == "worries"
    assert q.page_after(q.PARENT, q.pages_of(q.PARENT)[-1]) is None
    assert q.label_of(q.ATTENDING_CHOICES, "someone_speaks") == (
        "No, I want someone to speak for me"
    )
    assert q.label_of(q.ADVOCATE_CHOICES, "nonsense") == ""


def _texts():
    for version in COLUMNS:
        for page in q.pages_of(version):
            yield page.heading
            for question in page.questions:
                yield from (question.label, question.hint)


def test_the_questions_are_in_plain_words():
    """A reading age of about 11 (readability.py), for the hints a person reads most."""
    hints = " ".join(text for text in _texts() if text.endswith("."))
    assert assess_readability(hints).reading_age <= 11
