"""The demo family for the core group tests (tests/integration/core_groups/conftest.py has the
fixtures): seeded as `flask seed-demo` does, then taken back to before any core group met; and
recording a meeting in parts through the pages, as the social worker or the nurse would."""

from datetime import date, timedelta

from helpers import Client, sign_in
from pages import error_messages, error_summary, select

from conference.extensions import db
from conference.models import (
    AuditEvent,
    Conference,
    CoreGroupAttendance,
    CoreGroupMeeting,
    FamilyViews,
    Invitation,
    KeptFromFamily,
    KeptOffWall,
    Plan,
    User,
)
from conference.models.family_voice import FamilyFeedback

PASSWORD = "demo password for tests"


def typed(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def seed(app, monkeypatch) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def before_any_core_group(case) -> None:
    """The demo family as the initial conference left it: no core group has met, no action
    added since, none started, no next version of the plan written; the review conference three
    months on."""
    for later in db.session.query(Plan).filter(Plan.case_id == case.id, Plan.number > 1):
        db.session.delete(later)
    plan = db.session.query(Plan).filter_by(case_id=case.id, number=1).one()
    meetings = db.session.query(CoreGroupMeeting).filter_by(case_id=case.id).all()
    for meeting in meetings:
        meeting.action_updates = []
    for goal in plan.goals:
        for action in list(goal.actions):
            if action.added_at_meeting_id is not None:
                goal.actions.remove(action)
            else:
                action.status = "not_started"
    # The family's feedback on a core group (and its code) goes with the meeting.
    db.session.query(FamilyFeedback).filter_by(case_id=case.id).delete()
    of_case = Invitation.case_id == case.id, Invitation.core_group_meeting_id.is_not(None)
    db.session.query(Invitation).filter(*of_case).delete()
    db.session.flush()
    for meeting in meetings:
        db.session.delete(meeting)
    review = db.session.query(Conference).filter_by(case_id=case.id, conference_type="review")
    review.one().held_on = plan.conference.held_on + timedelta(days=91)
    db.session.commit()


def delete_conference(conference: Conference) -> None:
    """Delete a conference the demo made (the service never does), with what points at it: the
    family's views sent for it, their invitations, what is kept from the family and off the
    wall, and its audit trail (SQLite gives the next conference the same id)."""
    invited = db.session.query(Invitation.id).filter_by(conference_id=conference.id)
    db.session.query(FamilyViews).filter(FamilyViews.invitation_id.in_(invited)).delete()
    db.session.query(Invitation).filter_by(conference_id=conference.id).delete()
    for kept in (KeptFromFamily, KeptOffWall):
        db.session.query(kept).filter_by(conference_id=conference.id).delete()
    of_it = {"record_type": "conference", "record_id": str(conference.id)}
    db.session.query(AuditEvent).filter_by(**of_it).delete()
    db.session.delete(conference)


def user_id(email) -> int:
    return db.session.query(User).filter_by(email=email).one().id


def signed_in_as(app, email, password=PASSWORD) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email, password).status_code == 302, email
    return client


# Recording a meeting in parts, as the pages do.

# Goal by goal, and action by action, in the plan's order: what `record` answers by default.
RATINGS = ["some_progress", "no_change", "some_progress", "achieved", "worse", "no_change"]
STATUSES = ["done", "in_progress", "not_done", "done", "in_progress", "done", "done"]


def meeting_id_of(response) -> int:
    return int(response.headers["Location"].split("#")[0].rsplit("/", 1)[1])


def start(client, demo, on: date | None = None, **extra) -> int:
    """Start a meeting (a day after the conference, unless `on`), asserting it started."""
    held_on = on or demo.conference_on + timedelta(days=1)
    response = client.post(
        f"/cases/{demo.case_id}/core-groups/start", {"held_on": typed(held_on), **extra}
    )
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    return meeting_id_of(response)


def hidden_of(html: str) -> dict:
    """The hidden values a page carries (the part's fingerprint, a version), not the token."""
    found = {e.get("name"): e.get("value") for e in select(html, 'input[type="hidden"]')}
    found.pop("csrf_token", None)
    return found


def shown(client, url) -> dict:
    """The hidden values of the part's page as it is shown now."""
    return hidden_of(client.get(url).get_data(as_text=True))


def post_part(client, url, data) -> object:
    """Save a part as someone who has just opened its page."""
    return client.post(url, {**shown(client, url), **data})


def saved_part(client, url, data) -> None:
    response = post_part(client, url, data)
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))


def goal_answers(demo, ratings=RATINGS) -> dict:
    """Every goal discussed, with where it is now, its rating, the evidence and who said so."""
    data = {}
    for number, (goal_id, rating) in enumerate(zip(demo.goal_ids, ratings, strict=True), 1):
        data[f"goal-{goal_id}-discussed"] = "yes"
        data[f"goal-{goal_id}-where-now"] = f"Where goal {number} is now"
        data[f"goal-{goal_id}-rating"] = rating
        data[f"goal-{goal_id}-evidence"] = f"Evidence for goal {number}"
        data[f"goal-{goal_id}-said-by"] = "Mum"
    return data


def action_answers(demo, statuses=STATUSES) -> dict:
    flat = [action for actions in demo.action_ids for action in actions]
    return {f"action-{a}-status": s for a, s in zip(flat, statuses, strict=True)}


def record(app, client, demo, on: date | None = None, complete: bool = True, **parts) -> int:
    """A meeting recorded part by part: Mum and the nurse came and Dad sent apologies; every
    goal discussed; every action reviewed; one new action under goal 3; both views, scores
    from Mum and the nurse, and the next meeting 4 weeks on; then completed. `parts` adds to
    or replaces what a part sends: `came`, `goals`, `actions` (with the new actions), `views`
    (the scores by name: `scores={"Funmilayo Adebayo": ("6", "Better")}`)."""
    held_on = on or demo.conference_on + timedelta(days=1)
    meeting_id = start(client, demo, on=held_on)
    base = f"/core-groups/{meeting_id}"
    came = {
        "held_on": typed(held_on),
        "chaired_by": "Sam Social-Worker",
        f"person-adult-{demo.mother}-came": "attended",
        f"person-attendee-{demo.nurse}-came": "attended",
        f"person-adult-{demo.father}-came": "apologies",
        f"person-adult-{demo.father}-reason": "At work",
    }
    saved_part(client, f"{base}/attendance", came | parts.get("came", {}))
    saved_part(client, f"{base}/goals", goal_answers(demo) | parts.get("goals", {}))
    new = {
        "new-1-goal": str(demo.goal_ids[2]),
        "new-1-what": "Meet Kemi’s head of year about her attendance",
        "new-1-who": "Priya Practitioner",
        "new-1-by-when": typed(held_on + timedelta(weeks=2)),
    }
    saved_part(client, f"{base}/actions", action_answers(demo) | new | parts.get("actions", {}))
    scores = {
        "Funmilayo Adebayo": ("6", "No shouting for two weeks"),
        "Priya Practitioner": ("5", "Kemi is in school more"),
    } | parts.get("scores", {})
    views = {
        "child_views": "Kemi said home has been calmer.",
        "parents_views": "Mum says the diary helps.",
        "next_meeting_on": typed(held_on + timedelta(weeks=4)),
        "notes_sent_to": "Everyone in the core group",
    } | _scores(app, meeting_id, scores)
    saved_part(client, f"{base}/views", views | parts.get("views", {}))
    if complete:
        response = client.post(f"{base}/complete", {})
        assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    return meeting_id


def reopen(client, meeting_id: int) -> None:
    """Reopen a completed meeting's record to correct it, asserting it reopened."""
    response = client.post(f"/core-groups/{meeting_id}/reopen", {})
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))


def _scores(app, meeting_id: int, scores: dict) -> dict:
    """The views part's score fields, named by the attendance row of each person scoring."""
    with app.app_context():
        rows = db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id)
        ids = {row.name: row.id for row in rows}
    data = {}
    for name, (score, reason) in scores.items():
        data[f"score-{ids[name]}-score"], data[f"score-{ids[name]}-reason"] = score, reason
    return data
