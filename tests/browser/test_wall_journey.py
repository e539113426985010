"""The chair in the room, with the keyboard only: the live screen on a 1920 by 1080 screen shows
the map's three questions side by side with who has scored, not the scores; the chair keeps a
parent's immigration status off the screen, reveals the round, and the room sees the scores and
the child's own. Then the screen at 200% zoom and in forced colours. axe checks every page."""

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from helpers import PASSWORD
from journey import choose, follow, press_button, type_in

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    Adult,
    Attendee,
    Child,
    ChildVoice,
    Conference,
    MapItem,
    Plan,
    SafetyGoal,
    ScalingScore,
)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

QUESTION = "Where are things today?"
CONFIDENTIAL = "Mum has no recourse to public funds until next year, so money is very tight."
# (name, role, is parent, is the child, score, reason)
SCORES = [
    ("Mum Test", "Mother", True, False, 6, "We have changed things at home"),
    ("Sam Worker", "Social worker", False, False, 3, "Dad still drinks at weekends"),
    ("Lily Test", "Child", False, True, 7, "Dad is calmer now"),
]


@pytest.fixture
def room(app, make_user, make_case):
    """A conference today, chaired by Charlie Chair, with its map, Lily's words, two safety
    goals drafted, and everyone present scored. Returns the conference's id."""
    chair = make_user("chair", email="chair@example.org", name="Charlie Chair")
    worker = make_user("social_worker", email="sam@example.org", name="Sam Worker", team="Team A")
    case_id = make_case(team="Team A", social_worker_id=worker)
    with app.app_context():
        lily = Child(
            case_id=case_id,
            given_name="Lily",
            family_name="Test",
            date_of_birth=date(clock.today().year - 13, 1, 15),
            local_child_id="WALL-LILY-1",
        )
        db.session.add_all([lily, Adult(case_id=case_id, given_name="Mum", family_name="Test")])
        db.session.flush()
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=clock.today() - timedelta(days=1),
            starts_at=time(10, 0),
            chair_id=chair,
        )
        conference.attendees = [
            Attendee(
                name=name,
                role=role,
                agency_type="family" if parent or child else "childrens_social_care",
                is_parent=parent,
                child_id=lily.id if child else None,
                attendance="attended",
                position=n,
            )
            for n, (name, role, parent, child, _score, _reason) in enumerate(SCORES)
        ]
        conference.map_items = _map(lily.id)
        conference.voices = [
            ChildVoice(
                child_id=lily.id,
                own_words="I want Dad to stop shouting.",
                house_of_dreams="Going to the seaside with everyone",
            )
        ]
        db.session.add(conference)
        db.session.flush()
        plan = Plan(case_id=case_id, conference_id=conference.id)
        plan.goals = [
            SafetyGoal(statement="Lily and Tolu sleep safely at home every night", position=0),
            SafetyGoal(statement="Lily is at school every day", position=1),
        ]
        db.session.add(plan)
        by_name = {a.name: a.id for a in conference.attendees}
        db.session.add_all(
            ScalingScore(
                conference_id=conference.id,
                attendee_id=by_name[name],
                person_name=name,
                role_label=role,
                is_parent=parent,
                value=score,
                reason=reason,
                question=QUESTION,
                polarity="safe_at_10",
            )
            for name, role, parent, _child, score, reason in SCORES
        )
        db.session.commit()
        return conference.id


def _map(child_id: int) -> list[MapItem]:
    items = [
        ("danger_harm", "Police were called after Dad pushed Mum when he had been drinking."),
        ("complicating", CONFIDENTIAL),
        ("complicating", "Earlier meetings were held without a Yoruba interpreter."),
        ("safety", "When Dad has been drinking, Grandma takes the children to her flat."),
        ("strengths", "Lily and Mum are close."),
        ("grey", "Not known yet whether Dad will take up the alcohol service's offer."),
    ]
    worry = MapItem(
        heading="worry",
        who_is_worried="Sam (social worker) and the school",
        worried_about="when Dad drinks he shouts and has pushed Mum",
        could_happen="Lily could be hurt and be too scared to sleep",
        child_ids=[child_id],
        position=0,
    )
    return [worry] + [
        MapItem(heading=heading, text=text, child_ids=[child_id], position=n)
        for n, (heading, text) in enumerate(items)
    ]


@pytest.fixture
def wall_page(browser, live_server):
    """A page on the room's 1920 by 1080 screen; fails on any script or CSP error."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "the browser reported errors (a CSP violation, a script error…)"


def sign_in(page) -> None:
    page.goto("/sign-in")
    type_in(page, "Email address", "chair@example.org")
    page.get_by_role("textbox", name="Password").focus()
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def live_text(page) -> str:
    return page.locator("#live-content").inner_text()


def test_the_chair_reveals_the_scores_on_the_wall_by_keyboard(wall_page, room, check_accessible):
    page = wall_page
    sign_in(page)
    page.goto(f"/conferences/{room}/live")
    check_accessible(page, "wall-01-scores-hidden")
    shown = live_text(page)
    assert "3 of 3 have scored" in shown
    assert "Scored: Mum Test, Sam Worker, Lily Test" in shown
    for *_person, reason in SCORES:
        assert reason not in shown
    assert CONFIDENTIAL in shown

    # The three questions of the map sit side by side, and the map fits the screen's height.
    titles = page.locator(".app-live__column-title")
    assert titles.all_inner_texts() == [
        "What are we worried about?",
        "What is working well?",
        "What needs to happen next?",
    ]
    boxes = [titles.nth(n).bounding_box() for n in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    columns = page.locator(".app-live__columns").bounding_box()
    assert columns["y"] + columns["height"] <= 1080, "the map does not fit a 1080-pixel screen"
    page.screenshot(path=_screenshot("wall-02-1920x1080-viewport"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1920
    _whole_picture_on_one_screen(page)

    # Keep the parent's immigration status off the screen.
    follow(page, "What the room sees")
    check_accessible(page, "wall-03-what-the-room-sees")
    choose(page, f"Keep off the screen: Complicating factors 1, “{CONFIDENTIAL}”")
    press_button(page, "Save what the room sees")
    assert page.get_by_text("What the room sees is saved").is_visible()
    follow(page, "Open the live screen")
    assert CONFIDENTIAL not in live_text(page)
    assert "Earlier meetings were held without a Yoruba interpreter." in live_text(page)

    # Everyone present has scored: the chair reveals the round.
    follow(page, "Reveal the scores")
    assert page.locator("h1").inner_text() == "Reveal the scores"
    assert page.get_by_text("Everyone present has scored.", exact=False).is_visible()
    check_accessible(page, "wall-04-reveal")
    press_button(page, "Reveal the scores")
    assert page.url.endswith(f"/conferences/{room}/live")
    shown = live_text(page)
    for *_person, reason in SCORES:
        assert reason in shown
    assert "Lowest\n3" in shown or "Lowest 3" in shown.replace("\n", " ")
    assert "Lily’s own score: 7. Dad is calmer now" in shown
    assert "Lily and Tolu sleep safely at home every night" in shown
    assert "I want Dad to stop shouting." in shown
    assert CONFIDENTIAL not in shown
    check_accessible(page, "wall-05-scores-revealed")
    _whole_picture_on_one_screen(page)
    page.screenshot(path=_screenshot("wall-05-1920x1080-revealed-viewport"))


def _whole_picture_on_one_screen(page) -> None:
    """Under the map, what the children said, scaling and the decisions sit side by side, and
    the whole page fits a 1920 by 1080 screen: nothing to scroll, down or across (issue 18)."""
    titles = page.locator(".app-live__section-title")
    assert titles.all_inner_texts() == ["What the children said", "Scaling", "Decisions"]
    boxes = [titles.nth(n).bounding_box() for n in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 1080, f"the wall is {height} pixels high: the room would have to scroll"


def test_the_wall_reflows_at_200_percent_and_follows_forced_colours(
    browser, live_server, room, check_accessible
):
    """200% zoom on a 1920 by 1080 screen is a 960 by 540 CSS-pixel viewport at twice the
    density: one column, nothing to scroll sideways. Then forced colours and more contrast."""
    context = browser.new_context(
        base_url=live_server, viewport={"width": 960, "height": 540}, device_scale_factor=2
    )
    page = context.new_page()
    try:
        sign_in(page)
        page.goto(f"/conferences/{room}/live")
        boxes = [page.locator(".app-live__column-title").nth(n).bounding_box() for n in range(3)]
        assert boxes[0]["x"] == boxes[1]["x"] == boxes[2]["x"], "the columns did not stack"
        assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        check_accessible(page, "wall-06-zoom-200")
        page.emulate_media(forced_colors="active")
        check_accessible(page, "wall-07-forced-colours")
        page.emulate_media(forced_colors="none", contrast="more")
        colour = page.locator(".app-live__caption").evaluate("e => getComputedStyle(e).color")
        assert colour == "rgb(11, 12, 12)"
        check_accessible(page, "wall-08-more-contrast")
    finally:
        context.close()


def _screenshot(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
