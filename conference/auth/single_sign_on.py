"""Single sign-on with the council's OpenID Connect identity provider (OIDC_ISSUER).

Authlib runs the authorisation code flow with PKCE (S256), a state and a nonce, and checks the
ID token's signature, issuer, audience, expiry and nonce against the provider's discovery
document and keys, which it fetches once and keeps for the life of the process. Who may sign in
is decided here, by `services.single_sign_on`: the provider only proves who someone is.
"""

from urllib.parse import urlsplit

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user
from joserfc.errors import JoseError
from requests import RequestException

from conference.auth import bp
from conference.auth.landing import landing_page, page_to_go_on_to
from conference.common.access import public
from conference.extensions import db
from conference.services import single_sign_on as services

PROVIDER = "single_sign_on"  # the Authlib client's key in app.extensions
NEXT = "single_sign_on_next"  # the page to go on to, kept in the session during the round trip
SCOPE = "openid email"
TIMEOUT_SECONDS = 10
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# A wrong or replayed state, an error from the provider, a token failing its checks, a provider
# that cannot be reached or answers nonsense: all mean the sign-in did not happen.
PROVIDER_ERRORS = (AuthlibBaseError, JoseError, RequestException, ValueError)


@bp.record_once
def _set_up(state) -> None:
    """Register the provider's client when OIDC_ISSUER is set; refuse to start with settings
    that would lock everyone out or trust a provider over plain HTTP."""
    config = state.app.config
    issuer = config.get("OIDC_ISSUER")
    if not issuer:
        if not config["LOCAL_SIGN_IN"]:
            raise RuntimeError(
                "LOCAL_SIGN_IN is False but OIDC_ISSUER is not set: no one could sign in"
            )
        return
    _check_settings(config)
    state.app.extensions[PROVIDER] = OAuth(state.app).register(
        "oidc",
        client_id=str(config["OIDC_CLIENT_ID"]),
        client_secret=str(config["OIDC_CLIENT_SECRET"]),
        server_metadata_url=issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": SCOPE,
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT_SECONDS,
        },
    )


def _check_settings(config) -> None:
    if not config.get("OIDC_CLIENT_ID") or not config.get("OIDC_CLIENT_SECRET"):
        raise RuntimeError("OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too")
    issuer = urlsplit(config["OIDC_ISSUER"])
    # Plain HTTP only to a provider on this machine (a developer's, or the tests').
    if issuer.scheme != "https" and issuer.hostname not in LOCAL_HOSTS:
        raise RuntimeError("OIDC_ISSUER must be an https:// address")


@bp.route("/sign-in/single-sign-on")
@public
def single_sign_on():
    """Send the user to the council's identity provider, which sends them back to
    `single_sign_on_callback`.

    :raise 404: single sign-on is not set up.
    """
    provider = _provider()
    if current_user.is_authenticated:
        return redirect(landing_page(current_user))
    session[NEXT] = request.args.get("next")
    try:
        _check_issuer(provider)
        callback = url_for("auth.single_sign_on_callback", _external=True)
        return provider.authorize_redirect(callback)
    except PROVIDER_ERRORS:
        return _did_not_work(503)


@bp.route("/sign-in/single-sign-on/callback")
@public
def single_sign_on_callback():
    """Check what the provider sent back, find the user's account and start their session.

    :raise 404: single sign-on is not set up.
    """
    provider = _provider()
    if current_user.is_authenticated:
        return redirect(landing_page(current_user))
    next_page = session.pop(NEXT, None)
    try:
        claims = _verified_claims(provider)
    except PROVIDER_ERRORS:
        services.failed()
        db.session.commit()
        return _did_not_work(400)
    try:
        user = services.sign_in_with(
            claims["sub"], claims.get("email"), claims.get("email_verified")
        )
    except services.Refused as refused:
        db.session.commit()  # the refusal is audited
        return render_template("views/auth/single_sign_on_refused.html", reason=refused.reason), 403
    db.session.commit()
    return redirect(page_to_go_on_to(user, next_page))


def _provider():
    provider = current_app.extensions.get(PROVIDER)
    if provider is None:
        abort(404)
    return provider


def _check_issuer(provider) -> None:
    """The discovery document must be the configured issuer's own (OpenID Connect Discovery
    4.3): the ID token's issuer is then checked against it."""
    issuer = provider.load_server_metadata().get("issuer") or ""
    if issuer.rstrip("/") != current_app.config["OIDC_ISSUER"].rstrip("/"):
        raise ValueError("the discovery document names another issuer")


def _verified_claims(provider) -> dict:
    """The ID token's claims, once Authlib has checked the state, the token and the nonce. A
    provider that keeps the ID token small gives the email address at its UserInfo endpoint."""
    _check_issuer(provider)  # this process may not be the one that sent the user there
    token = provider.authorize_access_token()
    claims = token.get("userinfo")
    if not claims:
        raise ValueError("no ID token")
    if "email" not in claims:
        info = provider.userinfo(token=token)
        if info.get("sub") != claims["sub"]:
            raise ValueError("UserInfo describes someone else")
        claims = {**info, "sub": claims["sub"]}
    return claims


def _did_not_work(status: int):
    return render_template("views/auth/single_sign_on_failed.html"), status
