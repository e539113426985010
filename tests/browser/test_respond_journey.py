"""Invitations without accounts (issue 20) in a real browser. The social worker invites Kemi
before her review conference and sees the code once, with the address and the QR code; then
Kemi, on a 320 pixel phone, types a wrong code and sees the one plain message, then her code
and sees the start page. Reloading the code page, or going back to the form and pressing the
button again, makes no new code and stops none. axe checks every page; no page scrolls
sideways on the phone."""

import re
from datetime import date, time

import pytest
from helpers import PASSWORD
from invitation_world import MEETING_ON
from journey import choose, follow, heading, press_button, type_in

from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Adult, Case, Child, Conference, User
from conference.services import invitations

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 320, "height": 640}
INVITED = (
    "Kemi Adeyemi is invited already. If their code was lost, withdraw that invitation first, "
    "then invite them again"
)
NOT_FOUND = (
    "We could not find that code. Check it and try again, or ask your social worker for a new one."
)


@pytest.fixture
def review(app, make_user, make_case) -> int:
    worker = make_user("social_worker", email="worker@example.org", team="Team A")
    case_id = make_case(social_worker_id=worker)
    with app.app_context():
        case = db.session.get(Case, case_id)
        case.children.append(
            Child(
                given_name="Kemi",
                family_name="Adeyemi",
                date_of_birth=date(2013, 5, 4),
                local_child_id="RESPOND-1",
            )
        )
        case.adults.append(Adult(given_name="Dana", family_name="Adeyemi"))
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=MEETING_ON,
            starts_at=time(10),
        )
        db.session.add(conference)
        db.session.commit()
        return conference.id


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]


def test_a_worker_invites_kemi_and_kemi_types_her_code(page, review, check_accessible):
    page.goto("/sign-in")
    type_in(page, "Email address", "worker@example.org")
    page.locator("#password").fill(PASSWORD)
    press_button(page, "Sign in")
    page.goto(f"/conferences/{review}")
    follow(page, "Invite someone to give their views")
    assert heading(page) == "Invite someone to give their views"
    check_accessible(page, "invite")
    choose(page, "Kemi Adeyemi")
    choose(page, "A young person")
    press_button(page, "Make the invitation")
    assert heading(page) == "The code for Kemi Adeyemi"
    code = page.locator("#invitation-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    assert page.locator("svg.app-invitation-qr").is_visible()
    check_accessible(page, "invitation-code")
    # Reloading the code page sends the form again: nothing new is made, the code not shown.
    page.reload()
    assert heading(page) == "This invitation is already made"
    assert code not in page.locator("body").inner_text()
    check_accessible(page, "invitation-already-made")
    # Back to the form (fetched again, the choices kept by the browser) and the button again:
    # refused, Kemi's code is not stopped.
    page.go_back()
    press_button(page, "Make the invitation")
    assert heading(page) == "Invite someone to give their views"
    assert page.locator(".govuk-error-summary a").all_inner_texts() == [INVITED]
    check_accessible(page, "invite-invited-already")
    follow(page, "the meeting’s invitations")
    assert heading(page) == "Invitations to give their views"
    assert page.get_by_role("cell", name="Kemi Adeyemi", exact=True).is_visible()
    check_accessible(page, "invitations")
    press_button(page, "Sign out")

    page.set_viewport_size(SMALL_PHONE)
    page.goto("/respond")
    assert heading(page) == "Enter your code"
    assert page.locator(".govuk-service-navigation").count() == 0
    _no_sideways_scroll(page)
    check_accessible(page, "respond")
    type_in(page, "Your code", "K7QM 3XRT 9HWP C2DA")
    press_button(page, "Continue")
    assert page.locator(".govuk-error-summary a").all_inner_texts() == [NOT_FOUND]
    assert page.title().startswith("Error: Enter your code – ")
    _no_sideways_scroll(page)
    check_accessible(page, "respond-wrong-code")
    box = page.get_by_label("Your code", exact=True)
    box.fill("")
    type_in(page, "Your code", code.lower().replace("-", " "))
    button = page.get_by_role("button", name="Continue", exact=True)
    # A large tap target: the screen's width, and the Design System's height (40 pixels with
    # its shadow, which the box leaves out).
    target = button.bounding_box()
    assert target["width"] >= 280 and target["height"] >= 38
    press_button(page, "Continue")
    assert heading(page) == "Hello Kemi"
    assert page.get_by_text(f"This is about the meeting on {long_date(MEETING_ON)}.").is_visible()
    assert "Adeyemi" not in page.locator("body").inner_text()
    _no_sideways_scroll(page)
    check_accessible(page, "respond-start")


def test_kemi_reads_her_pages_in_arabic_right_to_left_on_a_small_phone(
    app, page, review, check_accessible
):
    """Kemi asked for her plan in Arabic: the QR code's address opens the code page in Arabic,
    and her start page is in Arabic, right to left, on a 320 pixel phone; she switches to
    English with the link at the top."""
    with app.test_request_context():
        conference = db.session.get(Conference, review)
        kemi = next(child for child in conference.case.children if child.given_name == "Kemi")
        kemi.plan_language = "Arabic"
        worker = db.session.get(User, conference.case.social_worker_id)
        _invitation, code = invitations.invite(worker, conference, kemi, "young_person")
        db.session.commit()
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"/respond?code={code}&lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert heading(page) == "أدخل الرمز الخاص بك"
    _no_sideways_scroll(page)
    check_accessible(page, "respond-arabic")
    press_button(page, "متابعة")
    assert heading(page) == "مرحباً Kemi"
    assert page.locator("html").get_attribute("lang") == "ar"
    # The text starts at the right: the heading's right edge is at the page's right margin.
    box = page.locator("h1").bounding_box()
    assert box["x"] + box["width"] >= SMALL_PHONE["width"] - 30
    target = page.get_by_role("link", name="English").bounding_box()
    assert target["height"] >= 44
    _no_sideways_scroll(page)
    check_accessible(page, "respond-start-arabic")
    follow(page, "English")
    assert heading(page) == "Hello Kemi"
    assert page.locator("html").get_attribute("dir") == "ltr"
