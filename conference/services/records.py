"""Changing a stored record: refuse stale saves, write the audit row in the same transaction."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from conference.extensions import db
from conference.models import User
from conference.services import audit


class StaleVersion(Exception):
    """Someone else saved the record after this form was loaded."""

    def __init__(self, record):
        super().__init__(f"{record.__tablename__} {record.id} changed since it was loaded")
        self.record = record


@contextmanager
def savepoint() -> Iterator[None]:
    """A SAVEPOINT for writes that someone else may make at the same moment: when the database
    refuses them, only they are undone and the rest of the transaction stands."""
    write_lock_first()
    with db.session.begin_nested():
        yield


def write_lock_first() -> None:
    """SQLite: a transaction that a SAVEPOINT begins reads from a snapshot, and once someone
    else has written after it, its first write fails at once ("database is locked", whatever
    the busy timeout), where it should have waited and met the unique constraint or the version
    check. So it takes the write lock first, as a transaction begun by a plain write does."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    if driver is not None and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def saved_first(latest: Callable[[], object | None]) -> Iterator[None]:
    """Write a record that a unique constraint allows once (the first decision for a child, the
    first voice record), or change a record that someone else may be changing too, in a
    SAVEPOINT flushed at the end. When someone else saved it at the same moment (the unique
    constraint or the version check refused the write), only these writes are undone (the rest
    of the transaction stands) and StaleVersion(latest()) is raised: the record as they saved
    it, for the conflict page."""
    try:
        with savepoint():
            yield
    except (IntegrityError, StaleDataError):
        record = latest()
        if record is None:  # refused for another reason: not a conflict to show
            raise
        raise StaleVersion(record) from None


def update(actor: User, record, version: int | None, **fields) -> dict:
    """Set `fields` on `record` if it is still at `version`; audit what changed. The caller
    commits. Returns the changes ({field: [old, new]}), empty when nothing changed.

    :raise StaleVersion: someone else saved the record since, even a moment ago.
    """
    if version != record.version:
        raise StaleVersion(record)
    try:
        # Flushed here, so that a change saved by someone else since this request read the
        # record (the version check in the UPDATE finds no row) is a conflict, not an error.
        with savepoint():
            for key, value in fields.items():
                setattr(record, key, value.strip() if isinstance(value, str) else value)
            changes = audit.changes_of(record)
            if changes:
                audit.record(actor, "update", record, changes)
    except StaleDataError:
        raise StaleVersion(record) from None  # undone and expired: it reads as they saved it
    return changes
