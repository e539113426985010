"""Database set-up: which database, and SQLite's settings."""

import os
import sqlite3

from sqlalchemy import event
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


def init_app(app):
    os.makedirs(app.instance_path, exist_ok=True)
