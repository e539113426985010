"""Feedback after a meeting (issue 20) in a real browser. The social worker offers Kemi feedback
on her conference, held two days ago, and sees the code once; Kemi, on a 320 pixel phone, types
it, sends the form empty and is asked for each answer, switches to Yorùbá, answers and sends;
she is thanked, and a second visit says her feedback was received. The worker then types in
her mother's paper form and reads both on the meeting's feedback page. axe checks every page; no
page scrolls sideways on the phone."""

import re
from datetime import date, time, timedelta

import pytest
from helpers import PASSWORD
from invitation_world import TODAY
from journey import choose, follow, group, heading, press_button, type_in

from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Adult, Case, Child, Conference

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 320, "height": 640}
HELD_ON = TODAY - timedelta(days=2)
# Kemi's answers in Yorùbá: (the question, the answer).
IN_YORUBA = [
    ("Ṣé ẹ rí i pé wọ́n fetí sí yín níbi ìpàdé náà?", "Bẹ́ẹ̀ni"),
    ("Ṣé ohun tí ìpàdé náà pinnu yé yín?", "Díẹ̀"),
    ("Ṣé ẹ mọ ohun tí yóò ṣẹlẹ̀ tẹ̀lé e?", "Rárá"),
    ("Ṣé ẹ rí àwọn ìwé náà gbà ní àkókò tí ẹ fi lè kà wọ́n ṣáájú ìpàdé?", "Mi ò nílò wọn"),
    ("Ṣé àwọn ìwé náà wà ní èdè tí ẹ lè kà?", "Bẹ́ẹ̀ni"),
    ("Ṣé ẹ ní agbẹnusọ?", "Rárá, ṣùgbọ́n mo fẹ́ ọ̀kan"),
]


@pytest.fixture
def held(app, make_user, make_case) -> int:
    worker = make_user("social_worker", email="worker@example.org", team="Team A")
    case_id = make_case(social_worker_id=worker)
    with app.app_context():
        case = db.session.get(Case, case_id)
        case.children.append(
            Child(
                given_name="Kemi",
                family_name="Adeyemi",
                date_of_birth=date(2013, 5, 4),
                local_child_id="FEEDBACK-1",
            )
        )
        case.adults.append(Adult(given_name="Dana", family_name="Adeyemi"))
        conference = Conference(
            case_id=case_id, conference_type="initial", held_on=HELD_ON, starts_at=time(10)
        )
        db.session.add(conference)
        db.session.commit()
        return conference.id


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]


def _sign_in(page) -> None:
    page.goto("/sign-in")
    type_in(page, "Email address", "worker@example.org")
    page.locator("#password").fill(PASSWORD)
    press_button(page, "Sign in")


def test_kemi_gives_her_feedback_on_a_phone_and_her_mother_on_paper(page, held, check_accessible):
    _sign_in(page)
    page.goto(f"/conferences/{held}")
    follow(page, "Feedback from the family")
    assert heading(page) == "Feedback from the family"
    check_accessible(page, "feedback-list-empty")
    press_button(page, "Offer feedback")
    check_accessible(page, "feedback-offer")
    choose(page, "Kemi Adeyemi")
    press_button(page, "Make the feedback code")
    assert heading(page) == "The feedback code for Kemi Adeyemi"
    code = page.locator("#invitation-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    check_accessible(page, "feedback-code")
    press_button(page, "Sign out")

    page.set_viewport_size(SMALL_PHONE)
    page.goto("/respond")
    type_in(page, "Your code", code)
    press_button(page, "Continue")
    assert heading(page) == "Hello Kemi"
    words = page.locator("body").inner_text()
    assert f"Tell us how the meeting on {long_date(HELD_ON)} went for you." in words
    assert "Adeyemi" not in words
    _no_sideways_scroll(page)
    check_accessible(page, "feedback-form")
    press_button(page, "Send your feedback")
    assert page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Select whether you felt listened to",
        "Select whether you understood what the meeting decided",
        "Select whether you know what happens next",
        "Select whether you got the papers in time",
        "Select whether the papers were in a language you can read",
        "Select whether you had an advocate",
    ]
    _no_sideways_scroll(page)
    check_accessible(page, "feedback-form-errors")
    follow(page, "Yorùbá")
    assert page.locator("html").get_attribute("lang") == "yo"
    for question, answer in IN_YORUBA:
        choose(page, answer, within=group(page, question))
    type_in(page, "Kí ni ìbá ti ràn yín lọ́wọ́?", "Ìpàdé kúkúrú.")
    button = page.get_by_role("button", name="Ẹ fi èrò yín ránṣẹ́", exact=True)
    target = button.bounding_box()
    assert target["width"] >= 280 and target["height"] >= 38
    _no_sideways_scroll(page)
    check_accessible(page, "feedback-form-yoruba")
    press_button(page, "Ẹ fi èrò yín ránṣẹ́")
    assert heading(page) == "Ẹ ṣé, Kemi"
    _no_sideways_scroll(page)
    check_accessible(page, "feedback-thanks")
    page.goto("/respond/feedback")
    assert heading(page) == "A ti rí èrò yín gbà"
    assert page.locator("form").count() == 0
    check_accessible(page, "feedback-received")

    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page)
    page.goto(f"/conferences/{held}/feedback")
    press_button(page, "Enter a paper feedback form")
    choose(page, "Dana Adeyemi")
    choose(page, "Yes", within=group(page, "Felt listened to (optional)"))
    type_in(page, "What would have helped (optional)", "An interpreter.")
    check_accessible(page, "feedback-paper")
    press_button(page, "Save the feedback")
    assert heading(page) == "Feedback from the family"
    cards = page.locator(".govuk-summary-card__title").all_inner_texts()
    assert [" ".join(card.split()) for card in cards] == [
        "Kemi Adeyemi Online",
        "Dana Adeyemi Paper",
    ]
    words = page.locator("body").inner_text()
    assert "Ìpàdé kúkúrú." in words and "An interpreter." in words
    check_accessible(page, "feedback-list")
