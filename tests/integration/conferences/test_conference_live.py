"""The live screen projected in the room: this conference's map, scaling and decisions in large
type, kept up to date from live.json, and nothing of any other case. (Hidden scores, what is kept
off the screen, the children's words and the goals: test_conference_wall.py.)"""

import re
from datetime import date, time
from types import SimpleNamespace

import pytest
from helpers import count
from pages import assert_page, text_of, texts

from conference.extensions import db
from conference.models import (
    AuditEvent,
    Child,
    ChildDecision,
    Conference,
    CoreGroupMember,
    MapItem,
    ScalingRound,
    ScalingScore,
)

QUESTION = "Where are things today?"


@pytest.fixture
def make_conference(app, make_case):
    """`make_conference(family_name=…)`: a case in Team A with one child, and an initial
    conference on 26 November 2026."""

    def make(family_name="Jones", given_name="Lily", social_worker_id=None):
        case_id = make_case(team="Team A", social_worker_id=social_worker_id)
        with app.app_context():
            child = Child(
                case_id=case_id,
                given_name=given_name,
                family_name=family_name,
                date_of_birth=date(2019, 4, 3),
                local_child_id=f"LC-{case_id}",
            )
            conference = Conference(
                case_id=case_id,
                conference_type="initial",
                held_on=date(2026, 11, 26),
                starts_at=time(10, 0),
            )
            db.session.add_all([child, conference])
            db.session.commit()
            return SimpleNamespace(
                id=conference.id,
                case_id=case_id,
                child_id=child.id,
                url=f"/conferences/{conference.id}/live",
                data_url=f"/conferences/{conference.id}/live.json",
            )

    return make


@pytest.fixture
def chair(signed_in, make_conference):
    client = signed_in("chair", email="chair@example.org", name="Chris Chair")
    client.conference = make_conference()
    return client


def add_item(app, conference, heading, text="", position=0, **fields) -> int:
    with app.app_context():
        item = MapItem(
            conference_id=conference.id,
            heading=heading,
            text=text,
            position=position,
            child_ids=[conference.child_id],
            **fields,
        )
        db.session.add(item)
        db.session.commit()
        return item.id


def add_score(app, conference, name, value, reason, is_parent=False, role="", **fields):
    with app.app_context():
        db.session.add(
            ScalingScore(
                conference_id=conference.id,
                person_name=name,
                role_label=role,
                is_parent=is_parent,
                value=value,
                reason=reason,
                question=QUESTION,
                polarity=fields.pop("polarity", "safe_at_10"),
                **fields,
            )
        )
        db.session.commit()


def decide(app, conference, outcome, category=None):
    with app.app_context():
        db.session.add(
            ChildDecision(
                conference_id=conference.id,
                child_id=conference.child_id,
                outcome=outcome,
                category=category,
            )
        )
        db.session.commit()


def a_full_conference(app, conference, prefix=""):
    """A map item under every heading, three scores and a decision."""
    add_item(
        app, conference, "danger_harm", f"{prefix}Police called on 3 March", raised_by="PC Ali"
    )
    add_item(
        app,
        conference,
        "worry",
        who_is_worried=f"{prefix}Sam (social worker)",
        worried_about="Dad shouts when he drinks",
        could_happen="Lily could be hurt",
        family_response="Dad says he has stopped",
    )
    for heading in ("complicating", "safety", "strengths", "grey"):
        add_item(app, conference, heading, f"{prefix}About {heading}")
    add_score(app, conference, f"{prefix}Dana Jones", 6, "Things are better", True, "Mum")
    add_score(app, conference, f"{prefix}Sam Smith", 1, "Still scared at night", role="School")
    add_score(app, conference, f"{prefix}Pat Lee", 4, "Some progress", role="Health visitor")
    decide(app, conference, "cp_plan", "NEG")


def live_page(client, conference) -> str:
    return assert_page(client.get(conference.url), "Initial child protection conference")


def reveal(app, conference, round_key="overall"):
    with app.app_context():
        db.session.add(ScalingRound(conference_id=conference.id, round_key=round_key))
        db.session.commit()


def test_the_live_screen_shows_the_map_scaling_and_decisions(chair, app):
    conference = chair.conference
    a_full_conference(app, conference)
    reveal(app, conference)
    html = live_page(chair, conference)
    page = text_of(html)
    assert "Jones family, 26 November 2026" in page
    headings = texts(html, "h3.app-live__heading-title")
    assert headings == [
        "Danger / harm",
        "Worry statements",
        "Complicating factors",
        "Safety",
        "Strengths",
        "Grey areas",
        "Safety goals",
    ]
    assert texts(html, "h2.app-live__column-title") == [
        "What are we worried about?",
        "What is working well?",
        "What needs to happen next?",
    ]
    assert "Police called on 3 March Raised by PC Ali. About Lily Jones" in page
    assert (
        "Who is worried: Sam (social worker) About what: Dad shouts when he drinks "
        "What could happen to the child if nothing changes: Lily could be hurt"
    ) in page
    assert "The family’s response: Dad says he has stopped" in page
    for heading in ("complicating", "safety", "strengths", "grey"):
        assert f"About {heading}" in page
    assert "Lowest 1 Highest 6 Median 4" in page
    # Parents first, then everyone else in the order they scored.
    assert page.index("Dana Jones (Mum) 6") < page.index("Sam Smith (School)")
    assert page.index("Sam Smith (School)") < page.index("Pat Lee (Health visitor) 4")
    assert "Sam Smith (School) Very low score 1 Still scared at night" in page
    assert texts(html, "tr.app-live__score.app-live__score--flagged") == [
        "Sam Smith (School) Very low score 1 Still scared at night"
    ]
    assert "Lily Jones: Child protection plan (Neglect)" in page


def test_the_live_screen_is_a_page_of_its_own_for_projection(chair, app):
    html = live_page(chair, chair.conference)
    assert '<html lang="en-GB"' in html
    assert html.count("<main") == 1
    assert 'href="/static/dist/live.css"' in html
    assert '<script type="module" src="/static/dist/live.mjs"></script>' in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag
    assert not re.search(r"<[^>]+ on[a-z]+=", html)
    assert "Sign out" not in html and "govuk-header" not in html and "govuk-footer" not in html
    leave = f'href="/conferences/{chair.conference.id}">Leave the live screen</a>'
    assert leave in html
    assert f'href="{chair.conference.url}">Refresh</a>' in html


def test_an_empty_conference_says_so(chair):
    page = text_of(live_page(chair, chair.conference))
    assert page.count("Nothing yet") == 6
    assert "Nobody has scored yet" in page
    assert "Lily Jones: Not decided yet" in page


def test_nothing_of_another_case_is_shown(chair, app, make_conference):
    other = make_conference(family_name="Quennell-Ostrowski", given_name="Zebedee")
    a_full_conference(app, other, prefix="Zanzibar ")
    a_full_conference(app, chair.conference)
    for response in (chair.get(chair.conference.url), chair.get(chair.conference.data_url)):
        shown = response.get_data(as_text=True)
        assert "Police called on 3 March" in shown
        assert "Zanzibar" not in shown
        assert "Quennell-Ostrowski" not in shown and "Zebedee" not in shown


def test_user_text_is_escaped(chair, app):
    add_item(app, chair.conference, "grey", '<script>alert("x")</script>')
    html = chair.get(chair.conference.url).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    fragment = chair.get(chair.conference.data_url).get_json()["html"]
    assert "<script>alert" not in fragment and "&lt;script&gt;alert" in fragment


def test_live_json_gives_the_content_and_a_stamp_that_changes_only_with_it(chair, app):
    conference = chair.conference
    html = live_page(chair, conference)
    page_stamp = re.search(r'data-live-stamp="([0-9a-f]+)"', html).group(1)
    response = chair.get(conference.data_url)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    first = response.get_json()
    assert first["stamp"] == page_stamp
    assert "Nothing yet" in text_of(first["html"])
    assert chair.get(conference.data_url).get_json() == first  # nothing changed
    chair.post(
        f"/conferences/{conference.id}/map/new",
        {
            "heading": "safety",
            "text": "Grandad collects Lily every day",
            "child_ids": [str(conference.child_id)],
        },
    )
    second = chair.get(conference.data_url).get_json()
    assert second["stamp"] != first["stamp"]
    assert "Grandad collects Lily every day" in second["html"]


def test_viewing_the_live_screen_is_audited_once_per_page_load_not_per_poll(chair, app):
    conference = chair.conference
    chair.get(conference.url)
    for _ in range(3):
        chair.get(conference.data_url)
    with app.app_context():
        events = db.session.query(AuditEvent).filter_by(action="view live screen").all()
        assert [(e.user_id, e.record_type, e.record_id, e.case_id) for e in events] == [
            (chair.user_id, "conference", str(conference.id), conference.case_id)
        ]
    chair.get(conference.url)
    assert count(app, AuditEvent, action="view live screen") == 2


def test_the_core_group_may_watch_the_live_screen(signed_in, make_conference, app):
    client = signed_in("practitioner")
    conference = make_conference()
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=conference.case_id, user_id=client.user_id))
        db.session.commit()
    live_page(client, conference)
    assert client.get(conference.data_url).status_code == 200


@pytest.mark.parametrize(
    ("role", "team"), [("practitioner", None), ("social_worker", "Team B"), ("admin", None)]
)
def test_people_who_may_not_see_the_case_are_told_it_does_not_exist(
    signed_in, make_conference, app, role, team
):
    conference = make_conference()
    add_item(app, conference, "safety", "Grandad helps")
    client = signed_in(role, team=team)
    assert_page(client.get(conference.url), "Page not found", status=404)
    response = client.get(conference.data_url)
    assert response.status_code == 404
    assert "Grandad helps" not in response.get_data(as_text=True)
    assert count(app, AuditEvent, action="view live screen") == 0


def test_a_signed_out_poll_is_sent_to_sign_in(client, make_conference):
    conference = make_conference()
    response = client.get(conference.data_url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")
