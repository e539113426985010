"""Statutory visits: the lead social worker (or someone else, by role) sees the children on a
plan at the frequency the plan sets. One visit can see several children; each child's part says
whether they were seen, seen alone, and what they said in their own words."""

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Index, String, Text, Time, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from conference.domain import visits as rules
from conference.extensions import db
from conference.models.case import Case, Child, Versioned
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User


class StatutoryVisit(Versioned, db.Model):
    __tablename__ = "statutory_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    visited_at: Mapped[time | None] = mapped_column(Time)
    # The visitor: a user (the lead social worker by default) or a name and role typed in.
    visitor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    visitor_name: Mapped[str] = mapped_column(String(200), default="")
    visitor_role: Mapped[str] = mapped_column(String(200), default="")
    # Whether the visitor was the case's allocated social worker when the visit was recorded:
    # Annex A's "last statutory visit" is theirs, not another agency's.
    by_lead_social_worker: Mapped[bool] = mapped_column(default=False)
    place: Mapped[str] = mapped_column(String(200), default="")
    announced: Mapped[bool | None] = mapped_column()
    observations: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    case: Mapped[Case] = relationship()
    visitor: Mapped[User | None] = relationship(foreign_keys=[visitor_id])
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
    children: Mapped[list["VisitChild"]] = relationship(
        back_populates="visit", order_by="VisitChild.id", cascade="all, delete-orphan"
    )

    @property
    def visitor_label(self) -> str:
        name = self.visitor.name if self.visitor else self.visitor_name
        return f"{name} ({self.visitor_role})" if self.visitor_role else name


class VisitChild(db.Model):
    """One child's part in a visit. `bedroom_seen` is None where it does not matter."""

    __tablename__ = "statutory_visit_child"
    __table_args__ = (
        UniqueConstraint("visit_id", "child_id"),
        # A child's last statutory visit on or before a day: one lookup (the dashboard).
        Index("ix_statutory_visit_child_child_key", "child_id", "statutory_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("statutory_visit.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    seen: Mapped[bool] = mapped_column(default=False)
    not_seen_reason: Mapped[str] = mapped_column(Text, default="")
    seen_alone: Mapped[bool] = mapped_column(default=False)
    not_alone_reason: Mapped[str] = mapped_column(Text, default="")
    bedroom_seen: Mapped[bool | None] = mapped_column()
    own_words: Mapped[str] = mapped_column(Text, default="")
    # Kept from the visit and this part on every flush (domain/visits.py statutory_key).
    statutory_key: Mapped[int | None] = mapped_column()

    visit: Mapped[StatutoryVisit] = relationship(back_populates="children")
    child: Mapped[Child] = relationship()


@event.listens_for(Session, "before_flush")
def _keep_statutory_keys(session, _context, _instances) -> None:
    """Every child's part in a new or changed visit gets its key again, so that it can never
    disagree with the visit (whose date, visitor or children may have changed)."""
    changed = [
        o for o in (*session.new, *session.dirty) if isinstance(o, VisitChild | StatutoryVisit)
    ]
    if not changed:
        return
    with session.no_autoflush:
        parts = {
            id(p): p
            for o in changed
            for p in (o.children if isinstance(o, StatutoryVisit) else [o])
        }
        for part in parts.values():
            visit = part.visit
            if visit is None or visit.visited_on is None:
                continue
            part.statutory_key = rules.statutory_key(
                rules.ChildSeen(
                    visited_on=visit.visited_on,
                    seen=bool(part.seen),
                    seen_alone=bool(part.seen_alone),
                    by_lead_social_worker=bool(visit.by_lead_social_worker),
                )
            )
