"""Database set-up: which database, and SQLite's settings."""

import json
import os
import sqlite3

from psycopg import sql
from sqlalchemy import JSON, event, insert
from sqlalchemy.engine import Engine


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
        cursor.close()


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


def init_app(app):
    os.makedirs(app.instance_path, exist_ok=True)
