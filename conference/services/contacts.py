"""The contacts for families, set by an administrator for the whole service and for each team
(conference/domain/contacts.py names them and checks their values), and the lines every family
document prints from them.

A setting is stored only when it has a value: clearing it removes the row, so a team's blank
setting means "use the service's". Settings carry no version; two administrators saving at once
are told apart by a fingerprint of the values the form was loaded with.
"""

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.domain import contacts as rules
from conference.extensions import db
from conference.models import ContactSetting, Team, User
from conference.services import audit, records

SERVICE = None  # the team_id of the service-wide settings


class ContactsChanged(Exception):
    """Someone else saved these settings after the form was loaded."""

    def __init__(self, saved: dict[str, str]):
        super().__init__("contact settings changed since the form was loaded")
        self.saved = saved


@dataclass(frozen=True)
class ContactLine:
    """One line of a family document's contacts: a fixed label (an English message, translated
    where it is printed) and the value. A `fixed` value is fixed text, translated too."""

    key: str
    label: str
    value: str
    fixed: bool = False


@dataclass(frozen=True)
class FamilyContacts:
    lines: list[ContactLine]
    missing: list[str] = field(default_factory=list)  # keys left out: nobody set them


@dataclass(frozen=True)
class Gap:
    """Settings a team's families will not get: neither the team nor the service has them."""

    team: str | None  # None: the service itself, when there are no teams
    missing: list[rules.ContactKey]


def values_for(team_id: int | None) -> dict[str, str]:
    """The settings stored for a team (or SERVICE), {key: value}."""
    return {row.key: row.value for row in _rows(team_id).values()}


def all_values() -> dict[int | None, dict[str, str]]:
    """Every stored setting, by team_id (None: the service's)."""
    found: dict[int | None, dict[str, str]] = {}
    for row in db.session.scalars(select(ContactSetting)):
        found.setdefault(row.team_id, {})[row.key] = row.value
    return found


def fingerprint(values: dict[str, str]) -> str:
    """A short digest of the settings as loaded, kept in the form to notice a save in between."""
    text = json.dumps({k: values.get(k, "") for k in rules.KEYS}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def save(actor: User, team_id: int | None, values: dict[str, str], loaded: str) -> dict:
    """Store a team's (or SERVICE's) settings as typed: a blank value removes the setting.
    Audits each change. The caller commits. Returns {key: [old, new]} for what changed.

    :raise ContactsChanged: someone else saved them since `loaded` (their fingerprint).
    """
    records.write_lock_first()
    saved = values_for(team_id)
    if fingerprint(saved) != loaded:
        raise ContactsChanged(saved)
    changes = {}
    try:
        with db.session.begin_nested():
            rows = _rows(team_id)
            for key in rules.KEYS:
                new = (values.get(key) or "").strip()
                old = rows[key].value if key in rows else ""
                if new != old:
                    _write(actor, team_id, key, rows.get(key), new)
                    changes[key] = [old or None, new or None]
    except IntegrityError:  # someone else added a setting at the same moment
        raise ContactsChanged(values_for(team_id)) from None
    return changes


def _write(actor: User, team_id: int | None, key: str, row: ContactSetting | None, value: str):
    if row is None:
        row = ContactSetting(team_id=team_id, key=key, value=value, updated_by_id=actor.id)
        db.session.add(row)
        audit.record(actor, "create", row, {"team_id": [None, team_id], key: [None, value]})
    elif not value:
        audit.record(actor, "delete", row, {key: [row.value, None]})
        db.session.delete(row)
    else:
        audit.record(actor, "update", row, {key: [row.value, value]})
        row.value, row.updated_by_id = value, actor.id
    db.session.flush()


def gaps() -> list[Gap]:
    """For each team, the settings its families' documents will leave out; for the service
    itself when there are no teams yet."""
    stored = all_values()
    service = stored.get(SERVICE, {})
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    if not teams:
        missing = rules.missing(service, {})
        return [Gap(None, missing)] if missing else []
    found = [(team.name, rules.missing(service, stored.get(team.id, {}))) for team in teams]
    return [Gap(name, missing) for name, missing in found if missing]


def family_contacts(case, conference=None) -> FamilyContacts:
    """The contact lines for a family's documents, in the order a family needs them: their
    social worker (the lead social worker named at `conference`, else the case's), the team,
    out of hours, 999, the chair, advocacy, interpreting, complaints. A contact nobody set is
    left out and named in `missing`."""
    worker = _lead_social_worker(case, conference)
    lines, missing = _worker_lines(worker)
    settings = rules.in_force(values_for(SERVICE), values_for(case.team_id))
    for setting in rules.SETTINGS:
        value = settings.get(setting.key)
        if value is None:
            missing.append(setting.key)
        elif setting.key == "team_phone":
            lines.append(
                ContactLine(setting.key, setting.family_label, f"{case.team.name}, {value}")
            )
        else:
            lines.append(ContactLine(setting.key, setting.family_label, value))
        if setting.key == "out_of_hours":  # 999 belongs with the other emergency number
            lines.append(ContactLine("emergency", rules.EMERGENCY, rules.CALL_999, fixed=True))
    return FamilyContacts(lines, missing)


def _worker_lines(worker: User | None) -> tuple[list[ContactLine], list[str]]:
    if worker is None:
        return [], ["social_worker"]
    lines = [ContactLine("social_worker", rules.SOCIAL_WORKER, worker.name)]
    missing = []
    if (worker.phone or "").strip():
        lines.append(
            ContactLine("social_worker_phone", rules.SOCIAL_WORKER_PHONE, worker.phone.strip())
        )
    else:
        missing.append("social_worker_phone")
    lines.append(ContactLine("social_worker_email", rules.SOCIAL_WORKER_EMAIL, worker.email))
    return lines, missing


def _lead_social_worker(case, conference) -> User | None:
    decisions = conference.decisions if conference is not None else []
    named = next((d.lead_social_worker for d in decisions if d.lead_social_worker), None)
    return named or case.social_worker


def _rows(team_id: int | None) -> dict[str, ContactSetting]:
    query = select(ContactSetting).where(
        ContactSetting.team_id.is_(None) if team_id is None else ContactSetting.team_id == team_id
    )
    return {row.key: row for row in db.session.scalars(query)}
