"""When things fail: a PDF that cannot be made, and a database that is locked or unreachable.
Nothing half-done is kept, the user sees a page in the service's own look, the log holds no
personal data, and what the user typed is not lost."""

import logging
import re
import sqlite3
from contextlib import contextmanager
from datetime import date, time
from html import unescape
from types import SimpleNamespace

import pytest
from pages import assert_page, text_of
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from werkzeug.datastructures import MultiDict

from conference.extensions import db
from conference.models import AuditEvent, Child, Conference, MapItem
from conference.pdf import render
from conference.services.conferences import map as conference_map

CHANGED = {
    "heading": "danger_harm",
    "text": "On 3 March Dad pushed Mum while Lily was in the room",
    "who_is_worried": "",
    "worried_about": "",
    "could_happen": "",
    "raised_by": "PC Ali (police)",
    "family_response": "Mum says it was the only time",
    "version": "1",
}
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def chair(app, signed_in, make_case):
    """A signed-in chair; `.conference` is a draft conference with one map item, `.item`."""
    client = signed_in("chair", email="chair@example.org")
    case_id = make_case(team="Team A")
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
            starts_at=time(10, 0),
        )
        item = MapItem(conference=conference, heading="grey", text="Who lives at the house")
        db.session.add_all([lily, conference, item])
        db.session.commit()
        client.conference = SimpleNamespace(id=conference.id, child_id=lily.id)
        client.item_url = f"/conferences/{conference.id}/map/{item.id}"
        client.item_id = item.id
    return client


@contextmanager
def database_locked(app):
    """Another connection holds the write lock, and the app waits for it only 0.2 s: SQLite's
    `BEGIN EXCLUSIVE` (pages can still be read, as WAL allows), or PostgreSQL's `LOCK TABLE`
    in EXCLUSIVE mode (plain reads still allowed) with a short `lock_timeout`."""
    with app.app_context():  # not kept: each request must have its own, and its own session
        engine = db.engine
    sqlite = engine.dialect.name == "sqlite"

    def short_wait(dbapi_connection, _record, _proxy):
        cursor = dbapi_connection.cursor()
        if sqlite:
            cursor.execute("PRAGMA busy_timeout=200")
        else:
            cursor.execute("SET lock_timeout = '200ms'")
        cursor.close()

    event.listen(engine, "checkout", short_wait)
    if sqlite:
        holder = sqlite3.connect(engine.url.database, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
    else:
        holder = engine.connect()
        holder.execute(text("LOCK TABLE map_item, audit_event IN EXCLUSIVE MODE"))
    try:
        yield
    finally:
        holder.rollback()
        holder.close()
        event.remove(engine, "checkout", short_wait)
        engine.dispose()  # no connection keeps the short wait


def stored_item(app, item_id) -> tuple[str, int]:
    with app.app_context():
        item = db.session.get(MapItem, item_id)
        return item.text, item.version


def audit_actions(app) -> list[str]:
    with app.app_context():
        return [event.action for event in db.session.query(AuditEvent).order_by(AuditEvent.id)]


# A database that is locked or unreachable.


def test_a_save_to_a_locked_database_keeps_what_was_typed_and_try_again_saves_it(
    app, chair, caplog
):
    token = chair.csrf_token(chair.item_url)
    data = {**CHANGED, "child_ids": [str(chair.conference.child_id)], "csrf_token": token}
    before = audit_actions(app)
    with database_locked(app), caplog.at_level(logging.ERROR):
        response = chair.post(chair.item_url, data)

    html = assert_page(response, "Sorry, the service is busy", status=503)
    page = text_of(html)
    assert "What you typed has not been saved yet, and nothing was changed" in page
    assert "On 3 March Dad pushed Mum while Lily was in the room" in page
    assert stored_item(app, chair.item_id) == ("Who lives at the house", 1)
    assert audit_actions(app) == before
    # Logged as a busy database, with nothing the user typed and no SQL parameters.
    assert "Database busy or unavailable on POST conferences.edit_map_item" in caplog.text
    assert re.search(r"OperationalError SQLITE_BUSY|LockNotAvailable 55P03", caplog.text)
    assert "Lily" not in caplog.text and "PC Ali" not in caplog.text

    # "Try again" sends exactly what was typed (and its version) once the database is free.
    form = re.search(r'<form method="post" novalidate>(.*?)</form>', html, flags=re.S).group(1)
    resent = [(name, unescape(value)) for name, value in HIDDEN_INPUT.findall(form)]
    assert ("version", "1") in resent
    assert ("child_ids", str(chair.conference.child_id)) in resent
    response = chair.raw.post(chair.item_url, data=_multi(resent))
    assert response.status_code == 302
    assert stored_item(app, chair.item_id) == (CHANGED["text"], 2)
    assert audit_actions(app)[-1] == "update"


def test_the_busy_page_never_sends_a_password_back(app, client, make_user):
    make_user("chair", email="chair@example.org")
    token = client.csrf_token("/sign-in")
    data = {"email": "chair@example.org", "password": "a password typed once", "csrf_token": token}
    with database_locked(app):
        response = client.post("/sign-in", data)
    html = assert_page(response, "Sorry, the service is busy", status=503)
    assert "a password typed once" not in html
    assert ("email", "chair@example.org") in HIDDEN_INPUT.findall(html)


def test_a_database_error_while_reading_shows_the_busy_page(app, chair, monkeypatch, caplog):
    def unreachable(*_args, **_kwargs):
        raise OperationalError(
            "SELECT * FROM child WHERE given_name = ?", ("Lily",), sqlite3.OperationalError("x")
        )

    monkeypatch.setattr(conference_map, "view_map", unreachable)
    with caplog.at_level(logging.ERROR):
        response = chair.get(f"/conferences/{chair.conference.id}/map")
    html = assert_page(response, "Sorry, the service is busy", status=503)
    assert "Try again in a minute." in text_of(html)
    assert "Try again</button>" not in html  # nothing was typed, so nothing to send again
    assert "Lily" not in caplog.text


# A PDF that cannot be made.


def test_a_pdf_that_fails_midway_is_not_downloaded_nor_audited(app, chair, monkeypatch, caplog):
    def fails_in_layout(*_args, **_kwargs):
        raise MemoryError("laying out page 3 of Lily's record")

    monkeypatch.setattr(render.HTML, "write_pdf", fails_in_layout)
    # Laid out in this process, where the failure is patched in, not in a render child (a child
    # that fails: tests/integration/documents/test_print_time_limit.py).
    monkeypatch.setitem(app.config, "PDF_TIME_LIMIT_SECONDS", None)
    before = audit_actions(app)
    with caplog.at_level(logging.ERROR):
        response = chair.get(f"/conferences/{chair.conference.id}/record.pdf")
    html = assert_page(response, "Sorry, the document could not be made", status=500)
    assert response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    assert "Nothing was changed and nothing was downloaded" in text_of(html)
    assert "print" not in audit_actions(app)[len(before) :]
    assert "MemoryError" in caplog.text and "Lily" not in caplog.text

    monkeypatch.undo()  # the same download works once the renderer does
    response = chair.get(f"/conferences/{chair.conference.id}/record.pdf")
    assert response.mimetype == "application/pdf"
    assert audit_actions(app)[-1] == "print"


def test_a_pdf_whose_audit_cannot_be_saved_is_not_downloaded(app, chair):
    before = audit_actions(app)
    with database_locked(app):
        response = chair.get(f"/conferences/{chair.conference.id}/record.pdf")
    assert_page(response, "Sorry, the service is busy", status=503)
    assert "Content-Disposition" not in response.headers
    assert audit_actions(app) == before
    assert chair.get(f"/conferences/{chair.conference.id}/record.pdf").status_code == 200


def test_print_plan_leaves_no_file_when_the_audit_cannot_be_saved(app, chair, tmp_path):
    out = tmp_path / "record.pdf"
    with app.app_context():
        reference = db.session.get(Conference, chair.conference.id).case.reference
    with database_locked(app):
        result = app.test_cli_runner().invoke(
            args=["print-plan", reference, "--version", "record", "--out", str(out)]
        )
    assert isinstance(result.exception, OperationalError)
    assert list(tmp_path.iterdir()) == []
    assert "print" not in audit_actions(app)

    result = app.test_cli_runner().invoke(
        args=["print-plan", reference, "--version", "record", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert [path.name for path in tmp_path.iterdir()] == ["record.pdf"]


def _multi(pairs):
    return MultiDict(pairs)
