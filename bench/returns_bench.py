"""How long the statutory returns take to make from large synthetic data, on PostgreSQL: the
Children in Need census (`cin_census`, this census year and the year before) and Ofsted's
Annex A (`annex_a`, today).

For each size (5,000 and 50,000 children by default) the script creates a PostgreSQL database
`bench_returns_<children>` (dropped at the end), builds the tables with the migrations and
seeds the synthetic data (`conference.seeding.synthetic.seed`, timed). Each return is then made
in a new Python process of its own, so that the peak memory it reports (the process's maximum
resident set) is the return's: twice, "first" (the database's cache as the seeding left it)
and "again"; the wall-clock time and the process's CPU time (the database server's own work is
in the wall-clock time only) of each, and the children in the return. At the end: a table, and
for each return the ratio of its time at the largest size to its time at the smallest. Run
from the project folder:

    .venv/bin/python bench/returns_bench.py                        # 5k and 50k, seeded
    .venv/bin/python bench/returns_bench.py --children 5000 --existing bench50k

`--existing NAME` measures, besides, a PostgreSQL database already seeded with synthetic data
(such as `bench50k`, 50,000 children): making a return only reads, so it is used as it is.
PostgreSQL is reached at --postgres (default postgresql://postgres@127.0.0.1), as a user that
may create databases. The machine's load average is printed at the start and the end: other
work on the machine slows the wall-clock times.
"""

import argparse
import json
import logging
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RETURNS = ("census this year", "census last year", "annex a")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, nargs="*", default=[5000, 50000])
    parser.add_argument("--existing", nargs="*", default=[], help="seeded databases to measure")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--returns", nargs="+", choices=RETURNS, default=list(RETURNS))
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1")
    parser.add_argument(
        "--again", type=int, default=1, help="times to make each return after the first"
    )
    parser.add_argument(
        "--one", nargs=3, metavar=("URL", "RETURN", "AGAIN"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    if args.one:
        url, name, again = args.one
        print(json.dumps(make_one(url, name, int(again))))
        return
    # Stopped with kill: leave through the `finally` that drops the database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(f"load average at the start: {os.getloadavg()}")
    results = []
    for children in args.children:
        results += seeded(children, args)
    for name in args.existing:
        results += measure(url_of(args.postgres, name), None, None, args)
    print(f"load average at the end: {os.getloadavg()}")
    report(results)


def url_of(postgres: str, name: str) -> str:
    if "://" in name:
        return name
    return f"{postgres.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"


def seeded(children: int, args) -> list[dict]:
    """Seed `children` into a new database, measure the returns, drop the database."""
    import psycopg

    name = f"bench_returns_{children}"
    admin = psycopg.connect(f"{args.postgres}/postgres", autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = url_of(args.postgres, name)
        started = time.perf_counter()
        rows = seed(url, children, args.seed)
        seeding = time.perf_counter() - started
        print(f"\n{children:,} children: seeded {rows:,} rows in {seeding:.0f} s")
        return measure(url, children, seeding, args)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def seed(url: str, children: int, seed_value: int) -> int:
    from flask_migrate import upgrade

    from conference.extensions import db
    from conference.seeding.synthetic import seed

    app = make_app(url)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        rows = sum(seed(children, seed_value).values())
        db.engine.dispose()
    return rows


def make_app(url: str):
    from conference import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})


def measure(url: str, children: int | None, seeding: float | None, args) -> list[dict]:
    """Each return, made in a process of its own."""
    results = []
    for name in args.returns:
        found = subprocess.run(
            [sys.executable, __file__, "--one", url, name, str(args.again)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        result = json.loads(found.stdout.strip().splitlines()[-1])
        result.update(seeding=seeding, database=url.rsplit("/", 1)[-1], **{"return": name})
        children = children or result["children in the database"]
        result["children"] = children
        print(
            f"  {children:,} children, {name}: {result['in the return']:,} in the return, "
            f"first {result['first']:.2f} s, again {result['again']:.2f} s (median) "
            f"(CPU {result['cpu again']:.2f} s; each: {result['again runs']}), "
            f"peak {result['peak MB']:.0f} MB"
        )
        results.append(result)
    return results


def make_one(url: str, name: str, again: int = 1) -> dict:
    """Make one return in this process, then `again` times more; the first time, the median
    of the others (the machine's other work makes single runs vary by a third here), and this
    process's peak memory."""
    from sqlalchemy import func, select

    from conference.extensions import db
    from conference.models import Child
    from conference.returns.views import census_year_of
    from conference.services.returns.annex_a import annex_a
    from conference.services.returns.cin import cin_census

    today = date.today()
    year = census_year_of(today) - (name == "census last year")
    make = {
        "census this year": lambda: cin_census(year, "999", datetime.now(UTC)),
        "census last year": lambda: cin_census(year, "999", datetime.now(UTC)),
        "annex a": lambda: annex_a(today),
    }[name]
    app = make_app(url)
    result = {"before MB": peak_memory()}
    with app.app_context():
        result["children in the database"] = db.session.scalar(
            select(func.count()).select_from(Child)
        )
        db.session.remove()
        runs = []
        for _ in range(1 + again):
            wall, cpu = time.perf_counter(), time.process_time()
            made = make()
            runs.append((time.perf_counter() - wall, time.process_time() - cpu))
            result["in the return"] = made.children
            del made
            db.session.remove()
        db.engine.dispose()
    result["first"], result["cpu first"] = runs[0]
    result["again"] = statistics.median(wall for wall, _ in runs[1:])
    result["cpu again"] = statistics.median(cpu for _, cpu in runs[1:])
    result["again runs"] = [round(wall, 2) for wall, _ in runs[1:]]
    result["peak MB"] = peak_memory()
    return result


def peak_memory() -> float:
    """This process's peak resident memory in MB: Linux's VmHWM, as getrusage's maximum would
    count the parent's memory from before the process was started."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def report(results: list[dict]) -> None:
    print(
        "\n| Children | Return | In the return | First (s) | Again (s) | CPU again (s) "
        "| Peak memory (MB) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['children']:,} | {r['return']} | {r['in the return']:,} "
            f"| {r['first']:.2f} | {r['again']:.2f} | {r['cpu again']:.2f} "
            f"| {r['peak MB']:.0f} ({r['before MB']:.0f} before) |"
        )
    sizes = sorted({r["children"] for r in results})
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for name in {r["return"] for r in results}:
            found = {r["children"]: r for r in results if r["return"] == name}
            if small in found and large in found:
                print(_scaling(name, found[small], found[large]))
    seeding = {r["children"]: r["seeding"] for r in results if r["seeding"] is not None}
    for children, seconds in seeding.items():
        print(f"seeding {children:,} children took {seconds:.0f} s")


def _scaling(name: str, small: dict, large: dict) -> str:
    """How the time grows with the children: the medians, the fastest runs (the least
    disturbed by the machine's other work), and the children in the returns themselves."""
    fastest = min(large["again runs"]) / min(small["again runs"])
    return (
        f"{name}: {large['children'] / small['children']:.0f} times the children in "
        f"{large['again'] / small['again']:.1f} times the time (median; fastest runs "
        f"{fastest:.1f}); the returns hold "
        f"{large['in the return'] / small['in the return']:.1f} times the children"
    )


if __name__ == "__main__":
    main()
