"""Signing in and out."""

import hashlib
from datetime import UTC, datetime

from flask import session
from flask_login import login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from conference.extensions import db
from conference.models import User
from conference.services import audit

# Checked when no account matches, so a wrong email takes as long as a wrong password.
_UNUSED_HASH = generate_password_hash("not a password anyone has", method="scrypt")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_key(email: str) -> str:
    """A stand-in for an email address in the throttling store: no personal data kept there."""
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


def sign_in(email: str, password: str) -> User | None:
    """Sign in the active user with this email and password, or return None. Both outcomes are
    audited; the caller shows the same message whatever the reason for failing."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        check_password_hash(_UNUSED_HASH, password)
        audit.record(None, "sign-in failed")
        return None
    if not user.check_password(password) or not user.active:
        audit.record(user, "sign-in failed", user)
        return None
    start_session(user)
    return user


def start_session(user: User, how: str = "password") -> None:
    """Begin a new session for a user who has proved who they are (by password, or through the
    council's identity provider): nothing carried over from before; audited."""
    session.clear()
    login_user(user)
    session.permanent = True
    session["last_seen"] = datetime.now(UTC).timestamp()
    user.last_signed_in_at = datetime.now(UTC)
    audit.record(user, "sign-in", user, {"method": how} if how != "password" else None)


def sign_out(user: User) -> None:
    audit.record(user, "sign-out", user)
    logout_user()
    session.clear()
