"""The review report in the family's language (docs/domain.md section 11): the demo's parents
ask for Yoruba, so its fixed text is in Yoruba with the English under or after each piece, and
what people wrote stays in English, read with an English voice; Arabic reads right to left; an
English family's report is English only. Staff are told on the progress page, before printing,
what language the report prints in, that an interpreter must go through what people wrote, and
that the fixed text is a draft translation; the report itself never says the last."""

import io
import os
import re
from pathlib import Path

import pytest
from helpers import Client, sign_in
from pages import text_of
from pypdf import PdfReader
from sqlalchemy import select
from tagged_pdf import ARABIC_SCRIPT, language_of, squashed, structure

from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Case, Conference
from conference.pdf import documents, i18n, review_report
from conference.pdf.render import render_html

PASSWORD = "demo password for the review report languages"
NOTICE = (
    "The report prints in Yoruba and English. What people wrote is in English: an interpreter "
    "must go through it with the parents."
)
NOT_CHECKED = "have not been checked by a qualified translator"


def demo_review() -> Conference:
    case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
    return db.session.scalars(
        select(Conference).where(Conference.case_id == case.id).order_by(Conference.held_on.desc())
    ).first()


def in_language(case, language: str) -> None:
    for adult in case.adults:
        adult.plan_language = language


def _keep(name: str, pdf: bytes) -> None:
    """With KEEP_PDFS=<folder>, the reports are kept there to be looked at."""
    folder = os.environ.get("KEEP_PDFS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"review-report-{name}.pdf").write_bytes(pdf)


@pytest.fixture(scope="module")
def reports(app):
    """The demo's review report in Yoruba (as the parents ask), Arabic and English, and its
    HTML, made once for the module; the tables are emptied afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", PASSWORD)
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    made = {}
    try:
        with app.app_context():
            review = demo_review()
            made["yo"] = documents.review_report_pdf(review)
            made["yo-html"] = render_html(
                review_report.REPORT_TEMPLATE, **review_report.review_report_context(review)
            )
            made["held_on"] = review.held_on
            for language, code in (("Arabic", "ar"), ("English", "en")):
                in_language(review.case, language)
                made[code] = documents.review_report_pdf(review)
            db.session.rollback()
        for name in ("yo", "ar", "en"):
            _keep(name, made[name])
        yield made
    finally:
        with app.app_context():
            db.session.remove()
            with db.engine.begin() as connection:
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(table.delete())


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_yoruba_report_has_its_headings_in_yoruba_with_the_english(reports):
    elements = structure(reports["yo"])
    for yoruba, english in (
        ("Àfojúsùn 1", "Goal 1"),
        ("Bí a ṣe máa mọ̀", "How we will know"),
        ("Ohun tí ó ṣì gbọ́dọ̀ yí padà", "What still needs to change"),
        ("Ìtúpalẹ̀ òṣìṣẹ́ àwùjọ", "The social worker’s analysis"),
    ):
        assert language_of(elements, yoruba) == "yo", yoruba
        assert language_of(elements, english) == "en", english
    text = squashed(" ".join(pages_of(reports["yo"])))
    assert squashed("Report for the review child protection conference for Kemi, Tolu and") in text
    assert squashed("Kemi, Tolu àti Baby Adebayo") in text
    # The figures the staff pages give, in the parents' language and in English.
    assert squashed("Ratings at each core group, in order: Worse, then Some progress") in text
    # The page number in Yoruba and in English.
    assert "Ojú-ìwé1nínú" in text and "Page1of" in text


def test_the_yoruba_report_is_tagged_yoruba_and_what_people_wrote_english(reports):
    reader = PdfReader(io.BytesIO(reports["yo"]))
    assert reader.trailer["/Root"]["/Lang"] == "yo"
    elements = structure(reports["yo"])
    # The English of a goal (under its imported Yoruba) and the evidence are read in English.
    assert language_of(elements, "Kemi goes to school every day") == "en"
    assert language_of(elements, "I'm in the netball team now.") == "en"
    assert sum(1 for e in elements if e["own"] is not None and str(e["own"]) == "en") > 20


def test_dates_are_in_the_languages_words(reports):
    """ "21 Oṣù Ọ̀pẹ̀ 2026 ní agogo 15:30", then "21 December 2026 at 3:30pm"."""
    held_on, html = reports["held_on"], reports["yo-html"]
    yoruba = i18n.local_date(held_on, "yo")
    assert "Oṣù" in yoruba
    assert f'<span lang="yo" dir="ltr">{yoruba} ní agogo 15:30</span>' in html
    assert f" / {long_date(held_on)} at 3:30pm</span>" in html


def test_the_arabic_report_reads_right_to_left(reports):
    reader = PdfReader(io.BytesIO(reports["ar"]))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    elements = structure(reports["ar"])
    arabic = [e for e in elements if ARABIC_SCRIPT.search(e["text"])]
    assert arabic and {e["lang"] for e in arabic} == {"ar"}
    assert language_of(elements, "كل هدف من أهداف السلامة") == "ar"  # Each safety goal
    assert language_of(elements, "Each safety goal") == "en"


def test_the_arabic_html_marks_each_translated_piece_right_to_left(app):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", PASSWORD)
        assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        review = demo_review()
        in_language(review.case, "Arabic")
        html = render_html(
            review_report.REPORT_TEMPLATE, **review_report.review_report_context(review)
        )
        db.session.rollback()
    assert '<h1 class="" lang="ar" dir="rtl">' in html
    assert '<p class="heading-en h1-en" lang="en">Report for the review' in html


def test_the_english_report_is_in_english_only(reports):
    reader = PdfReader(io.BytesIO(reports["en"]))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    pages = pages_of(reports["en"])
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert "Report for the review child protection conference for Kemi, Tolu and Baby" in text
    assert "Progress Achieved" in text and "Progress Some progress" in text
    assert "Kemi goes to school every day: her attendance is at least 95% each half term." in text
    assert not ARABIC_SCRIPT.search(text)
    for yoruba in ("Àfojúsùn", "Ojú-ìwé", "àti"):
        assert yoruba not in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    # Nothing for staff on the parents' copy.
    for report in (reports["en"], reports["yo"], reports["ar"]):
        assert "qualified translator" not in " ".join(pages_of(report))


# The staff's notice on the progress page, before printing.


@pytest.fixture
def demo_client(app):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", PASSWORD)
        assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        review_id = demo_review().id
    client = Client(app.test_client())
    assert sign_in(client, "practitioner@demo.example", PASSWORD).status_code == 302
    return client, review_id


def test_staff_are_told_the_report_prints_in_yoruba_before_printing(demo_client):
    client, review_id = demo_client
    page = text_of(client.get(f"/conferences/{review_id}/progress").get_data(as_text=True))
    assert NOTICE in page
    assert (NOT_CHECKED in page) is not i18n.translator_checked("yo")
    assert "Download the report for the parents (PDF)" in page


def test_no_notice_for_an_english_family(app, demo_client):
    client, review_id = demo_client
    with app.app_context():
        in_language(db.session.get(Conference, review_id).case, "English")
        db.session.commit()
    html = client.get(f"/conferences/{review_id}/progress").get_data(as_text=True)
    assert 'id="report-language"' not in html
    assert "The report prints in" not in text_of(html) and NOT_CHECKED not in text_of(html)
    assert "Download the report for the parents (PDF)" in text_of(html)
