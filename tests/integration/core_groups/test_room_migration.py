"""Migration 0015 (the conference room and the core group, issue 18), with records in the
database: upgraded from 0014 holding a user and a core group meeting with two people on its
attendance (one came, one did not) and a goal's progress; checked (attendance keeps its meaning,
progress was discussed, a minute-taker can be added); downgraded (the minute-taker becomes a
practitioner, attendance a yes or no again); upgraded again."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import drop_database, empty_database, make_config, table_names
from sqlalchemy import text

from conference import create_app
from conference.extensions import db

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)
NEW_TABLES = {"kept_off_wall", "scaling_round", "core_group_agency_update", "core_group_section"}


def _rows(connection, sql: str, **params) -> list[tuple]:
    return [tuple(row) for row in connection.execute(text(sql), params)]


def _blank(column: sa.Column):
    """A value for a required column the test does not care about, by its type."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.Integer):
        return 1 if column.name == "version" else 0
    if isinstance(kind, sa.DateTime):
        return NOW
    if isinstance(kind, sa.Date):
        return date(2026, 1, 5)
    if isinstance(kind, sa.Time):
        return datetime(2026, 1, 5, 10).time()
    if isinstance(kind, sa.JSON):
        return []
    return ""


def _insert(connection, table_name: str, **values) -> int:
    """Insert a row into the table as it is at this revision (reflected, not the models, which
    are at the newest), giving every other required column a blank value."""
    table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
    for column in table.columns:
        needed = not column.nullable and column.server_default is None
        if needed and not column.primary_key and column.name not in values:
            values[column.name] = _blank(column)
    return connection.execute(sa.insert(table).values(**values)).inserted_primary_key[0]


def _fill_0014(connection) -> dict:
    team = _insert(connection, "team", name="Team A")
    user = _insert(
        connection,
        "user_account",
        email="nurse@example.org",
        name="Nurse",
        role="practitioner",
        active=True,
        password_hash="x",
    )
    case = _insert(connection, "family_case", reference="MIG-15", team_id=team)
    conference = _insert(
        connection, "conference", case_id=case, conference_type="initial", held_on=date(2026, 1, 5)
    )
    plan = _insert(connection, "protection_plan", case_id=case, conference_id=conference)
    goal = _insert(connection, "safety_goal", plan_id=plan, statement="Lily is safe at night")
    meeting = _insert(
        connection, "core_group_meeting", case_id=case, plan_id=plan, held_on=date(2026, 2, 2)
    )
    came = _insert(
        connection, "core_group_attendance", meeting_id=meeting, name="Came", attended=True
    )
    absent = _insert(
        connection, "core_group_attendance", meeting_id=meeting, name="Absent", attended=False
    )
    _insert(
        connection,
        "goal_progress",
        meeting_id=meeting,
        goal_id=goal,
        where_now="Better",
        rating="improving",
    )
    return {"user": user, "came": came, "absent": absent, "meeting": meeting}


def _insert_minute_taker(connection) -> None:
    _insert(
        connection,
        "user_account",
        email="typist@example.org",
        name="Typist",
        role="minute_taker",
        active=True,
        password_hash="x",
    )


def test_the_migration_keeps_attendance_and_progress_and_takes_the_new_parts_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "room_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0014")
            with db.engine.begin() as connection:
                ids = _fill_0014(connection)
                # Before 0015 there is no minute-taker role.
                with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
                    _insert_minute_taker(connection)
            upgrade(revision="0015")
            with db.engine.begin() as connection:
                assert table_names(connection) >= NEW_TABLES
                assert _rows(
                    connection,
                    "SELECT id, attendance, apologies_reason, child_id"
                    " FROM core_group_attendance ORDER BY id",
                ) == [(ids["came"], "attended", "", None), (ids["absent"], "apologies", "", None)]
                assert _rows(
                    connection, "SELECT discussed, rating, recorded_by_id FROM goal_progress"
                ) == [(True, "improving", None)]
                _insert_minute_taker(connection)
                assert _rows(connection, "SELECT email, role FROM user_account ORDER BY email") == [
                    ("nurse@example.org", "practitioner"),
                    ("typist@example.org", "minute_taker"),
                ]
                # A core group records each agency's update once.
                _insert(
                    connection,
                    "core_group_agency_update",
                    meeting_id=ids["meeting"],
                    agency="Health",
                    summary="Seen twice.",
                )
                with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
                    _insert(
                        connection,
                        "core_group_agency_update",
                        meeting_id=ids["meeting"],
                        agency="Health",
                        summary="Again.",
                    )
                # A goal not discussed this time: no rating, which 0014 cannot hold.
                goal_id = connection.execute(text("SELECT goal_id FROM goal_progress")).scalar()
                connection.execute(
                    text(
                        "INSERT INTO goal_progress (meeting_id, goal_id, discussed, where_now,"
                        " evidence, said_by) VALUES (:meeting, :goal, :no, '', '', '')"
                    ),
                    {"meeting": ids["meeting"], "goal": goal_id, "no": False},
                )
            downgrade(revision="0014")
            with db.engine.begin() as connection:
                assert not NEW_TABLES & table_names(connection)
                assert _rows(
                    connection, "SELECT id, attended FROM core_group_attendance ORDER BY id"
                ) == [(ids["came"], True), (ids["absent"], False)]
                assert _rows(connection, "SELECT email, role FROM user_account ORDER BY email") == [
                    ("nurse@example.org", "practitioner"),
                    ("typist@example.org", "practitioner"),
                ]
                assert _rows(connection, "SELECT where_now, rating FROM goal_progress") == [
                    ("Better", "improving")
                ]
                columns = {c["name"] for c in sa.inspect(connection).get_columns("attendee")}
                assert not {"child_id", "apologies_reason"} & columns
            upgrade()
            with db.engine.begin() as connection:
                assert _rows(
                    connection, "SELECT attendance FROM core_group_attendance ORDER BY id"
                ) == [("attended",), ("apologies",)]
                assert _rows(connection, "SELECT count(*) FROM core_group_agency_update") == [(0,)]
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)
