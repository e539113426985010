"""The census report: each finding about a child, with the page where it is put right, for the
Returns page's table and for the CSV written beside the census."""

import csv
import io
from dataclasses import dataclass

from flask import current_app

from conference.common.spreadsheets import safe_row
from conference.domain.cin_census import ERROR, QUERY, Record
from conference.services.returns.cin import ChildFinding
from conference.services.returns.exports import Export

HEADINGS = [
    "Local child ID",
    "Case",
    "Allocated team",
    "Allocated worker",
    "Rule",
    "Severity",
    "Message",
    "Where to put it right",
]
OUTSIDE_THE_TOOLKIT = "Outside the toolkit: in the return itself"

# The pages that show the record: whoever reads the report (the head of service) may read every
# case but change none, so the report leads to the record, and its team puts it right there.
ENDPOINTS = {
    Record.CHILD: "people.show_child",
    Record.EPISODES: "episodes.list_episodes",
    Record.EPISODE: "episodes.list_episodes",
    Record.ENQUIRY: "episodes.list_episodes",
    Record.CONFERENCE: "conferences.show_conference",
}


@dataclass(frozen=True)
class ReportRow:
    la_child_id: str
    child: str  # "DEMO-0001, child 2"
    team: str
    worker: str
    rule: str
    severity: str
    message: str
    path: str  # "" when it is put right outside the toolkit


def report_rows(findings) -> list[ReportRow]:
    """The findings, errors first, then the queries the records can answer, then those put
    right outside the toolkit; each child's together, in the order they were found."""
    ordered = sorted(
        findings,
        key=lambda item: (
            item.finding.severity != ERROR,
            item.finding.where.record == Record.OUTSIDE,
        ),
    )
    adapter = current_app.url_map.bind("", script_name=current_app.config["APPLICATION_ROOT"])
    return [
        ReportRow(
            item.la_child_id,
            item.label,
            item.team,
            item.worker,
            item.finding.rule,
            item.finding.severity,
            item.finding.message,
            path(item, adapter),
        )
        for item in ordered
    ]


def path(item: ChildFinding, adapter) -> str:
    """The page that shows the record to put right, as a path from the site's root; "" for
    what is put right in the return itself."""
    where = item.finding.where
    values: dict = {"case_id": item.case_id, "child_id": item.child_id}
    record = where.record
    if record == Record.OUTSIDE:
        return ""
    if record == Record.CONFERENCE and where.conference_id is None:
        record = Record.EPISODES
    if record == Record.CONFERENCE:
        values = {"conference_id": where.conference_id}
    return adapter.build(ENDPOINTS[record], values)


def census_report_export(census: Export) -> Export:
    """The census's report as a file of its own, audited like the census when handed over."""
    year = census.about["year"]
    return Export(
        report_csv(report_rows(census.findings)),
        f"cin-census-{year}.report.csv",
        "text/csv",
        census.children,
        {"return": "cin_report", "year": year},
    )


def report_csv(rows: list[ReportRow]) -> bytes:
    """The report as CSV, safe to open in a spreadsheet (a case reference typed as a formula is
    shown as text)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow(
            safe_row(
                [
                    row.la_child_id,
                    row.child,
                    row.team,
                    row.worker,
                    row.rule,
                    row.severity,
                    row.message,
                    row.path or OUTSIDE_THE_TOOLKIT,
                ]
            )
        )
    return out.getvalue().encode("utf-8")


def summary(findings) -> str:
    """ "3 errors and 2 queries in 2 children"."""
    errors = sum(1 for item in findings if item.finding.severity == ERROR)
    queries = sum(1 for item in findings if item.finding.severity == QUERY)
    children = len({item.child_id for item in findings})
    return (
        f"{counted(errors, 'error')} and {counted(queries, 'query', 'queries')} "
        f"in {counted(children, 'child', 'children')}"
    )


def counted(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
