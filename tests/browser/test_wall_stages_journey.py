"""The chair shows the room one stage of the meeting at a time, with the keyboard only, on the
demo family's initial conference as it stood in the room (not finalised yet): "The map" on a 1920
by 1080 screen has its three questions side by side and fits the screen, at type no smaller than
24px; the screen follows the chair's next choice by itself. axe checks every page."""

from pathlib import Path

import pytest
from journey import choose, follow, heading, press_button, type_in
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Conference, MapItem

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo password for the wall stages journey"
CHAIR = "chair@demo.example"
MAP_TITLES = ["What are we worried about?", "What is working well?", "What needs to happen next?"]
SMALLEST_TYPE = 24  # pixels, at the browser's default text size
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture
def initial(app, monkeypatch) -> int:
    """The demo, with its initial conference as it stood in the room: not finalised yet."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        conference = db.session.scalar(
            select(Conference).where(
                Conference.case_id == case.id, Conference.conference_type == "initial"
            )
        )
        conference.finalised_at = conference.finalised_by_id = None
        db.session.commit()
        return conference.id


@pytest.fixture
def room_screen(browser, live_server):
    """The room's 1920 by 1080 screen; fails on any script or CSP error."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1920, "height": 1080})
    errors = []

    def watched(page) -> None:
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))

    context.on("page", watched)
    yield context
    context.close()
    assert errors == [], "the browser reported errors (a CSP violation, a script error…)"


def sign_in(page) -> None:
    page.goto("/sign-in")
    type_in(page, "Email address", CHAIR)
    page.get_by_role("textbox", name="Password").focus()
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def show_stage(page, stage: str) -> None:
    choose(page, stage)
    press_button(page, "Show this on the screen")
    assert page.get_by_text(f"The screen shows: {stage}").is_visible()


def test_the_chair_shows_the_room_the_demo_map_on_one_screen(
    room_screen, initial, check_accessible
):
    control = room_screen.new_page()
    sign_in(control)
    control.goto(f"/conferences/{initial}/live/what-the-room-sees")
    assert heading(control) == "What the room sees"
    check_accessible(control, "wall-stages-01-what-the-room-sees")
    show_stage(control, "The map")

    wall = room_screen.new_page()
    wall.goto(f"/conferences/{initial}/live")
    titles = wall.locator(".app-live__column-title")
    assert titles.all_inner_texts() == MAP_TITLES
    boxes = [titles.nth(n).bounding_box() for n in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"], "the three questions are not in a row"
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    assert wall.locator(".app-live__section-title").count() == 0
    for words in ("Complicating factors", "Grey areas", "Safety goals", "Worry statements"):
        assert wall.get_by_role("heading", name=words, exact=True).is_visible()
    assert wall.evaluate("document.documentElement.scrollWidth") <= 1920
    height = wall.evaluate("document.documentElement.scrollHeight")
    more = wall.locator(".app-live__more")
    assert height <= 1080 or more.is_visible(), f"{height} pixels high, and nothing says so"
    assert smallest_type(wall) >= SMALLEST_TYPE
    check_accessible(wall, "wall-stages-02-the-map")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    wall.screenshot(path=SCREENSHOTS / "wall-stages-02-the-map-1920x1080-viewport.png")

    # The chair moves the room on to the children's voices: the screen follows by itself.
    show_stage(control, "The children’s voices")
    wall.get_by_role("heading", name="What the children said").wait_for(timeout=12_000)
    assert wall.locator(".app-live__column-title").count() == 0
    assert "I love my mum and dad" in wall.locator("#live-content").inner_text()
    assert wall.evaluate("document.documentElement.scrollHeight") <= 1080
    assert smallest_type(wall) >= SMALLEST_TYPE
    check_accessible(wall, "wall-stages-03-voices")

    show_stage(control, "Safety goals")
    wall.get_by_role("heading", name="Safety goals", level=2).wait_for(timeout=12_000)
    assert "How we will know" in wall.locator("#live-content").inner_text()
    assert wall.evaluate("document.documentElement.scrollHeight") <= 1080
    check_accessible(wall, "wall-stages-04-goals")


def test_a_map_too_big_for_one_screen_says_there_is_more(
    app, room_screen, initial, check_accessible
):
    """Twelve more worries than the demo's: the type stops at 24px, and the screen says there
    is more below instead of hiding it."""
    with app.app_context():
        db.session.add_all(
            MapItem(
                conference_id=initial,
                heading="worry",
                who_is_worried=f"Worried person {n}",
                worried_about="a long worry, " * 12,
                could_happen=f"Worry number {n} could happen. " * 4,
                position=10 + n,
            )
            for n in range(1, 13)
        )
        db.session.commit()
    page = room_screen.new_page()
    sign_in(page)
    page.goto(f"/conferences/{initial}/live/what-the-room-sees")
    show_stage(page, "The map")
    follow(page, "Open the live screen")
    assert page.locator(".app-live__more").is_visible()
    assert page.locator(".app-live__more").inner_text() == (
        "There is more on this screen: scroll down to see the rest"
    )
    assert smallest_type(page) >= SMALLEST_TYPE
    assert page.evaluate("document.documentElement.scrollHeight") > 1080
    assert "Worry number 12 could happen." in page.locator("#live-content").inner_text()
    check_accessible(page, "wall-stages-05-more-below")


def test_the_map_stage_reflows_at_200_percent(browser, live_server, initial, check_accessible):
    """200% zoom on the room's screen: one column that scrolls down, never across, at full size
    type, and nothing said to be missing."""
    context = browser.new_context(
        base_url=live_server, viewport={"width": 960, "height": 540}, device_scale_factor=2
    )
    page = context.new_page()
    try:
        sign_in(page)
        page.goto(f"/conferences/{initial}/live/what-the-room-sees")
        show_stage(page, "The map")
        follow(page, "Open the live screen")
        titles = page.locator(".app-live__column-title")
        boxes = [titles.nth(n).bounding_box() for n in range(3)]
        assert boxes[0]["x"] == boxes[1]["x"] == boxes[2]["x"], "the columns did not stack"
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        assert not page.locator(".app-live__more").is_visible()
        check_accessible(page, "wall-stages-06-map-zoom-200")
        page.emulate_media(forced_colors="active")
        check_accessible(page, "wall-stages-07-map-forced-colours")
    finally:
        context.close()


def smallest_type(page) -> float:
    """The smallest font size of any visible text on the live screen, in CSS pixels."""
    return page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('#live-content *')]
            .filter(e => e.offsetParent !== null
                && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
