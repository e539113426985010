"""Migration 0024 (My work kept for a team's manager, issue 22), with records in the database:
upgraded from 0023 holding a case (its count of changes starts at 0; its items can be kept, and
deleting the kept case deletes its items); downgraded (both tables go, the case is as it was);
upgraded again."""

from datetime import date

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import drop_database, empty_database, insert_as_it_was, make_config, rows_of

from conference import create_app
from conference.extensions import db


def test_the_migration_adds_kept_work_and_takes_it_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "kept_work_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0023")
            with db.engine.begin() as connection:
                team = insert_as_it_was(connection, "team", name="Team A")
                case = insert_as_it_was(connection, "family_case", reference="MIG-24", team_id=team)
            upgrade(revision="0024")
            with db.engine.begin() as connection:
                assert rows_of(connection, "SELECT work_generation FROM family_case") == [(0,)]
                insert_as_it_was(
                    connection,
                    "kept_work",
                    case_id=case,
                    team_id=team,
                    worked_out_on=date(2026, 12, 7),
                    settings="s" * 64,
                )
                insert_as_it_was(
                    connection,
                    "kept_work_item",
                    case_id=case,
                    section="reviews",
                    what="Review child protection conference",
                    endpoint="cases.show_case",
                    link_name="case_id",
                    link_id=case,
                    on=date(2027, 1, 7),
                    on_label="Due by",
                    detail="Not booked yet",
                )
                assert rows_of(connection, "SELECT section, what FROM kept_work_item") == [
                    ("reviews", "Review child protection conference")
                ]
            downgrade(revision="0023")
            with db.engine.begin() as connection:
                tables = sa.inspect(connection).get_table_names()
                assert "kept_work" not in tables and "kept_work_item" not in tables
                columns = {c["name"] for c in sa.inspect(connection).get_columns("family_case")}
                assert "work_generation" not in columns
                assert rows_of(connection, "SELECT reference FROM family_case") == [("MIG-24",)]
            upgrade()
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)
