"""The rows behind a figure, for its CSV file: each row with its outcome, as the figure judged
it, or the children on a plan now.

The figures on the page count the whole service, but a row names a child (and their date of
birth, ethnicity or category of abuse), so a file holds only the rows of the cases its reader
may see (services/access.py): a team's manager gets their own team's children, a chair every
child."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, literal, or_, select

from conference.extensions import db
from conference.models import Case, Pod, Team, User
from conference.services import access, audit
from conference.services.dashboard.counting import COUNTINGS
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import Filters


@dataclass(frozen=True)
class Listed:
    """Whose rows a download holds, for its audit row: how many, and the ids of the cases and
    children (never their names), so an auditor can tell who took a given child's row."""

    rows: int
    case_ids: list[int]
    child_ids: list[int]


def _listed(query: Select) -> Listed:
    """Some figures' rows are a child's, others a conference's or a plan's (no child id)."""
    rows = query.subquery()
    child_id = rows.c.child_id if "child_id" in rows.c else literal(None)
    ids = db.session.execute(select(rows.c.case_id, child_id)).all()
    return Listed(
        len(ids),
        sorted({case_id for case_id, _child_id in ids}),
        sorted({child for _case_id, child in ids if child is not None}),
    )


def csv_rows(actor: User, key: str, filters: Filters):
    """(headings, whose rows they are, the rows as lists), each row with its outcome, streamed:
    the rows of the cases `actor` may see."""
    counting = COUNTINGS[key]
    query = seen_by(actor, counting.rows(filters))
    listed = _listed(query)
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

    return headings, listed, rows()


def _shown(value):
    """A value as its CSV cell: dates as 2025-01-31; numbers stay numbers, for the spreadsheet."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else value


def on_plan_rows(filters: Filters, source: Callable[[Filters], Select] = episodes) -> Select:
    plans = source(filters).subquery()
    as_of = filters.as_of
    columns = (plans.c[name] for name in ON_PLAN_COLUMNS)
    return select(*columns, plans.c.case_id, plans.c.child_id).where(
        plans.c.started_on <= as_of, or_(plans.c.ended_on.is_(None), plans.c.ended_on > as_of)
    )


ON_PLAN_COLUMNS = ("case_reference", "local_child_id", "team", "category", "started_on")
ON_PLAN_HEADINGS = ["Case reference", "Child's local ID", "Team", "Category", "Plan started"]


def seen_by(actor: User, query: Select, columns: tuple[str, ...] | None = None) -> Select:
    """The query's rows (its `columns`, or all) of the cases `actor` may see: every figure's
    rows carry their case's id. Whoever makes the returns gets every row: the returns already
    give them every child in the service, and they answer for the service's figures."""
    rows = query.subquery()
    shown = [rows.c[name] for name in columns] if columns else [rows]
    if access.makes_the_returns(actor):
        return select(*shown)
    visible = select(Case.id).where(access.visible_cases(actor))
    return select(*shown).where(rows.c.case_id.in_(visible))


def on_plan_csv_rows(actor: User, filters: Filters, source: Callable[[Filters], Select] = episodes):
    """(headings, whose rows they are, the rows as lists) for the children on a plan,
    streamed: the children of the cases `actor` may see."""
    query = seen_by(actor, on_plan_rows(filters, source))
    listed = _listed(query)
    rows = (
        [_shown(row[name]) for name in ON_PLAN_COLUMNS]
        for row in db.session.execute(query).mappings()
    )
    return ON_PLAN_HEADINGS, listed, rows


def record_download(actor: User, figure: str, listed: Listed, filters: Filters) -> None:
    """Every download of a figure's rows is audited, with the filters it was made with and
    whose rows it holds."""
    audit.record(
        actor,
        "export",
        changes={
            "figure": figure,
            "rows": listed.rows,
            "case_ids": listed.case_ids,
            "child_ids": listed.child_ids,
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
