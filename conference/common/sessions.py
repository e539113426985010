"""Sessions kept on the server, in the `user_session` table.

The cookie carries only a random key (nothing a user typed, no user id); the table stores the
key's SHA-256 with the session's data. So signing out, changing a password or an administrator
deactivating an account really ends a session: deleting its row leaves a copied cookie opening
nothing. How long since the session was last used is the row's `last_seen_at`, kept by the server,
so the idle timeout does not depend on anything the browser sends back.

The rows are written on a connection of their own, after the view has committed: the session is
saved even when the view rolled its own work back, and saving it never commits the view's work.
"""

import hashlib
import logging
import secrets
from datetime import UTC, datetime, timedelta

from flask import session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import OperationalError
from werkzeug.datastructures import CallbackDict

from conference.extensions import db
from conference.models import UserSession

logger = logging.getLogger(__name__)
SERIALIZER = TaggedJSONSerializer()  # as Flask's own sessions: keeps tuples, bytes and Markup
TABLE = UserSession.__table__


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ServerSession(CallbackDict, SessionMixin):
    """A session's data, with its key (None until first stored) and when it was last used."""

    def __init__(self, initial=None, key: str | None = None, last_seen: datetime | None = None):
        def on_update(self):
            self.modified = True

        super().__init__(initial, on_update)
        self.key = key
        self.last_seen = last_seen
        self.modified = False
        self.renewing = False
        self.touched = False


class DatabaseSessions(SessionInterface):
    def open_session(self, app, request) -> ServerSession:
        if request.path.startswith(f"{app.static_url_path}/"):
            return ServerSession()  # stylesheets and scripts need no session: no query for them
        key = request.cookies.get(self.get_cookie_name(app), "")
        row = _row(key) if key else None
        if row is None:
            return ServerSession()
        return ServerSession(SERIALIZER.loads(row.data), key=key, last_seen=row.last_seen_at)

    def save_session(self, app, session: ServerSession, response) -> None:  # type: ignore[override]
        if not (session.renewing or session.modified or session.touched):
            return
        try:
            self._save(app, session, response)
        except OperationalError as error:
            # A database locked, overloaded or unreachable: the page (often "The service is
            # busy") is still sent. The session keeps its last stored state; a new one is not
            # begun, so no cookie points at a row that was never written.
            logger.warning("Session not saved: the database is busy (%s)", type(error).__name__)

    def _save(self, app, session: ServerSession, response) -> None:
        # The view has committed all it keeps. Whatever its transaction still holds (a failed
        # request's writes, a lock taken by a statement that changed nothing) would be dropped
        # when the request ends: dropped now, so the session's writes, on a connection of their
        # own, never wait on it (SQLite has one writer at a time).
        db.session.rollback()
        if session.renewing and session.key:
            _delete(session.key)
            session.key = None
        if not session:
            self._forget(app, session, response)
            return
        if session.key is None:
            session.key = _insert(session, app.config["IDLE_TIMEOUT"])
        elif not _update(session):
            # Ended meanwhile (signed out elsewhere, password changed): it stays ended.
            self._forget(app, session, response)
            return
        response.set_cookie(
            self.get_cookie_name(app),
            session.key,
            expires=self.get_expiration_time(app, session),
            httponly=self.get_cookie_httponly(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")

    def _forget(self, app, session: ServerSession, response) -> None:
        if session.key:
            _delete(session.key)
        if session.key or session.renewing:
            response.delete_cookie(
                self.get_cookie_name(app),
                domain=self.get_cookie_domain(app),
                path=self.get_cookie_path(app),
                secure=self.get_cookie_secure(app),
                samesite=self.get_cookie_samesite(app),
                httponly=self.get_cookie_httponly(app),
            )
        session.key = None


def renew() -> None:
    """Store the session under a new key and delete the old row: on signing in (so a key known
    before cannot ride on the new sign-in) and on signing out."""
    session.renewing = True  # type: ignore[attr-defined]


def touch() -> None:
    """The user did something: the idle timeout counts from now."""
    session.last_seen = datetime.now(UTC)  # type: ignore[attr-defined]
    session.touched = True  # type: ignore[attr-defined]


def idle_for() -> timedelta | None:
    """How long since the user last did something; None for a session never used."""
    last_seen = getattr(session, "last_seen", None)
    return None if last_seen is None else datetime.now(UTC) - last_seen


def end_sessions_of(user_id: int, keep_current: bool = False) -> None:
    """Delete the user's sessions (all but this browser's with `keep_current`), in the caller's
    transaction: they end when it commits."""
    query = delete(UserSession).where(UserSession.user_id == user_id)
    key = getattr(session, "key", None)
    if keep_current and key:
        query = query.where(UserSession.key_hash != key_hash(key))
    db.session.execute(query)


def _row(key: str):
    with db.engine.connect() as connection:
        query = select(TABLE.c.data, TABLE.c.last_seen_at).where(TABLE.c.key_hash == key_hash(key))
        return connection.execute(query).first()


def _user_id(session: ServerSession) -> int | None:
    user_id = str(session.get("_user_id", ""))  # Flask-Login's
    return int(user_id) if user_id.isdigit() else None


def _insert(session: ServerSession, idle_timeout: timedelta) -> str:
    key = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with db.engine.begin() as connection:
        # Sessions long idle can never be used again: cleared out as new ones begin.
        connection.execute(delete(TABLE).where(TABLE.c.last_seen_at < now - 2 * idle_timeout))
        connection.execute(
            insert(TABLE).values(
                key_hash=key_hash(key),
                user_id=_user_id(session),
                data=SERIALIZER.dumps(dict(session)),
                created_at=now,
                last_seen_at=session.last_seen or now,
            )
        )
    return key


def _update(session: ServerSession) -> bool:
    values = {"user_id": _user_id(session), "data": SERIALIZER.dumps(dict(session))}
    if session.touched:
        values["last_seen_at"] = session.last_seen
    elif values["user_id"] is None:
        values["last_seen_at"] = datetime.now(UTC)
    query = update(TABLE).where(TABLE.c.key_hash == key_hash(session.key or "")).values(values)
    with db.engine.begin() as connection:
        return connection.execute(query).rowcount == 1


def _delete(key: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(delete(TABLE).where(TABLE.c.key_hash == key_hash(key)))


def init_app(app) -> None:
    app.session_interface = DatabaseSessions()
