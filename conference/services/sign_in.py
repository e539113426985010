"""Signing in and out: passwords, the second factor, the throttle on guessing, changing and
resetting passwords. Every outcome is audited."""

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

import pyotp
from flask import abort, current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from conference.common import sessions
from conference.extensions import db
from conference.models import Role, SignInFailure, User
from conference.services import audit

# Checked when no account matches, so a wrong email takes as long as a wrong password.
_UNUSED_HASH = generate_password_hash("not a password anyone has", method="scrypt")
# Failures older than this no longer count.
WINDOW = timedelta(minutes=1)
# Wrong codes are also counted for the account alone, over a longer time: only someone who has
# the password reaches the code, so this cannot be used to keep a user out who still has it to
# themselves, and it stops guessing the code from many addresses at once.
CODE_WINDOW = timedelta(minutes=15)
# Someone who gave the right password has this long to give the code.
SECOND_STEP_TIME = timedelta(minutes=5)
# Session keys: {"user_id", "at", "next"} between the two steps; the secret being set up.
PASSED_PASSWORD = "signing_in"  # noqa: S105  (a session key, not a password)
NEW_SECRET = "new_second_factor"  # noqa: S105


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_key(email: str) -> str:
    """A stand-in for an email address in the throttling store: no personal data kept there."""
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


# The throttle. Failures are counted for an account from one address, and for an address
# whatever the account: an attacker slows only their own guesses. Never for an account alone,
# which would let anyone who knows an email address keep its owner out.


def _throttle_keys(email: str, address: str) -> dict[str, int]:
    """Each key counted for an attempt, with the failures it may have in a minute."""
    config = current_app.config
    pair = hashlib.sha256(f"{email_key(email)} {address}".encode()).hexdigest()
    alone = hashlib.sha256(f"address {address}".encode()).hexdigest()
    return {
        pair: config["SIGN_IN_ATTEMPTS_PER_MINUTE"],
        alone: config["SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"],
    }


def throttled(email: str, address: str) -> bool:
    """Whether this account from this address, or this address, failed too often in the last
    minute: the attempt is refused unchecked."""
    since = datetime.now(UTC) - WINDOW
    for key, limit in _throttle_keys(email, address).items():
        recent = SignInFailure.key == key, SignInFailure.failed_at > since
        if (db.session.scalar(select(func.count()).where(*recent)) or 0) >= limit:
            return True
    return False


def _codes_key(user: User) -> str:
    return hashlib.sha256(f"codes {email_key(user.email)}".encode()).hexdigest()


def codes_throttled(user: User) -> bool:
    """Whether wrong codes were given for this account too often in the last CODE_WINDOW, from
    whatever addresses: its password is known to whoever gives them."""
    since = datetime.now(UTC) - CODE_WINDOW
    recent = SignInFailure.key == _codes_key(user), SignInFailure.failed_at > since
    limit = current_app.config["SECOND_FACTOR_FAILURES_PER_ACCOUNT"]
    return (db.session.scalar(select(func.count()).where(*recent)) or 0) >= limit


def _count_failure(email: str, address: str, *more_keys: str) -> None:
    now = datetime.now(UTC)
    db.session.execute(delete(SignInFailure).where(SignInFailure.failed_at <= now - CODE_WINDOW))
    for key in [*_throttle_keys(email, address), *more_keys]:
        db.session.add(SignInFailure(key=key, failed_at=now))
    db.session.flush()


# Step one: the password.


def check_password(email: str, password: str, address: str) -> User | None:
    """The active user with this email and password, or None: counted towards the throttle and
    audited. The caller shows the same message whatever the reason for failing, and checks
    `throttled` first."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        check_password_hash(_UNUSED_HASH, password)
    elif user.check_password(password) and user.active:
        return user
    audit.record(user, "sign-in failed", user)
    _count_failure(email, address)
    return None


def second_factor_required(user: User) -> bool:
    return bool(current_app.config["REQUIRE_SECOND_FACTOR"])


def await_second_factor(user: User, next_page: str | None) -> None:
    """The password was right: remember who, for the code page, without signing them in."""
    session.clear()
    sessions.renew()
    session[PASSED_PASSWORD] = {
        "user_id": user.id,
        "at": datetime.now(UTC).timestamp(),
        "next": next_page,
    }


def awaiting_second_factor() -> User | None:
    """The active user who gave their password in the last few minutes, if any."""
    passed = session.get(PASSED_PASSWORD)
    if not passed:
        return None
    age = datetime.now(UTC).timestamp() - passed["at"]
    user = db.session.get(User, passed["user_id"])
    if age > SECOND_STEP_TIME.total_seconds() or user is None or not user.active:
        return None
    return user


def page_after_sign_in() -> str | None:
    return (session.get(PASSED_PASSWORD) or {}).get("next")


# Step two: the code from the authenticator app.


def new_second_factor_secret() -> str:
    """The secret offered on the set-up page: the same one until the user confirms it."""
    if NEW_SECRET not in session:
        session[NEW_SECRET] = pyotp.random_base32()
    return session[NEW_SECRET]


def second_factor_uri(user: User, secret: str) -> str:
    """What the QR code holds: the authenticator app shows the service's name and the email."""
    issuer = current_app.config["SECOND_FACTOR_ISSUER"]
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def _matching_step(secret: str, code: str) -> int | None:
    """The time step whose code this is: now, or the step either side (a phone's clock drifts
    and a code takes time to type)."""
    totp = pyotp.TOTP(secret)
    now = totp.timecode(datetime.now(UTC))
    for step in (now - 1, now, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), code.strip()):
            return step
    return None


def check_code(user: User, code: str, address: str, secret: str | None = None) -> bool:
    """Whether `code` is the current code for the user's secret (or for a `secret` being set
    up), and not one already used. A wrong code counts towards the throttle and is audited."""
    secret = secret or user.second_factor_secret or ""
    step = _matching_step(secret, code) if secret else None
    if step is None or step <= (user.second_factor_last_step or -1):
        audit.record(user, "second factor failed", user)
        _count_failure(user.email, address, _codes_key(user))
        return False
    user.second_factor_last_step = step
    return True


def code_was_used(user: User, code: str) -> bool:
    """Whether `code` was right but its time step already used (a second sign-in within the
    same 30 seconds, or a code given twice)."""
    secret = user.second_factor_secret or ""
    step = _matching_step(secret, code) if secret else None
    return step is not None and step <= (user.second_factor_last_step or -1)


def set_up_second_factor(user: User, secret: str) -> None:
    """Keep the secret the user has just proved their app holds (check_code first)."""
    user.second_factor_secret = secret
    session.pop(NEW_SECRET, None)
    audit.record(user, "second factor set up", user)


# The session.


def start_session(user: User, how: str = "password") -> None:
    """Begin a new session for a user who has proved who they are (by password, or through the
    council's identity provider): nothing carried over from before, under a new key; audited."""
    session.clear()
    sessions.renew()
    login_user(user)
    session.permanent = True
    sessions.touch()
    user.last_signed_in_at = datetime.now(UTC)
    audit.record(user, "sign-in", user, {"method": how} if how != "password" else None)


def sign_out(user: User) -> None:
    """End the session: its row is deleted, so a copy of the cookie opens nothing."""
    audit.record(user, "sign-out", user)
    logout_user()
    session.clear()
    sessions.renew()


# Passwords.


def change_password(actor: User, current: str, new: str, address: str) -> bool:
    """Change the user's own password, if `current` is right (a wrong one is counted and
    audited). Every other session of theirs ends; this one goes on."""
    if not actor.check_password(current):
        audit.record(actor, "password change failed", actor)
        _count_failure(actor.email, address)
        return False
    actor.set_password(new)
    actor.must_change_password = False
    sessions.end_sessions_of(actor.id, keep_current=True)
    audit.record(actor, "password changed", actor)
    db.session.flush()
    return True


# Temporary passwords are read out over the phone: lower case, no letter or digit that looks or
# sounds like another (no l, 1, i, o, 0), in groups of four. 16 of 30 characters: 78 bits.
READABLE = "abcdefghjkmnpqrstuvwxyz2345678"


def _temporary_password() -> str:
    groups = ("".join(secrets.choice(READABLE) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def reset_password(actor: User, user: User, forget_second_factor: bool = False) -> str:
    """An administrator gives `user` a temporary password, returned to be shown once: the user
    must choose their own when they next sign in. Every session of theirs ends. With
    `forget_second_factor` (a lost phone) they set up an authenticator app again too.

    :raise 403: `actor` is not an administrator.
    """
    if actor.role != Role.ADMIN:
        abort(403)
    temporary = _temporary_password()
    user.set_password(temporary)
    user.must_change_password = True
    if forget_second_factor:
        user.second_factor_secret = None
    sessions.end_sessions_of(user.id)
    changes = {"second_factor": ["set up", None]} if forget_second_factor else None
    audit.record(actor, "password reset", user, changes)
    db.session.flush()
    return temporary
