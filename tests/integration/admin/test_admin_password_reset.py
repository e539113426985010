"""An administrator resets a password: a temporary one, shown once; the user is signed out
everywhere and chooses their own at the next sign-in."""

import re

from helpers import PASSWORD, Client, count, sign_in
from pages import assert_page, select, text_of

from conference.extensions import db
from conference.models import AuditEvent, User


def _reset_form(admin, user_id) -> dict:
    """The reset form's hidden fields, as the edit page gives them."""
    html = admin.get(f"/admin/users/{user_id}").get_data(as_text=True)
    form = select(html, f'form[action="/admin/users/{user_id}/reset-password"]')[0]
    return {field.get("name"): field.get("value") for field in form.iter("input")}


def _reset(admin, user_id, **data):
    fields = {**_reset_form(admin, user_id), **data}
    return admin.post(f"/admin/users/{user_id}/reset-password", fields)


def test_the_edit_page_offers_a_reset(signed_in, make_user):
    user_id = make_user("chair", email="chair@example.org")
    html = signed_in("admin").get(f"/admin/users/{user_id}").get_data(as_text=True)
    assert select(html, f'form[action="/admin/users/{user_id}/reset-password"]')
    assert "Reset their password" in text_of(html)


def test_a_reset_shows_a_temporary_password_once_and_the_user_must_change_it(
    signed_in, make_user, app
):
    user_id = make_user("chair", email="chair@example.org", name="Chris Chair")
    admin = signed_in("admin")
    html = assert_page(_reset(admin, user_id), "Password reset for Chris Chair")
    temporary = select(html, "code.app-temporary-password")[0].text
    assert len(temporary) >= 12
    assert temporary not in admin.get(f"/admin/users/{user_id}").get_data(as_text=True)
    events = count(app, AuditEvent, action="password reset", user_id=admin.user_id)
    assert events == 1

    client = Client(app.test_client())
    assert sign_in(client, "chair@example.org", PASSWORD).status_code == 200, "old one is gone"
    assert sign_in(client, "chair@example.org", temporary).status_code == 302
    assert client.get("/").headers["Location"] == "/account/password"
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user.must_change_password
        assert temporary not in str(user.password_hash)


def test_the_temporary_password_is_not_in_the_audit_trail(signed_in, make_user, app):
    user_id = make_user("chair", email="chair@example.org")
    admin = signed_in("admin")
    temporary = select(_reset(admin, user_id).get_data(as_text=True), "code")[0].text
    with app.app_context():
        changes = [str(event.changes) for event in db.session.query(AuditEvent)]
    assert not any(temporary in change for change in changes)


def test_the_reset_sent_again_resets_nothing_and_says_why(signed_in, make_user, app):
    """A reload of the page showing the temporary password sends the same form again: the
    password the administrator may already have read out must keep working."""
    user_id = make_user("chair", email="chair@example.org", name="Chris Chair")
    admin = signed_in("admin")
    fields = _reset_form(admin, user_id)
    first = admin.post(f"/admin/users/{user_id}/reset-password", fields)
    temporary = select(first.get_data(as_text=True), "code.app-temporary-password")[0].text
    again = admin.post(f"/admin/users/{user_id}/reset-password", fields, follow_redirects=True)
    assert "Chris Chair’s password was reset already" in text_of(again.get_data(as_text=True))
    assert count(app, AuditEvent, action="password reset") == 1
    client = Client(app.test_client())
    assert sign_in(client, "chair@example.org", temporary).status_code == 302


def test_the_temporary_password_can_be_read_out_without_confusion(signed_in, make_user):
    user_id = make_user("chair", email="chair@example.org")
    admin = signed_in("admin")
    html = _reset(admin, user_id).get_data(as_text=True)
    temporary = select(html, "code.app-temporary-password")[0].text
    assert re.fullmatch(r"[a-z2-8]{4}(-[a-z2-8]{4}){3}", temporary)
    assert not set(temporary) & set("l1io0")
