"""Migration 0009 (sessions, the throttle, second factors) on a database with users in it."""

from flask_migrate import downgrade, upgrade
from helpers import make_config, table_names
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from conference import create_app
from conference.extensions import db


def test_existing_users_keep_their_password_and_set_up_a_second_factor_later(db_url, tmp_path):
    url = _empty_database(db_url, tmp_path)
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
        _drop_database(db_url, url)


def _empty_database(db_url, tmp_path) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'empty.sqlite'}"
    name = make_url(db_url).database + "_sign_in_security"
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(db_url).set(database=name).render_as_string(hide_password=False)


def _drop_database(db_url, url):
    if not db_url.startswith("sqlite"):
        engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}"'))
        engine.dispose()
