"""A family for the invitation tests: Kemi (13) and her mother Dana, a review conference in
eleven days and a core group meeting before it, in a case of Team A allocated to the social
worker. Dates are counted from today: invitations are for meetings not yet held."""

from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest
from helpers import PASSWORD, team_id
from invitation_world import CORE_GROUP_ON, MEETING_ON, TODAY

from conference.extensions import db
from conference.models import Adult, Case, Child, Conference, CoreGroupMeeting, Plan, Role, User


@pytest.fixture
def family(app):
    with app.app_context():
        users = {}
        for key, role, team in (
            ("social_worker", Role.SOCIAL_WORKER, "Team A"),
            ("other_worker", Role.SOCIAL_WORKER, "Team C"),
            ("chair", Role.CHAIR, "Chairs"),
            ("manager", Role.MANAGER, "Team A"),
            ("minute_taker", Role.MINUTE_TAKER, None),
        ):
            user = User(email=f"{key}@example.org", name=f"Test {key}", role=role.value)
            user.team_id = team_id(team)
            user.set_password(PASSWORD)
            db.session.add(user)
            users[key] = user
        db.session.flush()
        case = Case(
            reference="INV-000001",
            team_id=team_id("Team A"),
            social_worker_id=users["social_worker"].id,
            opened_on=TODAY - timedelta(days=180),
            referral_date=TODAY - timedelta(days=184),
        )
        kemi = Child(
            given_name="Kemi",
            family_name="Adeyemi",
            date_of_birth=date(2013, 5, 4),
            local_child_id="INV-C1",
        )
        dana = Adult(given_name="Dana", family_name="Adeyemi")
        case.children.append(kemi)
        case.adults.append(dana)
        db.session.add(case)
        db.session.flush()
        initial = Conference(
            case_id=case.id,
            conference_type="initial",
            held_on=TODAY - timedelta(days=150),
            starts_at=time(10),
        )
        plan = Plan(case_id=case.id, conference=initial, number=1)
        meeting = CoreGroupMeeting(case_id=case.id, plan=plan, held_on=CORE_GROUP_ON)
        review = Conference(
            case_id=case.id,
            conference_type="review",
            held_on=MEETING_ON,
            starts_at=time(10),
            previous_conference=initial,
            minute_taker_id=users["minute_taker"].id,
        )
        db.session.add_all([initial, plan, meeting, review])
        db.session.commit()
        return SimpleNamespace(
            case_id=case.id,
            kemi_id=kemi.id,
            dana_id=dana.id,
            conference_id=review.id,
            meeting_id=meeting.id,
            emails={key: user.email for key, user in users.items()},
            user_ids={key: user.id for key, user in users.items()},
        )
