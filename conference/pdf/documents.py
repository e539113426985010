"""The printed documents, one function each, shared by the download routes, the print-plan
command and the benchmark: each returns the PDF's bytes.

`printed(document, record)` also names the file and the version, and `record_print` writes the
audit row: every print is audited (who, which document, which version), and the caller commits
only once the PDF exists, so a render that fails leaves no record of a print.
"""

import re
from dataclasses import dataclass

from conference.pdf import conference_record, family_plan, professional_plan
from conference.pdf.render import render_pdf
from conference.services import audit

FAMILY = "family"
FAMILY_LARGE_PRINT = "family-large-print"
PROFESSIONAL = "professional"
RECORD = "record"

# What each document is called in its file name.
FILE_NAMES = {
    FAMILY: "family-plan",
    FAMILY_LARGE_PRINT: "family-plan-large-print",
    PROFESSIONAL: "professional-plan",
    RECORD: "conference-record",
}


def family_plan_pdf(plan, large_print: bool = False) -> bytes:
    """The family's plan, bilingual when the family's language is not English."""
    context = family_plan.family_plan_context(plan, large_print=large_print)
    return render_pdf(family_plan.TEMPLATE, **context)


def professional_plan_pdf(plan) -> bytes:
    context = professional_plan.professional_plan_context(plan)
    return render_pdf(professional_plan.TEMPLATE, **context)


def conference_record_pdf(conference) -> bytes:
    context = conference_record.conference_record_context(conference)
    return render_pdf(conference_record.TEMPLATE, **context)


@dataclass(frozen=True)
class Printed:
    """A rendered document: its bytes, the name to save it under, and what the audit keeps."""

    document: str
    version: int
    filename: str
    data: bytes


def printed(document: str, record) -> Printed:
    """Render `document` (FAMILY, FAMILY_LARGE_PRINT, PROFESSIONAL: `record` is a plan;
    RECORD: `record` is a conference). Raises whatever the render raises."""
    if document == RECORD:
        data = conference_record_pdf(record)
        version = record.version
        label = f"{record.held_on:%Y-%m-%d}"
    else:
        if document == PROFESSIONAL:
            data = professional_plan_pdf(record)
        else:
            data = family_plan_pdf(record, large_print=document == FAMILY_LARGE_PRINT)
        version = record.number
        label = f"v{record.number}"
    return Printed(document, version, filename(record.case.reference, document, label), data)


def filename(reference: str, document: str, label: str) -> str:
    """ "DEMO-0001-family-plan-v1.pdf": the case reference, the document and its version,
    never a child's name (file names end up in e-mails and shared folders)."""
    safe_reference = re.sub(r"[^A-Za-z0-9-]+", "-", reference).strip("-") or "case"
    return f"{safe_reference}-{FILE_NAMES[document]}-{label}.pdf"


def record_print(actor, record, done: Printed) -> None:
    """Audit a print (`actor` None for the command line). The caller commits."""
    audit.record(
        actor,
        "print",
        record,
        {"document": [None, done.document], "version": [None, done.version]},
    )
