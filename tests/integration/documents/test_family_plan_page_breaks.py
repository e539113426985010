"""Page breaks in the demo's large-print bilingual copy (issue 19): Grandma reads Yoruba in
large print, and her copy is the longest the demo prints (version 1, agreed, and version 2, the
draft for the review). No page holds only a heading, and "Printed on" is never left alone on
the last page."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from conference.extensions import db
from conference.models import Adult, Case, Plan
from conference.pdf import documents
from conference.pdf.family_plan import TEMPLATE, family_plan_context
from conference.pdf.render import render_pdf

HEADINGS = (
    "Why we are worried",
    "What is working well",
    "What needs to happen",
    "What the children say",
    "What you told us",
    "Who your family are",
    "Where things are now",
    "What happens if things do not change",
    "When we will meet again",
    "What you can do if you disagree",
    "What some words mean",
)


# The running header ("… / Family plan · Kemi, Tolu and Baby · 21 December 2026"), the
# marking at the head and foot, the page number and the watermark.
MARGINS = re.compile(r"Familyplan·|OFFICIAL-SENSITIVE|^DRAFT$")


def squashed(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFC", text))


def page_lines(pdf: bytes) -> list[list[str]]:
    """Each page's lines of text in the page's body: the running header, the marking and the
    page number (in the margins) and the DRAFT watermark left out."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines = [squashed(line) for line in page.extract_text().splitlines()]
        pages.append([line for line in lines if line and not MARGINS.search(line)])
    return pages


def seed(app, password: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", password)
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def grandmas_copy(app):
    seed(app, "demo password for the page breaks")
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        grandma = db.session.scalar(select(Adult).where(Adult.given_name == "Abosede"))
        plans = db.session.scalars(select(Plan).where(Plan.case_id == case.id)).all()
        yield [documents.own_copy(grandma, "adult").make(plan) for plan in plans]
        db.session.rollback()


def test_no_page_holds_only_a_heading(grandmas_copy):
    for pdf in grandmas_copy:
        for number, lines in enumerate(page_lines(pdf), 1):
            english = [line for line in lines if line in map(squashed, HEADINGS)]
            # A heading is two lines in a bilingual copy: Yoruba, then English under it.
            assert not (english and len(lines) <= 2 * len(english)), (number, lines)


def test_printed_on_shares_its_page(grandmas_copy):
    for pdf in grandmas_copy:
        last = page_lines(pdf)[-1]
        assert any("Printedon" in line for line in last), last
        assert [line for line in last if "Printedon" not in line], last


# The glossary grows, so that the plan's end falls at different places on a page (with 18 more
# words and no rule to keep it with the text before, "Printed on" was alone on the last page):
# wherever it falls, "Printed on" is printed with the text before it.
@pytest.mark.parametrize("words", [17, 18, 19, 42])
def test_printed_on_is_never_alone_however_the_plan_ends(app, words):
    seed(app, "demo password for printed on")
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        plan = db.session.scalars(select(Plan).where(Plan.case_id == case.id)).first()
        grandma = db.session.scalar(select(Adult).where(Adult.given_name == "Abosede"))
        context = family_plan_context(plan, person=grandma, core_group_interval_weeks=6)
        context["glossary"] = [
            *context["glossary"],
            *[(f"word {n}", "what the word means, in a line") for n in range(words)],
        ]
        last = page_lines(render_pdf(TEMPLATE, **context))[-1]
        db.session.rollback()
    assert [line for line in last if "Printedon" not in line], last
