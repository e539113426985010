"""Signing in and out in a real browser, with axe on every page, error states included."""

import pytest
from helpers import PASSWORD
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_sign_in_error_my_work_and_sign_out(page, make_user, check_accessible):
    make_user("chair", email="chair@example.org", name="Chris Chair")
    page.goto("/")
    assert page.url.endswith("/sign-in?next=%2F")
    check_accessible(page, "sign-in")

    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Enter your email address",
        "Enter your password",
    ]
    assert page.title().startswith("Error: Sign in – ")
    check_accessible(page, "sign-in-errors")

    page.get_by_label("Email address").fill("chair@example.org")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("My work")
    check_accessible(page, "my-work")
    page.get_by_role("link", name="Home").click()
    expect(page.locator("h1")).to_have_text("Home")
    assert "You are signed in as Chris Chair." in page.content()
    check_accessible(page, "home")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()
    assert page.locator("h1").inner_text() == "Sign in"


def test_admin_pages_are_accessible(page, make_user, check_accessible):
    make_user("admin", email="admin@example.org", name="Ada Admin")
    page.goto("/sign-in")
    page.get_by_label("Email address").fill("admin@example.org")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Users").click()
    check_accessible(page, "admin-users")
    page.get_by_role("button", name="Add a user").click()
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessible(page, "admin-new-user-errors")
    page.get_by_label("Full name").fill("Pat Nurse")
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_label("Practitioner from another agency").check()
    page.get_by_role("textbox", name="Password").fill("a long and unusual password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Account created for Pat Nurse")).to_be_visible()
    page.get_by_role("link", name="Pat Nurse").click()
    check_accessible(page, "admin-edit-user")
