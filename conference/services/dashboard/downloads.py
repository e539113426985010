"""The rows behind a figure, for its CSV file: each row with its outcome, as the figure judged
it, or the children on a plan now."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import Select, func, or_, select

from conference.extensions import db
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
