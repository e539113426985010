"""Each figure for every team and every pod, for the tables that set them side by side: as the
figure's headline on the page gives it, so the rows add up to it. Figures about what happened
in the range (conferences, core groups, plans) over the whole range, since a team's single month
holds too few events to compare; children on a plan, and the figures judged on a day, on the
range's last day (or today).

Counted as the page counts the figures, a few grouped queries whatever the number of teams: one
over the running totals (tallies.py) when they answer for the range, else one per source of rows
(counting.py) grouped by team and pod as well; one for the figures judged on a day (visits.py);
one for children on a plan. Never a query per team or per figure.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import Select, and_, func, or_, select

from conference.domain import performance as rules
from conference.extensions import db
from conference.models import Pod, Tally, Team
from conference.services.dashboard import tallies, visits
from conference.services.dashboard.counting import by_source, judge
from conference.services.dashboard.figures import FIGURES, ON_PLAN
from conference.services.dashboard.rows import Filters

BY = ("team_id", "pod_id")
NO_POD = tallies.NO_POD


@dataclass(frozen=True)
class Part:
    """A team or a pod, and each figure's value for it: {figure key: shown}, and what the
    percentage was made of: {figure key: "3 of 4"} (none for children on a plan, a count)."""

    name: str
    values: dict[str, str]
    counts: dict[str, str]


@dataclass
class _Counts:
    counted: Counter
    seen: Counter

    def add(self, part, key: str, outcome: str, n: int) -> None:
        self.seen[(part, key)] += n
        if outcome in FIGURES[key].counted:
            self.counted[(part, key)] += n


def by_part(
    filters: Filters, built: bool, plan_source: Callable[[Filters], Select]
) -> tuple[list[Part], list[Part]]:
    """Every team's and every pod's value of each figure, in the part of the service the filters
    ask for: (teams, pods); no teams when a pod is chosen. Cases in no pod are in their
    team's row only."""
    last = replace(filters, start=max(filters.start, filters.months[-1]))
    counts = _Counts(Counter(), Counter())
    keys = tallies.counted_figures()
    if built and tallies.whole_months(filters):
        _from_totals(keys, filters, counts)
    else:
        for source, members in by_source(keys).items():
            _add(judge(source, members, filters, by=BY), counts)
    on_a_day = [key for key, figure in FIGURES.items() if figure.on_a_day]

    # Judged on the range's last day: kept in the totals when that is a month's end they keep
    # (a range in the past), else (today) judged from the records.
    last_day = visits.days_judged(last)[-1:]
    kept_days = tallies.kept_on_a_day(on_a_day, last)[0] if built else []
    if last_day and last_day == kept_days[-1:]:
        month = rules.first_of_month(last_day[0])
        _from_totals(on_a_day, replace(last, start=month, end=last_day[0]), counts)
    else:

        def month_end(chosen: Filters) -> Select:
            return visits.month_end_rows(chosen, plan_source)

        _add(judge(month_end, on_a_day, last, by=BY), counts)
    on_plan = _on_plan(last, plan_source)
    teams, pods = _parts(filters)
    return (
        [_part(team.name, team.id, counts, on_plan) for team in teams],
        [
            _part(f"{pod.team.name}: {pod.name}", (pod.team_id, pod.id), counts, on_plan)
            for pod in pods
        ],
    )


def _from_totals(keys: list[str], filters: Filters, counts: _Counts) -> None:
    """tallies.count_figures, grouped by team and pod too."""
    query = (
        select(Tally.figure, Tally.team_id, Tally.pod_id, Tally.outcome, func.sum(Tally.n))
        .where(
            Tally.figure.in_(keys),
            Tally.month.between(filters.start, filters.end),
            Tally.counts_from <= filters.today,
        )
        .group_by(Tally.figure, Tally.team_id, Tally.pod_id, Tally.outcome)
    )
    if filters.team_id is not None:
        query = query.where(Tally.team_id == filters.team_id)
    if filters.pod_id is not None:
        query = query.where(Tally.pod_id == filters.pod_id)
    for key, team_id, pod_id, outcome, n in db.session.execute(query):
        _count(counts, key, team_id, pod_id, outcome, int(n))


def _add(judged: dict[str, list[tuple[dict, str, int]]], counts: _Counts) -> None:
    for key, groups in judged.items():
        for row, outcome, n in groups:
            _count(counts, key, row["team_id"], row["pod_id"] or NO_POD, outcome, n)


def _count(counts: _Counts, key: str, team_id: int, pod_id: int, outcome: str, n: int) -> None:
    counts.add(team_id, key, outcome, n)
    if pod_id != NO_POD:
        counts.add((team_id, pod_id), key, outcome, n)


def _on_plan(last: Filters, plan_source: Callable[[Filters], Select]) -> Counter:
    """Children on a plan on the range's last day (or today), by team and by pod."""
    plans = plan_source(last).subquery()
    day = last.as_of
    on = and_(plans.c.started_on <= day, or_(plans.c.ended_on.is_(None), plans.c.ended_on > day))
    found: Counter = Counter()
    grouped = select(plans.c.team_id, plans.c.pod_id, func.count()).where(on)
    for team_id, pod_id, n in db.session.execute(grouped.group_by(plans.c.team_id, plans.c.pod_id)):
        found[team_id] += n
        if pod_id:
            found[(team_id, pod_id)] += n
    return found


def _parts(filters: Filters) -> tuple[list[Team], list[Pod]]:
    teams = select(Team).order_by(Team.name)
    pods = select(Pod).join(Team).order_by(Team.name, Pod.name)
    if filters.team_id is not None:
        teams = teams.where(Team.id == filters.team_id)
        pods = pods.where(Pod.team_id == filters.team_id)
    if filters.pod_id is not None:
        # A team's row would count only the pod chosen: the pod's own row says it.
        return [], list(db.session.scalars(pods.where(Pod.id == filters.pod_id)))
    return list(db.session.scalars(teams)), list(db.session.scalars(pods))


def _part(name: str, part, counts: _Counts, on_plan: Counter) -> Part:
    values = {ON_PLAN.key: str(on_plan[part])}
    made_of = {}
    for key in FIGURES:
        if key != ON_PLAN.key:
            counted, seen = counts.counted[(part, key)], counts.seen[(part, key)]
            values[key] = rules.Percentage(counted, seen).shown
            made_of[key] = f"{counted} of {seen}" if seen else ""
    return Part(name, values, made_of)
