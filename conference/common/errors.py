"""Error pages in the service's own look."""

import logging

from flask import render_template, request
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from conference.extensions import db

logger = logging.getLogger(__name__)

ERROR_PAGES = {400, 403, 404, 405, 413, 429, 500}
# Never shown again or sent back by the busy page: secrets, and the token it makes afresh.
NOT_KEPT = ("password", "csrf_token")


def _render(code: int, **context):
    return render_template(f"error/{code}.html", **context), code


def _handle(error):
    return _render(error.code if error.code in ERROR_PAGES else 400)


def _handle_csrf(error):
    return _render(400, csrf_expired=True)


def _handle_server_error(error):
    # The exception is logged by Flask with its traceback; nothing a user typed is logged here.
    return _render(500)


def _handle_database_busy(error):
    """A locked, overloaded or unreachable database: 503 "The service is busy".

    Nothing was saved (the transaction is rolled back). A form's answers cannot be put back into
    the form's own page from here, as only the view knows its form and template, so the busy
    page keeps them instead: it lists what was typed and sends it again, unchanged (with its
    version, so a change made meanwhile is still caught as a conflict), when the user selects
    "Try again". Passwords are never sent back, and files must be chosen again.
    """
    db.session.rollback()
    # The error's own text quotes the SQL and its parameters: log only what kind of error it was.
    logger.error(
        "Database busy or unavailable on %s %s: %s", request.method, request.endpoint, _kind(error)
    )
    typed = _typed() if request.method == "POST" else []
    context = {"typed": typed, "files_lost": bool(request.files)}
    try:
        return _render(503, **context)
    except SQLAlchemyError:
        # The page's header asks who is signed in; with no database, it is shown without them.
        db.session.rollback()
        return _render(503, current_user=AnonymousUserMixin(), **context)


def _kind(error: OperationalError) -> str:
    original = getattr(error, "orig", None)
    parts = [type(original or error).__name__]
    for code in ("sqlite_errorname", "sqlstate"):  # sqlite3's SQLITE_BUSY, psycopg's 55P03
        if getattr(original, code, None):
            parts.append(str(getattr(original, code)))
    return " ".join(parts)


def _typed() -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, values in request.form.lists()
        if not any(secret in name for secret in NOT_KEPT)
        for value in values
    ]


def init_app(app):
    for code in ERROR_PAGES - {500}:
        app.register_error_handler(code, _handle)
    app.register_error_handler(CSRFError, _handle_csrf)
    app.register_error_handler(500, _handle_server_error)
    app.register_error_handler(OperationalError, _handle_database_busy)
