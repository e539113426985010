"""The simulated users that bench/load_bench.py (one gunicorn) and bench/topology_bench.py (nginx
in front of two app servers) both run: each a chair with an account of their own who signs in,
then loops over the case list, a case, a conference's map, a map item's form, a real save of it
and the printed documents, with short think times; one more thread asks /healthz every 0.2 s."""

import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PASSWORD = "bench password for every simulated user"  # noqa: S105 (a throwaway database)
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="version"[^>]*value="(\d+)"')
CONFLICT = "Someone else changed this record"
# The documents each user downloads in each loop: (page, path under /plans/<plan id>/).
FAMILY_PLAN = ("family plan PDF", "family-plan.pdf")
PROFESSIONAL_PLAN = ("professional plan PDF", "professional-plan.pdf")
# Passwords only: a second factor would need each user's authenticator app simulated.
ENVIRONMENT = {"FLASK_REQUIRE_SECOND_FACTOR": "false", "DEMO_PASSWORD": PASSWORD}

# Run in a process of its own: each simulated user, a chair, and their own map item.
SETUP = """
import sys
from sqlalchemy import select
from conference import create_app
from conference.extensions import db
from conference.models import Case, Conference, MapItem, User
users, password = int(sys.argv[1]), sys.argv[2]
app = create_app()
with app.app_context():
    case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
    review = db.session.scalar(
        select(Conference).where(Conference.case_id == case.id, Conference.finalised_at.is_(None))
    )
    for n in range(users):
        user = User(email=f"bench{n}@bench.example", name=f"Bench Chair {n}", role="chair")
        user.set_password(password)
        db.session.add(user)
        item = MapItem(conference_id=review.id, heading="grey", text=f"Bench {n}",
                       child_ids=[case.children[0].id], position=100 + n)
        db.session.add(item)
    db.session.commit()
"""

IDS = """
from sqlalchemy import select
from conference import create_app
from conference.extensions import db
from conference.models import Case, Conference, MapItem, Plan
app = create_app()
with app.app_context():
    case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
    review = db.session.scalar(
        select(Conference).where(Conference.case_id == case.id, Conference.finalised_at.is_(None))
    )
    # The agreed plan (the review's draft plan, if there is one, is not what is downloaded).
    plan = db.session.scalar(
        select(Plan).where(Plan.case_id == case.id, Plan.finalised_at.is_not(None))
    )
    items = db.session.scalars(
        select(MapItem.id).where(MapItem.conference_id == review.id, MapItem.position >= 100)
        .order_by(MapItem.position)
    ).all()
    print(case.id, review.id, plan.id, case.children[0].id, *items)
"""


def flask(env, *command, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
    )


def python(env, script: str, *arguments: str) -> str:
    """Run a script in a process of its own, against the database in `env`; its output."""
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def add_users(env, users: int) -> None:
    python(env, SETUP, str(users), PASSWORD)


def read_ids(env) -> dict:
    case, conference, plan, child, *items = map(int, python(env, IDS).split())
    return {"case": case, "conference": conference, "plan": plan, "child": child, "items": items}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.conflicts = 0
        self.examples = []
        self.elapsed = 0.0

    def add(self, page: str, seconds: float, ok: bool, detail: str = ""):
        with self.lock:
            self.times[page].append(seconds)
            if not ok:
                self.errors[page] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{page}: {detail}")


def timed(results, page, call, expect):
    started = time.perf_counter()
    try:
        response = call()
    except requests.RequestException as error:
        results.add(page, time.perf_counter() - started, False, type(error).__name__)
        return None
    elapsed = time.perf_counter() - started
    ok = expect(response)
    results.add(page, elapsed, ok, f"{response.status_code} {response.url}")
    return response if ok else None


def _shown(response) -> bool:
    """The page asked for itself: a redirect (to sign in, say) would be timed as the page."""
    return response.status_code == 200 and not response.history


class User:
    """One simulated user's session: a browser's, sending the page it is on as the Referer (as
    Flask-WTF requires of a form posted over https). `verify` is given with each request: a
    REQUESTS_CA_BUNDLE in the environment would override the session's."""

    def __init__(self, base, results, verify):
        self.base, self.results, self.verify = base, results, verify
        self.session = requests.Session()

    def get(self, page, path, expect=_shown):
        url = self.base + path
        call = lambda: self.session.get(url, timeout=60, verify=self.verify)  # noqa: E731
        response = timed(self.results, page, call, expect)
        if response is not None:
            self.session.headers["Referer"] = url
        return response

    def get_document(self, name, path):
        """The PDF (timed as `name`), the "being made" page, or None after an error."""
        url = self.base + path
        started = time.perf_counter()
        try:
            response = self.session.get(url, timeout=60, verify=self.verify)
        except requests.RequestException as error:
            self.results.add(name, time.perf_counter() - started, False, type(error).__name__)
            return None
        elapsed = time.perf_counter() - started
        if response.status_code == 202 and not response.history:
            self.results.add(f"{name} (202, being made)", elapsed, True)
            return response
        ok = _is_pdf(response)
        self.results.add(name, elapsed, ok, f"{response.status_code} {url}")
        return response if ok else None

    def post(self, page, path, data, expect):
        url = self.base + path
        call = lambda: self.session.post(  # noqa: E731
            url, data=data, allow_redirects=False, timeout=60, verify=self.verify
        )
        return timed(self.results, page, call, expect)


def simulated_user(base, n, ids, deadline, results, documents, verify=True, arrives_after=0.0):
    """User `n`: arrives `arrives_after` seconds into the run, signs in, then works until
    `deadline`."""
    rng = random.Random(n)  # noqa: S311 (think times, not secrets)
    user = User(base, results, verify)
    time.sleep(arrives_after)

    def think():
        time.sleep(rng.uniform(0.25, 0.75))

    page = user.get("sign-in page", "/sign-in")
    if page is None:
        return
    signed_in = user.post(
        "sign in (POST)",
        "/sign-in",
        {
            "csrf_token": CSRF.search(page.text).group(1),
            "email": f"bench{n}@bench.example",
            "password": PASSWORD,
        },
        lambda r: r.status_code == 302 and "/sign-in" not in r.headers.get("Location", ""),
    )
    if signed_in is None:
        return
    while time.monotonic() < deadline:
        think()
        user.get("case list", "/cases/")
        think()
        user.get("case", f"/cases/{ids['case']}")
        think()
        user.get("conference map", f"/conferences/{ids['conference']}/map")
        think()
        _save_map_item(user, n, ids, think)
        for name, path in documents:
            think()
            _download(user, name, f"/plans/{ids['plan']}/{path}")


def _save_map_item(user, n, ids, think):
    conference, item = ids["conference"], ids["items"][n]
    path = f"/conferences/{conference}/map/{item}"
    form = user.get("map item form", path)
    if form is None:
        return
    think()
    data = {
        "csrf_token": CSRF.search(form.text).group(1),
        "version": VERSION.search(form.text).group(1),
        "heading": "grey",
        "text": f"Bench {n}, changed at {time.time():.3f}",
        "raised_by": "Bench",
        "child_ids": str(ids["child"]),
    }
    saved = user.post(
        "map item save (POST)",
        path,
        data,
        lambda r: r.headers.get("Location", "").endswith(f"#item-{item}") or _conflict(r),
    )
    if saved is not None and saved.status_code != 302:
        with user.results.lock:
            user.results.conflicts += 1


def _download(user, name, path):
    """A document, as a browser gets it. When a worker is making it, the app answers 202 with a
    page that looks again by itself (its Refresh header) until the PDF comes: each such answer is
    timed as "<document> (202, being made)", and the time from the first ask to the PDF as
    "<document> until downloaded"."""
    started = time.perf_counter()
    for _ in range(30):
        response = user.get_document(name, path)
        if response is None:
            return
        if response.status_code == 200:
            user.results.add(f"{name} until downloaded", time.perf_counter() - started, True)
            return
        time.sleep(float(response.headers.get("Refresh", "2")))
    user.results.add(f"{name} until downloaded", time.perf_counter() - started, False, path)


def _is_pdf(response) -> bool:
    return _shown(response) and response.headers["Content-Type"] == "application/pdf"


def _conflict(response) -> bool:
    return response.status_code == 409 or CONFLICT in response.text


def health_checker(base, deadline, results, verify=True):
    # A new connection each time, as a load balancer's check makes.
    while time.monotonic() < deadline:
        timed(
            results,
            "/healthz",
            lambda: requests.get(base + "/healthz", timeout=60, verify=verify),
            _shown,
        )
        time.sleep(0.2)


def run(
    base, ids, users, seconds, documents=(FAMILY_PLAN,), verify=True, arrive_over=0.0
) -> Results:
    """`users` simulated users and the health check for `seconds`, against `base`. The users
    arrive one by one, evenly spread over the first `arrive_over` seconds (0: all at once), as
    people signing in at the start of a working day would, rather than in the same instant."""
    results = Results()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=simulated_user,
            args=(base, n, ids, deadline, results, documents, verify),
            kwargs={"arrives_after": arrival(n, users, arrive_over)},
            daemon=True,  # Ctrl-C ends the bench at once, and its clean-up stops the servers
        )
        for n in range(users)
    ]
    checker = threading.Thread(
        target=health_checker, args=(base, deadline, results, verify), daemon=True
    )
    threads.append(checker)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.elapsed = time.monotonic() - started
    return results


def arrival(n: int, users: int, arrive_over: float) -> float:
    """When user `n` of `users` arrives: 0, then every `arrive_over / users` seconds."""
    return arrive_over * n / users


def add_arrival_option(parser) -> None:
    """The benches' `--arrive-over N` option."""
    parser.add_argument(
        "--arrive-over",
        type=float,
        default=0,
        metavar="N",
        help="the users arrive (sign in) one by one over the first N seconds; 0: all at once",
    )


def report(results, heading: str):
    total = sum(len(times) for times in results.times.values())
    print(f"\n{heading}")
    print(f"{total} requests in {results.elapsed:.1f} s: {total / results.elapsed:.1f} per second")
    print("\n| Page | Requests | Median | 95th percentile | Slowest | Errors |")
    print("|---|---|---|---|---|---|")
    for page, times in results.times.items():
        times = sorted(times)
        print(
            f"| {page} | {len(times)} | {statistics.median(times):.3f} s "
            f"| {percentile_95(times):.3f} s | {times[-1]:.3f} s | {results.errors[page]} |"
        )
    print(
        f"\nErrors: {sum(results.errors.values())}; conflicts (409 or conflict page): "
        f"{results.conflicts}"
    )
    for example in results.examples:
        print("  " + example)


def percentile_95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0]
    return statistics.quantiles(times, n=20, method="inclusive")[-1]
