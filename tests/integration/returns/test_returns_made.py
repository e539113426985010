"""The statutory returns are made in the background (issue 22): the returns page starts the
work and sends the manager to its page, which shows how far it has got and then offers the
file, to them alone; each download of it is audited as the export it is."""

import io
import re
from datetime import UTC, datetime, timedelta

import openpyxl
from helpers import Client, make_return, sign_in
from pages import assert_page, texts
from sqlalchemy import select

from conference.domain import clock
from conference.extensions import db
from conference.models import AuditEvent, Job, Role, StoredFile
from conference.returns.views import census_year_of
from conference.seeding.demo import seed

THIS_YEAR = census_year_of(clock.today())
ANNEX_A = {"year": str(THIS_YEAR), "annex_a": "y"}
# A return's export is of no one record (the demo's translator's files are exports of a plan).
RETURN_EXPORTS = (AuditEvent.action == "export", AuditEvent.record_type == "")


def asked(client, data=ANNEX_A):
    response = client.post("/returns/", data, page="/returns/")
    assert response.status_code == 302
    assert re.fullmatch(r"/returns/made/\d+", response.headers["Location"])
    return response.headers["Location"]


def test_the_return_is_made_and_its_page_offers_the_file_to_download(app, signed_in):
    with app.app_context():
        seed("a demo password for the tests")
        db.session.commit()
    head = signed_in(Role.MANAGER)
    page = head.get(asked(head))
    html = assert_page(page, "Annex A is ready")
    assert "data-waiting-url" not in html
    file_link = re.search(r'href="(/returns/made/\d+/file)"', html).group(1)
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(*RETURN_EXPORTS)) is None
    download = head.get(file_link)
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == (
        f'attachment; filename="annex-a-{clock.today():%Y-%m-%d}.xlsx"'
    )
    assert openpyxl.load_workbook(io.BytesIO(download.data)).sheetnames
    with app.app_context():
        job = db.session.scalar(select(Job))
        event = db.session.scalar(select(AuditEvent).where(*RETURN_EXPORTS))
        kilobytes = -(-job.file.size // 1024)
    assert (job.state, job.kind, job.requested_by_id) == ("done", "annex_a", head.user_id)
    assert event.user_id == head.user_id
    assert event.changes == job.summary
    assert event.changes["return"] == "annex_a"
    assert f"It holds {event.changes['children']:,} children" in html
    assert texts(html, ".govuk-button") == [f"Download Annex A (XLSX, {kilobytes} KB)"]


def job_of(app, user_id, **fields) -> int:
    with app.app_context():
        job = Job(kind="cin", requested_by_id=user_id, **fields)
        db.session.add(job)
        db.session.commit()
        return job.id


def test_while_the_return_is_made_its_page_shows_how_far_it_has_got(app, signed_in):
    head = signed_in(Role.MANAGER)
    job = job_of(app, head.user_id, state="running", done=12000, total=50000)
    page = head.get(f"/returns/made/{job}")
    html = assert_page(page, "Making the Children in Need census")
    # The page asks again by itself (waiting.mjs), never reloading under the user.
    assert "Refresh" not in page.headers
    assert texts(html, f'[data-waiting-url="/returns/made/{job}"]') == [
        "12,000 of 50,000 children read."
    ]
    assert head.get(f"/returns/made/{job}/file").status_code == 404


def test_a_refused_return_says_why_and_one_that_broke_says_it_was_logged(app, signed_in):
    head = signed_in(Role.MANAGER)
    refused = make_return(head, {"year": str(THIS_YEAR), "cin": "y"})
    html = refused.get_data(as_text=True)
    assert texts(html, ".govuk-error-summary__list li") == [
        f"No child had a section 47 enquiry or a child protection plan in {THIS_YEAR - 1}-"
        f"{THIS_YEAR}"
    ]
    broke = job_of(app, head.user_id, state="failed", finished_at=datetime.now(UTC))
    html = assert_page(
        head.get(f"/returns/made/{broke}"), "Sorry, the Children in Need census could not be made"
    )
    assert "the problem has been logged" in html


def test_only_whoever_asked_sees_the_return_and_only_for_a_day(app, signed_in, make_user):
    head = signed_in(Role.MANAGER)
    file = StoredFile.holding(b"<Message/>", "application/xml")
    with app.app_context():
        db.session.add(file)
        db.session.commit()
        file_id = file.id
    made = job_of(
        app,
        head.user_id,
        state="done",
        file_id=file_id,
        filename="cin-census.xml",
        summary={"return": "cin", "children": 1},
        finished_at=datetime.now(UTC) - timedelta(hours=25),
    )
    assert_page(head.get(f"/returns/made/{made}"), "The Children in Need census is no longer kept")
    assert head.get(f"/returns/made/{made}/file").status_code == 404
    make_user(Role.MANAGER, email="another.head@example.org")
    other = Client(app.test_client())
    assert sign_in(other, "another.head@example.org").status_code == 302
    assert other.get("/returns/").status_code == 200
    assert other.get(f"/returns/made/{made}").status_code == 404
    assert other.get(f"/returns/made/{made}/file").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(*RETURN_EXPORTS)) is None


def test_work_silent_for_ten_minutes_is_said_to_have_stopped(app, signed_in):
    head = signed_in(Role.MANAGER)
    silent = datetime.now(UTC) - timedelta(minutes=11)
    job = job_of(app, head.user_id, state="running", done=2000, total=50000, heard_at=silent)
    page = head.get(f"/returns/made/{job}")
    html = assert_page(page, "Sorry, the Children in Need census could not be made")
    assert "data-waiting-url" not in html
    assert "the part of the service that makes returns may have stopped" in html
    recent = job_of(app, head.user_id, state="running", heard_at=datetime.now(UTC))
    assert_page(head.get(f"/returns/made/{recent}"), "Making the Children in Need census")
