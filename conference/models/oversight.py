"""Management oversight (supervision) recorded on the case: what was reflected on, what was
decided, and the actions that follow, each with an owner and a date."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Case, Versioned
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User


class Oversight(Versioned, db.Model):
    __tablename__ = "management_oversight"
    # A case's last oversight on or before a day: one lookup (the dashboard).
    __table_args__ = (Index("ix_management_oversight_case_held_on", "case_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reflection: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    case: Mapped[Case] = relationship()
    manager: Mapped[User | None] = relationship()
    actions: Mapped[list["OversightAction"]] = relationship(
        back_populates="oversight", order_by="OversightAction.id", cascade="all, delete-orphan"
    )


class OversightAction(Versioned, db.Model):
    __tablename__ = "oversight_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    oversight_id: Mapped[int] = mapped_column(ForeignKey("management_oversight.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)

    oversight: Mapped[Oversight] = relationship(back_populates="actions")
    owner: Mapped[User | None] = relationship()
