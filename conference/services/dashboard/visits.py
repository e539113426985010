"""The visits and oversight figures: children on a plan seen within timescale by the lead social
worker, seen alone at the last visit, and whose case had management oversight recently.

Unlike the other figures, these are judged on a day, not over the range: each month's last day
(or, for the range's last month, the end of the range or today, whichever is sooner), for every
child on a plan that day. So the rows are one per child per such day (one per child on the last
day, for the CSV), and the page shows the range's last day with the months behind it
(counting.count_on_a_day). A child can become overdue without any record changing, so the
running totals (tallies.py) keep them for each month's last day up to a horizon (the end of
next month when they were rebuilt: judged from the records as they are, which any change to a
visit, an oversight or a plan refreshes), and the page judges the rest (today, at least) here.

Each row carries, read by index (no pass over all the visits, and no join of each child to all
their visits):
- the child's last statutory visit on or before the day (by the lead social worker, with the
  child seen: conference/domain/visits.py `statutory`), and whether they were seen alone then,
  from the key each child's part in a visit keeps (`statutory_key`, migration 0016): one
  lookup on the index on (child, key) per child and day;
- the case's last management oversight on or before the day (one lookup on (case, day));
- the visit interval of the family plan's version in force that day (the plan's own, or the
  setting STATUTORY_VISIT_WORKING_DAYS): one lookup per case and day.
The rules in conference/domain (visits.py, oversight.py) judge each distinct group of them.

What it costs: one lookup per child on a plan per day judged. It used to be a grouped pass over
every statutory visit up to the last day (3.5 million at 50,000 synthetic children: 4 to 5 s on
PostgreSQL for the last 12 months, all teams); bench/README.md has the figures since.
"""

from collections.abc import Callable
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import (
    Date,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    select,
    union_all,
)

from conference.domain import clock
from conference.domain import oversight as oversight_rules
from conference.domain import performance as rules
from conference.domain import visits as visit_rules
from conference.extensions import db
from conference.models import Conference, Oversight, Plan, VisitChild
from conference.services.dashboard.figures import MET, NOT_MET
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import (
    Counting,
    Filters,
    calendar,
    day_after,
    days_between,
)

SEEN_WITHIN_TIMESCALE = "seen-within-timescale"
SEEN_ALONE = "seen-alone"
OVERSIGHT = "oversight-within-interval"
KEYS = (SEEN_WITHIN_TIMESCALE, SEEN_ALONE, OVERSIGHT)


def days_judged(filters: Filters) -> list[date]:
    """Each month's last day, up to the end of the range or today, whichever is sooner. For the
    running totals (judged "forever": tallies.FOREVER), every month's last day from the first
    plan to the horizon."""
    if filters.end == date.max:
        return _kept_days(filters)
    as_of = filters.as_of
    return [min(rules.last_of_month(m), as_of) for m in filters.months if m <= as_of]


def horizon(today: date) -> date:
    """The last day the running totals judge to: the end of next month. A month's last day
    judged before it comes is judged from the records as they are, and every record a figure
    reads refreshes its case's totals when it changes; so the totals stay right until then
    however long nobody changes a case, and a rebuild (or the page's own judging of the days
    after it) covers the rest."""
    return rules.last_of_month(rules.last_of_month(today) + timedelta(days=1))


def _kept_days(filters: Filters) -> list[date]:
    plans = episodes(filters).subquery()
    first = db.session.scalar(select(func.min(plans.c.started_on)))
    if first is None:
        return []
    return [rules.last_of_month(m) for m in rules.months_between(first, horizon(clock.today()))]


def month_end_rows(
    filters: Filters,
    plans: Callable[[Filters], Select] = episodes,
    days: list[date] | None = None,
) -> Select:
    """A row for each child on a plan at each day judged (or at `days`): what the figures are
    counted from. `plans` gives the children's plans (episodes(), or the stored ones)."""
    return _rows(filters, days_judged(filters) if days is None else days, plans)


def last_day_rows(filters: Filters) -> Select:
    """A row for each child on a plan on the range's last day judged: the figure on the page,
    and its CSV."""
    return _rows(filters, days_judged(filters)[-1:], episodes)


def _rows(filters: Filters, days: list[date], source: Callable[[Filters], Select]) -> Select:
    plans = source(filters).subquery()
    judged = _days(days)
    on = judged.c.counted_on
    interval = func.coalesce(
        _own_interval(plans.c.case_id, on), current_app.config["STATUTORY_VISIT_WORKING_DAYS"]
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
            _last_visit_key(plans.c.child_id, on).label("last_key"),
            _last_oversight(plans.c.case_id, on).label("last_oversight_on"),
        )
        .select_from(plans)
        .join(
            judged,
            and_(plans.c.started_on <= on, or_(plans.c.ended_on.is_(None), plans.c.ended_on > on)),
        )
        # OFFSET 0 keeps the database from folding this into the query below, which names
        # last_key a dozen times: folded, each would look the visit up again.
        .offset(0)
        .subquery()
    )
    row = picked.c
    epoch = literal(visit_rules.KEY_EPOCH, Date)
    # The last visit's day, as days since the key's epoch (statutory_key).
    seen_day = row.last_key // 2
    not_seen = row.last_key.is_(None)
    # The next visit is due the interval after the last one, or after the plan started if that
    # is later (visits.next_due): the figure is judged from that day alone, kept as the days
    # before the day counted. Further back than twice the interval and 30 days (more than the
    # interval's working days can span), the child is overdue however far back it was, so
    # the days are capped there and the groups stay few.
    since_plan = days_between(row.counted_on, row.plan_started_on)
    since_seen = days_between(row.counted_on, epoch) - seen_day
    due_from_days = case(
        (not_seen, since_plan), (since_seen < since_plan, since_seen), else_=since_plan
    )
    cap = row.visit_interval * 2 + 30
    oversight_days = days_between(row.counted_on, row.last_oversight_on)
    oversight_cap = current_app.config["OVERSIGHT_INTERVAL_DAYS"]
    born_then = and_(
        row.date_of_birth.is_not(None), days_between(row.date_of_birth, epoch) <= seen_day
    )
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
        case((not_seen, None), else_=day_after(visit_rules.KEY_EPOCH, seen_day)).label(
            "last_seen_on"
        ),
        case((due_from_days > cap, cap), else_=due_from_days).label("due_from_days"),
        # Whether the child was born by their last visit (visits.can_be_seen_alone: a visit
        # before the birth saw the mother), in SQL so that the groups are few.
        case((not_seen, None), (born_then, MET), else_=NOT_MET).label("born"),
        # Not asked of a baby visited before the birth: not "No" (the pages say the same).
        case(
            (not_seen, None),
            (~born_then, visit_rules.NOT_ASKED_BEFORE_BIRTH),
            (row.last_key % 2 == 1, MET),
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


def _last_visit_key(child_id, on):
    """The key of the child's last statutory visit on or before the day (VisitChild
    statutory_key: it says the day and whether they were seen alone), read from the index on
    (child, key): one lookup per child and day, however many visits there were."""
    bound = days_between(on, literal(visit_rules.KEY_EPOCH, Date)) * 2 + 1
    return (
        select(VisitChild.statutory_key)
        .where(VisitChild.child_id == child_id, VisitChild.statutory_key <= bound)
        .order_by(VisitChild.statutory_key.desc())
        .limit(1)
        .scalar_subquery()
    )


def _last_oversight(case_id, on):
    """The case's last management oversight on or before the day: one lookup on the index on
    (case, day)."""
    return (
        select(Oversight.held_on)
        .where(Oversight.case_id == case_id, Oversight.held_on <= on)
        .order_by(Oversight.held_on.desc())
        .limit(1)
        .scalar_subquery()
    )


def _own_interval(case_id, on):
    """The visit interval the family's plan in force on the day sets, if it sets one: the
    latest version finalised at a conference held by then (of two at one conference, the
    later): one lookup per case and day."""
    return (
        select(Plan.visit_interval_working_days)
        .join(Conference, Plan.conference_id == Conference.id)
        .where(
            Plan.case_id == case_id, Conference.finalised_at.is_not(None), Conference.held_on <= on
        )
        .order_by(Conference.held_on.desc(), Plan.number.desc())
        .limit(1)
        .scalar_subquery()
    )


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
