"""My work lists each child's statutory visit when it is overdue or due within 5 working days,
for the case's social worker and the manager of its team, and for nobody else."""

from datetime import date

import pytest
from helpers import Client, sign_in
from pages import texts

from conference.domain.timescales import default_calendar
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import StatutoryVisit, VisitChild

TODAY = date.today()
CALENDAR = default_calendar()


def visit_rows(client) -> list[str]:
    html = client.get("/my-work/").get_data(as_text=True)
    start = html.index('id="visits"')
    end = html.find("<h2", start)
    return texts(html[start : end if end != -1 else len(html)], "tbody tr")


def as_user(app, email) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email).status_code == 302
    return client


def seen(app, family, child, on, by_lead=True) -> None:
    with app.app_context():
        visit = StatutoryVisit(
            case_id=family["case_id"],
            visited_on=on,
            by_lead_social_worker=by_lead,
            place="Home",
            observations="Seen",
        )
        visit.children = [VisitChild(child_id=family[child], seen=True, seen_alone=True)]
        db.session.add(visit)
        db.session.commit()


def test_the_social_worker_sees_an_overdue_visit_and_one_due_soon(app, family):
    """Mia was seen 8 working days ago (due within 5); the baby has not been seen since the plan
    began 30 working days ago (overdue)."""
    mia_seen = CALENDAR.subtract_working_days(TODAY, 8)
    seen(app, family, "mia", mia_seen)
    baby_due = CALENDAR.add_working_days(family["started"], 10)

    baby, mia = visit_rows(as_user(app, "worker@example.org"))

    assert baby.startswith("TST-")
    assert f"Visit to Baby Jones Not seen since the plan began Due by {long_date(baby_due)}" in baby
    assert baby.endswith("overdue")
    mia_due = CALENDAR.add_working_days(mia_seen, 10)
    assert f"Visit to Mia Jones Last seen on {long_date(mia_seen)}" in mia
    days = CALENDAR.working_days_between(TODAY, mia_due)
    assert mia.endswith(f"Due by {long_date(mia_due)} Due soon Due in {days} working days")


def test_a_visit_due_later_than_5_working_days_is_not_listed(app, family):
    seen(app, family, "mia", CALENDAR.subtract_working_days(TODAY, 1))
    seen(app, family, "baby", CALENDAR.subtract_working_days(TODAY, 1))

    assert visit_rows(as_user(app, "worker@example.org")) == []


def test_another_agencys_visit_does_not_count(app, family):
    seen(app, family, "mia", CALENDAR.subtract_working_days(TODAY, 1), by_lead=False)
    seen(app, family, "baby", CALENDAR.subtract_working_days(TODAY, 1))

    [row] = visit_rows(as_user(app, "worker@example.org"))
    assert "Visit to Mia Jones" in row


def test_the_manager_of_the_team_sees_them_too(app, family, make_user):
    make_user("manager", email="boss@example.org", team="Team A")

    rows = visit_rows(as_user(app, "boss@example.org"))

    names = sorted(row.split(" Visit to ")[1].split(" ")[0] for row in rows)
    assert names == ["Baby", "Mia"]  # neither seen since the plan began: both overdue


@pytest.mark.parametrize(("role", "team"), [("chair", "Chairs"), ("manager", "Team C")])
def test_others_do_not(app, family, make_user, role, team):
    make_user(role, email="other@example.org", team=team)

    assert visit_rows(as_user(app, "other@example.org")) == []
