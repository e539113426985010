"""Files kept in the database: pictures of the child's work, audio copies of plans, printed
documents and the statutory returns made in the background.

In the database rather than in a folder, so a backup holds them and a restore brings them back
exactly, every server sees the same files, and a file and the record that uses it are stored
(or undone) in one transaction: a crash leaves no file without its record.
"""

import hashlib
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.types import UTCDateTime, utc_now


class StoredFile(db.Model):
    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Loaded only when read: listing the records that use files never fetches their bytes.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    @classmethod
    def holding(cls, content: bytes, media_type: str) -> "StoredFile":
        """A new file with these bytes, its size and its checksum."""
        return cls(
            content=content,
            media_type=media_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )


class StoredDocument(db.Model):
    """A finalised record's printed document, made once and kept, so a download hands over the
    stored file instead of laying it out again (issue 22). One row per document of a record
    (`document` names it and whose copy it is: "family", "family/adult:12"). Kept only while
    nothing of the case has changed since, and only for the renderer that made it: any change
    to the case deletes its documents (services/stored_documents.py)."""

    __tablename__ = "stored_document"
    __table_args__ = (UniqueConstraint("record_type", "record_id", "document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(index=True)  # no foreign key, like the audit trail's
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int]
    document: Mapped[str] = mapped_column(String(80))
    record_version: Mapped[int]  # the record's row version when the document was made
    renderer: Mapped[str] = mapped_column(String(16))  # the documents' code and templates
    filename: Mapped[str] = mapped_column(String(200))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id", ondelete="CASCADE"))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    file: Mapped[StoredFile] = relationship()
