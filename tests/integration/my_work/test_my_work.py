"""My work: each user's overdue and upcoming items on the cases they have a part in, with the
statutory due dates the case pages show, overdue first; who sees what; the audit row; and a
number of queries that does not grow with the number of cases."""

import re
from datetime import date, time, timedelta

import pages
import pytest
from helpers import PASSWORD, Client, count, sign_in
from pages import assert_page, section, text_of, texts
from pages import section_rows as rows
from records import add_child, add_enquiry
from sqlalchemy import event

from conference.common.templating import long_date
from conference.domain import clock, timescales
from conference.extensions import db
from conference.models import (
    AuditEvent,
    Case,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    Plan,
    User,
)
from conference.services import core_groups as core_group_services
from conference.services.my_work import items as services
from conference.services.my_work.queries import CaseWork

URL = "/my-work/"
TODAY = clock.today()
CALENDAR = timescales.default_calendar()
# A Wednesday with no bank holiday near it, for the small built cases.
BUILT_TODAY = date(2026, 10, 14)


def links(html: str, key: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', section(html, key))


def _row_links(html: str, key: str) -> list[str]:
    """The address each row of one kind's table links to (its last link: the first may be the
    family's)."""
    return [pages.links(row)[-1][0] for row in pages.select(section(html, key), "tbody tr")]


def signed_in_as(app, email) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email, PASSWORD).status_code == 302, email
    return client


@pytest.fixture
def demo(app, monkeypatch):
    """The demo data as `flask seed-demo` creates it: DEMO-0001 (the Adebayo family, Team A) with
    its finalised initial conference, a draft plan, three core groups held and a review booked;
    DEMO-0002 in another team."""
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        schedule = core_group_services.schedule(case, 6, TODAY)
        review = db.session.query(Conference).filter_by(case_id=case.id, conference_type="review")
        review = review.one()
        plan = db.session.query(Plan).filter_by(case_id=case.id, number=1).one()
        draft = db.session.query(Plan).filter_by(case_id=case.id, number=2).one()
        first_meeting = min(m.held_on for m in schedule.held)
        return {
            "case_id": case.id,
            "core_group_due": schedule.due.on,
            "core_group_reason": schedule.due.reason,
            "review_id": review.id,
            "review_on": review.held_on,
            "statutory_review": timescales.review_due("initial", plan.conference.held_on),
            "plan_id": plan.id,
            "initial_on": plan.conference.held_on,
            "first_meeting": first_meeting,
            "draft_id": draft.id,
            "findings": services.findings_count(draft, app.config["PLAN_ACTIONS_CEILING"]),
        }


# The demo family, seen by its social worker.


def test_the_social_worker_sees_the_next_core_group_due_as_the_case_page_shows_it(app, demo):
    html = assert_page(signed_in_as(app, "socialworker@demo.example").get(URL), "My work")

    due = demo["core_group_due"]
    [row] = rows(html, "core-groups")
    assert row.startswith("DEMO-0001 Adebayo family Core group")
    assert f"Due by {long_date(due)}" in row
    assert demo["core_group_reason"] in row
    assert f"/cases/{demo['case_id']}/core-groups" in links(html, "core-groups")
    assert "DEMO-0002" not in html


def test_the_social_worker_sees_the_booked_review_and_the_report_due_before_it(app, demo):
    html = signed_in_as(app, "socialworker@demo.example").get(URL).get_data(as_text=True)

    [conference] = rows(html, "conferences")
    assert "Review child protection conference" in conference
    assert f"Booked for {long_date(demo['review_on'])}" in conference
    assert f"/conferences/{demo['review_id']}" in links(html, "conferences")
    report_due = timescales.reports_to_parents_due(demo["review_on"], "review", CALENDAR)
    [report] = rows(html, "reports")
    assert report.startswith("DEMO-0001 Adebayo family Report for the review child protection")
    assert f"The conference is on {long_date(demo['review_on'])}" in report
    assert f"Due by {long_date(report_due)}" in report
    # Booked, the review is listed once: under Conferences, not again as a review to book.
    assert rows(html, "reviews") == []
    assert "No review conference to book" in text_of(section(html, "reviews"))


@pytest.mark.parametrize(
    "email",
    [
        "socialworker@demo.example",
        "manager@demo.example",
        "chair@demo.example",
        "practitioner@demo.example",
    ],
)
def test_each_item_is_listed_once(app, demo, email):
    html = signed_in_as(app, email).get(URL).get_data(as_text=True)

    keys = ("conferences", "core-groups", "visits", "reports", "oversight", "reviews")
    listed = [
        (row, link)
        for key in keys
        if f'id="{key}"' in html
        for row, link in zip(rows(html, key), _row_links(html, key), strict=True)
    ]
    whats = [(row.split(" Due by")[0].split(" Booked for")[0], link) for row, link in listed]
    assert len(whats) == len(set(whats)), whats
    assert sum("Review child protection conference" in row for row, _ in listed) == 1


def test_a_review_not_booked_yet_is_listed_to_book_by_its_statutory_date(app, demo):
    """The demo's case as it was before its review was booked: the plan in force, no review."""
    with app.app_context():
        worker = db.session.query(User).filter_by(email="socialworker@demo.example").one()
        case = db.session.get(Case, demo["case_id"])
        plan = db.session.get(Plan, demo["plan_id"])
        before = CaseWork(case, conferences=[plan.conference], plans=[plan])

        [review] = services.review_items(worker, [before])
        booked = list(services.conference_items(worker, [before], TODAY, CALENDAR))

    assert (review.what, review.detail) == ("Review child protection conference", "Not booked yet")
    assert review.on == demo["statutory_review"]
    assert review.link.endpoint == "core_groups.start_review"
    assert booked == []


def test_the_draft_plan_shows_how_many_checks_are_still_to_put_right(app, demo):
    html = signed_in_as(app, "socialworker@demo.example").get(URL).get_data(as_text=True)

    # Version 1 is finalised; version 2 is the review's draft.
    assert demo["findings"] > 0
    assert rows(html, "plans") == [
        f"DEMO-0001 Adebayo family Plan version 2 (draft) {demo['findings']}"
    ]
    assert f"/plans/{demo['draft_id']}" in links(html, "plans")


# Plans left in draft after their conference.


def leave_in_draft(app, plan_id) -> None:
    with app.app_context():
        db.session.get(Plan, plan_id).finalised_at = None
        db.session.commit()


def test_a_finalised_plan_and_the_review_draft_are_not_flagged_as_left_in_draft(app, demo):
    html = signed_in_as(app, "socialworker@demo.example").get(URL).get_data(as_text=True)

    assert rows(html, "plans-to-finalise") == []
    assert "No plan left in draft after its conference" in section(html, "plans-to-finalise")


@pytest.mark.parametrize(
    "email",
    ["socialworker@demo.example", "manager@demo.example", "chair@demo.example"],
)
def test_a_plan_left_in_draft_is_overdue_from_the_first_core_group(app, demo, email):
    leave_in_draft(app, demo["plan_id"])

    html = signed_in_as(app, email).get(URL).get_data(as_text=True)

    first = demo["first_meeting"]
    late = CALENDAR.working_days_between(first, TODAY)
    [row] = rows(html, "plans-to-finalise")
    assert row == (
        "DEMO-0001 Adebayo family Plan version 1: not finalised Due to be finalised by the first "
        f"core group, on {long_date(first)} Due by {long_date(first)} "
        f"Overdue {late} working days overdue"
    )
    assert f"/plans/{demo['plan_id']}" in links(html, "plans-to-finalise")


def test_the_practitioner_is_not_asked_to_finalise_the_plan(app, demo):
    leave_in_draft(app, demo["plan_id"])

    html = signed_in_as(app, "practitioner@demo.example").get(URL).get_data(as_text=True)

    assert rows(html, "plans-to-finalise") == []


def test_a_first_core_group_held_late_gives_the_draft_plan_no_more_time(app, demo, monkeypatch):
    leave_in_draft(app, demo["plan_id"])
    with app.app_context():
        for meeting in db.session.query(CoreGroupMeeting).filter_by(case_id=demo["case_id"]):
            meeting.held_on += timedelta(weeks=2)
        db.session.commit()
    due = CALENDAR.add_working_days(demo["initial_on"], 10)
    monkeypatch.setattr(services, "today", lambda: due)

    html = signed_in_as(app, "socialworker@demo.example").get(URL).get_data(as_text=True)

    [row] = rows(html, "plans-to-finalise")
    met = demo["first_meeting"] + timedelta(weeks=2)
    assert row.endswith(
        f"Due to be finalised by the first core group, on {long_date(met)} "
        f"Due by {long_date(due)} Due soon Due today"
    )


def test_a_core_group_past_its_due_date_is_marked_overdue(app, demo, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: demo["core_group_due"] + timedelta(days=3))

    html = signed_in_as(app, "socialworker@demo.example").get(URL).get_data(as_text=True)

    [row] = rows(html, "core-groups")
    # Counted in working days, as the timescale is: 3 calendar days include 1 or 2 of them.
    late = CALENDAR.working_days_between(
        demo["core_group_due"], demo["core_group_due"] + timedelta(days=3)
    )
    assert f"Overdue {late} working day{'s' if late > 1 else ''} overdue" in row
    assert 'govuk-tag--red">Overdue' in section(html, "core-groups")


def test_a_core_group_due_on_the_day_is_not_overdue(app, demo, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: demo["core_group_due"])

    html = signed_in_as(app, "socialworker@demo.example").get(URL).get_data(as_text=True)

    [row] = rows(html, "core-groups")
    assert "Due soon Due today" in row
    assert "Overdue" not in row


# Who sees what.


def test_the_chair_sees_the_conference_they_chair_and_not_other_cases(app, demo):
    html = signed_in_as(app, "chair@demo.example").get(URL).get_data(as_text=True)

    [conference] = rows(html, "conferences")
    assert conference.startswith("DEMO-0001 Adebayo family Review child protection conference")
    assert "DEMO-0002" not in html  # a chair may see it, but has no part in it


def test_the_practitioner_sees_the_case_whose_core_group_they_are_in(app, demo):
    html = signed_in_as(app, "practitioner@demo.example").get(URL).get_data(as_text=True)

    assert rows(html, "core-groups")[0].startswith("DEMO-0001 Adebayo family")
    assert "DEMO-0002" not in html


def test_a_practitioner_has_no_oversight_or_visits_section(app, demo):
    """Practitioners from other agencies may not see management oversight and never record
    statutory visits: no empty sections for them."""
    html = signed_in_as(app, "practitioner@demo.example").get(URL).get_data(as_text=True)

    assert 'id="core-groups"' in html
    assert 'id="oversight"' not in html
    assert "Actions from management oversight" not in html
    assert 'id="visits"' not in html


def test_the_social_worker_has_the_oversight_and_visits_sections(app, demo):
    html = signed_in_as(app, "socialworker@demo.example").get(URL).get_data(as_text=True)

    assert "Actions from management oversight" in text_of(section(html, "oversight"))
    assert "Statutory visits" in text_of(section(html, "visits"))


def test_a_practitioner_is_not_asked_to_book_a_conference_the_case_page_still_shows(
    app, make_user, make_case, monkeypatch
):
    monkeypatch.setattr(services, "today", lambda: BUILT_TODAY)
    nurse = make_user("practitioner", email="nurse@example.org", team=None)
    theirs = _enquiring(
        app,
        make_case(team="Team A", reference="MINE-1", status="section_47"),
        BUILT_TODAY - timedelta(days=2),
    )
    _enquiring(
        app,
        make_case(team="Team A", reference="NOT-MINE-1", status="section_47"),
        BUILT_TODAY - timedelta(days=2),
    )
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=theirs, user_id=nurse))
        db.session.commit()

    client = signed_in_as(app, "nurse@example.org")
    html = client.get(URL).get_data(as_text=True)

    # A practitioner may not book it (conferences.new_conference): it is not her work.
    assert rows(html, "conferences") == []
    assert "Initial child protection conference" not in html
    assert "NOT-MINE-1" not in html
    # The case page says what happens next, whoever looks.
    case_page = client.get(f"/cases/{theirs}").get_data(as_text=True)
    [due] = texts(case_page, "table#due tbody tr")
    assert due.startswith("Initial child protection conference: not booked yet")


def test_nothing_from_another_teams_case(app, make_user, make_case, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: BUILT_TODAY)
    make_user("social_worker", email="sw-a@example.org", team="Team A")
    make_user("manager", email="manager-a@example.org", team="Team A")
    _enquiring(
        app,
        make_case(team="Team A", reference="TEAM-A-1", status="section_47"),
        BUILT_TODAY - timedelta(days=3),
    )
    _enquiring(
        app,
        make_case(team="Team B", reference="TEAM-B-1", status="section_47"),
        BUILT_TODAY - timedelta(days=3),
    )

    social_worker = signed_in_as(app, "sw-a@example.org").get(URL).get_data(as_text=True)
    manager = signed_in_as(app, "manager-a@example.org").get(URL).get_data(as_text=True)

    # The social worker is not allocated: their team's unallocated case is not theirs.
    assert rows(social_worker, "conferences") == []
    assert "TEAM-B-1" not in social_worker
    [row] = rows(manager, "conferences")
    assert row.startswith("TEAM-A-1")
    assert "TEAM-B-1" not in manager


def test_administrators_are_refused(app, signed_in):
    response = signed_in("admin").get(URL)

    assert response.status_code == 403
    assert count(app, AuditEvent, record_type="my_work") == 0


def test_signed_out_users_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_with_nothing_due_each_kind_says_so(app, signed_in):
    html = assert_page(signed_in("social_worker", team="Team A").get(URL), "My work")

    for key in ("conferences", "core-groups", "reports"):
        assert "Nothing due" in text_of(section(html, key)), key
    assert "No review conference to book" in text_of(section(html, "reviews"))
    assert "No draft plans with checks to put right" in text_of(section(html, "plans"))
    assert "<table" not in html


def test_viewing_the_page_is_audited_once(app, signed_in):
    client = signed_in("social_worker", team="Team A")

    client.get(URL)

    with app.app_context():
        [event] = db.session.query(AuditEvent).filter_by(record_type="my_work").all()
        assert (event.action, event.user_id) == ("view", client.user_id)


def test_the_menu_and_the_home_page_link_to_my_work(signed_in):
    client = signed_in("practitioner")

    home = client.get("/").get_data(as_text=True)

    assert home.count(f'href="{URL}"') == 2


def test_administrators_have_no_link_to_my_work(signed_in):
    home = signed_in("admin").get("/").get_data(as_text=True)

    assert URL not in home


# Built cases: dates, order and links.


def _enquiring(app, case_id: int, started_on: date) -> int:
    """A child in the case with a section 47 enquiry started on `started_on`, going on."""
    add_enquiry(app, add_child(app, case_id, local_child_id=f"S47-{case_id}"), started_on)
    return case_id


def test_an_initial_conference_not_booked_is_due_15_working_days_after_the_strategy_discussion(
    app, make_user, make_case, monkeypatch
):
    monkeypatch.setattr(services, "today", lambda: BUILT_TODAY)
    worker = make_user("social_worker", email="sw@example.org", team="Team A")
    started = date(2026, 9, 1)
    case_id = _enquiring(
        app, make_case(social_worker_id=worker, reference="S47-1", status="section_47"), started
    )

    html = signed_in_as(app, "sw@example.org").get(URL).get_data(as_text=True)

    # 15 working days after Tuesday 1 September 2026 is Tuesday 22 September; 14 October is 16
    # working days after it.
    [row] = rows(html, "conferences")
    assert row == (
        "S47-1 Jones family Initial child protection conference: not booked yet "
        "Section 47 enquiry started on 1 September 2026 Due by 22 September 2026 "
        "Overdue 16 working days overdue"
    )
    assert f"/cases/{case_id}/conferences/new" in links(html, "conferences")


def test_overdue_items_come_first_then_those_due_soon_then_later_ones(
    app, make_user, make_case, monkeypatch
):
    monkeypatch.setattr(services, "today", lambda: BUILT_TODAY)
    worker = make_user("social_worker", email="sw@example.org", team="Team A")
    # Due by 4 November (later), 16 October (in 2 working days) and 2 October (overdue).
    for reference, started in (
        ("LATER", "2026-10-14"),
        ("SOON", "2026-09-25"),
        ("LATE", "2026-09-11"),
    ):
        _enquiring(
            app,
            make_case(social_worker_id=worker, reference=reference, status="section_47"),
            date.fromisoformat(started),
        )

    html = signed_in_as(app, "sw@example.org").get(URL).get_data(as_text=True)

    found = rows(html, "conferences")
    assert [row.split()[0] for row in found] == ["LATE", "SOON", "LATER"]
    assert found[0].endswith("Due by 2 October 2026 Overdue 8 working days overdue")
    assert found[1].endswith("Due by 16 October 2026 Due soon Due in 2 working days")
    assert found[2].endswith("Due by 4 November 2026 Due in 15 working days")


def test_a_booked_initial_conference_shows_its_due_date_and_its_report_for_the_parents(
    app, make_user, make_case, monkeypatch
):
    monkeypatch.setattr(services, "today", lambda: BUILT_TODAY)
    worker = make_user("social_worker", email="sw@example.org", team="Team A")
    case_id = _enquiring(
        app,
        make_case(social_worker_id=worker, reference="ICPC-1", status="section_47"),
        date(2026, 10, 1),
    )
    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 10, 23),
            starts_at=time(10),
            strategy_discussion_on=date(2026, 10, 1),
        )
        db.session.add(conference)
        db.session.commit()
        conference_id = conference.id

    html = signed_in_as(app, "sw@example.org").get(URL).get_data(as_text=True)

    # Due 15 working days after 1 October: 22 October; booked a day later.
    [row] = rows(html, "conferences")
    assert row == (
        "ICPC-1 Jones family Initial child protection conference Due by 22 October 2026, booked "
        "after its "
        "due date Booked for 23 October 2026 Due soon Due in 7 working days"
    )
    # Shared 2 working days before the conference: by Wednesday 21 October.
    [report] = rows(html, "reports")
    assert "Due by 21 October 2026 Due soon Due in 5 working days" in report
    assert links(html, "reports") == [f"/cases/{case_id}", f"/conferences/{conference_id}"]
    assert rows(html, "core-groups") == []  # no plan yet


def test_the_queries_do_not_grow_with_the_number_of_cases(app, make_user, make_case, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: BUILT_TODAY)
    worker = make_user("social_worker", email="sw@example.org", team="Team A")
    _enquiring(app, make_case(social_worker_id=worker, status="section_47"), date(2026, 10, 1))
    client = signed_in_as(app, "sw@example.org")
    one = _statements(app, client)
    for _ in range(3):
        _enquiring(app, make_case(social_worker_id=worker, status="section_47"), date(2026, 10, 1))

    assert _statements(app, client) == one


def _statements(app, client) -> int:
    statements = []
    with app.app_context():
        engine = db.engine

    def counted(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", counted)
    try:
        assert client.get(URL).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return len(statements)
