"""The dashboard's figures, counted in the database.

Counting groups each figure's rows (rows.py) in SQL by month and by the few columns the figure
is judged on, so only the distinct groups come back (a few hundred for most figures; for the
plan lengths, which compare calendar months, one per distinct pair of start and end dates: about
15,000 at 50,000 children).

Where the judgement needs the working-day calendar (the ICPC bands, core groups, reports) the
groups are by the dates themselves (for a core group after another meeting, by the days
between them, all its rule needs), and the calendar in conference/domain is applied to each
distinct group in Python. That keeps one calendar, the tested one, instead of a copy in SQL or a
table of working days to keep filled; distinct pairs of dates are few, because conferences and
meetings fall on working days. Judgements that need no calendar (twilight, quorum, stored plan
checks, ages) are made in SQL with CASE.

The page counts figures that share their rows from one query (count_figures): the three
plan-length figures and second plans from plans_in_range (one pass of episodes()), the four
voice figures, the two goal checks and the three plan checks. No figure's rows use a correlated
subquery: a review's previous conference is the one recorded on it (previous_conference_id), a
core group's previous meeting comes from LAG over its plan's meeting days, the quorum from one
grouped pass over the attendees, the first core group from one grouped pass over meetings.
count_figure(key) still gives one figure alone, from the same rows.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Select, func, select

from conference.domain import performance as rules
from conference.extensions import db
from conference.services.dashboard import participation, plans, timeliness, visits
from conference.services.dashboard.figures import FIGURES, Figure
from conference.services.dashboard.rows import Filters, month_of


@dataclass(frozen=True)
class Month:
    month: date
    count: int
    denominator: int

    @property
    def percentage(self) -> rules.Percentage:
        return rules.Percentage(self.count, self.denominator)


@dataclass(frozen=True)
class Result:
    figure: Figure
    count: int
    denominator: int
    months: list[Month]
    outcomes: list[tuple[str, int]] = field(default_factory=list)

    @property
    def percentage(self) -> rules.Percentage:
        return rules.Percentage(self.count, self.denominator)


# How each figure judges its rows: the columns it groups by, and the outcome of each group.
COUNTINGS = {
    **timeliness.COUNTINGS,
    **plans.COUNTINGS,
    **participation.COUNTINGS,
    **visits.COUNTINGS,
}


def count_figure(key: str, filters: Filters) -> Result:
    """The figure's count and denominator over the range, month by month, and (for figures
    with a breakdown) how many rows had each outcome."""
    return _counted(key, filters, judge(COUNTINGS[key].rows, [key], filters)[key])


def count_figures(keys, filters: Filters) -> dict[str, Result]:
    """count_figure for each key, with the figures that share a source counted from one
    grouped query over it."""
    results = {}
    for source, members in by_source(keys).items():
        for key, judged in judge(source, members, filters).items():
            results[key] = _counted(key, filters, judged)
    return {key: results[key] for key in keys}


def by_source(keys) -> dict[Callable, list[str]]:
    """The figures' keys by the query their rows come from."""
    sources: dict[Callable, list[str]] = {}
    for key in keys:
        sources.setdefault(COUNTINGS[key].shared, []).append(key)
    return sources


def judge(
    source, keys: list[str], filters: Filters, by: tuple[str, ...] = ()
) -> dict[str, list[tuple[dict, str, int]]]:
    """One grouped query over the source (also grouped `by` these columns) for the figures
    `keys`: for each, its groups with the outcome each was judged to have, as (the group's
    values, outcome, number of rows). Groups a figure does not count are left out. Figures
    judged the same way (the plan lengths) judge each group once."""
    countings = [COUNTINGS[key] for key in keys]
    groups = _grouped(source, countings, filters, by)
    judged: dict[tuple, str | None] = {}
    results: dict[str, list[tuple[dict, str, int]]] = {}
    for key, counting in zip(keys, countings, strict=True):
        if counting.member is not None and counting.shared is source:
            mine = [(row, n) for row, n in groups if row[counting.member] == 1]
        else:
            mine = groups
        results[key] = []
        for row, n in mine:
            values = tuple(row[name] for name in counting.keys)
            judging = (counting.outcome, counting.keys, values)
            if judging not in judged:
                judged[judging] = counting.outcome(filters, values)
            outcome = judged[judging]
            if outcome is not None:
                results[key].append((row, outcome, n))
    return results


def _grouped(source, countings, filters: Filters, by=()) -> list[tuple[dict, int]]:
    """The source's rows grouped by the countings' months and columns (and membership, when
    counting from a shared source): each group as ({name: value}, number of rows)."""
    rows = source(filters).subquery()
    names = list(by)
    for counting in countings:
        wanted = list(counting.keys)
        if counting.member is not None and source is counting.source:
            wanted.append(counting.member)
        names += [name for name in wanted if name not in names]
    months = [counting.month for counting in countings]
    month_names = [name for i, name in enumerate(months) if name not in months[:i]]
    columns = [month_of(rows.c[name]).label(f"month:{name}") for name in month_names]
    columns += [rows.c[name] for name in names]
    grouped = db.session.execute(select(*columns, func.count()).group_by(*columns)).all()
    labels = [f"month:{name}" for name in month_names] + names
    return [(dict(zip(labels, values, strict=True)), n) for *values, n in grouped]


def _counted(key: str, filters: Filters, judged: list[tuple[dict, str, int]]) -> Result:
    month = f"month:{COUNTINGS[key].month}"
    return tallied(key, filters, ((row[month], outcome, n) for row, outcome, n in judged))


def tallied(key: str, filters: Filters, counts) -> Result:
    """The figure's Result from (month as "2026-11", outcome, number) for the range's months."""
    figure = FIGURES[key]
    counted: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for month_key, outcome, n in counts:
        seen[month_key] += n
        outcomes[outcome] += n
        if outcome in figure.counted:
            counted[month_key] += n
    months = [
        Month(m, counted[rules.month_key(m)], seen[rules.month_key(m)]) for m in filters.months
    ]
    return Result(
        figure,
        sum(counted.values()),
        sum(seen.values()),
        months,
        [(outcome, outcomes[outcome]) for outcome in figure.outcomes],
    )


def count_on_a_day(
    keys,
    filters: Filters,
    plan_source: Callable[[Filters], Select],
    kept: tuple[list[date], dict[str, list]] = ([], {}),
) -> dict[str, Result]:
    """The figures judged on a day (visits.py): month by month as the others, each month's
    values those of its last day; but the count and denominator (and the breakdown) are the
    range's last day's, not the sum of its months (a child on a plan all year is one child, not
    twelve). `plan_source` gives the children's plans (episodes(), or the stored ones).

    `kept`: the days the running totals answer for, with their counts (tallies.kept_on_a_day);
    the other days (today, and any month's end past the totals' horizon) are judged here from
    the records, in one query for them all."""
    kept_days, kept_counts = kept
    days = visits.days_judged(filters)
    live = [day for day in days if day not in kept_days]
    counts: dict[str, list] = {key: list(kept_counts.get(key, [])) for key in keys}
    if live:

        def rows(chosen: Filters) -> Select:
            return visits.month_end_rows(chosen, plan_source, live)

        for key, judged in judge(rows, list(keys), filters).items():
            month = f"month:{COUNTINGS[key].month}"
            counts[key] += [(row[month], outcome, n) for row, outcome, n in judged]
    last = rules.month_key(days[-1]) if days else None
    results = {}
    for key in keys:
        by_month = tallied(key, filters, counts[key])
        on_the_day = tallied(key, filters, [c for c in counts[key] if c[0] == last])
        results[key] = replace(
            by_month,
            count=on_the_day.count,
            denominator=on_the_day.denominator,
            outcomes=on_the_day.outcomes,
        )
    return results
