"""My work lists each child's statutory visit when it is overdue or due within 10 working days
(the page's window for every kind), for the case's social worker and the manager of its team,
and for nobody else; chairs and practitioners have no visits section at all."""

import pytest
from helpers import Client, sign_in
from pages import texts

from conference.domain import clock
from conference.domain.timescales import default_calendar
from conference.domain.wording import long_date

TODAY = clock.today()
CALENDAR = default_calendar()


def visit_rows(client) -> list[str]:
    html = client.get("/my-work/").get_data(as_text=True)
    if 'id="visits"' not in html:
        return []
    start = html.index('id="visits"')
    end = html.find("<h2", start)
    return texts(html[start : end if end != -1 else len(html)], "tbody tr")


def as_user(app, email) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email).status_code == 302
    return client


def test_the_social_worker_sees_an_overdue_visit_and_one_due_soon(app, family, add_visit):
    """Mia was seen 8 working days ago (due within 10); the baby has not been seen since the
    plan began 30 working days ago (overdue)."""
    mia_seen = CALENDAR.subtract_working_days(TODAY, 8)
    add_visit(mia_seen, [("mia", True, True)])
    baby_due = CALENDAR.add_working_days(family["started"], 10)

    baby, mia = visit_rows(as_user(app, "worker@example.org"))

    assert baby.startswith("TST-")
    assert f"Visit to Baby Jones Not seen since the plan began Due by {long_date(baby_due)}" in baby
    assert baby.endswith("overdue")
    mia_due = CALENDAR.add_working_days(mia_seen, 10)
    assert f"Visit to Mia Jones Last seen on {long_date(mia_seen)}" in mia
    days = CALENDAR.working_days_between(TODAY, mia_due)
    assert mia.endswith(f"Due by {long_date(mia_due)} Due soon Due in {days} working days")


def test_a_visit_due_in_more_than_5_working_days_is_listed_as_the_page_says(app, family, add_visit):
    """The page lists what is due within 10 working days: visits too, not only within 5."""
    seen = CALENDAR.subtract_working_days(TODAY, 1)
    add_visit(seen, [("mia", True, True)])
    add_visit(seen, [("baby", True, True)])
    client = as_user(app, "worker@example.org")

    rows = visit_rows(client)

    days = CALENDAR.working_days_between(TODAY, CALENDAR.add_working_days(seen, 10))
    assert days > 5
    assert [row.endswith(f"Due soon Due in {days} working days") for row in rows] == [True] * 2
    html = client.get("/my-work/").get_data(as_text=True)
    assert "what is due within 10 working days is marked “Due soon”." in html


def test_a_visit_due_later_than_10_working_days_is_not_listed(app, family, add_visit, monkeypatch):
    monkeypatch.setitem(app.config, "STATUTORY_VISIT_WORKING_DAYS", 20)
    add_visit(CALENDAR.subtract_working_days(TODAY, 1), [("mia", True, True)])
    add_visit(CALENDAR.subtract_working_days(TODAY, 1), [("baby", True, True)])

    client = as_user(app, "worker@example.org")

    assert visit_rows(client) == []
    html = client.get("/my-work/").get_data(as_text=True)
    assert "No visit overdue or due within 10 working days" in html


def test_another_agencys_visit_does_not_count(app, family, add_visit):
    add_visit(CALENDAR.subtract_working_days(TODAY, 1), [("mia", True, True)], by_lead=False)
    add_visit(CALENDAR.subtract_working_days(TODAY, 1), [("baby", True, True)])

    rows = visit_rows(as_user(app, "worker@example.org"))
    [mia] = [row for row in rows if "Visit to Mia Jones" in row]
    assert "Not seen since the plan began" in mia
    assert mia.endswith("overdue")


def test_the_manager_of_the_team_sees_them_too(app, family, make_user):
    make_user("manager", email="boss@example.org", team="Team A")

    rows = visit_rows(as_user(app, "boss@example.org"))

    names = sorted(row.split(" Visit to ")[1].split(" ")[0] for row in rows)
    assert names == ["Baby", "Mia"]  # neither seen since the plan began: both overdue


@pytest.mark.parametrize(("role", "team"), [("chair", "Chairs"), ("manager", "Team C")])
def test_others_do_not(app, family, make_user, role, team):
    make_user(role, email="other@example.org", team=team)

    assert visit_rows(as_user(app, "other@example.org")) == []


@pytest.mark.parametrize("role", ["chair", "practitioner"])
def test_those_who_never_record_visits_have_no_visits_section(app, family, make_user, role):
    make_user(role, email="other@example.org", team=None)

    html = as_user(app, "other@example.org").get("/my-work/").get_data(as_text=True)

    assert "My work" in html
    assert 'id="visits"' not in html
    assert "Statutory visits" not in html
    assert "No visit overdue" not in html
