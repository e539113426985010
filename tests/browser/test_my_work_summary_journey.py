"""A team manager's My work in a real browser, axe on each page: the summary of the team's
items, then the filters (a social worker, overdue only) sent as a GET form, whose address holds
ids and kinds only."""

import pytest
from helpers import PASSWORD
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_manager_filters_the_teams_items(page, make_user, make_case, check_accessible):
    make_user("manager", email="manager@example.org", name="Mina Manager", team="Team A")
    ada = make_user("social_worker", email="ada@example.org", name="Ada Worker", team="Team A")
    make_case(social_worker_id=ada, reference="TEAM-0001")
    page.goto("/sign-in")
    page.get_by_label("Email address").fill("manager@example.org")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("My work")
    expect(page.locator("#summary-worker tbody tr")).to_have_text(["Ada Worker 0 0 0"])
    check_accessible(page, "my-work-summary")

    page.get_by_label("Social worker").select_option(label="Ada Worker")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Show items").click()
    expect(page.locator("#shown")).to_have_text("0 items match the filters.")
    assert page.url.endswith(f"/my-work/?kind=&worker={ada}&overdue=yes")
    assert page.get_by_label("Overdue only").is_checked()
    check_accessible(page, "my-work-filtered")
