"""What signing in keeps on the server: the sessions, and the failed attempts that slow guessing.
Neither holds an email address or a session's cookie value, only hashes of them."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from conference.extensions import db
from conference.models.types import UTCDateTime, utc_now


class UserSession(db.Model):
    """A browser's session. The cookie carries only a random key; its SHA-256 is stored here, so
    a copy of the table cannot be replayed as cookies. Deleting the row ends the session."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None until someone signs in (the sign-in page's CSRF token needs a session too).
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    data: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)


class SignInFailure(db.Model):
    """One failed attempt (a password or a second-factor code), counted against a key: a hash
    of the account and the address it came from, or of the address alone."""

    __tablename__ = "sign_in_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
