"""The app factory, configuration, database and error pages."""

import re
import stat

from flask_migrate import downgrade, upgrade
from helpers import drop_database, empty_database, make_config, table_names
from pages import assert_page, text_of
from sqlalchemy import text

from conference import _instance_secret_key, create_app
from conference.common.access import public
from conference.extensions import db


def test_secret_key_is_generated_once_and_kept(tmp_path):
    key = _instance_secret_key(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert _instance_secret_key(tmp_path) == key
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_factory_uses_the_instance_key_when_none_is_configured(db_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": db_url})
    assert len(app.config["SECRET_KEY"]) == 64
    assert app.config["SECRET_KEY"] != "tests only"


def test_environment_overrides_defaults(monkeypatch, db_url):
    monkeypatch.setenv("FLASK_COUNCIL_NAME", "Havering")
    monkeypatch.setenv("FLASK_SECRET_KEY", "from the environment")
    monkeypatch.setenv("DATABASE_URL", db_url)
    app = create_app()
    assert app.config["COUNCIL_NAME"] == "Havering"
    assert app.config["SECRET_KEY"] == "from the environment"


def test_database_url_selects_postgresql_with_psycopg(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://user@db.example:5432/conference")
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://user@db.example:5432/conference"
    )


def test_default_database_is_sqlite_in_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/instance/conference.sqlite")


def test_session_cookie_is_secure_unless_debugging(db_url, monkeypatch):
    production = create_app({"SQLALCHEMY_DATABASE_URI": db_url, "SECRET_KEY": "x"})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    monkeypatch.setenv("FLASK_DEBUG", "1")
    debugging = create_app({"SQLALCHEMY_DATABASE_URI": db_url, "SECRET_KEY": "x"})
    assert debugging.config["SESSION_COOKIE_SECURE"] is False


def test_database_settings(app, app_ctx):
    """SQLite enforces foreign keys and uses WAL; PostgreSQL is reached through psycopg 3."""
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    else:
        assert (db.engine.dialect.name, db.engine.dialect.driver) == ("postgresql", "psycopg")


def test_migrations_build_an_empty_database_that_matches_the_models(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "migrations")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                assert {"user_account", "team", "audit_event"} <= table_names(connection)
                from alembic.autogenerate import compare_metadata
                from alembic.migration import MigrationContext

                # As migrations/env.py: the search's trigram indexes are PostgreSQL's only.
                options = {"include_object": _not_only_in_postgresql}
                context = MigrationContext.configure(connection, opts=options)
                diff = compare_metadata(context, db.metadata)
                assert diff == [], "the models and the migrations disagree"
            downgrade(revision="base")
            with db.engine.connect() as connection:
                assert table_names(connection) == set()
            db.engine.dispose()
    finally:
        drop_database(db_url, url)


SEARCH_INDEXES = {"ix_child_name_search", "ix_adult_name_search", "ix_family_case_reference_search"}


def _not_only_in_postgresql(_object, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "index" and reflected and compare_to is None and name in SEARCH_INDEXES)


def test_healthz_is_public_and_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_reports_an_unreachable_database(tmp_path):
    app = create_app(make_config(f"sqlite:///{tmp_path}/missing/dir/db.sqlite"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "database unavailable"}


def test_server_error_page_in_the_service_look(db_url):
    app = create_app(make_config(db_url, PROPAGATE_EXCEPTIONS=False))

    @app.route("/broken")
    @public
    def broken():
        raise RuntimeError("boom")

    try:
        html = assert_page(
            app.test_client().get("/broken"),
            "Sorry, there is a problem with the service",
            status=500,
        )
        assert "boom" not in html
        assert "Try again later." in text_of(html)
    finally:
        with app.app_context():
            db.engine.dispose()  # the session stored on the page's way out used a connection


def test_layout_has_skip_link_language_header_and_phase(client):
    html = client.get("/sign-in").get_data(as_text=True)
    assert '<html lang="en-GB"' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "Demo Borough Council" in html
    assert "govuk-phase-banner" in html
    assert "govuk-footer" in html
    assert "crown" not in html.lower() and "crest" not in html.lower()
    assert 'type="module" src="/static/dist/app.mjs"' in html
