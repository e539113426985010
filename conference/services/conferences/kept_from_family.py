"""What must not reach any family copy (issue 19): a child's words, a map item or one identity
answer, marked "not for the family's copy" with the reason, which the professional record shows.
Keys are those of the wall ((kind, record id, field), conference/services/conferences/wall.py):
what the family may not see is never on the wall either. What may be kept, as the page lists it,
is in family_copy.py (it reads the wall's records; the wall reads this module).

Keeping and putting back take the acting user and add the audit row in the same transaction;
the view commits.
"""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from conference.extensions import db
from conference.models import Conference, KeptFromFamily, MapItem, User
from conference.services import audit, records

Key = tuple[str, int, str]  # (kind, record id, field); field "" for the whole record


def withheld(conference: Conference) -> dict[Key, str]:
    """Every key kept from the family at this conference, with its reason."""
    query = select(KeptFromFamily).where(KeptFromFamily.conference_id == conference.id)
    return {(row.kind, row.record_id, row.field): row.reason for row in db.session.scalars(query)}


def is_withheld(keys, kind: str, record_id: int, field: str = "") -> bool:
    """Whether the record (or the one answer `field` within it) is kept from the family: a
    record kept whole keeps every answer in it."""
    return (kind, record_id, "") in keys or (kind, record_id, field) in keys


def reason_withheld(keys: dict[Key, str], kind: str, record_id: int, field: str = "") -> str:
    """Why the record (or the answer `field` within it) is kept from the family; "" when it is
    not. A record kept whole gives its own reason for every answer in it."""
    return keys.get((kind, record_id, ""), "") or (
        keys.get((kind, record_id, field), "") if field else ""
    )


def keep(actor: User, conference: Conference, key: Key, reason: str) -> bool:
    """Keep `key` out of every family copy, for `reason`. Returns False (and changes nothing)
    when it was kept already, by this person a moment ago or by someone else. The caller
    checks that the key is one of the conference's (family_copy.find)."""
    kind, record_id, field = key
    row = KeptFromFamily(
        conference_id=conference.id,
        kind=kind,
        record_id=record_id,
        field=field,
        reason=reason.strip(),
        kept_by_id=actor.id,
    )
    try:
        with records.savepoint():
            db.session.add(row)
    except IntegrityError:
        return False
    _audit(actor, conference, "keep from the family's copy", key)
    return True


def release(actor: User, conference: Conference, key: Key) -> bool:
    """Put `key` back in the family's copies. Returns False when it was not kept (someone
    put it back a moment ago)."""
    kind, record_id, field = key
    gone = db.session.execute(
        delete(KeptFromFamily).where(
            KeptFromFamily.conference_id == conference.id,
            KeptFromFamily.kind == kind,
            KeptFromFamily.record_id == record_id,
            KeptFromFamily.field == field,
        )
    )
    if not gone.rowcount:  # type: ignore[attr-defined]
        return False
    _audit(actor, conference, "put back in the family's copy", key)
    return True


def _audit(actor: User, conference: Conference, action: str, key: Key) -> None:
    """Names the record by id, never by what it says; the reason is on the row (and printed
    on the professional record), not in the trail."""
    kind, record_id, field = key
    audit.record(
        actor,
        action,
        conference,
        {"kind": [None, kind], "record_id": [None, record_id]}
        | ({"field": [None, field]} if field else {}),
    )


# A child's or adult's own identity answers on the case record: the same record at every
# conference, so what was kept from the family then is kept at the review too.
CASE_RECORD_KINDS = ("child", "adult")


def carry_forward(
    actor: User,
    previous: Conference,
    conference: Conference,
    copies: list[tuple[int, MapItem]],
    *,
    case_record: bool = True,
) -> None:
    """Map items copied from the last conference's map onto this one's, (the last item's id,
    the copy), stay kept from the family for the reason given then: the review's family copies
    must not print what the last ones left out. So do the case record's identity answers kept
    then (`case_record`: False once the review's map was pre-filled, so that an answer the
    chair put back since is not kept out again). Each is audited like any other keep."""
    kept = withheld(previous)
    db.session.flush()  # the copies' ids
    for old_id, item in copies:
        reason = reason_withheld(kept, "map_item", old_id)
        if reason:
            keep(actor, conference, ("map_item", item.id, ""), reason)
    if case_record:
        for key, reason in kept.items():
            if key[0] in CASE_RECORD_KINDS:
                keep(actor, conference, key, reason)
