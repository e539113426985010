"""The demo family's fixtures for the core group tests (tests/core_group_demo.py)."""

from types import SimpleNamespace

import pytest
from core_group_demo import before_any_core_group, seed, signed_in_as, user_id

from conference.extensions import db
from conference.models import Case, Conference, Plan
from conference.services.plan_checks import goals_in_order


@pytest.fixture
def demo(app, monkeypatch):
    """The demo data, seeded as `flask seed-demo` does: DEMO-0001 (the Adebayo family) with its
    finalised initial conference, its draft plan of 6 goals and 7 actions, and a draft review."""
    seed(app, monkeypatch)
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        before_any_core_group(case)
        other = db.session.query(Case).filter_by(reference="DEMO-0002").one()
        plan = db.session.query(Plan).filter_by(case_id=case.id, number=1).one()
        goals = goals_in_order(plan)
        attendees = {a.role: a.id for a in plan.conference.attendees}
        review = db.session.query(Conference).filter_by(case_id=case.id, conference_type="review")
        mother, father, grandmother = (adult.id for adult in case.adults)
        return SimpleNamespace(
            case_id=case.id,
            other_case_id=other.id,
            plan_id=plan.id,
            conference_id=plan.conference_id,
            conference_on=plan.conference.held_on,
            review_on=review.one().held_on,
            goal_ids=[goal.id for goal in goals],
            action_ids=[[a.id for a in sorted(g.actions, key=lambda a: a.position)] for g in goals],
            mother=mother,
            father=father,
            grandmother=grandmother,
            social_worker=attendees["Social worker"],
            nurse=attendees["School nurse"],
            teacher=attendees["Class teacher (Tolu)"],
            nurse_user=user_id("practitioner@demo.example"),
        )


@pytest.fixture
def nurse(app, demo):
    """Priya, the school nurse in the demo family's core group."""
    client = signed_in_as(app, "practitioner@demo.example")
    client.demo = demo
    return client
