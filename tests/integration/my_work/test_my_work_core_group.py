"""My work and the case page for the core group (issue 18): a meeting started and not finished
is listed to those who finish it, with the parts saved; a member of the core group sees the
actions that name her or her agency, with their status and "By when"; the case page lists what
is due by the statutory timescales first."""

from datetime import UTC, datetime, timedelta

import pytest
from core_group_demo import before_any_core_group, seed, signed_in_as, typed, user_id
from pages import links, section, select, text_of, texts
from pages import section_rows as rows
from sqlalchemy import event

from conference.common.templating import long_date
from conference.domain import clock
from conference.extensions import db
from conference.models import Case, CoreGroupMeeting, CoreGroupMember, Plan, PlanAction

URL = "/my-work/"


@pytest.fixture
def demo(app, monkeypatch):
    """The demo family as its initial conference left it: plan version 1 in force, no core
    group met yet, the school nurse's action "See Kemi at school every 2 weeks" not started."""
    seed(app, monkeypatch)
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        before_any_core_group(case)
        plan = db.session.query(Plan).filter_by(case_id=case.id, number=1).one()
        nurse_action = db.session.query(PlanAction).filter_by(
            what="See Kemi at school every 2 weeks"
        )
        return {
            "case_id": case.id,
            "conference_on": plan.conference.held_on,
            "nurse_action": nurse_action.one().id,
        }


def row_links(html: str, key: str) -> list[str]:
    """The address each row's item links to (its last link: the first is the family's)."""
    return [links(row)[-1][0] for row in select(section(html, key), "tbody tr")]


def my_work(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def start(client, demo) -> int:
    """Start a meeting with only its date, as the start page does."""
    held_on = demo["conference_on"] + timedelta(days=1)
    response = client.post(
        f"/cases/{demo['case_id']}/core-groups/start", {"held_on": typed(held_on)}
    )
    assert response.status_code == 302
    return int(response.headers["Location"].split("#")[0].rsplit("/", 1)[1])


def save_agency_update(client, meeting_id: int, data: dict) -> None:
    url = f"/core-groups/{meeting_id}/agency"
    html = client.get(url).get_data(as_text=True)
    hidden = {e.get("name"): e.get("value") for e in select(html, 'input[type="hidden"]')}
    hidden.pop("csrf_token", None)
    assert client.post(url, {**hidden, **data}).status_code == 302


# A meeting started and not finished.


def test_a_started_meeting_is_listed_to_the_worker_and_the_nurse_with_the_parts_saved(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    nurse = signed_in_as(app, "practitioner@demo.example")
    meeting_id = start(worker, demo)
    save_agency_update(nurse, meeting_id, {"summary": "Seen Kemi at school."})

    held_on = long_date(demo["conference_on"] + timedelta(days=1))
    for client in (worker, nurse):
        html = my_work(client)
        [row] = rows(html, "core-group-records")
        assert row.startswith(
            f"DEMO-0001 Adebayo family Finish recording the core group meeting of {held_on}"
        )
        assert "1 of 5 parts saved" in row
        assert "Being recorded" in row
        assert row_links(html, "core-group-records") == [f"/core-groups/{meeting_id}"]


def test_the_team_manager_and_the_chair_are_not_asked_to_finish_a_meeting_they_did_not_start(
    app, demo
):
    start(signed_in_as(app, "socialworker@demo.example"), demo)

    for email in ("manager@demo.example", "chair@demo.example", "headofservice@demo.example"):
        html = my_work(signed_in_as(app, email))
        assert rows(html, "core-group-records") == [], email
        assert "Finish recording" not in html, email


def test_whoever_started_a_meeting_is_asked_to_finish_it(app, demo):
    manager = signed_in_as(app, "manager@demo.example")
    meeting_id = start(manager, demo)

    assert row_links(my_work(manager), "core-group-records") == [f"/core-groups/{meeting_id}"]


def test_a_completed_meeting_is_no_longer_listed(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    with app.app_context():
        db.session.get(CoreGroupMeeting, meeting_id).completed_at = datetime.now(UTC)
        db.session.commit()

    html = my_work(worker)
    assert rows(html, "core-group-records") == []
    assert "No core group meeting is waiting to be finished" in text_of(
        section(html, "core-group-records")
    )


def test_the_case_page_lists_the_meeting_to_finish_after_the_statutory_items(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)

    html = worker.get(f"/cases/{demo['case_id']}").get_data(as_text=True)

    held_on = long_date(demo["conference_on"] + timedelta(days=1))
    steps = texts(html, "ul#next-steps li")
    assert steps[0].startswith(f"Finish recording the core group meeting of {held_on}")
    assert steps[0].endswith(": 0 of 5 parts saved")
    assert links(select(html, "ul#next-steps")[0])[0][0] == f"/core-groups/{meeting_id}"
    # The statutory items come first, the overdue core group or visit among them.
    due = texts(html, "table#due tbody tr")
    assert due and html.index('id="due"') < html.index("Finish recording")
    assert not any("Finish recording" in row for row in due)


def test_the_case_page_does_not_ask_someone_who_may_not_record_to_finish_it(app, demo):
    start(signed_in_as(app, "socialworker@demo.example"), demo)

    # The head of service reads every case but changes none.
    html = signed_in_as(app, "headofservice@demo.example").get(f"/cases/{demo['case_id']}")
    assert "Finish recording" not in html.get_data(as_text=True)


# The nurse's actions.


def test_the_nurse_sees_her_action_with_its_status_and_by_when(app, demo):
    nurse = signed_in_as(app, "practitioner@demo.example")

    html = my_work(nurse)

    by_when = long_date(demo["conference_on"] + timedelta(days=21))
    [row] = rows(html, "actions")
    assert row.startswith("DEMO-0001 Adebayo family See Kemi at school every 2 weeks")
    assert "Goal 3: Priya Practitioner" in row
    assert by_when in row and "Not started" in row
    assert ("Overdue" in row) == (clock.today() > demo["conference_on"] + timedelta(days=21))
    assert "By when" in texts(section(html, "actions"), "thead th")
    # With no meeting being recorded, to the core group's meetings, where one is started.
    assert row_links(html, "actions") == [f"/cases/{demo['case_id']}/core-groups"]
    # Only hers: not the midwife's, the social worker's or the family's.
    assert "Book the interpreter" not in html and "Refer Dad" not in html


def test_the_nurse_s_action_leads_to_her_agency_update_and_shows_what_she_recorded(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    nurse = signed_in_as(app, "practitioner@demo.example")
    meeting_id = start(worker, demo)
    assert row_links(my_work(nurse), "actions") == [f"/core-groups/{meeting_id}/agency"]

    action = demo["nurse_action"]
    save_agency_update(nurse, meeting_id, {"summary": "Seen.", f"action-{action}-status": "done"})

    [row] = rows(my_work(nurse), "actions")
    assert "See Kemi at school every 2 weeks" in row
    assert "Done" in row and "Overdue" not in row
    with app.app_context():
        assert db.session.get(PlanAction, action).status == "done"


def test_an_action_naming_her_agency_is_hers_too(app, demo):
    with app.app_context():
        action = db.session.query(PlanAction).filter_by(
            what="Book the interpreter for every appointment"
        )
        action.one().who = "School Nursing Service"
        db.session.commit()

    html = my_work(signed_in_as(app, "practitioner@demo.example"))

    # The same "By when": in the order of their goals.
    whats = [row.split(" Goal ")[0] for row in rows(html, "actions")]
    assert whats == [
        "DEMO-0001 Adebayo family See Kemi at school every 2 weeks",
        "DEMO-0001 Adebayo family Book the interpreter for every appointment",
    ]
    assert "Goal 4: School Nursing Service" in rows(html, "actions")[1]


def test_the_social_worker_who_is_no_member_has_no_actions_section(app, demo):
    html = my_work(signed_in_as(app, "socialworker@demo.example"))
    assert 'id="actions"' not in html


def test_a_member_s_actions_are_listed_once_though_name_and_agency_both_match(app, demo):
    with app.app_context():
        action = db.session.get(PlanAction, demo["nurse_action"])
        action.who = "Priya Practitioner, School Nursing Service"
        db.session.commit()

    [row] = rows(my_work(signed_in_as(app, "practitioner@demo.example")), "actions")
    assert "See Kemi at school every 2 weeks" in row


def test_a_worker_who_is_also_a_member_sees_each_item_once(app, demo):
    with app.app_context():
        worker = user_id("socialworker@demo.example")
        db.session.add(CoreGroupMember(case_id=demo["case_id"], user_id=worker))
        db.session.commit()
    client = signed_in_as(app, "socialworker@demo.example")
    start(client, demo)

    html = my_work(client)
    listed = [
        row
        for key in ("conferences", "core-groups", "core-group-records", "actions", "reports")
        if f'id="{key}"' in html
        for row in rows(html, key)
    ]
    assert len(listed) == len(set(listed))
    assert sum("Finish recording" in row for row in listed) == 1
    assert sum(row.startswith("DEMO-0001 Adebayo family Core group") for row in listed) == 1


def test_the_new_items_add_no_query_for_each_case_or_meeting(app, demo):
    nurse = signed_in_as(app, "practitioner@demo.example")

    def statements() -> int:
        seen = []
        with app.app_context():
            engine = db.engine

        def listener(*args):
            seen.append(args[2])

        event.listen(engine, "before_cursor_execute", listener)
        try:
            my_work(nurse)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    one = statements()
    start(signed_in_as(app, "socialworker@demo.example"), demo)
    with app.app_context():
        other = db.session.query(Case).filter_by(reference="DEMO-0002").one()
        db.session.add(
            CoreGroupMember(case_id=other.id, user_id=user_id("practitioner@demo.example"))
        )
        db.session.commit()

    html = my_work(nurse)
    # DEMO-0002 is loaded too, though nothing on it is hers to do yet.
    assert "Finish recording" in html
    assert statements() == one
