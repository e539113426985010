"""What every figure's rows share: the filters asked for, the joins and columns every figure's
rows start from, and how a figure is counted from its rows (Counting).

Every figure has one function giving its rows: one per child (or per conference, core group,
plan or goal, where the figure is about those), with the dates it is judged on, in the team or
pod and the date range asked for. The figures are in timeliness.py, plans.py and
participation.py; counting.py counts them and downloads.py lists them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, Integer, Select, and_, cast, func, literal, select, type_coerce

from conference.domain import performance as rules
from conference.domain import timescales
from conference.domain.vocabulary import Outcome
from conference.extensions import db
from conference.models import Case, Child, ChildDecision, Conference, Team

CP_PLAN = Outcome.CHILD_PROTECTION_PLAN
STARTING_TYPES = (timescales.INITIAL, timescales.TRANSFER_IN)
CASE_KEYS = ("case_id", "team_id", "pod_id")  # every figure's rows have these, for the tallies


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    today: date
    team_id: int | None = None
    pod_id: int | None = None
    case_ids: tuple[int, ...] | None = None  # only these cases (the tallies' refresh)

    @property
    def months(self) -> list[date]:
        return rules.months_between(self.start, self.end)

    @property
    def as_of(self) -> date:
        """The day "now" means: the end of the range, or today if that is sooner."""
        return min(self.end, self.today)

    @property
    def scope(self) -> str:
        """The part of the service, as commentary is kept: "pod:3", "team:2" or "all"."""
        if self.pod_id is not None:
            return f"pod:{self.pod_id}"
        if self.team_id is not None:
            return f"team:{self.team_id}"
        return "all"


@dataclass(frozen=True)
class Counting:
    """A figure's rows (also its CSV), the columns it is judged on, and its month's column.

    Figures with the same `source` are counted together from one grouped query over it (the
    union of their columns): `member`, where set, is the source's 0/1 column saying which of its
    rows are this figure's (the same rows `rows` gives)."""

    rows: Callable[[Filters], Select]
    keys: tuple[str, ...]
    outcome: Callable[[Filters, tuple], str | None]
    columns: tuple[tuple[str, str], ...]  # the CSV's (column, heading) after the case columns
    month: str = "event_on"
    source: Callable[[Filters], Select] | None = None
    member: str | None = None
    # For a row whose outcome waits on a due date (a first core group not held yet): the day
    # it starts to count, for the tallies, which judge it as if that day had come. None for
    # the rest, which count from their month.
    counts_from: Callable[[tuple], date | None] | None = None

    @property
    def shared(self) -> Callable[[Filters], Select]:
        return self.source or self.rows


# SQL that SQLite and PostgreSQL write differently, and the calendar.


def month_of(column):
    """The month a date falls in, as "2026-11": SQLite and PostgreSQL name it differently."""
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.date_trunc("month", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def days_between(later, earlier):
    """The number of days from one date to another (None when either is)."""
    if db.engine.dialect.name == "postgresql":
        return later - earlier
    return cast(func.julianday(later) - func.julianday(earlier), Integer)


def day_after(day: date, days):
    """The date a number of days (a column of whole days) after a day."""
    if db.engine.dialect.name == "postgresql":
        return literal(day, Date) + days
    return type_coerce(func.date(day.isoformat(), func.printf("+%d days", days)), Date)


def calendar() -> timescales.WorkingDayCalendar:
    return timescales.default_calendar()


# The joins and columns every figure's rows start from.


def scoped(query: Select, filters: Filters) -> Select:
    if filters.team_id is not None:
        query = query.where(Case.team_id == filters.team_id)
    if filters.pod_id is not None:
        query = query.where(Case.pod_id == filters.pod_id)
    if filters.case_ids is not None:
        query = query.where(Case.id.in_(filters.case_ids))
    return query


def finalised_in_range(conference, filters: Filters):
    return and_(
        conference.finalised_at.is_not(None), conference.held_on.between(filters.start, filters.end)
    )


def case_columns():
    return (
        Case.reference.label("case_reference"),
        Team.name.label("team"),
        Case.id.label("case_id"),
        Case.team_id.label("team_id"),
        Case.pod_id.label("pod_id"),
    )


def child_columns():
    """What the plan figures need to know of a child."""
    return (
        Child.local_child_id.label("local_child_id"),
        Child.date_of_birth.label("date_of_birth"),
        Child.ethnicity_code.label("ethnicity_code"),
    )


def about_a_child(query: Select, record) -> Select:
    """`query` over a record kept per child per conference (a decision, a child's voice), joined
    to its conference, the child, the case and the case's team."""
    return (
        query.select_from(record)
        .join(Conference, record.conference_id == Conference.id)
        .join(Child, record.child_id == Child.id)
        .join(Case, Conference.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
    )


def child_decisions(filters: Filters, *columns) -> Select:
    """Children with a decision at a finalised conference held in the range."""
    query = about_a_child(
        select(
            *case_columns(),
            Child.local_child_id.label("local_child_id"),
            Child.id.label("child_id"),  # for the list of children behind a figure
            *columns,
        ),
        ChildDecision,
    ).where(finalised_in_range(Conference, filters))
    return scoped(query, filters)


def conference_rows(filters: Filters, *columns) -> Select:
    query = (
        select(*case_columns(), literal("").label("local_child_id"), *columns)
        .select_from(Conference)
        .join(Case, Conference.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
        .where(finalised_in_range(Conference, filters))
    )
    return scoped(query, filters)


# The outcome kept in the rows themselves.


OUTCOME = (("outcome", "Outcome"),)


def as_stored(_filters, key):
    return key[0]
