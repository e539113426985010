"""Staff reading and accepting a family's views before a meeting (issue 20): who may read and
who may accept, each version's acceptance and what it stores, what a child asked us not to
share kept out of the family's plan and off the live screen, a finalised conference refused,
"do not use" with a reason, a core group meeting, the list on the meeting's pages, audit rows."""

import io
from datetime import UTC, datetime

import pytest
from helpers import sign_in
from pages import assert_page, error_messages, error_summary, select, text_of
from pypdf import PdfReader
from sqlalchemy import select as query
from tagged_pdf import squashed

from conference.extensions import db
from conference.models import (
    Adult,
    AuditEvent,
    Child,
    ChildVoice,
    Conference,
    CoreGroupMeeting,
    CoreGroupScore,
    KeptFromFamily,
    MapItem,
    Plan,
    ScalingScore,
    User,
)
from conference.models.family_voice import FamilyViews
from conference.services.invitations import invite

SUMMARY = "Views sent before this meeting"
KEPT = "Kemi asked us not to share this with their parents"
DECIDED = "These views were decided already. Nothing was changed."
FINALISED = "The conference is finalised: its record is never changed."


def _as(client, family, who):
    assert sign_in(client, family.emails[who]).status_code == 302
    return client


def _views(
    app, family, person="kemi", version="young_person", where="conference", sent=True, **answers
) -> int:
    """An invitation made by the social worker, with views saved (and sent unless not
    `sent`); its id. `answers` are FamilyViews columns."""
    with app.app_context():
        actor = db.session.get(User, family.user_ids["social_worker"])
        if where == "conference":
            meeting = db.session.get(Conference, family.conference_id)
        else:
            meeting = db.session.get(CoreGroupMeeting, family.meeting_id)
        who = (
            db.session.get(Child, family.kemi_id)
            if person == "kemi"
            else db.session.get(Adult, family.dana_id)
        )
        invitation, _code = invite(actor, meeting, who, version)
        if answers or sent:
            db.session.add(
                FamilyViews(
                    invitation_id=invitation.id,
                    sent_at=datetime.now(UTC) if sent else None,
                    **answers,
                )
            )
        db.session.commit()
        return invitation.id


def _stored(app, invitation_id) -> FamilyViews:
    with app.app_context():
        views = db.session.scalar(
            query(FamilyViews).where(FamilyViews.invitation_id == invitation_id)
        )
        db.session.expunge(views)
        return views


def _actions(app, *actions) -> list[str]:
    with app.app_context():
        rows = db.session.scalars(
            query(AuditEvent.action).where(AuditEvent.action.in_(actions)).order_by(AuditEvent.id)
        )
        return list(rows)


YOUNG = {
    "worries": "Dad shouting at night",
    "good_things": "My bike and Gran",
    "hopes": "A dog",
    "wishes": "I want Dad to stop drinking",
    "score": 4,
    "score_reason": "Mum is trying hard",
    "attending": "part",
    "advocate": "yes",
    "not_shared": ["worries", "wishes"],
}


@pytest.mark.parametrize(
    ("who", "reads", "decides"),
    [
        ("social_worker", 200, 200),
        ("manager", 200, 200),
        ("chair", 200, 200),
        ("minute_taker", 200, 403),  # sees the conference, does not decide for it
        ("other_worker", 404, 404),
    ],
)
def test_who_may_read_and_who_may_accept(client, family, app, who, reads, decides):
    invitation_id = _views(app, family, **YOUNG)
    _as(client, family, who)
    assert client.get(f"/invitations/{invitation_id}/views").status_code == reads
    for url in ("accept", "not-used"):
        assert client.get(f"/invitations/{invitation_id}/views/{url}").status_code == decides
    if decides != 200:
        response = client.raw.post(f"/invitations/{invitation_id}/views/accept")
        assert response.status_code in (400, decides)
        assert _stored(app, invitation_id).outcome == "waiting"


def test_a_feedback_invitation_or_none_at_all_is_not_found(client, family, app):
    _as(client, family, "chair")
    assert client.get("/invitations/99999/views").status_code == 404


def test_the_meeting_pages_list_each_invitation_and_where_its_views_are_at(client, family, app):
    _views(app, family, person="dana", version="parent", sent=False)  # not started
    _views(app, family, **YOUNG)
    _as(client, family, "social_worker")
    page = client.get(f"/conferences/{family.conference_id}").get_data(as_text=True)
    words = text_of(page)
    assert SUMMARY in words
    assert "Kemi Adeyemi A young person Sent: waiting for you" in words
    assert "Dana Adeyemi A parent or carer Not started" in words
    assert "Dad shouting at night" not in words  # the answers are on their own page
    core = text_of(client.get(f"/core-groups/{family.meeting_id}").get_data(as_text=True))
    assert SUMMARY in core and "Nobody has been invited to give their views" in core


def test_views_not_sent_show_no_answers(client, family, app):
    invitation_id = _views(app, family, sent=False, worries="Something private")
    _as(client, family, "social_worker")
    listed = text_of(client.get(f"/conferences/{family.conference_id}").get_data(as_text=True))
    assert "Kemi Adeyemi A young person Started, not sent" in listed
    html = assert_page(client.get(f"/invitations/{invitation_id}/views"), "Views from Kemi Adeyemi")
    words = text_of(html)
    assert "They have started, but have not sent their views yet." in words
    assert "Something private" not in words
    assert "Accept into the conference" not in words
    refused = client.get(f"/invitations/{invitation_id}/views/accept")
    assert "They have not sent their views yet." in text_of(refused.get_data(as_text=True))


def test_the_views_page_shows_the_answers_marks_what_is_not_shared_and_is_audited(
    client, family, app
):
    invitation_id = _views(app, family, **YOUNG)
    _as(client, family, "minute_taker")
    html = assert_page(client.get(f"/invitations/{invitation_id}/views"), "Views from Kemi Adeyemi")
    words = text_of(html)
    for row in (
        "House of worries Not to be shared with their parents Dad shouting at night",
        "House of good things My bike and Gran",
        "What they want to happen Not to be shared with their parents I want Dad to stop",
        "Their own score (0 to 10) 4",
        "Coming to the meeting Yes, for part of it",
        "Wanting an advocate Yes",
    ):
        assert row in words
    assert "Accept into the conference" not in words  # not the minute-taker's to decide
    assert _actions(app, "view views before the meeting") == ["view views before the meeting"]


OWN_SCORE = "Kemi’s own score before the meeting: 4 out of 10 (10 means things are really good)"


def test_a_young_person_s_views_go_into_their_voice_and_their_own_words(client, family, app):
    with app.app_context():
        db.session.add(
            ChildVoice(
                conference_id=family.conference_id,
                child_id=family.kemi_id,
                house_of_good_things="Kemi told me she loves netball.",
            )
        )
        db.session.commit()
    invitation_id = _views(app, family, **YOUNG)
    _as(client, family, "social_worker")
    url = f"/invitations/{invitation_id}/views/accept"
    page = text_of(assert_page(client.get(url), "Accept the views from Kemi Adeyemi"))
    assert (
        "House of worries Not for the family’s copy or the live screen From Kemi’s views before "
        "the conference: Dad shouting at night." in page
    )
    assert "4 out of 10, because: Mum is trying hard" in page
    assert "It is not one of the conference’s scores: it is added to Kemi’s own words" in page
    assert "Kemi asked us not to share some answers with their parents." in page
    response = client.post(url, {})
    assert response.status_code == 302
    with app.app_context():
        voice = db.session.scalar(query(ChildVoice))
        assert voice.house_of_good_things == (
            "Kemi told me she loves netball.\n\n"
            "From Kemi’s views before the conference: My bike and Gran."
        )
        assert voice.house_of_worries == (
            "From Kemi’s views before the conference: Dad shouting at night."
        )
        assert voice.house_of_dreams == "From Kemi’s views before the conference: A dog."
        # One piece: what she wants, the houses she shared, her score (worries kept back).
        assert voice.own_words == (
            "From Kemi’s views before the conference: I want Dad to stop drinking. Good things: "
            f"My bike and Gran. Hopes: A dog. {OWN_SCORE}, because: Mum is trying hard."
        )
        assert {"houses", "app"} <= set(voice.methods)
        kept = db.session.scalars(query(KeptFromFamily).order_by(KeptFromFamily.field)).all()
        assert [(k.kind, k.record_id, k.field, k.reason) for k in kept] == [
            ("child_voice", voice.id, "house_of_worries", KEPT),
            ("child_voice", voice.id, "own_words", KEPT),
        ]
        # Her score answered another question, before the meeting: not one of the conference's.
        assert db.session.scalar(query(ScalingScore)) is None
    views = _stored(app, invitation_id)
    assert (views.outcome, views.score, views.score_reason) == ("accepted", 4, "Mum is trying hard")
    assert views.decided_by_id == family.user_ids["social_worker"]
    assert views.decided_at is not None
    assert sorted(_actions(app, "accept views", "score", "keep from the family's copy")) == [
        "accept views",
        "keep from the family's copy",
        "keep from the family's copy",
    ]
    shown = text_of(client.get(f"/invitations/{invitation_id}/views").get_data(as_text=True))
    assert "Accepted" in shown and "Accept into the conference" not in shown


def test_a_second_accept_changes_nothing_and_says_so(client, family, app):
    invitation_id = _views(app, family, **YOUNG)
    _as(client, family, "social_worker")
    url = f"/invitations/{invitation_id}/views/accept"
    token_page = url
    assert client.post(url, {}, page=token_page).status_code == 302
    with app.app_context():
        voice = db.session.scalar(query(ChildVoice))
        before = (voice.house_of_dreams, voice.own_words)
    again = client.post(url, {}, page=f"/invitations/{invitation_id}/views/not-used")
    assert DECIDED in text_of(again.get_data(as_text=True))
    with app.app_context():
        voice = db.session.scalar(query(ChildVoice))
        after = (voice.house_of_dreams, voice.own_words)
    assert before == after
    assert _actions(app, "accept views") == ["accept views"]


def _family_plan_text(client, app, family) -> str:
    with app.app_context():
        plan = Plan(case_id=family.case_id, conference_id=family.conference_id, number=2)
        db.session.add(plan)
        db.session.commit()
        plan_id = plan.id
    response = client.get(f"/plans/{plan_id}/family-plan.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.get_data()))
    return squashed("".join(page.extract_text() for page in reader.pages))


def test_what_a_child_did_not_want_shared_is_not_in_the_family_plan_nor_on_the_wall(
    client, family, app
):
    invitation_id = _views(app, family, **YOUNG)
    _as(client, family, "chair")
    assert client.post(f"/invitations/{invitation_id}/views/accept", {}).status_code == 302
    family_plan = _family_plan_text(client, app, family)
    assert squashed("Dad to stop drinking") not in family_plan
    assert squashed("Dad shouting at night") not in family_plan
    # She kept what she wants back, so her own words are kept whole, her score with them; and
    # her score is not printed as one given at the conference.
    assert squashed("Mum is trying hard") not in family_plan
    assert squashed("Nobody gave a score at the conference.") in family_plan
    live = f"/conferences/{family.conference_id}/live"
    for url in (live, f"{live}.json"):
        shown = client.get(url).get_data(as_text=True)
        assert "Dad shouting at night" not in shown
        assert "Dad to stop drinking" not in shown
        assert "My bike and Gran" in shown  # what she did not keep back is on the screen


def test_a_reason_kept_back_is_left_out_of_their_own_words_and_marked_for_staff(
    client, family, app
):
    invitation_id = _views(
        app, family, score=7, score_reason="Secret reason", not_shared=["score_reason"]
    )
    _as(client, family, "social_worker")
    assert client.post(f"/invitations/{invitation_id}/views/accept", {}).status_code == 302
    with app.app_context():
        assert db.session.scalar(query(ScalingScore)) is None
        voice = db.session.scalar(query(ChildVoice))
        assert voice.own_words == (
            "From Kemi’s views before the conference: Kemi’s own score before the meeting: "
            "7 out of 10 (10 means things are really good)."
        )
        assert db.session.scalar(query(KeptFromFamily)) is None
    scaling = text_of(client.get(f"/conferences/{family.conference_id}/scaling").get_data(True))
    assert "Children’s own scores, from their views before the meeting" in scaling
    assert (
        "Kemi Adeyemi 7 Things are really good Secret reason (not shared with parents)" in scaling
    )
    assert "Nobody has scored yet." in scaling  # not one of the conference's round


def test_a_score_kept_back_goes_nowhere_the_family_sees_and_is_marked_for_staff(
    client, family, app
):
    invitation_id = _views(app, family, score=2, score_reason="Sad", not_shared=["score"])
    _as(client, family, "chair")
    assert client.post(f"/invitations/{invitation_id}/views/accept", {}).status_code == 302
    with app.app_context():
        assert db.session.scalar(query(ChildVoice)) is None  # nothing to add
        assert db.session.scalar(query(ScalingScore)) is None
    scaling = text_of(client.get(f"/conferences/{family.conference_id}/scaling").get_data(True))
    assert (
        "Kemi Adeyemi 2 (not shared with parents) Things are really good "
        "Sad (not shared with parents)" in scaling
    )


def test_a_younger_child_s_pictures_are_added_as_words(client, family, app):
    invitation_id = _views(
        app,
        family,
        version="younger_child",
        helper="Mrs Bello",
        pictures={"worries": ["shouting", "alone"], "good_things": ["pets"], "hopes": []},
        good_things="I love Biscuit",
        score=6,
    )
    _as(client, family, "chair")
    html = client.get(f"/invitations/{invitation_id}/views").get_data(as_text=True)
    assert "House of worries Pictures chosen: Shouting, Being alone" in text_of(html)
    assert client.post(f"/invitations/{invitation_id}/views/accept", {}).status_code == 302
    with app.app_context():
        voice = db.session.scalar(query(ChildVoice))
        mark = "From Kemi’s views before the conference (with Mrs Bello helping)"
        assert voice.house_of_worries == f"{mark}: Pictures chosen: Shouting, Being alone."
        assert voice.house_of_good_things == f"{mark}: I love Biscuit. Pictures chosen: Pets."
        assert voice.house_of_dreams == ""
        assert voice.own_words == (
            f"{mark}: Worries: Pictures chosen: Shouting, Being alone. Good things: I love "
            "Biscuit. Pictures chosen: Pets. Kemi’s own score before the meeting: 6 out of 10 "
            "(10 means things are really good)."
        )
        assert db.session.scalar(query(ScalingScore)) is None
        assert db.session.scalar(query(KeptFromFamily)) is None


def test_a_younger_child_s_shared_houses_and_score_reach_the_family_plan_a_kept_one_does_not(
    client, family, app
):
    invitation_id = _views(
        app,
        family,
        version="younger_child",
        helper="Mrs Bello",
        worries="Daddy shouting",
        pictures={"good_things": ["pets"]},
        good_things="Grandma and football",
        hopes="A puppy",
        score=7,
        score_reason="Mummy is kind",
        not_shared=["worries"],
    )
    _as(client, family, "chair")
    assert client.post(f"/invitations/{invitation_id}/views/accept", {}).status_code == 302
    family_plan = _family_plan_text(client, app, family)
    for shared in (
        "Good things: Grandma and football. Pictures chosen: Pets.",
        "Hopes: A puppy.",
        "Kemi’s own score before the meeting: 7 out of 10 (10 means things are really good), "
        "because: Mummy is kind.",
    ):
        assert squashed(shared) in family_plan
    assert squashed("Daddy shouting") not in family_plan  # the house she kept back
    assert squashed("Nobody gave a score at the conference.") in family_plan
    with app.app_context():
        [kept] = db.session.scalars(query(KeptFromFamily)).all()
        assert kept.field == "house_of_worries"  # that house only: her own words are shared
    scaling = text_of(client.get(f"/conferences/{family.conference_id}/scaling").get_data(True))
    assert "Kemi Adeyemi 7 Things are really good Mummy is kind" in scaling
    assert "have scored" not in scaling


def test_the_views_page_shows_only_the_questions_asked_and_the_language(client, family, app):
    younger = _views(app, family, version="younger_child", language="yo", worries="Loud", score=6)
    _as(client, family, "social_worker")
    words = text_of(client.get(f"/invitations/{younger}/views").get_data(as_text=True))
    assert "They answered in Yoruba." in words
    for label in ("House of worries Loud", "Their own score (0 to 10) 6", "House of dreams"):
        assert label in words
    for unasked in ("What they want to happen", "Coming to the meeting", "Wanting an advocate"):
        assert unasked not in words
    parents = _views(app, family, person="dana", version="parent", language="ar", worries="Damp")
    words = text_of(client.get(f"/invitations/{parents}/views").get_data(as_text=True))
    assert "They answered in Arabic." in words and "What worries them Damp" in words


PARENT = {
    "good_things": "We go to the park on Sundays",
    "worries": "The housing is damp",
    "wishes": "Help with the landlord",
    "agrees_with_report": "partly",
    "report_comment": "The dates are wrong",
    "anything_else": "",
}


def test_a_parent_s_answers_go_onto_the_map_where_the_person_accepting_puts_them(
    client, family, app
):
    invitation_id = _views(app, family, person="dana", version="parent", **PARENT)
    _as(client, family, "social_worker")
    url = f"/invitations/{invitation_id}/views/accept"
    html = assert_page(client.get(url), "Accept the views from Dana Adeyemi")
    names = {element.get("name") for element in select(html, 'input[type="radio"]')}
    assert names == {"place_good_things", "place_worries", "place_wishes", "place_report"}
    response = client.post(url, {"place_good_things": "strengths", "place_worries": "moon"})
    html = assert_page(response, "Accept the views from Dana Adeyemi")
    assert error_summary(html) == [
        "Select where to add ‘What worries them’, or select Do not add",
        "Select where to add ‘What they think needs to happen’, or select Do not add",
        "Select where to add ‘What they think of the report’, or select Do not add",
    ]
    assert len(error_messages(html)) == 3
    assert _stored(app, invitation_id).outcome == "waiting"
    places = {
        "place_good_things": "strengths",
        "place_worries": "complicating",
        "place_wishes": "none",
        "place_report": "parents_comments",
    }
    assert client.post(url, places).status_code == 302
    with app.app_context():
        items = db.session.scalars(query(MapItem).order_by(MapItem.id)).all()
        views_id = db.session.scalar(query(FamilyViews.id))
        assert [(i.heading, i.text, i.raised_by, i.source) for i in items] == [
            ("strengths", PARENT["good_things"], "Dana Adeyemi", f"views:{views_id}:good_things"),
            ("complicating", PARENT["worries"], "Dana Adeyemi", f"views:{views_id}:worries"),
        ]
        conference = db.session.get(Conference, family.conference_id)
        assert conference.parents_comments == (
            "From Dana’s views before the conference: Do they agree with the report? Partly. "
            "The dates are wrong"
        )
    assert _actions(app, "accept views") == ["accept views"]
    map_page = text_of(client.get(f"/conferences/{family.conference_id}/map").get_data(True))
    assert "We go to the park on Sundays" in map_page


def test_a_finalised_conference_is_never_changed(client, family, app):
    invitation_id = _views(app, family, **YOUNG)
    with app.app_context():
        db.session.get(Conference, family.conference_id).finalised_at = datetime.now(UTC)
        db.session.commit()
    _as(client, family, "chair")
    page = text_of(client.get(f"/invitations/{invitation_id}/views").get_data(as_text=True))
    assert FINALISED in page and "Accept into the conference" not in page
    for url in ("accept", "not-used"):
        shown = client.get(f"/invitations/{invitation_id}/views/{url}")
        assert FINALISED in text_of(assert_page(shown, "Nothing was changed"))
        posted = client.post(
            f"/invitations/{invitation_id}/views/{url}",
            {"reason": "x"},
            page=f"/invitations/{invitation_id}/views",
        )
        assert FINALISED in text_of(posted.get_data(as_text=True))
    assert _stored(app, invitation_id).outcome == "waiting"
    with app.app_context():
        assert db.session.scalar(query(ChildVoice)) is None
        assert db.session.scalar(query(ScalingScore)) is None


def test_views_not_used_need_a_reason_and_add_nothing(client, family, app):
    invitation_id = _views(app, family, **YOUNG)
    _as(client, family, "social_worker")
    url = f"/invitations/{invitation_id}/views/not-used"
    heading = "Do not use the views from Kemi Adeyemi"
    html = assert_page(client.post(url, {"reason": "   "}), heading)
    assert error_messages(html) == ["Enter why these views are not used"]
    response = client.post(url, {"reason": "Sent for the wrong meeting"})
    assert response.status_code == 302
    views = _stored(app, invitation_id)
    assert (views.outcome, views.outcome_note) == ("not_used", "Sent for the wrong meeting")
    assert views.decided_by_id == family.user_ids["social_worker"]
    with app.app_context():
        assert db.session.scalar(query(ChildVoice)) is None
        assert db.session.scalar(query(ScalingScore)) is None
        [event] = db.session.scalars(
            query(AuditEvent).where(AuditEvent.action == "do not use views")
        ).all()
        assert event.case_id == family.case_id
        assert event.changes == {"outcome": ["waiting", "not_used"]}
    page = text_of(client.get(f"/invitations/{invitation_id}/views").get_data(as_text=True))
    assert "Not used" in page and "Reason: Sent for the wrong meeting" in page
    accept = client.get(f"/invitations/{invitation_id}/views/accept").get_data(as_text=True)
    assert DECIDED in text_of(accept)


def test_at_a_core_group_meeting_a_child_s_score_is_recorded_and_nothing_else(client, family, app):
    child = _views(app, family, where="core", **YOUNG)
    parent = _views(app, family, person="dana", version="parent", where="core", **PARENT)
    _as(client, family, "social_worker")
    listed = text_of(client.get(f"/core-groups/{family.meeting_id}").get_data(as_text=True))
    assert "Kemi Adeyemi A young person Sent: waiting for you" in listed
    page = assert_page(
        client.get(f"/invitations/{child}/views/accept"), "Mark as read the views from Kemi Adeyemi"
    )
    assert "It is recorded as Kemi’s score at this meeting" in text_of(page)
    assert client.post(f"/invitations/{child}/views/accept", {}).status_code == 302
    assert client.post(f"/invitations/{parent}/views/accept", {}).status_code == 302
    with app.app_context():
        [score] = db.session.scalars(query(CoreGroupScore)).all()
        assert (score.child_id, score.person_name, score.value) == (family.kemi_id, "Kemi", 4)
        assert score.role_label == "Child (views before the meeting)"
        assert db.session.scalar(query(ChildVoice)) is None
        assert db.session.scalar(query(MapItem)) is None
    assert _stored(app, child).outcome == "accepted"
    assert _stored(app, parent).outcome == "accepted"
    meeting = text_of(client.get(f"/core-groups/{family.meeting_id}").get_data(as_text=True))
    assert "Kemi Child (views before the meeting) 4 Mum is trying hard" in meeting


def test_a_child_s_score_from_their_views_stays_when_the_meeting_s_views_are_saved(
    client, family, app
):
    child = _views(app, family, where="core", **YOUNG)
    _as(client, family, "social_worker")
    assert client.post(f"/invitations/{child}/views/accept", {}).status_code == 302
    url = f"/core-groups/{family.meeting_id}/views"
    html = client.get(url).get_data(as_text=True)
    hidden = {e.get("name"): e.get("value") for e in select(html, 'input[type="hidden"]')}
    data = {**hidden, "child_views": "Kemi wrote to us", "parents_views": "", "notes_sent_to": ""}
    response = client.post(url, data)
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    with app.app_context():
        [score] = db.session.scalars(query(CoreGroupScore)).all()
        assert (score.person_name, score.value) == ("Kemi", 4)
        meeting = db.session.get(CoreGroupMeeting, family.meeting_id)
        assert meeting.child_views == "Kemi wrote to us"
