"""The review report's own words (issue 19), on the demo family's review: the social worker's
analysis and recommendation, and the parents' comments on the report with the date it was
shared; their forms (saved, checked, audited, conflicts shown, who may use them) and what the
PDF prints, with an honest line for each part not written yet."""

import io
import re
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from core_group_demo import seed, signed_in_as
from pages import assert_page, error_messages, error_summary, text_of
from pypdf import PdfReader
from sqlalchemy import select

from conference.extensions import db
from conference.models import AuditEvent, Case, Conference

ANALYSIS = "Mum and Dad have kept every appointment.\nThe shouting has stopped, Tolu says."
RECOMMENDATION = "The plan continues for three months, for both children."
COMMENTS = "We agree with most of it. We want the school to say how well Kemi is doing."
SHARED_ON = date(2026, 11, 20)


@pytest.fixture
def demo(app, monkeypatch):
    """The demo family with its review conference in draft."""
    seed(app, monkeypatch)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        review = db.session.scalar(
            select(Conference).where(
                Conference.case_id == case.id, Conference.conference_type == "review"
            )
        )
        initial = db.session.scalar(
            select(Conference).where(
                Conference.case_id == case.id, Conference.conference_type == "initial"
            )
        )
        return SimpleNamespace(review=review.id, initial=initial.id)


@pytest.fixture
def worker(app, demo):
    return signed_in_as(app, "socialworker@demo.example")


def analysis_url(demo) -> str:
    return f"/conferences/{demo.review}/review-analysis"


def comments_url(demo) -> str:
    return f"/conferences/{demo.review}/parents-comments"


def version_on(html: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"', html).group(1)


def review(app) -> Conference:
    with app.app_context():
        return db.session.scalar(select(Conference).where(Conference.conference_type == "review"))


def updates(app) -> list[dict]:
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "update", AuditEvent.record_type == "conference")
            .order_by(AuditEvent.id)
        )
        return [event.changes for event in events]


def share_report(app, on: date = SHARED_ON) -> None:
    with app.app_context():
        conference = db.session.scalar(
            select(Conference).where(Conference.conference_type == "review")
        )
        conference.report_shared_on = on
        db.session.commit()


def report_text(client, demo) -> str:
    response = client.get(f"/conferences/{demo.review}/review-report.pdf")
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_social_worker_writes_the_analysis_and_the_recommendation(app, demo, worker):
    progress = worker.get(f"/conferences/{demo.review}/progress").get_data(as_text=True)
    assert "Write your analysis and recommendation" in text_of(progress)
    html = assert_page(worker.get(analysis_url(demo)), "Your analysis and recommendation")
    version = version_on(html)

    response = worker.post(
        analysis_url(demo),
        {"version": version, "review_analysis": ANALYSIS, "review_recommendation": RECOMMENDATION},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/conferences/{demo.review}/progress#report"
    saved = review(app)
    assert (saved.review_analysis, saved.review_recommendation) == (ANALYSIS, RECOMMENDATION)
    assert updates(app) == [
        {"review_analysis": ["", ANALYSIS], "review_recommendation": ["", RECOMMENDATION]}
    ]
    progress = worker.get(f"/conferences/{demo.review}/progress").get_data(as_text=True)
    assert "Analysis and recommendation saved" in text_of(progress)
    assert "Change your analysis and recommendation" in text_of(progress)


def test_the_analysis_form_says_what_is_missing_or_too_long_and_keeps_what_was_typed(
    app, demo, worker
):
    version = version_on(worker.get(analysis_url(demo)).get_data(as_text=True))

    blank = worker.post(
        analysis_url(demo),
        {"version": version, "review_analysis": " ", "review_recommendation": ""},
    )
    html = assert_page(blank, "Your analysis and recommendation")
    assert error_messages(html) == ["Enter your analysis", "Enter your recommendation"]
    assert error_summary(html) == ["Enter your analysis", "Enter your recommendation"]

    too_long = worker.post(
        analysis_url(demo),
        {"version": version, "review_analysis": "a" * 5_001, "review_recommendation": "Continue"},
    )
    html = assert_page(too_long, "Your analysis and recommendation")
    assert error_messages(html) == ["Your analysis must be 5,000 characters or fewer"]
    assert ">Continue</textarea>" in html
    assert updates(app) == []


def test_a_save_over_someone_elses_shows_both_and_changes_nothing(app, demo, worker):
    version = version_on(worker.get(analysis_url(demo)).get_data(as_text=True))
    chair = signed_in_as(app, "chair@demo.example")
    first = {"version": version, "review_analysis": "The chair's", "review_recommendation": "End"}
    assert chair.post(analysis_url(demo), first).status_code == 302

    stale = worker.post(
        analysis_url(demo),
        {"version": version, "review_analysis": ANALYSIS, "review_recommendation": "End"},
    )

    html = text_of(assert_page(stale, "Your analysis and recommendation"))
    assert "Someone else changed this record while you were editing it" in html
    assert "The social worker’s analysis The chair's" in html
    assert review(app).review_analysis == "The chair's"


def test_the_parents_comments_come_after_the_report_was_shared(app, demo, worker):
    html = assert_page(worker.get(comments_url(demo)), "The parents’ comments on the report")
    assert "The report has not been shared with the parents yet" in text_of(html)
    # One box for both parents, labelled as such, and the hint asks who said what.
    assert "What the parents said In their own words where you can. Say who said what" in text_of(
        html
    )
    version = version_on(html)

    refused = worker.post(comments_url(demo), {"version": version, "parents_comments": COMMENTS})

    html = assert_page(refused, "The parents’ comments on the report")
    assert error_messages(html) == [
        "Record when the report was shared with the parents before their comments on it"
    ]
    assert COMMENTS in html
    assert review(app).parents_comments == ""

    share_report(app)
    html = worker.get(comments_url(demo)).get_data(as_text=True)
    assert "The report was shared with the parents on 20 November 2026" in text_of(html)
    blank = worker.post(comments_url(demo), {"version": version_on(html), "parents_comments": ""})
    assert error_messages(blank.get_data(as_text=True)) == [
        "Enter what the parents said about the report"
    ]

    saved = worker.post(
        comments_url(demo), {"version": version_on(html), "parents_comments": COMMENTS}
    )

    assert saved.status_code == 302
    assert review(app).parents_comments == COMMENTS
    assert updates(app) == [{"parents_comments": ["", COMMENTS]}]


def test_only_those_who_may_change_the_review_use_the_forms(app, demo):
    nurse = signed_in_as(app, "practitioner@demo.example")
    minute_taker = signed_in_as(app, "minutetaker@demo.example")
    for url in (analysis_url(demo), comments_url(demo)):
        assert nurse.get(url).status_code == 403
        assert minute_taker.get(url).status_code == 403
    chair = signed_in_as(app, "chair@demo.example")
    assert chair.get(f"/conferences/{demo.initial}/review-analysis").status_code == 404
    assert chair.get(f"/conferences/{demo.initial}/parents-comments").status_code == 404
    with app.app_context():
        db.session.get(Conference, demo.review).finalised_at = datetime.now(UTC)
        db.session.commit()
    assert chair.get(analysis_url(demo)).status_code == 409
    assert chair.get(comments_url(demo)).status_code == 409


def in_english(app, demo) -> None:
    """The family reads English: the report's words stand alone (the Yoruba report, with the
    English beside each piece, is tested in test_review_report_languages.py)."""
    with app.app_context():
        for adult in db.session.get(Conference, demo.review).case.adults:
            adult.plan_language = "English"
        db.session.commit()


def test_the_report_says_honestly_what_is_not_written_yet(app, demo, worker):
    in_english(app, demo)
    text = report_text(worker, demo)

    assert "The social worker’s analysis The social worker has not written the analysis yet." in (
        text
    )
    assert "The social worker has not written the recommendation yet." in text
    assert (
        "What the parents said about this report "
        "The report has not been shared with the parents yet. "
        "No comments from the parents have been recorded yet."
    ) in text


def test_the_report_prints_the_analysis_the_recommendation_and_the_parents_comments(
    app, demo, worker
):
    share_report(app)
    in_english(app, demo)
    with app.app_context():
        conference = db.session.get(Conference, demo.review)
        conference.review_analysis, conference.review_recommendation = ANALYSIS, RECOMMENDATION
        conference.parents_comments = COMMENTS
        db.session.commit()

    text = report_text(worker, demo)

    assert f"The social worker’s analysis {' '.join(ANALYSIS.split())}" in text
    assert f"The social worker’s recommendation {RECOMMENDATION}" in text
    assert (
        "What the parents said about this report "
        f"The report was shared with the parents on 20 November 2026. {COMMENTS}"
    ) in text
    assert "has not written" not in text and "No comments from the parents" not in text
