"""Statutory visits: recording a visit to a family's children (each child's part, the unborn
baby seen with their mother), the visit and the list, each child's last visit and next due on
the case page, changing a visit, two people saving the same visit, bad input, who may do what,
and the audit rows."""

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from helpers import Client, count, sign_in
from pages import assert_page, error_messages, error_summary, select, text, text_of, texts
from records import events

from conference.common.templating import LONDON, local_datetime
from conference.domain import clock
from conference.domain.timescales import default_calendar
from conference.domain.wording import long_date as _long
from conference.extensions import db
from conference.models import (
    CoreGroupMember,
    Plan,
    StatutoryVisit,
    VisitChild,
)
from conference.visits import forms as visit_forms

TODAY = clock.today()
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
    # A baby not born yet is not asked what they said.
    assert select(html, f'textarea[name="child-{family["mia"]}-own_words"]')
    assert not select(html, f'textarea[name="child-{family["baby"]}-own_words"]')
    assert "What Baby Jones said" not in text_of(html)

    typed = answers(family, **{f"child-{family['baby']}-own_words": "(sent by hand)"})
    response = worker.post(new_url(family), typed)
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
        assert baby.own_words == ""
        [created] = events(app, "create", record_type="statutory_visit")
        assert created.case_id == family["case_id"] and created.user_id == family["worker"]
        visit_id, visited_on = visit.id, visit.visited_on

    shown = worker.get(response.headers["Location"])
    html = assert_page(shown, f"Visit on {_long(visited_on)}")
    baby_part = text_of(html[html.index(">Baby Jones</h2>") + 1 :])
    assert baby_part.startswith(
        "Baby Jones Seen Yes, with their mother before the birth"
        " Seen alone Not asked (before the birth)"
    )
    assert "own words" not in baby_part.split("Observations")[0]
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
    [visit_row] = [row for row in rows if row.startswith(_long(visited))]
    assert "Mia Jones: seen alone Baby Jones: seen with their mother before the birth" in visit_row
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


def test_a_visit_today_at_a_time_not_reached_yet_is_refused(app, family, worker, monkeypatch):
    """10:00 in London now: 10:01 today has not happened; 10:00 has, and so has 23:59
    yesterday."""
    now = datetime.combine(TODAY, time(10, 0, 30), tzinfo=LONDON)
    monkeypatch.setattr(visit_forms, "local_now", lambda: now)

    response = worker.post(new_url(family), answers(family, TODAY, visited_at="10:01"))

    html = assert_page(response, "Record a visit")
    message = "The time of the visit must be now or earlier"
    assert any(message in summary for summary in error_summary(html))
    assert any(message in shown for shown in error_messages(html))
    assert select(html, 'input[name="visited_at"][value="10:01"]')
    assert "I like my new bed. Mum shouts less." in html
    assert count(app, StatutoryVisit) == 0
    yesterday = answers(family, TODAY - timedelta(days=1), visited_at="23:59")
    assert worker.post(new_url(family), yesterday).status_code == 302
    assert (
        worker.post(new_url(family), answers(family, TODAY, visited_at="10:00")).status_code == 302
    )
    assert count(app, StatutoryVisit) == 2


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


def test_each_childs_part_keeps_the_key_the_dashboard_reads_as_the_visit_changes(
    app, family, worker
):
    """The dashboard finds a child's last statutory visit by the key kept on their part:
    recorded with the visit, and worked out again when the visit's day or the child's part
    changes."""
    first_day = CALENDAR.subtract_working_days(TODAY, 2)
    visit_id = _record(worker, family)

    def keys() -> dict[int, int | None]:
        with app.app_context():
            visit = db.session.get(StatutoryVisit, visit_id)
            return {part.child_id: part.statutory_key for part in visit.children}

    since_2000 = (first_day - date(2000, 1, 1)).days
    assert keys() == {family["mia"]: since_2000 * 2 + 1, family["baby"]: since_2000 * 2}

    later = CALENDAR.subtract_working_days(TODAY, 1)
    data = answers(family, day=later, version="1")
    data[f"child-{family['mia']}-seen_alone"] = "no"
    data[f"child-{family['mia']}-not_alone_reason"] = "Mia wanted Mum to stay."
    data[f"child-{family['baby']}-seen"] = "no"
    data[f"child-{family['baby']}-not_seen_reason"] = "Asleep upstairs."
    assert worker.post(f"/visits/{visit_id}/edit", data).status_code == 302
    assert keys() == {family["mia"]: (later - date(2000, 1, 1)).days * 2, family["baby"]: None}


def test_the_visit_page_says_who_last_changed_it_and_when(app, family, worker, make_user):
    visit_id = _record(worker, family)
    shown = worker.get(f"/visits/{visit_id}").get_data(as_text=True)
    assert "Last changed" not in text_of(shown)  # recorded, never changed
    make_user("manager", email="boss@example.org", name="Bea Boss", team="Team A")
    manager = as_user(app, "boss@example.org")
    assert (
        manager.post(
            f"/visits/{visit_id}/edit", answers(family, version="1", place="At school")
        ).status_code
        == 302
    )
    # Saving with nothing changed is not a change.
    assert (
        worker.post(
            f"/visits/{visit_id}/edit", answers(family, version="2", place="At school")
        ).status_code
        == 302
    )

    html = worker.get(f"/visits/{visit_id}").get_data(as_text=True)

    with app.app_context():
        [updated] = events(app, "update", record_type="statutory_visit")
        when = local_datetime(updated.occurred_at)
    assert f"Last changed by Bea Boss on {when}." in text_of(html)


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


def test_two_people_recording_the_same_visit_are_told_before_it_is_saved_twice(
    app, family, worker, make_user
):
    day = CALENDAR.subtract_working_days(TODAY, 1)
    assert worker.post(new_url(family), answers(family, day)).status_code == 302
    make_user("manager", email="boss@example.org", name="Bea Boss", team="Team A")
    manager = as_user(app, "boss@example.org")
    theirs = answers(family, day, place="Kitchen table", observations="Quiet morning.")
    html = assert_page(manager.post(new_url(family), theirs), "Record a visit")
    [banner] = texts(html, ".govuk-notification-banner")
    assert "This visit may be recorded already" in banner
    assert f"{_long(day)}, 4:15pm: Sam Worker, At home (recorded by Sam Worker)" in banner
    assert "Quiet morning." in html and 'value="Kitchen table"' in html
    assert count(app, StatutoryVisit) == 1

    # A different visit the same day (a second, unannounced one) is recorded when they say so.
    again = manager.post(new_url(family), theirs | {"another": "yes"})
    assert again.status_code == 302
    # Another day, or children not visited then, are not asked about.
    other_day = answers(family, CALENDAR.subtract_working_days(TODAY, 3))
    assert manager.post(new_url(family), other_day).status_code == 302
    assert count(app, StatutoryVisit) == 3


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


def test_the_chronology_says_a_baby_was_seen_with_their_mother_before_the_birth(
    app, family, worker
):
    """Seen alone is not asked before the birth: the chronology does not say "not alone"."""
    worker.post(new_url(family), answers(family))

    html = worker.get(f"/cases/{family['case_id']}/chronology").get_data(as_text=True)

    [row] = [text(r) for r in select(html, "tbody tr") if "Statutory visit" in text(r)]
    assert "Mia seen alone and Baby seen with their mother before the birth" in row
    assert "not alone" not in row


def test_long_words_wrap_on_a_phone_on_the_visit_page_and_the_list(app, family, worker):
    """A long word typed into a visit wraps (overflow-wrap: anywhere) rather than making the page
    scroll sideways at 375px (checked in a browser; here, that the pages use the style)."""
    long_word = "Supercalifragilisticexpialidocious" * 3
    visit_id = _record(worker, family)
    worker.post(
        f"/visits/{visit_id}/edit", answers(family, version="1", place=f"Nan’s {long_word}")
    )
    scss = (Path(app.root_path).parent / "static" / "src" / "app.scss").read_text()
    assert re.search(r"\.app-wrap-anywhere \{\s*overflow-wrap: anywhere;", scss)

    shown = worker.get(f"/visits/{visit_id}").get_data(as_text=True)
    [column] = select(shown, ".govuk-grid-column-two-thirds.app-wrap-anywhere")
    assert long_word in text(column)
    listed = worker.get(f"/cases/{family['case_id']}/visits").get_data(as_text=True)
    assert [text(cell) for cell in select(listed, "td.app-wrap-anywhere")] == ["Sam Worker"]
    # The children's table, too wide for a phone with three children, scrolls in its own box.
    [box] = select(listed, "div.app-table-container")
    assert box.get("tabindex") == "0" and box.get("role") == "region"
    assert select(box, "table caption#visit-status-caption")
