"""Bulk inserts: rows are collected as dictionaries, given primary keys from max(id) + 1, and
inserted table by table, parents before children: with SQLAlchemy Core in batches, or on
PostgreSQL with COPY, about ten times faster than psycopg's row-by-row executemany."""

from collections import defaultdict

from sqlalchemy import func, select

from conference.common.database import insert_many
from conference.extensions import db
from conference.models import (
    ActionUpdate,
    Adult,
    AdultChildRelationship,
    Allocation,
    Attendee,
    Case,
    Child,
    ChildDecision,
    ChildEpisode,
    ChildVoice,
    Conference,
    ConferenceIdentity,
    CoreGroupAttendance,
    CoreGroupMeeting,
    CoreGroupMember,
    FamilyFeedback,
    GoalProgress,
    Invitation,
    MapItem,
    Oversight,
    OversightAction,
    Plan,
    PlanAction,
    Pod,
    SafetyGoal,
    ScalingScore,
    Section47Enquiry,
    StatutoryVisit,
    Team,
    User,
    Visit,
    VisitChild,
)

# In the order they are inserted: every table after the tables it refers to.
MODELS = (
    Team,
    Pod,
    User,
    Case,
    Child,
    Adult,
    AdultChildRelationship,
    CoreGroupMember,
    Allocation,
    Oversight,
    OversightAction,
    Conference,
    ChildEpisode,
    Section47Enquiry,
    Attendee,
    MapItem,
    ScalingScore,
    ChildVoice,
    ConferenceIdentity,
    ChildDecision,
    Plan,
    SafetyGoal,
    PlanAction,
    CoreGroupMeeting,
    CoreGroupAttendance,
    Visit,
    GoalProgress,
    ActionUpdate,
    StatutoryVisit,
    VisitChild,
    Invitation,
    FamilyFeedback,
)
TABLES = tuple(model.__table__ for model in MODELS)
BATCH = 5000


class Writer:
    """Collects rows per table. Keys starting with "_" are the generator's own notes and are
    not stored. Rows may be changed until `flush` writes them."""

    def __init__(self, session=None):
        self.session = session or db.session
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.totals: dict[str, int] = defaultdict(int)
        self._next = {
            table.name: (self.session.scalar(select(func.max(table.c.id))) or 0) + 1
            for table in TABLES
        }

    def next_id(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value

    def add(self, table: str, row: dict) -> dict:
        self.rows[table].append(row)
        return row

    def flush(self) -> None:
        for table in TABLES:
            rows = self.rows.pop(table.name, None)
            if not rows:
                continue
            if any(key.startswith("_") for key in rows[0]):
                rows = [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]
            insert_many(self.session, table, rows, BATCH)
            self.totals[table.name] += len(rows)

    def move_sequences_on(self) -> None:
        """PostgreSQL hands out ids from a sequence, which rows inserted with their own ids do
        not move on: set each to the highest id, so the application's next insert works."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        for table in TABLES:
            highest = select(func.coalesce(func.max(table.c.id), 1)).scalar_subquery()
            sequence = func.pg_get_serial_sequence(table.name, "id")
            self.session.execute(select(func.setval(sequence, highest)))
