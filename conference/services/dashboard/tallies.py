"""The dashboard's running totals, so that the page costs the same at 50,000 children as at 5,000.

Each figure's rows (counting.COUNTINGS) are judged once, when they change, and kept as monthly
totals per team and pod (models.Tally): the page sums at most a few thousand of those, however
many children there are. Children on a plan are counted from their plan episodes (PlanEpisode),
which are kept at the same time.

How they are kept up to date: every commit that changes a record a figure is about (a finalised
conference or its decisions, voices, attendees and plans; a core group; a child; a case's team
or pod) refreshes the totals of the cases it changed, in the same transaction, so they can never
disagree with the records. A refresh takes off what each case added before (models.CaseTally),
judges the case's rows again with the same queries and rules the page used to run over the whole
service, and adds the result, in one atomic upsert per total (so two people saving at once
cannot lose a count). Seeders that write without the ORM call rebuild().

Judged "forever": with no end to the range and today as late as can be. Nothing a figure counts
is dated after today (meetings cannot be, and only held conferences are finalised), except the
first core group not held yet, which is kept with the day it becomes overdue (counts_from) and
counted from that day.
"""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import delete, event, exists, func, insert, inspect, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE, get_history

from conference.common.database import insert_many
from conference.domain import clock
from conference.domain import performance as rules
from conference.domain.timescales import REVIEW
from conference.extensions import db
from conference.models import (
    Attendee,
    Case,
    CaseTally,
    Child,
    ChildDecision,
    ChildVoice,
    Conference,
    CoreGroupMeeting,
    Oversight,
    Plan,
    PlanEpisode,
    SafetyGoal,
    StatutoryVisit,
    Tally,
    TallyHorizon,
    TallyRebuild,
    VisitChild,
)
from conference.services.dashboard import visits
from conference.services.dashboard.counting import COUNTINGS, Result, by_source, judge, tallied
from conference.services.dashboard.figures import FIGURES, ON_PLAN
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import CASE_KEYS, Filters

FOREVER = Filters(start=date(1900, 1, 1), end=date.max, today=date.max)
KEY = ("figure", "month", "team_id", "pod_id", "outcome", "counts_from")
TotalKey = tuple[str, date, int, int, str, date]  # a total's values of KEY
CaseTotalKey = tuple[int, str, date, int, int, str, date]  # (case_id, *KEY)
NO_POD = 0
PENDING = "dashboard_tally_cases"  # session.info: the cases changed since the last commit


def counted_figures() -> list[str]:
    """The figures the page counts from the totals as they are: not children on a plan, nor the
    figures judged on a day (visits.py: see kept_on_a_day)."""
    return [key for key, figure in FIGURES.items() if key != ON_PLAN.key and not figure.on_a_day]


def on_a_day_figures() -> list[str]:
    return [key for key, figure in FIGURES.items() if figure.on_a_day]


def kept_figures() -> list[str]:
    """Every figure kept as totals: the figures judged on a day are kept for each month's last
    day (up to visits.horizon), month by month."""
    return counted_figures() + on_a_day_figures()


# Reading.


def whole_months(filters: Filters) -> bool:
    """Whether the range is whole months, which the totals can answer for."""
    return filters.start.day == 1 and filters.end == rules.last_of_month(filters.end)


def built() -> bool:
    """Whether the totals are kept for the records (see models.TallyRebuild)."""
    return not db.session.scalar(select(exists().where(TallyRebuild.id.is_not(None))))


def count_figures(keys, filters: Filters) -> dict[str, Result]:
    """counting.count_figures from the totals: one query summing the months' totals."""
    query = (
        select(Tally.figure, Tally.month, Tally.outcome, func.sum(Tally.n))
        .where(
            Tally.figure.in_(keys),
            Tally.month.between(filters.start, filters.end),
            Tally.counts_from <= filters.today,
        )
        .group_by(Tally.figure, Tally.month, Tally.outcome)
    )
    if filters.team_id is not None:
        query = query.where(Tally.team_id == filters.team_id)
    if filters.pod_id is not None:
        query = query.where(Tally.pod_id == filters.pod_id)
    counts: dict[str, list] = {key: [] for key in keys}
    for figure, month, outcome, n in db.session.execute(query):
        counts[figure].append((rules.month_key(month), outcome, int(n)))
    return {key: tallied(key, filters, counts[key]) for key in keys}


def kept_on_a_day(keys, filters: Filters) -> tuple[list[date], dict[str, list]]:
    """The figures judged on a day, from the totals, for the days judged that they keep (each
    month's last day up to the horizon of the last rebuild): (those days, {figure: [(month,
    outcome, n)]}). No days when the totals do not keep them yet."""
    judged_until = db.session.scalar(select(func.min(TallyHorizon.judged_until)))
    if judged_until is None or not built():
        return [], {key: [] for key in keys}
    days = [
        day
        for day in visits.days_judged(filters)
        if day <= judged_until and day == rules.last_of_month(day)
    ]
    counts: dict[str, list] = {key: [] for key in keys}
    if not days:
        return days, counts
    query = (
        select(Tally.figure, Tally.month, Tally.outcome, func.sum(Tally.n))
        .where(Tally.figure.in_(keys), Tally.month.in_([rules.first_of_month(d) for d in days]))
        .group_by(Tally.figure, Tally.month, Tally.outcome)
    )
    if filters.team_id is not None:
        query = query.where(Tally.team_id == filters.team_id)
    if filters.pod_id is not None:
        query = query.where(Tally.pod_id == filters.pod_id)
    for figure, month, outcome, n in db.session.execute(query):
        counts[figure].append((rules.month_key(month), outcome, int(n)))
    return days, counts


# Keeping them.


def facts(filters: Filters) -> Counter[CaseTotalKey]:
    """What each case adds to the totals: {(case_id, *KEY): number of rows}."""
    found: Counter[CaseTotalKey] = Counter()
    for source, keys in by_source(kept_figures()).items():
        for key, judged in judge(source, keys, filters, by=CASE_KEYS).items():
            counting = COUNTINGS[key]
            for row, outcome, n in judged:
                year, month = row[f"month:{counting.month}"].split("-")
                first = date(int(year), int(month), 1)
                values = tuple(row[name] for name in counting.keys)
                from_day = counting.counts_from(values) if counting.counts_from else None
                team, pod = row["team_id"], row["pod_id"] or NO_POD
                found[(row["case_id"], key, first, team, pod, outcome, from_day or first)] += n
    return found


def refresh(case_ids) -> None:
    """Judge these cases' rows again and move the totals by the difference."""
    ids = tuple(sorted(set(case_ids)))
    if not ids:
        return
    # One refresh of a case at a time (PostgreSQL; SQLite has one writer anyway): a second
    # waits here for the first to commit, then reads what the first left, not what was before.
    # FOR NO KEY UPDATE: records added to these cases meanwhile (which lock the case only to
    # check their reference to it) need not wait.
    locked = select(Case.id).where(Case.id.in_(ids)).order_by(Case.id)
    db.session.execute(locked.with_for_update(key_share=True))
    before: Counter[TotalKey] = Counter()
    old = select(CaseTally.n, *(getattr(CaseTally, name) for name in KEY)).where(
        CaseTally.case_id.in_(ids)
    )
    for n, *key in db.session.execute(old):
        before[tuple(key)] += n
    db.session.execute(delete(CaseTally).where(CaseTally.case_id.in_(ids)))
    these_cases = replace(FOREVER, case_ids=ids)
    found = facts(these_cases)
    _store(found)
    after: Counter[TotalKey] = Counter()
    for (_case, *key), n in found.items():
        after[tuple(key)] += n
    changes = {key: after[key] - before[key] for key in before.keys() | after.keys()}
    _add({key: n for key, n in changes.items() if n})
    db.session.execute(delete(PlanEpisode).where(PlanEpisode.case_id.in_(ids)))
    _store_episodes(these_cases)


def rebuild(echo: Callable[[str], None] = lambda line: None) -> dict[str, int]:
    """Build every total from the records (after seeding, or for records from before the totals
    were kept). Returns how many rows each table holds."""
    started = time.perf_counter()
    for model in (Tally, CaseTally, PlanEpisode):
        db.session.execute(delete(model))
    found = facts(FOREVER)
    echo(f"  judged {len(found):,} totals of cases ({time.perf_counter() - started:.1f} s)")
    _store(found)
    echo(f"  stored them ({time.perf_counter() - started:.1f} s)")
    columns = [getattr(CaseTally, name) for name in KEY]
    db.session.execute(
        insert(Tally).from_select(
            [*KEY, "n"], select(*columns, func.sum(CaseTally.n)).group_by(*columns)
        )
    )
    _store_episodes(FOREVER)
    db.session.execute(delete(TallyHorizon))
    db.session.add(TallyHorizon(judged_until=visits.horizon(clock.today())))
    db.session.execute(delete(TallyRebuild))
    echo(f"  added up the totals and plan episodes ({time.perf_counter() - started:.1f} s)")
    return {
        model.__tablename__: db.session.scalars(select(func.count()).select_from(model)).one()
        for model in (CaseTally, Tally, PlanEpisode)
    }


def _store(found: Counter[CaseTotalKey]) -> None:
    rows = [
        {"case_id": case_id, **dict(zip(KEY, key, strict=True)), "n": n}
        for (case_id, *key), n in found.items()
    ]
    insert_many(db.session, CaseTally.__table__, rows)


def _add(changes: dict[TotalKey, int]) -> None:
    """Add to the totals, creating those not there yet, atomically (INSERT ... ON CONFLICT DO
    UPDATE), in key order so that two transactions lock them in the same order."""
    if not changes:
        return
    dialect = db.session.get_bind().dialect.name
    upsert = postgresql_insert(Tally) if dialect == "postgresql" else sqlite_insert(Tally)
    statement = upsert.on_conflict_do_update(
        index_elements=list(KEY), set_={"n": Tally.n + upsert.excluded.n}
    )
    rows = [
        {**dict(zip(KEY, key, strict=True)), "n": n}
        for key, n in sorted(changes.items(), key=lambda item: tuple(map(str, item[0])))
    ]
    db.session.execute(statement, rows)


def _store_episodes(filters: Filters) -> None:
    plans = episodes(filters).subquery()
    db.session.execute(
        insert(PlanEpisode).from_select(
            ["case_id", "child_id", "category", "started_on", "ended_on"],
            select(
                plans.c.case_id,
                plans.c.child_id,
                plans.c.category,
                plans.c.started_on,
                plans.c.ended_on,
            ),
        )
    )


# Noticing changes: which cases a commit changed.


def _changed(session, _context) -> None:
    """After each flush: note the cases, conferences and plans of the records it wrote."""
    noted = _noted(session)
    for record in (*session.new, *session.dirty, *session.deleted):
        for kind, record_id in _about(record, record in session.deleted):
            if record_id is not None:
                noted[kind].add(record_id)


# What the figures read of a case and a child (the rest changes often and counts for nothing).
CASE_COLUMNS = ("team_id", "pod_id")
CHILD_COLUMNS = ("case_id", "date_of_birth", "ethnicity_code", "previous_plans_elsewhere")


def _about(record, deleted: bool) -> list[tuple[str, int | None]]:
    if isinstance(record, Case):
        return [("case", record.id)] if _touched(record, CASE_COLUMNS, deleted) else []
    if isinstance(record, Child):
        return [("case", record.case_id)] if _touched(record, CHILD_COLUMNS, deleted) else []
    if isinstance(record, CoreGroupMeeting):
        return [("case", record.case_id)]
    if isinstance(record, Conference):
        # A conference being prepared changes often and counts for nothing until finalised.
        # Its history without loading the value, as inspect(record).attrs would give it (mypy
        # cannot type inspect() through Flask-SQLAlchemy's db.Model).
        history = get_history(record, "finalised_at", PASSIVE_NO_INITIALIZE)
        # But a review booked, moved or cancelled changes when the core groups before it were
        # due (timeliness.next_reviews), finalised or not.
        booked = record.conference_type == REVIEW and _touched(record, ("held_on",), deleted)
        counts = record.finalised_at or history.deleted or booked
        return [("case", record.case_id)] if counts else []
    if isinstance(record, ChildDecision | ChildVoice | Attendee | Plan):
        return [("conference", record.conference_id)]
    if isinstance(record, SafetyGoal):
        return [("plan", record.plan_id)]
    if isinstance(record, StatutoryVisit | Oversight):
        return [("case", record.case_id)]
    if isinstance(record, VisitChild):
        return [("visit", record.visit_id)]
    return []


def _touched(record, columns, deleted: bool) -> bool:
    attributes = inspect(record).attrs
    return deleted or any(attributes[name].history.has_changes() for name in columns)


def changed_case(case_id: int) -> None:
    """Say that a case changed in a way the ORM does not see (a Core UPDATE)."""
    _noted(db.session)["case"].add(case_id)


def _noted(session) -> dict[str, set[int]]:
    """The ids of the cases, conferences and plans changed since the last commit."""
    return session.info.setdefault(
        PENDING, {"case": set(), "conference": set(), "plan": set(), "visit": set()}
    )


def _before_commit(session) -> None:
    if session.in_nested_transaction():  # a SAVEPOINT released: the totals wait for the commit
        return
    session.flush()
    noted = session.info.pop(PENDING, None)
    if not noted or not any(noted.values()):
        return
    cases = set(noted["case"])
    finalised = Conference.finalised_at.is_not(None)
    if noted["conference"]:
        cases.update(
            session.scalars(
                select(Conference.case_id).where(Conference.id.in_(noted["conference"]), finalised)
            )
        )
    if noted["plan"]:
        cases.update(
            session.scalars(
                select(Conference.case_id)
                .join(Plan, Plan.conference_id == Conference.id)
                .where(Plan.id.in_(noted["plan"]), finalised)
            )
        )
    if noted["visit"]:
        cases.update(
            session.scalars(
                select(StatutoryVisit.case_id).where(StatutoryVisit.id.in_(noted["visit"]))
            )
        )
    refresh(cases)


def _forget(session, *_args) -> None:
    if not session.in_nested_transaction():  # a SAVEPOINT rolled back: the rest still counts
        session.info.pop(PENDING, None)


def init_app(_app) -> None:
    for name, listener in (
        ("after_flush", _changed),
        ("before_commit", _before_commit),
        ("after_rollback", _forget),
    ):
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
