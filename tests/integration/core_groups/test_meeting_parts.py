"""A core group meeting recorded in parts, for the demo family: started with only its date,
then who came (from the core group, with the children), each goal discussed or not, each
action carried forward, the nurse's own agency update, the views, scores and next meeting; the
contents list with who saved what; completing the meeting; two people saving at once."""

from datetime import timedelta

from core_group_demo import hidden_of, post_part, shown, signed_in_as, start, typed
from helpers import count
from pages import error_messages, error_summary, select, texts

from conference.extensions import db
from conference.models import (
    ActionUpdate,
    AgencyUpdate,
    AuditEvent,
    CoreGroupAttendance,
    CoreGroupMeeting,
    CoreGroupScore,
    CoreGroupSection,
    GoalProgress,
)


def text_in(html, selector) -> str:
    return " ".join(texts(html, selector))


def test_saving_only_the_date_starts_the_meeting_with_no_errors(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert meeting.held_on == demo.conference_on + timedelta(days=1)
        assert meeting.completed_at is None
        assert meeting.attendance == [] and meeting.progress == []
    html = worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    contents = text_in(html, "ol.app-meeting-parts")
    assert "The date and who came" in contents
    # The start saved the date, and the contents list says so.
    assert text_in(html, '[data-part="attendance"]').startswith("Date saved; who came not recorded")
    assert "0 of 6 goals discussed" in text_in(html, "main")


def test_starting_without_a_date_says_so_and_saves_nothing(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    before = count(app, CoreGroupMeeting)
    response = worker.post(f"/cases/{demo.case_id}/core-groups/start", {"chaired_by": "Sam"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert error_messages(html) == ["Enter the date of the meeting"]
    assert 'value="Sam"' in html
    assert count(app, CoreGroupMeeting) == before


def test_who_came_starts_from_the_core_group_and_the_children(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/attendance"
    html = worker.get(url).get_data(as_text=True)
    assert f"person-adult-{demo.mother}-came" in html
    assert f"person-attendee-{demo.nurse}-came" in html
    with app.app_context():
        from conference.models import Case

        case = db.session.get(Case, demo.case_id)
        born = [child for child in case.children if child.date_of_birth is not None]
        child = born[0]
        child_id = child.id
    assert f"person-child-{child_id}-came" in html
    response = post_part(
        worker,
        url,
        {
            "held_on": typed(demo.conference_on + timedelta(days=1)),
            "chaired_by": "Sam Social-Worker",
            f"person-adult-{demo.mother}-came": "attended",
            f"person-attendee-{demo.nurse}-came": "apologies",
            f"person-attendee-{demo.nurse}-reason": "At another child’s conference",
            f"person-adult-{demo.father}-came": "did_not_attend",
            f"person-child-{child_id}-came": "attended",
        },
    )
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    with app.app_context():
        rows = {
            row.name: row
            for row in db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id)
        }
        assert len(rows) == 4
        kid = next(row for row in rows.values() if row.child_id == child_id)
        assert kid.attendance == "attended"
        nurse_row = next(row for row in rows.values() if row.attendance == "apologies")
        assert nurse_row.apologies_reason == "At another child’s conference"
        assert sum(1 for row in rows.values() if row.attendance == "did_not_attend") == 1
        section = db.session.query(CoreGroupSection).filter_by(meeting_id=meeting_id).one()
        assert section.section == "attendance"
    page = worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    assert "Saved by Sam Social-Worker" in text_in(page, '[data-part="attendance"]')


def test_adding_a_person_is_one_short_form(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/attendance/add"
    response = worker.post(url, {"name": "", "came": "attended"})
    assert error_messages(response.get_data(as_text=True)) == ["Enter their name"]
    response = worker.post(url, {"name": "Dr Obi", "came": "attended"})
    assert response.status_code == 302
    page = worker.get(f"/core-groups/{meeting_id}/attendance").get_data(as_text=True)
    assert "Dr Obi" in page
    with app.app_context():
        row = db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id).one()
        assert (row.name, row.attendance) == ("Dr Obi", "attended")


def test_goals_discussed_or_not_discussed_this_time(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/goals"
    first, second = demo.goal_ids[:2]
    response = post_part(worker, url, {f"goal-{first}-discussed": "yes"})
    assert error_messages(response.get_data(as_text=True)) == [
        "Enter where things are now for goal 1",
        "Select the progress on goal 1",
    ]
    response = post_part(
        worker,
        url,
        {
            f"goal-{first}-discussed": "yes",
            f"goal-{first}-where-now": "Calmer at home",
            f"goal-{first}-rating": "some_progress",
            f"goal-{second}-discussed": "no",
        },
    )
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    with app.app_context():
        rows = {
            row.goal_id: row
            for row in db.session.query(GoalProgress).filter_by(meeting_id=meeting_id)
        }
        assert set(rows) == {first, second}
        assert (rows[first].discussed, rows[first].rating) == (True, "some_progress")
        assert (rows[second].discussed, rows[second].rating) == (False, None)
    page = worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    assert "1 of 6 goals discussed, 1 not discussed this time" in text_in(page, "main")
    # The pages that read meetings still work with a goal not discussed.
    for read in (
        f"/cases/{demo.case_id}/core-groups",
        f"/plans/{demo.plan_id}/progress",
        f"/cases/{demo.case_id}/chronology",
    ):
        assert worker.get(read).status_code in (200, 404), read


def test_actions_are_carried_forward_from_the_last_meeting(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    first = start(worker, demo)
    action = demo.action_ids[0][0]
    url = f"/core-groups/{first}/actions"
    response = post_part(worker, url, {f"action-{action}-status": "in_progress"})
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    held_on = demo.conference_on + timedelta(days=8)
    response = worker.post(f"/cases/{demo.case_id}/core-groups/start", {"held_on": typed(held_on)})
    second = int(response.headers["Location"].split("#")[0].rsplit("/", 1)[1])
    html = worker.get(f"/core-groups/{second}/actions").get_data(as_text=True)
    [checked] = select(html, f'input[name="action-{action}-status"][checked]')
    assert checked.get("value") == "in_progress"


def test_the_nurse_records_only_her_agency_update_and_her_actions(app, demo, nurse):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/agency"
    html = nurse.get(url).get_data(as_text=True)
    assert "Update from School Nursing Service" in html
    with app.app_context():
        from conference.models import PlanAction

        actions = db.session.query(PlanAction).filter(PlanAction.who == "Priya Practitioner")
        hers = [a.id for a in actions]
    assert hers
    names = {e.get("name") for e in select(html, 'input[type="radio"]')}
    assert names == {f"action-{a}-status" for a in hers}
    response = post_part(
        nurse,
        url,
        {"summary": "Seen Kemi twice at school.", f"action-{hers[0]}-status": "done"},
    )
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    with app.app_context():
        update = db.session.query(AgencyUpdate).filter_by(meeting_id=meeting_id).one()
        assert (update.agency, update.summary) == (
            "School Nursing Service",
            "Seen Kemi twice at school.",
        )
        row = db.session.query(ActionUpdate).filter_by(meeting_id=meeting_id).one()
        assert (row.action_id, row.status) == (hers[0], "done")
        assert (
            db.session.query(AuditEvent)
            .filter_by(record_type="core_group_meeting", record_id=str(meeting_id), action="update")
            .count()
            >= 1
        )
    page = nurse.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    assert "Seen Kemi twice at school." in text_in(page, "main")
    assert "See Kemi at school every 2 weeks Goal 3 Done" in text_in(page, "main table")
    part = text_in(page, '[data-part="agency:"]')
    assert "Saved by Priya Practitioner" in part and "School Nursing Service" in part


def test_an_empty_agency_update_says_what_is_needed(app, demo, nurse):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/agency"
    response = post_part(nurse, url, {"summary": ""})
    assert "Enter your agency’s update" in error_messages(response.get_data(as_text=True))


def test_views_scores_and_the_next_meeting(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    post_part(
        worker,
        f"/core-groups/{meeting_id}/attendance",
        {
            "held_on": typed(demo.conference_on + timedelta(days=1)),
            f"person-adult-{demo.mother}-came": "attended",
        },
    )
    with app.app_context():
        row = db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id).one()
        row_id = row.id
    url = f"/core-groups/{meeting_id}/views"
    response = post_part(
        worker,
        url,
        {
            "child_views": "Kemi says it is calmer",
            f"score-{row_id}-score": "11",
            f"score-{row_id}-reason": "Better",
            "next_meeting_on": typed(demo.conference_on),
        },
    )
    assert error_messages(response.get_data(as_text=True)) == [
        "The date of the next meeting must be after the date of this meeting",
        f"The score from {row.name} must be a whole number from 0 to 10",
    ]
    response = post_part(
        worker,
        url,
        {
            "child_views": "Kemi says it is calmer",
            f"score-{row_id}-score": "6",
            f"score-{row_id}-reason": "Better",
            "next_meeting_on": typed(demo.conference_on + timedelta(weeks=5)),
        },
    )
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    with app.app_context():
        score = db.session.query(CoreGroupScore).filter_by(meeting_id=meeting_id).one()
        assert (score.value, score.is_parent) == (6, True)
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert meeting.child_views == "Kemi says it is calmer"


def test_completing_says_what_is_missing_then_completes(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    response = worker.post(f"/core-groups/{meeting_id}/complete", {})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    messages = error_summary(html)
    assert "Record who came to the meeting" in messages
    assert "Enter who chaired the meeting" in messages
    assert any("0 of 6 goals discussed" in m for m in messages)
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).completed_at is None
    held_on = demo.conference_on + timedelta(days=1)
    post_part(
        worker,
        f"/core-groups/{meeting_id}/attendance",
        {
            "held_on": typed(held_on),
            "chaired_by": "Sam",
            f"person-adult-{demo.mother}-came": "attended",
        },
    )
    post_part(
        worker,
        f"/core-groups/{meeting_id}/goals",
        {f"goal-{goal}-discussed": "no" for goal in demo.goal_ids},
    )
    statuses = {
        f"action-{action}-status": "in_progress" for ids in demo.action_ids for action in ids
    }
    post_part(worker, f"/core-groups/{meeting_id}/actions", statuses)
    post_part(
        worker,
        f"/core-groups/{meeting_id}/views",
        {"next_meeting_on": typed(held_on + timedelta(weeks=5))},
    )
    response = worker.post(f"/core-groups/{meeting_id}/complete", {})
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).completed_at is not None


def test_two_people_saving_different_parts_both_keep_their_work(app, demo, nurse):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    goals_url = f"/core-groups/{meeting_id}/goals"
    agency_url = f"/core-groups/{meeting_id}/agency"
    goals_page, agency_page = shown(worker, goals_url), shown(nurse, agency_url)
    for page in (goals_page, agency_page):
        page.pop("csrf_token", None)
    first = demo.goal_ids[0]
    assert (
        worker.post(goals_url, {**goals_page, f"goal-{first}-discussed": "no"}).status_code == 302
    )
    response = nurse.post(agency_url, {**agency_page, "summary": "Seen at school"})
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.query(GoalProgress).filter_by(meeting_id=meeting_id).count() == 1
        assert db.session.query(AgencyUpdate).filter_by(meeting_id=meeting_id).count() == 1


def test_two_people_saving_the_same_part_the_second_is_shown_the_difference(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    chair = signed_in_as(app, "chair@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/goals"
    first = demo.goal_ids[0]
    worker_page, chair_page = shown(worker, url), shown(chair, url)
    for page in (worker_page, chair_page):
        page.pop("csrf_token", None)
    assert worker.post(url, {**worker_page, f"goal-{first}-discussed": "no"}).status_code == 302
    mine = {
        f"goal-{first}-discussed": "yes",
        f"goal-{first}-where-now": "Calmer",
        f"goal-{first}-rating": "some_progress",
    }
    response = chair.post(url, {**chair_page, **mine})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else changed this record" in html
    assert "Not discussed this time" in text_in(html, ".govuk-notification-banner")
    assert "Calmer" in html  # what the chair typed is kept
    with app.app_context():
        row = db.session.query(GoalProgress).filter_by(meeting_id=meeting_id).one()
        assert row.discussed is False
    # Saving again, knowingly, replaces it.
    again = hidden_of(html)
    response = chair.post(url, {**again, **mine})
    assert response.status_code == 302
    with app.app_context():
        row = db.session.query(GoalProgress).filter_by(meeting_id=meeting_id).one()
        assert (row.discussed, row.where_now) == (True, "Calmer")


def test_the_nurse_saving_her_update_twice_at_once_is_refused_the_second_time(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    one = signed_in_as(app, "practitioner@demo.example")
    two = signed_in_as(app, "practitioner@demo.example")
    url = f"/core-groups/{meeting_id}/agency"
    first, second = shown(one, url), shown(two, url)
    for page in (first, second):
        page.pop("csrf_token", None)
    assert one.post(url, {**first, "summary": "First"}).status_code == 302
    response = two.post(url, {**second, "summary": "Second"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Someone else changed this record" in html
    with app.app_context():
        assert db.session.query(AgencyUpdate).filter_by(meeting_id=meeting_id).one().summary == (
            "First"
        )


def test_a_new_action_agreed_at_the_meeting_is_added_to_the_plan(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/actions"
    new = {
        "new-1-goal": str(demo.goal_ids[2]),
        "new-1-what": "Meet Kemi’s head of year",
        "new-1-by-when": typed(demo.conference_on + timedelta(weeks=3)),
    }
    response = post_part(worker, url, new)
    assert error_messages(response.get_data(as_text=True)) == ["Enter who will do new action 1"]
    response = post_part(worker, url, {**new, "new-1-who": "Priya Practitioner"})
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    with app.app_context():
        from conference.models import PlanAction

        added = db.session.query(PlanAction).filter_by(added_at_meeting_id=meeting_id).one()
        assert (added.goal_id, added.who) == (demo.goal_ids[2], "Priya Practitioner")
    page = worker.get(url).get_data(as_text=True)
    assert "Meet Kemi’s head of year" in page


def test_an_administrator_is_not_offered_as_an_attendee(app, demo):
    with app.app_context():
        from conference.models import CoreGroupMember, User

        admin = db.session.query(User).filter_by(email="admin@demo.example").one()
        db.session.add(CoreGroupMember(case_id=demo.case_id, user_id=admin.id))
        db.session.commit()
        admin_id, admin_name = admin.id, admin.name
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    html = worker.get(f"/core-groups/{meeting_id}/attendance").get_data(as_text=True)
    assert f"person-user-{admin_id}-came" not in html
    assert admin_name not in text_in(html, "form")
