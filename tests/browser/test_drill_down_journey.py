"""From a figure on the dashboard to the children behind it, in a real browser with axe on both
pages: the service manager follows the link under a figure and reads as many children as it
said, then goes back."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conference.seeding.synthetic import seed

pytestmark = pytest.mark.browser

PASSWORD = "synthetic password for the drill-down journey"
SERVICE_MANAGER = "servicemanager@synthetic.example"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def test_from_a_figure_to_the_children_behind_it(page, app, check_accessible):
    with app.app_context():
        seed(120, seed=3, password=PASSWORD)
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(SERVICE_MANAGER)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.goto("/dashboard/")
    figure = page.locator("section#icpc-within-15-days")
    link = figure.locator("[data-children-links] a").first
    counted = int(re.match(r"\d+", link.inner_text()).group(0))
    assert counted > 0
    address = link.get_attribute("href")
    link.click()
    # A click starts the next page but does not wait for it: wait for its heading.
    expect(page.locator("h1")).to_have_text("Children: Initial conferences within 15 working days")
    listed = page.locator("[data-listed]").inner_text()
    assert listed.startswith(f"{counted} child")
    assert page.locator("tbody tr").count() == min(counted, 50)
    check_accessible(page, "dashboard-children")
    page.get_by_role("link", name="Back to the dashboard").first.click()
    expect(page.locator("h1")).to_have_text("Managers’ dashboard")
    on_a_wide_screen(page)
    on_a_phone(page, address)


def on_a_wide_screen(page) -> None:
    """At 1920 px the figures sit two a row, and so do the sections' tables by team and pod
    (issue 18); still nothing scrolls sideways."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    for rows in ("#timeliness + .app-figure-grid > section", "[data-by-section]"):
        # Both boxes read at one moment, once the page has laid itself out again at the new
        # width (read one after the other, the page scrolled in between on a slow machine).
        page.wait_for_function(
            """rows => {
                const [first, second] = document.querySelectorAll(rows);
                const [a, b] = [first.getBoundingClientRect(), second.getBoundingClientRect()];
                return a.top === b.top && a.left < b.left;
            }""",
            arg=rows,
            timeout=10_000,
        )
    page.locator("[data-by-section]").first.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "dashboard-1920-by-team.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1920


def on_a_phone(page, link_address: str) -> None:
    """At 390 px neither page scrolls sideways (the tables and charts scroll in their own box),
    and the charts' axis text stays 12 px or more."""
    page.set_viewport_size({"width": 390, "height": 844})
    widest = "document.documentElement.scrollWidth"
    assert page.evaluate(widest) <= 390
    font_size = page.locator("section#icpc-within-15-days svg").evaluate(
        "svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width"
        " * parseFloat(svg.getAttribute('font-size'))"
    )
    assert font_size >= 12
    page.goto(link_address)
    assert page.evaluate(widest) <= 390
