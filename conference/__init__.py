"""Strengthening Families child protection conference toolkit."""

import os
import secrets
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from conference import cli, extensions, models  # noqa: F401  (models registers the tables)
from conference.common import (
    access,
    database,
    errors,
    identity,
    queue,
    routing,
    security,
    sessions,
    templating,
)
from conference.invitations import language as family_language
from conference.pdf import kept  # noqa: F401  (registers the documents' tasks)
from conference.services import stored_documents
from conference.services.dashboard import tallies
from conference.services.my_work import kept as kept_work

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Build the app: defaults from `conference.config`, then `instance/config.py` and `FLASK_*`
    environment variables, or the `test_config` mapping instead of both."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object("conference.config")
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env()
    else:
        app.config.from_mapping(test_config)
    _finish_config(app)

    app.jinja_loader = ChoiceLoader(
        [
            app.jinja_loader,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(ROOT / "migrations"))
    extensions.login_manager.init_app(app)
    sessions.init_app(app)
    access.init_app(app)  # before CSRF, so a signed-out POST is sent to sign in like any other
    extensions.csrf.init_app(app)
    for module in (database, security, errors, templating, identity, routing, queue, cli):
        module.init_app(app)
    _register_blueprints(app)
    family_language.init_app(app)
    tallies.init_app(app)
    stored_documents.init_app(app)
    kept_work.init_app(app)
    return app


def _finish_config(app):
    config = app.config
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = database.url_from_environment(app.instance_path)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))
    if config.get("SESSION_COOKIE_SECURE") is None:
        config["SESSION_COOKIE_SECURE"] = not app.debug
    config["PERMANENT_SESSION_LIFETIME"] = config["IDLE_TIMEOUT"]
    # Never the values of a statement in an error or a log line (conference/config.py).
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
        "hide_parameters": True,
    }
    if config.get("REQUIRE_SECOND_FACTOR") is None:
        config["REQUIRE_SECOND_FACTOR"] = not app.debug
    proxies = int(config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        # The client's address, scheme and host as the proxies in front saw them: the sign-in
        # throttle and the audit trail need the real address, not the proxy's.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)


def _instance_secret_key(instance: Path) -> str:
    """Read the key generated on first run, or generate it: there is never a fixed default."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(key)
    return key


def _register_blueprints(app):
    from conference.admin import bp as admin_bp
    from conference.auth import bp as auth_bp
    from conference.cases import bp as cases_bp
    from conference.chronology import bp as chronology_bp
    from conference.conferences import bp as conferences_bp
    from conference.core_groups import bp as core_groups_bp
    from conference.dashboard import bp as dashboard_bp
    from conference.documents import bp as documents_bp
    from conference.episodes import bp as episodes_bp
    from conference.invitations import bp as invitations_bp
    from conference.main import bp as main_bp
    from conference.my_work import bp as my_work_bp
    from conference.people import bp as people_bp
    from conference.plans import bp as plans_bp
    from conference.returns import bp as returns_bp
    from conference.visits import bp as visits_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(cases_bp, url_prefix="/cases")
    app.register_blueprint(people_bp, url_prefix="/cases/<int:case_id>")
    app.register_blueprint(conferences_bp)
    app.register_blueprint(plans_bp)
    app.register_blueprint(core_groups_bp)
    app.register_blueprint(chronology_bp)
    app.register_blueprint(visits_bp)
    app.register_blueprint(documents_bp)
    app.register_blueprint(episodes_bp)
    app.register_blueprint(invitations_bp)
    app.register_blueprint(dashboard_bp, url_prefix="/dashboard")
    app.register_blueprint(my_work_bp, url_prefix="/my-work")
    app.register_blueprint(returns_bp, url_prefix="/returns")
