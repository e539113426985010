"""The sign-in throttle as deployed: gunicorn with two workers behind a reverse proxy
(TRUSTED_PROXIES=1), every request arriving from the proxy's address with the client's in
X-Forwarded-For. The count is in the database, so it holds across workers; it is kept per address
(and per account from an address), so an attacker slows only themselves."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from flask_migrate import upgrade
from helpers import CSRF_PATTERN, PASSWORD, make_config

from conference import create_app
from conference.extensions import db
from conference.models import User

ROOT = Path(__file__).resolve().parents[3]
ATTACKER = "203.0.113.66"
REAL_USER = "198.51.100.20"
EMAIL = "chair@example.org"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _migrated_database(path: Path) -> str:
    url = f"sqlite:///{path}"
    app = create_app(make_config(url))
    with app.app_context():
        upgrade()
        user = User(email=EMAIL, name="Chris Chair", role="chair")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        db.engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app under gunicorn, two workers, on a free port: its base URL."""
    folder = tmp_path_factory.mktemp("proxied")
    url = _migrated_database(folder / "throttle.sqlite")
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FLASK_SQLALCHEMY_DATABASE_URI": url,
        "FLASK_SECRET_KEY": "tests only",
        "FLASK_TRUSTED_PROXIES": "1",
        "FLASK_SESSION_COOKIE_SECURE": "false",
        "FLASK_REQUIRE_SECOND_FACTOR": "false",
    }
    log = (folder / "gunicorn.log").open("w")
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _wait_for(base: str, process) -> None:
    for _ in range(300):
        assert process.poll() is None, "gunicorn stopped"
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still loading the app
            pass
        time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


class Browser:
    """A browser at `address`, reaching the app through the proxy."""

    def __init__(self, base: str, address: str):
        self.base, self.http = base, requests.Session()
        self.http.headers["X-Forwarded-For"] = address

    def sign_in(self, email: str, password: str) -> int:
        page = self.http.get(f"{self.base}/sign-in", timeout=30).text
        token = CSRF_PATTERN.search(page).group(1)
        data = {"email": email, "password": password, "csrf_token": token}
        response = self.http.post(
            f"{self.base}/sign-in", data=data, allow_redirects=False, timeout=30
        )
        return response.status_code


def test_the_limit_holds_across_workers_and_only_for_the_guessing_address(server):
    attacker = Browser(server, ATTACKER)
    for _ in range(5):
        assert attacker.sign_in(EMAIL, "a wrong guess at it") == 200
    # Whichever worker answers, it sees the same five failures: even the right password is
    # refused from there, every time.
    assert [attacker.sign_in(EMAIL, PASSWORD) for _ in range(6)] == [429] * 6
    # The real user, from their own address, is not locked out.
    assert Browser(server, REAL_USER).sign_in(EMAIL, PASSWORD) == 302


def test_made_up_emails_from_one_address_lock_out_no_one_else(server):
    guesser = Browser(server, "203.0.113.99")
    outcomes = [guesser.sign_in(f"guess{n}@example.org", "a wrong guess") for n in range(22)]
    assert outcomes == [200] * 20 + [429] * 2
    assert Browser(server, "198.51.100.21").sign_in(EMAIL, PASSWORD) == 302
