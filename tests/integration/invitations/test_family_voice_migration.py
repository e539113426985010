"""Migration 0020 (the family's views and feedback, issue 20), with records in the database:
upgraded from 0019 holding invitations; checked (every existing invitation is one for views, as
they all were; a views row per invitation with a score from 0 to 10; a feedback form online only
with an invitation); downgraded (the tables and the column go, the invitations stay); upgraded
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

WHEN = datetime(2026, 12, 19, tzinfo=UTC)


def _fill_0019(connection) -> dict:
    team = insert_as_it_was(connection, "team", name="Team A")
    case = insert_as_it_was(connection, "family_case", reference="MIG-20", team_id=team)
    adult = insert_as_it_was(connection, "adult", case_id=case, given_name="Dana")
    conference = insert_as_it_was(
        connection, "conference", case_id=case, conference_type="review", held_on=date(2026, 12, 18)
    )
    invited = {"case_id": case, "conference_id": conference, "adult_id": adult}
    before = insert_as_it_was(
        connection,
        "invitation",
        version="parent",
        code_hash="a" * 64,
        expires_at=WHEN,
        created_at=WHEN,
        **invited,
    )
    return {"case": case, "conference": conference, "adult": adult, "invitation": before}


def _refused(connection, table: str, **values) -> None:
    with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
        insert_as_it_was(connection, table, **values)


def test_the_migration_adds_views_and_feedback_and_takes_them_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "family_voice_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0019")
            with db.engine.begin() as connection:
                ids = _fill_0019(connection)
            upgrade(revision="0020")
            with db.engine.begin() as connection:
                assert {"family_views", "family_feedback"} <= table_names(connection)
                # The invitation made before is for views, as every invitation then was.
                assert rows_of(connection, "SELECT purpose FROM invitation") == [("views",)]
                views = {"invitation_id": ids["invitation"], "outcome": "waiting"}
                insert_as_it_was(connection, "family_views", score=10, **views)
                _refused(connection, "family_views", score=3, **views)  # one per invitation
                feedback = {"case_id": ids["case"], "conference_id": ids["conference"]}
                insert_as_it_was(connection, "family_feedback", source="paper", **feedback)
                insert_as_it_was(
                    connection,
                    "family_feedback",
                    source="online",
                    invitation_id=ids["invitation"],
                    **feedback,
                )
                _refused(connection, "family_feedback", source="online", **feedback)
                _refused(connection, "family_feedback", source="post", **feedback)
                _refused(
                    connection,
                    "invitation",
                    version="parent",
                    purpose="gossip",
                    code_hash="b" * 64,
                    expires_at=WHEN,
                    created_at=WHEN,
                    case_id=ids["case"],
                    conference_id=ids["conference"],
                    adult_id=ids["adult"],
                )
            with db.engine.begin() as connection:
                too_high = {"invitation_id": ids["invitation"], "outcome": "waiting", "score": 11}
                connection.execute(sa.text("DELETE FROM family_views"))
                _refused(connection, "family_views", **too_high)
            downgrade(revision="0019")
            with db.engine.begin() as connection:
                assert not {"family_views", "family_feedback"} & table_names(connection)
                assert rows_of(connection, "SELECT code_hash FROM invitation") == [("a" * 64,)]
            upgrade()
            with db.engine.begin() as connection:
                assert rows_of(connection, "SELECT purpose FROM invitation") == [("views",)]
                assert rows_of(connection, "SELECT count(*) FROM family_feedback") == [(0,)]
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)
