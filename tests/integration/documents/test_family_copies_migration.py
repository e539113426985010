"""Migration 0018 (documents a family can use, issue 19), with records in the database: upgraded
from 0017 holding a user, a child, a conference and a plan with a goal; checked (nothing printed
before changes: empty text, no phone, no own copy; the new tables take rows, and a service-wide
contact is one a key); downgraded (the new tables and columns go, the records stay); upgraded
again."""

from datetime import UTC, date, datetime

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

from conference import create_app
from conference.extensions import db

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
NEW_TABLES = {"contact_setting", "kept_from_family", "plan_translation", "audio_copy"}
NEW_COLUMNS = {
    "user_account": {"phone"},
    "child": {"own_copy"},
    "conference": {"review_analysis", "review_recommendation", "parents_comments"},
    "safety_goal": {
        "contingency_if",
        "contingency_then",
        "child_words",
        "child_words_checked_at",
        "child_words_checked_by_id",
    },
}


def _fill_0017(connection) -> dict:
    team = insert_as_it_was(connection, "team", name="Team A")
    user = insert_as_it_was(
        connection,
        "user_account",
        email="worker@example.org",
        name="Worker",
        role="social_worker",
        active=True,
        password_hash="x",
    )
    case = insert_as_it_was(connection, "family_case", reference="MIG-18", team_id=team)
    child = insert_as_it_was(
        connection,
        "child",
        case_id=case,
        given_name="Lily",
        family_name="Jones",
        local_child_id="L",
    )
    conference = insert_as_it_was(
        connection, "conference", case_id=case, conference_type="review", held_on=date(2026, 3, 2)
    )
    plan = insert_as_it_was(connection, "protection_plan", case_id=case, conference_id=conference)
    goal = insert_as_it_was(
        connection, "safety_goal", plan_id=plan, statement="Lily is safe at night"
    )
    return {
        "team": team,
        "user": user,
        "child": child,
        "conference": conference,
        "plan": plan,
        "goal": goal,
    }


def _columns(connection, table: str) -> set[str]:
    return {column["name"] for column in sa.inspect(connection).get_columns(table)}


def test_the_migration_adds_the_family_copies_and_takes_them_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "family_copies_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0017")
            with db.engine.begin() as connection:
                ids = _fill_0017(connection)
            upgrade(revision="0018")
            with db.engine.begin() as connection:
                assert table_names(connection) >= NEW_TABLES
                assert rows_of(connection, "SELECT phone FROM user_account") == [("",)]
                assert rows_of(connection, "SELECT own_copy FROM child") == [(False,)]
                assert rows_of(
                    connection,
                    "SELECT review_analysis, review_recommendation, parents_comments"
                    " FROM conference",
                ) == [("", "", "")]
                assert rows_of(
                    connection,
                    "SELECT contingency_if, contingency_then, child_words, child_words_checked_at"
                    " FROM safety_goal",
                ) == [("", "", "", None)]
                # The new tables take rows: what the family may not see, with its reason.
                insert_as_it_was(
                    connection,
                    "kept_from_family",
                    conference_id=ids["conference"],
                    kind="child_voice",
                    record_id=1,
                    field="own_words",
                    reason="Lily asked",
                    kept_at=NOW,
                )
                # A service-wide contact is one a key; a team may set its own beside it.
                insert_as_it_was(
                    connection, "contact_setting", key="out_of_hours", value="01632 960999"
                )
                insert_as_it_was(
                    connection,
                    "contact_setting",
                    team_id=ids["team"],
                    key="out_of_hours",
                    value="01632 960998",
                )
                with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
                    insert_as_it_was(
                        connection, "contact_setting", key="out_of_hours", value="again"
                    )
            downgrade(revision="0017")
            with db.engine.begin() as connection:
                assert not NEW_TABLES & table_names(connection)
                for table, columns in NEW_COLUMNS.items():
                    assert not columns & _columns(connection, table)
                assert rows_of(connection, "SELECT statement FROM safety_goal") == [
                    ("Lily is safe at night",)
                ]
                assert rows_of(connection, "SELECT given_name FROM child") == [("Lily",)]
            upgrade()
            with db.engine.begin() as connection:
                assert rows_of(connection, "SELECT count(*) FROM kept_from_family") == [(0,)]
                assert rows_of(connection, "SELECT own_copy FROM child") == [(False,)]
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)
