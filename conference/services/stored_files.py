"""Files kept in the database (conference/models/stored_file.py): made with the record that uses
them, in its transaction, and read back only if they are still exactly what was stored."""

import hashlib
import logging

from conference.models import StoredFile

logger = logging.getLogger(__name__)


def content_of(file: StoredFile) -> bytes | None:
    """The file's bytes; None (and an error logged) if they no longer match their checksum."""
    content = file.content
    if hashlib.sha256(content).hexdigest() != file.sha256:
        logger.error("Stored file %s does not match its checksum", file.id)
        return None
    return content
