"""The demo family for the core group tests (tests/integration/core_groups/conftest.py has the
fixtures): seeded as `flask seed-demo` does, then taken back to before any core group met."""

from datetime import date, timedelta

from helpers import Client, sign_in

from conference.extensions import db
from conference.models import Conference, CoreGroupMeeting, Plan, User

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
    db.session.flush()
    for meeting in meetings:
        db.session.delete(meeting)
    review = db.session.query(Conference).filter_by(case_id=case.id, conference_type="review")
    review.one().held_on = plan.conference.held_on + timedelta(days=91)
    db.session.commit()


def user_id(email) -> int:
    return db.session.query(User).filter_by(email=email).one().id


def signed_in_as(app, email, password=PASSWORD) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email, password).status_code == 302, email
    return client
