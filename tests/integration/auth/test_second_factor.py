"""The second factor: after the password, a code from an authenticator app (set up at the first
sign-in). Codes are throttled like passwords and cannot be used twice."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from helpers import PASSWORD, Client, count, sign_in
from pages import assert_page, error_summary, select, text_of

from conference.extensions import db
from conference.models import AuditEvent, User

SECRET = pyotp.random_base32()
CODE_PAGE = "Enter the 6-digit code from your authenticator app"


@pytest.fixture(autouse=True)
def _required(app, monkeypatch):
    monkeypatch.setitem(app.config, "REQUIRE_SECOND_FACTOR", True)


@pytest.fixture
def enrolled(make_user):
    """A chair whose authenticator app holds SECRET; returns their id."""
    return make_user("chair", email="chair@example.org", second_factor_secret=SECRET)


def _code(secret=SECRET, steps_from_now=0) -> str:
    return pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30 * steps_from_now))


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200


def _give_code(client, code):
    return client.post("/sign-in/code", {"code": code})


def test_the_password_alone_does_not_sign_in(client, enrolled, app):
    response = sign_in(client, "chair@example.org")
    assert response.headers["Location"] == "/sign-in/code"
    assert not _signed_in(client)
    assert count(app, AuditEvent, action="sign-in") == 0


def test_the_right_code_signs_in_and_goes_to_the_page_asked_for(client, enrolled, app):
    client.post(
        "/sign-in?next=/cases/",
        {"email": "chair@example.org", "password": PASSWORD},
        page="/sign-in",
    )
    html = assert_page(client.get("/sign-in/code"), CODE_PAGE)
    assert "The code changes every 30 seconds." in text_of(html)
    response = _give_code(client, _code())
    assert response.headers["Location"] == "/cases/"
    assert _signed_in(client)
    assert count(app, AuditEvent, action="sign-in", user_id=enrolled) == 1


def test_a_wrong_code_is_refused_with_a_message_and_audited(client, enrolled, app):
    sign_in(client, "chair@example.org")
    for code, message in (
        ("", CODE_PAGE),
        ("12ab56", "Enter the code as 6 digits, like 123456"),
        (_code(steps_from_now=5), "Enter a correct code: it changes every 30 seconds"),
    ):
        html = assert_page(_give_code(client, code), CODE_PAGE)
        assert error_summary(html) == [message]
    assert not _signed_in(client)
    assert count(app, AuditEvent, action="second factor failed") == 1


def test_a_code_cannot_be_used_twice(app, enrolled):
    first, second = Client(app.test_client()), Client(app.test_client())
    code = _code()
    sign_in(first, "chair@example.org")
    sign_in(second, "chair@example.org")
    assert _give_code(first, code).status_code == 302
    html = assert_page(_give_code(second, code), CODE_PAGE)
    assert error_summary(html) == [
        "That code has been used already: wait for the next code, then enter it"
    ]
    assert not _signed_in(second)


def test_wrong_codes_are_throttled(client, enrolled):
    sign_in(client, "chair@example.org")
    for _ in range(5):
        assert _give_code(client, "000000").status_code == 200
    blocked = _give_code(client, _code())
    assert_page(blocked, "Too many attempts", status=429)
    assert not _signed_in(client)


def test_the_code_page_needs_the_password_first_and_only_for_a_few_minutes(client, enrolled):
    assert client.get("/sign-in/code").headers["Location"] == "/sign-in"
    sign_in(client, "chair@example.org")
    with client.session_transaction() as session:
        session["signing_in"] = {**session["signing_in"], "at": session["signing_in"]["at"] - 360}
    assert client.get("/sign-in/code").headers["Location"] == "/sign-in"
    response = client.post("/sign-in/code", {"code": _code()}, page="/sign-in")
    assert response.headers["Location"] == "/sign-in"
    assert not _signed_in(client)


def test_the_first_sign_in_sets_up_the_authenticator_app(client, make_user, app):
    user_id = make_user("social_worker", email="sam@example.org")
    assert sign_in(client, "sam@example.org").headers["Location"] == "/sign-in/set-up-code"
    html = assert_page(client.get("/sign-in/set-up-code"), "Set up your authenticator app")
    key = select(html, "code.app-second-factor-key")[0].text.replace(" ", "")
    (qr_code,) = select(html, "img")
    assert qr_code.get("src").startswith("data:image/svg+xml")
    html = assert_page(
        client.post("/sign-in/set-up-code", {"code": "000000"}), "Set up your authenticator app"
    )
    assert error_summary(html) == ["Enter a correct code: it changes every 30 seconds"]
    response = client.post("/sign-in/set-up-code", {"code": _code(key)})
    assert response.headers["Location"] == "/my-work/"
    assert _signed_in(client)
    with app.app_context():
        assert db.session.get(User, user_id).second_factor_secret == key
    assert count(app, AuditEvent, action="second factor set up", user_id=user_id) == 1


def test_the_set_up_key_is_not_in_the_cookie(client, make_user):
    make_user("social_worker", email="sam@example.org")
    sign_in(client, "sam@example.org")
    html = client.get("/sign-in/set-up-code").get_data(as_text=True)
    key = select(html, "code.app-second-factor-key")[0].text.replace(" ", "")
    assert key not in client.raw.get_cookie("session").value


def test_an_administrator_can_make_a_user_set_up_their_app_again(
    signed_in, enrolled, app, monkeypatch
):
    monkeypatch.setitem(app.config, "REQUIRE_SECOND_FACTOR", False)
    admin = signed_in("admin")
    monkeypatch.setitem(app.config, "REQUIRE_SECOND_FACTOR", True)
    with app.app_context():
        version = db.session.get(User, enrolled).version
    html = admin.post(
        f"/admin/users/{enrolled}/reset-password",
        {"forget_second_factor": "y", "version": str(version)},
        page=f"/admin/users/{enrolled}",
    ).get_data(as_text=True)
    temporary = select(html, "code.app-temporary-password")[0].text
    client = Client(app.test_client())
    assert sign_in(client, "chair@example.org", temporary).headers["Location"] == (
        "/sign-in/set-up-code"
    )


def test_wrong_codes_from_many_addresses_stop_at_the_accounts_own_ceiling(app, enrolled):
    """Each address stays under its own limit (5 a minute), but whoever has the password may
    not go on guessing the code from ten addresses at once: 10 wrong codes in 15 minutes close
    the code step for the account, even with the right code, from any address."""
    for number in range(3):
        guesser = Client(app.test_client())
        guesser.raw.environ_base["REMOTE_ADDR"] = f"198.51.100.{number + 1}"
        sign_in(guesser, "chair@example.org")
        for _ in range(4 if number < 2 else 2):
            assert _give_code(guesser, "000000").status_code == 200
    user = Client(app.test_client())
    user.raw.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    sign_in(user, "chair@example.org")
    assert_page(_give_code(user, _code()), "Too many attempts", status=429)
    assert not _signed_in(user)
