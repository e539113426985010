"""Error pages in the service's own look."""

import logging
import traceback
from contextlib import suppress

from flask import g, render_template, request
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError

from conference.extensions import db

logger = logging.getLogger(__name__)

ERROR_PAGES = {400, 403, 404, 405, 413, 429, 500}
# The last resort, when not even the page without the user can be shown.
PLAIN_HEADINGS = {
    409: "Someone else saved this at the same moment",
    500: "Sorry, there is a problem with the service",
    503: "Sorry, the service is busy",
}
PLAIN_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{heading}</title>'
    "</head><body><main><h1>{heading}</h1><p>Nothing was changed. Try again later.</p>"
    "<p>If you were filling in a form, go back: what you typed may still be there.</p>"
    '<p><a href="/">Go to the home page</a></p></main></body></html>'
)
# Never shown again or sent back by the busy page: secrets, and the token it makes afresh.
NOT_KEPT = ("password", "csrf_token")


def _render(code: int, **context):
    return render_template(f"error/{code}.html", **context), code


def _handle(error):
    return _render(error.code if error.code in ERROR_PAGES else 400)


def _handle_csrf(error):
    return _render(400, csrf_expired=True)


def _handle_server_error(error):
    # The exception was logged by log_exception below; nothing a user typed is logged here.
    original = getattr(error, "original_exception", None)
    if isinstance(original, OperationalError):  # before the view began: opening the session
        return _handle_database_busy(original)
    return _shown_whatever_happened(500)


def _shown_whatever_happened(code: int, **context):
    """The error page, whatever state the database is in. A failed flush leaves the session
    unusable until rolled back, and the page's header asks who is signed in: so it is rolled
    back first; with the database unreachable the page is shown without the user, and should
    even that fail, as plain words. Never the server's bare error page."""
    _roll_back()
    try:
        return _render(code, **context)
    except Exception as failure:  # who is signed in could not be read: shown without them
        logger.error("The %s page was shown without the user: %s", code, type(failure).__name__)
        _roll_back()
    # Flask-Login's own note of the request's user, so that the page does not ask again.
    g._login_user = AnonymousUserMixin()
    try:
        return _render(code, **context)
    except Exception as failure:  # the page that says something failed must not fail too
        logger.error("The %s page was shown as plain words: %s", code, type(failure).__name__)
        heading = PLAIN_HEADINGS.get(code, PLAIN_HEADINGS[500])
        page = PLAIN_PAGE.format(heading=heading)
        return page, code, {"Content-Type": "text/html; charset=utf-8"}


def _roll_back() -> None:
    # An unreachable database has nothing of this request to undo.
    with suppress(SQLAlchemyError):
        db.session.rollback()


def _handle_saved_meanwhile(error):
    """Someone else saved the same record between this request reading it and writing it (the
    version check in the UPDATE found no row): a conflict, not a fault. Most pages catch it and
    show the conflict beside the form; anywhere else, nothing was saved and what was typed is
    kept on this page, and sending it again shows that page's own conflict."""
    logger.warning("Saved meanwhile by someone else on %s %s", request.method, request.endpoint)
    typed = _typed() if request.method == "POST" else []
    return _shown_whatever_happened(409, typed=typed, files_lost=bool(request.files))


def log_exception(exc_info) -> None:
    """Log an unhandled exception: where it happened, what kinds of error it was, and the lines
    of code it passed through. Flask's own logging writes the exception's text, which may quote
    what a user typed: a database error quotes its SQL parameters, PostgreSQL the whole failing
    row, and Python the value it could not convert. So the text is never logged."""
    _type, error, trace = exc_info
    logger.error(
        "Exception on %s %s: %s\n%s",
        request.method,
        request.endpoint,
        _kinds(error),
        "".join(traceback.format_tb(trace)).rstrip(),
    )


def _kinds(error: BaseException) -> str:
    """The error and the errors it was raised from, by kind: "IntegrityError from
    NotNullViolation 23502"."""
    kinds, seen = [], set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        sqlstate = getattr(error, "sqlstate", None)  # psycopg's code, like 23502
        kinds.append(f"{type(error).__name__} {sqlstate}" if sqlstate else type(error).__name__)
        error = error.__cause__ or error.__context__
    return " from ".join(kinds)


def _handle_database_busy(error):
    """A locked, overloaded or unreachable database: 503 "The service is busy".

    Nothing was saved (the transaction is rolled back). A form's answers cannot be put back into
    the form's own page from here, as only the view knows its form and template, so the busy
    page keeps them instead: it lists what was typed and sends it again, unchanged (with its
    version, so a change made meanwhile is still caught as a conflict), when the user selects
    "Try again". Passwords are never sent back, and files must be chosen again.
    """
    _roll_back()
    # The error's own text quotes the SQL and its parameters: log only what kind of error it was.
    logger.error(
        "Database busy or unavailable on %s %s: %s", request.method, request.endpoint, _kind(error)
    )
    typed = _typed() if request.method == "POST" else []
    return _shown_whatever_happened(503, typed=typed, files_lost=bool(request.files))


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
    app.register_error_handler(StaleDataError, _handle_saved_meanwhile)
    app.log_exception = log_exception
