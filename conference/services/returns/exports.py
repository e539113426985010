"""What every statutory return shares: the file it makes, why it may refuse to make one, and
the audit row written when it is handed over."""

from dataclasses import dataclass, field

from conference.models import User
from conference.services import audit


class ExportRefused(Exception):
    """The records would make an invalid return; `problems` says what to put right."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str
    children: int
    about: dict = field(default_factory=dict)  # which return, and for which year


def record_export(actor: User | None, export: Export) -> None:
    """Audit the export by `actor` (None for the command line), once the file is handed over."""
    audit.record(actor, "export", changes={**export.about, "children": export.children})
