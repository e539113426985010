"""One rule for when a core group is due, everywhere: the demo family's last core group was 18
working days before the review, which meets "at least 10 working days before the review", so the
case page, the core group list and My work say no core group is due until after the review, as
the review page and the dashboard say every core group was on time."""

from datetime import date, timedelta

import pytest
from helpers import Client, sign_in
from pages import text_of

from conference.domain.core_group_schedule import review_first_reason
from conference.domain.timescales import default_calendar
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Case, Conference, CoreGroupMeeting
from conference.seeding.demo import seed
from conference.services.dashboard.counting import count_figure
from conference.services.dashboard.rows import Filters

PASSWORD = "demo password for the schedule tests"
TODAY = date(2026, 11, 23)  # a Monday, as the document snapshots use


@pytest.fixture
def demo(app):
    with app.app_context():
        seed(PASSWORD, TODAY)
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        review = db.session.query(Conference).filter_by(case_id=case.id, conference_type="review")
        meetings = db.session.query(CoreGroupMeeting).filter_by(case_id=case.id)
        return {
            "case_id": case.id,
            "review": review.one(),
            "held": sorted(m.held_on for m in meetings),
        }


@pytest.fixture
def social_worker(app, demo, monkeypatch):
    from conference.services.my_work import items

    monkeypatch.setattr(items, "today", lambda: TODAY)
    client = Client(app.test_client())
    assert sign_in(client, "socialworker@demo.example", PASSWORD).status_code == 302
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return text_of(response.get_data(as_text=True))


def test_the_demo_s_last_core_group_met_the_before_the_review_rule(demo):
    review_on = demo["review"].held_on
    assert default_calendar().working_days_between(demo["held"][-1], review_on) == 18


def test_the_case_page_core_group_list_and_my_work_say_nothing_is_due_before_the_review(
    demo, social_worker
):
    after = demo["review"].held_on + timedelta(weeks=6)
    due = f"Next core group due by {long_date(after)} {review_first_reason(6)}."
    case_id = demo["case_id"]
    assert due in page(social_worker, f"/cases/{case_id}")
    listed = page(social_worker, f"/cases/{case_id}/core-groups")
    assert due in listed
    for held_on in demo["held"]:
        assert f"{long_date(held_on)} On time" in listed
    assert "Late" not in listed
    my_work = page(social_worker, "/my-work/")
    assert f"Core group {review_first_reason(6)} Due by {long_date(after)}" in my_work
    assert f"Due by {long_date(after)} Overdue" not in my_work


def test_the_review_page_and_the_dashboard_say_every_core_group_was_on_time(
    app, demo, social_worker
):
    progress = page(social_worker, f"/conferences/{demo['review'].id}/progress")
    assert "3 core groups held, all on time" in progress
    with app.app_context():
        held = count_figure("core-groups-on-time", Filters(date(2026, 1, 1), TODAY, TODAY))
    assert (held.count, held.denominator) == (3, 3)
