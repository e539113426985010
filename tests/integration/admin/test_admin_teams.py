"""Administrators set up teams and the pods within them, and put people in pods."""

import pytest
from helpers import count
from pages import assert_page, error_messages, text_of

from conference.extensions import db
from conference.models import AuditEvent, Pod, Team, User

TEAM_TAKEN = "A team with this name already exists"
POD_TAKEN = "This team already has a pod with this name"


def _team(app, name, *pods) -> tuple[int, list[int]]:
    """Store a team with pods (give their names in alphabetical order); return the ids."""
    with app.app_context():
        team = Team(name=name, pods=[Pod(name=pod) for pod in pods])
        db.session.add(team)
        db.session.commit()
        return team.id, [pod.id for pod in team.pods]


def _audit(app, action, record_type) -> list[AuditEvent]:
    with app.app_context():
        query = db.session.query(AuditEvent).filter_by(action=action, record_type=record_type)
        return query.all()


@pytest.mark.parametrize("role", ["manager", "chair", "social_worker", "practitioner"])
def test_only_admins_reach_the_team_pages(signed_in, app, role):
    team_id, (pod_id,) = _team(app, "Assessment Team", "Pod A")
    client = signed_in(role)
    forbidden = "You do not have permission to see this page"
    urls = [
        "/admin/teams",
        "/admin/teams/new",
        f"/admin/teams/{team_id}",
        f"/admin/teams/{team_id}/pods/new",
        f"/admin/teams/{team_id}/pods/{pod_id}",
    ]
    for url in urls:
        assert_page(client.get(url), forbidden, status=403)
    for url in urls[1:]:
        assert_page(client.post(url, {"name": "Taken over"}, page="/"), forbidden, status=403)
    assert count(app, Team, name="Taken over") == count(app, Pod, name="Taken over") == 0
    assert count(app, AuditEvent, action="create") == count(app, AuditEvent, action="update") == 0


def test_admin_sees_teams_with_their_pods_and_members(signed_in, app, make_user):
    _team(app, "Assessment Team", "Pod A", "Pod B")
    _team(app, "Family Support Team")
    client = signed_in("admin")
    make_user("social_worker", email="sam@example.org", team="Assessment Team")
    make_user("manager", email="max@example.org", team="Assessment Team")
    make_user("chair", email="gone@example.org", team="Assessment Team", active=False)
    html = text_of(assert_page(client.get("/admin/teams"), "Teams"))
    assert "Add a team" in html
    assert "Assessment Team Pod A, Pod B 2" in html
    assert "Family Support Team No pods 0" in html


def test_admin_creates_a_team_and_the_creation_is_audited(signed_in, app):
    client = signed_in("admin")
    assert_page(client.get("/admin/teams/new"), "Add a team")
    response = client.post("/admin/teams/new", {"name": "  Assessment Team "})
    with app.app_context():
        team = db.session.query(Team).one()
        assert team.name == "Assessment Team"
    assert response.headers["Location"] == f"/admin/teams/{team.id}"
    html = assert_page(client.get(response.headers["Location"]), "Assessment Team")
    assert "Assessment Team added" in text_of(html)
    (event,) = _audit(app, "create", "team")
    assert (event.user_id, event.record_id, event.changes) == (
        client.user_id,
        str(team.id),
        {"name": [None, "Assessment Team"]},
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter a team name"),
        ("   ", "Enter a team name"),
        ("x" * 121, "Team name must be 120 characters or fewer"),
        ("assessment team", TEAM_TAKEN),
    ],
)
def test_bad_team_name_is_explained_and_nothing_is_stored(signed_in, app, name, message):
    _team(app, "Assessment Team")
    client = signed_in("admin")
    html = assert_page(client.post("/admin/teams/new", {"name": name}), "Add a team")
    assert error_messages(html) == [message]
    assert count(app, Team) == 1
    assert count(app, AuditEvent, record_type="team") == 0


def test_admin_renames_a_team(signed_in, app):
    team_id, _ = _team(app, "Assessment Team")
    client = signed_in("admin")
    url = f"/admin/teams/{team_id}"
    html = assert_page(client.get(url), "Assessment Team")
    assert 'value="Assessment Team"' in html
    response = client.post(url, {"name": "Assessment and Intervention Team"})
    assert response.headers["Location"] == "/admin/teams"
    html = text_of(client.get("/admin/teams").get_data(as_text=True))
    assert "Team name changed to Assessment and Intervention Team" in html
    (event,) = _audit(app, "update", "team")
    assert (event.user_id, event.record_id, event.changes) == (
        client.user_id,
        str(team_id),
        {"name": ["Assessment Team", "Assessment and Intervention Team"]},
    )


def test_a_team_cannot_take_another_teams_name(signed_in, app):
    team_id, _ = _team(app, "Assessment Team")
    _team(app, "Family Support Team")
    client = signed_in("admin")
    url = f"/admin/teams/{team_id}"
    html = assert_page(client.post(url, {"name": "Family Support Team"}), "Assessment Team")
    assert error_messages(html) == [TEAM_TAKEN]
    assert count(app, Team, name="Assessment Team") == 1
    assert _audit(app, "update", "team") == []


def test_unknown_team_or_pod_is_not_found(signed_in, app):
    team_id, (pod_id,) = _team(app, "Assessment Team", "Pod A")
    other_team_id, _ = _team(app, "Family Support Team")
    client = signed_in("admin")
    for url in (
        "/admin/teams/999999",
        "/admin/teams/999999/pods/new",
        f"/admin/teams/{team_id}/pods/999999",
        f"/admin/teams/{other_team_id}/pods/{pod_id}",
    ):
        assert_page(client.get(url), "Page not found", status=404)


def test_admin_adds_a_pod_to_a_team(signed_in, app):
    team_id, _ = _team(app, "Assessment Team")
    client = signed_in("admin")
    url = f"/admin/teams/{team_id}/pods/new"
    assert_page(client.get(url), "Add a pod to Assessment Team")
    response = client.post(url, {"name": "Pod A"})
    assert response.headers["Location"] == f"/admin/teams/{team_id}"
    html = text_of(client.get(f"/admin/teams/{team_id}").get_data(as_text=True))
    assert "Pod A added to Assessment Team" in html
    with app.app_context():
        pod = db.session.query(Pod).one()
        assert (pod.team_id, pod.name) == (team_id, "Pod A")
    (event,) = _audit(app, "create", "pod")
    assert (event.user_id, event.record_id, event.changes) == (
        client.user_id,
        str(pod.id),
        {"team_id": [None, team_id], "name": [None, "Pod A"]},
    )


def test_pod_names_are_unique_within_a_team_only(signed_in, app):
    team_id, _ = _team(app, "Assessment Team", "Pod A")
    other_team_id, _ = _team(app, "Family Support Team")
    client = signed_in("admin")
    url = f"/admin/teams/{team_id}/pods/new"
    html = assert_page(client.post(url, {"name": "pod a"}), "Add a pod to Assessment Team")
    assert error_messages(html) == [POD_TAKEN]
    assert count(app, Pod) == 1
    client.post(f"/admin/teams/{other_team_id}/pods/new", {"name": "Pod A"})
    assert count(app, Pod, team_id=other_team_id, name="Pod A") == 1


def test_admin_renames_a_pod_but_not_to_a_taken_name(signed_in, app):
    team_id, (_, pod_b) = _team(app, "Assessment Team", "Pod A", "Pod B")
    client = signed_in("admin")
    url = f"/admin/teams/{team_id}/pods/{pod_b}"
    assert 'value="Pod B"' in assert_page(client.get(url), "Change Pod B")
    html = assert_page(client.post(url, {"name": "Pod A"}), "Change Pod B")
    assert error_messages(html) == [POD_TAKEN]
    assert _audit(app, "update", "pod") == []
    response = client.post(url, {"name": "Pod C"})
    assert response.headers["Location"] == f"/admin/teams/{team_id}"
    with app.app_context():
        assert db.session.get(Pod, pod_b).name == "Pod C"
    (event,) = _audit(app, "update", "pod")
    assert (event.user_id, event.record_id, event.changes) == (
        client.user_id,
        str(pod_b),
        {"name": ["Pod B", "Pod C"]},
    )


def _edit_form(team_id, pod_id, senior_practitioner="no"):
    return {
        "name": "Sam Worker",
        "email": "sam@example.org",
        "role": "social_worker",
        "agency": "Children’s Social Care",
        "team_id": str(team_id or ""),
        "pod_id": str(pod_id or ""),
        "senior_practitioner": senior_practitioner,
        "active": "yes",
        "version": "1",
    }


def test_admin_puts_a_user_in_a_pod_as_its_senior_practitioner(signed_in, app, make_user):
    team_id, (pod_id,) = _team(app, "Assessment Team", "Pod A")
    client = signed_in("admin")
    user_id = make_user("social_worker", email="sam@example.org", name="Sam Worker")
    url = f"/admin/users/{user_id}"
    html = assert_page(client.get(url), "Change Sam Worker")
    assert "Assessment Team – Pod A" in html
    response = client.post(url, _edit_form(team_id, pod_id, senior_practitioner="yes"))
    assert response.headers["Location"] == "/admin/users"
    with app.app_context():
        user = db.session.get(User, user_id)
        assert (user.team_id, user.pod_id, user.senior_practitioner) == (team_id, pod_id, True)
    (event,) = _audit(app, "update", "user_account")
    assert event.user_id == client.user_id
    assert event.changes == {
        "team_id": [None, team_id],
        "pod_id": [None, pod_id],
        "senior_practitioner": [False, True],
    }
    users_page = text_of(client.get("/admin/users").get_data(as_text=True))
    assert "Social worker Assessment Team Pod A Senior practitioner Active" in users_page
    team_page = text_of(client.get(f"/admin/teams/{team_id}").get_data(as_text=True))
    assert "Pod A (change name) Sam Worker Senior practitioner" in team_page


def test_user_form_shows_the_saved_pod(signed_in, app, make_user):
    _, (pod_id,) = _team(app, "Assessment Team", "Pod A")
    client = signed_in("admin")
    user_id = make_user("social_worker", team="Assessment Team", pod_id=pod_id)
    html = client.get(f"/admin/users/{user_id}").get_data(as_text=True)
    assert f'<option value="{pod_id}" selected>Assessment Team – Pod A</option>' in html
    assert 'value="no" checked' in html


def test_new_user_can_be_put_in_a_pod(signed_in, app):
    team_id, (pod_id,) = _team(app, "Assessment Team", "Pod A")
    client = signed_in("admin")
    form = _edit_form(team_id, pod_id) | {"password": "a long and unusual password"}
    assert client.post("/admin/users/new", form).headers["Location"] == "/admin/users"
    with app.app_context():
        user = db.session.query(User).filter_by(email="sam@example.org").one()
        assert (user.pod_id, user.senior_practitioner) == (pod_id, False)


@pytest.mark.parametrize("chosen_team", ["Family Support Team", None])
def test_pod_must_be_in_the_chosen_team(signed_in, app, make_user, chosen_team):
    _, (pod_id,) = _team(app, "Assessment Team", "Pod A")
    other_team_id, _ = _team(app, "Family Support Team")
    client = signed_in("admin")
    user_id = make_user("social_worker", email="sam@example.org", name="Sam Worker")
    team_id = other_team_id if chosen_team else None
    html = assert_page(
        client.post(f"/admin/users/{user_id}", _edit_form(team_id, pod_id)), "Change Sam Worker"
    )
    assert error_messages(html) == ["Select a pod in the team you chose"]
    with app.app_context():
        user = db.session.get(User, user_id)
        assert (user.team_id, user.pod_id, user.version) == (None, None, 1)


def test_senior_practitioner_must_be_answered(signed_in, app, make_user):
    client = signed_in("admin")
    user_id = make_user("social_worker", email="sam@example.org", name="Sam Worker")
    form = _edit_form(None, None)
    del form["senior_practitioner"]
    html = assert_page(client.post(f"/admin/users/{user_id}", form), "Change Sam Worker")
    assert error_messages(html) == ["Select whether this person is a senior practitioner"]


@pytest.mark.parametrize("again", ["Île Pod", "île pod", "ÎLE POD"])
def test_names_beyond_a_to_z_are_matched_whatever_their_capitals(signed_in, app, again):
    team_id, _ = _team(app, "Assessment Team", "Île Pod")
    client = signed_in("admin")
    html = assert_page(
        client.post(f"/admin/teams/{team_id}/pods/new", {"name": again}),
        "Add a pod to Assessment Team",
    )
    assert error_messages(html) == [POD_TAKEN]
    assert count(app, Pod) == 1
