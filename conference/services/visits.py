"""Statutory visits: recording and changing a visit to the family's children, a case's visits,
and where each child on a plan stands (last seen, seen alone then, next due, overdue).

Who is on a plan is decided as the statutory returns decide it: each child's plan periods from
the finalised conferences' decisions and the family plan's recorded end (cin_rules). The plan
started at its conference's date; the visit interval is the family plan's own, or the
council's setting.

Every function that writes takes the acting user and adds its audit rows in the same
transaction; the caller commits.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import func, select, true
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from conference.domain import cin_rules
from conference.domain import visits as rules
from conference.domain.plan_versions import plan_in_force
from conference.domain.timescales import WorkingDayCalendar
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import (
    AuditEvent,
    Case,
    Child,
    Conference,
    Plan,
    StatutoryVisit,
    User,
    VisitChild,
)
from conference.services import audit, records

VISIT_FIELDS = (
    "visited_on",
    "visited_at",
    "visitor_id",
    "visitor_name",
    "visitor_role",
    "place",
    "announced",
    "observations",
    "next_steps",
)
CHILD_FIELDS = (
    "seen",
    "not_seen_reason",
    "seen_alone",
    "not_alone_reason",
    "bedroom_seen",
    "own_words",
)


@dataclass(frozen=True)
class ChildPart:
    """One child's part in a visit, as typed."""

    child_id: int
    seen: bool
    not_seen_reason: str = ""
    seen_alone: bool = False
    not_alone_reason: str = ""
    bedroom_seen: bool | None = None
    own_words: str = ""


@dataclass(frozen=True)
class VisitAnswers:
    visited_on: date
    visited_at: time | None
    visitor_id: int | None  # None: someone other than the case's social worker, by name
    visitor_name: str
    visitor_role: str
    place: str
    announced: bool | None
    observations: str
    next_steps: str
    children: list[ChildPart] = field(default_factory=list)


# Reading


def visits_of(case: Case) -> list[StatutoryVisit]:
    """The family's visits, newest first."""
    query = (
        select(StatutoryVisit)
        .where(StatutoryVisit.case_id == case.id)
        .options(selectinload(StatutoryVisit.children))
        .order_by(StatutoryVisit.visited_on.desc(), StatutoryVisit.id.desc())
    )
    return list(db.session.scalars(query))


def view_visits(actor: User, case: Case) -> None:
    audit.record(actor, "view visits", case)


def view_visit(actor: User, visit: StatutoryVisit) -> None:
    audit.record(actor, "view", visit)


def last_change(visit: StatutoryVisit) -> AuditEvent | None:
    """The latest change to the visit after it was recorded, from the audit trail (each save
    that changed something adds an "update" row), or None when it was never changed."""
    return db.session.scalar(
        select(AuditEvent)
        .where(
            AuditEvent.record_type == StatutoryVisit.__tablename__,
            AuditEvent.record_id == str(visit.id),
            AuditEvent.action == "update",
        )
        .options(selectinload(AuditEvent.user))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(1)
    )


def plan_periods_of(
    children: list[Child], conferences: list[Conference], plans: list[Plan], today: date
) -> dict[int, list[cin_rules.PlanPeriod]]:
    """Each child's child protection plans as they stood on `today`, earliest first, from the
    family's conferences (their decisions loaded) and the family plan's versions."""
    decisions = defaultdict(list)
    held = sorted(
        (c for c in conferences if c.finalised and c.held_on <= today),
        key=lambda c: (c.held_on, c.id),
    )
    for conference in held:
        for decision in conference.decisions:
            decisions[decision.child_id].append(cin_rules.Decision.of(conference, decision))
    ends = [p.ended_on for p in plans if p.ended_on is not None and p.ended_on <= today]
    return {
        child.id: cin_rules.as_at(cin_rules.plan_periods(decisions[child.id], ends), today)
        for child in children
    }


def seen_by_child(visits: list[StatutoryVisit]) -> dict[int, list[rules.ChildSeen]]:
    """Each child's part in the visits, as the rule reads it."""
    parts: defaultdict[int, list[rules.ChildSeen]] = defaultdict(list)
    for visit in visits:
        for part in visit.children:
            parts[part.child_id].append(
                rules.ChildSeen(
                    visited_on=visit.visited_on,
                    seen=part.seen,
                    seen_alone=part.seen_alone,
                    by_lead_social_worker=visit.by_lead_social_worker,
                )
            )
    return parts


@dataclass(frozen=True)
class ChildVisits:
    """Where one child on a plan stands with their statutory visits."""

    child: Child
    plan_started_on: date
    interval: int
    status: rules.VisitStatus


@dataclass(frozen=True)
class FamilyRecord:
    """What the children's visit status is worked out from, loaded once (for My work, for many
    families at a time)."""

    children: list[Child]
    conferences: list[Conference]
    plans: list[Plan]
    seen: dict[int, list[rules.ChildSeen]]


def statuses(
    family: FamilyRecord, today: date, calendar: WorkingDayCalendar, default_interval: int
) -> list[ChildVisits]:
    """Each child of the family on a plan today, in the family's order, with their last
    statutory visit, whether they were seen alone then, and when the next is due. The plan
    started at its conference's date; the interval is the plan in force's own, or the
    council's setting."""
    periods = plan_periods_of(family.children, family.conferences, family.plans, today)
    started = {
        child_id: found[-1].start
        for child_id, found in periods.items()
        if found and found[-1].end is None
    }
    plan = plan_in_force(family.plans)
    interval = (plan.visit_interval_working_days if plan else None) or default_interval
    return [
        ChildVisits(
            child=child,
            plan_started_on=started[child.id],
            interval=interval,
            status=rules.status(
                family.seen.get(child.id, []), started[child.id], interval, calendar, today
            ),
        )
        for child in family.children
        if child.id in started
    ]


def children_status(
    case: Case, today: date, calendar: WorkingDayCalendar, default_interval: int
) -> list[ChildVisits]:
    """`statuses` for one family, loaded from the database."""
    conferences = db.session.scalars(
        select(Conference)
        .where(Conference.case_id == case.id)
        .options(selectinload(Conference.decisions))
    )
    plans = db.session.scalars(select(Plan).where(Plan.case_id == case.id))
    family = FamilyRecord(
        list(case.children), list(conferences), list(plans), seen_by_child(visits_of(case))
    )
    return statuses(family, today, calendar, default_interval)


def last_statutory_visit(case_id: int, child_id: int, today: date) -> VisitChild | None:
    """The child's part in the latest visit by the lead social worker at which they were seen
    (Annex A's "Date of the Last Statutory Visit" and "Was the Child Seen Alone?")."""
    query = (
        select(VisitChild)
        .join(VisitChild.visit)
        .where(
            StatutoryVisit.case_id == case_id,
            StatutoryVisit.by_lead_social_worker,
            StatutoryVisit.visited_on <= today,
            VisitChild.child_id == child_id,
            VisitChild.seen,
        )
        .order_by(StatutoryVisit.visited_on.desc(), StatutoryVisit.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


@dataclass(frozen=True, slots=True)
class LastVisit:
    """A child's part in their last statutory visit, as the returns read it."""

    id: int  # the child's part (VisitChild)
    visited_on: date
    seen_alone: bool


def last_statutory_visits(child_ids: Iterable[int], today: date) -> dict[tuple, LastVisit]:
    """`last_statutory_visit` for many children at once, by (case id, child id), in a query
    per 250 children rather than one per child: for the returns (Annex A's List 7). Read as
    plain rows, not objects. (PostgreSQL's estimate for a thousand children's lookups is over
    its threshold for compiling the query, which took longer than the lookups themselves.)"""
    ids = sorted(set(child_ids))
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    found = {}
    for start in range(0, len(ids), 250):
        chunk = ids[start : start + 250]
        query = _latest_by_child(chunk, today) if postgresql else _latest_ranked(chunk, today)
        found.update(
            {
                (row.case_id, row.child_id): LastVisit(row.id, row.visited_on, row.seen_alone)
                for row in db.session.execute(query)
            }
        )
    return found


def _statutory_parts(today: date):
    """The children's parts in statutory visits up to `today` (by the lead social worker, the
    child seen), with what the returns show of them. The last is the latest visit's, and of
    two on the same day the one recorded later (the greater visit id)."""
    return (
        select(
            StatutoryVisit.case_id,
            VisitChild.child_id,
            VisitChild.id,
            StatutoryVisit.visited_on,
            VisitChild.seen_alone,
        )
        .join(VisitChild.visit)
        .where(StatutoryVisit.by_lead_social_worker, StatutoryVisit.visited_on <= today)
        .where(VisitChild.seen)
    )


def _latest_by_child(child_ids: list[int], today: date):
    """PostgreSQL: each child's latest part (one a case) through a LATERAL subquery, so that
    each child's few parts are found by index. A join of every child at once would read the
    whole visit table for each thousand children (it did: 0.2 s a query at 50,000 children)."""
    latest = (
        _statutory_parts(today)
        .where(VisitChild.child_id == Child.id)
        .order_by(
            StatutoryVisit.case_id, StatutoryVisit.visited_on.desc(), StatutoryVisit.id.desc()
        )
        .ext(distinct_on(StatutoryVisit.case_id))
        .lateral()
    )
    return select(latest).select_from(Child).join(latest, true()).where(Child.id.in_(child_ids))


def _latest_ranked(child_ids: list[int], today: date):
    """SQLite (no LATERAL): the parts numbered within each case and child, latest first."""
    ranked = (
        _statutory_parts(today)
        .add_columns(
            func.row_number()
            .over(
                partition_by=(StatutoryVisit.case_id, VisitChild.child_id),
                order_by=(StatutoryVisit.visited_on.desc(), StatutoryVisit.id.desc()),
            )
            .label("n")
        )
        .where(VisitChild.child_id.in_(child_ids))
        .subquery()
    )
    return select(
        ranked.c.case_id, ranked.c.child_id, ranked.c.id, ranked.c.visited_on, ranked.c.seen_alone
    ).where(ranked.c.n == 1)


@dataclass(frozen=True)
class WordsAtVisit:
    """What a child said at a visit, for the child's voice at the next conference."""

    part_id: int
    visited_on: date
    visitor: str
    words: str

    def as_paragraph(self) -> str:
        """How the words are added to the child's own words at the conference."""
        return f"At a visit on {long_date(self.visited_on)} ({self.visitor}): {self.words}"


def words_for_conference(conference: Conference, child: Child) -> list[WordsAtVisit]:
    """What the child said in their own words at visits since the family's last conference
    before this one, up to its day, oldest first."""
    since = db.session.scalar(
        select(func.max(Conference.held_on)).where(
            Conference.case_id == conference.case_id,
            Conference.id != conference.id,
            Conference.held_on < conference.held_on,
        )
    )
    query = (
        select(VisitChild)
        .join(VisitChild.visit)
        .where(
            StatutoryVisit.case_id == conference.case_id,
            VisitChild.child_id == child.id,
            StatutoryVisit.visited_on <= conference.held_on,
        )
        .order_by(StatutoryVisit.visited_on, StatutoryVisit.id)
    )
    if since is not None:
        query = query.where(StatutoryVisit.visited_on > since)
    return [
        WordsAtVisit(part.id, part.visit.visited_on, part.visit.visitor_label, part.own_words)
        for part in db.session.scalars(query)
        if part.own_words.strip()
    ]


def with_words_added(typed: str, words: WordsAtVisit) -> str:
    """The own words as typed, with the visit's words added at the end (never replacing what
    is there, and not twice)."""
    paragraph = words.as_paragraph()
    if paragraph in typed:
        return typed
    return f"{typed.rstrip()}\n\n{paragraph}" if typed.strip() else paragraph


def already_recorded(case: Case, day: date, child_ids: set[int]) -> list[StatutoryVisit]:
    """Visits to the family on `day` that saw any of `child_ids`: before a new one is saved,
    so that two people recording the same visit are told."""
    return [
        visit
        for visit in visits_of(case)
        if visit.visited_on == day and child_ids & {row.child_id for row in visit.children}
    ]


# Writing


def record_visit(actor: User, case: Case, answers: VisitAnswers) -> StatutoryVisit:
    """Store a visit and each child's part in it."""
    visit = StatutoryVisit(case_id=case.id, recorded_by_id=actor.id)
    _set_fields(visit, case, answers)
    db.session.add(visit)
    changes = audit.changes_of(visit)
    visit.children = [_part(VisitChild(child_id=part.child_id), part) for part in answers.children]
    db.session.flush()
    changes["children"] = [None, _described(visit)]
    audit.record(actor, "create", visit, changes)
    return visit


def update_visit(
    actor: User, visit: StatutoryVisit, version: int | None, answers: VisitAnswers
) -> dict:
    """Replace what was recorded about the visit, if nobody has saved it since `version`.
    Returns the changes.

    :raise records.StaleVersion: someone else saved it first.
    """
    if version != visit.version:
        raise records.StaleVersion(visit)
    try:
        with records.savepoint():
            before = _described(visit)
            _set_fields(visit, visit.case, answers)
            changes = audit.changes_of(visit)
            _replace_parts(visit, answers.children)
            after = _described(visit)
            if before != after:
                changes["children"] = [before, after]
            if changes:
                # When only the children's parts changed, the visit's own row must still move
                # to a new version, so that a save based on the one before is refused.
                flag_modified(visit, "place")
                audit.record(actor, "update", visit, changes)
    except StaleDataError:
        raise records.StaleVersion(visit) from None
    return changes


def _set_fields(visit: StatutoryVisit, case: Case, answers: VisitAnswers) -> None:
    for name in VISIT_FIELDS:
        value = getattr(answers, name)
        setattr(visit, name, value.strip() if isinstance(value, str) else value)
    visit.by_lead_social_worker = (
        answers.visitor_id is not None and answers.visitor_id == case.social_worker_id
    )


def _replace_parts(visit: StatutoryVisit, parts: list[ChildPart]) -> None:
    """Changed in place, child by child: a row deleted and inserted again for the same child
    would meet the (visit, child) unique constraint before the delete is flushed."""
    existing = {row.child_id: row for row in visit.children}
    visit.children = [
        _part(existing.get(part.child_id) or VisitChild(child_id=part.child_id), part)
        for part in parts
    ]


def _part(row: VisitChild, part: ChildPart) -> VisitChild:
    for name in CHILD_FIELDS:
        value = getattr(part, name)
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    return row


def _described(visit: StatutoryVisit) -> list[dict]:
    return [
        {"child_id": row.child_id, **{name: getattr(row, name) for name in CHILD_FIELDS}}
        for row in sorted(visit.children, key=lambda row: row.child_id)
    ]
