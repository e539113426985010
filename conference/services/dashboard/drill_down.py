"""The children (or conferences, meetings, plans, goals) behind a figure on the dashboard: for
the whole range or one month of it, with every outcome or only some (those counted, or one row
of the breakdown), a page at a time.

The list is made from the figure's own rows (counting.COUNTINGS) and judged by its own rule,
so it always agrees with the count: for someone who may see every case, the number listed is
the number the figure shows. Like the CSV file (downloads.py), it holds only the rows of the
cases the reader may see (services/access.py), and each page viewed is audited, naming the
figure, month and outcomes asked for, not the children.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Select, and_, false, func, or_, select

from conference.domain import performance as rules
from conference.domain.vocabulary import CATEGORIES
from conference.domain.wording import count, short_date
from conference.extensions import db
from conference.models import Child, Role, User
from conference.services import access, audit
from conference.services.dashboard import plans, visits
from conference.services.dashboard.counting import COUNTINGS
from conference.services.dashboard.downloads import seen_by
from conference.services.dashboard.figures import FIGURES, ON_PLAN, Figure, outcome_label
from conference.services.dashboard.rows import Filters

PER_PAGE = 50
# What a figure's rows are, where they are not children.
ABOUT = {
    "core-groups-on-time": "core group meetings",
    "reports-shared-on-time": "conferences",
    "twilight": "conferences",
    "quorate": "conferences",
    "goals-outcome-focused": "safety goals",
    "goals-mixed": "safety goals",
    "goals-task": "safety goals",
    "goals-measurable": "safety goals",
    "worries-answered": "plans",
    "identity-considered": "plans",
    "child-views-recorded": "plans",
    "plans-finalised-by-first-core-group": "plans",
}
SINGULAR = {
    "children": "child",
    "core group meetings": "core group meeting",
    "conferences": "conference",
    "safety goals": "safety goal",
    "plans": "plan",
}
ON_PLAN_COLUMNS = (("category", "Category of abuse"), ("started_on", "Plan started"))


@dataclass(frozen=True)
class Row:
    case_id: int
    case_reference: str
    team: str
    child_id: int | None  # None for a row about a conference, meeting, plan or goal
    child: str  # the child's name, or "" for a row about a conference, meeting, plan or goal
    local_child_id: str
    values: tuple[str, ...]  # what decided it, under Listing.columns
    outcome: str


@dataclass(frozen=True)
class Listing:
    figure: Figure
    about: str  # "children", "conferences" ...
    month: date | None
    on: date | None  # the day judged, for the figures judged on a day (and children on a plan)
    outcomes: tuple[str, ...]  # those asked for; () for every outcome
    columns: tuple[str, ...]  # the headings of what decided each row
    rows: list[Row]
    total: int  # rows with those outcomes in the cases the reader may see
    page: int
    in_all: int | None = None  # in every case, for a reader who sees only some

    @property
    def some_unseen(self) -> bool:
        """Whether the figure counts rows the reader may not see."""
        return self.in_all is not None and self.in_all != self.total

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PER_PAGE))

    @property
    def about_children(self) -> bool:
        return self.about == "children"

    @property
    def on_a_day(self) -> bool:
        """Whether the figure is judged on a day (children on a plan, visits, oversight)."""
        return self.figure.on_a_day or self.figure.key == ON_PLAN.key

    @property
    def outcomes_shown(self) -> str:
        """ "0-10 or 11-15"."""
        return " or ".join(outcome_label(outcome) for outcome in self.outcomes)

    @property
    def counted(self) -> str:
        """ "1 child", "3 conferences"."""
        return count(self.total, SINGULAR[self.about], self.about)


def about(key: str) -> str:
    """What a figure's rows are: "children", "conferences" ..."""
    return ABOUT.get(key, "children")


def listing(
    actor: User,
    key: str,
    filters: Filters,
    month: date | None,
    outcomes: tuple[str, ...],
    page: int,
    plan_source: Callable[[Filters], Select] = plans.episodes,
) -> Listing:
    """A page of the rows behind the figure `key` that `actor` may see: in `month` (a first of
    a month in the range) or the whole range, with one of `outcomes` (all when empty).
    `plan_source` gives the children's plans, as on the page (episodes(), or the stored ones)."""
    figure = FIGURES[key]
    on = judged_on(key, filters, month)
    if key == ON_PLAN.key:
        found, total, columns = _on_plan(actor, filters, on, plan_source, page)
    else:
        found, total, columns = _judged(actor, key, filters, month, on, outcomes, page, plan_source)
    # How many the figure counts, for a reader who sees only some: "3 of the 56".
    in_all = None
    if not lists_every_case(actor):
        in_all = _in_all(key, filters, month, on, outcomes, plan_source)
    return Listing(figure, about(key), month, on, outcomes, columns, found, total, page, in_all)


def judged_on(key: str, filters: Filters, month: date | None) -> date | None:
    """The day a figure judged on a day (and children on a plan) is listed for, as the page
    counts it: the month's last day judged, or the range's (None when the month is still to
    come). None for the figures over the range."""
    if key == ON_PLAN.key:
        days = [min(rules.last_of_month(m), filters.today) for m in filters.months]
        days = [day for day, m in zip(days, filters.months, strict=True) if m <= filters.today]
        if month is None:
            return filters.as_of
    elif FIGURES[key].on_a_day:
        days = visits.days_judged(filters)
    else:
        return None
    if month is not None:
        days = [day for day in days if rules.first_of_month(day) == month]
    return days[-1] if days else None


def lists_every_case(actor: User) -> bool:
    """Whether `actor` sees every case's rows (chairs, and whoever makes the returns), so that
    the number listed is the number the figure shows."""
    return access.makes_the_returns(actor) or actor.role == Role.CHAIR


def record_view(actor: User, listing: Listing, filters: Filters) -> None:
    """A page of the list shows children's records, so each is audited: which figure, month,
    outcomes and page, with the filters, and the ids of the cases and children listed (never
    their names), so an auditor can tell who saw a given child's row."""
    event = audit.record(
        actor,
        "view",
        changes={
            "figure": listing.figure.key,
            "month": rules.month_key(listing.month) if listing.month else None,
            "outcomes": list(listing.outcomes),
            "page": listing.page,
            "rows": len(listing.rows),
            "case_ids": sorted({row.case_id for row in listing.rows}),
            "child_ids": sorted({row.child_id for row in listing.rows if row.child_id}),
            "start": filters.start.isoformat(),
            "end": filters.end.isoformat(),
            "team_id": filters.team_id,
            "pod_id": filters.pod_id,
        },
    )
    event.record_type = "dashboard_figure"


# The figures judged by a rule.


def _judged(actor, key, filters, month, on, outcomes, page, plan_source):
    """The rows with one of the outcomes asked for, judged as the figure judges them: how many
    from one grouped query (each distinct group of the values the rule reads judged once, as
    counting.judge does), and the page's rows from reading the rows in order up to them."""
    counting = COUNTINGS[key]
    seen = seen_by(actor, _figure_rows(key, filters, month, on, plan_source)).subquery()
    wanted = set(outcomes or FIGURES[key].outcomes)
    outcome_of = _judge(key, filters)
    # How many from one grouped query, so that only the rows up to the page are read; but a
    # figure judged on a day has a row per child on a plan that day (few), from a costly query
    # over the visits better run once: all of them are read, and counted.
    total = None if FIGURES[key].on_a_day else _how_many(seen, counting.keys, wanted, outcome_of)
    shown = [(name, heading) for name, heading in counting.columns if heading != "Outcome"]
    listed = _with_names(select(seen), [counting.month, *(name for name, _h in shown)])
    found: list[Row] = []
    skip, matched = (page - 1) * PER_PAGE, 0
    if total is None or skip < total:
        result = db.session.execute(listed.execution_options(yield_per=PER_PAGE * 4))
        for row in result.mappings():
            outcome = outcome_of(tuple(row[name] for name in counting.keys))
            if outcome is None or outcome not in wanted:
                continue
            matched += 1
            if matched > skip + PER_PAGE and total is not None:
                break
            if matched > skip and len(found) < PER_PAGE:
                found.append(_row(row, [row[name] for name, _h in shown], outcome_label(outcome)))
        result.close()  # the rows after the page are not needed
    total = matched if total is None else total
    return found, total, tuple(heading for _name, heading in shown)


def _figure_rows(key, filters, month, on, plan_source) -> Select:
    """Every row behind the figure, in every case: in `month`, or on the day `on`."""
    if FIGURES[key].on_a_day:
        return _on_a_day(filters, on, plan_source)
    counting = COUNTINGS[key]
    rows = counting.rows(filters).subquery()
    query = select(rows)
    if month is not None:
        query = query.where(rows.c[counting.month].between(month, rules.last_of_month(month)))
    return query


def _judge(key, filters):
    """The figure's rule as a function of the values it reads, each distinct group judged once."""
    counting = COUNTINGS[key]
    judged: dict[tuple, str | None] = {}

    def outcome_of(values: tuple) -> str | None:
        if values not in judged:
            judged[values] = counting.outcome(filters, values)
        return judged[values]

    return outcome_of


def _in_all(key, filters, month, on, outcomes, plan_source) -> int:
    """The rows with one of `outcomes` in every case, as the figure counts them."""
    if key == ON_PLAN.key:
        query = _plans_on(filters, on, plan_source)
        return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = _figure_rows(key, filters, month, on, plan_source).subquery()
    wanted = set(outcomes or FIGURES[key].outcomes)
    return _how_many(rows, COUNTINGS[key].keys, wanted, _judge(key, filters))


def _how_many(seen, keys: tuple[str, ...], wanted: set[str], outcome_of) -> int:
    """The rows with an outcome wanted: one grouped query, each group judged once."""
    columns = [seen.c[name] for name in keys]
    groups = db.session.execute(select(*columns, func.count()).group_by(*columns))
    return sum(n for *values, n in groups if outcome_of(tuple(values)) in wanted)


def _on_a_day(filters: Filters, on: date | None, plan_source) -> Select:
    """The children on a plan on the day `on`, judged for that day alone: the range cut to its
    month judges the same day from the same plans and visits, and is one day's work, not
    twelve."""
    if on is None:
        return visits.month_end_rows(filters, plan_source).where(false())
    month = rules.first_of_month(on)
    one_month = replace(
        filters, start=max(month, filters.start), end=min(rules.last_of_month(month), filters.end)
    )
    return visits.month_end_rows(one_month, plan_source)


# Children on a plan.


def _on_plan(actor, filters, day, plan_source, page):
    """The children on a plan on `day`, as children_on_plan counts them."""
    listed = _with_names(seen_by(actor, _plans_on(filters, day, plan_source)), ["started_on"])
    total = db.session.scalar(select(func.count()).select_from(listed.subquery())) or 0
    page_rows = db.session.execute(listed.limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    found = [
        _row(row, [CATEGORIES.get(row["category"] or "", "Not recorded"), row["started_on"]], "")
        for row in page_rows.mappings()
    ]
    return found, total, tuple(heading for _name, heading in ON_PLAN_COLUMNS)


def _plans_on(filters: Filters, day: date | None, plan_source) -> Select:
    """Every child's plan that was running on `day` (none when the day is still to come)."""
    plans_then = plan_source(filters).subquery()
    on_then = (
        false()
        if day is None
        else and_(
            plans_then.c.started_on <= day,
            or_(plans_then.c.ended_on.is_(None), plans_then.c.ended_on > day),
        )
    )
    return select(plans_then).where(on_then)


# Shared.


def _with_names(query: Select, order: list[str]) -> Select:
    """The rows with the child's name (for rows about a child), in the order of the date that
    decided them, then the case and the child."""
    rows = query.subquery()
    columns = rows.c
    first, *then = [columns[name] for name in dict.fromkeys(order)]
    if "child_id" not in columns:
        return select(rows).order_by(first, columns.case_reference, *then, columns.case_id)
    named = select(rows, Child.given_name, Child.family_name)
    return named.outerjoin(Child, Child.id == columns.child_id).order_by(
        first, columns.case_reference, Child.family_name, Child.given_name, Child.id, *then
    )


def _row(row, values: list, outcome: str) -> Row:
    names = (row.get("given_name"), row.get("family_name"))
    return Row(
        case_id=row["case_id"],
        case_reference=row["case_reference"],
        team=row["team"],
        child_id=row.get("child_id"),
        child=" ".join(name for name in names if name),
        local_child_id=row["local_child_id"] or "",
        values=tuple(_shown(value) for value in values),
        outcome=outcome,
    )


def _shown(value) -> str:
    """A value as the page shows it: dates as "3 Mar 2027", words with a capital."""
    if value is None:
        return ""
    if isinstance(value, date):
        return short_date(value)
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]
