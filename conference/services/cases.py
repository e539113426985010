"""Finding, creating and changing cases. Every function takes the acting user; every view and
change writes its audit row in the same transaction."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, func, literal_column, select, union
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, joinedload, selectinload
from sqlalchemy.sql.expression import ColumnClause

from conference.common.identity import prompt_counts
from conference.common.routing import page_number
from conference.domain import clock
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import (
    CONFERENCE_TYPE_LABELS,
    Adult,
    Allocation,
    AuditEvent,
    Case,
    Child,
    Conference,
    ConferenceType,
    Plan,
    Pod,
    Role,
    Team,
    User,
)
from conference.services import audit, records
from conference.services.access import visible_cases

PER_PAGE = 20
# Written into the SQL, not sent as a parameter, so that the names searched are the very
# expressions PostgreSQL's trigram indexes hold (migration 0023) and the indexes are used.
SPACE: ColumnClause[str] = literal_column("' '", String)
REFERENCE_PATTERN = re.compile(r"^[A-Z]{2,6}-\d{3,8}$")


class ReferenceTaken(Exception):
    """Another case already has this reference. `case_id` is that case's id when the user may
    see it, and None when they may not (see `_taken`)."""

    def __init__(self, case_id: int | None):
        super().__init__("the case reference is in use")
        self.case_id = case_id


def search_cases(user, text="", team_id=None, pod_id=None, status=None, page=1):
    """The cases `user` may see that match the search, newest first, a page at a time.
    `text` matches a reference, a child's or adult's name, or a child's date of birth. What
    each row shows is loaded with the page, not row by row (see `list_rows`)."""
    query = (
        select(Case)
        .where(visible_cases(user))
        .options(
            selectinload(Case.children),
            joinedload(Case.team),
            joinedload(Case.pod),
            joinedload(Case.social_worker),
        )
    )
    if text:
        query = query.where(_matches(text))
    if team_id:
        query = query.where(Case.team_id == team_id)
    if pod_id:
        query = query.where(Case.pod_id == pod_id)
    if status:
        query = query.where(Case.status == status)
    query = query.order_by(Case.opened_on.desc(), Case.id.desc())
    return db.paginate(query, page=page_number(page), per_page=PER_PAGE, error_out=False)


@dataclass(frozen=True)
class CaseRow:
    """What the case list shows beside a case's reference, children, team and status."""

    next_conference: str = ""  # "Review child protection conference, 18 December 2026"
    chair: str = ""  # "Chair: …" of the next conference, else "Last chaired by …"
    plan_started_on: date | None = None  # the start of the plan in force


def list_rows(cases, today: date) -> dict[int, CaseRow]:
    """Each listed case's next conference, its chair and when the plan in force began, in two
    queries for the whole page."""
    ids = [case.id for case in cases]
    if not ids:
        return {}
    conferences = defaultdict(list)
    for row in db.session.execute(
        select(
            Conference.case_id,
            Conference.conference_type,
            Conference.held_on,
            Conference.finalised_at,
            User.name,
        )
        .outerjoin(User, User.id == Conference.chair_id)
        .where(Conference.case_id.in_(ids))
        .order_by(Conference.held_on, Conference.id)
    ):
        conferences[row.case_id].append(row)
    versions = defaultdict(list)
    for version in db.session.execute(
        select(
            Plan.case_id,
            Plan.id,
            Plan.number,
            Plan.previous_plan_id,
            Plan.ended_on,
            Conference.held_on,
            Conference.finalised_at,
        )
        .join(Plan.conference)
        .where(Plan.case_id.in_(ids))
    ):
        versions[version.case_id].append(version)
    return {case_id: _case_row(conferences[case_id], versions[case_id], today) for case_id in ids}


def _case_row(conferences, versions, today: date) -> CaseRow:
    booked = [c for c in conferences if c.held_on >= today and c.finalised_at is None]
    upcoming = booked[0] if booked else None
    last = conferences[-1] if conferences else None
    if upcoming and upcoming.name:
        chair = f"Chair: {upcoming.name}"
    elif not upcoming and last and last.name:
        chair = f"Last chaired by {last.name}"
    else:
        chair = ""
    return CaseRow(
        next_conference=(
            f"{CONFERENCE_TYPE_LABELS[ConferenceType(upcoming.conference_type)]}, "
            f"{long_date(upcoming.held_on)}"
            if upcoming
            else ""
        ),
        chair=chair,
        plan_started_on=_plan_started_on(versions),
    )


def _plan_started_on(versions) -> date | None:
    """When the plan in force began: the conference of the first version in its run (as
    plan_versions.plan_in_force and core_groups.plan_run find them, from plain rows)."""
    agreed = [v for v in versions if v.finalised_at is not None]
    newest = max(agreed or versions, key=lambda v: v.number, default=None)
    if newest is None or newest.ended_on is not None:
        return None
    by_id = {v.id: v for v in versions}
    first = newest
    while (earlier := by_id.get(first.previous_plan_id)) is not None and earlier.ended_on is None:
        first = earlier
    return first.held_on


def _matches(text: str):
    born = parse_date(text)
    if born is not None:
        return Case.id.in_(select(Child.case_id).where(Child.date_of_birth == born))
    # What was typed is matched as it is: "%" and "_" are not wildcards.
    typed = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{typed}%"
    child_names = func.lower(Child.given_name + SPACE + Child.family_name)
    adult_names = func.lower(Adult.given_name + SPACE + Adult.family_name)
    # One list of the cases matched, each part answered by its own index on PostgreSQL
    # (migration 0023), rather than an OR that reads every case to test its reference.
    named = aliased(Case)
    return Case.id.in_(
        union(
            select(named.id).where(func.lower(named.reference).like(pattern, escape="\\")),
            select(Child.case_id).where(child_names.like(pattern, escape="\\")),
            select(Adult.case_id).where(adult_names.like(pattern, escape="\\")),
        )
    )


def parse_date(text: str) -> date | None:
    """ "3/4/2019", "03-04-2019" or "3 4 2019" as a date (day first), else None."""
    parts = re.split(r"[\s/.-]+", text.strip())
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def view_case(actor: User, case: Case) -> None:
    audit.record(actor, "view", case)


def create_case(actor: User, **fields) -> Case:
    """Create a case; raise ReferenceTaken if the reference is already used."""
    reference = fields["reference"] = fields["reference"].strip().upper()
    if reference_taken(reference):
        raise _taken(actor, reference)
    case = Case(**fields)
    try:
        # Someone else creating a case with this reference at the same moment: the unique
        # constraint refuses the second, which is told as if it had been there before.
        with records.savepoint():
            db.session.add(case)
            changes = {k: [None, audit.plain(v)] for k, v in fields.items()}
            audit.record(actor, "create", case, changes)
            _allocate(case)
    except IntegrityError:
        if not reference_taken(reference):
            raise
        raise _taken(actor, reference) from None
    return case


def update_case(actor: User, case: Case, version: int, **fields) -> Case:
    reference = fields["reference"] = fields["reference"].strip().upper()
    if reference != case.reference and reference_taken(reference):
        raise _taken(actor, reference)
    allocated = (case.social_worker_id, case.team_id)
    try:
        records.update(actor, case, version, **fields)
    except IntegrityError:
        if not reference_taken(reference):
            raise
        raise _taken(actor, reference) from None
    if (case.social_worker_id, case.team_id) != allocated:
        _allocate(case)
    return case


def _allocate(case: Case) -> None:
    """Who the case is allocated to from today, kept whenever the social worker or the team
    changes so that the chronology shows each change."""
    db.session.add(
        Allocation(
            case_id=case.id,
            social_worker_id=case.social_worker_id,
            team_id=case.team_id,
            allocated_on=clock.today(),
        )
    )


def reference_taken(reference: str) -> bool:
    return db.session.scalar(select(Case.id).where(Case.reference == reference)) is not None


def _taken(actor: User, reference: str) -> ReferenceTaken:
    """Why the reference cannot be used, told only as far as the user may see.

    Someone who may see the case with this reference most likely has the same family in front
    of them: they need to be sent to that case, not to create it twice. Someone who may not see
    it must learn nothing about it (its team, its family, that it is "another team's"), as for
    any case they cannot see (services/access.py). Because references are unique, that this one
    cannot be used is all they learn; they are told only that, and to check it or ask their
    manager, who can find out where the family is known.
    """
    visible = select(Case.id).where(Case.reference == reference, visible_cases(actor))
    return ReferenceTaken(db.session.scalar(visible))


def teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def pods() -> list[Pod]:
    return list(db.session.scalars(select(Pod).join(Team).order_by(Team.name, Pod.name)))


def social_workers() -> list[User]:
    query = select(User).where(User.role == Role.SOCIAL_WORKER, User.active).order_by(User.name)
    return list(db.session.scalars(query))


def audit_history(case: Case) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.case_id == case.id)
    return list(db.session.scalars(query.order_by(AuditEvent.occurred_at.desc())))


def next_steps(case: Case) -> list[str]:
    """What else the people working with the family should do, from what is recorded (the case
    page lists what is due by the statutory timescales first): the identity questions are those
    that fit each person."""
    steps = []
    if not case.children:
        steps.append("Add the children in the family.")
    if not case.adults:
        steps.append("Add the parents, carers and others in the family’s network.")
    if case.social_worker is None:
        steps.append("Allocate a social worker.")
    people: list[Child | Adult] = [*case.children, *case.adults]
    for person in people:
        missing = prompt_counts(person)["not asked"]
        if missing:
            steps.append(
                f"Ask about {person.given_name}’s identity: {missing} question"
                f"{'s' if missing != 1 else ''} not recorded yet."
            )
    return steps
