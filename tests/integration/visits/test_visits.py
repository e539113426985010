"""Statutory visits: recording a visit to a family's children (each child's part, the unborn
baby seen with their mother), the visit and the list, each child's last visit and next due on
the case page, changing a visit, two people saving the same visit, bad input, who may do what,
and the audit rows."""

from datetime import date, time, timedelta

import pytest
from helpers import Client, count, sign_in
from pages import assert_page, error_messages, error_summary, select, text, text_of
from records import events

from conference.domain.timescales import default_calendar
from conference.domain.wording import long_date as _long
from conference.extensions import db
from conference.models import (
    CoreGroupMember,
    Plan,
    StatutoryVisit,
    VisitChild,
)

TODAY = date.today()
CALENDAR = default_calendar()


def typed(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def as_user(app, email) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email).status_code == 302
    return client


@pytest.fixture
def worker(app, family):
    return as_user(app, "worker@example.org")


def answers(family, day=None, **overrides) -> dict:
    """A visit by the social worker: Mia seen alone, bedroom seen; the baby seen with Mum."""
    mia, baby = family["mia"], family["baby"]
    data = {
        "visited_on": typed(day or CALENDAR.subtract_working_days(TODAY, 2)),
        "visited_at": "16:15",
        "visitor": "social_worker",
        "visitor_name": "",
        "visitor_role": "",
        "place": "At home",
        "announced": "no",
        f"child-{mia}-visited": "yes",
        f"child-{mia}-seen": "yes",
        f"child-{mia}-seen_alone": "yes",
        f"child-{mia}-bedroom_seen": "yes",
        f"child-{mia}-own_words": "I like my new bed. Mum shouts less.",
        f"child-{baby}-visited": "yes",
        f"child-{baby}-seen": "yes",
        f"child-{baby}-bedroom_seen": "not_relevant",
        "observations": "The home was warm and there was food in the fridge.",
        "next_steps": "Visit again next week with the health visitor.",
    }
    return data | overrides


def new_url(family) -> str:
    return f"/cases/{family['case_id']}/visits/new"


def test_the_social_worker_records_a_visit_to_both_children(app, family, worker):
    page = worker.get(new_url(family))
    html = assert_page(page, "Record a visit")
    assert "Sam Worker, the family’s social worker" in text_of(html)
    assert select(html, 'input[name="visitor"][value="social_worker"][checked]')

    response = worker.post(new_url(family), answers(family))
    assert response.status_code == 302
    with app.app_context():
        visit = db.session.query(StatutoryVisit).one()
        assert visit.by_lead_social_worker and visit.visitor_id == family["worker"]
        assert (visit.place, visit.announced, visit.visited_at) == ("At home", False, time(16, 15))
        parts = {part.child_id: part for part in visit.children}
        mia, baby = parts[family["mia"]], parts[family["baby"]]
        assert (mia.seen, mia.seen_alone, mia.bedroom_seen) == (True, True, True)
        assert mia.own_words == "I like my new bed. Mum shouts less."
        assert (baby.seen, baby.seen_alone, baby.bedroom_seen) == (True, False, None)
        [created] = events(app, "create", record_type="statutory_visit")
        assert created.case_id == family["case_id"] and created.user_id == family["worker"]
        visit_id, visited_on = visit.id, visit.visited_on

    shown = worker.get(response.headers["Location"])
    html = assert_page(shown, f"Visit on {_long(visited_on)}")
    assert "Not asked: unborn, the visit saw their mother" in text_of(html)
    assert "I like my new bed. Mum shouts less." in text_of(html)
    assert len(events(app, "view", record_type="statutory_visit", record_id=str(visit_id))) == 1


def test_the_case_page_and_the_list_show_each_childs_last_visit_and_next_due(app, family, worker):
    visited = CALENDAR.subtract_working_days(TODAY, 2)
    worker.post(new_url(family), answers(family, visited))
    due = CALENDAR.add_working_days(visited, 10)

    for url in (f"/cases/{family['case_id']}", f"/cases/{family['case_id']}/visits"):
        html = worker.get(url).get_data(as_text=True)
        rows = [text(row) for row in select(html, "table tbody tr")]
        mia_row = next(row for row in rows if row.startswith("Mia Jones"))
        assert mia_row == f"Mia Jones {_long(visited)} Yes {_long(due)}"
        baby_row = next(row for row in rows if row.startswith("Baby Jones"))
        assert baby_row == f"Baby Jones {_long(visited)} Not asked (before the birth) {_long(due)}"
    assert len(events(app, "view visits", case_id=family["case_id"])) == 1


def test_a_child_not_seen_for_longer_than_the_plan_allows_is_overdue(app, family, worker):
    """Only the baby was part of the visit: Mia has not been seen since her plan started 30
    working days ago, so she was due 10 working days after it started."""
    data = answers(family)
    data[f"child-{family['mia']}-visited"] = "no"
    worker.post(new_url(family), data)
    html = worker.get(f"/cases/{family['case_id']}").get_data(as_text=True)
    mia_row = next(
        text(row) for row in select(html, "table tbody tr") if text(row).startswith("Mia")
    )
    due = CALENDAR.add_working_days(family["started"], 10)
    assert mia_row == f"Mia Jones Not seen on a statutory visit yet – Overdue due by {_long(due)}"
    assert select(html, "strong.govuk-tag--red")


def test_the_plans_own_frequency_is_used(app, family, worker):
    with app.app_context():
        plan = db.session.query(Plan).filter_by(case_id=family["case_id"]).one()
        plan.visit_interval_working_days = 20
        db.session.commit()
    visited = CALENDAR.subtract_working_days(TODAY, 2)
    worker.post(new_url(family), answers(family, visited))
    html = worker.get(f"/cases/{family['case_id']}/visits").get_data(as_text=True)
    assert _long(CALENDAR.add_working_days(visited, 20)) in text_of(html)
    assert "Every 20 working days" in text_of(html)


def test_someone_else_visiting_is_named_with_their_role_and_does_not_count(app, family, worker):
    data = answers(family, visitor="someone_else", visitor_name="Jo Cover", visitor_role="Duty")
    assert worker.post(new_url(family), data).status_code == 302
    with app.app_context():
        visit = db.session.query(StatutoryVisit).one()
        assert not visit.by_lead_social_worker and visit.visitor_id is None
        assert visit.visitor_label == "Jo Cover (Duty)"
    html = worker.get(f"/cases/{family['case_id']}/visits").get_data(as_text=True)
    assert "Jo Cover (Duty)" in text_of(html)
    assert "Not seen on a statutory visit yet" in text_of(html)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"visited_on": ["", "", ""]}, "visited_on", "Enter the date of the visit"),
        (
            {"visited_on": typed(TODAY + timedelta(days=1))},
            "visited_on",
            "The date of the visit must be today or in the past",
        ),
        ({"visited_at": "25:00"}, "visited_at", "hours and minutes"),
        ({"place": " "}, "place", "Enter where the visit took place"),
        ({"announced": ""}, "announced", "Select whether the visit was announced"),
        (
            {"visitor": "someone_else"},
            "visitor_name",
            "Enter the name of the person who visited",
        ),
        ({"observations": ""}, "observations", "Enter what you observed"),
        ({"mia-seen": ""}, "mia-seen", "Select whether Mia Jones was seen"),
        ({"mia-seen": "no"}, "mia-not_seen_reason", "Enter why Mia Jones was not seen"),
        (
            {"mia-seen_alone": "no"},
            "mia-not_alone_reason",
            "Enter why Mia Jones was not seen alone",
        ),
        (
            {"mia-visited": "no", "baby-visited": "no"},
            "mia-visited",
            "Select at least one child who was part of the visit",
        ),
    ],
)
def test_bad_input_is_explained_changes_nothing_and_keeps_what_was_typed(
    app, family, worker, change, field, message
):
    data = answers(family)
    for key, value in change.items():
        name = key.replace("mia-", f"child-{family['mia']}-").replace(
            "baby-", f"child-{family['baby']}-"
        )
        data[name] = value
    response = worker.post(new_url(family), data)
    html = assert_page(response, "Record a visit")
    assert any(message in summary for summary in error_summary(html))
    assert any(message in shown for shown in error_messages(html))
    assert "I like my new bed. Mum shouts less." in html
    assert "The home was warm" in html or field == "observations"
    assert count(app, StatutoryVisit) == 0 and count(app, VisitChild) == 0


def test_a_visit_before_the_childs_referral_is_refused(app, family, worker):
    before = family["started"] - timedelta(days=40)
    response = worker.post(new_url(family), answers(family, before))
    html = assert_page(response, "Record a visit")
    assert any("on or after Mia Jones’s referral" in message for message in error_messages(html))
    assert count(app, StatutoryVisit) == 0


def test_the_baby_seen_with_mum_before_the_birth_is_not_asked_about_seen_alone(app, family, worker):
    html = worker.get(new_url(family)).get_data(as_text=True)
    assert select(html, f'input[name="child-{family["mia"]}-seen_alone"]')
    assert not select(html, f'input[name="child-{family["baby"]}-seen_alone"]')
    assert "For a baby not born yet, whether their mother was seen" in text_of(html)


def _record(worker, family) -> int:
    response = worker.post(new_url(family), answers(family))
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_the_social_worker_changes_a_visit(app, family, worker):
    visit_id = _record(worker, family)
    page = worker.get(f"/visits/{visit_id}/edit")
    html = assert_page(page, "Change a visit")
    assert "I like my new bed. Mum shouts less." in html
    assert len(events(app, "view", record_type="statutory_visit", record_id=str(visit_id))) == 1
    assert select(html, f'input[name="child-{family["mia"]}-seen_alone"][value="yes"][checked]')

    data = answers(family, version="1")
    data[f"child-{family['mia']}-own_words"] = "I want to stay at Nan’s on Fridays."
    data[f"child-{family['baby']}-visited"] = "no"
    response = worker.post(f"/visits/{visit_id}/edit", data)
    assert response.status_code == 302
    with app.app_context():
        visit = db.session.get(StatutoryVisit, visit_id)
        assert [part.child_id for part in visit.children] == [family["mia"]]
        assert visit.children[0].own_words == "I want to stay at Nan’s on Fridays."
        assert visit.version == 2
    [updated] = events(app, "update", record_type="statutory_visit")
    assert "children" in updated.changes


def test_the_second_of_two_people_saving_the_same_visit_is_told_and_keeps_their_text(
    app, family, worker, make_user
):
    visit_id = _record(worker, family)
    make_user("manager", email="boss@example.org", team="Team A")
    manager = as_user(app, "boss@example.org")
    first = answers(family, version="1", place="At school")
    assert manager.post(f"/visits/{visit_id}/edit", first).status_code == 302

    second = answers(family, version="1", observations="Mum was tired but calm.")
    response = worker.post(f"/visits/{visit_id}/edit", second)
    html = assert_page(response, "Change a visit")
    assert "Someone else changed this record while you were editing it" in text_of(html)
    assert "At school" in text_of(html)  # what the other person saved, in the table
    assert "Mum was tired but calm." in html
    with app.app_context():
        visit = db.session.get(StatutoryVisit, visit_id)
        assert (visit.place, visit.version) == ("At school", 2)
        assert visit.observations.startswith("The home was warm")
    # Saving again knowingly keeps theirs.
    again = worker.post(f"/visits/{visit_id}/edit", answers(family, version="2", place="Home"))
    assert again.status_code == 302


@pytest.mark.parametrize(
    ("role", "team", "status"),
    [("chair", "Chairs", 403), ("practitioner", None, 403), ("manager", "Team A", 200)],
)
def test_who_may_record_visits(app, family, make_user, role, team, status):
    user = make_user(role, email=f"{role}-visits@example.org", team=team)
    if role == "practitioner":
        with app.app_context():
            db.session.add(CoreGroupMember(case_id=family["case_id"], user_id=user))
            db.session.commit()
    client = as_user(app, f"{role}-visits@example.org")
    assert client.get(f"/cases/{family['case_id']}/visits").status_code == 200
    assert client.get(new_url(family)).status_code == status
    response = client.post(new_url(family), answers(family))
    assert response.status_code == (302 if status == 200 else status)
    assert count(app, StatutoryVisit) == (1 if status == 200 else 0)


def test_another_social_worker_in_the_team_may_read_but_not_record(app, family, make_user):
    make_user("social_worker", email="colleague@example.org", team="Team A")
    client = as_user(app, "colleague@example.org")
    assert client.get(f"/cases/{family['case_id']}/visits").status_code == 200
    assert client.get(new_url(family)).status_code == 403
