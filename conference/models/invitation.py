"""Invitations without accounts (issue 20): a named person of a case asked to give their views
before one meeting, with a code instead of an account. Only the code's HMAC is stored."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Adult, Case, Child
from conference.models.conference import Conference
from conference.models.core_group import CoreGroupMeeting
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User

LONDON = ZoneInfo("Europe/London")

# Which questions the person is asked: the worker chooses by age and need, not the service.
PARENT, YOUNG_PERSON, YOUNGER_CHILD = "parent", "young_person", "younger_child"
VERSION_LABELS = {
    PARENT: "A parent or carer",
    YOUNG_PERSON: "A young person",
    YOUNGER_CHILD: "A younger child, with a trusted adult helping",
}
# What the code opens: the views before a meeting, or the feedback form after it.
VIEWS, FEEDBACK = "views", "feedback"


class Invitation(db.Model):
    """One person (an adult or a child of the case) invited for one meeting (a conference or a
    core group meeting). Usable until `expires_at`, unless withdrawn."""

    __tablename__ = "invitation"
    __table_args__ = (
        CheckConstraint(
            "(conference_id IS NULL) <> (core_group_meeting_id IS NULL)", name="one_meeting"
        ),
        CheckConstraint("(adult_id IS NULL) <> (child_id IS NULL)", name="one_person"),
        CheckConstraint(
            "version IN ('parent', 'young_person', 'younger_child')", name="version_known"
        ),
        CheckConstraint("purpose IN ('views', 'feedback')", name="purpose_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("conference.id"), index=True)
    core_group_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_group_meeting.id"), index=True
    )
    adult_id: Mapped[int | None] = mapped_column(ForeignKey("adult.id"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"), index=True)
    version: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(String(10), default=VIEWS, server_default=VIEWS)
    # HMAC-SHA256 of the code under the app's secret key: a copy of the table cannot be checked
    # against guesses without the key.
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    case: Mapped[Case] = relationship()
    conference: Mapped[Conference | None] = relationship()
    core_group_meeting: Mapped[CoreGroupMeeting | None] = relationship()
    adult: Mapped[Adult | None] = relationship()
    child: Mapped[Child | None] = relationship()
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def person(self) -> Adult | Child:
        return self.adult if self.adult is not None else self.child  # type: ignore[return-value]

    @property
    def meeting(self) -> Conference | CoreGroupMeeting:
        if self.conference is not None:
            return self.conference
        return self.core_group_meeting  # type: ignore[return-value]

    @property
    def version_label(self) -> str:
        return VERSION_LABELS[self.version]

    @property
    def last_day(self) -> date:
        """The last day the code works, in the UK: it expires at the end of it."""
        return (self.expires_at - timedelta(microseconds=1)).astimezone(LONDON).date()

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def open_at(self, moment: datetime) -> bool:
        """Whether the code still opens the pages at `moment`: not withdrawn, not expired."""
        return not self.withdrawn and moment < self.expires_at
