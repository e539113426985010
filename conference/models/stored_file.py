"""Files kept in the database: pictures of the child's work (and, later, audio and documents).

In the database rather than in a folder, so a backup holds them and a restore brings them back
exactly, every server sees the same files, and a file and the record that uses it are stored
(or undone) in one transaction: a crash leaves no file without its record.
"""

import hashlib
from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

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
