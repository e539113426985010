"""The review report's layout on the demo (issue 19): the core group meetings' table is never
split from its heading nor across pages (each row is whole), the scores' table is printed with
its caption, and the report is a draft until it is shared with the parents."""

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Case, Conference
from conference.pdf import documents
from conference.services.review import progress_summary


def squashed(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture
def review(app):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", "demo password for the review report layout")
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        yield db.session.scalars(
            select(Conference)
            .where(Conference.case_id == case.id)
            .order_by(Conference.held_on.desc())
        ).first()
        db.session.rollback()


def pages_of(pdf: bytes) -> list[str]:
    return [squashed(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_core_group_meetings_are_one_table_on_one_page(review):
    timings = progress_summary(review.case, review).timings
    assert len(timings) >= 3
    pages = pages_of(documents.review_report_pdf(review))
    heading = [i for i, page in enumerate(pages) if "Coregroupmeetings" in page]
    assert len(heading) == 1
    page = pages[heading[0]]
    for timing in timings:
        # Each date in English (after the parents' language's, in the demo's Yoruba report).
        for day in (timing.held_on, timing.due):
            assert squashed(long_date(day)) in page, (day, page)


def test_everyones_scores_are_printed_with_their_caption(review):
    pages = pages_of(documents.review_report_pdf(review))
    caption = next(i for i, page in enumerate(pages) if "Everyone’sscores,from0to10" in page)
    assert "Themiddlescore" in pages[caption]


def test_the_report_is_a_draft_until_it_is_shared_with_the_parents(review):
    assert review.report_shared_on is None
    pages = pages_of(documents.review_report_pdf(review))
    assert all("DRAFT" in page for page in pages)
    review.report_shared_on = review.held_on - timedelta(days=7)
    pages = pages_of(documents.review_report_pdf(review))
    assert not any("DRAFT" in page for page in pages)
