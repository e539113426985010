"""The rules of accepting a family's views before a meeting (conference/domain/views_acceptance.py):
what is added where, marked how, and what is kept back."""

from types import SimpleNamespace

from conference.domain import views_acceptance as rules


def _views(**answers):
    blank = {
        "worries": "",
        "good_things": "",
        "hopes": "",
        "wishes": "",
        "score": None,
        "score_reason": "",
        "not_shared": [],
        "pictures": {},
        "helper": "",
        "agrees_with_report": None,
        "report_comment": "",
        "anything_else": "",
    }
    return SimpleNamespace(**{**blank, **answers})


def test_a_piece_is_added_after_what_is_there_and_never_overwrites_it():
    assert rules.appended("", "New") == "New"
    assert rules.appended("Old.\n", "New") == "Old.\n\nNew"
    assert rules.appended("Old", "") == "Old"


def test_each_answered_house_is_marked_as_from_the_child_s_views_in_the_voice_s_order():
    views = _views(hopes="A dog", worries="Shouting", not_shared=["worries"])
    pieces = rules.child_pieces(views, "Amara", True)
    assert [(p.answer, p.field, p.text, p.not_shared) for p in pieces] == [
        (
            "worries",
            "house_of_worries",
            "From Amara’s views before the conference: Shouting.",
            True,
        ),
        ("hopes", "house_of_dreams", "From Amara’s views before the conference: A dog.", False),
        # The family's documents print only their own words: the house shared goes there too.
        ("wishes", "own_words", "From Amara’s views before the conference: Hopes: A dog.", False),
    ]


def test_their_own_words_say_what_they_want_each_house_shared_and_their_score_in_one_piece():
    views = _views(
        wishes="To stay with Mum",
        worries="Shouting",
        good_things="Grandma, football",
        hopes="A puppy",
        score=7,
        score_reason="It is calmer",
        not_shared=["worries"],
    )
    [*_houses, own] = rules.child_pieces(views, "Tolu", True)
    assert (own.field, own.not_shared) == ("own_words", False)
    assert own.text == (
        "From Tolu’s views before the conference: To stay with Mum. Good things: Grandma, "
        "football. Hopes: A puppy. Tolu’s own score before the meeting: 7 out of 10 (10 means "
        "things are really good), because: It is calmer."
    )
    assert "Shouting" not in own.text  # a house kept back never goes into their own words


def test_their_own_words_are_kept_back_when_what_they_want_is():
    views = _views(wishes="Secret", hopes="A puppy", not_shared=["wishes"])
    [_hopes, own] = rules.child_pieces(views, "Tolu", True)
    assert (own.field, own.not_shared) == ("own_words", True)
    # Kept back but nothing said: nothing in their own words is theirs to keep back.
    [own] = rules.child_pieces(_views(score=3, not_shared=["wishes"]), "Tolu", True)
    assert not own.not_shared


def test_a_score_or_its_reason_kept_back_stays_out_of_their_own_words():
    kept_reason = _views(score=7, score_reason="Secret", not_shared=["score_reason"])
    assert rules.own_words_said(kept_reason, "Tolu") == (
        "Tolu’s own score before the meeting: 7 out of 10 (10 means things are really good)."
    )
    assert rules.own_words_said(_views(score=7, not_shared=["score"]), "Tolu") == ""
    assert rules.child_pieces(_views(score=7, not_shared=["score"]), "Tolu", True) == []


def test_the_scaling_page_reads_a_child_s_own_score_with_what_they_kept_back_marked():
    assert rules.own_score(_views(), "Tolu") is None
    score = rules.own_score(_views(score=0, score_reason=" Sad ", not_shared=["score"]), "Tolu")
    assert score == rules.OwnScore("Tolu", 0, "Things are really good", "Sad", True, True)
    score = rules.own_score(_views(score=9, score_reason="Fun"), "Tolu")
    assert (score.score_kept, score.reason_kept) == (False, False)


def test_a_younger_child_s_pictures_are_words_and_the_helper_is_named():
    views = _views(pictures={"good_things": ["pets", "unknown_code"]}, helper="Mrs Bello")
    [piece, own] = rules.child_pieces(views, "Tolu", False)
    mark = "From Tolu’s views before the meeting (with Mrs Bello helping)"
    assert piece.text == f"{mark}: Pictures chosen: Pets, unknown code."
    assert own.text == f"{mark}: Good things: Pictures chosen: Pets, unknown code."


def test_a_score_is_recorded_with_its_reason_unless_the_child_kept_it_back():
    assert rules.score_goes_in(_views(score=0))
    assert not rules.score_goes_in(_views())
    assert not rules.score_goes_in(_views(score=3, not_shared=["score"]))
    assert rules.score_reason(_views(score=3, score_reason=" Because ")) == "Because"
    assert rules.score_reason(_views(score=3, score_reason="x", not_shared=["score_reason"])) == ""
    wording = rules.child_score_wording("young_person")
    assert (wording.polarity, wording.zero_means) == ("safe_at_10", "Things are really bad")


def test_a_parent_s_answers_and_their_view_of_the_report():
    views = _views(good_things=" Park ", agrees_with_report="partly", report_comment="Dates")
    assert rules.parent_answers(views) == {
        "good_things": "Park",
        "report": "Do they agree with the report? Partly. Dates",
    }
    places = rules.places_for("report", [("grey", "Grey areas")], is_review=True)
    assert [key for key, _label in places] == ["parents_comments", "grey", "none"]
    assert [k for k, _l in rules.places_for("worries", [("grey", "G")], True)] == ["grey", "none"]


def test_where_views_are_at():
    assert rules.status(False, False, "waiting") == "Not started"
    assert rules.status(True, False, "waiting") == "Started, not sent"
    assert rules.status(True, True, "waiting") == "Sent: waiting for you"
    assert rules.status(True, True, "not_used") == "Not used"
