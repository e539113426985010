"""The review report's pages, as WeasyPrint lays them out for the demo family (DEMO-0001): no
page ends with a heading, the English line under a translated heading or a table's caption, in
Yoruba (the demo's parents' language) or in English. A trial found "Actions" alone at the foot of
a page: its table, kept whole, had moved to the next."""

from datetime import date

import pytest
from sqlalchemy import select
from weasyprint import HTML

from conference.extensions import db
from conference.models import Case, Conference
from conference.pdf import review_report
from conference.pdf.render import BASE_URL, StaticOnlyFetcher, render_html
from conference.seeding.demo import seed

TODAY = date(2026, 11, 23)
HEADINGS = {"h1", "h2", "h3", "h4", "caption"}


def lines(box) -> list:
    """The page's line boxes in flow, in order (running headers and footers are not in flow)."""
    found = []
    for child in getattr(box, "children", []):
        if child.is_in_normal_flow():
            found += lines(child)
    if type(box).__name__ == "LineBox":
        found.append(box)
    return found


def what_ends_each_page(html: str) -> list[tuple[str, str, str]]:
    """(tag, class, text) of the last line of each page."""
    fetcher = StaticOnlyFetcher(None)
    pages = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render().pages
    ends = []
    for page in pages:
        last = lines(page._page_box.children[0])[-1]
        element = last.element
        words = "".join(getattr(box, "text", "") for box in last.descendants())
        ends.append((last.element_tag, element.get("class") or "", words))
    return ends


def is_heading(tag: str, classes: str) -> bool:
    return tag in HEADINGS or "heading-en" in classes.split()


@pytest.fixture(scope="module")
def laid_out(app):
    """What ends each page of the demo's review report in Yoruba and in English."""
    done = {}
    with app.app_context():
        seed("a demo password for the tests", today=TODAY)
        case = db.session.scalars(select(Case).where(Case.reference == "DEMO-0001")).one()
        review = max(
            db.session.scalars(select(Conference).where(Conference.case_id == case.id)),
            key=lambda conference: conference.held_on,
        )
        for code in ("yo", "en"):
            if code == "en":
                for adult in case.adults:
                    adult.plan_language = "English"
            context = review_report.review_report_context(review, today=TODAY)
            assert context["lang"] == code
            html = render_html(review_report.REPORT_TEMPLATE, **context)
            done[code] = what_ends_each_page(html)
        db.session.rollback()
    with app.app_context(), db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    return done


@pytest.mark.parametrize("code", ["yo", "en"])
def test_no_page_of_the_review_report_ends_with_a_heading(laid_out, code):
    ends = laid_out[code]
    assert len(ends) > 3  # several pages: the test looks at real page breaks
    assert [end for end in ends if is_heading(*end[:2])] == []
