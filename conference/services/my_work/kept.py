"""My work kept for a team's manager (issue 22): a manager's page at 50,000 children worked out
every open case of the team on each request (11 s). Now each case's items, as any manager of its
team sees them, are kept as rows for the day they were worked out, and the page reads the rows.

Never stale, by construction:

- **A change to a case deletes its rows** in the flush that writes it (the case is found as the
  kept documents find it, `stored_documents.case_of`), and adds one to the case's
  `work_generation`, holding its row until the commit. Rows worked out while the case was being
  saved are not kept: `keep` reads the count before reading the case and again, locked, before
  writing, and keeps only the cases whose count is unchanged.
- **Rows are read only for the day and the settings they were worked out for.** The statutory
  dates are fixed by the records, but what is listed is not (a report is listed until its
  conference is held, a visit once it is due within 10 working days).
- **What is the manager's own is worked out at each request**: the open oversight actions they
  own or set, and every case whose core group they are a member of (their actions in its plan).

The page works out live whatever is not kept (a case changed since, or every case on the
first look of a day) and asks for those to be kept, in the background; `flask keep-work` keeps
every open case's items for the day (the deployment's nightly timer).
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import delete, event, insert, select, update

from conference.common import queue
from conference.domain.timescales import WorkingDayCalendar, default_calendar
from conference.domain.vocabulary import CaseStatus
from conference.extensions import db
from conference.models import (
    Adult,
    Case,
    Child,
    CoreGroupMember,
    KeptWork,
    KeptWorkItem,
    Role,
    User,
)
from conference.models.case import family_name_of
from conference.services import stored_documents
from conference.services.access import visible_cases
from conference.services.my_work import audio, items, queries
from conference.services.my_work.core_group_work import BEING_RECORDED

# Changed when what a kept row holds, or how the items are worked out, changes.
KEPT_VERSION = "1"
# What changing leaves a case's items as they were (beyond the kept documents' list).
NOT_WORK = (*stored_documents.UNPRINTED, KeptWork, KeptWorkItem, User)


@dataclass(frozen=True)
class TeamManager:
    """Any manager of a team with no other part in its cases: a member of no core group, with no
    oversight action of their own (no account has the id 0)."""

    team_id: int
    id: int = 0
    role: Role = Role.MANAGER


def settings_key(settings: items.Settings) -> str:
    """What the items were worked out with, beyond the records (the calendar is England and
    Wales's, in code)."""
    return hashlib.sha256(f"{KEPT_VERSION}:{settings!r}".encode()).hexdigest()


def is_kept_for(user) -> bool:
    """Only a team's manager reads kept items: the others' pages hold a few cases."""
    return user.role == Role.MANAGER and user.team_id is not None


# Reading: what a manager's page works out live (the rest: kept_page.py).


def live_part(
    user, today: date, calendar: WorkingDayCalendar, settings: items.Settings
) -> tuple[list[items.Section], list[int]]:
    """The manager's sections as `items.sections` gives them for the cases not kept (every
    section, some empty); and the ids of the team's cases among them, to be kept."""
    kept = set(
        db.session.scalars(select(Case.id).join(KeptWork).where(*kept_cases(user, today, settings)))
    )
    cases = db.session.execute(
        select(Case.id, Case.team_id).where(
            visible_cases(user), queries.mine(user), Case.status != CaseStatus.CLOSED.value
        )
    ).all()
    live = [case_id for case_id, _team in cases if case_id not in kept]
    found = items.sections(user, queries.work_on_cases(live, user), today, calendar, settings)
    to_keep = [case_id for case_id, team in cases if case_id not in kept and team == user.team_id]
    return found, to_keep


def kept_cases(user, today: date, settings: items.Settings) -> list:
    """Conditions on KeptWork and Case: the cases of the user's team kept for today, shown on
    their page, and not theirs in another way (a member of the core group sees its actions)."""
    member_of = select(CoreGroupMember.case_id).where(CoreGroupMember.user_id == user.id)
    return [
        KeptWork.team_id == user.team_id,
        KeptWork.worked_out_on == today,
        KeptWork.settings == settings_key(settings),
        Case.team_id == user.team_id,
        Case.status != CaseStatus.CLOSED.value,
        visible_cases(user),
        queries.mine(user),
        Case.id.not_in(member_of),
    ]


@dataclass
class KeptCase:
    """What the page shows of a kept case, read as a row rather than a record."""

    id: int
    reference: str
    team_id: int
    social_worker_id: int | None
    family_name: str = ""


def load_families(sections: list[items.Section]) -> None:
    """The family names of the kept cases on the page, in two queries."""
    shown: dict[int, KeptCase] = {}
    for section in sections:
        for item, _urgency in section.rows:
            case: object = item.case_work.case
            if isinstance(case, KeptCase):
                shown[case.id] = case
    if not shown:
        return
    names: dict[str, dict[int, list[str]]] = {
        "children": defaultdict(list),
        "adults": defaultdict(list),
    }
    for key, model in (("children", Child), ("adults", Adult)):
        found = db.session.execute(
            select(model.case_id, model.family_name).where(model.case_id.in_(sorted(shown)))
        )
        for case_id, family_name in found:
            names[key][case_id].append(family_name)
    for case_id, case in shown.items():
        case.family_name = family_name_of(names["children"][case_id], names["adults"][case_id])


def urgency_of(section: str, on: date, today: date, calendar):
    """A kept row's urgency, as its section gives it."""
    if section == "core-group-records":
        return BEING_RECORDED
    if section == "audio":
        return audio.OWED
    return items.urgency(on, today, calendar)


@dataclass(frozen=True)
class KeptPlan:
    """What the page shows of a draft plan with checks to put right."""

    id: int
    number: int


# Keeping: each case's items as any manager of its team sees them.


def keep(case_ids, today: date, calendar: WorkingDayCalendar, settings: items.Settings) -> int:
    """Work out and keep these open cases' items for `today`; how many cases were kept (a case
    saved meanwhile is left to be worked out again)."""
    ids = sorted(set(case_ids))
    if not ids:
        return 0
    counts = select(Case.id, Case.work_generation).where(Case.id.in_(ids))
    before: dict[int, int] = dict(db.session.execute(counts).all())
    cases = db.session.scalars(
        select(Case).where(
            Case.id.in_(ids), Case.status != CaseStatus.CLOSED.value, Case.team_id.is_not(None)
        )
    ).all()
    by_team = defaultdict(list)
    for case in cases:
        by_team[case.team_id].append(case)
    found: dict[int, list[dict]] = {case.id: [] for case in cases}
    for team_id, team_cases in by_team.items():
        viewer = TeamManager(team_id)
        work = queries.work_on_cases([case.id for case in team_cases], viewer)
        for section in items.sections(viewer, work, today, calendar, settings):
            for item, _urgency in section.rows:
                found[item.case_work.case.id].append(_kept_row(section.key, item))
    unchanged = _unchanged(before)
    db.session.execute(delete(KeptWorkItem).where(KeptWorkItem.case_id.in_(ids)))
    db.session.execute(delete(KeptWork).where(KeptWork.case_id.in_(ids)))
    key = settings_key(settings)
    kept = [case for case in cases if case.id in unchanged]
    if kept:
        db.session.execute(
            insert(KeptWork),
            [
                {"case_id": c.id, "team_id": c.team_id, "worked_out_on": today, "settings": key}
                for c in kept
            ],
        )
        rows = [row for case in kept for row in found[case.id]]
        if rows:
            db.session.execute(insert(KeptWorkItem), rows)
    return len(kept)


def _unchanged(before: dict[int, int]) -> set[int]:
    """The cases not changed since `before` was read, their rows held until the commit (a save
    under way is waited for, and seen)."""
    query = select(Case.id, Case.work_generation).where(Case.id.in_(list(before)))
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.order_by(Case.id).with_for_update()
    now: dict[int, int] = dict(db.session.execute(query).all())
    return {case_id for case_id, generation in before.items() if now.get(case_id) == generation}


def _kept_row(key: str, item) -> dict:
    ((name, to),) = item.link.values.items()  # every item links to a page by one id
    row = {
        "case_id": item.case_work.case.id,
        "section": key,
        "endpoint": item.link.endpoint,
        "link_name": name,
        "link_id": to,
    }
    if isinstance(item, items.PlanItem):
        return {
            **row,
            "what": "",
            "on": None,
            "on_label": "",
            "detail": "",
            "plan_id": item.plan.id,
            "plan_number": item.plan.number,
            "findings": item.findings,
        }
    return {
        **row,
        "what": item.what,
        "on": item.on,
        "on_label": item.on_label,
        "detail": item.detail,
        "plan_id": None,
        "plan_number": None,
        "findings": None,
    }


def ask_to_keep(case_ids: list[int], today: date) -> None:
    """Keep these cases' items in the background, once the request's work is committed."""
    if case_ids:
        queue.enqueue_once("keep-work", 600, case_ids=sorted(case_ids), today=today.isoformat())


@queue.task("keep-work")
def keep_work(case_ids: list[int], today: str) -> None:
    settings = items.Settings.from_config(current_app.config)
    keep(case_ids, date.fromisoformat(today), default_calendar(), settings)


def open_cases() -> list[int]:
    """Every open case with a team, for `flask keep-work`."""
    return list(
        db.session.scalars(
            select(Case.id)
            .where(Case.status != CaseStatus.CLOSED.value, Case.team_id.is_not(None))
            .order_by(Case.id)
        )
    )


# Noticing changes.


def changed_cases(session) -> set[int]:
    """The cases whose items what the session is about to write may change."""
    found: set[int] = set()
    modified = [record for record in session.dirty if session.is_modified(record)]
    with session.no_autoflush:
        for record in (*session.new, *session.deleted, *modified):
            if isinstance(record, NOT_WORK):
                continue
            case_id = stored_documents.case_of(session, record)
            if case_id is not None and case_id > 0:
                found.add(case_id)
    return found


def forget(case_ids: set[int]) -> None:
    ids = sorted(case_ids)
    db.session.execute(
        update(Case)
        .where(Case.id.in_(ids))
        .values(work_generation=Case.work_generation + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        delete(KeptWorkItem)
        .where(KeptWorkItem.case_id.in_(ids))
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        delete(KeptWork)
        .where(KeptWork.case_id.in_(ids))
        .execution_options(synchronize_session=False)
    )


def _before_flush(session, _context, _instances) -> None:
    cases = changed_cases(session)
    if cases:
        forget(cases)


def init_app(_app) -> None:
    if not event.contains(db.session, "before_flush", _before_flush):
        event.listen(db.session, "before_flush", _before_flush)
