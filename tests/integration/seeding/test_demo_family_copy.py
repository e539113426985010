"""What the demo family's copies leave out (issue 19): Tolu asked that what he said about
hiding under the table is not told to his dad, so his own words and the map item that repeats
them are kept out, each with the reason; no goal quotes him; and the family-copy page says
truthfully what is printed, kept off the screen or only partly kept out."""

from datetime import date

from helpers import Client, sign_in
from pages import text_of
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Conference
from conference.pdf import review_report
from conference.pdf.render import render_html
from conference.seeding import demo
from conference.services.conferences import family_copy

PASSWORD = "a demo password for the family copy test"
REPEATS = "It repeats what Tolu asked not to be told to his dad (that he hid under the table)."


def _conferences():
    case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
    found = db.session.scalars(select(Conference).where(Conference.case_id == case.id))
    return {conference.conference_type: conference for conference in found}


def test_the_demo_keeps_tolus_words_out_wherever_they_are_repeated(app):
    with app.app_context():
        demo.seed(PASSWORD, today=date(2026, 11, 23))
        conferences = _conferences()
        initial = conferences["initial"]
        things = {thing.label: thing for thing in family_copy.keepable(initial)}
        harm = things["Danger / harm 1"]
        assert "hid under the table" in harm.text and harm.reason == REPEATS
        words = things["Tolu: In their own words"]
        assert words.kept
        # Nothing the family's copies still print repeats what he said.
        assert family_copy.repeated_elsewhere(initial, words) == []
        context = review_report.review_report_context(conferences["review"])
        report = text_of(render_html(review_report.REPORT_TEMPLATE, **context))
        initial_id = initial.id
    assert "Where things were at the conference Police were called on" in report
    for quoted in ("hid under the table", "Tolu hides", "told his teacher he hid"):
        assert quoted not in report
    client = Client(app.test_client())
    assert sign_in(client, "chair@demo.example", PASSWORD).status_code == 302
    page = text_of(client.get(f"/conferences/{initial_id}/family-copy").get_data(as_text=True))
    assert f"hid under the table. Not for the family’s copy Reason: {REPEATS} Put back" in page
    assert (
        "Mum has no recourse to public funds until next year, so money is very tight. "
        "In the family’s copy Kept off the screen (the room) Keep out"
    ) in page
    assert "Everything Tolu said Daddy shouted" in page
    assert "A puppy. Partly kept out (In their own words) Keep out" in page
    assert "The same words appear in" not in page
    for answer in ("Nigerian", "no recourse to public funds until next year.", "her accent."):
        assert f"{answer} Never printed in a family copy" in page
