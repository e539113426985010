"""Printing within a time limit (PDF_TIME_LIMIT_SECONDS): a document is laid out in a child
process, and one still being laid out when the time is up is stopped there. The user is told the
document is too long to print and what to do, the attempt is audited as not made, the log names
no one, and the server goes on answering. A normal document still prints."""

import io
import logging
import multiprocessing
import time
from datetime import date
from datetime import time as clock
from types import SimpleNamespace

import pytest
from pages import assert_page, text_of
from pypdf import PdfReader
from sqlalchemy import select

from conference.extensions import db
from conference.models import AuditEvent, Child, Conference, MapItem
from conference.pdf import render

SAID = "Dad shouted at Mum in the kitchen while Lily watched from the stairs. "
LONG_ITEM = (SAID * 70)[:4_900]  # under the ceiling on a text box: each item can be saved
# Nested deeper than WeasyPrint's layout can recurse: the render child fails.
TOO_DEEP = (
    '<html lang="en"><head><title>Deep</title></head><body>'
    + "<div>" * 300
    + "Lily"
    + "</div>" * 300
    + "</body></html>"
)


@pytest.fixture
def chair(app, signed_in, make_case):
    """A signed-in chair; `.conference` is a draft conference about Lily with one map item."""
    client = signed_in("chair", email="chair@example.org")
    case_id = make_case(team="Team A", reference="TLM-000001")
    with app.app_context():
        lily = Child(
            case_id=case_id,
            given_name="Lily",
            family_name="Jones",
            date_of_birth=date(2019, 4, 3),
            local_child_id="LC-1",
        )
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 11, 26),
            starts_at=clock(10, 0),
        )
        item = MapItem(conference=conference, heading="danger_harm", text=SAID)
        db.session.add_all([lily, conference, item])
        db.session.commit()
        client.conference = SimpleNamespace(id=conference.id)
    client.record_url = f"/conferences/{conference.id}/record.pdf"
    return client


def add_long_items(app, conference_id: int, count: int) -> None:
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        for number in range(count):
            heading = ("danger_harm", "complicating", "grey")[number % 3]
            db.session.add(MapItem(conference=conference, heading=heading, text=LONG_ITEM))
        db.session.commit()


def audit_rows(app, action: str) -> list[dict]:
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return [row.changes for row in rows]


def never_in_the_server_process(*_args, **_kwargs):
    raise AssertionError("a document was laid out in the server process")


def test_a_normal_record_prints_within_the_default_time_limit(app, chair, monkeypatch):
    assert app.config["PDF_TIME_LIMIT_SECONDS"] == 20
    monkeypatch.setattr(render.HTML, "write_pdf", never_in_the_server_process)
    response = chair.get(chair.record_url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    assert "Dad shouted at Mum" in "".join(page.extract_text() for page in pages)
    assert [row["document"] for row in audit_rows(app, "print")] == [[None, "record"]]
    assert audit_rows(app, "print-not-made") == []
    assert multiprocessing.active_children() == []


def test_a_record_too_long_to_print_is_stopped_and_the_user_told(app, chair, monkeypatch, caplog):
    """150 map items of 4,900 characters: a few hundred pages, far longer than half a second."""
    assert chair.get(chair.record_url).status_code == 200  # the fork server is up: not timed
    add_long_items(app, chair.conference.id, 150)
    monkeypatch.setitem(app.config, "PDF_TIME_LIMIT_SECONDS", 0.5)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING):
        response = chair.get(chair.record_url)
    waited = time.perf_counter() - started

    html = assert_page(response, "This document could not be made", status=500)
    assert response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    shown = text_of(html)
    assert "It is too long to print. It was still being made after 0.5 seconds" in shown
    assert "Nothing was changed and nothing was downloaded" in shown
    assert "make the longest entries in the record shorter" in shown
    # The worker waited for the limit, not for the whole render; the child laying it out was
    # killed. (The margin is for a busy machine.)
    assert waited < 8
    assert multiprocessing.active_children() == []
    assert len(audit_rows(app, "print")) == 1  # the first, normal print
    assert audit_rows(app, "print-not-made") == [
        {"document": [None, "record"], "version": [None, 1], "reason": [None, "time limit"]}
    ]
    assert "record PDF for conference" in caplog.text and "time limit" in caplog.text
    assert "Lily" not in caplog.text and "Dad" not in caplog.text
    assert chair.get(f"/conferences/{chair.conference.id}/map").status_code == 200


def test_a_render_that_fails_in_its_child_is_not_made_and_logs_only_where(
    app, chair, monkeypatch, caplog
):
    monkeypatch.setattr(render, "render_html", lambda *_args, **_kwargs: TOO_DEEP)
    monkeypatch.setattr(render.HTML, "write_pdf", never_in_the_server_process)
    with caplog.at_level(logging.ERROR):
        response = chair.get(chair.record_url)
    html = assert_page(response, "Sorry, the document could not be made", status=500)
    assert "Nothing was changed and nothing was downloaded" in text_of(html)
    assert "RecursionError at " in caplog.text and "weasyprint" in caplog.text
    assert "Lily" not in caplog.text
    assert audit_rows(app, "print") == []
    assert multiprocessing.active_children() == []


def test_print_plan_says_a_document_is_too_long_and_writes_nothing(
    app, chair, monkeypatch, tmp_path
):
    monkeypatch.setitem(app.config, "PDF_TIME_LIMIT_SECONDS", 0.001)
    out = tmp_path / "record.pdf"
    result = app.test_cli_runner().invoke(
        args=["print-plan", "TLM-000001", "--version", "record", "--out", str(out)]
    )
    assert result.exit_code != 0
    assert "was still being made after 0.001 seconds, so it was stopped" in result.output
    assert "FLASK_PDF_TIME_LIMIT_SECONDS" in result.output
    assert list(tmp_path.iterdir()) == []
    assert audit_rows(app, "print") == []
