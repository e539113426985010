"""The views before the meeting (issue 20) in a real browser on a 320 pixel phone, with the
keyboard only: Kemi, a young person, answers every page, asks that her worries are not shared
with her parents, checks her answers and sends them; then a younger child's helper picks
pictures for the houses and a face for the score, looks at the pictures in Arabic, and sends.
axe checks every page; no page scrolls sideways."""

from datetime import date, time

import pytest
from invitation_world import MEETING_ON
from journey import choose, heading, press_button, type_in

from conference.extensions import db
from conference.models import Child, Conference, User
from conference.services import invitations

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 320, "height": 640}


@pytest.fixture
def code_for(app, make_user, make_case):
    """`code_for(version)`: a code for a child of a case with a conference ahead."""
    worker = make_user("social_worker", email="worker@example.org", team="Team A")
    case_id = make_case(social_worker_id=worker)

    def make(version: str) -> str:
        with app.test_request_context():
            child = Child(
                case_id=case_id,
                given_name="Kemi",
                family_name="Adeyemi",
                date_of_birth=date(2013, 5, 4),
                local_child_id=f"VIEWS-{version}",
            )
            db.session.add(child)
            conference = Conference(
                case_id=case_id, conference_type="initial", held_on=MEETING_ON, starts_at=time(10)
            )
            db.session.add(conference)
            db.session.flush()
            user = db.session.get(User, worker)
            _invitation, code = invitations.invite(user, conference, child, version)
            db.session.commit()
            return code

    return make


def _looked_at(page, check_accessible, name: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"], name
    check_accessible(page, name)


def _start(page, code: str, check_accessible) -> None:
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"/respond?code={code}")
    press_button(page, "Continue")
    assert heading(page) == "Hello Kemi"
    press_button(page, "Start now")


def test_a_young_person_answers_keeps_her_worries_from_her_parents_and_sends(
    page, code_for, check_accessible
):
    _start(page, code_for("young_person"), check_accessible)
    assert heading(page) == "Your House of worries"
    type_in(page, "What worries you?", "The shouting at night.")
    choose(page, "Do not share this with my parents")
    _looked_at(page, check_accessible, "views-worries")
    press_button(page, "Continue")
    assert heading(page) == "Your House of good things"
    type_in(page, "What is good in your life?", "My nan and football.")
    press_button(page, "Continue")
    type_in(page, "What are your hopes and dreams?", "A quiet home.")
    press_button(page, "Continue")
    assert heading(page) == "Your score"
    press_button(page, "Continue")  # no number chosen: the error, on the phone
    assert page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Select a number from 0 to 10"
    ]
    _looked_at(page, check_accessible, "views-score-error")
    choose(page, "4")
    type_in(page, "Why did you choose that number? (optional)", "Less shouting lately.")
    press_button(page, "Continue")
    type_in(page, "What do you want to happen?", "To stay at my school.")
    press_button(page, "Continue")
    choose(page, "Yes, for part of it")
    _looked_at(page, check_accessible, "views-meeting")
    press_button(page, "Continue")
    assert page.get_by_text("An advocate is a person who is on your side.").is_visible()
    choose(page, "I am not sure")
    _looked_at(page, check_accessible, "views-advocate")
    press_button(page, "Continue")

    assert heading(page) == "Check your answers"
    assert page.locator("strong.govuk-tag").all_inner_texts() == ["Not shared with parents"]
    _looked_at(page, check_accessible, "views-check")
    press_button(page, "Send my views")
    assert heading(page) == "Your views have been sent"
    assert page.get_by_text("You cannot change your answers now").is_visible()
    _looked_at(page, check_accessible, "views-sent")


def test_a_younger_child_s_helper_picks_pictures_and_a_face(page, code_for, check_accessible):
    _start(page, code_for("younger_child"), check_accessible)
    assert heading(page) == "Who is helping"
    type_in(page, "Your name", "Mrs Okafor")
    _looked_at(page, check_accessible, "views-helper")
    press_button(page, "Continue")

    assert heading(page) == "House of worries"
    choose(page, "Shouting")
    choose(page, "Being alone")
    tiles = page.locator(".app-picture-tile")
    first, second = tiles.nth(0).bounding_box(), tiles.nth(1).bounding_box()
    assert first["y"] == second["y"], "two tiles a row on the phone"
    assert first["height"] >= 44 and first["width"] >= 120  # large tap targets
    type_in(page, "Anything else the child said, in their words (optional)", "Too loud.")
    _looked_at(page, check_accessible, "views-pictures")
    press_button(page, "Continue")
    choose(page, "Pets")
    press_button(page, "Continue")
    press_button(page, "Continue")  # nothing for the House of dreams: it may be left empty

    assert heading(page) == "How things are"
    assert page.locator("svg.app-face").count() == 3
    choose(page, "10: Really good")
    _looked_at(page, check_accessible, "views-faces")
    press_button(page, "Continue")
    assert heading(page) == "Check your answers"
    assert page.get_by_text("Shouting, Being alone").is_visible()
    _looked_at(page, check_accessible, "views-check-younger")
    # The pictures right to left, in Arabic: the tiles still wrap, two a row.
    page.goto("/respond/views/worries?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_label("الصراخ", exact=True).is_checked()
    _looked_at(page, check_accessible, "views-pictures-arabic")
    page.goto("/respond/views/check-your-answers?lang=en")
    press_button(page, "Send my views")
    assert heading(page) == "Your views have been sent"
