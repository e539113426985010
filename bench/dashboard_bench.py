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
- a date range: the 12 months of the year before last;

and, signed in as the synthetic service manager (who sees every case, so the most rows), the
children behind a figure (GET /dashboard/<figure>/children, a page of 50):

- initial conferences within 15 working days, all teams, the last 12 months;
- core groups held on time, last month, the late ones;
- children seen within timescale (judged today from the visits);
- children on a plan.

Each variant is requested once to warm up (timed and shown as "first"), then `--requests` more
times (fewer when they take more than `--budget` seconds together, but at least 2): the median
and the slowest are shown. At the end: a table, and the ratio of the median at
the largest size to the median at the smallest. Run from the project folder:

    .venv/bin/python bench/dashboard_bench.py                      # 5k and 50k, both databases
    .venv/bin/python bench/dashboard_bench.py --children 2000 --databases sqlite --requests 3

PostgreSQL is reached at --postgres (default postgresql://postgres@127.0.0.1), as a user that
may create databases.

`--existing NAME` measures a PostgreSQL database already seeded with synthetic data (such as
`bench50k`, 50,000 children) instead of seeding: it is never written to. The script copies it
(`CREATE DATABASE ... TEMPLATE NAME`, which needs nobody else connected to it for the moment of
the copy), gives the two users it signs in as this run's password in the copy, measures the
copy (signing in and viewing write audit rows; the refreshes write totals) and drops it:

    .venv/bin/python bench/dashboard_bench.py --existing bench50k
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
from datetime import date, timedelta
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
    parser.add_argument(
        "--existing", help="an existing PostgreSQL database of synthetic data, measured on a copy"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    # Stopped with kill: leave through the `finally` that drops the PostgreSQL database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(f"load average at the start: {os.getloadavg()}")
    results = []
    if args.existing:
        results = run_on_a_copy(args.existing, args)
        sizes = sorted({r["children"] for r in results})
    else:
        for database in args.databases:
            for children in args.children:
                results += run(database, children, args)
        sizes = args.children
    print(f"load average at the end: {os.getloadavg()}")
    report(results, sizes)


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


def run_on_a_copy(existing: str, args) -> list[dict]:
    """Measure a copy of the existing database `existing`, dropped at the end: the original is
    only read, by the copy."""
    name = f"bench_dashboard_copy_of_{existing}"
    admin = postgres_admin(args.postgres)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    started = time.perf_counter()
    copy_of(admin, existing, name)
    print(f"copied {existing} in {time.perf_counter() - started:.1f} s")
    try:
        url = f"{args.postgres.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
        return measure("postgresql", None, url, args)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def copy_of(admin, existing: str, name: str, tries: int = 90) -> None:
    """CREATE DATABASE name TEMPLATE existing, waiting while someone else is connected to it
    (PostgreSQL copies only a database nobody is using), up to 15 minutes."""
    import psycopg

    for _ in range(tries - 1):
        try:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{existing}"')
            return
        except psycopg.errors.ObjectInUse:
            print(f"  {existing} is in use: trying again in 10 s")
            time.sleep(10)
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{existing}"')


def postgres_admin(url: str):
    import psycopg

    return psycopg.connect(f"{url}/postgres", autocommit=True)


def measure(database: str, children: int | None, url: str, args) -> list[dict]:
    """Seed `children` (or, with None, use the synthetic data there) and time the pages."""
    from flask_migrate import upgrade
    from sqlalchemy import func, select, update
    from werkzeug.security import generate_password_hash

    from conference import create_app
    from conference.extensions import db
    from conference.models import Child, Pod, Team, User
    from conference.seeding.synthetic import manager_email, seed, texts

    service_manager = f"servicemanager@{texts.EMAIL_DOMAIN}"  # sees every case

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "SESSION_COOKIE_SECURE": False,
            "REQUIRE_SECOND_FACTOR": False,  # the synthetic users have none set up
        }
    )
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        if children is None:
            children = db.session.scalar(select(func.count()).select_from(Child)) or 0
            rows, seeding = _rows_in(db), None
            db.session.execute(
                update(User)
                .where(User.email.in_([manager_email(1), service_manager]))
                .values(password_hash=generate_password_hash(PASSWORD, method="scrypt"))
            )
            db.session.commit()
            print(f"\n{database}, {children:,} children (existing), {rows:,} rows")
        else:
            print(f"\n{database}, {children:,} children")
            started = time.perf_counter()
            rows = sum(seed(children, args.seed, password=PASSWORD, echo=print).values())
            seeding = time.perf_counter() - started
            print(f"  seeded {rows:,} rows in {seeding:.1f} s")
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
    whole_service = app.test_client()
    sign_in(whole_service, service_manager)
    year = date.today().year - 2
    last_month = (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    variants = (
        ("All teams, last 12 months", client, URL, {}),
        (f"One team ({team_name})", client, URL, {"team": str(team_id)}),
        ("One pod", client, URL, {"team": str(team_id), "pod": str(pod_id)}),
        (
            f"Date range (year {year})",
            client,
            URL,
            {"start": ["1", "1", str(year)], "end": ["31", "12", str(year)]},
        ),
        ("Children: ICPC, 12 months", whole_service, children_url("icpc-within-15-days"), {}),
        (
            f"Children: core groups late, {last_month}",
            whole_service,
            children_url("core-groups-on-time"),
            {"month": last_month, "outcome": "Late"},
        ),
        ("Children: seen in timescale", whole_service, children_url("seen-within-timescale"), {}),
        ("Children: on a plan", whole_service, children_url("on-plan"), {}),
    )
    results = []
    for label, who, url, query in variants:
        times = [timed(who, url, query)]
        started = time.perf_counter()
        while len(times) <= args.requests:
            times.append(timed(who, url, query))
            if len(times) > 2 and time.perf_counter() - started > args.budget:
                break
        result = {
            "database": database,
            "children": children,
            "rows": rows,
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


def children_url(figure: str) -> str:
    return f"{URL}{figure}/children"


def _rows_in(db) -> int:
    """About how many rows the tables hold: PostgreSQL's estimate from the last ANALYZE (the
    seeder runs one), which a copy keeps; counting 5 million rows would take a while."""
    from sqlalchemy import text

    estimate = text(
        "SELECT sum(reltuples) FROM pg_class "
        "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples > 0"
    )
    return int(db.session.scalar(estimate) or 0)


def timed(client, url: str, query: dict) -> float:
    started = time.perf_counter()
    response = client.get(url, query_string=query)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, f"{url} {query}: {response.status_code}"
    assert "govuk-error-summary" not in response.get_data(as_text=True), f"filter refused: {query}"
    return elapsed


def seeding(result: dict) -> str:
    return "existing" if result["seeding"] is None else f"{result['seeding']:.0f} s"


def report(results: list[dict], sizes: list[int]) -> None:
    print(
        "\n| Database | Children | Rows | Seeding | Refresh | Variant | First | Median | Slowest "
        "| Requests |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['database']} | {r['children']:,} | {r['rows']:,} | {seeding(r)} | "
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
