"""The access matrix: every case route, for every kind of user, with and without a reason to
see the case. Adding a case route without adding it here fails the first test."""

from datetime import date

import pytest
from helpers import PASSWORD, Client, sign_in, team_id

from conference.extensions import db
from conference.models import Adult, Case, Child, CoreGroupMember, Role, User

# (endpoint, needs) where needs is "view", "edit", "create" or "manager".
CASE_ROUTES = {
    "cases.show_case": "view",
    "cases.edit_case": "edit",
    "cases.case_audit": "manager",
    "people.show_child": "view",
    "people.edit_child": "edit",
    "people.edit_child_identity": "edit",
    "people.new_child": "edit",
    "people.new_adult": "edit",
    "people.edit_adult": "edit",
    "people.edit_adult_identity": "edit",
}
GENERAL_ROUTES = {
    "cases.list_cases": "any",
    "cases.new_case": "create",
    "cases.check_new_case": "create",
}

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
}
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


def expected(person: str, needs: str) -> int:
    if needs == "any":
        return 200
    if needs == "create":
        return 200 if person in CAN_CREATE else 403
    if needs == "manager":
        if PEOPLE[person][0] != Role.MANAGER:
            return 403
        return 200 if person in CAN_VIEW else 404
    if person not in CAN_VIEW:
        return 404
    if needs == "edit" and person not in CAN_EDIT:
        return 403
    return 200


def test_every_case_route_is_in_the_matrix(app):
    endpoints = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in ("cases", "people")
    }
    assert endpoints == set(CASE_ROUTES) | set(GENERAL_ROUTES)


@pytest.fixture
def world(app):
    """A case in team A with a child and an adult; an identical case in team C for contrast."""
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


def _url(app, endpoint, world):
    from flask import url_for

    rule = next(app.url_map.iter_rules(endpoint))
    values = {
        name: world[name] for name in rule.arguments if name in ("case_id", "child_id", "adult_id")
    }
    with app.test_request_context():
        return url_for(endpoint, **values)


@pytest.mark.parametrize("person", list(PEOPLE))
def test_access_matrix(app, world, person):
    client = Client(app.test_client())
    assert sign_in(client, world["users"][person]).status_code == 302
    seen = {}
    for endpoint in {**CASE_ROUTES, **GENERAL_ROUTES}:
        response = client.get(_url(app, endpoint, world))
        seen[endpoint] = response.status_code
        if endpoint == "cases.check_new_case" and response.status_code == 302:
            # With nothing to check yet, the check page sends creators back to the first step.
            assert response.headers["Location"] == "/cases/new"
            seen[endpoint] = 200
    assert seen == {e: expected(person, n) for e, n in {**CASE_ROUTES, **GENERAL_ROUTES}.items()}


@pytest.mark.parametrize("person", list(PEOPLE))
def test_case_list_shows_only_visible_cases(app, world, person):
    client = Client(app.test_client())
    sign_in(client, world["users"][person])
    html = client.get("/cases/").get_data(as_text=True)
    assert ("ACC-000001" in html) == (person in CAN_VIEW)
    assert ("ACC-000002" in html) == (person == "chair")


def test_another_case_is_not_found_even_for_its_own_ids(app, world):
    """A child of the visible case, asked for under the other case's id, is not found."""
    client = Client(app.test_client())
    sign_in(client, world["users"]["sw_allocated"])
    with app.app_context():
        other = db.session.query(Case).filter_by(reference="ACC-000002").one()
        other_child = other.children[0].id
    assert client.get(f"/cases/{world['case_id']}/children/{other_child}").status_code == 404
    assert client.get(f"/cases/{other.id}").status_code == 404
