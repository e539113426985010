"""The family's views before the meeting (issue 20), public pages opened with the code: each
version's questions page by page, kept on every Continue, resumed with the code, checked and
sent once; errors keep what was typed and keep nothing; an expired or withdrawn code keeps
nothing; every save and the send are audited with the invited person as the source."""

from datetime import UTC, datetime, timedelta

import pytest
from helpers import Client
from pages import assert_page, error_messages, error_summary, select, text, text_of
from sqlalchemy import select as query

from conference.extensions import db
from conference.models import Adult, AuditEvent, Child, Conference, Invitation, User
from conference.models.family_voice import FamilyViews
from conference.services import family_views, invitations

VIEWS = "/respond/views"
CHECK = "/respond/views/check-your-answers"
SENT = "/respond/views/sent"


@pytest.fixture
def invite(app, family):
    """`invite(version)`: a code for Kemi (a child's versions) or Dana (the parent's) for the
    review conference."""

    def make(version: str) -> str:
        with app.test_request_context():
            worker = db.session.get(User, family.user_ids["social_worker"])
            if version == "parent":
                person = db.session.get(Adult, family.dana_id)
            else:
                person = db.session.get(Child, family.kemi_id)
            conference = db.session.get(Conference, family.conference_id)
            _invitation, code = invitations.invite(worker, conference, person, version)
            db.session.commit()
            return code

    return make


def _enter(client, code: str):
    response = client.post("/respond", {"code": code}, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert response.headers["Location"] == "/respond/start"


def _answer(client, slug: str, data: dict, to: str | None = None):
    """Answer a page: Continue goes on to `to` (a page's address or Check your answers)."""
    response = client.post(f"{VIEWS}/{slug}", data)
    if to is not None:
        assert (response.status_code, response.headers.get("Location")) == (302, to), text_of(
            response.get_data(as_text=True)
        )[:400]
    return response


def _views(app) -> FamilyViews | None:
    with app.app_context():
        views = db.session.scalar(query(FamilyViews))
        if views is not None:
            db.session.expunge(views)
        return views


def _audit(app) -> list[tuple[str, dict | None, int | None]]:
    with app.app_context():
        rows = db.session.scalars(
            query(AuditEvent).where(AuditEvent.action.like("family views%")).order_by(AuditEvent.id)
        )
        return [(row.action, row.changes, row.case_id) for row in rows]


def _invitation_id(app) -> int:
    with app.app_context():
        return db.session.scalar(query(Invitation.id))


def test_the_start_page_leads_to_the_first_question(client, invite):
    _enter(client, invite("young_person"))
    html = assert_page(client.get("/respond/start"), "Hello Kemi")
    assert [link.get("href") for link in select(html, "a.govuk-button--start")] == [VIEWS]
    assert client.get(VIEWS).headers["Location"] == f"{VIEWS}/worries"
    page = assert_page(client.get(f"{VIEWS}/worries"), "Your House of worries")
    assert "Page 1 of 7" in text_of(page)
    assert "Each time you press Continue, we keep your answers." in text_of(page)


def test_a_young_person_answers_checks_and_sends(client, invite, app, family):
    _enter(client, invite("young_person"))
    _answer(
        client,
        "worries",
        {"worries": "Mum and Dad shouting.\r\nNot sleeping.", "not_shared": "worries"},
        to=f"{VIEWS}/good-things",
    )
    _answer(client, "good-things", {"good_things": "My nan. Football."}, to=f"{VIEWS}/dreams")
    _answer(client, "dreams", {"hopes": "A quiet home"}, to=f"{VIEWS}/score")
    _answer(client, "score", {"score": "4", "score_reason": "Less shouting"}, to=f"{VIEWS}/wishes")
    _answer(client, "wishes", {"wishes": "Stay at my school"}, to=f"{VIEWS}/meeting")
    _answer(client, "meeting", {"attending": "part"}, to=f"{VIEWS}/advocate")
    _answer(client, "advocate", {"advocate": "has_one"}, to=CHECK)

    html = assert_page(client.get(CHECK), "Check your answers")
    words = text_of(html)
    for shown in ("Mum and Dad shouting.", "My nan. Football.", "A quiet home", "Less shouting"):
        assert shown in words
    assert "Yes, for part of it" in words and "I have one already" in words
    assert [text(tag).strip() for tag in select(html, "strong.govuk-tag")] == [
        "Not shared with parents"
    ]
    changes = [link.get("href") for link in select(html, ".govuk-summary-list__actions a")]
    assert f"{VIEWS}/worries?change=1" in changes and len(changes) == 8

    assert client.post(CHECK).headers["Location"] == SENT
    sent = assert_page(client.get(SENT), "Your views have been sent")
    assert "Your social worker and the chair will read your views before the meeting." in (
        text_of(sent)
    )
    assert "You cannot change your answers now" in text_of(sent)

    views = _views(app)
    assert views.sent and views.language == "en"
    assert (views.worries, views.score, views.score_reason) == (
        "Mum and Dad shouting.\nNot sleeping.",
        4,
        "Less shouting",
    )
    assert (views.attending, views.advocate, views.not_shared) == ("part", "has_one", ["worries"])
    source = f"invited person, invitation {_invitation_id(app)}"
    audit = _audit(app)
    assert [action for action, _changes, _case in audit] == ["family views saved"] * 7 + [
        "family views sent"
    ]
    assert {changes["source"] for _action, changes, _case in audit} == {source}
    assert {case_id for _action, _changes, case_id in audit} == {family.case_id}
    assert audit[0][1]["page"] == "worries"
    assert "worries" in audit[0][1]["answers changed"]
    assert "Mum" not in str(audit)  # what a child wrote has no place in the audit trail


def test_answers_are_kept_on_each_page_and_the_code_resumes(client, invite, app):
    code = invite("young_person")
    _enter(client, code)
    _answer(client, "worries", {"worries": "School"}, to=f"{VIEWS}/good-things")
    _answer(client, "good-things", {"good_things": "Friends"}, to=f"{VIEWS}/dreams")

    again = Client(app.test_client())  # the connection dropped: another browser, the same code
    _enter(again, code)
    assert again.get(VIEWS).headers["Location"] == f"{VIEWS}/dreams"
    html = again.get(f"{VIEWS}/worries").get_data(as_text=True)
    assert select(html, "textarea#worries")[0].text == "School"
    assert not _views(app).sent


def test_a_change_link_comes_back_to_check_your_answers(client, invite):
    _enter(client, invite("young_person"))
    _answer(client, "worries", {"worries": "School"})
    response = client.post(f"{VIEWS}/worries?change=1", {"worries": "Bullies"})
    assert response.headers["Location"] == CHECK


def test_back_from_a_change_goes_back_to_check_your_answers(client, invite):
    _enter(client, invite("young_person"))
    _answer(client, "worries", {"worries": "School"})
    changing = client.get(f"{VIEWS}/score?change=1").get_data(as_text=True)
    assert [a.get("href") for a in select(changing, "a.govuk-back-link")] == [CHECK]
    # Going through the questions, Back is the page before.
    html = client.get(f"{VIEWS}/score").get_data(as_text=True)
    assert [a.get("href") for a in select(html, "a.govuk-back-link")] == [f"{VIEWS}/dreams"]


def test_an_error_shows_what_was_typed_and_keeps_nothing(client, invite, app):
    _enter(client, invite("young_person"))
    html = assert_page(
        _answer(client, "score", {"score_reason": "Because of the shouting"}),
        "Your score",
    )
    assert error_summary(html) == ["Select a number from 0 to 10"]
    assert error_messages(html) == ["Select a number from 0 to 10"]
    assert select(html, "title")[0].text.startswith("Error: Your score")
    assert select(html, "textarea#score_reason")[0].text == "Because of the shouting"
    assert _views(app) is None

    html = _answer(client, "worries", {"worries": "x" * 5_001}).get_data(as_text=True)
    assert error_messages(html) == ["Your answer must be 5,000 characters or fewer"]
    assert select(html, "textarea#worries")[0].text == "x" * 5_001
    html = _answer(client, "meeting", {"attending": "always"}).get_data(as_text=True)
    assert error_messages(html) == ["Select if you want to come to the meeting"]
    html = _answer(client, "advocate", {}).get_data(as_text=True)
    assert error_messages(html) == ["Select if you want an advocate"]
    assert _views(app) is None and _audit(app) == []


def test_a_tick_on_an_empty_answer_is_dropped(client, invite, app):
    _enter(client, invite("young_person"))
    _answer(client, "wishes", {"wishes": "  ", "not_shared": "wishes"}, to=f"{VIEWS}/meeting")
    assert _views(app).not_shared == []
    _answer(client, "wishes", {"wishes": "Go home", "not_shared": "wishes"})
    _answer(client, "worries", {"worries": "Dad", "not_shared": "worries"})
    _answer(client, "wishes", {"wishes": "Go home"})  # unticked
    assert _views(app).not_shared == ["worries"]


def test_send_waits_for_the_questions_that_must_be_answered(client, invite, app):
    _enter(client, invite("young_person"))
    _answer(client, "worries", {"worries": "School"})
    html = assert_page(client.post(CHECK), "Check your answers")
    assert error_summary(html) == [
        "Answer the questions on the page ‘Your score’ before you send your views"
    ]
    assert not _views(app).sent


def test_sent_views_are_never_changed(client, invite, app):
    _enter(client, invite("parent"))
    _answer(client, "report", {"agrees_with_report": "not_seen"})
    token = client.csrf_token(CHECK)
    assert client.post(CHECK, {"csrf_token": token}).headers["Location"] == SENT
    before = _views(app)
    for url in (VIEWS, f"{VIEWS}/worries", CHECK):
        assert client.get(url).headers["Location"] == SENT
    response = client.post(f"{VIEWS}/worries", {"worries": "Later", "csrf_token": token})
    assert response.headers["Location"] == SENT
    assert client.post(CHECK, {"csrf_token": token}).headers["Location"] == SENT
    after = _views(app)
    assert (after.worries, after.updated_at, after.sent_at) == (
        before.worries,
        before.updated_at,
        before.sent_at,
    )
    assert [action for action, _c, _case in _audit(app)][-1] == "family views sent"
    assert len(_audit(app)) == 2
    with app.test_request_context():
        invitation = db.session.scalar(query(Invitation))
        with pytest.raises(family_views.AlreadySent):
            family_views.send(invitation)


def test_the_code_again_after_sending_goes_straight_to_sent(client, invite, app):
    code = invite("parent")
    _enter(client, code)
    _answer(client, "working-well", {"good_things": "Kemi goes to school"})
    assert client.post(CHECK).headers["Location"] == SENT
    again = Client(app.test_client())  # the same code, another day
    _enter(again, code)
    assert again.get("/respond/start").headers["Location"] == SENT
    words = text_of(assert_page(again.get(SENT), "Your views have been sent"))
    assert "Start now" not in words and "The questions come next" not in words


@pytest.mark.parametrize("how", ["expired", "withdrawn"])
def test_a_code_closed_since_keeps_nothing(client, invite, app, how):
    _enter(client, invite("young_person"))
    _answer(client, "worries", {"worries": "School"}, to=f"{VIEWS}/good-things")
    token = client.csrf_token(f"{VIEWS}/good-things")
    with app.app_context():
        invitation = db.session.scalar(query(Invitation))
        if how == "expired":
            invitation.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        else:
            invitation.withdrawn_at = datetime.now(UTC)
        db.session.commit()
    response = client.post(f"{VIEWS}/good-things", {"good_things": "Nan", "csrf_token": token})
    assert response.headers["Location"] == "/respond"
    assert client.post(CHECK, {"csrf_token": token}).headers["Location"] == "/respond"
    views = _views(app)
    assert (views.good_things, views.sent) == ("", False)
    assert len(_audit(app)) == 1
    with app.test_request_context():
        invitation = db.session.scalar(query(Invitation))
        with pytest.raises(family_views.Closed):
            family_views.send(invitation)


def test_a_younger_child_s_helper_picks_pictures_and_a_face(client, invite, app):
    _enter(client, invite("younger_child"))
    assert client.get(VIEWS).headers["Location"] == f"{VIEWS}/helper"
    html = _answer(client, "helper", {"helper": " "}).get_data(as_text=True)
    assert error_messages(html) == ["Enter your name"]
    _answer(client, "helper", {"helper": "Mrs Okafor"}, to=f"{VIEWS}/worries")

    html = assert_page(client.get(f"{VIEWS}/worries"), "House of worries")
    tiles = select(html, "input.app-picture-tile__input")
    assert len(tiles) == 9 and {tile.get("type") for tile in tiles} == {"checkbox"}
    words = [text(label).strip() for label in select(html, "label.app-picture-tile__label")]
    assert {"Shouting", "Being alone", "Feeling sad"} <= set(words)
    assert "Feeling safe" not in words and "Playing" not in words
    assert {svg.get("aria-hidden") for svg in select(html, "svg.app-picture")} == {"true"}
    html = _answer(client, "worries", {"pictures-worries": ["family", "monsters"]}).get_data(
        as_text=True
    )
    assert error_messages(html) == ["Select pictures from the list"]
    assert select(html, 'input[value="family"]')[0].get("checked") is not None
    _answer(
        client,
        "worries",
        {"pictures-worries": ["shouting", "alone"], "worries": "Loud", "not_shared": "worries"},
        to=f"{VIEWS}/good-things",
    )
    # The good things and the wishes offer nothing frightening; a worry's picture is refused.
    for slug in ("good-things", "dreams"):
        html = client.get(f"{VIEWS}/{slug}").get_data(as_text=True)
        words = [text(label).strip() for label in select(html, "label.app-picture-tile__label")]
        assert "Feeling safe" in words and "Family" in words, slug
        assert not {"Shouting", "Being alone", "Feeling sad"} & set(words), slug
    html = _answer(client, "good-things", {"pictures-good_things": ["pets", "shouting"]})
    assert error_messages(html.get_data(as_text=True)) == ["Select pictures from the list"]
    _answer(client, "good-things", {"pictures-good_things": ["pets"]}, to=f"{VIEWS}/dreams")
    _answer(client, "dreams", {"hopes": "A dog"}, to=f"{VIEWS}/score")
    html = client.get(f"{VIEWS}/score").get_data(as_text=True)
    assert len(select(html, "svg.app-face")) == 3
    assert "10: Really good" in text_of(html) and "0: Really bad" in text_of(html)
    _answer(client, "score", {"score": "3"}, to=CHECK)

    words = text_of(client.get(CHECK).get_data(as_text=True))
    assert "Shouting, Being alone" in words and "Pets" in words and "Mrs Okafor" in words
    assert "No pictures chosen" in words
    assert client.post(CHECK).headers["Location"] == SENT
    views = _views(app)
    assert views.pictures == {
        "worries": ["shouting", "alone"],
        "good_things": ["pets"],
        "hopes": [],
    }
    assert (views.helper, views.score, views.worries, views.hopes) == (
        "Mrs Okafor",
        3,
        "Loud",
        "A dog",
    )
    assert views.not_shared == ["worries"]


def test_a_parent_answers_without_the_child_s_choices(client, invite, app):
    _enter(client, invite("parent"))
    assert client.get(VIEWS).headers["Location"] == f"{VIEWS}/working-well"
    html = client.get(f"{VIEWS}/working-well").get_data(as_text=True)
    assert "Do not share" not in html
    _answer(client, "working-well", {"good_things": "Kemi goes to school"}, to=f"{VIEWS}/worries")
    _answer(client, "worries", {"worries": "Money"}, to=f"{VIEWS}/needs")
    _answer(client, "needs", {"wishes": "Help with housing"}, to=f"{VIEWS}/report")
    html = client.get(f"{VIEWS}/report").get_data(as_text=True)
    assert "If you have not seen the report yet, you can leave this out." in text_of(html)
    _answer(
        client,
        "report",
        {"agrees_with_report": "partly", "report_comment": "It is old"},
        to=f"{VIEWS}/anything-else",
    )
    _answer(client, "anything-else", {"anything_else": "I work nights"}, to=CHECK)
    words = text_of(client.get(CHECK).get_data(as_text=True))
    assert "Partly" in words and "I work nights" in words and "Not shared" not in words
    assert client.post(CHECK).headers["Location"] == SENT
    views = _views(app)
    assert (views.good_things, views.agrees_with_report, views.anything_else) == (
        "Kemi goes to school",
        "partly",
        "I work nights",
    )
    assert views.not_shared == []


def test_a_parent_who_has_not_seen_the_report_can_leave_it_out(client, invite, app):
    _enter(client, invite("parent"))
    _answer(client, "report", {"report_comment": ""}, to=f"{VIEWS}/anything-else")
    html = client.get(CHECK).get_data(as_text=True)
    assert "Not answered" in text_of(html)
    assert client.post(CHECK).headers["Location"] == SENT
    views = _views(app)
    assert (views.agrees_with_report, views.sent) == (None, True)


def test_pages_of_another_version_are_not_found(client, invite):
    _enter(client, invite("young_person"))
    assert client.get(f"{VIEWS}/helper").status_code == 404
    assert client.get(f"{VIEWS}/nothing").status_code == 404


def test_without_a_code_the_pages_send_you_to_the_code(client):
    for url in (VIEWS, f"{VIEWS}/worries", CHECK, SENT):
        assert client.get(url).headers["Location"] == "/respond"


def test_a_feedback_code_does_not_open_the_views(client, invite, app):
    _enter(client, invite("young_person"))
    with app.app_context():
        db.session.scalar(query(Invitation)).purpose = "feedback"
        db.session.commit()
    assert client.get(f"{VIEWS}/worries").headers["Location"] == "/respond/start"


def test_the_questions_are_in_the_person_s_language(client, invite, app):
    _enter(client, invite("younger_child"))
    html = client.get(f"{VIEWS}/score?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in html.split(">", 2)[1]  # the <html> element
    assert [text(h).strip() for h in select(html, "h1")] == ["كيف هي الأمور"]
    assert "10: جيد جدًا" in text_of(html)
    html = _answer(client, "score", {}).get_data(as_text=True)
    assert error_messages(html) == ["اختر رقمًا من 0 إلى 10"]
    _answer(client, "score", {"score": "10"}, to=CHECK)
    assert _views(app).language == "ar"
    yoruba = client.get(f"{VIEWS}/worries?lang=yo").get_data(as_text=True)
    assert "Ilé àwọn àníyàn" in text_of(yoruba)
