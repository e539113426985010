"""What every statutory return shares: the file it makes, what it found wrong in the records
it was made from, why it may refuse to make one, and the audit row written when it is handed
over."""

from dataclasses import dataclass, field

from conference.models import User
from conference.services import audit


class ExportRefused(Exception):
    """No return can be made (no child is in it, say); `problems` says why."""

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
    # What the records break of the return's rules (the census's ChildFindings): the file is
    # written all the same, and these are reported beside it.
    findings: tuple = ()


def record_export(actor: User | None, export: Export) -> None:
    """Audit the export by `actor` (None for the command line), once the file is handed over."""
    audit.record(actor, "export", changes={**export.about, "children": export.children})


def record_check(actor: User, export: Export) -> None:
    """Audit the report shown on the page: a view of every child in the return, though no file
    is handed over."""
    errors = sum(1 for item in export.findings if item.is_error)
    audit.record(
        actor,
        "view",
        changes={
            **export.about,
            "children": export.children,
            "errors": errors,
            "queries": len(export.findings) - errors,
        },
    )
