"""Single sign-on: matching the person the council's identity provider vouches for to an account
here. The provider proves who someone is; only an administrator gives them an account and a role.

A user is matched by the provider's subject (`sub`, stored at their first single sign-on), or,
before that, by an email address the provider has verified. Every refusal is audited, without
the person's email address: someone without an account is not recorded by name.
"""

from typing import NoReturn

from sqlalchemy import select

from conference.extensions import db
from conference.models import User
from conference.services import audit, sign_in
from conference.services.sign_in import normalise_email

METHOD = "single sign-on"

# Why a sign-in was refused, as the audit trail records it.
NO_ACCOUNT = "no account"
EMAIL_NOT_VERIFIED = "email not verified"
ACCOUNT_INACTIVE = "account inactive"
DIFFERENT_SUBJECT = "different subject"
NOT_COMPLETED = "not completed"


class Refused(Exception):
    """The provider vouched for someone who may not sign in here; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def sign_in_with(subject: str, email: str | None, email_verified: object) -> User:
    """Start a session for the active user the provider vouched for and return them.

    :raise Refused: no such account, an unverified email, an inactive account, or an account
        already linked to another subject at the provider.
    """
    user = db.session.scalar(select(User).where(User.single_sign_on_subject == subject))
    if user is None:
        user = _first_sign_in(subject, email, email_verified)
    if not user.active:
        _refuse(ACCOUNT_INACTIVE, user)
    sign_in.start_session(user, METHOD)
    return user


def _first_sign_in(subject: str, email: str | None, email_verified: object) -> User:
    """Match by verified email, then remember the subject so later sign-ins match on it."""
    # Only a JSON true counts: providers that leave it out, or send "true", are not trusted.
    if email_verified is not True or not email:
        _refuse(EMAIL_NOT_VERIFIED)
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        _refuse(NO_ACCOUNT)
    if user.single_sign_on_subject is not None:
        # The address now belongs to someone else at the provider (or was reassigned).
        _refuse(DIFFERENT_SUBJECT, user)
    if user.active:
        user.single_sign_on_subject = subject
        audit.record(user, "link single sign-on", user, {"single_sign_on_subject": [None, subject]})
    return user


def failed(reason: str = NOT_COMPLETED) -> None:
    """Audit a single sign-on that did not complete (a wrong or replayed state, an error from
    the provider, a token that failed its checks)."""
    audit.record(None, "sign-in failed", None, {"method": METHOD, "reason": reason})


def _refuse(reason: str, user: User | None = None) -> NoReturn:
    audit.record(user, "sign-in failed", user, {"method": METHOD, "reason": reason})
    raise Refused(reason)
