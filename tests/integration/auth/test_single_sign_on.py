"""Single sign-on with the council's identity provider, end to end against a real OpenID provider
(node-oidc-provider, tests/oidc/provider.mjs): the provider proves who someone is, and only a
user an administrator created here, still active, gets in.

The provider's fictional people: jo.bloggs (jo.bloggs@council.example, verified) and
sam.unconfirmed (sam.unconfirmed@council.example, not verified); the login name is the subject.
"""

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from flask_migrate import downgrade, upgrade
from helpers import PASSWORD, Client, count, drop_database, empty_database, make_config, sign_in
from pages import assert_page, links, meta_content, select, text_of
from sqlalchemy import text

from conference import create_app
from conference.extensions import db
from conference.models import AuditEvent, User

JO = "jo.bloggs@council.example"
SAM = "sam.unconfirmed@council.example"
NO_ACCOUNT = "You do not have an account for this service"
CANNOT = "You cannot sign in with this council account"
DID_NOT_WORK = "Sorry, you could not be signed in with your council account"


def _user(app, user_id) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def _audit(app, action) -> list[tuple[int | None, dict | None]]:
    with app.app_context():
        events = db.session.query(AuditEvent).filter_by(action=action).order_by(AuditEvent.id)
        return [(event.user_id, event.changes) for event in events]


def _signed_out(client) -> bool:
    response = client.get("/")
    return response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def _refused(reason):
    return [(None, {"method": "single sign-on", "reason": reason})]


# The sign-in page


def test_the_sign_in_page_offers_single_sign_on_when_it_is_set_up(sso_client, client):
    html = assert_page(sso_client.get("/sign-in?next=/cases"), "Sign in")
    button = ("/sign-in/single-sign-on?next=/cases", "Sign in with your council account")
    assert links(html, "a.govuk-button") == [button]
    assert select(html, 'input[name="password"]'), "passwords are still allowed"

    html = assert_page(client.get("/sign-in"), "Sign in")
    assert links(html, "a.govuk-button") == []
    # Not set up: its pages are not found.
    assert client.get("/sign-in/single-sign-on").status_code == 404
    assert client.get("/sign-in/single-sign-on/callback?code=x&state=y").status_code == 404


def test_without_local_sign_in_only_single_sign_on_is_offered(make_sso_app, make_user, app):
    make_user("chair", email="chair@example.org")
    sso_only = make_sso_app(LOCAL_SIGN_IN=False, OIDC_BUTTON_TEXT="Sign in with Entra ID")
    client = Client(sso_only.test_client())
    html = assert_page(client.get("/sign-in"), "Sign in")
    assert [text for _, text in links(html, "a.govuk-button")] == ["Sign in with Entra ID"]
    assert select(html, 'input[name="password"]') == []
    # A password posted anyway (with the page's token) signs no one in.
    token = meta_content(html, "csrf-token")
    response = client.post(
        "/sign-in", {"email": "chair@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 200
    assert _signed_out(client)
    assert count(app, AuditEvent, action="sign-in") == 0


def test_local_sign_in_cannot_be_turned_off_without_single_sign_on(db_url, app):
    with pytest.raises(RuntimeError, match="no one could sign in"):
        create_app(make_config(db_url, LOCAL_SIGN_IN=False))


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"OIDC_CLIENT_SECRET": None}, "set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET"),
        ({"OIDC_CLIENT_ID": ""}, "set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET"),
        ({"OIDC_ISSUER": "http://login.council.example"}, "must be an https:// address"),
    ],
)
def test_single_sign_on_settings_are_checked_at_start(make_sso_app, settings, message):
    with pytest.raises(RuntimeError, match=message):
        make_sso_app(**settings)


# Signing in


def test_a_known_user_signs_in_and_lands_on_my_work(sso_client, single_sign_on, make_user, sso_app):
    user_id = make_user("social_worker", email=JO, name="Jo Bloggs")
    response, _ = single_sign_on(sso_client, "jo.bloggs")
    assert response.status_code == 302
    assert response.headers["Location"] == "/my-work/"
    assert_page(sso_client.get("/my-work/"), "My work")
    html = assert_page(sso_client.get("/"), "Home")
    assert "You are signed in as Jo Bloggs." in text_of(html)
    assert _audit(sso_app, "sign-in") == [(user_id, {"method": "single sign-on"})]
    # The subject is kept, so later sign-ins match on it, not on the email address.
    assert _user(sso_app, user_id).single_sign_on_subject == "jo.bloggs"
    assert _audit(sso_app, "link single sign-on") == [
        (user_id, {"single_sign_on_subject": [None, "jo.bloggs"]})
    ]


def test_the_email_address_is_taken_from_the_id_token_when_it_is_there(
    make_sso_app, oidc_issuer_with_claims_in_id_token, single_sign_on, make_user, app
):
    user_id = make_user("social_worker", email=JO)
    other = make_sso_app(OIDC_ISSUER=oidc_issuer_with_claims_in_id_token)
    client = Client(other.test_client())
    response, _ = single_sign_on(client, "jo.bloggs")
    assert response.headers["Location"] == "/my-work/"
    assert _audit(app, "sign-in") == [(user_id, {"method": "single sign-on"})]


def test_the_provider_is_asked_with_pkce_state_and_nonce(sso_client, oidc_issuer):
    response = sso_client.get("/sign-in/single-sign-on")
    url = urlsplit(response.headers["Location"])
    query = parse_qs(url.query)
    assert f"{url.scheme}://{url.netloc}" == oidc_issuer
    assert query["response_type"] == ["code"]
    assert query["scope"] == ["openid email"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://localhost/sign-in/single-sign-on/callback"]
    for each in ("state", "nonce", "code_challenge"):
        assert len(query[each][0]) >= 20, each


def test_a_user_is_matched_by_subject_after_their_first_sign_in(
    sso_client, single_sign_on, make_user, sso_app
):
    # Their email address here has changed since; the provider's subject has not.
    user_id = make_user("chair", email="jo.old@council.example", single_sign_on_subject="jo.bloggs")
    response, _ = single_sign_on(sso_client, "jo.bloggs")
    assert response.headers["Location"] == "/my-work/"
    assert _audit(sso_app, "sign-in") == [(user_id, {"method": "single sign-on"})]
    assert _audit(sso_app, "link single sign-on") == []


def test_single_sign_on_goes_back_to_the_page_asked_for_and_never_elsewhere(
    sso_client, single_sign_on, make_user
):
    make_user("chair", email=JO)
    start = "/sign-in/single-sign-on?next=/cases"
    assert single_sign_on(sso_client, "jo.bloggs", start)[0].headers["Location"] == "/cases"
    sso_client.post("/sign-out", page="/")
    start = "/sign-in/single-sign-on?next=//evil.example/"
    assert single_sign_on(sso_client, "jo.bloggs", start)[0].headers["Location"] == "/my-work/"


def test_a_signed_in_user_is_not_sent_to_the_provider(sso_client, make_user):
    make_user("chair", email="chair@example.org")
    sign_in(sso_client, "chair@example.org")
    response = sso_client.get("/sign-in/single-sign-on")
    assert response.headers["Location"] == "/my-work/"


# Refused


def test_someone_without_an_account_is_refused(sso_client, single_sign_on, sso_app):
    response, _ = single_sign_on(sso_client, "jo.bloggs")
    html = assert_page(response, NO_ACCOUNT, 403)
    assert "Ask your administrator to give you an account" in text_of(html)
    assert ("/sign-in", "Go back to the sign-in page") in links(html)
    assert _signed_out(sso_client)
    # Audited, without the email address of someone who has no account here.
    assert _audit(sso_app, "sign-in failed") == _refused("no account")


def test_an_email_address_the_provider_has_not_verified_is_refused(
    sso_client, single_sign_on, make_user, sso_app
):
    user_id = make_user("chair", email=SAM)
    response, _ = single_sign_on(sso_client, "sam.unconfirmed")
    html = assert_page(response, CANNOT, 403)
    assert "has not confirmed your email address" in text_of(html)
    assert _signed_out(sso_client)
    assert _user(sso_app, user_id).single_sign_on_subject is None
    assert _audit(sso_app, "sign-in failed") == _refused("email not verified")


def test_an_inactive_user_is_refused(sso_client, single_sign_on, make_user, sso_app):
    user_id = make_user("chair", email=JO, active=False)
    response, _ = single_sign_on(sso_client, "jo.bloggs")
    assert_page(response, NO_ACCOUNT, 403)
    assert _signed_out(sso_client)
    assert _user(sso_app, user_id).single_sign_on_subject is None
    reason = {"method": "single sign-on", "reason": "account inactive"}
    assert _audit(sso_app, "sign-in failed") == [(user_id, reason)]


def test_an_inactive_user_matched_by_subject_is_refused(
    sso_client, single_sign_on, make_user, sso_app
):
    user_id = make_user("chair", email=JO, active=False, single_sign_on_subject="jo.bloggs")
    response, _ = single_sign_on(sso_client, "jo.bloggs")
    assert_page(response, NO_ACCOUNT, 403)
    assert _signed_out(sso_client)
    reason = {"method": "single sign-on", "reason": "account inactive"}
    assert _audit(sso_app, "sign-in failed") == [(user_id, reason)]


def test_a_user_linked_to_another_subject_is_refused(
    sso_client, single_sign_on, make_user, sso_app
):
    user_id = make_user("chair", email=JO, single_sign_on_subject="someone.else")
    response, _ = single_sign_on(sso_client, "jo.bloggs")
    html = assert_page(response, CANNOT, 403)
    assert "linked to a different council account" in text_of(html)
    assert _signed_out(sso_client)
    assert _user(sso_app, user_id).single_sign_on_subject == "someone.else"
    reason = {"method": "single sign-on", "reason": "different subject"}
    assert _audit(sso_app, "sign-in failed") == [(user_id, reason)]


def test_a_tampered_state_is_refused(sso_client, at_provider, make_user, sso_app):
    make_user("chair", email=JO)
    started = sso_client.get("/sign-in/single-sign-on")
    callback = urlsplit(at_provider(started.headers["Location"], "jo.bloggs"))
    query = parse_qs(callback.query)
    query["state"] = [query["state"][0][::-1]]
    tampered = urlunsplit(callback._replace(query=urlencode(query, doseq=True)))
    assert_page(sso_client.get(tampered), DID_NOT_WORK, 400)
    assert _signed_out(sso_client)
    assert _audit(sso_app, "sign-in failed") == _refused("not completed")
    assert _audit(sso_app, "sign-in") == []


def test_a_replayed_callback_is_refused(sso_client, single_sign_on, make_user, sso_app):
    make_user("chair", email=JO)
    response, callback = single_sign_on(sso_client, "jo.bloggs")
    assert response.headers["Location"] == "/my-work/"
    sso_client.post("/sign-out", page="/")
    # By the same browser, and by another one that got hold of the address.
    assert_page(sso_client.get(callback), DID_NOT_WORK, 400)
    assert _signed_out(sso_client)
    other = Client(sso_app.test_client())
    assert_page(other.get(callback), DID_NOT_WORK, 400)
    assert _signed_out(other)
    assert _audit(sso_app, "sign-in failed") == _refused("not completed") * 2
    assert len(_audit(sso_app, "sign-in")) == 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        "code=made-up&state=<script>alert(1)</script>",
        "error=access_denied&error_description=<b>Cancelled</b>",
    ],
)
def test_a_made_up_or_failed_callback_is_refused(sso_client, sso_app, query):
    html = assert_page(
        sso_client.get(f"/sign-in/single-sign-on/callback?{query}"), DID_NOT_WORK, 400
    )
    assert "<script>alert" not in html and "Cancelled" not in html
    assert _signed_out(sso_client)
    assert _audit(sso_app, "sign-in failed") == _refused("not completed")


@pytest.mark.parametrize(
    "issuer",
    [
        "http://127.0.0.1:9",  # nothing there
        "http://localhost:{port}",  # the provider, whose discovery names another issuer
    ],
)
def test_a_provider_that_cannot_be_reached_or_trusted_gets_a_clear_page(
    make_sso_app, oidc_issuer, issuer
):
    port = urlsplit(oidc_issuer).port
    unreachable = make_sso_app(OIDC_ISSUER=issuer.format(port=port))
    response = Client(unreachable.test_client()).get("/sign-in/single-sign-on")
    html = assert_page(response, DID_NOT_WORK, 503)
    assert "contact your IT service desk" in text_of(html)


# The migration


def test_the_migration_keeps_existing_users(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "single_sign_on")
    migrating = create_app(make_config(url))
    try:
        with migrating.app_context():
            upgrade(revision="0009")
            with db.engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO user_account (email, name, role, agency, active,"
                        " password_hash, created_at, version)"
                        " VALUES ('jo@example.org', 'Jo', 'chair', '', true, 'x',"
                        " CURRENT_TIMESTAMP, 1)"
                    )
                )
            upgrade(revision="0010")
            with db.engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT email, single_sign_on_subject FROM user_account")
                ).all()
            assert [tuple(row) for row in rows] == [("jo@example.org", None)]
            downgrade(revision="0009")
            with db.engine.connect() as connection:
                emails = connection.execute(text("SELECT email FROM user_account")).scalars()
                assert list(emails) == ["jo@example.org"]
            db.engine.dispose()
    finally:
        drop_database(db_url, url)
