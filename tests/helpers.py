"""Helpers shared by the tests: the test database, a CSRF-aware client, counting rows."""

import os
import re
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from werkzeug.datastructures import MultiDict

from conference.domain import clock
from conference.extensions import db
from conference.models import Team

PASSWORD = "a long test password for everyone"
CSRF_PATTERN = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def hold_today() -> date:
    """Hold the service's today for the whole run, the browser tests' server included.

    The tests work out their dates when they are collected; a run that goes past midnight
    would otherwise ask the service about yesterday's 'today' and find every date a day out.
    """
    day = date.fromisoformat(os.environ.setdefault("TEST_TODAY", clock.today().isoformat()))
    pytest.MonkeyPatch().setattr(clock, "today", lambda: day)
    return day


def database_url(tmp_path_factory) -> str:
    """PostgreSQL when DATABASE_URL is set (CI does this), else a new SQLite file. A URL whose
    database name lacks "test" is refused: the suite empties every table it touches."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    if "test" not in urlsplit(url).path:
        pytest.exit("DATABASE_URL must name a database with 'test' in its name", returncode=2)
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def make_config(url: str, **overrides) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "tests only",
        "SQLALCHEMY_DATABASE_URI": url,
        "SESSION_COOKIE_SECURE": False,
        # Tests of the second factor turn it on (tests/integration/auth/test_second_factor.py).
        "REQUIRE_SECOND_FACTOR": False,
        # Still scrypt, at a 32nd of the cost: sign-ins are the bulk of the access matrix.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        # Background work runs in the request that asked for it, and documents are made when
        # first downloaded: the tests of the queue and of documents made ahead turn these off.
        "JOB_QUEUE_URL": "at-once",
        "DOCUMENTS_MADE_AHEAD": False,
        **overrides,
    }


class Client:
    """Wraps Flask's test client: `post` finds the CSRF token on the page first, as a browser
    submitting the form would (pass `csrf=False` to leave it out)."""

    def __init__(self, flask_client):
        self.raw = flask_client

    def get(self, url, **kwargs):
        return self.raw.get(url, **kwargs)

    def post(self, url, data=None, csrf=True, page=None, **kwargs):
        # A MultiDict keeps repeated fields, such as a date's day, month and year boxes.
        data = MultiDict(data or {})
        if csrf and "csrf_token" not in data:
            data["csrf_token"] = self.csrf_token(page or url)
        return self.raw.post(url, data=data, **kwargs)

    def csrf_token(self, url) -> str:
        html = self.raw.get(url).get_data(as_text=True)
        match = CSRF_PATTERN.search(html)
        assert match, f"no CSRF token on {url}"
        return match.group(1)

    def session_transaction(self):
        return self.raw.session_transaction()


def team_id(name):
    """The id of the team with this name, created if need be (inside an app context)."""
    if name is None:
        return None
    team = db.session.query(Team).filter_by(name=name).one_or_none()
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
    return team.id


def sign_in(client, email, password=PASSWORD):
    return client.post("/sign-in", {"email": email, "password": password})


def make_return(client, data, page="/returns/"):
    """Ask for a return on the returns page, as a manager would, and download the file its page
    offers once it is made (the tests' queue makes it at once); the page itself when it offers
    none (the return was refused, or the form was)."""
    asked = client.post("/returns/", data, page=page)
    if asked.status_code != 302 or "/returns/made/" not in asked.headers["Location"]:
        return asked
    made = client.get(asked.headers["Location"])
    link = re.search(r'href="(/returns/made/\d+/file)"', made.get_data(as_text=True))
    return client.get(link.group(1)) if link else made


def session_cookie(client) -> str | None:
    cookie = client.raw.get_cookie("session")
    return cookie.value if cookie is not None else None


def last_used(app, client, ago) -> None:
    """Make the client's stored session look last used `ago` (a timedelta) before now: the
    server's record is what the idle timeout reads (conference/common/sessions.py)."""
    from datetime import UTC, datetime

    from sqlalchemy import update

    from conference.common.sessions import key_hash
    from conference.models import UserSession

    with app.app_context():
        result = db.session.execute(
            update(UserSession)
            .where(UserSession.key_hash == key_hash(session_cookie(client) or ""))
            .values(last_seen_at=datetime.now(UTC) - ago)
        )
        db.session.commit()
    assert result.rowcount == 1, "no stored session for this client"


def count(app, model, **where) -> int:
    with app.app_context():
        return db.session.query(model).filter_by(**where).count()


def table_names(connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def empty_database(db_url: str, tmp_path, name: str) -> str:
    """A new, empty database beside the suite's, for a migration test to build from scratch:
    a SQLite file, or on PostgreSQL a database named after the suite's with `name` added (made
    again if a run that was stopped left it). `drop_database` removes it."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / (name + '.sqlite')}"
    database = f"{make_url(db_url).database}_{name}"
    _run_outside_a_transaction(
        db_url, f'DROP DATABASE IF EXISTS "{database}"', f'CREATE DATABASE "{database}"'
    )
    return make_url(db_url).set(database=database).render_as_string(hide_password=False)


def drop_database(db_url: str, url: str) -> None:
    if not db_url.startswith("sqlite"):
        _run_outside_a_transaction(db_url, f'DROP DATABASE IF EXISTS "{make_url(url).database}"')


def _run_outside_a_transaction(db_url: str, *statements: str) -> None:
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def as_it_was(connection, model) -> sa.Table:
    """The model's table with only the columns the database has at its current revision (with
    their defaults), for a migration test writing rows as an old revision had them: today's
    models have columns added since."""
    there = {column["name"] for column in inspect(connection).get_columns(model.__tablename__)}
    columns = [column._copy() for column in model.__table__.columns if column.name in there]
    return sa.Table(model.__tablename__, sa.MetaData(), *columns)


# What a migration test writes where a required column does not matter to it.
BLANK_MOMENT = datetime(2026, 1, 5, 10, tzinfo=UTC)


def _blank(column: sa.Column):
    """A value for a required column the test does not care about, by its type."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.Integer):
        return 1 if column.name == "version" else 0
    if isinstance(kind, sa.DateTime):
        return BLANK_MOMENT
    if isinstance(kind, sa.Date):
        return date(2026, 1, 5)
    if isinstance(kind, sa.Time):
        return time(10, 0)
    if isinstance(kind, sa.JSON):
        return []
    return ""


def insert_as_it_was(connection, table_name: str, **values) -> int:
    """A row in the table as it is at the database's current revision (reflected, not today's
    models, which are at the newest), every other required column given a blank value."""
    table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
    for column in table.columns:
        needed = not column.nullable and column.server_default is None
        if needed and not column.primary_key and column.name not in values:
            values[column.name] = _blank(column)
    return connection.execute(sa.insert(table).values(**values)).inserted_primary_key[0]


def rows_of(connection, sql: str, **params) -> list[tuple]:
    return [tuple(row) for row in connection.execute(text(sql), params)]
