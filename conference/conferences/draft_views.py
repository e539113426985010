"""Autosaved drafts of forms, for static/src/autosave.mjs: JSON in and out.

The script sends the CSRF token in the X-CSRFToken header (from the page's csrf-token meta tag);
Flask-WTF refuses a POST without it (400).
"""

import json
from datetime import timedelta
from functools import wraps

from flask import current_app, jsonify, request
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from conference.common.access import signed_in
from conference.conferences import bp
from conference.extensions import db
from conference.services import drafts


def _json_errors(view):
    """Refusals as JSON {"error": …}, which the script can read, instead of an HTML page."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except drafts.TooManyDrafts as error:
            return _error(str(error), 413)
        except drafts.InvalidDraft as error:
            return _error(str(error), 400)
        except HTTPException as error:
            return _error(error.name, error.code or 500)

    return wrapped


def _error(message: str, status: int):
    return jsonify(error=message), status


def _limits() -> drafts.Limits:
    config = current_app.config
    return drafts.Limits(timedelta(days=config["DRAFTS_KEPT_DAYS"]), config["DRAFTS_PER_USER"])


@bp.route("/drafts", methods=["POST"])
@signed_in
@_json_errors
def save_draft():
    """Save the user's draft of a form. The body is JSON: {"key", "data", "base_version",
    "path"}; the path of the page is not kept. Answers 204 No Content.

    :raise 400: the body, key, data or base version is not valid (the JSON error says which),
        or the CSRF token is missing.
    :raise 413: the body is larger than 200 KB, or the user keeps too many drafts already.
    :raise 404: the key names a conference or case the user may not see; nothing is stored.
    """
    if (request.content_length or 0) > drafts.MAX_DRAFT_BYTES:
        return _error(drafts.TOO_LARGE, 413)
    body = request.get_data(cache=False)
    if len(body) > drafts.MAX_DRAFT_BYTES:
        return _error(drafts.TOO_LARGE, 413)
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested too deep to read
        payload = None
    key, data, base_version = drafts.parse_draft(payload)
    drafts.save_draft(current_user, key, data, base_version, _limits())
    db.session.commit()
    return "", 204


@bp.route("/drafts/<key>")
@signed_in
@_json_errors
def get_draft(key: str):
    """The user's own draft of the form `key`: {"data", "saved_at", "base_version"}; 204 No
    Content when they have none (or it is about a case they may no longer see). Not 404: the
    browser reports every 404 in its console as an error, and most forms have no draft.

    :raise 400: the key is not valid.
    """
    draft = drafts.visible_draft(current_user, drafts.check_key(key), _limits().kept)
    if draft is None:
        return "", 204
    return jsonify(
        data=draft.data, saved_at=draft.saved_at.isoformat(), base_version=draft.base_version
    )


@bp.route("/drafts/<key>/discard", methods=["POST"])
@signed_in
@_json_errors
def discard_draft(key: str):
    """Delete the user's draft of the form `key`, if there is one. Answers 204 No Content.

    :raise 400: the key is not valid, or the CSRF token is missing.
    """
    drafts.clear_draft(current_user, drafts.check_key(key))
    db.session.commit()
    return "", 204
