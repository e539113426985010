"""Every printed document, in one list: what the audit calls it, what its file is called, and how
it is made. The download routes, the print-plan command and the benchmark all print through
`printed(document, record)`, and `record_print` writes the audit row: every print is audited
(who, which document, which version), and the caller commits only once the PDF exists, so a
render that fails leaves no record of a print.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from conference.domain import clock
from conference.pdf import (
    chronology,
    conference_record,
    core_group_notes,
    family_plan,
    i18n,
    invitation_letter,
    professional_plan,
)
from conference.pdf import review_report as review_report_document
from conference.pdf.child_plan import child_plan_pdf
from conference.pdf.easy_read import easy_read_pdf
from conference.pdf.parts import filename
from conference.pdf.render import render_pdf
from conference.services import audit


@dataclass(frozen=True)
class Document:
    name: str  # as the audit trail records it
    file_name: str  # what it is called in its file's name
    make: Callable[[Any], bytes]
    label: Callable[[Any], str]  # the version or date that ends the file's name
    version: Callable[[Any], int]  # the version of the record it was printed from
    # What else the audit row says: for a person's own copy, whose ({"for": "adult:12"}).
    about: dict[str, str] = field(default_factory=dict)
    # Whether the record is final, so the document is made once and kept (pdf/kept.py); None
    # for a document never kept (a letter with its code, a chronology printed as of today).
    final: Callable[[Any], bool] | None = None

    @property
    def key(self) -> str:
        """What it is kept as: "family", or "family/adult:12" for a person's own copy."""
        whose = self.about.get("for")
        return f"{self.name}/{whose}" if whose else self.name


def _render(template_name: str, **context) -> bytes:
    """Every document within the time limit the app is configured with (None: no limit)."""
    return render_pdf(
        template_name, time_limit=current_app.config.get("PDF_TIME_LIMIT_SECONDS"), **context
    )


def family_plan_pdf(plan, large_print: bool = False, person=None) -> bytes:
    """The family's plan, bilingual when the family's language is not English; with `person`,
    their own copy (their language, their format)."""
    context = family_plan.family_plan_context(
        plan,
        person=person,
        large_print=large_print,
        core_group_interval_weeks=current_app.config["CORE_GROUP_INTERVAL_WEEKS"],
    )
    return _render(family_plan.TEMPLATE, **context)


def professional_plan_pdf(plan) -> bytes:
    context = professional_plan.professional_plan_context(plan)
    return _render(professional_plan.TEMPLATE, **context)


def conference_record_pdf(conference) -> bytes:
    context = conference_record.conference_record_context(conference)
    return _render(conference_record.TEMPLATE, **context)


def core_group_notes_pdf(meeting, version: str) -> bytes:
    context = core_group_notes.notes_context(meeting, version)
    return _render(core_group_notes.TEMPLATE, **context)


def review_report_pdf(conference) -> bytes:
    context = review_report_document.review_report_context(conference)
    return _render(review_report_document.REPORT_TEMPLATE, **context)


def chronology_pdf(printed: chronology.Chronology) -> bytes:
    return _render(chronology.TEMPLATE, **chronology.chronology_context(printed))


def invitation_letter_pdf(invitation, code: str, address: str) -> bytes:
    context = invitation_letter.letter_context(invitation, code, address)
    return _render(invitation_letter.TEMPLATE, **context)


def _agreed(plan) -> bool:
    return plan.finalised


def _finalised(conference) -> bool:
    return conference.finalised_at is not None


def _plan_number(plan) -> str:
    return f"v{plan.number}"


def _held_on(record) -> str:
    return f"{record.held_on:%Y-%m-%d}"


def _notes(version: str) -> Document:
    return Document(
        name=core_group_notes.VERSIONS[version],
        file_name="core-group",
        make=lambda meeting: core_group_notes_pdf(meeting, version),
        label=lambda meeting: f"{_held_on(meeting)}-{version}",
        version=lambda meeting: meeting.version,
        final=lambda meeting: meeting.completed_at is not None,
    )


FAMILY = Document(
    "family", "family-plan", family_plan_pdf, _plan_number, lambda p: p.number, final=_agreed
)
FAMILY_LARGE_PRINT = Document(
    "family-large-print",
    "family-plan-large-print",
    lambda plan: family_plan_pdf(plan, large_print=True),
    _plan_number,
    lambda plan: plan.number,
    final=_agreed,
)


def own_copy(person, kind: str, large_print: bool = False) -> Document:
    """One person's own copy of the family plan (`kind` "adult" or "child"), in large print if
    they asked for it (or `large_print`): the file and the audit name them by kind and id,
    never by name."""
    large_print = large_print or i18n.wants_large_print(person)
    name = "family-large-print" if large_print else "family"
    whose = f"{kind}-{person.id}"
    return Document(
        name,
        f"family-plan-large-print-{whose}" if large_print else f"family-plan-{whose}",
        lambda plan: family_plan_pdf(plan, large_print, person=person),
        _plan_number,
        lambda plan: plan.number,
        about={"for": f"{kind}:{person.id}"},
        final=_agreed,
    )


def easy_read_copy(person, kind: str) -> Document:
    """One person's easy-read plan (`kind` "adult" or "child"), named by kind and id."""
    whose = f"{kind}-{person.id}"
    return Document(
        "easy-read",
        f"easy-read-plan-{whose}",
        lambda plan: easy_read_pdf(plan, person),
        _plan_number,
        lambda plan: plan.number,
        about={"for": f"{kind}:{person.id}"},
        final=_agreed,
    )


def child_plan_copy(child) -> Document:
    """A child's own plan: only the goals whose words for the child the chair checked."""
    return Document(
        "child-plan",
        f"child-plan-child-{child.id}",
        lambda plan: child_plan_pdf(plan, child),
        _plan_number,
        lambda plan: plan.number,
        about={"for": f"child:{child.id}"},
        final=_agreed,
    )


def letter(invitation, code: str, address: str) -> Document:
    """The letter inviting one person (issue 20), made while its code is known: the code is
    never stored, so the page that shows it sends it back. Named by the invitation's id, never
    the person's name; an invitation is never changed, so its version is always 1."""
    kind = "adult" if invitation.adult_id is not None else "child"
    return Document(
        "invitation-letter",
        "invitation-letter",
        lambda record: invitation_letter_pdf(record, code, address),
        lambda record: str(record.id),
        lambda _record: 1,
        about={"for": f"{kind}:{invitation.person.id}"},
    )


PROFESSIONAL = Document(
    "professional",
    "professional-plan",
    professional_plan_pdf,
    _plan_number,
    lambda p: p.number,
    final=_agreed,
)
RECORD = Document(
    "record",
    "conference-record",
    conference_record_pdf,
    _held_on,
    lambda c: c.version,
    final=_finalised,
)
CORE_GROUP_NOTES = {version: _notes(version) for version in core_group_notes.VERSIONS}
REVIEW_REPORT = Document(
    "review-report", "review-report", review_report_pdf, _held_on, lambda c: c.version
)

CHRONOLOGY = Document(
    "chronology",
    "chronology",
    chronology_pdf,
    lambda _: f"{clock.today():%Y-%m-%d}",
    lambda printed: printed.version,
)


@dataclass(frozen=True)
class Printed:
    """A rendered document: its bytes, the name to save it under, and what the audit keeps."""

    document: str
    version: int
    filename: str
    data: bytes
    about: dict[str, str] = field(default_factory=dict)


def printed(document: Document, record) -> Printed:
    """Render `document` from `record` (a plan, a conference or a core group meeting). Raises
    whatever the render raises."""
    data = document.make(record)
    return Printed(
        document.name,
        document.version(record),
        file_name_of(document, record),
        data,
        document.about,
    )


def file_name_of(document: Document, record) -> str:
    """ "DEMO-0001-family-plan-v1.pdf", never a child's name (see `parts.filename`)."""
    return filename(record.case.reference, document.file_name, document.label(record))


def record_print(actor, record, done: Printed) -> None:
    """Audit a print (`actor` None for the command line). The caller commits."""
    audit.record(
        actor,
        "print",
        record,
        {
            "document": [None, done.document],
            "version": [None, done.version],
            **{key: [None, value] for key, value in done.about.items()},
        },
    )


def record_not_made(actor, record, document: Document, reason: str) -> None:
    """Audit a print that was tried and not made (the document and why, no PDF). The caller
    commits."""
    audit.record(
        actor,
        "print-not-made",
        record,
        {
            "document": [None, document.name],
            "version": [None, document.version(record)],
            "reason": [None, reason],
            **{key: [None, value] for key, value in document.about.items()},
        },
    )
