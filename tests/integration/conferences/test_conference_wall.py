"""The live screen (the wall) as the room uses it: each round of scores hidden until the chair
reveals it (on the wall, its data and the scaling page), the children's words and the safety
goals shown, and anything kept off the wall absent from its page and its data."""

from datetime import UTC, datetime

import pytest
from at_once import at_once
from helpers import Client, count, sign_in
from pages import assert_page, text_of, texts

from conference.extensions import db
from conference.models import (
    Attendee,
    AuditEvent,
    ChildVoice,
    Conference,
    ConferenceIdentity,
    CoreGroupMember,
    KeptOffWall,
    MapItem,
    Plan,
    SafetyGoal,
    ScalingRound,
    ScalingScore,
)
from conference.pdf.conference_record import TEMPLATE, conference_record_context
from conference.pdf.render import render_html

QUESTION = "Where are things today?"
# (name, role, is_parent, attendance), in the order attendance was recorded.
PEOPLE = [
    ("Dana Jones", "Mother", True, "attended"),
    ("Sam Patel", "Social worker", False, "attended"),
    ("Jo Reid", "Teacher", False, "attended"),
    ("Pat Ali", "Health visitor", False, "apologies"),
]


@pytest.fixture
def room(make_conference, attend):
    """A conference (Lily, her mother Dana) with the people above; `.people` their attendee ids
    by name, `.live`, `.data` and `.scaling` its addresses."""
    conference = make_conference()
    conference.people = attend(conference.id, PEOPLE)
    conference.live = f"/conferences/{conference.id}/live"
    conference.data = f"/conferences/{conference.id}/live.json"
    conference.scaling = f"/conferences/{conference.id}/scaling"
    conference.reveal = f"/conferences/{conference.id}/scaling/reveal"
    conference.room_sees = f"/conferences/{conference.id}/live/what-the-room-sees"
    return conference


@pytest.fixture
def chair(another):
    return another("chair", email="chair@example.org", name="Chris Chair")


def give(app, room, name, value, reason, worry_item_id=None):
    with app.app_context():
        db.session.add(
            ScalingScore(
                conference_id=room.id,
                attendee_id=room.people[name],
                worry_item_id=worry_item_id,
                person_name=name,
                is_parent=name == "Dana Jones",
                value=value,
                reason=reason,
                question=QUESTION,
                polarity="safe_at_10",
            )
        )
        db.session.commit()


def wall_and_data(client, room) -> list[str]:
    """The wall's page and the data it polls, as text."""
    page = client.get(room.live)
    assert page.status_code == 200
    return [text_of(page.get_data(as_text=True)), text_of(client.get(room.data).get_json()["html"])]


def worry(app, room, text="Dad shouts when he drinks") -> int:
    with app.app_context():
        item = MapItem(conference_id=room.id, heading="worry", text=text, position=0)
        db.session.add(item)
        db.session.commit()
        return item.id


# Revealing the scores


def test_before_the_reveal_the_wall_shows_who_has_scored_not_the_scores(chair, app, room):
    give(app, room, "Dana Jones", 6, "We changed things at home")
    give(app, room, "Sam Patel", 1, "Still scared at night")
    for shown in wall_and_data(chair, room):
        assert "2 of 3 have scored" in shown
        assert "Scored: Dana Jones, Sam Patel" in shown
        assert "Not scored yet: Jo Reid" in shown
        assert "The scores stay hidden until the chair reveals them" in shown
        assert "We changed things at home" not in shown
        assert "Still scared at night" not in shown
        assert "Lowest" not in shown and "Median" not in shown
        assert "Very low score" not in shown


def test_the_chair_reveals_a_round_and_the_room_sees_the_scores(chair, app, room):
    for name, value in (("Dana Jones", 6), ("Sam Patel", 1), ("Jo Reid", 4)):
        give(app, room, name, value, f"Reason of {name}")
    html = chair.get(room.live).get_data(as_text=True)
    assert texts(html, "a.app-live__action") == ["Reveal the scores"]
    page = assert_page(chair.get(f"{room.reveal}?back=live"), "Reveal the scores")
    assert "3 of 3 have scored." in text_of(page)
    assert "Not everyone present has scored" not in text_of(page)

    response = chair.post(
        room.reveal, {"worry": "", "back": "live"}, page=f"{room.reveal}?back=live"
    )
    assert response.status_code == 302
    assert response.headers["Location"] == room.live
    for shown in wall_and_data(chair, room):
        assert "Lowest 1 Highest 6 Median 4" in shown
        assert "Dana Jones 6 Reason of Dana Jones" in shown
        assert "Sam Patel Very low score 1 Reason of Sam Patel" in shown
        assert "have scored" not in shown
    with app.app_context():
        rounds = db.session.query(ScalingRound).all()
        assert [(r.conference_id, r.round_key, r.revealed_by_id) for r in rounds] == [
            (room.id, "overall", chair.user_id)
        ]
        event = db.session.query(AuditEvent).filter_by(action="reveal scores").one()
        assert (event.user_id, event.record_type, event.record_id, event.case_id) == (
            chair.user_id,
            "conference",
            str(room.id),
            room.case_id,
        )
        # How many had scored, never the scores.
        assert event.changes == {"round": [None, "overall"], "scored": [None, "3 of 3 have scored"]}


def test_the_chair_may_reveal_before_everyone_has_scored_and_is_warned(chair, app, room):
    give(app, room, "Dana Jones", 6, "Better")
    page = text_of(assert_page(chair.get(room.reveal), "Reveal the scores"))
    assert "1 of 3 has scored." in page
    assert (
        "Not everyone present has scored. Sam Patel and Jo Reid have not scored yet. If you "
        "reveal the scores now, they will see everyone else’s before giving their own."
    ) in page
    assert chair.post(room.reveal, {"worry": ""}).headers["Location"] == room.scaling
    assert count(app, ScalingRound, conference_id=room.id) == 1
    assert "Dana Jones 6 Better" in wall_and_data(chair, room)[1]


def test_nothing_to_reveal_before_anyone_scores(chair, app, room):
    page = text_of(assert_page(chair.get(room.reveal), "Reveal the scores"))
    assert "Nobody has scored yet" in page
    assert "csrf_token" not in chair.get(room.reveal).get_data(as_text=True).split("<main")[1]
    chair.post(room.reveal, {"worry": ""}, page=room.scaling)
    assert count(app, ScalingRound) == 0
    assert "Reveal the scores" not in wall_and_data(chair, room)[0]


@pytest.mark.parametrize(
    ("role", "fields"),
    [
        ("social_worker", {"team": "Team A"}),
        ("manager", {"team": "Team A"}),
        ("practitioner", {}),
    ],
)
def test_only_the_chair_reveals(another, app, room, role, fields):
    client = another(role, **fields)
    with app.app_context():
        if role == "social_worker":
            conference = db.session.get(Conference, room.id)
            conference.case.social_worker_id = client.user_id
        db.session.add(CoreGroupMember(case_id=room.case_id, user_id=client.user_id))
        db.session.commit()
    give(app, room, "Dana Jones", 6, "Better")
    assert client.get(room.reveal).status_code == 403
    token = client.csrf_token(room.scaling)
    response = client.raw.post(room.reveal, data={"csrf_token": token, "worry": ""})
    assert response.status_code == 403
    assert count(app, ScalingRound) == 0
    assert count(app, AuditEvent, action="reveal scores") == 0
    for shown in wall_and_data(client, room):
        assert "Reveal the scores" not in shown
        assert "Better" not in shown


def test_a_chair_who_is_not_this_conferences_chair_may_not_reveal(chair, another, app, room):
    other = another("chair", email="other.chair@example.org")
    with app.app_context():
        db.session.get(Conference, room.id).chair_id = chair.user_id
        db.session.commit()
    give(app, room, "Dana Jones", 6, "Better")
    assert other.get(room.reveal).status_code == 403
    assert "Reveal the scores" not in wall_and_data(other, room)[0]
    assert chair.get(room.reveal).status_code == 200


def test_a_worry_statements_round_is_revealed_on_its_own(chair, app, room):
    item_id = worry(app, room)
    give(app, room, "Dana Jones", 6, "Overall reason")
    give(app, room, "Dana Jones", 3, "Worry reason", worry_item_id=item_id)
    chair.post(room.reveal, {"worry": ""}, page=room.reveal)
    page = text_of(chair.get(room.scaling).get_data(as_text=True))
    assert "Overall reason" in page
    assert "Worry reason" not in page
    assert "1 of 3 has scored. The scores stay hidden until the chair reveals them." in page
    assert chair.get(f"{room.reveal}?worry={item_id}").status_code == 200
    chair.post(room.reveal, {"worry": str(item_id)}, page=f"{room.reveal}?worry={item_id}")
    assert "Worry reason" in text_of(chair.get(room.scaling).get_data(as_text=True))
    with app.app_context():
        keys = sorted(r.round_key for r in db.session.query(ScalingRound))
    assert keys == ["overall", f"worry:{item_id}"]


@pytest.mark.parametrize("worry_value", ["999999", "abc", "1" * 40, "²"])
def test_no_such_worry_statement_is_not_found(chair, app, room, worry_value):
    give(app, room, "Dana Jones", 6, "Better")
    assert chair.get(f"{room.reveal}?worry={worry_value}").status_code == 404
    token = chair.csrf_token(room.scaling)
    response = chair.raw.post(room.reveal, data={"csrf_token": token, "worry": worry_value})
    assert response.status_code == 404
    assert count(app, ScalingRound) == 0


def test_the_scaling_page_hides_the_scores_until_the_reveal(chair, app, room):
    response = chair.post(
        f"{room.scaling}/{room.people['Dana Jones']}",
        {"score": "6", "reason": "We changed things at home"},
    )
    assert response.status_code == 302
    # The room may see this screen: neither banner nor page gives the score before the reveal.
    page = text_of(chair.get(room.scaling).get_data(as_text=True))
    assert (
        "Score from Dana Jones saved. The room sees it when the chair reveals the scores."
    ) in page
    assert "saved: 6" not in page
    assert "Dana Jones Mother Scored (hidden until the chair reveals the scores)" in page
    assert "We changed things at home" not in page
    assert "1 of 3 has scored. The scores stay hidden until the chair reveals them." in page
    assert "Reveal the scores" in page
    chair.post(room.reveal, {"worry": ""}, page=room.reveal)
    page = text_of(chair.get(room.scaling).get_data(as_text=True))
    assert "We changed things at home" in page
    assert "Scored (hidden" not in page


def test_a_finalised_conferences_scores_are_all_on_its_record(chair, app, room):
    item_id = worry(app, room)
    give(app, room, "Dana Jones", 6, "Overall reason")
    give(app, room, "Dana Jones", 3, "Worry reason", worry_item_id=item_id)
    with app.app_context():
        db.session.get(Conference, room.id).finalised_at = datetime(2026, 11, 27, tzinfo=UTC)
        db.session.commit()
    page = text_of(chair.get(room.scaling).get_data(as_text=True))
    assert "Overall reason" in page and "Worry reason" in page
    assert "Reveal the scores" not in page
    assert "Dana Jones 6 Overall reason" in wall_and_data(chair, room)[0]
    assert chair.get(room.reveal).status_code == 409


# The children's words and the safety goals


def with_voice_and_goals(app, room):
    with app.app_context():
        db.session.add(
            ChildVoice(
                conference_id=room.id,
                child_id=room.child_id,
                own_words="I like it when Dad is calm.",
                house_of_dreams="A dog called Biscuit",
            )
        )
        lily = Attendee(
            conference_id=room.id,
            name="Lily Jones",
            role="Child",
            agency_type="family",
            child_id=room.child_id,
            attendance="attended",
            position=9,
        )
        plan = Plan(case_id=room.case_id, conference_id=room.id)
        plan.goals = [
            SafetyGoal(statement="Lily feels safe at bedtime", position=1, measure="Lily says so"),
            SafetyGoal(statement="Dad stays sober at home", position=0),
        ]
        db.session.add_all([lily, plan])
        db.session.commit()
        room.people["Lily Jones"] = lily.id


def test_the_wall_shows_what_the_children_said_and_the_goals_as_drafted(chair, app, room):
    with_voice_and_goals(app, room)
    html = chair.get(room.live).get_data(as_text=True)
    for shown in wall_and_data(chair, room):
        assert (
            "What the children said Lily Jones In their own words: I like it when Dad is calm. "
            "House of dreams: A dog called Biscuit"
        ) in shown
        assert (
            "Safety goals Dad stays sober at home Lily feels safe at bedtime "
            "How we will know: Lily says so"
        ) in shown
    assert texts(html, "h2.app-live__column-title")[2] == "What needs to happen next?"


def test_a_childs_own_score_is_beside_her_words_once_revealed(chair, app, room):
    with_voice_and_goals(app, room)
    give(app, room, "Lily Jones", 7, "Dad is nicer now")
    assert "Lily’s own score" not in wall_and_data(chair, room)[0]
    assert "Dad is nicer now" not in wall_and_data(chair, room)[1]
    chair.post(room.reveal, {"worry": ""}, page=room.reveal)
    for shown in wall_and_data(chair, room):
        assert (
            "House of dreams: A dog called Biscuit Lily’s own score: 7. Dad is nicer now" in shown
        )


# Keeping things off the wall


def with_sensitive_things(app, room) -> dict:
    with app.app_context():
        items = [
            MapItem(conference_id=room.id, heading="complicating", text=text, position=n)
            for n, text in enumerate(["Mum has no recourse to public funds", "Money is tight"])
        ]
        voice = ChildVoice(conference_id=room.id, child_id=room.child_id, own_words="A secret")
        answers = ConferenceIdentity(
            conference_id=room.id,
            child_id=room.child_id,
            community_safety_network="Pastor Ade from church",
            heritage_connection="Yoruba lessons on Saturdays",
        )
        db.session.add_all([*items, voice, answers])
        db.session.commit()
        return {
            "item": f"map_item:{items[0].id}:",
            "voice": f"child_voice:{voice.id}:",
            "identity": f"conference_identity:{answers.id}:community_safety_network",
        }


def test_what_is_kept_off_is_in_neither_the_wall_nor_its_data(chair, app, room):
    keys = with_sensitive_things(app, room)
    for shown in wall_and_data(chair, room):
        assert "Mum has no recourse to public funds" in shown
        assert "A secret" in shown
        assert "Pastor Ade from church" in shown
    page = text_of(assert_page(chair.get(room.room_sees), "What the room sees"))
    # Each box says exactly what ticking it keeps off the screen (issue 18).
    assert (
        "The map: keep off the screen Keep off the screen: Complicating factors 1, "
        "“Mum has no recourse to public funds”"
    ) in page
    assert "Keep off the screen: what Lily said, “A secret”" in page
    assert (
        "Keep off the screen: Lily’s identity answer to “Who in the family’s community or faith "
        "network could join the safety network?”, “Pastor Ade from church”"
    ) in page
    assert "Mum has no recourse to public funds" in page
    response = chair.post(room.room_sees, {"keep": list(keys.values())})
    assert response.status_code == 302
    assert "What the room sees is saved" in chair.get(room.room_sees).get_data(as_text=True)
    for shown in wall_and_data(chair, room):
        assert "Mum has no recourse to public funds" not in shown
        assert "A secret" not in shown
        assert "Pastor Ade from church" not in shown
        assert "Money is tight" in shown
        assert "Yoruba lessons on Saturdays" in shown
    with app.app_context():
        rows = db.session.query(KeptOffWall).order_by(KeptOffWall.id).all()
        assert sorted(f"{r.kind}:{r.record_id}:{r.field}" for r in rows) == sorted(keys.values())
        assert {r.kept_by_id for r in rows} == {chair.user_id}
        events = db.session.query(AuditEvent).filter_by(action="keep off the live screen").all()
        assert len(events) == 3
        assert {e.case_id for e in events} == {room.case_id}
        # The audit trail names the records, never what they say.
        assert "recourse" not in str([e.changes for e in events])


def test_a_voice_record_with_no_words_is_not_offered_to_keep_off(chair, app, room):
    with app.app_context():
        db.session.add(ChildVoice(conference_id=room.id, child_id=room.child_id, own_words=" "))
        db.session.commit()
    page = text_of(assert_page(chair.get(room.room_sees), "What the room sees"))
    assert "what Lily said" not in page


def test_a_thing_kept_off_can_be_shown_again(chair, app, room):
    keys = with_sensitive_things(app, room)
    chair.post(room.room_sees, {"keep": [keys["item"], keys["voice"]]})
    chair.post(room.room_sees, {"keep": [keys["voice"]], "was_kept": [keys["item"], keys["voice"]]})
    shown = wall_and_data(chair, room)[1]
    assert "Mum has no recourse to public funds" in shown
    assert "A secret" not in shown
    assert count(app, KeptOffWall) == 1
    assert count(app, AuditEvent, action="show on the live screen") == 1


def test_the_conference_record_prints_everything_and_marks_what_was_kept_off(chair, app, room):
    """The professional record is the whole record: what the room did not see is printed,
    marked "Not shown on the screen in the room" beside it (issue 18)."""
    keys = with_sensitive_things(app, room)
    chair.post(room.room_sees, {"keep": list(keys.values())})
    with app.app_context():
        context = conference_record_context(db.session.get(Conference, room.id))
        page = text_of(render_html(TEMPLATE, **context))
    mark = "Not shown on the screen in the room"
    assert f"{mark} 1. Mum has no recourse to public funds" in page
    assert f"{mark} 2. Money is tight" not in page
    assert "2. Money is tight" in page
    assert f"{mark}: what Lily said In Lily’s own words A secret" in page
    assert f"Pastor Ade from church {mark}" in page
    assert f"Yoruba lessons on Saturdays {mark}" not in page
    assert page.count(mark) == 3


def test_a_page_loaded_earlier_does_not_undo_what_someone_else_kept_off(chair, app, room):
    keys = with_sensitive_things(app, room)
    chair.post(room.room_sees, {"keep": [keys["item"]]})
    # Another page, loaded before that save, showed nothing kept off and ticks the voice.
    chair.post(room.room_sees, {"keep": [keys["voice"]], "was_kept": []})
    with app.app_context():
        kept = sorted(r.kind for r in db.session.query(KeptOffWall))
    assert kept == ["child_voice", "map_item"]


def test_keys_that_are_not_this_conferences_are_ignored(chair, app, room, make_conference):
    other = make_conference()
    with app.app_context():
        item = MapItem(conference_id=other.id, heading="grey", text="Elsewhere", position=0)
        db.session.add(item)
        db.session.commit()
        other_key = f"map_item:{item.id}:"
    hostile = [other_key, "map_item:abc:", "user_account:1:", "map_item:99999999999999:", "x"]
    response = chair.post(room.room_sees, {"keep": hostile})
    assert response.status_code == 302
    assert count(app, KeptOffWall) == 0
    assert count(app, AuditEvent, action="keep off the live screen") == 0


def test_who_may_choose_what_the_room_sees(another, app, room, make_conference):
    practitioner = another("practitioner")
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=room.case_id, user_id=practitioner.user_id))
        db.session.commit()
    assert practitioner.get(room.room_sees).status_code == 403
    assert "What the room sees" not in practitioner.get(room.live).get_data(as_text=True)
    elsewhere = another("social_worker", team="Team B", email="b@example.org")
    assert elsewhere.get(room.room_sees).status_code == 404
    assert count(app, AuditEvent, action="view what the room sees") == 0


def test_viewing_what_the_room_sees_is_audited(chair, app, room):
    assert_page(chair.get(room.room_sees), "What the room sees")
    assert count(app, AuditEvent, action="view what the room sees") == 1
    html = chair.get(room.live).get_data(as_text=True)
    assert f'href="{room.room_sees}">What the room sees</a>' in html


def test_a_kept_off_worry_statement_is_off_the_wall_but_still_scored(chair, app, room):
    item_id = worry(app, room, "Something said in confidence")
    chair.post(room.room_sees, {"keep": [f"map_item:{item_id}:"]})
    assert "Something said in confidence" not in wall_and_data(chair, room)[1]
    assert "Something said in confidence" in text_of(chair.get(room.scaling).get_data(as_text=True))


def test_the_identity_answers_on_the_wall_are_the_conferences(chair, app, room):
    with_sensitive_things(app, room)
    shown = wall_and_data(chair, room)[0]
    assert "Identity Lily Jones" in shown
    assert (
        "How will the plan keep Lily connected to their heritage? Yoruba lessons on Saturdays"
    ) in shown


def test_the_room_sees_page_says_when_there_is_nothing_yet(chair, room):
    page = text_of(assert_page(chair.get(room.room_sees), "What the room sees"))
    assert "Nothing is recorded yet that the screen could show." in page


def test_a_draft_record_printed_before_the_reveal_has_no_scores(chair, app, room):
    item_id = worry(app, room)
    give(app, room, "Dana Jones", 6, "Overall reason")
    give(app, room, "Dana Jones", 3, "Worry reason", worry_item_id=item_id)
    with app.app_context():
        context = conference_record_context(db.session.get(Conference, room.id))
        assert (context["overall"].rows, context["worry_rounds"]) == ([], [])
        assert context["scores_hidden"] is True
    chair.post(room.reveal, {"worry": ""}, page=room.reveal)
    with app.app_context():
        context = conference_record_context(db.session.get(Conference, room.id))
        assert [row.reason for row in context["overall"].rows] == ["Overall reason"]
        assert context["worry_rounds"] == []  # the worry statement's round is still hidden
        assert context["scores_hidden"] is False


def test_revealing_twice_reveals_once(chair, app, room):
    give(app, room, "Dana Jones", 6, "Better")
    token = chair.csrf_token(room.reveal)
    for _press in range(2):
        response = chair.raw.post(room.reveal, data={"csrf_token": token, "worry": ""})
        assert response.status_code == 302
    assert count(app, ScalingRound) == 1
    assert count(app, AuditEvent, action="reveal scores") == 1


def test_two_presses_at_the_same_moment_reveal_once(chair, app, room):
    """A double press sends two requests that both find the round hidden: the database lets one
    row in, and the other press changes nothing and goes back to the scaling page too."""
    give(app, room, "Dana Jones", 6, "Better")
    again = Client(app.test_client())
    assert sign_in(again, "chair@example.org").status_code == 302
    data = [{"csrf_token": c.csrf_token(room.reveal), "worry": ""} for c in (chair, again)]
    responses = at_once(
        lambda: chair.raw.post(room.reveal, data=data[0]),
        lambda: again.raw.post(room.reveal, data=data[1]),
    )
    assert [r.status_code for r in responses] == [302, 302]
    assert count(app, ScalingRound) == 1
    assert count(app, AuditEvent, action="reveal scores") == 1


def test_two_people_keeping_the_same_thing_off_at_once_keep_it_off_once(chair, app, room):
    keys = with_sensitive_things(app, room)
    again = Client(app.test_client())
    assert sign_in(again, "chair@example.org").status_code == 302
    data = [
        {"csrf_token": c.csrf_token(room.room_sees), "keep": keys["item"]} for c in (chair, again)
    ]
    responses = at_once(
        lambda: chair.raw.post(room.room_sees, data=data[0]),
        lambda: again.raw.post(room.room_sees, data=data[1]),
    )
    assert [r.status_code for r in responses] == [302, 302]
    assert count(app, KeptOffWall) == 1
    assert count(app, AuditEvent, action="keep off the live screen") == 1
    assert "Mum has no recourse to public funds" not in wall_and_data(chair, room)[1]
