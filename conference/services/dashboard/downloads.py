"""The rows behind a figure, for its CSV file: each row with its outcome, as the figure judged
it, or the children on a plan now."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import Select, func, or_, select

from conference.extensions import db
from conference.models import Pod, Team, User
from conference.services import audit
from conference.services.dashboard.counting import COUNTINGS
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import Filters


def csv_rows(key: str, filters: Filters):
    """(headings, number of rows, the rows as lists), each row with its outcome, streamed."""
    counting = COUNTINGS[key]
    query = counting.rows(filters)
    subquery = query.subquery()
    total = db.session.scalar(select(func.count()).select_from(subquery))
    headings = ["Case reference", "Child's local ID", "Team"]
    headings += [heading for _name, heading in counting.columns] + ["Result"]

    def rows():
        result = db.session.execute(query.execution_options(yield_per=1000)).mappings()
        for row in result:
            outcome = counting.outcome(filters, tuple(row[name] for name in counting.keys))
            yield [
                row["case_reference"],
                row["local_child_id"],
                row["team"],
                *(_shown(row[name]) for name, _heading in counting.columns),
                outcome if outcome is not None else "Not counted",
            ]

    return headings, total, rows()


def _shown(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def on_plan_rows(filters: Filters, source: Callable[[Filters], Select] = episodes) -> Select:
    plans = source(filters).subquery()
    as_of = filters.as_of
    return select(
        plans.c.case_reference,
        plans.c.local_child_id,
        plans.c.team,
        plans.c.category,
        plans.c.started_on,
    ).where(plans.c.started_on <= as_of, or_(plans.c.ended_on.is_(None), plans.c.ended_on > as_of))


ON_PLAN_HEADINGS = ["Case reference", "Child's local ID", "Team", "Category", "Plan started"]


def on_plan_csv_rows(filters: Filters, source: Callable[[Filters], Select] = episodes):
    """(headings, number of rows, the rows as lists) for the children on a plan, streamed."""
    query = on_plan_rows(filters, source)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = ([_shown(value) for value in row] for row in db.session.execute(query))
    return ON_PLAN_HEADINGS, total, rows


def record_download(actor: User, figure: str, rows: int, filters: Filters) -> None:
    """Every download of a figure's rows is audited, with the filters it was made with."""
    audit.record(
        actor,
        "export",
        changes={
            "figure": figure,
            "rows": rows,
            "start": filters.start.isoformat(),
            "end": filters.end.isoformat(),
            "team_id": filters.team_id,
            "pod_id": filters.pod_id,
        },
    )


def teams_and_pods() -> tuple[list[Team], list[Pod]]:
    """Every team and pod, for the dashboard's filters."""
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    pods = db.session.scalars(select(Pod).join(Team).order_by(Team.name, Pod.name)).all()
    return list(teams), list(pods)


def scope_name(filters: Filters) -> str:
    """ "Team A, Pod 1", "Team A" or "all teams": what the figures are about. The filter form
    has checked that the team and pod exist."""
    if filters.pod_id is not None:
        pod = db.session.get_one(Pod, filters.pod_id)
        return f"{pod.team.name}, {pod.name}"
    if filters.team_id is not None:
        return db.session.get_one(Team, filters.team_id).name
    return "all teams"
