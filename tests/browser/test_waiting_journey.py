"""A return being made, in a real browser, axe on each page: its page shows how far the work
has got, changing only its status text in place as the work goes on (waiting.mjs: the page is
never reloaded under the user, so focus stays where it is), then goes to the finished return by
itself. The work is driven here by writing its progress as the worker would."""

from datetime import UTC, datetime

import pytest
from helpers import PASSWORD
from playwright.sync_api import expect

from conference.extensions import db
from conference.models import Job, StoredFile

pytestmark = pytest.mark.browser


def test_the_page_of_a_return_follows_the_work_without_reloading(
    app, page, make_user, check_accessible
):
    head = make_user("manager", email="head@example.org", name="Hana Head")
    with app.app_context():
        job = Job(kind="annex_a", requested_by_id=head, state="running", done=0, total=50000)
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    page.goto("/sign-in")
    page.get_by_label("Email address").fill("head@example.org")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/returns/made/{job_id}")
    expect(page.locator("h1")).to_have_text("Making Annex A")
    status = page.get_by_role("status")
    expect(status).to_have_text("0 of 50,000 children read.")
    check_accessible(page, "return-being-made")
    back = page.get_by_role("link", name="Back to the statutory returns")
    back.focus()

    with app.app_context():
        db.session.get(Job, job_id).done = 12000
        db.session.commit()
    expect(status).to_have_text("12,000 of 50,000 children read.", timeout=10000)
    expect(back).to_be_focused()

    with app.app_context():
        done = db.session.get(Job, job_id)
        done.state, done.done, done.finished_at = "done", 50000, datetime.now(UTC)
        done.file = StoredFile.holding(b"PK", "application/vnd.ms-excel")
        done.filename, done.summary = "annex-a.xlsx", {"return": "annex_a", "children": 50000}
        db.session.commit()
    expect(page.locator("h1")).to_have_text("Annex A is ready", timeout=10000)
    expect(page.get_by_role("link", name="Download Annex A (XLSX, 1 KB)")).to_be_visible()
    check_accessible(page, "return-ready")
