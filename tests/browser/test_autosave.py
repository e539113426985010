"""Autosave in a real browser: typing is kept as a draft without pressing save, and offered back
when the form is opened again; restoring it never silently overwrites someone else's save."""

import pytest
from helpers import PASSWORD, count
from playwright.sync_api import expect

from conference.extensions import db
from conference.models import Case, FormDraft

pytestmark = pytest.mark.browser

TYPED = "2 New Street\nDemo Town"


@pytest.fixture
def edit_page(page, make_user, make_case):
    """Signs in a social worker allocated to a case; returns the case's edit page address.
    `page.case_id` is the case."""
    user_id = make_user("social_worker", email="sam@example.org", name="Sam Worker", team="Team A")
    page.case_id = make_case(team="Team A", social_worker_id=user_id, address="1 Example Road")
    page.goto("/sign-in")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("My work")
    return f"/cases/{page.case_id}/edit"


def address(page):
    return page.get_by_label("Family’s address")


def type_then_leave_without_saving(page, edit_page):
    page.goto(edit_page)
    assert page.locator(".govuk-notification-banner").count() == 0
    with page.expect_response(
        lambda r: r.url.endswith("/drafts") and r.request.method == "POST", timeout=30_000
    ) as saved:
        address(page).fill(TYPED)
    assert saved.value.status == 204
    page.get_by_role("link", name="Back to the case").click()


def stored_address(app, case_id) -> str:
    with app.app_context():
        return db.session.get(Case, case_id).address.replace("\r\n", "\n")


def test_typing_is_kept_and_restored_after_leaving_without_saving(
    page, edit_page, app, check_accessible
):
    type_then_leave_without_saving(page, edit_page)
    assert stored_address(app, page.case_id) == "1 Example Road"

    page.goto(edit_page)
    banner = page.locator(".govuk-notification-banner")
    restore = banner.get_by_role("button", name="Restore my changes")
    restore.wait_for()
    heading = banner.locator(".govuk-notification-banner__heading").inner_text()
    assert heading.startswith("You have unsaved changes from ") and heading.endswith(" today")
    assert "Someone has saved this since" not in banner.inner_text()
    assert address(page).input_value() == "1 Example Road"
    check_accessible(page, "autosave-draft-offered")

    restore.click()
    assert address(page).input_value() == TYPED
    assert "Your changes have been restored: check them, then save" in banner.inner_text()
    assert stored_address(app, page.case_id) == "1 Example Road"

    page.get_by_role("button", name="Save changes").click()
    # The save is a full page load: wait for it rather than read the page mid-way.
    expect(page.get_by_text("Case details saved")).to_be_visible()
    assert stored_address(app, page.case_id) == TYPED
    # Saving the form cleared its draft on the server: nothing is offered back.
    assert count(app, FormDraft) == 0
    page.goto(edit_page)
    address(page).wait_for()
    assert page.locator(".govuk-notification-banner").count() == 0


def test_restoring_over_someone_elses_save_shows_the_conflict(
    page, edit_page, app, check_accessible
):
    type_then_leave_without_saving(page, edit_page)
    with app.app_context():
        db.session.get(Case, page.case_id).address = "3 Other Road"
        db.session.commit()

    page.goto(edit_page)
    banner = page.locator(".govuk-notification-banner")
    banner.get_by_role("button", name="Restore my changes").wait_for()
    assert "Someone has saved this since: check their changes before you save yours" in (
        banner.inner_text()
    )
    check_accessible(page, "autosave-draft-offered-after-another-save")
    banner.get_by_role("button", name="Restore my changes").click()
    # The page that shows the conflict keeps what was typed, and saves it again as the draft.
    with page.expect_response(
        lambda r: r.url.endswith("/drafts") and r.request.method == "POST", timeout=30_000
    ) as saved_again:
        page.get_by_role("button", name="Save changes").click()
    # The draft is saved again from the conflict page once it has loaded: wait for the page's
    # words rather than catch it half-drawn (this raced when CI ran two suites at once).
    expect(
        page.get_by_text("Someone else changed this record while you were editing it")
    ).to_be_visible()
    assert address(page).input_value() == TYPED
    assert saved_again.value.status == 204
    assert stored_address(app, page.case_id) == "3 Other Road"
    with app.app_context():
        draft = db.session.query(FormDraft).one()
        assert draft.data["address"] == TYPED
        assert draft.base_version == db.session.get(Case, page.case_id).version


def test_a_discarded_draft_is_gone(page, edit_page, app):
    type_then_leave_without_saving(page, edit_page)
    page.goto(edit_page)
    page.get_by_role("button", name="Discard them").click()
    page.get_by_text("Your unsaved changes have been discarded").wait_for()
    assert address(page).input_value() == "1 Example Road"
    assert count(app, FormDraft) == 0
    page.reload()
    page.get_by_role("heading", level=1).wait_for()
    assert page.locator(".govuk-notification-banner").count() == 0
