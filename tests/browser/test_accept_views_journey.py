"""Accepting a family's views before the conference (issue 20) in a real browser, on a laptop:
the social worker sees who sent views on the conference's page, reads Kemi's (with what she asked
not to share with her parents marked) and accepts them, then places her mother's answers on the
map, one at a time, after being asked for the places she missed. axe checks every page."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from helpers import PASSWORD
from invitation_world import MEETING_ON
from journey import choose, follow, group, heading, press_button, type_in

from conference.extensions import db
from conference.models import Adult, Case, Child, Conference, User
from conference.models.family_voice import FamilyViews
from conference.services.invitations import invite

pytestmark = pytest.mark.browser


@pytest.fixture
def sent(app, make_user, make_case) -> int:
    """A review conference in eleven days, with views sent by Kemi (13) and her mother Dana."""
    worker_id = make_user("social_worker", email="worker@example.org", team="Team A")
    case_id = make_case(social_worker_id=worker_id)
    with app.app_context():
        case = db.session.get(Case, case_id)
        kemi = Child(
            given_name="Kemi",
            family_name="Adeyemi",
            date_of_birth=date(2013, 5, 4),
            local_child_id="ACCEPT-1",
        )
        dana = Adult(given_name="Dana", family_name="Adeyemi")
        case.children.append(kemi)
        case.adults.append(dana)
        initial = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=MEETING_ON - timedelta(days=180),
            starts_at=time(10),
            finalised_at=datetime.now(UTC),
        )
        review = Conference(
            case_id=case_id,
            conference_type="review",
            held_on=MEETING_ON,
            starts_at=time(10),
            previous_conference=initial,
        )
        db.session.add_all([initial, review])
        db.session.flush()
        worker = db.session.get(User, worker_id)
        for person, version, answers in (
            (kemi, "young_person", {"worries": "Shouting", "hopes": "A dog", "score": 5}),
            (dana, "parent", {"good_things": "The park", "worries": "The damp"}),
        ):
            invitation, _code = invite(worker, review, person, version)
            views = FamilyViews(invitation_id=invitation.id, sent_at=datetime.now(UTC), **answers)
            if person is kemi:
                views.not_shared = ["worries"]
            db.session.add(views)
        db.session.commit()
        return review.id


def test_the_social_worker_reads_and_accepts_the_family_s_views(page, sent, check_accessible):
    page.goto("/sign-in")
    type_in(page, "Email address", "worker@example.org")
    page.locator("#password").fill(PASSWORD)
    press_button(page, "Sign in")
    page.goto(f"/conferences/{sent}")
    assert page.locator("#views-sent-before").is_visible()
    check_accessible(page, "accept-views-conference")
    follow(page, "Kemi Adeyemi")
    assert heading(page) == "Views from Kemi Adeyemi"
    assert "Not to be shared with their parents" in page.locator("main").inner_text()
    check_accessible(page, "accept-views-kemi")
    press_button(page, "Accept into the conference")
    assert heading(page) == "Accept the views from Kemi Adeyemi"
    check_accessible(page, "accept-views-kemi-accept")
    press_button(page, "Accept into the conference")
    assert heading(page) == "Views from Kemi Adeyemi"
    assert "Accepted" in page.locator("#outcome").inner_text()
    page.goto(f"/conferences/{sent}")
    follow(page, "Dana Adeyemi")
    press_button(page, "Accept into the conference")
    assert heading(page) == "Accept the views from Dana Adeyemi"
    check_accessible(page, "accept-views-dana")
    choose(page, "Strengths", within=group(page, "Where should ‘What is working well’ go?"))
    press_button(page, "Accept into the conference")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Select where to add ‘What worries them’, or select Do not add" in summary
    check_accessible(page, "accept-views-dana-error")
    choose(page, "Strengths", within=group(page, "Where should ‘What is working well’ go?"))
    choose(page, "Grey areas", within=group(page, "Where should ‘What worries them’ go?"))
    press_button(page, "Accept into the conference")
    assert "Accepted" in page.locator("#outcome").inner_text()
    page.goto(f"/conferences/{sent}/map")
    assert "The damp" in page.locator("main").inner_text()
