"""The children the statutory returns describe, gathered from the database: each child with
their case, the finalised conferences' decisions about them, and their plan periods.

A return covers tens of thousands of children, so the records are loaded in bulk as plain rows
(`rows`): the decisions first, then the families a few thousand at a time with their children,
episodes, enquiries and initial conferences in a handful of queries, never a query per child."""

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import CompoundSelect, func, select, union

from conference.domain import cin_rules
from conference.domain.vocabulary import Outcome
from conference.extensions import db
from conference.models import (
    Case,
    Child,
    ChildDecision,
    ChildEpisode,
    Conference,
    Plan,
    Section47Enquiry,
)
from conference.services.returns.rows import (
    ChildRow,
    ConferenceRow,
    FamilyRow,
    family_rows,
    initial_conference_rows,
)

CASES_PER_QUERY = 2000  # enough to keep the queries few, few enough to keep each one short

# How far a return has got: progress(children read so far, children to read), after each batch.
Progress = Callable[[int, int], None]


@dataclass
class ChildRecord:
    case: FamilyRow
    child: ChildRow
    position: int  # the child's place in the family, from 1, as named in messages
    periods: list[cin_rules.PlanPeriod]
    initial_conferences: list[ConferenceRow]  # finalised, with a decision about this child

    @property
    def label(self) -> str:
        """Names the child without personal data: "DEMO-0001, child 2"."""
        return f"{self.case.reference}, child {self.position}"


def child_records(as_at: date, since: date | None = None) -> list[ChildRecord]:
    """Every child whose family had a section 47 enquiry (a child's) or a finalised conference,
    with what the finalised conferences held by `as_at` decided, ordered by case and child.

    With `since` (a census year's first day, say), only the families where something happened
    on or after it: a finalised conference held, an enquiry started, or a child's plan perhaps
    still open then. Every child of such a family is there, with their whole history."""
    with collector_paused():
        return [record for batch in child_record_batches(as_at, since) for record in batch]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector runs again and again while hundreds of thousands of objects
    are made, each time walking all those made before: half the time of loading 20,000
    children's records, 40% of the census's time. None of them is garbage till the return is
    made, so it is paused till then (as a `with` block or a function's decorator)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def child_record_batches(
    as_at: date, since: date | None = None, progress: Progress | None = None
) -> Iterator[list[ChildRecord]]:
    """`child_records`, a few thousand families at a time, in the same order: a caller that
    keeps only what it makes of each batch holds a few thousand families' records at once.
    `progress` is told the children to read before the first batch, then after the caller has
    dealt with each batch how many it has had."""
    families = _families_about(as_at, since)
    decisions, case_of = _decisions(as_at, families)
    plan_ends = _plan_ends(as_at, families)
    periods = {
        child_id: cin_rules.plan_periods(found, plan_ends[case_of[child_id]])
        for child_id, found in decisions.items()
    }
    in_order = list(
        db.session.scalars(
            select(Case.id).where(Case.id.in_(families)).order_by(Case.reference, Case.id)
        )
    )
    total = db.session.scalar(select(func.count(Child.id)).where(Child.case_id.in_(families)))
    done = 0
    if progress is not None:
        progress(done, total or 0)
    for cases, initials in _families(in_order, as_at):
        records = [
            ChildRecord(
                case=case,
                child=child,
                position=position,
                periods=periods.get(child.id, []),
                initial_conferences=initials[child.id],
            )
            for case in cases
            for position, child in enumerate(case.children, start=1)
        ]
        yield sorted(records, key=lambda record: (record.case.reference, record.position))
        done += len(records)
        if progress is not None:
            progress(done, total or 0)


def _families_about(as_at: date, since: date | None) -> CompoundSelect:
    """The ids of the cases the records are about (see `child_records`). A plan is perhaps
    open on `since` when the child's latest decision before it was for a plan."""
    finalised = (Conference.finalised_at.is_not(None), Conference.held_on <= as_at)
    held = select(Conference.case_id).where(*finalised)
    enquired = (
        select(Child.case_id)
        .join(ChildEpisode, ChildEpisode.child_id == Child.id)
        .join(Section47Enquiry, Section47Enquiry.episode_id == ChildEpisode.id)
    )
    if since is None:
        return held.union(enquired)
    latest = (
        select(
            Conference.case_id,
            ChildDecision.outcome,
            func.row_number()
            .over(
                partition_by=ChildDecision.child_id,
                order_by=(Conference.held_on.desc(), Conference.id.desc()),
            )
            .label("n"),
        )
        .join(Conference, ChildDecision.conference_id == Conference.id)
        .where(*finalised, Conference.held_on < since)
        .subquery()
    )
    on_a_plan = select(latest.c.case_id).where(
        latest.c.n == 1, latest.c.outcome == Outcome.CHILD_PROTECTION_PLAN
    )
    return union(
        held.where(Conference.held_on >= since),
        enquired.where(Section47Enquiry.started_on.between(since, as_at)),
        on_a_plan,
    )


def _decisions(as_at: date, families: CompoundSelect) -> tuple[dict, dict[int, int]]:
    """Each child's decisions at the finalised conferences held by `as_at`, in the order they
    were made, as plain rows; and each such child's case."""
    decisions: defaultdict[int, list[cin_rules.Decision]] = defaultdict(list)
    case_of = {}
    rows = db.session.execute(
        select(
            ChildDecision.child_id,
            Conference.case_id,
            Conference.id,
            Conference.held_on,
            Conference.conference_type,
            ChildDecision.outcome,
            ChildDecision.category,
        )
        .join(Conference, ChildDecision.conference_id == Conference.id)
        .where(
            Conference.finalised_at.is_not(None),
            Conference.held_on <= as_at,
            Conference.case_id.in_(families),
        )
        .order_by(Conference.held_on, Conference.id)
    )
    for child_id, case_id, conference_id, held_on, conference_type, outcome, category in rows:
        decisions[child_id].append(
            cin_rules.Decision(held_on, conference_type, outcome, category, conference_id)
        )
        case_of[child_id] = case_id
    return decisions, case_of


def _plan_ends(as_at: date, families: CompoundSelect) -> defaultdict[int, list[date]]:
    plan_ends: defaultdict[int, list[date]] = defaultdict(list)
    for case_id, ended_on in db.session.execute(
        select(Plan.case_id, Plan.ended_on).where(
            Plan.ended_on <= as_at, Plan.case_id.in_(families)
        )
    ):
        if ended_on is not None:  # always, as `<=` leaves out the plans not ended
            plan_ends[case_id].append(ended_on)
    return plan_ends


def _families(case_ids: list[int], as_at: date) -> Iterator[tuple[list[FamilyRow], dict]]:
    """The cases, a few thousand at a time, with their children, episodes and enquiries (and
    for Annex A the team and the social worker), and each child's finalised initial and
    transfer-in conferences held by `as_at`, earliest first."""
    for start in range(0, len(case_ids), CASES_PER_QUERY):
        batch = case_ids[start : start + CASES_PER_QUERY]
        yield family_rows(batch), initial_conference_rows(batch, as_at)
