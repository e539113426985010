"""Core group meetings between conferences: who came, visits, progress against each safety goal,
what happened to each action, views, and optional scaling."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Case, Versioned
from conference.models.plan import Plan, PlanAction, SafetyGoal
from conference.models.types import UTCDateTime, utc_now


class CoreGroupMeeting(Versioned, db.Model):
    __tablename__ = "core_group_meeting"
    # For the dashboard: a plan's first core group, and each meeting's previous one.
    __table_args__ = (Index("ix_core_group_meeting_plan_held_on", "plan_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("protection_plan.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    chaired_by: Mapped[str] = mapped_column(String(200), default="")
    child_views: Mapped[str] = mapped_column(Text, default="")
    parents_views: Mapped[str] = mapped_column(Text, default="")
    next_meeting_on: Mapped[date | None] = mapped_column(Date)
    notes_sent_to: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    case: Mapped[Case] = relationship()
    plan: Mapped[Plan] = relationship()
    attendance: Mapped[list["CoreGroupAttendance"]] = relationship(
        back_populates="meeting", order_by="CoreGroupAttendance.id", cascade="all, delete-orphan"
    )
    visits: Mapped[list["Visit"]] = relationship(
        back_populates="meeting", order_by="Visit.visited_on", cascade="all, delete-orphan"
    )
    progress: Mapped[list["GoalProgress"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    action_updates: Mapped[list["ActionUpdate"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    scores: Mapped[list["CoreGroupScore"]] = relationship(
        back_populates="meeting", order_by="CoreGroupScore.id", cascade="all, delete-orphan"
    )
    # Who saved which part, and each agency's own update: they go with the meeting.
    sections: Mapped[list["CoreGroupSection"]] = relationship(cascade="all, delete-orphan")
    agency_updates: Mapped[list["AgencyUpdate"]] = relationship(cascade="all, delete-orphan")


class CoreGroupAttendance(db.Model):
    __tablename__ = "core_group_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_group_meeting.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    agency: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    is_parent: Mapped[bool] = mapped_column(default=False)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))
    # "attended", "apologies" (with the reason) or "did_not_attend" (invited, did not come).
    attendance: Mapped[str] = mapped_column(String(20), default="attended")
    apologies_reason: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[CoreGroupMeeting] = relationship(back_populates="attendance")

    @property
    def attended(self) -> bool:
        return self.attendance == "attended"


class Visit(db.Model):
    """A visit since the last meeting: who, where, whether the child was seen, and seen alone."""

    __tablename__ = "core_group_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_group_meeting.id"), index=True)
    visited_on: Mapped[date] = mapped_column(Date)
    visitor: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200), default="")
    child_ids: Mapped[list] = mapped_column(JSON, default=list)
    child_seen: Mapped[bool] = mapped_column(default=False)
    seen_alone: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[CoreGroupMeeting] = relationship(back_populates="visits")


class GoalProgress(db.Model):
    """Where things are against one safety goal's measure at this meeting."""

    __tablename__ = "goal_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_group_meeting.id"), index=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("safety_goal.id"), index=True)
    # False: "not discussed this time" (no rating then).
    discussed: Mapped[bool] = mapped_column(default=True)
    where_now: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[str | None] = mapped_column(String(20))
    evidence: Mapped[str] = mapped_column(Text, default="")
    said_by: Mapped[str] = mapped_column(String(200), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    meeting: Mapped[CoreGroupMeeting] = relationship(back_populates="progress")
    goal: Mapped[SafetyGoal] = relationship()


class ActionUpdate(db.Model):
    """What happened to one action since the last meeting."""

    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_group_meeting.id"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_action.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    meeting: Mapped[CoreGroupMeeting] = relationship(back_populates="action_updates")
    action: Mapped[PlanAction] = relationship()


class CoreGroupScore(db.Model):
    """A scaling score given at a core group, under the same rules as at the conference."""

    __tablename__ = "core_group_score"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_group_meeting.id"), index=True)
    # A child's own score (or a parent's) is data in the trend, by person and role.
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))
    person_name: Mapped[str] = mapped_column(String(200))
    role_label: Mapped[str] = mapped_column(String(200), default="")
    is_parent: Mapped[bool] = mapped_column(default=False)
    value: Mapped[int]
    reason: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text)
    zero_means: Mapped[str] = mapped_column(Text, default="")
    ten_means: Mapped[str] = mapped_column(Text, default="")
    polarity: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    meeting: Mapped[CoreGroupMeeting] = relationship(back_populates="scores")


class CoreGroupSection(db.Model):
    """Who last saved one part of a meeting's record ("attendance", "goals", "actions",
    "agency:<name>", "views", "scores", "next"), so that several people can record their parts
    and the contents list shows each part's state."""

    __tablename__ = "core_group_section"
    __table_args__ = (UniqueConstraint("meeting_id", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_group_meeting.id"), index=True)
    section: Mapped[str] = mapped_column(String(240))
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class AgencyUpdate(Versioned, db.Model):
    """One agency's own update to a core group meeting, written by its member (the school nurse
    records health's): what they have done and seen since the last meeting."""

    __tablename__ = "core_group_agency_update"
    __table_args__ = (UniqueConstraint("meeting_id", "agency"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_group_meeting.id"), index=True)
    agency: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
