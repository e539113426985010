"""What a finalised conference carries into each child's episode, the date of death asked when
a review ends a plan because the child died, and the demo family's episodes."""

import re
from datetime import date, time, timedelta

import pytest
from helpers import sign_in
from pages import error_messages, text_of
from records import add_child, add_enquiry
from sqlalchemy import select

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    Case,
    Child,
    ChildDecision,
    Conference,
    Section47Enquiry,
    User,
)
from conference.services.conferences import conference as conference_services

DEMO_PASSWORD = "demo password for the episode tests"


def _conference(app, case_id, kind, held_on, outcomes) -> int:
    with app.app_context():
        conference = Conference(
            case_id=case_id, conference_type=kind, held_on=held_on, starts_at=time(10)
        )
        conference.decisions = [
            ChildDecision(child_id=child_id, outcome=outcome, category=category)
            for child_id, (outcome, category) in outcomes.items()
        ]
        db.session.add(conference)
        db.session.commit()
        return conference.id


def _finalise(app, conference_id, monkeypatch, actor_id):
    """Finalise through the service, its checklist passed (what it checks is tested with the
    conference pages)."""
    monkeypatch.setattr(conference_services, "missing_before_finalising", lambda conference: [])
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        conference_services.finalise(db.session.get(User, actor_id), conference)
        db.session.commit()


@pytest.fixture
def family(app, make_case, make_user):
    """A case referred on 28 September 2026 with two children, each in an open episode; the
    first with a section 47 enquiry going on since 1 October."""
    chair = make_user("chair", email="chair@example.org")
    case_id = make_case(team="Team A")
    first = add_child(app, case_id, given_name="Ama", local_child_id="C1")
    second = add_child(app, case_id, given_name="Kofi", local_child_id="C2")
    enquiry = add_enquiry(app, first, date(2026, 10, 1), strategy_discussion_on=date(2026, 10, 1))
    return case_id, first, second, enquiry, chair


def test_finalising_an_initial_conference_concludes_the_childs_enquiry_with_it(
    app, family, monkeypatch
):
    case_id, first, second, enquiry_id, chair = family
    held_on = date(2026, 10, 20)
    conference_id = _conference(
        app, case_id, "initial", held_on, {first: ("cp_plan", "NEG"), second: ("cin_plan", None)}
    )
    _finalise(app, conference_id, monkeypatch, chair)
    with app.app_context():
        enquiry = db.session.get(Section47Enquiry, enquiry_id)
        assert (enquiry.conference_id, enquiry.outcome, enquiry.completed_on) == (
            conference_id,
            "conference",
            held_on,
        )
        # The second child had no enquiry: none is made up. Their child in need plan starts.
        kofi = db.session.get(Child, second).current_episode
        assert (kofi.enquiries, kofi.cin_plan_started_on) == ([], held_on)
        ama = db.session.get(Child, first).current_episode
        assert ama.cin_plan_started_on is None  # a child protection plan, not a CIN plan


def test_a_review_stepping_down_starts_the_cin_plan_once(app, family, monkeypatch):
    case_id, first, _second, _enquiry, chair = family
    review = _conference(app, case_id, "review", date(2027, 1, 11), {first: ("cin_plan", None)})
    _finalise(app, review, monkeypatch, chair)
    with app.app_context():
        episode = db.session.get(Child, first).current_episode
        assert episode.cin_plan_started_on == date(2027, 1, 11)
        # A review never concludes an enquiry.
        assert episode.enquiries[0].outcome is None
    later = _conference(app, case_id, "review", date(2027, 4, 12), {first: ("cin_plan", None)})
    _finalise(app, later, monkeypatch, chair)
    with app.app_context():
        assert db.session.get(Child, first).current_episode.cin_plan_started_on == date(2027, 1, 11)


def test_a_closed_episode_is_left_as_it_is(app, family, monkeypatch):
    case_id, first, _second, _enquiry_id, chair = family
    with app.app_context():
        episode = db.session.get(Child, first).current_episode
        episode.closed_on, episode.closure_reason = date(2026, 10, 10), "RC8"
        db.session.commit()
    conference_id = _conference(
        app, case_id, "initial", date(2026, 10, 20), {first: ("cin_plan", None)}
    )
    _finalise(app, conference_id, monkeypatch, chair)
    with app.app_context():
        episode = db.session.get(Child, first).current_episode
        assert (episode.cin_plan_started_on, episode.enquiries[0].conference_id) == (None, None)


# The date of death, on the demo family's review.


@pytest.fixture
def demo(app, monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        review = max(
            db.session.scalars(select(Conference).where(Conference.case_id == case.id)),
            key=lambda conference: conference.held_on,
        )
        kemi = case.children[0]
        ids = (review.id, kemi.id, kemi.date_of_birth)
    assert sign_in(client, "chair@demo.example", DEMO_PASSWORD).status_code == 302
    return client, ids


def _decide(client, url, **answers):
    page = client.get(url).get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    return client.post(url, {"version": version, "reasons": "Kemi died.", **answers})


def test_a_review_ending_a_plan_because_the_child_died_asks_the_date(app, demo):
    client, (review_id, kemi_id, born) = demo
    url = f"/conferences/{review_id}/review-outcome/{kemi_id}"
    page = client.get(url).get_data(as_text=True)
    assert 'name="died_on-day"' in page or 'id="died_on"' in page
    died = {"choice": "end", "end_reason": "died"}
    tomorrow = clock.today() + timedelta(days=1)
    before_birth = born - timedelta(days=1)
    for answers, messages in (
        ({"died_on": ["", "", ""]}, ["Enter the date of death"]),
        (
            {"died_on": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]},
            ["The date of death must be today or in the past"],
        ),
        (
            {"died_on": [str(before_birth.day), str(before_birth.month), str(before_birth.year)]},
            ["The date of death must be on or after Kemi’s date of birth, " + f"{born:%-d %B %Y}"],
        ),
    ):
        html = _decide(client, url, **died, **answers).get_data(as_text=True)
        assert error_messages(html) == messages
        with app.app_context():
            assert db.session.get(Child, kemi_id).died_on is None
            assert (
                db.session.scalar(
                    select(ChildDecision).where(
                        ChildDecision.conference_id == review_id, ChildDecision.child_id == kemi_id
                    )
                )
                is None
            )
    day = clock.today() - timedelta(days=3)
    saved = _decide(client, url, **died, died_on=[str(day.day), str(day.month), str(day.year)])
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.get(Child, kemi_id).died_on == day
    # Another reason asks no date, and stores none.
    html = _decide(
        client,
        f"/conferences/{review_id}/review-outcome/{kemi_id}",
        choice="end",
        end_reason="transferred",
        died_on=["", "", ""],
    )
    assert html.status_code == 302


def test_the_demo_has_each_childs_episode_and_kemis_earlier_one(app, demo):
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        kemi, tolu, baby = case.children
        initial = min(case_conferences(case), key=lambda c: c.held_on)
        earlier, current = kemi.episodes
        assert (earlier.closure_reason, earlier.referral_source) == ("RC8", "2A")
        assert earlier.closed_on < current.referral_date
        for child in (kemi, tolu, baby):
            episode = child.current_episode
            assert (episode.referral_date, episode.open) == (case.referral_date, True)
            [enquiry] = episode.enquiries
            assert (enquiry.conference_id, enquiry.outcome) == (initial.id, "conference")
            assert enquiry.started_on == initial.strategy_discussion_on
    client, _ids = demo
    shown = text_of(
        client.get(f"/cases/{case.id}/children/{kemi.id}/episodes").get_data(as_text=True)
    )
    assert "Reason for closure Case closed after assessment, no further action" in shown


def case_conferences(case):
    return db.session.scalars(select(Conference).where(Conference.case_id == case.id)).all()
