"""Error pages in the service's own look."""

import logging

from flask import render_template
from flask_wtf.csrf import CSRFError

logger = logging.getLogger(__name__)

ERROR_PAGES = {400, 403, 404, 405, 429, 500}


def _render(code: int, **context):
    return render_template(f"error/{code}.html", **context), code


def _handle(error):
    return _render(error.code if error.code in ERROR_PAGES else 400)


def _handle_csrf(error):
    return _render(400, csrf_expired=True)


def _handle_server_error(error):
    # The exception is logged by Flask with its traceback; nothing a user typed is logged here.
    return _render(500)


def init_app(app):
    for code in ERROR_PAGES - {500}:
        app.register_error_handler(code, _handle)
    app.register_error_handler(CSRFError, _handle_csrf)
    app.register_error_handler(500, _handle_server_error)
