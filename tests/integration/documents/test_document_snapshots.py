"""Every printed document's HTML, from the demo family (DEMO-0001) seeded on a fixed day,
compared with a stored snapshot in tests/snapshots/documents/<document>.html.

The HTML is what `render_pdf` would lay out: the same context function the document uses (with
a fixed `today=`), split into translations, attachments and the template's context exactly as
`render_pdf` splits it. A change to a template, a context function or the demo shows as a diff.

A snapshot that is missing is written and the test fails, saying so (so CI never passes on a
missing snapshot); `UPDATE_SNAPSHOTS=1` rewrites every snapshot the same way. Review the
written files before committing them.

The only thing normalised is database ids (see `normalised`): they differ between runs and
between SQLite and PostgreSQL, whose sequences are not reset between tests.
"""

import difflib
import os
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from conference.domain.chronology import Filters
from conference.extensions import db
from conference.models import Case, Conference, CoreGroupMeeting, Plan
from conference.pdf import (
    child_plan,
    chronology,
    conference_record,
    core_group_notes,
    documents,
    easy_read,
    family_plan,
    professional_plan,
    review_report,
)
from conference.pdf.render import render_html
from conference.seeding.demo import seed

WEEKS = 6  # the default CORE_GROUP_INTERVAL_WEEKS, which printing passes in

TESTS = next(folder for folder in Path(__file__).resolve().parents if folder.name == "tests")
SNAPSHOTS = TESTS / "snapshots" / "documents"
# The day the demo is seeded and the documents are printed on. A Monday, with no bank holiday
# near it, so the demo's working-day arithmetic is unremarkable.
TODAY = date(2026, 11, 23)
DIFF_LINES = 60

# Database ids in the HTML: a drawing's attachment name (`attachment:picture-12`, from
# `picture.id`) and an element id or link ending in a number (`id="goal-12"`, `href="#goal-12"`).
# The number becomes `<id>`. Nothing else is changed: every word, number and date of the
# document is compared as printed. (The demo's documents have none of these today: its
# drawings are not shared and the templates' ids are fixed names such as "notes-chart-title".)
IDS = re.compile(r"""((?:attachment:picture-|\b(?:id|href)="#?[A-Za-z][\w-]*-))\d+\b""")


def normalised(html: str) -> str:
    return IDS.sub(r"\1<id>", html)


def html_of(template_name: str, *, translations=None, attachments=None, **context) -> str:
    """The HTML `render_pdf(template_name, **context)` lays out: `render_pdf` takes the
    translations and the attachments (the fetcher's pictures, not the template's) itself."""
    return render_html(template_name, translations=translations, **context)


def demo_records() -> dict:
    case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
    initial, review = sorted(
        db.session.scalars(select(Conference).where(Conference.case_id == case.id)),
        key=lambda conference: conference.held_on,
    )
    meetings = db.session.scalars(
        select(CoreGroupMeeting)
        .where(CoreGroupMeeting.case_id == case.id)
        .order_by(CoreGroupMeeting.held_on)
    ).all()
    plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id, Plan.number == 1))
    return {
        "case": case,
        "plan": plan,
        "initial": initial,
        "review": review,
        "meeting": meetings[-1],
    }


def in_english(case) -> None:
    """The family asks for the plan in English (the demo's parents ask for Yoruba)."""
    for adult in case.adults:
        adult.plan_language = "English"


def render_all(app) -> dict[str, str]:
    """{snapshot name: HTML} for every document, printed on TODAY. The demo's plan and review
    conference are drafts; its initial conference and core groups are finalised."""
    with app.app_context():
        seed("a demo password for the tests", today=TODAY)
        r = demo_records()
        plan, meeting = r["plan"], r["meeting"]
        notes = {
            documents.CORE_GROUP_NOTES[version].name: html_of(
                core_group_notes.TEMPLATE,
                **core_group_notes.notes_context(meeting, version, today=TODAY),
            )
            for version in core_group_notes.VERSIONS
        }
        rendered = {
            documents.FAMILY.name: html_of(
                family_plan.TEMPLATE,
                **family_plan.family_plan_context(
                    plan, core_group_interval_weeks=WEEKS, today=TODAY
                ),
            ),
            documents.FAMILY_LARGE_PRINT.name: html_of(
                family_plan.TEMPLATE,
                **family_plan.family_plan_context(
                    plan, core_group_interval_weeks=WEEKS, large_print=True, today=TODAY
                ),
            ),
            documents.PROFESSIONAL.name: html_of(
                professional_plan.TEMPLATE,
                **professional_plan.professional_plan_context(plan, today=TODAY),
            ),
            documents.RECORD.name: html_of(
                conference_record.TEMPLATE,
                **conference_record.conference_record_context(r["initial"], today=TODAY),
            ),
            **notes,
            documents.REVIEW_REPORT.name: html_of(
                review_report.REPORT_TEMPLATE,
                **review_report.review_report_context(r["review"], today=TODAY),
            ),
            documents.CHRONOLOGY.name: html_of(
                chronology.TEMPLATE,
                **chronology.chronology_context(
                    chronology.Chronology(r["case"], Filters(), with_oversight=True), today=TODAY
                ),
            ),
        }
        mum = next(adult for adult in r["case"].adults if adult.given_name == "Funmilayo")
        tolu = next(child for child in r["case"].children if child.given_name == "Tolu")
        rendered["easy-read"] = html_of(
            easy_read.TEMPLATE, **easy_read.easy_read_context(plan, mum, today=TODAY)
        )
        rendered["child-plan"] = html_of(
            child_plan.TEMPLATE, **child_plan.child_plan_context(plan, tolu, today=TODAY)
        )
        in_english(r["case"])
        rendered[f"{documents.FAMILY.name}-en"] = html_of(
            family_plan.TEMPLATE,
            **family_plan.family_plan_context(plan, core_group_interval_weeks=WEEKS, today=TODAY),
        )
        # Mum's easy-read plan as an English reader's: as it was before it was translated.
        rendered["easy-read-en"] = html_of(
            easy_read.TEMPLATE, **easy_read.easy_read_context(plan, mum, today=TODAY)
        )
        family_notes = core_group_notes.notes_context(meeting, core_group_notes.FAMILY, today=TODAY)
        rendered[f"{documents.CORE_GROUP_NOTES['family'].name}-en"] = html_of(
            core_group_notes.TEMPLATE, **family_notes
        )
        db.session.rollback()
    return rendered


EVERY_DOCUMENT = [
    documents.FAMILY,
    documents.FAMILY_LARGE_PRINT,
    documents.PROFESSIONAL,
    documents.RECORD,
    *documents.CORE_GROUP_NOTES.values(),
    documents.REVIEW_REPORT,
    documents.CHRONOLOGY,
]
SNAPSHOT_NAMES = [document.name for document in EVERY_DOCUMENT] + [f"{documents.FAMILY.name}-en"]
# The family's core group notes for a family reading English (the demo's read Yoruba).
SNAPSHOT_NAMES += [f"{documents.CORE_GROUP_NOTES['family'].name}-en"]
# Each person's own easy-read plan and child's plan (documents.easy_read_copy, child_plan_copy).
SNAPSHOT_NAMES += ["easy-read", "child-plan", "easy-read-en"]


@pytest.fixture(scope="module")
def rendered(app):
    """The documents, rendered once for the module; the tables are emptied afterwards."""
    try:
        yield render_all(app)
    finally:
        with app.app_context():
            db.session.remove()
            with db.engine.begin() as connection:
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(table.delete())


def test_every_printed_document_has_a_snapshot():
    """A document added to documents.py needs a snapshot here too."""
    listed = {
        value.name for value in vars(documents).values() if isinstance(value, documents.Document)
    } | {document.name for document in documents.CORE_GROUP_NOTES.values()}
    assert listed == {document.name for document in EVERY_DOCUMENT}


@pytest.mark.parametrize("name", SNAPSHOT_NAMES)
def test_document_html_matches_its_snapshot(rendered, name):
    html = normalised(rendered[name])
    path = SNAPSHOTS / f"{name}.html"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        pytest.fail(
            f"Wrote the snapshot {path.relative_to(TESTS.parent)}: check it, then run the tests "
            "again without UPDATE_SNAPSHOTS",
            pytrace=False,
        )
    expected = path.read_text(encoding="utf-8")
    if html != expected:
        diff = list(
            difflib.unified_diff(
                expected.splitlines(),
                html.splitlines(),
                fromfile=f"{path.relative_to(TESTS.parent)} (snapshot)",
                tofile=f"{name} (rendered now)",
                lineterm="",
            )
        )
        shown = "\n".join(diff[:DIFF_LINES])
        more = f"\n… {len(diff) - DIFF_LINES} more lines of diff" if len(diff) > DIFF_LINES else ""
        pytest.fail(
            f"The {name} document's HTML differs from its snapshot:\n{shown}{more}\n\n"
            f"If the change is intended, update {path} (run with UPDATE_SNAPSHOTS=1).",
            pytrace=False,
        )
