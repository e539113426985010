"""No personal data in any log line: the database fails in the middle of saving the demo family's
names, address and identity answers, and nothing any logger writes (every logger at DEBUG,
SQLAlchemy's and Werkzeug's among them) holds a word of it. A database error's text quotes the
statement's values (and PostgreSQL the whole failing row), so neither the error's text nor the
values are ever logged."""

import logging
import re

import pytest
from records import add_adult

from conference.extensions import db
from conference.models import Case
from conference.seeding.demo_family import YORUBA_MOTHER

ADDRESS = "12 Sample Road, Demo Town, DT1 1AA"
ADULT = {
    "given_name": "Funmilayo",
    "family_name": "Adebayo",
    "in_household": "yes",
    "phone": "07700 900001",
    "contact_address": ADDRESS,
}
IDENTITY = {
    "version": "1",
    "ethnicity_code": "BAFR",
    **{field: value for field, value in YORUBA_MOTHER.items() if isinstance(value, str)},
    "plan_formats": YORUBA_MOTHER["plan_formats"],
}
WORDS = [
    "Funmilayo",
    "Adebayo",
    "07700 900001",
    "Sample Road",
    *(value for value in IDENTITY.values() if isinstance(value, str) and len(value) > 12),
]
# The tables each form writes to, broken for the test.
WRITES = re.compile(r"^\s*(INSERT INTO|UPDATE) (adult|family_case)\b")
LOGGERS = ["", "sqlalchemy", "sqlalchemy.engine", "werkzeug", "conference", "flask"]


def _missing_table(_conn, _cursor, statement, parameters, _context, _many):
    """The table is gone (renamed by someone, a migration half run): the database refuses the
    statement and its error quotes it with its values."""
    if WRITES.match(statement):
        statement = WRITES.sub(r"\1 no_such_table", statement)
    return statement, parameters


def _error_quoting_the_values(_conn, _cursor, statement, parameters, _context, _many):
    """Any error whose text quotes what was sent: the app never sees it coming."""
    if WRITES.match(statement):
        raise RuntimeError(f"could not write {parameters!r}")
    return statement, parameters


@pytest.fixture
def worker(signed_in, make_case, app):
    """The allocated social worker, on the demo family's case, with one adult added."""
    client = signed_in("social_worker", team="Team A")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    client.adult_id = add_adult(app, client.case_id)
    with app.app_context():
        client.team_id = db.session.get(Case, client.case_id).team_id
    return client


def forms(client) -> list[tuple[str, dict]]:
    case = f"/cases/{client.case_id}"
    return [
        (f"{case}/adults/new", ADULT),
        (f"{case}/adults/{client.adult_id}/identity", IDENTITY),
        (
            f"{case}/edit",
            {
                "reference": "DEMO-0001",
                "team_id": str(client.team_id),
                "pod_id": "",
                "social_worker_id": str(client.user_id),
                "address": ADDRESS,
                "referral_date": ["28", "9", "2026"],
                "opened_on": ["1", "10", "2026"],
                "status": "section_47",
                "version": "1",
            },
        ),
    ]


@pytest.mark.parametrize("breakage", [_missing_table, _error_quoting_the_values])
def test_a_database_failure_while_saving_logs_none_of_the_familys_words(
    app, worker, caplog, monkeypatch, breakage
):
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    with app.app_context():
        engine = db.engine
    for url, answers in forms(worker):
        token = worker.csrf_token(url)
        with _listening(engine, breakage):
            response = worker.post(url, {**answers, "csrf_token": token})
        assert response.status_code in (500, 503), url  # the save reached the database
    logged = caplog.text + "".join(record.getMessage() for record in caplog.records)
    assert "no_such_table" in logged or "RuntimeError" in logged  # the failures were logged
    assert [word for word in WORDS if word in logged] == []


class _listening:
    def __init__(self, engine, listener):
        self.engine, self.listener = engine, listener

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self.listener, retval=True)

    def __exit__(self, *_exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self.listener)
