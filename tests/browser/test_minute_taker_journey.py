"""Business support types a conference in the room (issue 18), with the keyboard only: the
minute-taker signs in to their conferences, records a person who came, a worry on the map, that
person's score and a safety goal's wording, and is refused the chair's decision. axe checks every
page the journey visits.

Keyboard only: focus moves with `focus()` and everything is done with Enter, Space and typing,
never a mouse click."""

from datetime import date, time, timedelta

import pytest
from helpers import PASSWORD
from journey import choose, follow, group, heading, press_button, type_in

from conference.domain import clock, timescales
from conference.extensions import db
from conference.models import (
    Adult,
    Child,
    Conference,
    MapItem,
    Plan,
    SafetyGoal,
    ScalingScore,
)

pytestmark = pytest.mark.browser

WORRY = {
    "Who is worried": "Tara Teacher (school)",
    "About what behaviour or event": "Lily has come to school hungry on most days this term",
    "What could happen to the child if nothing changes": (
        "Lily could go without enough food to grow and be well"
    ),
}
GOAL = "Lily has breakfast before school every day"


@pytest.fixture
def conference_to_minute(app, make_user, make_case):
    """Lily's initial conference today, chaired by Charlie Chair, with Mina Minute-Taker assigned
    and a draft plan with one safety goal. Returns (conference id, child id)."""
    chair = make_user("chair", email="chair@example.org", name="Charlie Chair")
    worker = make_user("social_worker", email="sam@example.org", name="Sam Worker", team="Team A")
    minute_taker = make_user(
        "minute_taker",
        email="mina@example.org",
        name="Mina Minute-Taker",
        agency="Business Support",
    )
    case_id = make_case(team="Team A", social_worker_id=worker)
    calendar = timescales.default_calendar()
    held_on = clock.today()
    while not calendar.is_working_day(held_on):
        held_on -= timedelta(days=1)
    with app.app_context():
        child = Child(
            case_id=case_id,
            given_name="Lily",
            family_name="Test",
            date_of_birth=date(clock.today().year - 7, 1, 15),
            local_child_id="MINUTES-LILY-1",
        )
        db.session.add_all([child, Adult(case_id=case_id, given_name="Mum", family_name="Test")])
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=held_on,
            starts_at=time(10),
            venue="Room 2, Civic Centre",
            strategy_discussion_on=calendar.subtract_working_days(held_on, 10),
            chair_id=chair,
            minute_taker_id=minute_taker,
        )
        db.session.add(conference)
        db.session.flush()
        goal = SafetyGoal(statement="Lily eats", child_ids=[child.id])
        db.session.add(Plan(case_id=case_id, conference=conference, number=1, goals=[goal]))
        db.session.commit()
        return conference.id, child.id, goal.id


def _press_link(page, link) -> None:
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_minute_taker_types_the_conference_and_is_refused_the_decision(
    page, check_accessible, conference_to_minute, app
):
    conference_id, child_id, goal_id = conference_to_minute

    # 1. Signing in lands on the conferences she minutes.
    page.goto("/sign-in")
    type_in(page, "Email address", "mina@example.org")
    page.get_by_role("textbox", name="Password").focus()
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert heading(page) == "My work"
    assert "Charlie Chair" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Cases", exact=True).count() == 0
    check_accessible(page, "minutes-01-my-work")
    follow(page, "Initial child protection conference")
    assert heading(page) == "Initial child protection conference"
    assert page.get_by_role("link", name="Back to my work").count() == 1
    check_accessible(page, "minutes-02-conference")

    # 2. Attendance: the class teacher, who came.
    follow(page, "Attendance")
    press_button(page, "Add a person")
    assert heading(page) == "Add a person to the attendance list"
    check_accessible(page, "minutes-03-add-person")
    type_in(page, "Name", "Tara Teacher")
    type_in(page, "Role (optional)", "Class teacher")
    choose(page, "Education", group(page, "Type of agency"))
    choose(page, "Attended", group(page, "Attendance"))
    press_button(page, "Add this person")
    assert heading(page) == "Attendance"
    assert "Tara Teacher" in page.locator("main").inner_text()
    check_accessible(page, "minutes-04-attendance")
    follow(page, "Back to the conference")

    # 3. The map: a worry statement.
    follow(page, "The map")
    follow(page, "Add an item under Worry statements")
    check_accessible(page, "minutes-05-map-item")
    for label, text in WORRY.items():
        type_in(page, label, text)
    press_button(page, "Add to the map")
    assert page.get_by_text("Added to Worry statements").is_visible()
    check_accessible(page, "minutes-06-map")
    follow(page, "Back to the conference")

    # 4. Scaling: the teacher's score, as she gives it.
    follow(page, "Scaling")
    follow(page, "Score for Tara Teacher")
    assert heading(page) == "Score from Tara Teacher"
    check_accessible(page, "minutes-07-score")
    choose(page, "5", group(page, "Score from 0 to 10"))
    type_in(page, "Reason for this score", "Lily is often hungry but Mum has asked for help")
    press_button(page, "Save score")
    assert page.get_by_text("Score from Tara Teacher saved", exact=False).is_visible()
    check_accessible(page, "minutes-08-scaling")
    follow(page, "Back to the conference")

    # 5. The plan's wording: the goal as the room agreed it.
    follow(page, "Plan version 1")
    check_accessible(page, "minutes-09-plan")
    _press_link(page, page.locator(f"#goal-{goal_id}").get_by_role("link", name="Change"))
    check_accessible(page, "minutes-10-goal")
    statement = page.get_by_label("What will be different for the child?", exact=True)
    statement.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(GOAL)
    # The goal answers the worry she has just put on the map.
    worries = group(page, "Which worry statements does this goal answer?")
    worry = worries.get_by_role("checkbox").first
    worry.focus()
    page.keyboard.press(" ")
    assert worry.is_checked()
    press_button(page, "Save changes")
    assert GOAL in page.locator("main").inner_text()

    # 6. The decision is the chair's: no way in from the conference, and refused at its address.
    follow(page, "Back to the conference")
    follow(page, "Decision for Lily")
    assert heading(page) == "Decisions"
    assert page.get_by_role("link", name="Record the decision", exact=False).count() == 0
    check_accessible(page, "minutes-11-decisions")
    # Typed into the address bar, in a tab of its own: the browser logs every 403 it loads as
    # an error, which the journey's own tab must not have.
    refused = page.context.new_page()
    response = refused.goto(f"/conferences/{conference_id}/decisions/{child_id}")
    assert response.status == 403
    assert heading(refused) == "You do not have permission to see this page"
    check_accessible(refused, "minutes-12-decision-refused")
    refused.close()

    with app.app_context():
        item = db.session.query(MapItem).filter_by(conference_id=conference_id).one()
        assert item.worried_about == WORRY["About what behaviour or event"]
        score = db.session.query(ScalingScore).filter_by(conference_id=conference_id).one()
        assert (score.person_name, score.value) == ("Tara Teacher", 5)
        assert db.session.get(SafetyGoal, goal_id).statement == GOAL
