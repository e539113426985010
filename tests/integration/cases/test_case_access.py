"""The access matrix: every case route, for every kind of user, with and without a reason to
see the case. Adding a case route without adding it here fails the first test."""

import pytest
from access_world import CAN_CREATE, CAN_EDIT, CAN_VIEW, PEOPLE
from helpers import Client, sign_in

from conference.extensions import db
from conference.models import Case, Role

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
