"""The child protection plan: outcome-focused safety goals, the actions under them, and the
contingency. Each conference that decides on a plan produces a new version of it; earlier
versions stay readable and comparable."""

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Case, Versioned
from conference.models.conference import Conference
from conference.models.stored_file import StoredFile
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User


class Plan(Versioned, db.Model):
    __tablename__ = "protection_plan"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    number: Mapped[int] = mapped_column(default=1)
    previous_plan_id: Mapped[int | None] = mapped_column(ForeignKey("protection_plan.id"))
    contingency_plan: Mapped[str] = mapped_column(Text, default="")
    child_seen: Mapped[str] = mapped_column(Text, default="")
    identity_statement: Mapped[str] = mapped_column(Text, default="")
    child_views_statement: Mapped[str] = mapped_column(Text, default="")
    accepted_findings: Mapped[list] = mapped_column(JSON, default=list)
    accepted_findings_reason: Mapped[str] = mapped_column(Text, default="")
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(40))
    # How often the lead social worker visits each child on the plan, in working days; None
    # means the council's setting (STATUTORY_VISIT_WORKING_DAYS).
    visit_interval_working_days: Mapped[int | None] = mapped_column()
    # The plan checker's answers when the plan was last saved, kept so that the dashboard can
    # count them in SQL (None: not checked yet).
    worries_all_answered: Mapped[bool | None] = mapped_column()
    identity_considered: Mapped[bool | None] = mapped_column()
    child_views_recorded: Mapped[bool | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    case: Mapped[Case] = relationship()
    conference: Mapped[Conference] = relationship()
    previous_plan: Mapped["Plan | None"] = relationship(remote_side=[id])
    finalised_by: Mapped[User | None] = relationship()
    goals: Mapped[list["SafetyGoal"]] = relationship(
        back_populates="plan", order_by="SafetyGoal.position", cascade="all, delete-orphan"
    )

    @property
    def finalised(self) -> bool:
        return self.finalised_at is not None


class SafetyGoal(Versioned, db.Model):
    """An outcome: what will be different for the child, and how everyone will know."""

    __tablename__ = "safety_goal"
    __table_args__ = (
        CheckConstraint(
            "outcome_grade IN ('outcome', 'mixed', 'task')", name="outcome_grade_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("protection_plan.id"), index=True)
    origin_goal_id: Mapped[int | None] = mapped_column(ForeignKey("safety_goal.id"))
    statement: Mapped[str] = mapped_column(Text)
    child_ids: Mapped[list] = mapped_column(JSON, default=list)
    worry_item_ids: Mapped[list] = mapped_column(JSON, default=list)
    measure: Mapped[str] = mapped_column(Text, default="")
    baseline: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    sustained_for: Mapped[str] = mapped_column(String(200), default="")
    review_on: Mapped[date | None] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200), default="")
    family_words: Mapped[str] = mapped_column(Text, default="")
    # What happens if this goal is not met: "If … then …" (issue 19).
    contingency_if: Mapped[str] = mapped_column(Text, default="")
    contingency_then: Mapped[str] = mapped_column(Text, default="")
    # The goal in words a child understands, for the child's own plan, and when the chair
    # checked them (None: not checked yet, so the child's plan does not use them).
    child_words: Mapped[str] = mapped_column(Text, default="")
    child_words_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    child_words_checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    state: Mapped[str] = mapped_column(String(20), default="active")
    position: Mapped[int] = mapped_column(default=0)
    # The checker's judgement of the goal as last saved (None: not checked yet).
    outcome_focused: Mapped[bool | None] = mapped_column()
    measurable: Mapped[bool | None] = mapped_column()
    # Its graded reading: one of plan_quality.GRADES (outcome, mixed or task).
    outcome_grade: Mapped[str | None] = mapped_column(String(10))

    plan: Mapped[Plan] = relationship(back_populates="goals")
    origin_goal: Mapped["SafetyGoal | None"] = relationship(remote_side=[id])
    actions: Mapped[list["PlanAction"]] = relationship(
        back_populates="goal", order_by="PlanAction.position", cascade="all, delete-orphan"
    )


class PlanAction(Versioned, db.Model):
    """What a named person or agency will do, by when, towards one safety goal."""

    __tablename__ = "plan_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("safety_goal.id"), index=True)
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200), default="")
    by_when: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    position: Mapped[int] = mapped_column(default=0)
    added_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_group_meeting.id", use_alter=True)
    )

    goal: Mapped[SafetyGoal] = relationship(back_populates="actions")


class PlanTranslation(db.Model):
    """A plan's family-facing text translated into one language, imported from the translator's
    XLIFF 2.0 file (issue 19). `segments` maps each segment's id (conference/services/
    translations.py) to {"source": the English exported, "target": the translation}; who
    translated and who checked it, and when, are recorded from the import form."""

    __tablename__ = "plan_translation"
    __table_args__ = (UniqueConstraint("plan_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("protection_plan.id"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    segments: Mapped[dict] = mapped_column(JSON, default=dict)
    translated_by: Mapped[str] = mapped_column(String(200), default="")
    translated_on: Mapped[date | None] = mapped_column(Date)
    checked_by: Mapped[str] = mapped_column(String(200), default="")
    checked_on: Mapped[date | None] = mapped_column(Date)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    plan: Mapped[Plan] = relationship()


class AudioCopy(db.Model):
    """A recording of a plan for one person who asked for audio (the interpreter reading it,
    say): its bytes are a StoredFile. One of `adult_id` and `child_id` is set."""

    __tablename__ = "audio_copy"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("protection_plan.id"), index=True)
    adult_id: Mapped[int | None] = mapped_column(ForeignKey("adult.id"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"), unique=True)
    language: Mapped[str] = mapped_column(String(10), default="en")
    read_by: Mapped[str] = mapped_column(String(200), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    plan: Mapped[Plan] = relationship()
    file: Mapped[StoredFile] = relationship(cascade="all, delete-orphan", single_parent=True)
