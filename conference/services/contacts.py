"""The contacts for families, set by an administrator for the whole service and for each team
(conference/domain/contacts.py names them and checks their values), and the lines every family
document prints from them. A family always has a number to ring in the day when one is set:
their social worker's, else their team's; what is missing is flagged to the administrator (and,
when a family would have no daytime number, to staff on the case page).

A setting is stored only when it has a value: clearing it removes the row, so a team's blank
setting means "use the service's". Settings carry no version; two administrators saving at once
are told apart by a fingerprint of the values the form was loaded with.
"""

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from conference.domain import contacts as rules
from conference.extensions import db
from conference.models import Case, ChildDecision, Conference, ContactSetting, Plan, Team, User
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
    params: dict[str, str] = field(default_factory=dict)  # put into a fixed value's message


@dataclass(frozen=True)
class FamilyContacts:
    lines: list[ContactLine]
    missing: list[str] = field(default_factory=list)  # keys left out: nobody set them
    # The number to ring in the day: the social worker's, else their team's ("" when neither).
    daytime: str = ""
    daytime_is_team: bool = False


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


def gap_sentences() -> list[str]:
    """What the administrator is told family documents will leave out: each team's missing
    settings, then each social worker with no phone number."""
    return [rules.gap_sentence(gap.team, gap.missing) for gap in gaps()] + [
        rules.worker_gap_sentence(name, teams) for name, teams in worker_gaps()
    ]


def family_contacts(case, conference=None) -> FamilyContacts:
    """The contact lines for a family's documents, in the order a family needs them: their
    social worker (the lead social worker named at `conference`, else the case's), the team,
    out of hours, 999, the chair, advocacy, interpreting, complaints. A contact nobody set is
    left out and named in `missing`. A social worker with no phone of their own gets the team's
    number as theirs ("Call their team on …"), so the family still has a daytime number."""
    worker = lead_social_worker(case, conference)
    settings = rules.in_force(values_for(SERVICE), values_for(case.team_id))
    team_phone = settings.get("team_phone", "")
    lines, missing = _worker_lines(worker, case.team.name, team_phone)
    worker_phone = (worker.phone or "").strip() if worker is not None else ""
    for setting in rules.SETTINGS:
        value = settings.get(setting.key)
        if value is None:
            missing.append(setting.key)
        elif setting.key == "team_phone":
            if worker is None or worker_phone:  # else the worker's line already gives it
                lines.append(
                    ContactLine(setting.key, setting.family_label, f"{case.team.name}, {value}")
                )
        else:
            lines.append(ContactLine(setting.key, setting.family_label, value))
        if setting.key == "out_of_hours":  # 999 belongs with the other emergency number
            lines.append(ContactLine("emergency", rules.EMERGENCY, rules.CALL_999, fixed=True))
    return FamilyContacts(
        lines, missing, worker_phone or team_phone, bool(team_phone) and not worker_phone
    )


def _worker_lines(
    worker: User | None, team: str, team_phone: str
) -> tuple[list[ContactLine], list[str]]:
    if worker is None:
        return [], ["social_worker"]
    lines = [ContactLine("social_worker", rules.SOCIAL_WORKER, worker.name)]
    missing = []
    phone = (worker.phone or "").strip()
    if phone:
        lines.append(ContactLine("social_worker_phone", rules.SOCIAL_WORKER_PHONE, phone))
    elif team_phone:
        call = {"team": team, "phone": team_phone}
        lines.append(
            ContactLine(
                "social_worker_phone", rules.SOCIAL_WORKER_PHONE, rules.CALL_THE_TEAM, True, call
            )
        )
    else:
        missing.append("social_worker_phone")
    lines.append(ContactLine("social_worker_email", rules.SOCIAL_WORKER_EMAIL, worker.email))
    return lines, missing


def worker_gaps() -> list[tuple[str, list[str]]]:
    """Everyone named as the social worker of a family with a plan (not ended) who has no phone
    number, with the teams of those cases that have no team number either (whose families then
    get no daytime number): [(name, [team, ...])], by name."""
    stored = all_values()
    found: dict[int, tuple[User, set[str]]] = {}
    for plan in _newest_plans_in_force():
        worker = lead_social_worker(plan.case, plan.conference)
        if worker is None or (worker.phone or "").strip():
            continue
        _, teams = found.setdefault(worker.id, (worker, set()))
        team = stored.get(plan.case.team_id, {})
        if not rules.in_force(stored.get(SERVICE, {}), team).get("team_phone"):
            teams.add(plan.case.team.name)
    by_name = sorted(found.values(), key=lambda item: (item[0].name, item[0].id))
    return [(worker.name, sorted(teams)) for worker, teams in by_name]


def _newest_plans_in_force() -> list[Plan]:
    """Each family's newest plan that has not ended, loaded with what names its social worker
    in a handful of queries (the administrator's home page asks on every visit)."""
    query = (
        select(Plan)
        .where(Plan.ended_on.is_(None))
        .order_by(Plan.case_id, Plan.number, Plan.id)
        .options(
            selectinload(Plan.case).selectinload(Case.social_worker),
            selectinload(Plan.case).selectinload(Case.team),
            selectinload(Plan.conference)
            .selectinload(Conference.decisions)
            .selectinload(ChildDecision.lead_social_worker),
        )
    )
    newest = {plan.case_id: plan for plan in db.session.scalars(query)}
    return list(newest.values())


def daytime_gap(case) -> str | None:
    """What staff on the case page are told when the family's documents will give no number to
    ring in the day (None: they will give one, or no plan is in force)."""
    conference = _conference_of_newest_plan(case)
    if conference is None or family_contacts(case, conference).daytime:
        return None
    worker = lead_social_worker(case, conference)
    who = "No social worker is named" if worker is None else f"{worker.name} has no phone number"
    return (
        f"The family’s documents will give no number to ring in the day: {who}, and "
        f"{case.team.name} has no team phone number. An administrator can set either."
    )


def _conference_of_newest_plan(case):
    """The conference of the case's newest plan in force, whose named lead social worker the
    family's documents give (None: no plan, or it has ended)."""
    query = select(Plan).where(Plan.case_id == case.id, Plan.ended_on.is_(None))
    plan = db.session.scalars(query.order_by(Plan.number.desc(), Plan.id.desc())).first()
    return plan.conference if plan is not None else None


def lead_social_worker(case, conference) -> User | None:
    decisions = conference.decisions if conference is not None else []
    named = next((d.lead_social_worker for d in decisions if d.lead_social_worker), None)
    return named or case.social_worker


def _rows(team_id: int | None) -> dict[str, ContactSetting]:
    query = select(ContactSetting).where(
        ContactSetting.team_id.is_(None) if team_id is None else ContactSetting.team_id == team_id
    )
    return {row.key: row for row in db.session.scalars(query)}
