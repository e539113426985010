"""A completed core group meeting's record (issue 18, from a trial): its parts are read, not
changed; a save to one is refused and changes nothing; reopening it to correct it is audited and
shown on the meeting page."""

from datetime import timedelta

from core_group_demo import record, reopen, saved_part, shown, signed_in_as, typed
from helpers import count
from pages import assert_page, select, text_of, texts

from conference.extensions import db
from conference.models import AuditEvent, CoreGroupMeeting, CoreGroupSection, GoalProgress

PARTS = ("attendance", "goals", "actions", "agency", "views")
SAVE_BUTTONS = ("Save this part", "Save your update", "Add to the list")


def completed_at(app, meeting_id):
    with app.app_context():
        return db.session.get(CoreGroupMeeting, meeting_id).completed_at


def test_a_completed_meeting_s_parts_show_what_was_recorded_with_no_way_to_save(app, demo, nurse):
    meeting_id = record(app, nurse, demo)
    for part in PARTS:
        html = nurse.get(f"/core-groups/{meeting_id}/{part}").get_data(as_text=True)
        assert "This meeting’s record is complete" in texts(html, "#record-complete h2"), part
        assert not any(button in html for button in SAVE_BUTTONS), part
        assert select(html, "fieldset[disabled]"), part
    goals = nurse.get(f"/core-groups/{meeting_id}/goals").get_data(as_text=True)
    assert "Where goal 1 is now</textarea>" in goals  # what was recorded, shown
    attendance = nurse.get(f"/core-groups/{meeting_id}/attendance").get_data(as_text=True)
    assert "Add someone who is not on the list" not in text_of(attendance)


def test_a_save_to_a_completed_meeting_is_refused_and_changes_nothing(app, demo, nurse):
    meeting_id = record(app, nurse, demo)
    base = f"/core-groups/{meeting_id}"
    goal = demo.goal_ids[0]
    with app.app_context():
        sections = {(s.section, s.saved_at) for s in db.session.query(CoreGroupSection)}
    updates = count(app, AuditEvent, action="update")
    tried = {
        "goals": {f"goal-{goal}-discussed": "yes", f"goal-{goal}-rating": "worse"},
        "attendance": {"held_on": typed(demo.conference_on), "chaired_by": "Someone else"},
        "actions": {f"action-{demo.action_ids[0][0]}-status": "not_done"},
        "agency": {"summary": "Changed after the meeting was complete"},
        "views": {"child_views": "Changed after the meeting was complete"},
        "attendance/add": {"name": "Late Comer", "came": "attended"},
    }
    for part, data in tried.items():
        response = nurse.post(f"{base}/{part}", data)
        html = assert_page(response, "This meeting’s record is complete", status=409)
        assert "Nothing was saved." in text_of(html), part
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert meeting.completed_at is not None
        assert meeting.chaired_by == "Sam Social-Worker"
        assert meeting.child_views == "Kemi said home has been calmer."
        assert "Late Comer" not in [row.name for row in meeting.attendance]
        rating = db.session.query(GoalProgress).filter_by(meeting_id=meeting_id, goal_id=goal)
        assert rating.one().rating == "some_progress"
        assert {(s.section, s.saved_at) for s in db.session.query(CoreGroupSection)} == sections
    assert count(app, AuditEvent, action="update") == updates


def test_reopening_the_record_lets_it_be_corrected_and_says_who_reopened_it(app, demo, nurse):
    meeting_id = record(app, nurse, demo)
    worker = signed_in_as(app, "socialworker@demo.example")
    html = worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    assert "Reopen the record to correct it" in html
    [form] = [
        f for f in select(html, "form") if f.get("action") == f"/core-groups/{meeting_id}/reopen"
    ]
    assert select(form, 'input[name="csrf_token"]')
    reopen(worker, meeting_id)
    assert completed_at(app, meeting_id) is None
    with app.app_context():
        [event] = db.session.query(AuditEvent).filter_by(action="reopen").all()
        assert (event.record_type, event.record_id) == ("core_group_meeting", str(meeting_id))
        assert event.changes["completed_at"][1] is None
        assert event.case_id == demo.case_id
    page = text_of(worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True))
    assert "Reopened by Sam Social-Worker on " in page
    assert "In progress" in page and "Complete the meeting" in page
    # Now the correction saves, and the meeting is completed again.
    url = f"/core-groups/{meeting_id}/views"
    next_on = demo.conference_on + timedelta(days=1, weeks=4)
    corrected = {
        "child_views": "Kemi said home has been calmer, mostly.",
        "next_meeting_on": typed(next_on),
    }
    saved_part(worker, url, corrected)
    assert worker.post(f"/core-groups/{meeting_id}/complete", {}).status_code == 302
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert meeting.child_views == "Kemi said home has been calmer, mostly."
        assert meeting.completed_at is not None


def test_a_page_opened_before_the_meeting_was_completed_cannot_save_after(app, demo, nurse):
    meeting_id = record(app, nurse, demo, complete=False)
    url = f"/core-groups/{meeting_id}/views"
    opened = shown(nurse, url)
    assert nurse.post(f"/core-groups/{meeting_id}/complete", {}).status_code == 302
    response = nurse.post(url, opened | {"child_views": "Typed after it was completed"})
    assert_page(response, "This meeting’s record is complete", status=409)
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).child_views == (
            "Kemi said home has been calmer."
        )


def test_only_those_who_may_record_meetings_may_reopen_one(app, demo, nurse, make_user):
    meeting_id = record(app, nurse, demo)
    make_user("social_worker", email="team@example.org", team="Demo Assessment Team")
    reader = signed_in_as(app, "team@example.org", "a long test password for everyone")
    html = reader.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    assert "Reopen the record to correct it" not in html
    assert reader.post(f"/core-groups/{meeting_id}/reopen", {}).status_code == 403
    assert completed_at(app, meeting_id) is not None
    assert count(app, AuditEvent, action="reopen") == 0


def test_completing_twice_leaves_it_complete_once(app, demo, nurse):
    meeting_id = record(app, nurse, demo)
    first = completed_at(app, meeting_id)
    response = nurse.post(f"/core-groups/{meeting_id}/complete", {})
    assert response.status_code == 302
    assert completed_at(app, meeting_id) == first
