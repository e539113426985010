"""The people and cases of the access matrices (cases, conferences, plans, core groups): a case
in team A allocated to "sw_allocated", with a child and an adult, and an identical case in team C
for contrast. The `world` fixture (tests/integration/conftest.py) builds it; the matrices use the
constants to say who may do what."""

from datetime import date

from helpers import PASSWORD, team_id

from conference.extensions import db
from conference.models import Adult, Case, Child, CoreGroupMember, Role, User

# Who each person is, and what they may do with the case in team A allocated to "sw_allocated".
PEOPLE = {
    "admin": (Role.ADMIN, None),
    "admin_in_core_group": (Role.ADMIN, None),
    "manager_a": (Role.MANAGER, "Team A"),
    "manager_b": (Role.MANAGER, "Team B"),
    "chair": (Role.CHAIR, "Chairs"),
    "sw_allocated": (Role.SOCIAL_WORKER, "Team B"),
    "sw_team_a": (Role.SOCIAL_WORKER, "Team A"),
    "sw_team_b": (Role.SOCIAL_WORKER, "Team B"),
    "practitioner_in_core_group": (Role.PRACTITIONER, None),
    "practitioner_outside": (Role.PRACTITIONER, None),
    # Business support: sees no case, only the conferences assigned to them (a matrix that
    # builds a conference of the case in team A assigns it to them: MINUTE_TAKER).
    "minute_taker": (Role.MINUTE_TAKER, None),
}
MINUTE_TAKER = "minute_taker"
CAN_VIEW = {
    "admin_in_core_group",
    "manager_a",
    "chair",
    "sw_allocated",
    "sw_team_a",
    "practitioner_in_core_group",
}
CAN_EDIT = {"manager_a", "chair", "sw_allocated"}
CAN_CREATE = {"manager_a", "manager_b", "chair", "sw_allocated", "sw_team_a", "sw_team_b"}


def build_access_world(app) -> dict:
    """Store the people of PEOPLE and both cases; return the ids and each person's email."""
    with app.app_context():
        users = {}
        for key, (role, team) in PEOPLE.items():
            user = User(
                email=f"{key}@example.org", name=key, role=role.value, team_id=team_id(team)
            )
            user.set_password(PASSWORD)
            db.session.add(user)
            users[key] = user
        db.session.flush()
        case = _case("ACC-000001", "Team A", users["sw_allocated"].id)
        _case("ACC-000002", "Team C", None)
        for key in ("practitioner_in_core_group", "admin_in_core_group"):
            db.session.add(CoreGroupMember(case_id=case.id, user_id=users[key].id))
        db.session.commit()
        child, adult = case.children[0], case.adults[0]
        return {
            "case_id": case.id,
            "child_id": child.id,
            "adult_id": adult.id,
            "users": {key: user.email for key, user in users.items()},
            "user_ids": {key: user.id for key, user in users.items()},
        }


def _case(reference, team, social_worker_id):
    case = Case(
        reference=reference,
        team_id=team_id(team),
        social_worker_id=social_worker_id,
        opened_on=date(2026, 10, 1),
        referral_date=date(2026, 9, 30),
    )
    case.children.append(
        Child(
            given_name="Ada",
            family_name="Test",
            date_of_birth=date(2019, 1, 1),
            local_child_id=f"{reference}-C1",
        )
    )
    case.adults.append(Adult(given_name="Bo", family_name="Test"))
    db.session.add(case)
    db.session.flush()
    return case
