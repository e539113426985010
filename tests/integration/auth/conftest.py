"""Fixtures for single sign-on: a real, certified OpenID provider (node-oidc-provider, started
from tests/oidc/provider.mjs with its built-in login form) and an app that signs in with it."""

import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from helpers import Client, make_config
from pages import parse, select

from conference import create_app
from conference.extensions import db

ROOT = Path(__file__).resolve().parents[3]
PROVIDER_SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
CLIENT_ID = "conference-toolkit"
CLIENT_SECRET = "tests only, not a secret"
# The address Flask's test client serves the app at.
APP_URL = "http://localhost"
CALLBACK = f"{APP_URL}/sign-in/single-sign-on/callback"
STARTUP_SECONDS = 20


@pytest.fixture(scope="session")
def oidc_issuer():
    """The provider's issuer URL, while it runs (for the whole test session)."""
    yield from _provider()


@pytest.fixture(scope="session")
def oidc_issuer_with_claims_in_id_token():
    """Another provider, which puts the email address in the ID token itself."""
    yield from _provider("claims-in-id-token")


def _provider(*options):
    process = subprocess.Popen(
        ["node", str(PROVIDER_SCRIPT), CLIENT_ID, CLIENT_SECRET, CALLBACK, *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # its warnings about development-only defaults
        text=True,
    )
    try:
        issuer = process.stdout.readline().strip()
        assert issuer.startswith("http://127.0.0.1:"), "the OpenID provider did not start"
        _wait_for(f"{issuer}/.well-known/openid-configuration")
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, f"{url} did not answer"
        time.sleep(0.1)


def sso_config(db_url: str, issuer: str, **overrides) -> dict:
    settings = {
        "OIDC_ISSUER": issuer,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
    }
    return make_config(db_url, **(settings | overrides))


@pytest.fixture(scope="session")
def sso_app(app, db_url, oidc_issuer):
    """The app with single sign-on on, on the test database (`app` has migrated it)."""
    sso_app = create_app(sso_config(db_url, oidc_issuer))
    yield sso_app
    with sso_app.app_context():
        db.engine.dispose()


@pytest.fixture
def make_sso_app(app, db_url, oidc_issuer):
    """`make_sso_app(**settings)`: another app on the test database, with these settings."""
    made = []

    def make(**overrides):
        made.append(create_app(sso_config(db_url, oidc_issuer, **overrides)))
        return made[-1]

    yield make
    for each in made:
        with each.app_context():
            db.engine.dispose()


@pytest.fixture
def sso_client(sso_app):
    return Client(sso_app.test_client())


@pytest.fixture
def at_provider(oidc_issuer):
    """`at_provider(authorisation_url, login)` signs in with the provider's own login form, as a
    browser would, and returns the URL it sends the browser back to (the app's callback)."""

    def sign_in(authorisation_url: str, login: str) -> str:
        with requests.Session() as browser:
            page = browser.get(authorisation_url, timeout=10)
            assert page.status_code == 200, page.text[:500]
            form = select(parse(page.text), "form")[0]
            response = browser.post(
                urljoin(page.url, form.get("action")),
                data={"prompt": "login", "login": login, "password": "any"},
                allow_redirects=False,
                timeout=10,
            )
            # The provider redirects within itself, then back to the app.
            while not response.headers["Location"].startswith(APP_URL):
                location = urljoin(response.url, response.headers["Location"])
                response = browser.get(location, allow_redirects=False, timeout=10)
            return response.headers["Location"]

    return sign_in


@pytest.fixture
def single_sign_on(at_provider):
    """`single_sign_on(client, login, start=…)`: select the button, sign in at the provider as
    `login`, and come back. Returns the app's answer to the callback and the callback's URL."""

    def sign_in(client, login: str, start: str = "/sign-in/single-sign-on"):
        started = client.get(start)
        assert started.status_code == 302, started.get_data(as_text=True)[:500]
        callback = at_provider(started.headers["Location"], login)
        return client.get(callback), callback

    return sign_in
