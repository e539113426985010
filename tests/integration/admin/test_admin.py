"""Administrators create, change and deactivate accounts; nobody else can."""

import pytest
from helpers import PASSWORD, count, sign_in
from pages import assert_page, error_messages, text_of

from conference.extensions import db
from conference.models import AuditEvent, User

NEW_USER = {
    "name": "Pat Nurse",
    "email": "Pat.Nurse@Example.org",
    "role": "practitioner",
    "agency": "School Nursing Service",
    "team_id": "",
    "pod_id": "",
    "senior_practitioner": "no",
    "password": "a long and unusual password",
}


@pytest.mark.parametrize("role", ["manager", "chair", "social_worker", "practitioner"])
def test_only_admins_reach_the_admin_pages(signed_in, role):
    client = signed_in(role)
    for url in ("/admin/users", "/admin/users/new", f"/admin/users/{client.user_id}"):
        assert_page(client.get(url), "You do not have permission to see this page", status=403)


def test_admin_sees_everyone(signed_in, make_user):
    client = signed_in("admin", name="Ada Admin")
    make_user("chair", name="Chris Chair", active=False)
    html = assert_page(client.get("/admin/users"), "Users")
    assert "Ada Admin" in html and "Chris Chair" in html
    assert "Deactivated" in text_of(html)


def test_admin_creates_a_user_who_can_then_sign_in(signed_in, app):
    client = signed_in("admin")
    response = client.post("/admin/users/new", NEW_USER)
    assert response.headers["Location"] == "/admin/users"
    assert "Account created for Pat Nurse" in client.get("/admin/users").get_data(as_text=True)
    with app.app_context():
        user = db.session.query(User).filter_by(email="pat.nurse@example.org").one()
        assert (user.name, user.role, user.agency, user.active) == (
            "Pat Nurse",
            "practitioner",
            "School Nursing Service",
            True,
        )
        assert NEW_USER["password"] not in user.password_hash
        assert user.password_hash.startswith("scrypt:")
        event = db.session.query(AuditEvent).filter_by(action="create").one()
        assert (event.user_id, event.record_type, event.record_id) == (
            client.user_id,
            "user_account",
            str(user.id),
        )
        assert "password" not in str(event.changes)
    client.post("/sign-out", page="/")
    assert sign_in(client, "pat.nurse@example.org", NEW_USER["password"]).status_code == 302


@pytest.mark.parametrize(
    ("changes", "field_errors"),
    [
        (
            {"name": "", "email": "", "role": "", "password": ""},
            [
                "Enter the person’s full name",
                "Enter an email address",
                "Select a role",
                "Enter a password",
            ],
        ),
        (
            {"email": "not an email"},
            ["Enter an email address in the correct format, like name@example.org"],
        ),
        ({"password": "short"}, ["Password must be 12 characters or more"]),
        (
            {"password": "password1234"},
            ["Password is too common: choose a password that is harder to guess"],
        ),
        ({"role": "superuser"}, ["Not a valid choice."]),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(signed_in, app, changes, field_errors):
    client = signed_in("admin")
    html = assert_page(client.post("/admin/users/new", {**NEW_USER, **changes}), "Add a user")
    assert error_messages(html) == field_errors
    assert count(app, User) == 1
    if changes.get("name") != "":
        assert 'value="Pat Nurse"' in html


def test_email_already_used_is_refused(signed_in, make_user, app):
    client = signed_in("admin")
    make_user("chair", email="pat.nurse@example.org")
    html = assert_page(client.post("/admin/users/new", NEW_USER), "Add a user")
    assert error_messages(html) == ["An account already uses this email address"]
    assert count(app, User) == 2


def _edit_form(user, **changes):
    return {
        "name": user["name"],
        "email": user["email"],
        "role": user["role"],
        "agency": "",
        "team_id": "",
        "pod_id": "",
        "senior_practitioner": "no",
        "active": "yes",
        "version": "1",
        **changes,
    }


def test_admin_changes_a_user_and_the_change_is_audited(signed_in, make_user, app):
    client = signed_in("admin")
    user_id = make_user("social_worker", email="sam@example.org", name="Sam Worker")
    url = f"/admin/users/{user_id}"
    assert_page(client.get(url), "Change Sam Worker")
    form = _edit_form({"name": "Sam Worker", "email": "sam@example.org", "role": "manager"})
    assert client.post(url, form).headers["Location"] == "/admin/users"
    with app.app_context():
        user = db.session.get(User, user_id)
        assert (user.role, user.version) == ("manager", 2)
        event = db.session.query(AuditEvent).filter_by(action="update").one()
        assert event.changes == {
            "role": ["social_worker", "manager"],
            "agency": ["Children’s Social Care", ""],
        }


def test_deactivated_user_can_no_longer_sign_in(signed_in, make_user, client):
    admin = signed_in("admin")
    user_id = make_user("chair", email="chair@example.org", name="Chris Chair")
    form = _edit_form(
        {"name": "Chris Chair", "email": "chair@example.org", "role": "chair"}, active="no"
    )
    admin.post(f"/admin/users/{user_id}", form)
    admin.post("/sign-out", page="/")
    html = sign_in(client, "chair@example.org", PASSWORD).get_data(as_text=True)
    assert "Enter a correct email address and password" in html


def test_admin_cannot_deactivate_themselves(signed_in, app):
    client = signed_in("admin", email="ada@example.org", name="Ada Admin")
    url = f"/admin/users/{client.user_id}"
    form = _edit_form(
        {"name": "Ada Admin", "email": "ada@example.org", "role": "admin"}, active="no"
    )
    html = assert_page(client.post(url, form), "Change Ada Admin")
    assert error_messages(html) == ["You cannot deactivate your own account"]
    assert count(app, User, active=True) == 1


def test_stale_edit_is_refused_and_keeps_what_was_typed(signed_in, make_user, app):
    client = signed_in("admin")
    user_id = make_user("chair", email="chair@example.org", name="Chris Chair")
    url = f"/admin/users/{user_id}"
    base = {"name": "Chris Chair", "email": "chair@example.org", "role": "chair"}
    client.post(url, _edit_form(base, name="Christine Chair"))  # someone else saves first
    html = client.post(url, _edit_form(base, name="Christopher Chair")).get_data(as_text=True)
    assert "Someone else changed this account while you were editing it" in html
    assert "Christine Chair" in text_of(html)  # what is saved now
    assert 'value="Christopher Chair"' in html  # what this user typed, still in the form
    assert 'name="version" type="hidden" value="2"' in html
    with app.app_context():
        assert db.session.get(User, user_id).name == "Christine Chair"
    client.post(url, _edit_form(base, name="Christopher Chair", version="2"))
    with app.app_context():
        assert db.session.get(User, user_id).name == "Christopher Chair"
