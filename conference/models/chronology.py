"""The chronology's hand-entered events, and who changed each (events built from the record are
read from the record itself: conference/services/chronology.py)."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Case, Versioned
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import Team, User


class ChronologyEvent(Versioned, db.Model):
    """A significant event entered by hand. `child_ids` empty means the whole family.
    `not_for_family` keeps it off anything a family member is given."""

    __tablename__ = "chronology_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    what_happened: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200), default="")
    impact_on_child: Mapped[str] = mapped_column(Text, default="")
    child_ids: Mapped[list] = mapped_column(JSON, default=list)
    not_for_family: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    case: Mapped[Case] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    amendments: Mapped[list["ChronologyAmendment"]] = relationship(
        back_populates="event", order_by="ChronologyAmendment.made_at", cascade="all, delete-orphan"
    )


class ChronologyAmendment(db.Model):
    """A correction to a hand-entered event: what it said before, why it changed, who and when.
    Corrections are never silent: the chronology shows the event was amended."""

    __tablename__ = "chronology_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("chronology_event.id"), index=True)
    before: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    event: Mapped[ChronologyEvent] = relationship(back_populates="amendments")
    made_by: Mapped[User | None] = relationship()


class Allocation(db.Model):
    """Who the case was allocated to, and from when: written whenever the social worker or the
    team changes, so that the chronology can show the changes."""

    __tablename__ = "case_allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    social_worker_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    allocated_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    social_worker: Mapped[User | None] = relationship()
    team: Mapped[Team] = relationship()
