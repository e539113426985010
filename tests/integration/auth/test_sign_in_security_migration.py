"""Migration 0009 (sessions, the throttle, second factors) on a database with users in it."""

from flask_migrate import downgrade, upgrade
from helpers import drop_database, empty_database, make_config, table_names
from sqlalchemy import text

from conference import create_app
from conference.extensions import db


def test_existing_users_keep_their_password_and_set_up_a_second_factor_later(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "sign_in_security")
    migrating = create_app(make_config(url))
    try:
        with migrating.app_context():
            upgrade(revision="0008")
            with db.engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO user_account (email, name, role, agency, active,"
                        " password_hash, created_at, version)"
                        " VALUES ('jo@example.org', 'Jo', 'chair', '', true, 'kept hash',"
                        " CURRENT_TIMESTAMP, 3)"
                    )
                )
            upgrade(revision="0009")
            with db.engine.connect() as connection:
                assert {"user_session", "sign_in_failure"} <= table_names(connection)
                rows = connection.execute(
                    text(
                        "SELECT email, password_hash, version, must_change_password,"
                        " second_factor_secret, second_factor_last_step FROM user_account"
                    )
                ).all()
            assert [tuple(row) for row in rows] == [
                ("jo@example.org", "kept hash", 3, False, None, None)
            ]
            downgrade(revision="0008")
            with db.engine.connect() as connection:
                assert "user_session" not in table_names(connection)
                rows = connection.execute(text("SELECT email, password_hash FROM user_account"))
                assert [tuple(row) for row in rows] == [("jo@example.org", "kept hash")]
            db.engine.dispose()
    finally:
        drop_database(db_url, url)
