"""Migration 0019 (invitations without accounts, issue 20), with records in the database: upgraded
from 0018 holding a case with a child, an adult, a conference and a core group meeting; checked
(the records are untouched; an invitation names one meeting and one person, with a version
known, and a code's hash is taken once); downgraded (the table goes, the records stay); upgraded
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

EXPIRES = datetime(2026, 12, 19, tzinfo=UTC)


def _fill_0018(connection) -> dict:
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
    case = insert_as_it_was(connection, "family_case", reference="MIG-19", team_id=team)
    child = insert_as_it_was(
        connection,
        "child",
        case_id=case,
        given_name="Kemi",
        family_name="Adeyemi",
        local_child_id="K",
    )
    adult = insert_as_it_was(
        connection, "adult", case_id=case, given_name="Dana", family_name="Adeyemi"
    )
    conference = insert_as_it_was(
        connection, "conference", case_id=case, conference_type="review", held_on=date(2026, 12, 18)
    )
    plan = insert_as_it_was(connection, "protection_plan", case_id=case, conference_id=conference)
    meeting = insert_as_it_was(
        connection, "core_group_meeting", case_id=case, plan_id=plan, held_on=date(2026, 12, 10)
    )
    return {
        "user": user,
        "case": case,
        "child": child,
        "adult": adult,
        "conference": conference,
        "meeting": meeting,
    }


def _invitation(connection, ids: dict, code_hash: str, **values) -> int:
    return insert_as_it_was(
        connection,
        "invitation",
        **{
            "case_id": ids["case"],
            "version": "parent",
            "code_hash": code_hash,
            "expires_at": EXPIRES,
            "created_at": EXPIRES,
            "created_by_id": ids["user"],
            **values,
        },
    )


def _refused(connection, ids: dict, code_hash: str, **values) -> None:
    with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
        _invitation(connection, ids, code_hash, **values)


def test_the_migration_adds_invitations_and_takes_them_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "invitations_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0018")
            with db.engine.begin() as connection:
                ids = _fill_0018(connection)
            upgrade(revision="0019")
            with db.engine.begin() as connection:
                assert "invitation" in table_names(connection)
                assert rows_of(connection, "SELECT given_name FROM child") == [("Kemi",)]
                _invitation(
                    connection,
                    ids,
                    "a" * 64,
                    conference_id=ids["conference"],
                    adult_id=ids["adult"],
                )
                _invitation(
                    connection,
                    ids,
                    "b" * 64,
                    core_group_meeting_id=ids["meeting"],
                    child_id=ids["child"],
                    version="young_person",
                )
                # One meeting, one person, a version known, a code's hash once.
                both = {"conference_id": ids["conference"], "core_group_meeting_id": ids["meeting"]}
                _refused(connection, ids, "c" * 64, adult_id=ids["adult"], **both)
                _refused(connection, ids, "c" * 64, adult_id=ids["adult"])
                _refused(
                    connection,
                    ids,
                    "c" * 64,
                    conference_id=ids["conference"],
                    adult_id=ids["adult"],
                    child_id=ids["child"],
                )
                _refused(
                    connection,
                    ids,
                    "c" * 64,
                    conference_id=ids["conference"],
                    adult_id=ids["adult"],
                    version="grandparent",
                )
                _refused(
                    connection,
                    ids,
                    "a" * 64,
                    conference_id=ids["conference"],
                    child_id=ids["child"],
                )
                assert rows_of(connection, "SELECT count(*) FROM invitation") == [(2,)]
            downgrade(revision="0018")
            with db.engine.begin() as connection:
                assert "invitation" not in table_names(connection)
                assert rows_of(connection, "SELECT given_name FROM adult") == [("Dana",)]
                assert rows_of(connection, "SELECT held_on FROM core_group_meeting") != []
            upgrade()
            with db.engine.begin() as connection:
                assert rows_of(connection, "SELECT count(*) FROM invitation") == [(0,)]
                _invitation(
                    connection,
                    ids,
                    "a" * 64,
                    conference_id=ids["conference"],
                    adult_id=ids["adult"],
                )
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)
