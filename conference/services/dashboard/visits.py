"""The visits and oversight figures: children on a plan seen within timescale by the lead social
worker, seen alone at the last visit, and whose case had management oversight recently.

Unlike the other figures, these are judged on a day, not over the range: each month's last day
(or, for the range's last month, the end of the range or today, whichever is sooner), for every
child on a plan that day. So the rows are one per child per such day (one per child on the last
day, for the CSV), and the page shows the range's last day with the months behind it
(counting.count_on_a_day); they are not kept as running totals (tallies.py), since a child can
become overdue without any record changing.

Each row carries, from one grouped pass over each table (no per-child query, and no join of
each child to all their visits):
- the child's last statutory visit on or before the day (by the lead social worker, with the
  child seen: conference/domain/visits.py `statutory`), and whether they were seen alone then;
- the case's last management oversight on or before the day;
- the visit interval of the family plan's version in force that day (the plan's own, or the
  setting STATUTORY_VISIT_WORKING_DAYS), from the versions' conference dates (LEAD).
The rules in conference/domain (visits.py, oversight.py) judge each distinct group of them.

What it costs: the grouped pass reads every statutory visit up to the last day judged. At
50,000 synthetic children with 3.5 million children's visits (more than five years of real
visits would be) it took 4 to 5 s on PostgreSQL for the last 12 months, all teams, and about
1.3 s for one team, against 0.06 s for the rest of the page (a busy machine, two cores).
Keeping each child's visits as running state (as the plans are kept in PlanEpisode) would
bring it down to that.
"""

from collections.abc import Callable
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import (
    Date,
    Integer,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)

from conference.domain import oversight as oversight_rules
from conference.domain import performance as rules
from conference.domain import visits as visit_rules
from conference.models import Case, Conference, Oversight, Plan, StatutoryVisit, VisitChild
from conference.services.dashboard.figures import MET, NOT_MET
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import Counting, Filters, calendar, days_between, scoped

SEEN_WITHIN_TIMESCALE = "seen-within-timescale"
SEEN_ALONE = "seen-alone"
OVERSIGHT = "oversight-within-interval"
KEYS = (SEEN_WITHIN_TIMESCALE, SEEN_ALONE, OVERSIGHT)
EPOCH = date(2000, 1, 1)


def days_judged(filters: Filters) -> list[date]:
    """Each month's last day, up to the end of the range or today, whichever is sooner."""
    as_of = filters.as_of
    return [min(rules.last_of_month(m), as_of) for m in filters.months if m <= as_of]


def month_end_rows(filters: Filters, plans: Callable[[Filters], Select] = episodes) -> Select:
    """A row for each child on a plan at each day judged: what the figures are counted from.
    `plans` gives the children's plans (episodes(), or the stored ones)."""
    return _rows(filters, days_judged(filters), plans)


def last_day_rows(filters: Filters) -> Select:
    """A row for each child on a plan on the range's last day judged: the figure on the page,
    and its CSV."""
    return _rows(filters, days_judged(filters)[-1:], episodes)


def _rows(filters: Filters, days: list[date], source: Callable[[Filters], Select]) -> Select:
    plans = source(filters).subquery()
    judged = _days(days)
    on = judged.c.counted_on
    visits = _last_visits(filters, days)
    held = _last_oversights(filters, days)
    version = _plan_versions(filters, max(days, default=filters.start))

    def on_the_day(table, prefix: str, type_):
        """The table's column for the row's day (`prefix`_0 for the first day, and so on)."""
        if not days:
            return literal(None, type_)
        picked = case(*((on == day, table.c[f"{prefix}_{i}"]) for i, day in enumerate(days)))
        return type_coerce(picked, type_)

    interval = func.coalesce(
        version.c.own_interval, current_app.config["STATUTORY_VISIT_WORKING_DAYS"]
    )
    picked = (
        select(
            plans.c.case_reference,
            plans.c.team,
            plans.c.case_id,
            plans.c.team_id,
            plans.c.pod_id,
            plans.c.child_id,
            plans.c.local_child_id,
            plans.c.date_of_birth,
            on,
            plans.c.started_on.label("plan_started_on"),
            interval.label("visit_interval"),
            on_the_day(visits, "last", Date).label("last_seen_on"),
            on_the_day(visits, "code", Integer).label("last_code"),
            on_the_day(held, "last", Date).label("last_oversight_on"),
        )
        .select_from(plans)
        .join(
            judged,
            and_(plans.c.started_on <= on, or_(plans.c.ended_on.is_(None), plans.c.ended_on > on)),
        )
        .outerjoin(visits, visits.c.child_id == plans.c.child_id)
        .outerjoin(held, held.c.case_id == plans.c.case_id)
        .outerjoin(
            version,
            and_(
                version.c.case_id == plans.c.case_id,
                version.c.from_on <= on,
                or_(version.c.next_on.is_(None), version.c.next_on > on),
            ),
        )
        .subquery()
    )
    row = picked.c
    # The next visit is due the interval after the last one, or after the plan started if that
    # is later (visits.next_due): the figure is judged from that day alone, kept as the days
    # before the day counted. Further back than twice the interval and 30 days (more than the
    # interval's working days can span), the child is overdue however far back it was, so
    # the days are capped there and the groups stay few.
    due_from_on = case(
        (row.last_seen_on > row.plan_started_on, row.last_seen_on), else_=row.plan_started_on
    )
    due_from_days = days_between(row.counted_on, due_from_on)
    cap = row.visit_interval * 2 + 30
    oversight_days = days_between(row.counted_on, row.last_oversight_on)
    oversight_cap = current_app.config["OVERSIGHT_INTERVAL_DAYS"]
    not_seen = row.last_seen_on.is_(None)
    born_then = and_(row.date_of_birth.is_not(None), row.date_of_birth <= row.last_seen_on)
    return select(
        row.case_reference,
        row.team,
        row.case_id,
        row.team_id,
        row.pod_id,
        row.child_id,
        row.local_child_id,
        row.counted_on,
        row.plan_started_on,
        row.visit_interval,
        row.last_seen_on,
        case((due_from_days > cap, cap), else_=due_from_days).label("due_from_days"),
        # Whether the child was born by their last visit (visits.can_be_seen_alone: a visit
        # before the birth saw the mother), in SQL so that the groups are few.
        case((not_seen, None), (born_then, MET), else_=NOT_MET).label("born"),
        # Not asked of a baby visited before the birth: not "No" (the pages say the same).
        case(
            (not_seen, None),
            (~born_then, visit_rules.NOT_ASKED_BEFORE_BIRTH),
            (row.last_code % 2 == 1, MET),
            else_=NOT_MET,
        ).label("seen_alone_at_last_visit"),
        row.last_oversight_on,
        case((oversight_days > oversight_cap, oversight_cap), else_=oversight_days).label(
            "oversight_days"
        ),
    )


def _days(days: list[date]):
    """The days judged, as a table of one column (counted_on)."""
    if not days:
        return select(literal(None, Date).label("counted_on")).where(false()).subquery()
    return union_all(*(select(literal(day, Date).label("counted_on")) for day in days)).subquery()


def _last_visits(filters: Filters, days: list[date]):
    """Each child's last visit that counts (by the lead social worker, the child seen) on or
    before each day judged, in one grouped pass over the visits: `last_0` the date for the first
    day, `code_0` the same as a number that also says whether they were seen alone then (the
    days since 2000 times two, plus one if alone: the greatest is the last; of two on the same
    day, one at which they were seen alone)."""
    visited_on = StatutoryVisit.visited_on
    code = days_between(visited_on, literal(EPOCH, Date)) * 2 + case(
        (VisitChild.seen_alone.is_(True), 1), else_=0
    )
    columns = []
    for i, day in enumerate(days):
        by_then = visited_on <= day
        columns.append(func.max(case((by_then, visited_on))).label(f"last_{i}"))
        columns.append(func.max(case((by_then, code))).label(f"code_{i}"))
    query = (
        select(VisitChild.child_id, *columns)
        .select_from(VisitChild)
        .join(StatutoryVisit, VisitChild.visit_id == StatutoryVisit.id)
        .where(
            StatutoryVisit.by_lead_social_worker.is_(True),
            VisitChild.seen.is_(True),
            visited_on <= max(days, default=filters.start),
        )
        .group_by(VisitChild.child_id)
    )
    return _scoped(query, StatutoryVisit.case_id, filters).subquery()


def _last_oversights(filters: Filters, days: list[date]):
    """Each case's last management oversight on or before each day judged (`last_0` for the
    first day, and so on), in one grouped pass."""
    held_on = Oversight.held_on
    columns = [
        func.max(case((held_on <= day, held_on))).label(f"last_{i}") for i, day in enumerate(days)
    ]
    query = (
        select(Oversight.case_id, *columns)
        .select_from(Oversight)
        .where(held_on <= max(days, default=filters.start))
        .group_by(Oversight.case_id)
    )
    return _scoped(query, Oversight.case_id, filters).subquery()


def _scoped(query: Select, case_id, filters: Filters) -> Select:
    """The query's rows in the team or pod asked for: joined to the case only then (the
    visits are many, and every one of them is some case's)."""
    if filters.team_id is None and filters.pod_id is None and filters.case_ids is None:
        return query
    return scoped(query.join(Case, case_id == Case.id), filters)


def _plan_versions(filters: Filters, last: date):
    """Each version of the family's plan from its finalised conference, with its visit interval,
    the date of that conference (from_on) and of the next version's (next_on)."""
    held_on = Conference.held_on
    query = (
        select(
            Plan.case_id,
            Plan.visit_interval_working_days.label("own_interval"),
            held_on.label("from_on"),
            func.lead(held_on)
            .over(partition_by=Plan.case_id, order_by=(held_on, Plan.number))
            .label("next_on"),
        )
        .select_from(Plan)
        .join(Conference, Plan.conference_id == Conference.id)
        .join(Case, Plan.case_id == Case.id)
        .where(Conference.finalised_at.is_not(None), held_on <= last)
    )
    return scoped(query, filters).subquery()


# How each is judged.


def _seen_within_timescale(_filters, key):
    due_from_days, interval, on = key
    # Judged from the day the next visit is due from (see _rows): no visit after it.
    due_from_on = on - timedelta(days=due_from_days)
    within = visit_rules.seen_within_timescale([], due_from_on, interval, calendar(), on)
    return MET if within else NOT_MET


def _seen_alone(_filters, key):
    born, seen_alone = key
    # A child not seen on a statutory visit yet has no last visit to judge, and a baby unborn at
    # the last one could not be seen alone then.
    if seen_alone is None or born != MET:
        return None
    return seen_alone


def _overseen(_filters, key):
    oversight_days, on = key
    held_on = [] if oversight_days is None else [on - timedelta(days=oversight_days)]
    interval = current_app.config["OVERSIGHT_INTERVAL_DAYS"]
    return MET if oversight_rules.overseen_within(held_on, interval, on) else NOT_MET


def _judged_each_month_end(
    needs: tuple[str, ...],
    rule: Callable[[Filters, tuple], str | None],
    columns: tuple[tuple[str, str], ...],
) -> Counting:
    """A figure judged on each month's last day for every child on a plan that day (the module's
    docstring): the rows, the month they fall in and the CSV's first columns are the same."""
    return Counting(
        last_day_rows,
        needs,
        rule,
        (("counted_on", "Counted on"), ("plan_started_on", "Plan started"), *columns),
        month="counted_on",
        source=month_end_rows,
    )


COUNTINGS = {
    SEEN_WITHIN_TIMESCALE: _judged_each_month_end(
        ("due_from_days", "visit_interval", "counted_on"),
        _seen_within_timescale,
        (
            ("visit_interval", "Visit interval (working days)"),
            ("last_seen_on", "Last statutory visit"),
        ),
    ),
    SEEN_ALONE: _judged_each_month_end(
        ("born", "seen_alone_at_last_visit"),
        _seen_alone,
        (
            ("born", "Born by then"),
            ("last_seen_on", "Last statutory visit"),
            ("seen_alone_at_last_visit", "Seen alone then"),
        ),
    ),
    OVERSIGHT: _judged_each_month_end(
        ("oversight_days", "counted_on"),
        _overseen,
        (("last_oversight_on", "Last management oversight"),),
    ),
}
