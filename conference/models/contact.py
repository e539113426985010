"""The contacts every family document carries (issue 19), set by an administrator: for the whole
service (`team_id` None) and, where a team's differ, for that team. A family's documents use
their team's setting, else the service's; a setting missing from both is flagged to the
administrator and never printed blank (conference/services/contacts.py names the keys)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from conference.extensions import db
from conference.models.types import UTCDateTime, utc_now


class ContactSetting(db.Model):
    __tablename__ = "contact_setting"
    __table_args__ = (
        UniqueConstraint("team_id", "key"),
        # The service-wide settings have no team, and NULLs never clash in a unique constraint.
        Index(
            "uq_contact_setting_service",
            "key",
            unique=True,
            sqlite_where=text("team_id IS NULL"),
            postgresql_where=text("team_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
