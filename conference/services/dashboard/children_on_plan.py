"""Children on a child protection plan: at each month end and now, by category of abuse, age,
ethnicity and team."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, func, or_, select

from conference.domain import performance as rules
from conference.domain.identity import ETHNICITY_CODES
from conference.domain.vocabulary import CATEGORIES
from conference.extensions import db
from conference.models import Case, Child, PlanEpisode, Team
from conference.services.dashboard.counting import Month
from conference.services.dashboard.figures import ON_PLAN, Figure
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import Filters, case_columns, child_columns, scoped

NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Breakdown:
    title: str
    rows: list[tuple[str, int]]


@dataclass(frozen=True)
class OnPlan:
    figure: Figure
    count: int
    months: list[Month]  # children on a plan at the end of each month (count = denominator)
    breakdowns: list[Breakdown]


def stored_episodes(filters: Filters) -> Select:
    """The plans kept in PlanEpisode (dashboard/tallies.py), with the columns of episodes()."""
    query = (
        select(
            *case_columns(),
            PlanEpisode.child_id.label("child_id"),
            *child_columns(),
            PlanEpisode.category.label("category"),
            PlanEpisode.started_on.label("started_on"),
            PlanEpisode.ended_on.label("ended_on"),
        )
        .select_from(PlanEpisode)
        .join(Child, PlanEpisode.child_id == Child.id)
        .join(Case, PlanEpisode.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
        .where(PlanEpisode.started_on <= filters.end)
    )
    return scoped(query, filters)


def on_plan(filters: Filters, source: Callable[[Filters], Select] = episodes) -> OnPlan:
    """One query over the plans (episodes(), or stored_episodes()): those on at any month end
    or now, grouped by category, age band (now), ethnicity and team together, with how many of
    each group were on a plan at each month end and now (the month counts and each breakdown
    add up those few groups)."""
    plans = source(filters).subquery()

    def on_plan_at(day: date):
        return and_(
            plans.c.started_on <= day, or_(plans.c.ended_on.is_(None), plans.c.ended_on > day)
        )

    as_of = filters.as_of
    month_ends = [
        min(rules.last_of_month(m), filters.today) for m in filters.months if m <= filters.today
    ]
    days = [as_of, *month_ends]
    sums = [func.sum(case((on_plan_at(day), 1), else_=0)) for day in days]
    age_band = case(
        (plans.c.date_of_birth.is_(None), rules.UNBORN),
        *(
            (plans.c.date_of_birth <= rules.born_on_or_before(as_of, youngest), label)
            for youngest, label in rules.AGE_BANDS
        ),
        else_=rules.UNBORN,  # born after the day counted: not born yet then
    ).label("age_band")
    dimensions = (plans.c.category, age_band, plans.c.ethnicity_code, plans.c.team)
    groups = db.session.execute(
        select(*dimensions, *sums)
        # (The first condition says the same as the second for the earliest day, in a form an
        # index on the end date can answer: only the plans of these months are read.)
        .where(or_(plans.c.ended_on.is_(None), plans.c.ended_on > min(days)))
        .where(or_(*(on_plan_at(day) for day in days)))
        .group_by(*dimensions)
    ).all()
    tallies: list[Counter[str | None]] = [Counter() for _ in dimensions]
    by_month = [0] * len(filters.months)
    for group in groups:
        values, (now, *at_month_ends) = group[: len(dimensions)], group[len(dimensions) :]
        for i, n in enumerate(at_month_ends):
            by_month[i] += int(n or 0)
        if now:
            for tally, value in zip(tallies, values, strict=True):
                tally[value] += int(now)
    months = [Month(m, n, n) for m, n in zip(filters.months, by_month, strict=True)]
    categories, ages, ethnicities, teams = tallies

    def labelled(tally: Counter, labels: Callable[[str | None], str]) -> list[tuple[str, int]]:
        ordered = sorted(tally.items(), key=lambda item: (item[0] is None, item[0] or ""))
        return [(labels(value), n) for value, n in ordered]

    breakdowns = [
        Breakdown("By category of abuse", labelled(categories, _category)),
        Breakdown(
            "By age",
            [(label, ages[label]) for _y, label in reversed(rules.AGE_BANDS) if label in ages]
            + ([(rules.UNBORN, ages[rules.UNBORN])] if rules.UNBORN in ages else []),
        ),
        Breakdown("By ethnicity", labelled(ethnicities, _ethnicity)),
        Breakdown("By team", labelled(teams, str)),
    ]
    return OnPlan(ON_PLAN, sum(teams.values()), months, breakdowns)


def _category(code: str | None) -> str:
    return CATEGORIES.get(code, NOT_RECORDED) if code else NOT_RECORDED


def _ethnicity(code: str | None) -> str:
    return ETHNICITY_CODES.get(code, code) if code else NOT_RECORDED
