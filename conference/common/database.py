"""Database set-up: which database, SQLite's settings, and the guard on the transaction rule.

The rule (conference/services/__init__.py): services flush; the view or CLI command that called
them commits once. A response sent with writes flushed or pending but not committed would lose
them when the request ends, so the guard raises in tests (UNCOMMITTED_WRITES_FAIL, on when
TESTING) and logs a warning naming the endpoint otherwise. A view that discards its work on
purpose (a form with errors) rolls back.
"""

import json
import logging
import os
import sqlite3

from flask import current_app, request
from psycopg import sql
from sqlalchemy import JSON, event, insert
from sqlalchemy.engine import Engine

from conference.extensions import db

logger = logging.getLogger(__name__)
WRITTEN = "uncommitted_writes"  # session.info: flushed since the transaction began


def url_from_environment(instance_path: str) -> str:
    """`DATABASE_URL` selects PostgreSQL (psycopg 3); otherwise a SQLite file in instance/."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{os.path.join(instance_path, 'conference.sqlite')}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@event.listens_for(Engine, "connect")
def _sqlite_settings(dbapi_connection, _record):
    # SQLite ignores foreign keys unless asked, and WAL lets pages be read while one is written.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        _make_private(cursor.execute("PRAGMA database_list").fetchall())
        cursor.close()


def _make_private(databases) -> None:
    """The database holds every child's record: only the service's user may read its file
    (SQLite gives the -wal and -shm files beside it the same mode)."""
    for _seq, name, path in databases:
        if name == "main" and path and os.path.exists(path):
            os.chmod(path, 0o600)


def insert_many(session, table, rows: list[dict], batch: int = 10_000) -> None:
    """Insert many rows in the session's transaction: with COPY on PostgreSQL (psycopg's
    executemany sends one INSERT per row, about ten times slower), in batches on SQLite."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        _copy(session, table, rows)
        return
    for start in range(0, len(rows), batch):
        session.execute(insert(table), rows[start : start + batch])


def _copy(session, table, rows: list[dict]) -> None:
    """COPY knows nothing of the models' Python-side defaults, so they are filled in here; JSON
    is written as text."""
    given = set(rows[0])
    columns = [
        column for column in table.columns if column.name in given or column.default is not None
    ]
    fill = []
    for column in columns:
        default = column.default
        if default is None:
            value = None
        elif default.is_scalar:
            value = default.arg
        else:
            value = default.arg(None)
        fill.append((column.name, value, isinstance(column.type, JSON)))
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name),
        sql.SQL(", ").join(sql.Identifier(column.name) for column in columns),
    )
    connection = session.connection().connection.driver_connection
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row.get(name, value)) if is_json else row.get(name, value)
                    for name, value, is_json in fill
                ]
            )


class UncommittedWrites(RuntimeError):
    """A response was about to be sent with writes that were never committed."""


def _flushed(session, _context) -> None:
    session.info[WRITTEN] = True


def _transaction_ended(session, transaction) -> None:
    # Only the outermost transaction's end settles the writes: a savepoint's does not.
    if transaction.parent is None:
        session.info.pop(WRITTEN, None)


def uncommitted_writes(session) -> bool:
    """Whether the session holds writes not committed: flushed, or still to be flushed."""
    if session.info.get(WRITTEN) or session.new or session.deleted:
        return True
    return any(session.is_modified(record) for record in session.dirty)


def _check_committed(response):
    if response.status_code >= 500 or not uncommitted_writes(db.session()):
        return response
    fail = current_app.config.get("UNCOMMITTED_WRITES_FAIL")
    if fail is None:
        fail = current_app.testing
    message = f"{request.endpoint} sent a response with writes not committed"
    if fail:
        raise UncommittedWrites(message)
    logger.warning(message)
    return response


class _NoRowsLogged(logging.Filter):
    """SQLAlchemy's engine log at DEBUG writes every row a query returns: children's names,
    the family's address. Its statements (INFO, with their values hidden: hide_parameters in
    conference/config.py) still pass, for whoever needs to see the SQL."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


NO_ROWS_LOGGED = _NoRowsLogged()


def init_app(app):
    os.makedirs(app.instance_path, exist_ok=True)
    logging.getLogger("sqlalchemy.engine.Engine").addFilter(NO_ROWS_LOGGED)
    for name, listener in (
        ("after_flush", _flushed),
        ("after_transaction_end", _transaction_ended),
    ):
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
    app.after_request(_check_committed)
