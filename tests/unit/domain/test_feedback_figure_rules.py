"""Families' feedback as the dashboard counts it (conference/domain/feedback_figures.py): the
response rate, each question's share of "yes", what is left out, and "No forms"."""

from conference.domain.feedback_figures import (
    NO_ANSWERS,
    NO_FORMS,
    ONLINE,
    PAPER,
    QUESTIONS,
    Share,
    Tally,
    combined,
)

LISTENED, DOCUMENTS, ADVOCATE = QUESTIONS[0], QUESTIONS[3], QUESTIONS[5]


def _forms(tally: Tally, source: str, n: int, **answers) -> Tally:
    tally.add_forms(source, n, answers)
    return tally


def test_the_response_rate_is_forms_received_of_forms_offered():
    tally = Tally()
    tally.add_offered(10)
    _forms(tally, ONLINE, 4, listened_to={"yes": 3, "no": 1})
    rate = tally.response_rate
    assert (rate.shown, rate.counts) == ("40%", "4 of 10")
    assert tally.split == "4 online, 0 on paper"


def test_a_paper_form_without_an_invitation_counts_as_offered_and_received():
    tally = Tally()
    tally.add_offered(3)
    _forms(tally, ONLINE, 1)
    _forms(tally, PAPER, 2)
    assert (tally.offered, tally.received) == (5, 3)
    assert tally.response_rate.counts == "3 of 5"
    assert tally.split == "1 online, 2 on paper"


def test_no_forms_is_said_rather_than_nought_percent():
    empty = Tally()
    assert empty.response_rate.shown == NO_FORMS
    assert empty.response_rate.counts == ""
    assert empty.result(LISTENED).shown == NO_FORMS
    asked_nobody_answered = Tally(offered=4)
    assert asked_nobody_answered.response_rate.shown == "0%"
    assert asked_nobody_answered.result(LISTENED).shown == NO_FORMS


def test_partly_and_no_count_against_and_skipped_questions_are_left_out():
    tally = _forms(Tally(), ONLINE, 15, listened_to={"yes": 12, "partly": 2, "no": 1})
    _forms(tally, PAPER, 3)  # three forms that skipped the question
    result = tally.result(LISTENED)
    assert (result.shown, result.counts) == ("80%", "12 of 15")


def test_documents_not_needed_are_not_counted():
    tally = _forms(Tally(), ONLINE, 5, documents_in_time={"yes": 1, "no": 1, "not_needed": 3})
    assert tally.result(DOCUMENTS).counts == "1 of 2"


def test_the_advocate_counts_those_who_had_one_of_those_who_wanted_one():
    tally = _forms(Tally(), ONLINE, 6, advocate={"had_one": 2, "wanted_one": 1, "did_not_want": 3})
    result = tally.result(ADVOCATE)
    assert (result.shown, result.counts) == ("67%", "2 of 3")


def test_forms_that_all_skipped_a_question_say_no_answers():
    tally = _forms(Tally(), PAPER, 2, advocate={"did_not_want": 2})
    assert tally.result(ADVOCATE).shown == NO_ANSWERS


def test_tallies_add_up():
    january = _forms(Tally(offered=4), ONLINE, 2, listened_to={"yes": 2})
    february = _forms(Tally(offered=1), PAPER, 1, listened_to={"no": 1})
    total = combined([january, february, Tally()])
    assert (total.offered, total.online, total.paper) == (6, 2, 1)
    assert total.result(LISTENED).counts == "2 of 3"
    assert [question.field for question, _share in total.results] == [
        "listened_to",
        "understood_decisions",
        "understood_next_steps",
        "documents_in_time",
        "documents_readable",
        "advocate",
    ]


def test_a_share_rounds_to_the_whole_percent_and_has_a_value_for_trends():
    assert Share(1, 3).shown == "33%"
    assert Share(2, 3).value == 200 / 3
    assert Share(0, 0).value is None
