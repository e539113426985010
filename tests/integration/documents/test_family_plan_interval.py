"""The family plan tells the family how often the core group meets here: the area's own
CORE_GROUP_INTERVAL_WEEKS setting, in English and in the family's language."""

import unicodedata

from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Plan
from conference.pdf import documents
from conference.pdf.render import render_html


def seed_demo(app, monkeypatch) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for the interval tests")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def printed_html(app, monkeypatch) -> str:
    """The family plan's HTML, made the way a download makes it (documents.FAMILY)."""

    def html_instead_of_pdf(template, **context):
        context.pop("attachments")
        return render_html(template, **context)

    monkeypatch.setattr(documents, "render_pdf", html_instead_of_pdf)
    with app.app_context():
        plan = db.session.scalars(
            select(Plan).join(Case).where(Case.reference == "DEMO-0001").order_by(Plan.number)
        ).first()
        return unicodedata.normalize("NFC", documents.FAMILY.make(plan))


def test_a_four_week_interval_is_printed_in_both_languages(app, monkeypatch):
    seed_demo(app, monkeypatch)
    monkeypatch.setitem(app.config, "CORE_GROUP_INTERVAL_WEEKS", 4)
    html = printed_html(app, monkeypatch)
    assert "It meets at least every 4 weeks to check how the plan is going." in html
    assert unicodedata.normalize("NFC", "ní gbogbo ọ̀sẹ̀ 4 láti wo") in html
    assert "every 6 weeks" not in html


def test_the_default_interval_is_six_weeks(app, monkeypatch):
    seed_demo(app, monkeypatch)
    assert "It meets at least every 6 weeks" in printed_html(app, monkeypatch)
