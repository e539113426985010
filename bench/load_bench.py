"""Load benchmark: gunicorn with 2 workers, and simulated users signing in, opening the case list,
a case, a conference's map, changing a map item and downloading the family plan PDF, in a loop
with short think times; one more thread asks /healthz throughout, as the floor.

The database is a new SQLite file in a temporary folder: migrated, seeded with the demo data and
(if the `seed-synthetic` command exists) synthetic children. Each simulated user is a chair with
an account of their own, and changes a map item of their own on DEMO-0001's draft review
conference, so conflicts are not expected; a 409 or a conflict page is counted separately.

    .venv/bin/python bench/load_bench.py                       # 20 users, 60 s
    .venv/bin/python bench/load_bench.py --users 5 --seconds 10 --children 0
"""

import argparse
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--children", type=int, default=5000, help="synthetic children, if any")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="load-bench-") as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite",
            "FLASK_SECRET_KEY": secrets.token_hex(32),
            # Plain http on 127.0.0.1: a Secure cookie would never be sent back.
            "FLASK_SESSION_COOKIE_SECURE": "false",
            "DEMO_PASSWORD": PASSWORD,
        }
        started = time.monotonic()
        synthetic = prepare(env, args.users, args.children)
        print(f"Database ready in {time.monotonic() - started:.0f} s ({synthetic})", flush=True)
        ids = read_ids(env)
        port = free_port()
        server = start_server(env, port, args, Path(folder) / "gunicorn.log")
        try:
            results = run(f"http://127.0.0.1:{port}", ids, args.users, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
        report(results, args, synthetic)
        errors = Path(folder, "gunicorn.log").read_text()
        if "Traceback" in errors:
            print("\nThe server logged errors:\n" + errors[-3000:])


def flask(env, *command, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
    )


def prepare(env, users: int, children: int) -> str:
    """Migrate, seed, and add the simulated users and their map items. Says what was seeded."""
    flask(env, "db", "upgrade")
    flask(env, "seed-demo")
    seeded = "demo data only"
    if children and "seed-synthetic" in flask(env, "--help").stdout:
        flask(env, "seed-synthetic", "--children", str(children))
        seeded = f"demo data and {children:,} synthetic children"
    subprocess.run(
        [sys.executable, "-c", SETUP, str(users), PASSWORD], cwd=ROOT, env=env, check=True
    )
    return seeded


def read_ids(env) -> dict:
    script = """
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
    plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id))
    items = db.session.scalars(
        select(MapItem.id).where(MapItem.conference_id == review.id, MapItem.position >= 100)
        .order_by(MapItem.position)
    ).all()
    print(case.id, review.id, plan.id, case.children[0].id, *items)
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    case, conference, plan, child, *items = map(int, done.stdout.split())
    return {"case": case, "conference": conference, "plan": plan, "child": child, "items": items}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env, port: int, args, log: Path) -> subprocess.Popen:
    command = [
        str(VENV_BIN / "gunicorn"),
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--bind",
        f"127.0.0.1:{port}",
        "wsgi:app",
    ]
    output = open(log, "w")  # noqa: SIM115 (kept open for the server's life)
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                return server
        except requests.RequestException:
            pass
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: see {log}")
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start in 30 seconds")


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.conflicts = 0
        self.examples = []

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


def simulated_user(base, n, ids, deadline, results):
    rng = random.Random(n)  # noqa: S311 (think times, not secrets)
    session = requests.Session()

    def think():
        time.sleep(rng.uniform(0.25, 0.75))

    def get(page, path, expect=lambda r: r.status_code == 200):
        return timed(results, page, lambda: session.get(base + path, timeout=60), expect)

    page = get("sign-in page", "/sign-in")
    if page is None:
        return
    signed_in = timed(
        results,
        "sign in (POST)",
        lambda: session.post(
            base + "/sign-in",
            data={
                "csrf_token": CSRF.search(page.text).group(1),
                "email": f"bench{n}@bench.example",
                "password": PASSWORD,
            },
            allow_redirects=False,
            timeout=60,
        ),
        lambda r: r.status_code == 302,
    )
    if signed_in is None:
        return
    conference, item = ids["conference"], ids["items"][n]
    edits = 0
    while time.monotonic() < deadline:
        think()
        get("case list", "/cases/")
        think()
        get("case", f"/cases/{ids['case']}")
        think()
        get("conference map", f"/conferences/{conference}/map")
        think()
        form = get("map item form", f"/conferences/{conference}/map/{item}")
        if form is not None:
            think()
            edits += 1
            data = {
                "csrf_token": CSRF.search(form.text).group(1),
                "version": VERSION.search(form.text).group(1),
                "heading": "grey",
                "text": f"Bench {n}, change {edits}",
                "raised_by": "Bench",
                "child_ids": str(ids["child"]),
            }
            saved = timed(
                results,
                "map item save (POST)",
                lambda data=data: session.post(
                    base + f"/conferences/{conference}/map/{item}",
                    data=data,
                    allow_redirects=False,
                    timeout=60,
                ),
                lambda r: r.headers.get("Location", "").endswith(f"#item-{item}") or _conflict(r),
            )
            if saved is not None and saved.status_code != 302:
                with results.lock:
                    results.conflicts += 1
        think()
        get(
            "family plan PDF",
            f"/plans/{ids['plan']}/family-plan.pdf",
            lambda r: r.status_code == 200 and r.headers["Content-Type"] == "application/pdf",
        )


def _conflict(response) -> bool:
    return response.status_code == 409 or CONFLICT in response.text


def health_checker(base, deadline, results):
    while time.monotonic() < deadline:
        timed(
            results,
            "/healthz",
            lambda: requests.get(base + "/healthz", timeout=60),
            lambda r: r.status_code == 200,
        )
        time.sleep(0.2)


def run(base, ids, users, seconds) -> Results:
    results = Results()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=simulated_user, args=(base, n, ids, deadline, results))
        for n in range(users)
    ]
    threads.append(threading.Thread(target=health_checker, args=(base, deadline, results)))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.elapsed = time.monotonic() - started
    return results


def report(results, args, seeded):
    total = sum(len(times) for times in results.times.values())
    print(
        f"\n{args.users} users for {args.seconds} s, {args.workers} gunicorn workers "
        f"x {args.threads} threads, {seeded}"
    )
    print(f"{total} requests in {results.elapsed:.1f} s: {total / results.elapsed:.1f} per second")
    print("\n| Page | Requests | Median | 95th percentile | Slowest | Errors |")
    print("|---|---|---|---|---|---|")
    for page, times in results.times.items():
        times = sorted(times)
        p95 = (
            statistics.quantiles(times, n=20, method="inclusive")[-1]
            if len(times) > 1
            else times[0]
        )
        print(
            f"| {page} | {len(times)} | {statistics.median(times):.3f} s | {p95:.3f} s "
            f"| {times[-1]:.3f} s | {results.errors[page]} |"
        )
    print(
        f"\nErrors: {sum(results.errors.values())}; conflicts (409 or conflict page): "
        f"{results.conflicts}"
    )
    for example in results.examples:
        print("  " + example)


if __name__ == "__main__":
    main()
