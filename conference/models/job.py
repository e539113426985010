"""Work someone asked for that runs in the background (a statutory return, say): what it is,
who asked, how far it has got, and the file it made. Kept in the database so every server's
pages see the same progress, whichever server or worker does the work."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.stored_file import StoredFile
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User

JOB_STATES = ("waiting", "running", "done", "failed")


class Job(db.Model):
    __tablename__ = "job"
    __table_args__ = (
        CheckConstraint(f"state IN {JOB_STATES}".replace('"', "'"), name="state_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    arguments: Mapped[dict] = mapped_column(JSON, default=dict)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    state: Mapped[str] = mapped_column(String(10), default="waiting")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    # What went wrong, in the service's words (never an error's text, which could quote a
    # family's record), or why a return could not be made.
    problems: Mapped[list | None] = mapped_column(JSON)
    # What the audit row of each download of the file says (which return, for which year, how
    # many children), so a download is audited as the export it is.
    summary: Mapped[dict | None] = mapped_column(JSON)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # When the work last said how far it had got: work silent for long has stopped.
    heard_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requested_by: Mapped[User | None] = relationship()
    file: Mapped[StoredFile | None] = relationship()
