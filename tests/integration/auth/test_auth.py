"""Signing in and out, throttling and the idle timeout."""

from datetime import UTC, datetime, timedelta

import pytest
from helpers import PASSWORD, count, last_used, sign_in
from pages import assert_page, error_messages, error_summary, text_of
from sqlalchemy import select

from conference.extensions import db
from conference.models import AuditEvent, SignInFailure, User, UserSession

GENERIC_FAILURE = "Enter a correct email address and password"


def test_signed_out_user_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=%2F"


def test_sign_in_lands_on_my_work(client, make_user, app):
    make_user("chair", email="chair@example.org", name="Chris Chair")
    response = sign_in(client, "chair@example.org")
    assert response.headers["Location"] == "/my-work/"
    html = assert_page(client.get("/my-work/"), "My work")
    assert "Conference chair" in text_of(html)
    assert count(app, AuditEvent, action="sign-in") == 1


@pytest.mark.parametrize("role", ["manager", "social_worker", "practitioner"])
def test_everyone_with_a_part_in_cases_lands_on_my_work(client, make_user, role):
    make_user(role, email="someone@example.org")
    assert sign_in(client, "someone@example.org").headers["Location"] == "/my-work/"


def test_an_administrator_lands_on_home_showing_who_and_role(client, make_user):
    make_user("admin", email="admin@example.org", name="Ada Admin")
    assert sign_in(client, "admin@example.org").headers["Location"] == "/"
    html = assert_page(client.get("/"), "Home")
    assert "You are signed in as Ada Admin." in text_of(html)
    assert "Administrator" in text_of(html)


def test_signing_in_from_the_service_address_lands_on_my_work(client, make_user):
    """Someone who types the service's address is sent to sign in with next=/: the home page is
    where they start, not a page they were working on."""
    make_user("social_worker", email="sam@example.org")
    response = client.post(
        "/sign-in?next=%2F", {"email": "sam@example.org", "password": PASSWORD}, page="/sign-in"
    )
    assert response.headers["Location"] == "/my-work/"


def test_email_is_matched_without_case_or_spaces(client, make_user):
    make_user("manager", email="manager@example.org")
    assert sign_in(client, "  Manager@Example.ORG ").status_code == 302


def test_sign_in_goes_back_to_the_page_asked_for(client, make_user):
    make_user("admin", email="admin@example.org")
    response = client.post(
        "/sign-in?next=/admin/users",
        {"email": "admin@example.org", "password": PASSWORD},
        page="/sign-in",
    )
    assert response.headers["Location"] == "/admin/users"


def test_sign_in_never_redirects_to_another_site(client, make_user):
    make_user("admin", email="admin@example.org")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post(
            f"/sign-in?next={target}",
            {"email": "admin@example.org", "password": PASSWORD},
            page="/sign-in",
        )
        assert response.headers["Location"] == "/", target  # an administrator's landing page
        client.post("/sign-out", page="/")


def test_wrong_password_and_unknown_email_get_the_same_message(client, make_user, app):
    make_user("chair", email="chair@example.org")
    wrong_password = sign_in(client, "chair@example.org", "not the right password")
    unknown_email = sign_in(client, "nobody@example.org", "not the right password")
    for response in (wrong_password, unknown_email):
        html = assert_page(response, "Sign in")
        assert error_messages(html) == [GENERIC_FAILURE]
        assert error_summary(html) == [GENERIC_FAILURE]
    assert count(app, AuditEvent, action="sign-in failed") == 2


def test_empty_fields_are_named(client):
    html = assert_page(client.post("/sign-in", {"email": "", "password": ""}), "Sign in")
    assert error_summary(html) == ["Enter your email address", "Enter your password"]
    assert html.count('class="govuk-error-summary"') == 1


def test_typed_email_is_kept_after_an_error(client):
    html = client.post("/sign-in", {"email": "kept@example.org", "password": "x"}).get_data(
        as_text=True
    )
    assert 'value="kept@example.org"' in html


def test_deactivated_user_cannot_sign_in(client, make_user):
    make_user("chair", email="gone@example.org", active=False)
    html = assert_page(sign_in(client, "gone@example.org"), "Sign in")
    assert error_messages(html) == [GENERIC_FAILURE]


def test_sign_out_ends_the_session(signed_in, app):
    client = signed_in("social_worker")
    response = client.post("/sign-out", page="/")
    assert response.headers["Location"] == "/sign-in"
    page = client.get("/sign-in").get_data(as_text=True)
    assert "You have signed out" in text_of(page)
    assert '<p class="govuk-notification-banner__heading">You have signed out</p>' in page
    assert client.get("/").status_code == 302
    assert count(app, AuditEvent, action="sign-out") == 1


def test_sign_out_is_not_possible_with_get(signed_in):
    client = signed_in("social_worker")
    assert client.get("/sign-out").status_code == 405
    assert client.get("/").status_code == 200


def _fail(client, email, address, times=1):
    for _ in range(times):
        response = client.post(
            "/sign-in",
            {"email": email, "password": "wrong password!"},
            environ_base={"REMOTE_ADDR": address},
        )
        assert response.status_code == 200


def _sign_in_from(client, email, address):
    return client.post(
        "/sign-in", {"email": email, "password": PASSWORD}, environ_base={"REMOTE_ADDR": address}
    )


def test_failures_for_an_account_from_one_address_block_only_that_address(client, make_user):
    make_user("chair", email="chair@example.org")
    _fail(client, "chair@example.org", "198.51.100.1", times=5)
    blocked = _sign_in_from(client, "chair@example.org", "198.51.100.1")
    assert_page(blocked, "Too many attempts", status=429)
    assert "Wait a minute, then try again." in text_of(blocked.get_data(as_text=True))
    assert _sign_in_from(client, "chair@example.org", "192.0.2.7").status_code == 302


def test_failures_for_an_account_from_elsewhere_never_lock_its_owner_out(client, make_user):
    make_user("chair", email="chair@example.org")
    for n in range(12):
        _fail(client, "chair@example.org", f"198.51.100.{n}", times=2)
    assert _sign_in_from(client, "chair@example.org", "192.0.2.7").status_code == 302


def test_an_address_guessing_many_accounts_is_blocked_but_no_one_else(client, make_user):
    make_user("chair", email="chair@example.org")
    for n in range(20):
        _fail(client, f"guess{n}@example.org", "198.51.100.1")
    assert _sign_in_from(client, "chair@example.org", "198.51.100.1").status_code == 429
    assert _sign_in_from(client, "chair@example.org", "192.0.2.7").status_code == 302


def test_failures_older_than_a_minute_no_longer_count(client, make_user, app):
    make_user("chair", email="chair@example.org")
    _fail(client, "chair@example.org", "198.51.100.1", times=5)
    _age_failures(app, timedelta(seconds=61))
    _fail(client, "chair@example.org", "198.51.100.1")
    assert _sign_in_from(client, "chair@example.org", "198.51.100.1").status_code == 302


def test_failures_are_deleted_once_no_limit_counts_them(client, make_user, app):
    """Kept as long as the longest window (wrong codes count for 15 minutes)."""
    _fail(client, "chair@example.org", "198.51.100.1", times=2)
    _age_failures(app, timedelta(minutes=15, seconds=1))
    _fail(client, "chair@example.org", "198.51.100.1")
    assert count(app, SignInFailure) == 2  # the new failure's two keys: the old ones are gone


def _age_failures(app, by: timedelta) -> None:
    with app.app_context():
        for failure in db.session.scalars(select(SignInFailure)):
            failure.failed_at -= by
        db.session.commit()


def test_the_throttle_keeps_no_email_or_address(client, make_user, app):
    _fail(client, "someone@example.org", "198.51.100.1")
    with app.app_context():
        keys = db.session.scalars(select(SignInFailure.key)).all()
    assert len(keys) == 2
    assert not any("someone" in key or "198.51" in key for key in keys)


def test_successful_sign_ins_do_not_count_towards_the_limit(client, make_user):
    make_user("chair", email="chair@example.org")
    for _ in range(7):
        assert sign_in(client, "chair@example.org").status_code == 302
        client.post("/sign-out", page="/")


def test_idle_session_is_signed_out(signed_in, app):
    client = signed_in("manager")
    assert client.get("/").status_code == 200
    last_used(app, client, timedelta(minutes=31))
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    page = client.get("/sign-in").get_data(as_text=True)
    assert "You were signed out because you had not used the service for a while" in page
    assert client.get("/").status_code == 302


def test_activity_within_the_timeout_keeps_the_session(signed_in, app):
    client = signed_in("manager")
    last_used(app, client, timedelta(minutes=29))
    assert client.get("/").status_code == 200
    last_used(app, client, timedelta(minutes=29))
    assert client.get("/").status_code == 200, "the last page counted as using the service"


def test_deactivating_an_account_ends_its_session(signed_in, app):
    client = signed_in("chair")
    with app.app_context():
        db.session.get(User, client.user_id).active = False
        db.session.commit()
    assert client.get("/").status_code == 302


def test_session_cookie_is_http_only_and_lax(client, make_user):
    make_user("chair", email="chair@example.org")
    cookie = sign_in(client, "chair@example.org").headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_already_signed_in_user_is_sent_to_their_landing_page_from_sign_in(signed_in):
    client = signed_in("chair")
    assert client.get("/sign-in").headers["Location"] == "/my-work/"


def test_polling_by_an_open_page_does_not_keep_an_idle_session_alive(signed_in, make_case, app):
    from datetime import date, time

    from conference.extensions import db
    from conference.models import Conference

    client = signed_in("chair")
    case_id = make_case()
    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 11, 20),
            starts_at=time(10, 0),
        )
        db.session.add(conference)
        db.session.commit()
        url = f"/conferences/{conference.id}/live.json"
    last_used(app, client, timedelta(minutes=20))
    assert client.get(url).status_code == 200
    with app.app_context():
        last_seen = db.session.scalar(select(UserSession.last_seen_at))
    assert datetime.now(UTC) - last_seen > timedelta(minutes=19)
