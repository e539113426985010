"""Drafts: what a user has typed into a form and not saved yet, kept on the server so that a
closed laptop, an expired session or a dropped connection loses at most a few seconds of typing.

static/src/autosave.mjs saves every form marked `data-autosave="<key>"` here every few seconds
and when the page is hidden, and offers the draft back when the form is opened again. A draft
belongs to one user and one form: nobody sees another person's draft.

No audit row is written for a draft. It is the user's own unsaved typing, not a change to any
record, and saving it every few seconds would flood the audit trail; the save that follows is
audited as usual. For the same reason a draft's contents are never logged.

Removing drafts once the form is saved:

- A view that saves a form with a `data-autosave` key calls `clear_draft(current_user, key)`
  after its successful save. This is the reliable way, and the only one that works for forms
  that add a new record (they open empty again, so the script cannot tell a saved draft from
  an unsaved one).
- As a safety net for views that do not, the script discards a draft when the form, opened
  normally, already shows exactly what the draft holds (so it was saved).

The script sends nothing once a form is submitted (a draft arriving after clear_draft would
bring back what was just saved), and deletes nothing on submit either: the save may still be
refused (an error, a conflict, an expired session). A page that answers a refused save shows
what was typed and saves it again as the draft.

Drafts are not kept for ever, nor without limit: a draft not saved again for `Limits.kept` is
purged (by `flask purge-drafts`, run daily, and whenever its owner saves another draft) and no
longer offered back, and a user may keep at most `Limits.per_user` drafts, so that nobody can
fill the database with them.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from flask import abort
from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.exc import IntegrityError

from conference.extensions import db
from conference.models import Case, FormDraft
from conference.models.types import utc_now
from conference.services import access
from conference.services import access as case_access

MAX_DRAFT_BYTES = 200 * 1024
TOO_LARGE = "The draft is too large to save: the limit is 200 KB"
KEY = re.compile(r"[a-z0-9-]{1,200}")
# A key for a form about a conference or a case names it first: "conference-12-map-item-new".
RECORD_IN_KEY = re.compile(r"(conference|case)-(\d+)(?:-|$)")
LARGEST_ID = 2**31 - 1  # the largest integer a PostgreSQL integer column holds


class InvalidDraft(ValueError):
    """A draft that cannot be stored; the message says why (never what it contains)."""


class TooManyDrafts(InvalidDraft):
    """The user already keeps as many drafts as they may: this new one is not stored."""


@dataclass(frozen=True)
class Limits:
    """How long a draft is kept after it was last saved, and how many one user may keep
    (config DRAFTS_KEPT_DAYS and DRAFTS_PER_USER)."""

    kept: timedelta
    per_user: int


def check_key(key) -> str:
    """:raise InvalidDraft: the key is not 1 to 200 lowercase letters, digits or hyphens."""
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise InvalidDraft("The key must be 1 to 200 lowercase letters, digits or hyphens")
    return key


def parse_draft(body) -> tuple[str, dict, int | None]:
    """The key, data and base version from a save request's JSON body.

    The data is a flat object, as a form posts it: each field name gives a string, or a list of
    strings for repeated fields (checkboxes, a date's day, month and year).

    :raise InvalidDraft: the body is not in that shape.
    """
    if not isinstance(body, dict):
        raise InvalidDraft("Send the draft as a JSON object")
    key = check_key(body.get("key"))
    data = body.get("data")
    if not isinstance(data, dict) or not all(_is_field_value(v) for v in data.values()):
        raise InvalidDraft("The data must be an object of field names and text")
    version = body.get("base_version")
    valid_version = isinstance(version, int) and not isinstance(version, bool)
    if version is not None and not (valid_version and 0 <= version <= LARGEST_ID):
        raise InvalidDraft("The base version must be a whole number or null")
    return key, data, version


def _is_field_value(value) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    return isinstance(value, str)


def case_id_for(user, key: str) -> int | None:
    """The case a draft is about, read from its key ("conference-<id>-…" or "case-<id>-…");
    None for other forms.

    :raise 404: the key names a conference or case the user may not see.
    """
    match = RECORD_IN_KEY.match(key)
    if match is None:
        return None
    kind, number = match.group(1), int(match.group(2))
    if number > LARGEST_ID:
        abort(404)
    if kind == "conference":
        return access.conference_to_view(user, number).case_id
    case = db.session.get(Case, number)
    if case is not None and case_access.minutes_in(user, case):
        return case.id  # a minute-taker typing the plan's wording
    return case_access.case_to_view(user, number).id


def save_draft(user, key: str, data: dict, base_version: int | None, limits: Limits) -> FormDraft:
    """Store `data` as the user's draft of the form `key`, replacing their earlier one. The
    user's expired drafts are purged first.

    :raise 404: the key names a conference or case the user may not see; nothing is stored.
    :raise TooManyDrafts: this is a new draft and the user already keeps `limits.per_user`.
    """
    case_id = case_id_for(user, key)
    fields = {"case_id": case_id, "data": data, "base_version": base_version}
    purge_expired(limits.kept, user)
    draft = draft_for(user, key)
    if draft is None and _count_of(user) >= limits.per_user:
        raise TooManyDrafts(
            f"You have {limits.per_user} unsaved drafts, the most that can be kept. Save or "
            "discard the forms you started, then this one will be saved as a draft again"
        )
    if draft is None:
        try:
            with db.session.begin_nested():
                draft = FormDraft(user_id=user.id, form_key=key, **fields)
                db.session.add(draft)
            return draft
        except IntegrityError:
            # The same page saved twice at once (a timed save and the one on leaving the page):
            # the other request created the draft first, so this one updates it.
            draft = draft_for(user, key)
            if draft is None:
                raise
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.saved_at = utc_now()
    db.session.flush()
    return draft


def draft_for(user, key: str) -> FormDraft | None:
    """The user's own draft of the form `key`, or None."""
    query = select(FormDraft).where(FormDraft.user_id == user.id, FormDraft.form_key == key)
    return db.session.scalar(query)


def _count_of(user) -> int:
    return db.session.scalar(select(func.count()).where(FormDraft.user_id == user.id)) or 0


def purge_expired(kept: timedelta, user=None) -> int:
    """Delete the drafts not saved again for `kept` (only `user`'s when given); returns how many.
    No audit row: a draft is nobody's record (see above)."""
    query = delete(FormDraft).where(FormDraft.saved_at < utc_now() - kept)
    if user is not None:
        query = query.where(FormDraft.user_id == user.id)
    result = cast(CursorResult, db.session.execute(query))  # a DELETE: rows counted, none read
    db.session.flush()
    return result.rowcount


def visible_draft(user, key: str, kept: timedelta) -> FormDraft | None:
    """The user's draft of the form `key`, unless it has expired or is about a case they may no
    longer see."""
    draft = draft_for(user, key)
    if draft is not None and draft.saved_at < utc_now() - kept:
        return None
    if draft is None or draft.case_id is None:
        return draft
    case = db.session.get(Case, draft.case_id)
    if case is None:
        return None
    visible = case_access.can_view(user, case) or case_access.minutes_in(user, case)
    return draft if visible else None


def clear_draft(user, key: str) -> None:
    """Delete the user's draft of the form `key`, if any.

    Call it from any view that saves a form marked `data-autosave="<key>"`, after the save has
    succeeded (not on a validation error or a version conflict: the draft is still needed then):

        services.update_item(current_user, item, form.version.data, **form.details())
        drafts.clear_draft(current_user, f"conference-{conference.id}-map-item-{item.id}")
    """
    db.session.execute(
        delete(FormDraft).where(FormDraft.user_id == user.id, FormDraft.form_key == key)
    )
    db.session.flush()
