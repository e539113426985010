"""What families tell the service themselves (issue 20): their views before a meeting, sent with
an invitation's code, and their feedback after it, online or on paper.

Views never go straight into the record: they wait for the social worker or the chair, who
accept them into the conference (the child's voice, the map, the child's own score) or leave
them out, with a reason. What a child asks us not to share with their parents is named per
answer (`not_shared`) and carries through to every family copy and the live screen."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Adult, Case, Child
from conference.models.conference import Conference
from conference.models.core_group import CoreGroupMeeting
from conference.models.invitation import Invitation
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User

# What became of views sent in: waiting for staff, taken into the record, or left out.
WAITING, ACCEPTED, NOT_USED = "waiting", "accepted", "not_used"
# How feedback reached us.
ONLINE, PAPER = "online", "paper"


class FamilyViews(db.Model):
    """One invited person's views before their meeting: saved as they go, sent once.

    The same columns serve the three versions of the questions (`invitation.version`):
    - a young person and a younger child: the three houses (`worries`, `good_things`, `hopes`),
      their own 0-10 `score` and `score_reason`, what they want to happen (`wishes`), whether
      and how they want to come (`attending`), whether they want an advocate (`advocate`), and
      which answers they do not want shared with their parents (`not_shared`, field names);
      a younger child also picks pictures for each house (`pictures`: house -> picture codes)
      and names the trusted adult helping (`helper`);
    - a parent: what is working well (`good_things`), what worries them (`worries`), what they
      think needs to happen (`wishes`), whether they agree with the report (`agrees_with_report`,
      once it has been shared) and why (`report_comment`), and anything else (`anything_else`).
    """

    __tablename__ = "family_views"
    __table_args__ = (
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 10)", name="score_0_to_10"),
        CheckConstraint("outcome IN ('waiting', 'accepted', 'not_used')", name="outcome_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitation.id"), unique=True)
    # The language the person answered in (a code of the family pages' languages).
    language: Mapped[str] = mapped_column(String(10), default="en")
    worries: Mapped[str] = mapped_column(Text, default="")
    good_things: Mapped[str] = mapped_column(Text, default="")
    hopes: Mapped[str] = mapped_column(Text, default="")
    wishes: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[int | None]
    score_reason: Mapped[str] = mapped_column(Text, default="")
    attending: Mapped[str | None] = mapped_column(String(30))
    advocate: Mapped[str | None] = mapped_column(String(30))
    not_shared: Mapped[list] = mapped_column(JSON, default=list)
    pictures: Mapped[dict] = mapped_column(JSON, default=dict)
    helper: Mapped[str] = mapped_column(String(200), default="")
    agrees_with_report: Mapped[str | None] = mapped_column(String(30))
    report_comment: Mapped[str] = mapped_column(Text, default="")
    anything_else: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # Empty until the person presses Send: until then staff do not see the answers.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(20), default=WAITING)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    invitation: Mapped[Invitation] = relationship()
    decided_by: Mapped[User | None] = relationship()

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


class FamilyFeedback(db.Model):
    """One person's feedback after a meeting (a conference or a core group meeting): online with
    a feedback invitation's code, or on paper, typed in by staff (`entered_by`)."""

    __tablename__ = "family_feedback"
    __table_args__ = (
        CheckConstraint(
            "(conference_id IS NULL) <> (core_group_meeting_id IS NULL)", name="one_meeting"
        ),
        CheckConstraint("source IN ('online', 'paper')", name="source_known"),
        CheckConstraint(
            "(source = 'online') = (invitation_id IS NOT NULL)", name="online_has_invitation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("conference.id"), index=True)
    core_group_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_group_meeting.id"), index=True
    )
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), unique=True)
    # Who answered, when known: a paper form may come back without a name.
    adult_id: Mapped[int | None] = mapped_column(ForeignKey("adult.id"))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))
    source: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(10), default="en")
    # Each answer: "yes", "partly", "no" (or "not_needed" where it can be), None if skipped.
    listened_to: Mapped[str | None] = mapped_column(String(20))
    understood_decisions: Mapped[str | None] = mapped_column(String(20))
    understood_next_steps: Mapped[str | None] = mapped_column(String(20))
    documents_in_time: Mapped[str | None] = mapped_column(String(20))
    documents_readable: Mapped[str | None] = mapped_column(String(20))
    # "had_one", "wanted_one" (wanted one and did not have one), "did_not_want"
    advocate: Mapped[str | None] = mapped_column(String(20))
    would_have_helped: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    case: Mapped[Case] = relationship()
    conference: Mapped[Conference | None] = relationship()
    core_group_meeting: Mapped[CoreGroupMeeting | None] = relationship()
    invitation: Mapped[Invitation | None] = relationship()
    adult: Mapped[Adult | None] = relationship()
    child: Mapped[Child | None] = relationship()
    entered_by: Mapped[User | None] = relationship()
