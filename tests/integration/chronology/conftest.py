"""A family with something of every kind the chronology reads from the record: two children
with their referrals and an enquiry, a finalised initial conference with a decision for each,
a finalised plan, a core group meeting, a statutory visit, a change of social worker and an
oversight record."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest
from helpers import Client, sign_in
from records import add_child, add_enquiry

from conference.extensions import db
from conference.models import (
    Allocation,
    ChildDecision,
    ChronologyEvent,
    Conference,
    CoreGroupMeeting,
    Oversight,
    OversightAction,
    Plan,
    StatutoryVisit,
    User,
    VisitChild,
)


@dataclass
class Family:
    case_id: int
    ada: int
    ben: int
    social_worker: int
    manager: int
    other_worker: int
    practitioner: int
    chair: int
    action_id: int


@pytest.fixture
def family(app, make_user, make_case) -> Family:
    social_worker = make_user(
        "social_worker", email="sw@example.org", name="Sam Worker", team="Team A"
    )
    other = make_user("social_worker", email="sw2@example.org", name="Olu Other", team="Team A")
    manager = make_user("manager", email="manager@example.org", name="Mo Manager", team="Team A")
    practitioner = make_user("practitioner", email="gp@example.org", name="Pat Nurse")
    chair = make_user("chair", email="chair@example.org", name="Cat Chair", team="Chairs")
    case_id = make_case(social_worker_id=social_worker, referral_date=date(2026, 3, 2))
    ada = add_child(app, case_id, "Ada", "LC-1")
    ben = add_child(app, case_id, "Ben", "LC-2", date_of_birth=date(2022, 1, 5))
    add_enquiry(app, ada, date(2026, 3, 4), strategy_discussion_on=date(2026, 3, 3))
    with app.app_context():
        from conference.models import CoreGroupMember

        db.session.add(CoreGroupMember(case_id=case_id, user_id=practitioner))
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 3, 20),
            starts_at=time(10),
            chair_id=chair,
            finalised_at=datetime(2026, 3, 20, 15, tzinfo=UTC),
        )
        conference.decisions = [
            ChildDecision(child_id=ada, outcome="cp_plan", category="NEG"),
            ChildDecision(child_id=ben, outcome="cin_plan"),
        ]
        plan = Plan(
            case_id=case_id,
            conference=conference,
            number=1,
            finalised_at=datetime(2026, 3, 27, 9, tzinfo=UTC),
        )
        meeting = CoreGroupMeeting(case_id=case_id, plan=plan, held_on=date(2026, 4, 2))
        visit = StatutoryVisit(
            case_id=case_id,
            visited_on=date(2026, 4, 1),
            visitor_id=social_worker,
            by_lead_social_worker=True,
            recorded_by_id=social_worker,
        )
        visit.children = [
            VisitChild(child_id=ada, seen=True, seen_alone=True),
            VisitChild(child_id=ben, seen=False, not_seen_reason="At nursery"),
        ]
        team_a = db.session.get(User, social_worker).team_id
        allocations = [
            Allocation(
                case_id=case_id,
                social_worker_id=other,
                team_id=team_a,
                allocated_on=date(2026, 3, 2),
            ),
            Allocation(
                case_id=case_id,
                social_worker_id=social_worker,
                team_id=team_a,
                allocated_on=date(2026, 3, 16),
            ),
        ]
        oversight = Oversight(
            case_id=case_id,
            held_on=date(2026, 4, 10),
            manager_id=manager,
            reflection="Whether Ada is safe at weekends",
            decision="Keep the plan; ask the school about Fridays",
        )
        action = OversightAction(
            description="Ask the school about Fridays",
            owner_id=social_worker,
            due_on=date(2026, 4, 20),
        )
        oversight.actions = [action]
        db.session.add_all([conference, plan, meeting, visit, *allocations, oversight])
        db.session.commit()
        action_id = action.id
    return Family(case_id, ada, ben, social_worker, manager, other, practitioner, chair, action_id)


@pytest.fixture
def as_user(app):
    """A fresh client signed in as the user with this e-mail address."""

    def sign_in_as(email):
        client = Client(app.test_client())
        assert sign_in(client, email).status_code == 302
        return client

    return sign_in_as


@pytest.fixture
def add_event(app, family):
    """Enter by hand, straight into the database, a significant event about Ada; gives its id."""

    def add(**fields) -> int:
        with app.app_context():
            event = ChronologyEvent(
                case_id=family.case_id,
                occurred_on=date(2026, 4, 5),
                what_happened="Police called to the home",
                source="Police notification",
                impact_on_child="Ada was frightened",
                child_ids=[family.ada],
                recorded_by_id=family.social_worker,
                **fields,
            )
            db.session.add(event)
            db.session.commit()
            return event.id

    return add
