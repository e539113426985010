"""How long the managers' dashboard (GET /dashboard/) takes on large synthetic data.

For each database (SQLite, PostgreSQL) and each size (5,000 and 50,000 children by default) the
script creates a new database (a SQLite file in a temporary folder, or a PostgreSQL database
`bench_dashboard_<children>`, dropped at the end), builds the tables with the migrations, seeds
the synthetic data (`conference.synthetic.seed`, timed, which ends by building the dashboard's
running totals), times what keeping the totals adds to a save (refreshing one case's totals and
committing, for `--refreshes` cases), signs in as a synthetic team manager with Flask's test
client, and requests the dashboard for:

- all teams, the default last 12 months;
- one team;
- one pod;
- a date range: the 12 months of the year before last.

Each variant is requested once to warm up (timed and shown as "first"), then `--requests` more
times (fewer when they take more than `--budget` seconds together, but at least 2): the median
and the slowest are shown. At the end: a table, and the ratio of the median at
the largest size to the median at the smallest. Run from the project folder:

    .venv/bin/python bench/dashboard_bench.py                      # 5k and 50k, both databases
    .venv/bin/python bench/dashboard_bench.py --children 2000 --databases sqlite --requests 3

PostgreSQL is reached at --postgres (default postgresql://postgres@127.0.0.1), as a user that
may create databases.
"""

import argparse
import logging
import os
import platform
import re
import secrets
import signal
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = secrets.token_urlsafe(16)  # the synthetic users' password for this run
CSRF_PATTERN = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')
URL = "/dashboard/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument(
        "--databases", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument(
        "--budget",
        type=float,
        default=120,
        help="stop a variant's requests after this many seconds (at least 2 are made)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--refreshes", type=int, default=20, help="cases whose totals are refreshed and timed"
    )
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    # Stopped with kill: leave through the `finally` that drops the PostgreSQL database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(f"load average at the start: {os.getloadavg()}")
    results = []
    for database in args.databases:
        for children in args.children:
            results += run(database, children, args)
    print(f"load average at the end: {os.getloadavg()}")
    report(results, args.children)


def run(database: str, children: int, args) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        if database == "sqlite":
            url = f"sqlite:///{folder}/bench.sqlite"
            return measure(database, children, url, args)
        name = f"bench_dashboard_{children}"
        admin = postgres_admin(args.postgres)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = f"{args.postgres.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
            return measure(database, children, url, args)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


def postgres_admin(url: str):
    import psycopg

    return psycopg.connect(f"{url}/postgres", autocommit=True)


def measure(database: str, children: int, url: str, args) -> list[dict]:
    from flask_migrate import upgrade
    from sqlalchemy import select

    from conference import create_app
    from conference.extensions import db
    from conference.models import Pod, Team, User
    from conference.seeding.synthetic import manager_email, seed

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "SESSION_COOKIE_SECURE": False,
        }
    )
    print(f"\n{database}, {children:,} children")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        started = time.perf_counter()
        totals = seed(children, args.seed, password=PASSWORD, echo=print)
        seeding = time.perf_counter() - started
        print(f"  seeded {sum(totals.values()):,} rows in {seeding:.1f} s")
        refreshes = refresh_times(args.refreshes)
        print(
            f"  refreshing one case's totals: median {statistics.median(refreshes) * 1000:.0f} ms,"
            f" slowest {max(refreshes) * 1000:.0f} ms ({len(refreshes)} cases)"
        )
        manager = db.session.scalar(select(User).where(User.email == manager_email(1)))
        team_id = manager.team_id
        pod_id = db.session.scalar(select(Pod.id).where(Pod.team_id == team_id).limit(1))
        team_name = db.session.get(Team, team_id).name
        db.session.remove()
    client = app.test_client()
    sign_in(client, manager_email(1))
    year = date.today().year - 2
    variants = (
        ("All teams, last 12 months", {}),
        (f"One team ({team_name})", {"team": str(team_id)}),
        ("One pod", {"team": str(team_id), "pod": str(pod_id)}),
        (
            f"Date range (year {year})",
            {"start": ["1", "1", str(year)], "end": ["31", "12", str(year)]},
        ),
    )
    results = []
    for label, query in variants:
        times = [timed(client, query)]
        started = time.perf_counter()
        while len(times) <= args.requests:
            times.append(timed(client, query))
            if len(times) > 2 and time.perf_counter() - started > args.budget:
                break
        result = {
            "database": database,
            "children": children,
            "rows": sum(totals.values()),
            "seeding": seeding,
            "refresh": statistics.median(refreshes),
            "variant": label,
            "first": times[0],
            "median": statistics.median(times[1:]),
            "slowest": max(times[1:]),
            "requests": len(times) - 1,
        }
        print(
            f"  {label:32} first {result['first']:.3f} s, median {result['median']:.3f} s, "
            f"slowest {result['slowest']:.3f} s ({result['requests']} requests)"
        )
        results.append(result)
    with app.app_context():
        db.engine.dispose()
    return results


def refresh_times(cases: int) -> list[float]:
    """What keeping the dashboard's totals adds to a save: refreshing one case's totals and
    committing, for `cases` cases spread over the data (each with a finalised conference)."""
    from sqlalchemy import select

    from conference.extensions import db
    from conference.models import Conference
    from conference.services.dashboard import tallies

    case_ids = db.session.scalars(
        select(Conference.case_id).where(Conference.finalised_at.is_not(None)).distinct()
    ).all()
    step = max(1, len(case_ids) // cases)
    times = []
    for case_id in case_ids[::step][:cases]:
        started = time.perf_counter()
        tallies.refresh([case_id])
        db.session.commit()
        times.append(time.perf_counter() - started)
    return times


def sign_in(client, email: str) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    token = CSRF_PATTERN.search(page).group(1)
    response = client.post(
        "/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, f"sign-in failed: {response.status_code}"


def timed(client, query: dict) -> float:
    started = time.perf_counter()
    response = client.get(URL, query_string=query)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, f"{URL} {query}: {response.status_code}"
    assert "govuk-error-summary" not in response.get_data(as_text=True), f"filter refused: {query}"
    return elapsed


def report(results: list[dict], sizes: list[int]) -> None:
    print(
        "\n| Database | Children | Rows | Seeding | Refresh | Variant | First | Median | Slowest "
        "| Requests |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['database']} | {r['children']:,} | {r['rows']:,} | {r['seeding']:.0f} s | "
            f"{r['refresh'] * 1000:.0f} ms | "
            f"{r['variant']} | {r['first']:.3f} s | {r['median']:.3f} s | {r['slowest']:.3f} s | "
            f"{r['requests']} |"
        )
    if len(sizes) < 2:
        return
    small, large = min(sizes), max(sizes)
    print(f"\nRatio of the medians, {large:,} / {small:,} children:")
    by_key = {(r["database"], r["children"], r["variant"]): r for r in results}
    for r in results:
        if r["children"] != large:
            continue
        base = by_key.get((r["database"], small, r["variant"]))
        if base:
            print(f"  {r['database']:10} {r['variant']:32} {r['median'] / base['median']:.1f}")


if __name__ == "__main__":
    main()
