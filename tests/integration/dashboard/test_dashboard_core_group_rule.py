"""The dashboard's "core groups on time" judges each meeting as the core group pages do: a core
group held within the 10 working days before the review conference booked after it is late on
the family's list of core groups and on the dashboard alike, from the running totals (kept up to
date when the review is booked or moved) and after they are rebuilt.

The demo family (seeded for Monday 23 November 2026) met on 16 September, 14 October and 11
November; its review is booked for 7 December. The third meeting is moved to Friday 20 November
(within 6 weeks of the one before), then the review to a day whose 10 working days before it
start just before or just after that meeting.

A family with no review booked is judged against the review its conference set, or else the
statutory date, on both."""

from datetime import UTC, date, datetime, time

import pytest
from helpers import Client, sign_in
from pages import text_of, texts
from records import dashboard_families
from sqlalchemy import select

from conference.domain import timescales
from conference.domain.timescales import default_calendar, latest_core_group_before_review
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Case, Child, ChildDecision, Conference, CoreGroupMeeting, Plan, Role
from conference.seeding.demo import seed
from conference.services.dashboard import counting, tallies
from conference.services.dashboard.rows import Filters
from conference.services.dashboard.timeliness import review_due

PASSWORD = "demo password for the core group rule tests"
TODAY = date(2026, 11, 23)
MOVED_TO = date(2026, 11, 20)
FIGURE = "core-groups-on-time"
MONTHS = Filters(date(2026, 9, 1), date(2026, 11, 30), date(2026, 11, 30))
RANGE = {"start": ["1", "9", "2026"], "end": ["30", "11", "2026"]}


@pytest.fixture
def family(app):
    """The demo family, its last core group moved to 20 November (saved as the app saves)."""
    with app.app_context():
        seed(PASSWORD, TODAY)
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        meetings = db.session.query(CoreGroupMeeting).filter_by(case_id=case.id)
        last = meetings.order_by(CoreGroupMeeting.held_on.desc()).first()
        last.held_on = MOVED_TO
        db.session.commit()
        review = db.session.query(Conference).filter_by(case_id=case.id, conference_type="review")
        return {"case_id": case.id, "review_id": review.one().id}


def book_review(app, family, on: date) -> None:
    with app.app_context():
        db.session.get(Conference, family["review_id"]).held_on = on
        db.session.commit()


def core_group_list(app, family) -> str:
    client = Client(app.test_client())
    assert sign_in(client, "socialworker@demo.example", PASSWORD).status_code == 302
    response = client.get(f"/cases/{family['case_id']}/core-groups")
    assert response.status_code == 200
    return text_of(response.get_data(as_text=True))


def dashboard_figure(app) -> str:
    client = Client(app.test_client())
    assert sign_in(client, "headofservice@demo.example", PASSWORD).status_code == 302
    response = client.get("/dashboard/", query_string=RANGE)
    assert response.status_code == 200
    (shown,) = texts(response.get_data(as_text=True), f'[data-figure="{FIGURE}"]')
    return shown


def counted(app) -> tuple[tuple[int, int], tuple[int, int]]:
    """The figure from the running totals and from the records."""
    with app.app_context():
        assert tallies.built()
        kept = tallies.count_figures([FIGURE], MONTHS)[FIGURE]
        records = counting.count_figure(FIGURE, MONTHS)
    return (kept.count, kept.denominator), (records.count, records.denominator)


def test_the_review_chosen_puts_the_meeting_either_side_of_its_last_day():
    calendar = default_calendar()
    assert latest_core_group_before_review(date(2026, 12, 4), calendar) == MOVED_TO
    assert latest_core_group_before_review(date(2026, 12, 3), calendar) == date(2026, 11, 19)


@pytest.mark.parametrize(
    ("review_on", "shown", "figure"),
    [
        # Review on 7 December: 20 November is before its 10 working days (on time anyway).
        (date(2026, 12, 7), "On time", "100%: 3 out of 3"),
        # Review on 4 December: 20 November is the last day allowed.
        (date(2026, 12, 4), "On time", "100%: 3 out of 3"),
        # Review on 3 December: 20 November is one day into its 10 working days.
        (date(2026, 12, 3), "Late", "67%: 2 out of 3"),
    ],
)
def test_the_core_group_page_and_the_dashboard_give_the_same_answer(
    app, family, review_on, shown, figure
):
    book_review(app, family, review_on)
    listed = core_group_list(app, family)
    assert f"{long_date(MOVED_TO)} {shown}" in listed
    on_time = int(figure.split(": ")[1].split(" ")[0])
    assert counted(app) == ((on_time, 3), (on_time, 3))
    assert dashboard_figure(app) == figure
    with app.app_context():
        tallies.rebuild()
        db.session.commit()
    assert counted(app) == ((on_time, 3), (on_time, 3))
    assert dashboard_figure(app) == figure


def test_moving_the_review_back_puts_the_totals_back(app, family):
    book_review(app, family, date(2026, 12, 3))
    assert counted(app)[0] == (2, 3)
    book_review(app, family, date(2026, 12, 7))
    assert counted(app)[0] == (3, 3)
    assert f"{long_date(MOVED_TO)} On time" in core_group_list(app, family)


def test_the_csv_names_the_review_each_core_group_was_judged_against(app, family):
    book_review(app, family, date(2026, 12, 3))
    client = Client(app.test_client())
    assert sign_in(client, "headofservice@demo.example", PASSWORD).status_code == 302
    response = client.get(f"/dashboard/{FIGURE}/download", query_string=RANGE)
    assert response.status_code == 200
    lines = response.get_data(as_text=True).splitlines()
    assert "Next review conference" in lines[0]
    late = [line for line in lines if "2026-11-20" in line]
    assert len(late) == 1
    assert "2026-12-03" in late[0]
    assert late[0].endswith("Late")


# A family with no review booked: initial conference on Friday 14 February 2025, so the review
# is due by 14 May (statutory), whose 10 working days start after 29 April (the bank holiday
# on 5 May not counted). Core groups on 25 February, 1 April and 30 April.
UNBOOKED = Filters(date(2025, 2, 1), date(2025, 5, 31), date(2025, 5, 31))
UNBOOKED_RANGE = {"start": ["1", "2", "2025"], "end": ["31", "5", "2025"]}
HELD = (date(2025, 2, 25), date(2025, 4, 1), date(2025, 4, 30))


@pytest.fixture
def unbooked(app):
    def make(review_set_on: date | None) -> int:
        with app.app_context():
            _team_a, _team_b, _pod, family, _other = dashboard_families(date(2025, 3, 1))
            child = Child(case=family, given_name="Test", family_name="A1", local_child_id="A1")
            initial = Conference(
                case=family,
                conference_type="initial",
                held_on=date(2025, 2, 14),
                starts_at=time(10),
                finalised_at=datetime.combine(date(2025, 2, 14), time(17), tzinfo=UTC),
            )
            decision = ChildDecision(
                conference=initial,
                child=child,
                outcome="cp_plan",
                category="NEG",
                review_on=review_set_on,
            )
            plan = Plan(case=family, conference=initial)
            # Recorded in full (a meeting still being recorded is tagged so on the list).
            done = datetime(2025, 6, 1, tzinfo=UTC)
            meetings = [
                CoreGroupMeeting(case=family, plan=plan, held_on=on, completed_at=done)
                for on in HELD
            ]
            db.session.add_all([family, child, initial, decision, plan, *meetings])
            db.session.commit()
            return family.id

    return make


@pytest.mark.parametrize(
    ("review_set_on", "shown", "on_time"),
    [
        (None, "Late", 2),  # the statutory date, 14 May
        (date(2025, 5, 14), "Late", 2),
        (date(2025, 5, 21), "On time", 3),  # 10 working days before it start after 7 May
    ],
)
def test_with_no_review_booked_both_judge_by_the_date_set_or_due(
    app, unbooked, make_user, review_set_on, shown, on_time
):
    case_id = unbooked(review_set_on)
    make_user(Role.CHAIR, email="chair@example.org")
    client = Client(app.test_client())
    assert sign_in(client, "chair@example.org").status_code == 302
    response = client.get(f"/cases/{case_id}/core-groups")
    assert response.status_code == 200
    assert f"{long_date(HELD[-1])} {shown}" in text_of(response.get_data(as_text=True))
    with app.app_context():
        kept = tallies.count_figures([FIGURE], UNBOOKED)[FIGURE]
        records = counting.count_figure(FIGURE, UNBOOKED)
    assert (kept.count, kept.denominator) == (records.count, records.denominator) == (on_time, 3)


@pytest.mark.parametrize(
    ("conference_type", "held_on"),
    [
        ("initial", date(2025, 2, 14)),
        ("initial", date(2024, 11, 30)),  # 28 February 2025
        ("transfer_in", date(2023, 11, 30)),  # 29 February 2024
        ("review", date(2025, 8, 31)),  # 28 February 2026
        ("review", date(2025, 12, 31)),  # 30 June 2026
        ("review", date(2026, 1, 15)),
    ],
)
def test_the_statutory_review_date_in_the_database_is_the_domain_s(
    app_ctx, conference_type, held_on
):
    found = db.session.scalar(select(review_due(conference_type, held_on)))
    assert found == timescales.review_due(conference_type, held_on)


def test_a_plan_ended_at_a_review_is_judged_against_that_review_on_both(app, unbooked, make_user):
    """The review conference that ended the plan was the next review for its last meetings:
    30 April falls within the 10 working days before 14 May, on the page and the dashboard."""
    case_id = unbooked(None)
    with app.app_context():
        ended_on = date(2025, 5, 14)
        review = Conference(
            case_id=case_id,
            conference_type="review",
            held_on=ended_on,
            starts_at=time(10),
            finalised_at=datetime.combine(ended_on, time(17), tzinfo=UTC),
        )
        child = db.session.scalar(select(Child).where(Child.case_id == case_id))
        review.decisions = [ChildDecision(child=child, outcome="nfa")]
        db.session.add(review)
        db.session.scalar(select(Plan).where(Plan.case_id == case_id)).ended_on = ended_on
        db.session.commit()
    make_user(Role.CHAIR, email="chair@example.org")
    client = Client(app.test_client())
    assert sign_in(client, "chair@example.org").status_code == 302
    response = client.get(f"/cases/{case_id}/core-groups")
    assert f"{long_date(HELD[-1])} Late" in text_of(response.get_data(as_text=True))
    with app.app_context():
        kept = tallies.count_figures([FIGURE], UNBOOKED)[FIGURE]
        records = counting.count_figure(FIGURE, UNBOOKED)
    assert (kept.count, kept.denominator) == (records.count, records.denominator) == (2, 3)
