"""Scheduling a conference, its timescales, finalising it, and amendments afterwards."""

from datetime import date, time

import pytest
from helpers import count
from pages import assert_page, error_messages, text_of

from conference.extensions import db
from conference.models import (
    Amendment,
    AuditEvent,
    ChildDecision,
    ChildVoice,
    Conference,
    ConferenceIdentity,
    MapItem,
    ScalingScore,
)


def schedule_form(**changes):
    return {
        "conference_type": "initial",
        "strategy_discussion_on": ["2", "11", "2026"],
        "held_on": ["20", "11", "2026"],
        "starts_at": "10:00",
        "venue": "Town Hall, room 2",
        "online": "no",
        "twilight": "no",
        "chair_id": "",
        "version": "1",
        **changes,
    }


def test_allocated_social_worker_schedules_an_initial_conference(signed_in, make_case, app):
    client = signed_in("social_worker", team="Team A")
    case_id = make_case(team="Team A", social_worker_id=client.user_id)
    url = f"/cases/{case_id}/conferences/new"
    assert_page(client.get(url), "Schedule a conference")
    response = client.post(url, schedule_form())
    with app.app_context():
        conference = db.session.query(Conference).one()
        assert (conference.held_on, conference.starts_at, conference.strategy_discussion_on) == (
            date(2026, 11, 20),
            time(10, 0),
            date(2026, 11, 2),
        )
        assert response.headers["Location"] == f"/conferences/{conference.id}"
        assert db.session.query(AuditEvent).filter_by(action="create", case_id=case_id).count() == 1


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"held_on": ["28", "11", "2026"]},
            ["Conferences are not held at weekends: 28 November 2026 is a Saturday"],
        ),
        (
            {"held_on": ["25", "12", "2026"]},
            [
                "Conferences are not held on bank holidays: 25 December 2026 is a bank holiday "
                "(Christmas Day)"
            ],
        ),
        ({"strategy_discussion_on": ["", "", ""]}, ["Enter the date of the strategy discussion"]),
        (
            {"strategy_discussion_on": ["23", "11", "2026"]},
            ["The strategy discussion must be before the conference"],
        ),
        ({"starts_at": "25 o'clock"}, ["Enter a start time like 10:00 or 3:30pm"]),
        (
            {"held_on": ["", "", ""], "conference_type": ""},
            ["Select the type of conference", "Enter the date of the conference"],
        ),
    ],
)
def test_bad_schedules_are_explained_and_nothing_stored(
    signed_in, make_case, app, changes, messages
):
    client = signed_in("chair")
    case_id = make_case()
    html = client.post(f"/cases/{case_id}/conferences/new", schedule_form(**changes))
    assert error_messages(html.get_data(as_text=True)) == messages
    assert 'value="Town Hall, room 2"' in html.get_data(as_text=True)
    assert count(app, Conference) == 0


def test_a_review_needs_no_strategy_discussion(signed_in, make_case, app):
    client = signed_in("chair")
    case_id = make_case()
    form = schedule_form(conference_type="review", strategy_discussion_on=["", "", ""])
    assert client.post(f"/cases/{case_id}/conferences/new", form).status_code == 302


def _conference(app, case_id, **fields):
    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type=fields.pop("conference_type", "initial"),
            held_on=fields.pop("held_on", date(2026, 11, 25)),
            starts_at=time(10, 0),
            strategy_discussion_on=fields.pop("strategy_discussion_on", date(2026, 11, 2)),
            **fields,
        )
        db.session.add(conference)
        db.session.commit()
        return conference.id


def test_edit_shows_lateness_against_the_statutory_due_date(signed_in, make_case, app):
    client = signed_in("chair")
    case_id = make_case()
    conference_id = _conference(app, case_id, held_on=date(2026, 11, 20))
    url = f"/conferences/{conference_id}/edit"
    assert_page(client.get(url), "Change the conference details")
    # 15 working days after Monday 2 November 2026 is Monday 23 November.
    client.post(url, schedule_form(held_on=["24", "11", "2026"]))
    with app.app_context():
        assert db.session.get(Conference, conference_id).held_on == date(2026, 11, 24)


def test_only_those_who_may_change_the_case_schedule(signed_in, make_case):
    client = signed_in("social_worker", team="Team A")
    case_id = make_case(team="Team A")
    assert client.get(f"/cases/{case_id}/conferences/new").status_code == 403
    other = make_case(team="Team B")
    assert client.get(f"/cases/{other}/conferences/new").status_code == 404


def _make_ready(app, conference_id):
    """Everything the checklist asks for, for every child of the case."""
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        db.session.add(MapItem(conference_id=conference_id, heading="worry", text="A worry"))
        db.session.add(
            ScalingScore(
                conference_id=conference_id,
                person_name="Mum",
                value=4,
                reason="r",
                question="q",
                polarity="safe_at_10",
            )
        )
        for child in conference.case.children:
            db.session.add(
                ChildVoice(
                    conference_id=conference_id,
                    child_id=child.id,
                    own_words="I want to stay at home",
                )
            )
            db.session.add(
                ConferenceIdentity(
                    conference_id=conference_id,
                    child_id=child.id,
                    cultural_or_harm="x",
                    community_safety_network="y",
                    heritage_connection="z",
                    interpreter_and_translation="w",
                )
            )
            db.session.add(
                ChildDecision(
                    conference_id=conference_id,
                    child_id=child.id,
                    outcome="cp_plan",
                    category="NEG",
                )
            )
        db.session.commit()


def _case_with_child(app, make_case, **kwargs):
    from conference.models import Child

    case_id = make_case(**kwargs)
    with app.app_context():
        db.session.add(
            Child(
                case_id=case_id,
                given_name="Tolu",
                family_name="Test",
                date_of_birth=date(2020, 1, 1),
                local_child_id=f"T{case_id}",
            )
        )
        db.session.commit()
    return case_id


def test_finalise_lists_what_is_missing_and_refuses(signed_in, make_case, app):
    client = signed_in("chair")
    conference_id = _conference(app, _case_with_child(app, make_case))
    html = assert_page(
        client.get(f"/conferences/{conference_id}/finalise"), "Finalise the conference"
    )
    assert "The conference cannot be finalised yet" in text_of(html)
    assert "Record the decision for Tolu" in text_of(html)
    client.post(f"/conferences/{conference_id}/finalise", {"csrf_token": client.csrf_token("/")})
    with app.app_context():
        assert db.session.get(Conference, conference_id).finalised_at is None


def test_chair_finalises_then_changes_are_refused_and_amendments_added(signed_in, make_case, app):
    client = signed_in("chair", name="Charlie Chair")
    conference_id = _conference(app, _case_with_child(app, make_case))
    _make_ready(app, conference_id)
    response = client.post(f"/conferences/{conference_id}/finalise")
    assert response.headers["Location"] == f"/conferences/{conference_id}"
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        assert conference.finalised_at is not None
        assert conference.case.status == "cp_plan"
        assert db.session.query(AuditEvent).filter_by(action="finalise").count() == 1
    refused = client.raw.get(f"/conferences/{conference_id}/edit")
    assert_page(refused, "This conference is finalised", status=409)
    assert client.raw.get(f"/conferences/{conference_id}/finalise").status_code == 409

    amendment_url = f"/conferences/{conference_id}/amendments/new"
    html = client.post(amendment_url, {"section": "", "text": ""}).get_data(as_text=True)
    assert error_messages(html) == [
        "Enter which part of the record this corrects",
        "Enter the correction",
    ]
    client.post(amendment_url, {"section": "Map: worry 1", "text": "Date was 3 March"})
    with app.app_context():
        amendment = db.session.query(Amendment).one()
        assert (amendment.section, amendment.text) == ("Map: worry 1", "Date was 3 March")
    hub = client.get(f"/conferences/{conference_id}").get_data(as_text=True)
    assert "Date was 3 March" in text_of(hub) and "Charlie Chair" in text_of(hub)


def test_only_chairs_finalise_and_amend(signed_in, make_case, app):
    client = signed_in("social_worker", team="Team A")
    case_id = _case_with_child(app, make_case, team="Team A", social_worker_id=client.user_id)
    conference_id = _conference(app, case_id)
    assert client.get(f"/conferences/{conference_id}/finalise").status_code == 403
    assert client.get(f"/conferences/{conference_id}/amendments/new").status_code == 403


def test_amendments_only_once_finalised(signed_in, make_case, app):
    client = signed_in("chair")
    conference_id = _conference(app, make_case())
    assert client.get(f"/conferences/{conference_id}/amendments/new").status_code == 404


def test_hub_links_each_decision_to_the_right_page(signed_in, make_case, app):
    client = signed_in("chair")
    case_id = _case_with_child(app, make_case)
    initial = _conference(app, case_id)
    review = _conference(app, case_id, conference_type="review", held_on=date(2027, 2, 10))
    with app.app_context():
        from conference.models import Child

        child_id = db.session.query(Child).filter_by(case_id=case_id).one().id
    initial_hub = client.get(f"/conferences/{initial}").get_data(as_text=True)
    review_hub = client.get(f"/conferences/{review}").get_data(as_text=True)
    assert f'href="/conferences/{initial}/decisions/{child_id}"' in initial_hub
    assert f'href="/conferences/{review}/review-outcome/{child_id}"' in review_hub
    assert 'Change<span class="govuk-visually-hidden"> venue' in initial_hub
    assert 'Change<span class="govuk-visually-hidden"> statutory due date' not in initial_hub
