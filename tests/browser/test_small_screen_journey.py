"""The social worker on a 375px phone: the pages with wide tables (My work, the case, the plan,
a core group meeting, a conference's attendance) never scroll sideways as a whole (WCAG 1.4.10);
a table wider than the screen scrolls in its own box, which is named and can take focus so it
can be scrolled from the keyboard. axe checks each page at that width."""

import pytest
from journey import type_in
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Conference, CoreGroupMeeting, Plan

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo password for the small screen"
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def demo_pages(app, monkeypatch) -> list[str]:
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id).order_by(Plan.id))
        meeting = db.session.scalar(
            select(CoreGroupMeeting).where(CoreGroupMeeting.case_id == case.id)
        )
        conference = db.session.scalar(select(Conference).where(Conference.case_id == case.id))
        return [
            "/my-work",
            f"/cases/{case.id}",
            f"/cases/{case.id}/core-groups",
            f"/plans/{plan.id}",
            f"/core-groups/{meeting.id}",
            f"/conferences/{conference.id}/attendance",
        ]


def test_no_page_scrolls_sideways_on_a_phone(page, demo_pages, check_accessible):
    page.set_viewport_size(PHONE)
    page.goto("/sign-in")
    type_in(page, "Email address", "socialworker@demo.example")
    page.locator("#password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    boxes_that_scroll = 0
    for number, path in enumerate(demo_pages):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        check_accessible(page, f"phone-{number:02d}")
        for box in page.locator(".app-table-scroll").all():
            wider = box.evaluate("box => box.scrollWidth > box.clientWidth")
            assert (box.get_attribute("tabindex") == "0") == wider, path
            if wider:
                boxes_that_scroll += 1
                assert box.get_attribute("role") == "region"
                assert box.get_attribute("aria-label")
    assert boxes_that_scroll >= len(demo_pages) - 1  # the tables were wider than the phone
