"""The child protection conference: who came, the Strengthening Families map, scaling, each
child's voice and identity, and the decision for each child."""

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, Time, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Case, Child, Versioned
from conference.models.stored_file import StoredFile
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User


class ConferenceType(StrEnum):
    INITIAL = "initial"
    REVIEW = "review"
    TRANSFER_IN = "transfer_in"


CONFERENCE_TYPE_LABELS = {
    ConferenceType.INITIAL: "Initial child protection conference",
    ConferenceType.REVIEW: "Review child protection conference",
    ConferenceType.TRANSFER_IN: "Transfer-in conference",
}


class Conference(Versioned, db.Model):
    __tablename__ = "conference"
    # For the dashboard, which counts conferences of one type held in a range of months.
    __table_args__ = (Index("ix_conference_type_held_on", "conference_type", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    conference_type: Mapped[str] = mapped_column(String(20))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[time] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(200), default="")
    online: Mapped[bool] = mapped_column(default=False)
    twilight: Mapped[bool] = mapped_column(default=False)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Business support typing in the room: records, never decides (issue 18).
    minute_taker_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    strategy_discussion_on: Mapped[date | None] = mapped_column(Date)
    previous_conference_id: Mapped[int | None] = mapped_column(ForeignKey("conference.id"))
    report_shared_on: Mapped[date | None] = mapped_column(Date)
    # The review report (issue 19): the social worker's analysis and recommendation, and what
    # the parents said about the report once it was shared with them.
    review_analysis: Mapped[str] = mapped_column(Text, default="")
    review_recommendation: Mapped[str] = mapped_column(Text, default="")
    parents_comments: Mapped[str] = mapped_column(Text, default="")
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    case: Mapped[Case] = relationship()
    chair: Mapped[User | None] = relationship(foreign_keys=[chair_id])
    minute_taker: Mapped[User | None] = relationship(foreign_keys=[minute_taker_id])
    finalised_by: Mapped[User | None] = relationship(foreign_keys=[finalised_by_id])
    previous_conference: Mapped["Conference | None"] = relationship(remote_side=[id])
    attendees: Mapped[list["Attendee"]] = relationship(
        back_populates="conference", order_by="Attendee.position", cascade="all, delete-orphan"
    )
    map_items: Mapped[list["MapItem"]] = relationship(
        back_populates="conference", order_by="MapItem.position", cascade="all, delete-orphan"
    )
    scores: Mapped[list["ScalingScore"]] = relationship(
        back_populates="conference", order_by="ScalingScore.id", cascade="all, delete-orphan"
    )
    voices: Mapped[list["ChildVoice"]] = relationship(
        back_populates="conference", cascade="all, delete-orphan"
    )
    identity_reviews: Mapped[list["ConferenceIdentity"]] = relationship(
        back_populates="conference", cascade="all, delete-orphan"
    )
    decisions: Mapped[list["ChildDecision"]] = relationship(
        back_populates="conference", cascade="all, delete-orphan"
    )
    agency_views: Mapped[list["AgencyView"]] = relationship(
        back_populates="conference", cascade="all, delete-orphan"
    )
    amendments: Mapped[list["Amendment"]] = relationship(
        back_populates="conference", order_by="Amendment.made_at", cascade="all, delete-orphan"
    )

    @property
    def finalised(self) -> bool:
        return self.finalised_at is not None

    @property
    def type_label(self) -> str:
        return CONFERENCE_TYPE_LABELS[ConferenceType(self.conference_type)]


class Attendee(Versioned, db.Model):
    """Someone invited to the conference, and whether and how they took part."""

    __tablename__ = "attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    agency: Mapped[str] = mapped_column(String(200), default="")
    agency_type: Mapped[str] = mapped_column(String(40))
    relationship_to_family: Mapped[str] = mapped_column(String(200), default="")
    is_parent: Mapped[bool] = mapped_column(default=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    adult_id: Mapped[int | None] = mapped_column(ForeignKey("adult.id"))
    # A child or young person who attends (or sends apologies) is on the list too.
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))
    attendance: Mapped[str] = mapped_column(String(20), default="invited")
    apologies_reason: Mapped[str] = mapped_column(Text, default="")
    exclusion_reason: Mapped[str] = mapped_column(Text, default="")
    interpreter_present: Mapped[bool] = mapped_column(default=False)
    interpreter_language: Mapped[str] = mapped_column(String(100), default="")
    interpreter_dialect: Mapped[str] = mapped_column(String(100), default="")
    is_advocate: Mapped[bool] = mapped_column(default=False)
    is_supporter: Mapped[bool] = mapped_column(default=False)
    in_core_group: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    conference: Mapped[Conference] = relationship(back_populates="attendees")
    user: Mapped[User | None] = relationship()


class MapItem(Versioned, db.Model):
    """One item of the Strengthening Families map, under one of its six headings."""

    __tablename__ = "map_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    heading: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    who_is_worried: Mapped[str] = mapped_column(Text, default="")
    worried_about: Mapped[str] = mapped_column(Text, default="")
    could_happen: Mapped[str] = mapped_column(Text, default="")
    raised_by: Mapped[str] = mapped_column(String(200), default="")
    family_response: Mapped[str] = mapped_column(Text, default="")
    child_ids: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(80), default="")
    position: Mapped[int] = mapped_column(default=0)

    conference: Mapped[Conference] = relationship(back_populates="map_items")


class ScalingScore(Versioned, db.Model):
    """One person's score. The question and its polarity are copied in, so an old score keeps
    its meaning when the setting changes. A person has one overall score at a conference and one
    for each worry statement; the overall score's version is that of all their scores there."""

    __tablename__ = "scaling_score"
    __table_args__ = (
        UniqueConstraint("conference_id", "attendee_id", "worry_item_id"),
        # The overall score has no worry statement, and NULLs never clash in a unique constraint.
        Index(
            "uq_scaling_score_overall",
            "conference_id",
            "attendee_id",
            unique=True,
            sqlite_where=text("worry_item_id IS NULL"),
            postgresql_where=text("worry_item_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id"))
    worry_item_id: Mapped[int | None] = mapped_column(ForeignKey("map_item.id"))
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

    conference: Mapped[Conference] = relationship(back_populates="scores")
    attendee: Mapped[Attendee | None] = relationship()
    worry_item: Mapped[MapItem | None] = relationship()


class ChildVoice(Versioned, db.Model):
    """What a child said, kept exactly as given, and how their views were gathered."""

    __tablename__ = "child_voice"
    __table_args__ = (UniqueConstraint("conference_id", "child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    own_words: Mapped[str] = mapped_column(Text, default="")
    house_of_worries: Mapped[str] = mapped_column(Text, default="")
    house_of_good_things: Mapped[str] = mapped_column(Text, default="")
    house_of_dreams: Mapped[str] = mapped_column(Text, default="")
    methods: Mapped[list] = mapped_column(JSON, default=list)
    method_other: Mapped[str] = mapped_column(String(200), default="")
    seen_alone_on: Mapped[date | None] = mapped_column(Date)
    participation_code: Mapped[str | None] = mapped_column(String(3))
    advocacy_offered: Mapped[str | None] = mapped_column(String(20))
    observations: Mapped[str] = mapped_column(Text, default="")
    observed_by: Mapped[str] = mapped_column(String(200), default="")
    not_recorded_reason: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="voices")
    child: Mapped[Child] = relationship()
    pictures: Mapped[list["ChildPicture"]] = relationship(
        back_populates="voice", order_by="ChildPicture.id", cascade="all, delete-orphan"
    )


class ChildPicture(db.Model):
    """A photograph or scan of the child's own work; its bytes are a StoredFile, stored and
    deleted with it."""

    __tablename__ = "child_picture"

    id: Mapped[int] = mapped_column(primary_key=True)
    voice_id: Mapped[int] = mapped_column(ForeignKey("child_voice.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"), unique=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    consent_to_share: Mapped[bool] = mapped_column(default=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    voice: Mapped[ChildVoice] = relationship(back_populates="pictures")
    file: Mapped[StoredFile] = relationship(cascade="all, delete-orphan", single_parent=True)

    @property
    def content_type(self) -> str:
        return self.file.media_type


class ConferenceIdentity(Versioned, db.Model):
    """The identity questions the conference itself must answer for each child."""

    __tablename__ = "conference_identity"
    __table_args__ = (UniqueConstraint("conference_id", "child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    cultural_or_harm: Mapped[str] = mapped_column(Text, default="")
    community_safety_network: Mapped[str] = mapped_column(Text, default="")
    heritage_connection: Mapped[str] = mapped_column(Text, default="")
    interpreter_and_translation: Mapped[str] = mapped_column(Text, default="")
    not_known: Mapped[list] = mapped_column(JSON, default=list)

    conference: Mapped[Conference] = relationship(back_populates="identity_reviews")
    child: Mapped[Child] = relationship()


class ChildDecision(Versioned, db.Model):
    """The chair's decision for one child."""

    __tablename__ = "child_decision"
    __table_args__ = (
        UniqueConstraint("conference_id", "child_id"),
        Index("ix_child_decision_outcome_child", "outcome", "child_id"),  # for the dashboard
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    category: Mapped[str | None] = mapped_column(String(3))
    reasons: Mapped[str] = mapped_column(Text, default="")
    parents_view: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[str] = mapped_column(Text, default="")
    lead_social_worker_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    contingency_plan: Mapped[str] = mapped_column(Text, default="")
    first_core_group_on: Mapped[date | None] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(40))

    conference: Mapped[Conference] = relationship(back_populates="decisions")
    child: Mapped[Child] = relationship()
    lead_social_worker: Mapped[User | None] = relationship()


class AgencyView(Versioned, db.Model):
    """An agency's recommendation for one child, with its reasons."""

    __tablename__ = "agency_view"
    __table_args__ = (UniqueConstraint("conference_id", "child_id", "attendee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    recommendation: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="agency_views")
    attendee: Mapped[Attendee] = relationship()


class Amendment(db.Model):
    """A dated correction to a finalised conference, shown beside the original."""

    __tablename__ = "amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    section: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    made_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    conference: Mapped[Conference] = relationship(back_populates="amendments")
    made_by: Mapped[User] = relationship()


class FormDraft(db.Model):
    """Text typed into a form and saved automatically before it was submitted, so a closed
    laptop or a dropped connection loses at most a few seconds of typing."""

    __tablename__ = "form_draft"
    __table_args__ = (UniqueConstraint("user_id", "form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    form_key: Mapped[str] = mapped_column(String(200))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("family_case.id"))
    data: Mapped[dict] = mapped_column(JSON)
    base_version: Mapped[int | None]
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class ScalingRound(db.Model):
    """A round of scaling the chair has revealed to the room. Until then each person's score is
    hidden from the others (the scaling page's promise). `round_key` names the round: "overall",
    or "worry:<map item id>"."""

    __tablename__ = "scaling_round"
    __table_args__ = (UniqueConstraint("conference_id", "round_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    round_key: Mapped[str] = mapped_column(String(80))
    revealed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    revealed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class WallStage(db.Model):
    """What the live screen shows the room now, as the chair chose it: one stage of the meeting
    at a time ("map", "voices", …; conference/domain/wall_stages.py), so each fits the room's
    screen. No row: everything, as the screen showed before stages. A table of its own rather
    than a column on the conference, so switching the screen never makes someone editing the
    conference's details meet a conflict."""

    __tablename__ = "wall_stage"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), unique=True)
    stage: Mapped[str] = mapped_column(String(20))
    chosen_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class KeptOffWall(db.Model):
    """Something recorded at a conference that the live screen must not show to the room: a map
    item, a child's words, or one identity answer. `kind` names the record ("map_item",
    "child_voice", "conference_identity", "adult", "child"), `record_id` its id, and `field` the
    answer within it ("" for the whole record)."""

    __tablename__ = "kept_off_wall"
    __table_args__ = (UniqueConstraint("conference_id", "kind", "record_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(60), default="")
    kept_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kept_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class KeptFromFamily(db.Model):
    """Something recorded at a conference that must not reach any family copy (issue 19): a
    child's words, a map item or one identity answer, with the reason, which the professional
    record shows. What the family may not see is never shown on the wall either. `kind`,
    `record_id` and `field` name the record as KeptOffWall does."""

    __tablename__ = "kept_from_family"
    __table_args__ = (UniqueConstraint("conference_id", "kind", "record_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(60), default="")
    reason: Mapped[str] = mapped_column(Text)
    kept_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kept_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
