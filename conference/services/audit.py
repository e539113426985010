"""Writing the audit trail. Callers add the event in the same transaction as the change, so a
change is never stored without its audit row, nor an audit row without its change."""

from datetime import date, datetime, time

from flask import has_request_context, request
from sqlalchemy import inspect

from conference.extensions import db
from conference.models import AuditEvent, User

# Never copied into the audit trail, even as "changed".
SECRET_FIELDS = {"password_hash", "second_factor_secret", "second_factor_last_step"}


def record(actor: User | None, action: str, record=None, changes: dict | None = None) -> AuditEvent:
    """Add an audit event for `actor` (None for the command line) doing `action` to `record`."""
    if record is not None and record.id is None:
        db.session.flush()
    event = AuditEvent(
        user_id=actor.id if actor is not None else None,
        action=action,
        record_type=record.__tablename__ if record is not None else "",
        record_id=str(record.id) if record is not None else "",
        case_id=_case_id(record),
        ip_address=_address(),
        changes=changes or None,
    )
    db.session.add(event)
    return event


def changes_of(record) -> dict:
    """The fields changed on `record` since it was loaded: {field: [old, new]}."""
    changes = {}
    for attr in inspect(record).mapper.column_attrs:
        if attr.key in SECRET_FIELDS or attr.key == "version":
            continue
        history = inspect(record).attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[attr.key] = [plain(old), plain(new)]
    return changes


def _case_id(record) -> int | None:
    """The case a record belongs to, so a case's whole history can be listed: directly, or
    through the conference (or the child's voice in a conference), the management oversight
    or the invitation (a family's views) it is part of."""
    if record is None:
        return None
    if record.__tablename__ == "family_case":
        return record.id
    for parent in ("voice", "conference", "oversight", "invitation"):
        if getattr(record, parent, None) is not None:
            return _case_id(getattr(record, parent))
    return getattr(record, "case_id", None)


def plain(value):
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def _address() -> str:
    return (request.remote_addr or "") if has_request_context() else "command line"
