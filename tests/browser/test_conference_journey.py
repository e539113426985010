"""A chair runs a whole initial conference from the pages, with the keyboard only, and finalises
it; the live screen for the room shows it. axe checks every page the journey visits, an error
state included.

Keyboard only: focus moves with `focus()` and everything is done with Enter, Space and typing,
never a mouse click. Selects are chosen with `select_option` once they have the focus."""

import re
from datetime import date, timedelta

import pytest
from helpers import PASSWORD
from journey import choose, follow, group, heading, press_button, type_date, type_in

from conference.domain import clock, timescales
from conference.extensions import db
from conference.models import Adult, Child, ChildVoice

pytestmark = pytest.mark.browser

OWN_WORDS = "I like it when Mum reads to me.\nI don’t like it when there is no food for tea."
WORRY = {
    "Who is worried": "Sam Worker (social worker) and Ms Teacher (school)",
    "About what behaviour or event": "Lily has come to school hungry on most days this term",
    "What could happen to the child if nothing changes": (
        "Lily could go without enough food to grow and be well"
    ),
}
STRENGTH = "Mum takes Lily to school every day and reads with her at bedtime"
NOT_KNOWN_QUESTION = "Have an interpreter and a translated plan been arranged?"


def summary_value(scope, key: str) -> str:
    row = scope.locator(".govuk-summary-list__row").filter(
        has=getattr(scope, "page", scope).locator(
            ".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")
        )
    )
    return row.locator(".govuk-summary-list__value").inner_text().strip()


# Set-up ----------------------------------------------------------------------------------------


@pytest.fixture
def family(app, make_user, make_case):
    """The chair, and a case in Team A allocated to its social worker with Lily and Mum.
    Returns (case id, conference date, strategy discussion date)."""
    make_user("chair", email="chair@example.org", name="Charlie Chair")
    worker = make_user("social_worker", email="sam@example.org", name="Sam Worker", team="Team A")
    case_id = make_case(team="Team A", social_worker_id=worker)
    with app.app_context():
        db.session.add(
            Child(
                case_id=case_id,
                given_name="Lily",
                family_name="Test",
                # Seven: too old for PN0, too young to need an advocate (12 here).
                date_of_birth=date(clock.today().year - 7, 1, 15),
                local_child_id="JOURNEY-LILY-1",
            )
        )
        db.session.add(Adult(case_id=case_id, given_name="Mum", family_name="Test"))
        db.session.commit()
    calendar = timescales.default_calendar()
    held_on = clock.today()
    while not calendar.is_working_day(held_on):
        held_on -= timedelta(days=1)
    strategy = calendar.subtract_working_days(held_on, 10)
    return case_id, held_on, strategy


def sign_in(page, check_accessible) -> None:
    page.goto("/sign-in")
    check_accessible(page, "journey-01-sign-in")
    type_in(page, "Email address", "chair@example.org")
    page.get_by_role("textbox", name="Password").focus()
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert heading(page) == "My work"
    check_accessible(page, "journey-02-my-work")


# The journey -----------------------------------------------------------------------------------


def _fill_in_person(page, person: dict) -> None:
    """The attendance form for one person, who attended: the boxes given, then the choices.
    The agency, a family member and the rest are under "More about this person", closed at
    first: opened from the keyboard."""
    more = page.locator("summary", has_text="More about this person (optional)")
    more.focus()
    page.keyboard.press("Enter")
    for label in ("Name", "Role (optional)", "Agency or organisation (optional)"):
        if label in person:
            type_in(page, label, person[label])
    choose(page, person["agency type"], group(page, "Type of agency"))
    if "family member" in person:
        select = page.get_by_label("Family member on the case (optional)")
        select.focus()
        select.select_option(label=person["family member"])
    if "parent" in person:
        parent = group(page, "Is this person a parent or carer of the children?")
        choose(page, person["parent"], parent)
    choose(page, "Attended", group(page, "Attendance"))


def test_a_chair_runs_and_finalises_an_initial_conference_by_keyboard(
    page, app, family, check_accessible
):
    case_id, held_on, strategy = family
    calendar = timescales.default_calendar()
    sign_in(page, check_accessible)

    page.goto(f"/cases/{case_id}")
    check_accessible(page, "journey-03-case")

    # 1. Schedule the conference.
    press_button(page, "Schedule a conference")
    assert heading(page) == "Schedule a conference"
    check_accessible(page, "journey-04-schedule")
    choose(page, "Initial child protection conference", group(page, "Type of conference"))
    type_date(page, "Date of the strategy discussion that started the section 47 enquiry", strategy)
    type_date(page, "Date of the conference", held_on)
    type_in(page, "Start time", "10:00")
    type_in(page, "Venue", "Room 2, Civic Centre")
    choose(page, "No", group(page, "Is the conference online?"))
    choose(page, "No", group(page, "Is it a twilight conference (after school)?"))
    page.get_by_label("Chair", exact=True).focus()
    page.get_by_label("Chair", exact=True).select_option(label="Charlie Chair")
    press_button(page, "Schedule the conference")
    assert heading(page) == "Initial child protection conference"
    assert page.get_by_text("Initial child protection conference scheduled").is_visible()
    assert summary_value(page, "Statutory due date").endswith("(on time)")
    check_accessible(page, "journey-05-hub")
    hub = page.url

    # 2. Attendance.
    follow(page, "Attendance")
    check_accessible(page, "journey-06-attendance-empty")
    people = [
        {
            "family member": "Mum Test",
            "agency type": "Family",
            "parent": "Yes",
        },
        {
            "Name": "Sam Worker",
            "Role (optional)": "Social worker",
            "Agency or organisation (optional)": "Children’s Services",
            "agency type": "Children’s social care",
        },
        {
            "Name": "Tara Teacher",
            "Role (optional)": "Class teacher",
            "Agency or organisation (optional)": "Riverside Primary",
            "agency type": "Education",
        },
        {
            "Name": "Nina Nurse",
            "Role (optional)": "School nurse",
            "Agency or organisation (optional)": "Riverside Health",
            "agency type": "Health",
        },
    ]
    for number, person in enumerate(people, start=1):
        press_button(page, "Add a person")
        assert heading(page) == "Add a person to the attendance list"
        if number == 1:
            check_accessible(page, "journey-07-add-person")
        _fill_in_person(page, person)
        press_button(page, "Add this person")
        assert heading(page) == "Attendance"
    assert page.locator(".govuk-tag", has_text="Quorate").is_visible()
    assert (
        "Agencies attending: Children’s social care, Education, Health."
        in page.locator("main").inner_text()
    )
    assert page.locator("caption").inner_text() == "4 came"
    check_accessible(page, "journey-08-attendance-quorate")
    follow(page, "Back to the conference")

    # 3. The map: a worry statement (an empty form first, for its errors) and a strength.
    follow(page, "The map")
    assert heading(page) == "The map"
    check_accessible(page, "journey-09-map-empty")
    follow(page, "Add an item under Worry statements")
    assert heading(page) == "Add an item to the map"
    assert (
        group(page, "Which heading does this go under?")
        .get_by_label("Worry statements")
        .is_checked()
    )
    check_accessible(page, "journey-10-map-item")
    press_button(page, "Add to the map")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.locator("a").all_inner_texts() == [
        "Enter who is worried",
        "Enter what behaviour or event they are worried about",
        "Enter what could happen to the child if nothing changes",
    ]
    assert page.title().startswith("Error: ")
    check_accessible(page, "journey-11-map-item-errors")
    for label, text in WORRY.items():
        type_in(page, label, text)
    assert page.get_by_label("Lily Test", exact=True).is_checked()
    press_button(page, "Add to the map")
    assert page.get_by_text("Added to Worry statements").is_visible()
    follow(page, "Add an item under Strengths")
    assert group(page, "Which heading does this go under?").get_by_label("Strengths").is_checked()
    type_in(page, "What was said", STRENGTH)
    type_in(page, "Raised by (optional)", "Ms Teacher (school)")
    press_button(page, "Add to the map")
    assert page.get_by_text("Added to Strengths").is_visible()
    check_accessible(page, "journey-12-map")
    follow(page, "Back to the conference")

    # 4. Scaling: the parent first, then the social worker.
    follow(page, "Scaling")
    assert heading(page) == "Scaling"
    check_accessible(page, "journey-13-scaling-empty")
    scores = [("Mum Test", "4", "Things are better since Lily started breakfast club")]
    scores.append(("Sam Worker", "6", "Mum has worked with us and school every week"))
    for number, (name, score, reason) in enumerate(scores, start=1):
        follow(page, f"Score for {name}")
        assert heading(page) == f"Score from {name}"
        # Mum scores first, so nobody is reminded that parents are asked first.
        assert page.locator(".govuk-inset-text", has_text="Parents are asked first").count() == 0
        check_accessible(page, f"journey-14-score-{number}")
        choose(page, score, group(page, "Score from 0 to 10"))
        type_in(page, "Reason for this score", reason)
        press_button(page, "Save score")
        # Not the score itself: the room may see this screen before the reveal.
        saved = f"Score from {name} saved. The room sees it when the chair reveals the scores."
        assert page.get_by_text(saved).is_visible()
    # Hidden until the chair reveals them (test_wall_journey.py shows it on the live screen).
    assert page.get_by_text("2 of 4 have scored.", exact=False).is_visible()
    assert page.get_by_text(scores[0][2]).count() == 0
    follow(page, "Reveal the scores")
    press_button(page, "Reveal the scores")
    assert page.get_by_text("The scores are shown to the room").is_visible()
    assert summary_value(page, "Scores") == "2"
    assert summary_value(page, "Lowest") == "4"
    assert summary_value(page, "Highest") == "6"
    assert summary_value(page, "Median") == "5"
    check_accessible(page, "journey-15-scaling")
    follow(page, "Back to the conference")

    # 5. Lily's voice.
    follow(page, "Lily’s voice")
    assert heading(page) == "Voice of the child: Lily Test"
    check_accessible(page, "journey-16-voice")
    type_in(page, "Lily’s own words", OWN_WORDS)
    choose(page, "Direct work", group(page, "How were Lily’s views gathered?"))
    choose(
        page,
        "Does not attend, conveys views by other means (PN6)",
        group(page, "How did Lily take part in the conference?"),
    )
    choose(page, "Not applicable", group(page, "Has Lily been offered an advocate?"))
    press_button(page, "Save Lily’s voice")
    assert page.url == hub
    assert page.get_by_text("Lily’s voice saved").is_visible()

    # 6. Identity: three answers, one not known yet, which becomes a grey area on the map.
    follow(page, "Identity: Lily")
    assert heading(page) == "Identity in the conference: Lily Test"
    check_accessible(page, "journey-17-identity")
    answers = {
        "Which worries may be cultural misunderstanding, and which are harm?": (
            "None: the worry is about food at home, not culture"
        ),
        "Who in the family’s community or faith network could join the safety network?": (
            "Nan, and the family’s friends at church"
        ),
        "How will the plan keep Lily connected to their heritage?": (
            "Sunday visits to Nan and her church"
        ),
    }
    for question, answer in answers.items():
        type_in(page, question, answer)
    choose(page, f"Not known yet: {NOT_KNOWN_QUESTION}")
    press_button(page, "Save answers")
    assert page.get_by_text("Identity answers for Lily saved").is_visible()
    follow(page, "The map")
    grey = page.get_by_role("region", name="Grey areas")
    assert f"Not known yet about Lily: {NOT_KNOWN_QUESTION}" in grey.inner_text()
    assert summary_value(grey, "Raised by") == "Identity prompts"
    check_accessible(page, "journey-18-map-with-grey-area")
    follow(page, "Back to the conference")

    # 7. The decision for Lily.
    follow(page, "Decision for Lily")
    assert heading(page) == "Decision for Lily Test"
    check_accessible(page, "journey-19-decision")
    type_in(page, "The parents’ view (optional)", "Mum agrees she needs help with food")
    choose(page, "Child protection plan", group(page, "The chair’s decision"))
    choose(page, "Neglect", group(page, "Category of abuse"))
    type_in(page, "Reasons for the decision", "Lily is often hungry and the worry continues")
    choose(
        page,
        "Nina Nurse – School nurse, Riverside Health",
        group(page, "Core group members"),
    )
    type_in(page, "Contingency plan", "If Lily is still hungry at school, a legal meeting")
    first_core_group = timescales.first_core_group_due(held_on, calendar)
    review = timescales.first_review_due(held_on)
    while not calendar.is_working_day(review):
        review -= timedelta(days=1)
    type_date(page, "Date of the first core group", first_core_group)
    type_date(page, "Date of the review conference", review)
    press_button(page, "Save the decision")
    assert heading(page) == "Decisions"
    assert page.get_by_text("Decision for Lily saved").is_visible()
    assert summary_value(page, "Decision") == "Child protection plan (Neglect)"
    assert page.locator(".govuk-warning-text").count() == 0
    check_accessible(page, "journey-20-decisions")
    follow(page, "Back to the conference")

    # 8. Finalise.
    assert "Everything needed is recorded." in page.locator("main").inner_text()
    check_accessible(page, "journey-21-hub-ready")
    press_button(page, "Finalise the conference")
    assert heading(page) == "Finalise the conference"
    check_accessible(page, "journey-22-finalise")
    press_button(page, "Finalise the conference")
    assert page.url == hub
    assert page.locator(".govuk-tag", has_text="Finalised").inner_text().startswith("Finalised ")
    assert "by Charlie Chair" in page.locator(".govuk-tag", has_text="Finalised").inner_text()
    assert page.get_by_text("The conference is finalised.").is_visible()
    check_accessible(page, "journey-23-hub-finalised")

    # Lily's words are kept exactly as typed.
    follow(page, "Lily’s voice")
    own_words = page.locator(".govuk-summary-list__row", has_text="Own words").locator(
        ".app-preserve-lines"
    )
    assert own_words.inner_text() == OWN_WORDS
    with app.app_context():
        stored = db.session.query(ChildVoice).one().own_words
    assert stored.replace("\r\n", "\n") == OWN_WORDS
    check_accessible(page, "journey-24-voice-finalised")
    follow(page, "Back to the conference")

    # 9. The live screen shows the map, the scores and the decision.
    follow(page, "Open the live screen for the room")
    assert page.locator("h1").inner_text() == "Initial child protection conference"
    live = page.locator("#live-content")
    worry = live.get_by_role("region", name="Worry statements").inner_text()
    for text in WORRY.values():
        assert text in worry
    assert STRENGTH in live.get_by_role("region", name="Strengths").inner_text()
    assert NOT_KNOWN_QUESTION in live.get_by_role("region", name="Grey areas").inner_text()
    assert "Lily Test: Child protection plan (Neglect)" in (
        live.get_by_role("region", name="Decisions").inner_text()
    )
    numbers = live.locator(".app-live__numbers").inner_text()
    assert re.search(r"Lowest\s+4\s+Highest\s+6\s+Median\s+5", numbers), numbers
    rows = live.locator(".app-live__scores tbody tr").all_inner_texts()
    assert len(rows) == 2
    assert rows[0].startswith("Mum Test") and "\t4\t" in rows[0]
    assert rows[1].startswith("Sam Worker") and "\t6\t" in rows[1]
    check_accessible(page, "journey-25-live")
