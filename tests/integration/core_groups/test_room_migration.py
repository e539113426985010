"""Migration 0015 (the conference room and the core group, issue 18), with records in the
database: upgraded from 0014 holding a user and a core group meeting with two people on its
attendance (one came, one did not) and a goal's progress; checked (attendance keeps its meaning,
progress was discussed, a minute-taker can be added); downgraded (the minute-taker becomes a
practitioner, attendance a yes or no again); upgraded again."""

from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import (
    drop_database,
    empty_database,
    insert_as_it_was,
    make_config,
    rows_of,
    table_names,
)
from sqlalchemy import text

from conference import create_app
from conference.extensions import db

NEW_TABLES = {"kept_off_wall", "scaling_round", "core_group_agency_update", "core_group_section"}


def _fill_0014(connection) -> dict:
    team = insert_as_it_was(connection, "team", name="Team A")
    user = insert_as_it_was(
        connection,
        "user_account",
        email="nurse@example.org",
        name="Nurse",
        role="practitioner",
        active=True,
        password_hash="x",
    )
    case = insert_as_it_was(connection, "family_case", reference="MIG-15", team_id=team)
    conference = insert_as_it_was(
        connection, "conference", case_id=case, conference_type="initial", held_on=date(2026, 1, 5)
    )
    plan = insert_as_it_was(connection, "protection_plan", case_id=case, conference_id=conference)
    goal = insert_as_it_was(
        connection, "safety_goal", plan_id=plan, statement="Lily is safe at night"
    )
    meeting = insert_as_it_was(
        connection, "core_group_meeting", case_id=case, plan_id=plan, held_on=date(2026, 2, 2)
    )
    came = insert_as_it_was(
        connection, "core_group_attendance", meeting_id=meeting, name="Came", attended=True
    )
    absent = insert_as_it_was(
        connection, "core_group_attendance", meeting_id=meeting, name="Absent", attended=False
    )
    insert_as_it_was(
        connection,
        "goal_progress",
        meeting_id=meeting,
        goal_id=goal,
        where_now="Better",
        rating="improving",
    )
    return {"user": user, "came": came, "absent": absent, "meeting": meeting}


def _insert_minute_taker(connection) -> None:
    insert_as_it_was(
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
                assert rows_of(
                    connection,
                    "SELECT id, attendance, apologies_reason, child_id"
                    " FROM core_group_attendance ORDER BY id",
                ) == [(ids["came"], "attended", "", None), (ids["absent"], "apologies", "", None)]
                assert rows_of(
                    connection, "SELECT discussed, rating, recorded_by_id FROM goal_progress"
                ) == [(True, "improving", None)]
                _insert_minute_taker(connection)
                assert rows_of(
                    connection, "SELECT email, role FROM user_account ORDER BY email"
                ) == [
                    ("nurse@example.org", "practitioner"),
                    ("typist@example.org", "minute_taker"),
                ]
                # A core group records each agency's update once.
                insert_as_it_was(
                    connection,
                    "core_group_agency_update",
                    meeting_id=ids["meeting"],
                    agency="Health",
                    summary="Seen twice.",
                )
                with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
                    insert_as_it_was(
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
                assert rows_of(
                    connection, "SELECT id, attended FROM core_group_attendance ORDER BY id"
                ) == [(ids["came"], True), (ids["absent"], False)]
                assert rows_of(
                    connection, "SELECT email, role FROM user_account ORDER BY email"
                ) == [
                    ("nurse@example.org", "practitioner"),
                    ("typist@example.org", "practitioner"),
                ]
                assert rows_of(connection, "SELECT where_now, rating FROM goal_progress") == [
                    ("Better", "improving")
                ]
                columns = {c["name"] for c in sa.inspect(connection).get_columns("attendee")}
                assert not {"child_id", "apologies_reason"} & columns
            upgrade()
            with db.engine.begin() as connection:
                assert rows_of(
                    connection, "SELECT attendance FROM core_group_attendance ORDER BY id"
                ) == [("attended",), ("apologies",)]
                assert rows_of(connection, "SELECT count(*) FROM core_group_agency_update") == [
                    (0,)
                ]
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)
