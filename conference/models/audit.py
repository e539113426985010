"""The audit trail: who did what to which record, when, and from where."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User


class AuditEvent(db.Model):
    """One row per view, change, print, export or sign-in. Personal free text may appear in
    `changes`: that is why it lives here and never in the application log."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    record_type: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[str] = mapped_column(String(40), default="")
    case_id: Mapped[int | None] = mapped_column(index=True)  # no foreign key: outlives the case
    ip_address: Mapped[str] = mapped_column(String(45), default="")
    changes: Mapped[dict | None] = mapped_column(JSON)

    user: Mapped[User | None] = relationship()
