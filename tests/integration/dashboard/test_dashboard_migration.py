"""Migration 0014 adds the dashboard's targets and comparators, with records in the database:
upgraded from 0013 holding a user, a team and a commentary (which stay as they were), filled,
its unique keys checked, then downgraded (the two tables go, the rest stays) and upgraded again."""

from datetime import UTC, date, datetime, time

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import as_it_was, drop_database, empty_database, make_config, table_names
from sqlalchemy import insert, text

from conference import create_app
from conference.extensions import db
from conference.models import Case, Conference, Team
from conference.services.dashboard import tallies

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)
NEW_TABLES = {"dashboard_target", "dashboard_comparator"}


def _rows(connection, sql: str, **params) -> list[tuple]:
    return [tuple(row) for row in connection.execute(text(sql), params)]


def _fill_0013(connection) -> int:
    connection.execute(text("INSERT INTO team (name) VALUES ('Team A')"))
    connection.execute(
        text(
            "INSERT INTO user_account (email, name, role, agency, active, password_hash,"
            " created_at, version) VALUES ('head@example.org', 'Head', 'manager', '', :yes,"
            " 'x', :now, 1)"
        ),
        {"yes": True, "now": NOW},
    )
    user_id = connection.execute(text("SELECT id FROM user_account")).scalar_one()
    connection.execute(
        text(
            "INSERT INTO dashboard_commentary (month, scope, figure, text, written_by_id,"
            " updated_at, version) VALUES (:month, 'all', 'twilight', 'Kept.', :user, :now, 1)"
        ),
        {"month": date(2025, 6, 1), "user": user_id, "now": NOW},
    )
    return user_id


def _fill_0014(connection, user_id: int) -> None:
    connection.execute(
        text(
            "INSERT INTO dashboard_target (figure, value, higher_is_better, set_by_id, set_at,"
            " version) VALUES ('twilight', 12.5, :no, :user, :now, 1)"
        ),
        {"no": False, "user": user_id, "now": NOW},
    )
    connection.execute(
        text(
            "INSERT INTO dashboard_comparator (figure, comparison, neighbour_group, year, value,"
            " source, source_url, entered_by_id, entered_at, version) VALUES ('twilight',"
            " 'england', '', '2024-25', 7.5, 'CIN census', '', :user, :now, 1)"
        ),
        {"user": user_id, "now": NOW},
    )


def test_the_migration_adds_targets_and_comparators_and_takes_them_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "dashboard_targets_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0013")
            with db.engine.begin() as connection:
                user_id = _fill_0013(connection)
            upgrade(revision="0014")
            with db.engine.begin() as connection:
                assert table_names(connection) >= NEW_TABLES
                _fill_0014(connection, user_id)
                assert _rows(
                    connection, "SELECT figure, value, higher_is_better FROM dashboard_target"
                ) == [("twilight", 12.5, False)]
                assert _rows(
                    connection, "SELECT figure, comparison, year, value FROM dashboard_comparator"
                ) == [("twilight", "england", "2024-25", 7.5)]
            # One target a figure; one value a figure, comparison and year.
            for duplicate in (
                "INSERT INTO dashboard_target (figure, value, higher_is_better, set_at, version)"
                " VALUES ('twilight', 1, :no, :now, 1)",
                "INSERT INTO dashboard_comparator (figure, comparison, neighbour_group, year,"
                " value, source, source_url, entered_at, version) VALUES ('twilight', 'england',"
                " '', '2024-25', 1, 's', '', :now, 1)",
            ):
                with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
                    connection.execute(text(duplicate), {"no": False, "now": NOW})
            downgrade(revision="0013")
            with db.engine.begin() as connection:
                assert not NEW_TABLES & table_names(connection)
                assert _rows(connection, "SELECT text FROM dashboard_commentary") == [("Kept.",)]
                assert _rows(connection, "SELECT email FROM user_account") == [
                    ("head@example.org",)
                ]
            upgrade()
            with db.engine.begin() as connection:
                assert _rows(connection, "SELECT count(*) FROM dashboard_target") == [(0,)]
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)


@pytest.mark.parametrize("with_records", [True, False])
def test_totals_built_by_the_old_rules_are_marked_for_rebuilding(tmp_path, with_records):
    """Totals built before 0014 judged core groups without the next review and had no figure
    for plans finalised by the first core group: upgrading a database that holds conferences
    marks them (the dashboard counts the records until rebuild-dashboard); an empty one is not.
    (On a SQLite file whatever the suite's database: the migration's SQL is the same.)"""
    app = create_app(make_config(f"sqlite:///{tmp_path / 'upgraded.sqlite'}"))
    with app.app_context():
        upgrade(revision="0013")
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM dashboard_tally_rebuild"))  # built under 0013
            if with_records:
                team = connection.execute(
                    insert(as_it_was(connection, Team)).values(name="Team")
                ).lastrowid
                case = connection.execute(
                    insert(as_it_was(connection, Case)).values(
                        reference="OLD-1",
                        team_id=team,
                        opened_on=date(2025, 1, 6),
                        referral_date=date(2025, 1, 6),
                    )
                ).lastrowid
                connection.execute(
                    insert(as_it_was(connection, Conference)).values(
                        case_id=case,
                        conference_type="initial",
                        held_on=date(2025, 2, 3),
                        starts_at=time(10),
                    )
                )
        assert tallies.built()
        upgrade()
        assert tallies.built() is not with_records
        db.engine.dispose()
