"""Sessions kept on the server: the cookie is only a random key, and ending a session (signing
out, a password change, an administrator's reset, deactivation) makes a copy of it worthless."""

import re
from base64 import urlsafe_b64decode

from helpers import PASSWORD, Client, count, session_cookie, sign_in
from pages import text_of
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from conference.common.sessions import key_hash
from conference.extensions import db
from conference.models import User, UserSession

OPAQUE_KEY = re.compile(r"^[A-Za-z0-9_-]{43}$")  # 32 random bytes, base64url


def _copy_of(app, client) -> Client:
    """Another browser holding a copy of `client`'s session cookie."""
    thief = Client(app.test_client())
    thief.raw.set_cookie("session", session_cookie(client))
    return thief


def _signed_out(client) -> bool:
    response = client.get("/")
    return response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_a_cookie_copied_before_sign_out_opens_nothing_afterwards(signed_in, make_case, app):
    client = signed_in("social_worker")
    case_id = make_case(social_worker_id=client.user_id)
    thief = _copy_of(app, client)
    assert thief.get(f"/cases/{case_id}").status_code == 200, "the copy works while signed in"
    client.post("/sign-out", page="/")
    response = thief.get(f"/cases/{case_id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    assert count(app, UserSession, user_id=client.user_id) == 0


def test_the_cookie_is_only_a_random_key_whose_hash_is_stored(signed_in, app):
    client = signed_in("chair", email="chris.chair@example.org", name="Chris Chair")
    key = session_cookie(client)
    assert OPAQUE_KEY.match(key), "one random value: no signed data, no dots, no user id"
    for personal in ("chris.chair", "Chris Chair"):
        assert personal not in urlsafe_b64decode(key + "=").decode("latin-1")
    with app.app_context():
        row = db.session.scalar(select(UserSession).where(UserSession.user_id == client.user_id))
        assert row.key_hash == key_hash(key)
        assert key not in row.key_hash + row.data


def test_a_new_case_s_details_stay_on_the_server_not_in_the_cookie(signed_in, make_user, app):
    client = signed_in("social_worker", team="Team A")
    fields = {
        "reference": "CASE-000123",
        "team_id": _team_id(app, "Team A"),
        "pod_id": "",
        "social_worker_id": str(client.user_id),
        "address": "1 Secret Lane, Hidden Town",
        "referral_date": ["28", "9", "2026"],
        "opened_on": ["1", "10", "2026"],
        "status": "section_47",
        "version": "1",
    }
    data = MultiDict(
        [(k, v) for k, vs in fields.items() for v in (vs if isinstance(vs, list) else [vs])]
    )
    response = client.post("/cases/new", data)
    assert response.headers["Location"] == "/cases/new/check", text_of(response.get_data(True))
    cookies = response.headers.getlist("Set-Cookie")
    assert not any("Secret" in cookie or "Hidden" in cookie for cookie in cookies)
    assert OPAQUE_KEY.match(session_cookie(client))
    check = client.get("/cases/new/check").get_data(as_text=True)
    assert "1 Secret Lane, Hidden Town" in text_of(check), "kept on the server"


def test_signing_in_replaces_the_sign_in_page_s_stored_session(client, make_user, app):
    user_id = make_user("chair", email="chair@example.org")
    client.get("/sign-in")
    before = session_cookie(client)
    assert before, "the sign-in page's form has a session for its CSRF token"
    assert _stored(app) == [(key_hash(before), None)]
    assert sign_in(client, "chair@example.org").status_code == 302
    after = session_cookie(client)
    assert after != before
    assert _stored(app) == [(key_hash(after), user_id)]


def _stored(app) -> list[tuple[str, int | None]]:
    with app.app_context():
        rows = db.session.execute(select(UserSession.key_hash, UserSession.user_id))
        return [tuple(row) for row in rows]


def test_changing_a_password_ends_the_other_sessions_and_keeps_this_one(signed_in, app):
    client = signed_in("manager")
    elsewhere = Client(app.test_client())
    assert sign_in(elsewhere, "manager@example.org").status_code == 302
    response = client.post(
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "a brand new passphrase of mine",
            "confirm_password": "a brand new passphrase of mine",
        },
    )
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    assert _signed_out(elsewhere)


def test_an_administrator_s_reset_ends_every_session_of_the_user(signed_in, make_user, app):
    user_id = make_user("chair", email="chair@example.org")
    victim = Client(app.test_client())
    assert sign_in(victim, "chair@example.org").status_code == 302
    admin = signed_in("admin")
    with app.app_context():
        version = str(db.session.get(User, user_id).version)
    reset = admin.post(f"/admin/users/{user_id}/reset-password", {"version": version})
    assert "Password reset for" in reset.get_data(as_text=True)
    assert _signed_out(victim)
    assert count(app, UserSession, user_id=user_id) == 0


def test_deactivating_an_account_deletes_its_sessions(signed_in, make_user, app):
    user_id = make_user("chair", email="chair@example.org")
    other = Client(app.test_client())
    assert sign_in(other, "chair@example.org").status_code == 302
    admin = signed_in("admin")
    with app.app_context():
        version = db.session.get(User, user_id).version
    response = admin.post(
        f"/admin/users/{user_id}",
        {
            "name": "Test Conference chair",
            "email": "chair@example.org",
            "role": "chair",
            "agency": "",
            "team_id": "",
            "pod_id": "",
            "senior_practitioner": "no",
            "active": "no",
            "version": str(version),
        },
    )
    assert response.status_code == 302
    assert count(app, UserSession, user_id=user_id) == 0
    assert _signed_out(other)


def _team_id(app, name):
    from conference.models import Team

    with app.app_context():
        return str(db.session.scalar(select(Team.id).where(Team.name == name)))
