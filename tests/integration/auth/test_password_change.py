"""Changing your own password, and choosing one after an administrator's reset."""

from helpers import PASSWORD, Client, count, sign_in
from pages import assert_page, error_messages, error_summary, links, text_of

from conference.extensions import db
from conference.models import AuditEvent, User

NEW = "a brand new passphrase of mine"


def _change(client, current=PASSWORD, new=NEW, confirm=NEW, **kwargs):
    data = {"current_password": current, "new_password": new, "confirm_password": confirm}
    return client.post("/account/password", data, **kwargs)


def test_the_home_page_links_to_changing_your_password(signed_in):
    html = signed_in("practitioner").get("/").get_data(as_text=True)
    assert ("/account/password", "Change your password") in links(html)


def test_with_passwords_not_used_there_is_no_password_to_change(signed_in, app, monkeypatch):
    """Everyone signs in through the council's identity provider: a password would never be
    asked for, so none is offered to change."""
    client = signed_in("practitioner")
    monkeypatch.setitem(app.config, "LOCAL_SIGN_IN", False)
    html = client.get("/").get_data(as_text=True)
    assert "Change your password" not in text_of(html)
    assert client.get("/account/password").status_code == 404


def test_a_user_changes_their_password_and_signs_in_with_the_new_one(signed_in, app):
    client = signed_in("chair")
    assert_page(client.get("/account/password"), "Change your password")
    response = _change(client)
    assert response.headers["Location"] == "/"
    assert "Your password has been changed" in text_of(client.get("/").get_data(as_text=True))
    assert count(app, AuditEvent, action="password changed", user_id=client.user_id) == 1
    client.post("/sign-out", page="/")
    assert sign_in(client, "chair@example.org").status_code == 200
    assert sign_in(client, "chair@example.org", NEW).status_code == 302


def test_a_wrong_current_password_changes_nothing_and_is_audited(signed_in, app):
    client = signed_in("chair")
    html = assert_page(_change(client, current="not my password at all"), "Change your password")
    assert error_summary(html) == ["Enter your current password correctly"]
    assert count(app, AuditEvent, action="password change failed") == 1
    with app.app_context():
        assert db.session.get(User, client.user_id).check_password(PASSWORD)


def test_the_password_rules_and_the_confirmation_are_checked(signed_in):
    client = signed_in("chair")
    cases = {
        ("short", "short"): "Password must be 12 characters or more",
        ("password1234", "password1234"): (
            "Password is too common: choose a password that is harder to guess"
        ),
        (NEW, NEW + "x"): "Passwords must match",
        (PASSWORD, PASSWORD): "New password must be different from the password you signed in with",
        ("", ""): "Enter a new password",
    }
    for (new, confirm), message in cases.items():
        html = assert_page(_change(client, new=new, confirm=confirm), "Change your password")
        assert message in error_messages(html), (new, message)


def test_wrong_current_passwords_are_throttled(signed_in, app):
    client = signed_in("chair")
    for _ in range(5):
        assert _change(client, current="not my password at all").status_code == 200
    assert _change(client).status_code == 429
    with app.app_context():
        assert db.session.get(User, client.user_id).check_password(PASSWORD)


def test_after_a_reset_the_user_must_choose_a_password_before_anything_else(
    make_user, app, make_case
):
    user_id = make_user("social_worker", email="sam@example.org", must_change_password=True)
    case_id = make_case(social_worker_id=user_id)
    client = Client(app.test_client())
    assert sign_in(client, "sam@example.org").headers["Location"] == "/my-work/"
    for url in ("/", "/my-work/", f"/cases/{case_id}"):
        assert client.get(url).headers["Location"] == "/account/password", url
    html = assert_page(client.get("/account/password"), "Choose a new password")
    assert "Temporary password" in text_of(html)
    assert _change(client).headers["Location"] == "/"
    assert client.get(f"/cases/{case_id}").status_code == 200
    with app.app_context():
        assert not db.session.get(User, user_id).must_change_password


def test_a_user_who_must_change_their_password_can_still_sign_out(make_user, app):
    make_user("social_worker", email="sam@example.org", must_change_password=True)
    client = Client(app.test_client())
    sign_in(client, "sam@example.org")
    assert client.post("/sign-out", page="/account/password").headers["Location"] == "/sign-in"
