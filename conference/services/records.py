"""Changing a stored record: refuse stale saves, write the audit row in the same transaction."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from conference.extensions import db
from conference.models import User
from conference.services import audit


class StaleVersion(Exception):
    """Someone else saved the record after this form was loaded."""

    def __init__(self, record):
        super().__init__(f"{record.__tablename__} {record.id} changed since it was loaded")
        self.record = record


@contextmanager
def saved_first(latest: Callable[[], object]) -> Iterator[None]:
    """Write a record that a unique constraint allows once (the first decision for a child, the
    first voice record) in a SAVEPOINT, flushed at the end. When someone else saved it at the
    same moment, only these writes are undone (the rest of the transaction stands) and
    StaleVersion(latest()) is raised."""
    try:
        with db.session.begin_nested():
            yield
    except IntegrityError:
        raise StaleVersion(latest()) from None


def update(actor: User, record, version: int | None, **fields) -> dict:
    """Set `fields` on `record` if it is still at `version`; audit what changed. The caller
    commits. Returns the changes ({field: [old, new]}), empty when nothing changed."""
    if version != record.version:
        raise StaleVersion(record)
    for key, value in fields.items():
        setattr(record, key, value.strip() if isinstance(value, str) else value)
    changes = audit.changes_of(record)
    if changes:
        audit.record(actor, "update", record, changes)
    return changes
