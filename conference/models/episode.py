"""Each child's episodes of need: the referral, the section 47 enquiries, the assessment, the
child in need plan and the closure belong to one child, not to the family case. A child can have
several episodes over time, and several enquiries in one; a second never overwrites the first.
The Children in Need census is written one episode at a time."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Child, Versioned
from conference.models.types import UTCDateTime, utc_now


class EnquiryOutcome(StrEnum):
    """How a section 47 enquiry ended. None while it is still going on."""

    CONFERENCE = "conference"
    CHILD_IN_NEED = "child_in_need"
    NO_FURTHER_ACTION = "nfa"

    @property
    def label(self) -> str:
        return ENQUIRY_OUTCOME_LABELS[self]


ENQUIRY_OUTCOME_LABELS = {
    EnquiryOutcome.CONFERENCE: "Initial child protection conference",
    EnquiryOutcome.CHILD_IN_NEED: "No conference: continue as a child in need",
    EnquiryOutcome.NO_FURTHER_ACTION: "No conference: no further action",
}


class ChildEpisode(Versioned, db.Model):
    __tablename__ = "child_episode"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    referral_date: Mapped[date] = mapped_column(Date)
    referral_source: Mapped[str | None] = mapped_column(String(3))
    primary_need_code: Mapped[str | None] = mapped_column(String(2))
    referral_nfa: Mapped[bool] = mapped_column(Boolean, default=False)
    assessment_started_on: Mapped[date | None] = mapped_column(Date)
    assessment_authorised_on: Mapped[date | None] = mapped_column(Date)
    cin_plan_started_on: Mapped[date | None] = mapped_column(Date)
    cin_plan_ended_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closure_reason: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    child: Mapped[Child] = relationship(back_populates="episodes")
    enquiries: Mapped[list["Section47Enquiry"]] = relationship(
        back_populates="episode",
        order_by="(Section47Enquiry.started_on, Section47Enquiry.id)",
        cascade="all, delete-orphan",
    )

    @property
    def open(self) -> bool:
        return self.closed_on is None

    @property
    def case_id(self) -> int | None:
        """The family's case, so that the audit trail lists the episode with the case."""
        return self.child.case_id if self.child is not None else None


class Section47Enquiry(Versioned, db.Model):
    """One enquiry under section 47: its strategy discussion, when it started and ended, and
    what it concluded. `conference_id` is the initial conference it led to."""

    __tablename__ = "section_47_enquiry"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("child_episode.id"), index=True)
    strategy_discussion_on: Mapped[date | None] = mapped_column(Date)
    started_on: Mapped[date] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(20))
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("conference.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    episode: Mapped[ChildEpisode] = relationship(back_populates="enquiries")

    @property
    def case_id(self) -> int | None:
        return self.episode.case_id if self.episode is not None else None

    @property
    def icpc_not_required(self) -> bool:
        return self.outcome in (EnquiryOutcome.CHILD_IN_NEED, EnquiryOutcome.NO_FURTHER_ACTION)
