"""What must not reach any family copy (issue 19): a child's words, a map item or one identity
answer, marked "not for the family's copy" with the reason, which the professional record shows.
Keys are those of the wall ((kind, record id, field), conference/services/conferences/wall.py):
what the family may not see is never on the wall either.
"""

from sqlalchemy import select

from conference.extensions import db
from conference.models import Conference, KeptFromFamily

Key = tuple[str, int, str]  # (kind, record id, field); field "" for the whole record


def withheld(conference: Conference) -> dict[Key, str]:
    """Every key kept from the family at this conference, with its reason."""
    query = select(KeptFromFamily).where(KeptFromFamily.conference_id == conference.id)
    return {(row.kind, row.record_id, row.field): row.reason for row in db.session.scalars(query)}


def is_withheld(keys, kind: str, record_id: int, field: str = "") -> bool:
    """Whether the record (or the one answer `field` within it) is kept from the family: a
    record kept whole keeps every answer in it."""
    return (kind, record_id, "") in keys or (kind, record_id, field) in keys
