"""How long the pages people use all day take on large synthetic data (issue 22): My work for a
team manager and for a social worker, the case list, a search, a case page and the dashboard.

It measures a PostgreSQL database already seeded with synthetic data (`bench5k`, `bench50k`),
never writing to it: the script copies it (`CREATE DATABASE ... TEMPLATE`, as
dashboard_bench.py does), gives the synthetic users it signs in as this run's password in the
copy, measures the copy (signing in and viewing write audit rows) and drops it, unless `--keep`
(then a later run with `--copy NAME` measures the same copy again, say before and after a
change). Each page is requested once to warm up, then `--requests` more times: the median, the
slowest and the size of the page are shown, with the load average. Run from the project folder:

    .venv/bin/python bench/pages_bench.py --existing bench5k bench50k
    .venv/bin/python bench/pages_bench.py --copy pages_copy_of_bench50k --requests 9
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dashboard_bench import PASSWORD, copy_of, postgres_admin, sign_in  # noqa: E402

# Part of a family name the synthetic data uses (texts.FAMILY_NAMES "Brambleton").
SEARCH_WORDS = "bramble"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--existing", nargs="*", default=[], help="databases measured on a copy")
    parser.add_argument("--copy", nargs="*", default=[], help="copies kept by an earlier run")
    parser.add_argument("--keep", action="store_true", help="keep the copies for a later run")
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    print(f"load average at the start: {os.getloadavg()}")
    results = []
    for existing in args.existing:
        name = f"pages_copy_of_{existing}"
        admin = postgres_admin(args.postgres)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        copy_of(admin, existing, name)
        try:
            results += measure(name, args)
        finally:
            if not args.keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    for name in args.copy:
        results += measure(name, args)
    print(f"load average at the end: {os.getloadavg()}")
    print("\n| Database | Page | First | Median | Slowest | Size | Requests |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['database']} | {r['page']} | {r['first'] * 1000:.0f} ms | "
            f"{r['median'] * 1000:.0f} ms | {r['slowest'] * 1000:.0f} ms | "
            f"{r['size'] / 1024:.0f} KB | {r['requests']} |"
        )


def measure(name: str, args) -> list[dict]:
    from flask_migrate import upgrade
    from sqlalchemy import select, update
    from werkzeug.security import generate_password_hash

    from conference import create_app
    from conference.extensions import db
    from conference.models import Case, User
    from conference.seeding.synthetic import manager_email, texts

    worker_email = f"socialworker1@{texts.EMAIL_DOMAIN}"
    url = f"{args.postgres.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "SESSION_COOKIE_SECURE": False,
            "REQUIRE_SECOND_FACTOR": False,
        }
    )
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        db.session.execute(
            update(User)
            .where(User.email.in_([manager_email(1), worker_email]))
            .values(password_hash=generate_password_hash(PASSWORD, method="scrypt"))
        )
        db.session.commit()
        team_id = db.session.scalar(select(User.team_id).where(User.email == manager_email(1)))
        case_id = db.session.scalar(
            select(Case.id).where(Case.team_id == team_id).order_by(Case.id.desc()).limit(1)
        )
        db.session.remove()
    # As the deployment's nightly timer does (deploy/systemd/conference-keep-work.timer): a
    # manager's My work then reads the kept items instead of working out every case.
    started = time.perf_counter()
    kept = app.test_cli_runner().invoke(args=["keep-work"])
    print(f"  keep-work: {time.perf_counter() - started:.1f} s, {kept.output.splitlines()[-1]}")
    manager = app.test_client()
    sign_in(manager, manager_email(1))
    worker = app.test_client()
    sign_in(worker, worker_email)
    pages = (
        ("My work, team manager", manager, "GET", "/my-work/"),
        ("My work, team manager, page 2", manager, "GET", "/my-work/?page=2"),
        ("My work, social worker", worker, "GET", "/my-work/"),
        ("Case list", manager, "GET", "/cases/"),
        (f"Search '{SEARCH_WORDS}'", manager, "POST", "/cases/"),
        ("Case page", manager, "GET", f"/cases/{case_id}"),
        ("Dashboard", manager, "GET", "/dashboard/"),
    )
    results = []
    for label, client, method, path in pages:
        times, size = [], 0
        for _ in range(args.requests + 1):
            elapsed, size = timed(client, method, path)
            times.append(elapsed)
        result = {
            "database": name,
            "page": label,
            "first": times[0],
            "median": statistics.median(times[1:]),
            "slowest": max(times[1:]),
            "size": size,
            "requests": len(times) - 1,
        }
        print(
            f"  {label:34} first {result['first'] * 1000:.0f} ms, median "
            f"{result['median'] * 1000:.0f} ms, slowest {result['slowest'] * 1000:.0f} ms, "
            f"{size / 1024:.0f} KB (load {os.getloadavg()[0]:.2f})"
        )
        results.append(result)
    with app.app_context():
        db.engine.dispose()
    return results


def timed(client, method: str, path: str) -> tuple[float, int]:
    """One request (a search: its POST and the page of results it redirects to)."""
    started = time.perf_counter()
    if method == "POST":
        token = client.get("/cases/").get_data(as_text=True)  # a CSRF token (not timed)
        started = time.perf_counter()
        response = client.post(
            path, data={"q": SEARCH_WORDS, "csrf_token": _token(token)}, follow_redirects=True
        )
    else:
        response = client.get(path)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return elapsed, len(response.get_data())


def _token(page: str) -> str:
    from dashboard_bench import CSRF_PATTERN

    found = CSRF_PATTERN.search(page)
    return found.group(1) if found else ""


if __name__ == "__main__":
    main()
