"""What managers write about the performance picture: a commentary kept with the month, the
figure and the part of the service it is about."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Versioned
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User


class Commentary(Versioned, db.Model):
    """`scope` names the part of the service: "all", "team:<id>" or "pod:<id>" (a string, so
    that the unique constraint holds where a NULL team would not)."""

    __tablename__ = "dashboard_commentary"
    __table_args__ = (UniqueConstraint("month", "scope", "figure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    scope: Mapped[str] = mapped_column(String(40), default="all")
    figure: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    written_by: Mapped[User | None] = relationship()
