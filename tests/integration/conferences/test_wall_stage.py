"""The chair shows the room one stage of the meeting at a time on the live screen (issue 18):
chosen on "What the room sees", stored and audited, followed by the screen and the data it
polls; refused to those who may not choose what the room sees, and a choice that is no stage
explained without changing anything."""

import pytest
from helpers import count
from pages import assert_page, error_messages, error_summary, select, text_of, texts

from conference.extensions import db
from conference.models import AuditEvent, ChildVoice, Conference, CoreGroupMember, WallStage

MAP_TITLES = ["What are we worried about?", "What is working well?", "What needs to happen next?"]


@pytest.fixture
def room(make_conference):
    conference = make_conference()
    conference.live = f"/conferences/{conference.id}/live"
    conference.data = f"/conferences/{conference.id}/live.json"
    conference.room_sees = f"/conferences/{conference.id}/live/what-the-room-sees"
    conference.stage = f"/conferences/{conference.id}/live/stage"
    return conference


@pytest.fixture
def chair(another):
    return another("chair", email="chair@example.org", name="Chris Chair")


def choose(client, room, stage: str, **kwargs):
    return client.post(room.stage, {"stage": stage}, page=room.room_sees, **kwargs)


def screen(client, room) -> list[str]:
    """The live screen's page and the data it polls, each as its HTML."""
    page = client.get(room.live)
    assert page.status_code == 200
    return [page.get_data(as_text=True), client.get(room.data).get_json()["html"]]


def checked(html: str) -> list[str]:
    return [
        radio.get("value")
        for radio in select(html, 'input[name="stage"]')
        if radio.get("checked") is not None
    ]


def stored_stages(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.query(WallStage).all()
        return [(row.conference_id, row.stage, row.chosen_by_id) for row in rows]


def test_before_the_chair_chooses_the_screen_shows_everything(chair, room):
    page = assert_page(chair.get(room.room_sees), "What the room sees")
    assert checked(page) == ["everything"]
    assert texts(page, "label.govuk-radios__label") == [
        "The map",
        "The children’s voices",
        "Safety goals",
        "Scaling",
        "Identity",
        "The decision",
        "Everything",
    ]
    for html in screen(chair, room):
        assert texts(html, ".app-live__column-title") == MAP_TITLES
        assert texts(html, ".app-live__section-title") == ["Scaling", "Decisions"]
        assert "data-live-fit" not in html


def test_the_chair_shows_the_room_the_map_and_the_screen_follows(chair, app, room):
    response = choose(chair, room, "map")
    assert response.status_code == 302
    assert response.headers["Location"] == room.room_sees
    page = chair.get(room.room_sees).get_data(as_text=True)
    assert "The screen shows: The map" in text_of(page)
    assert checked(page) == ["map"]
    assert stored_stages(app) == [(room.id, "map", chair.user_id)]
    for html in screen(chair, room):
        assert texts(html, ".app-live__column-title") == MAP_TITLES
        assert texts(html, ".app-live__section-title") == []
        assert "Complicating factors" in text_of(html)
        assert "Grey areas" in text_of(html)
        assert "data-live-fit" in html

    choose(chair, room, "scaling")
    assert stored_stages(app) == [(room.id, "scaling", chair.user_id)]
    for html in screen(chair, room):
        assert texts(html, ".app-live__column-title") == []
        assert texts(html, ".app-live__section-title") == ["Scaling"]
        assert "Nobody has scored yet" in text_of(html)


def test_each_choice_is_audited_with_what_the_screen_showed_before(chair, app, room):
    choose(chair, room, "map")
    choose(chair, room, "decision")
    with app.app_context():
        events = (
            db.session.query(AuditEvent)
            .filter_by(action="choose what the live screen shows")
            .order_by(AuditEvent.id)
            .all()
        )
        assert [(e.user_id, e.record_type, e.record_id, e.case_id) for e in events] == [
            (chair.user_id, "conference", str(room.id), room.case_id)
        ] * 2
        assert [e.changes for e in events] == [
            {"stage": ["everything", "map"]},
            {"stage": ["map", "decision"]},
        ]


def test_choosing_what_the_screen_already_shows_changes_nothing(chair, app, room):
    choose(chair, room, "goals")
    response = choose(chair, room, "goals", follow_redirects=True)
    assert "The screen already shows: Safety goals" in text_of(response.get_data(as_text=True))
    assert count(app, AuditEvent, action="choose what the live screen shows") == 1
    for html in screen(chair, room):
        assert texts(html, ".app-live__section-title") == ["Safety goals"]
        assert "No safety goals drafted yet" in text_of(html)


def test_a_stage_with_nothing_yet_says_so(chair, app, room):
    choose(chair, room, "voices")
    assert "No child’s words are recorded yet" in text_of(screen(chair, room)[1])
    with app.app_context():
        db.session.add(ChildVoice(conference_id=room.id, child_id=room.child_id, own_words="Hi"))
        db.session.commit()
    html = screen(chair, room)[1]
    assert texts(html, ".app-live__section-title") == ["What the children said"]
    assert "In their own words: Hi" in text_of(html)
    choose(chair, room, "identity")
    assert "No identity answers are recorded yet" in text_of(screen(chair, room)[1])


@pytest.mark.parametrize("stage", ["", "kitchen", "map ", "MAP", "x" * 5000])
def test_a_choice_that_is_no_stage_is_explained_and_changes_nothing(chair, app, room, stage):
    choose(chair, room, "map")
    response = choose(chair, room, stage)
    html = assert_page(response, "What the room sees")
    assert error_summary(html) == ["Select what the room sees now"]
    assert error_messages(html) == ["Select what the room sees now"]
    assert select(html, ".govuk-error-summary a")[0].get("href") == "#stage"
    assert stored_stages(app) == [(room.id, "map", chair.user_id)]
    assert count(app, AuditEvent, action="choose what the live screen shows") == 1


def test_the_minute_taker_of_the_conference_chooses_the_stage(another, app, room):
    minute_taker = another("minute_taker", email="mina@example.org")
    with app.app_context():
        db.session.get(Conference, room.id).minute_taker_id = minute_taker.user_id
        db.session.commit()
    assert choose(minute_taker, room, "voices").status_code == 302
    assert stored_stages(app) == [(room.id, "voices", minute_taker.user_id)]


def test_who_may_not_choose_the_stage_is_refused_and_nothing_changes(another, app, room):
    chair = another("chair", email="chair@example.org")
    practitioner = another("practitioner")
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=room.case_id, user_id=practitioner.user_id))
        db.session.commit()
    # A token from a page they may see: the refusal is the access rule's, not the token's.
    token = practitioner.csrf_token(f"/conferences/{room.id}")
    response = practitioner.post(room.stage, {"stage": "map", "csrf_token": token})
    assert response.status_code == 403
    elsewhere = another("social_worker", team="Team B", email="b@example.org")
    token = elsewhere.csrf_token("/change-password")
    response = elsewhere.post(room.stage, {"stage": "map", "csrf_token": token})
    assert response.status_code == 404
    assert chair.get(room.stage).status_code == 405
    assert stored_stages(app) == []
    assert count(app, AuditEvent, action="choose what the live screen shows") == 0
    assert choose(chair, room, "map", csrf=False).status_code == 400
    assert stored_stages(app) == []


def test_a_finalised_conference_is_refused_and_its_screen_shows_everything(
    chair, app, make_conference
):
    finalised = make_conference(finalised=True)
    with app.app_context():
        db.session.add(WallStage(conference_id=finalised.id, stage="map"))
        db.session.commit()
    token = chair.csrf_token(f"/conferences/{finalised.id}")
    response = chair.post(
        f"/conferences/{finalised.id}/live/stage", {"stage": "scaling", "csrf_token": token}
    )
    assert response.status_code == 409
    html = chair.get(f"/conferences/{finalised.id}/live").get_data(as_text=True)
    assert texts(html, ".app-live__column-title") == MAP_TITLES
    assert texts(html, ".app-live__section-title") == ["Scaling", "Decisions"]
    assert stored_stages(app) == [(finalised.id, "map", None)]
