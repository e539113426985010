"""Load benchmark: gunicorn with 2 workers, and simulated users signing in, opening the case list,
a case, a conference's map, changing a map item and downloading the family plan PDF, in a loop
with short think times; one more thread asks /healthz throughout, as the floor.

The database is a new SQLite file in a temporary folder: migrated, seeded with the demo data and
(if the `seed-synthetic` command exists) synthetic children. Each simulated user is a chair with
an account of their own, and changes a map item of their own on DEMO-0001's draft review
conference, so conflicts are not expected; a 409 or a conflict page is counted separately. The
users' loop is bench/simulated_users.py, shared with bench/topology_bench.py.

    .venv/bin/python bench/load_bench.py                       # 20 users, 60 s
    .venv/bin/python bench/load_bench.py --users 5 --seconds 10 --children 0
    .venv/bin/python bench/load_bench.py --both-plans    # the professional plan too, as topology
"""

import argparse
import os
import secrets
import subprocess
import tempfile
import time
from pathlib import Path

import requests
from simulated_users import (
    ENVIRONMENT,
    FAMILY_PLAN,
    PROFESSIONAL_PLAN,
    ROOT,
    VENV_BIN,
    add_arrival_option,
    add_users,
    flask,
    free_port,
    read_ids,
    report,
    run,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--children", type=int, default=5000, help="synthetic children, if any")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument(
        "--both-plans", action="store_true", help="the professional plan too, in each loop"
    )
    add_arrival_option(parser)
    args = parser.parse_args()
    documents = (FAMILY_PLAN, PROFESSIONAL_PLAN) if args.both_plans else (FAMILY_PLAN,)

    with tempfile.TemporaryDirectory(prefix="load-bench-") as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite",
            "FLASK_SECRET_KEY": secrets.token_hex(32),
            # Plain http on 127.0.0.1: a Secure cookie would never be sent back.
            "FLASK_SESSION_COOKIE_SECURE": "false",
            **ENVIRONMENT,
        }
        started = time.monotonic()
        synthetic = prepare(env, args.users, args.children)
        print(f"Database ready in {time.monotonic() - started:.0f} s ({synthetic})", flush=True)
        ids = read_ids(env)
        port = free_port()
        server = start_server(env, port, args, Path(folder) / "gunicorn.log")
        try:
            base = f"http://127.0.0.1:{port}"
            results = run(
                base, ids, args.users, args.seconds, documents, arrive_over=args.arrive_over
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
        heading = (
            f"{args.users} users for {args.seconds} s, {args.workers} gunicorn workers "
            f"x {args.threads} threads, {synthetic}, the users arriving over {args.arrive_over:g} s"
        )
        report(results, heading)
        errors = Path(folder, "gunicorn.log").read_text()
        if "Traceback" in errors:
            print("\nThe server logged errors:\n" + errors[-3000:])


def prepare(env, users: int, children: int) -> str:
    """Migrate, seed, and add the simulated users and their map items. Says what was seeded."""
    flask(env, "db", "upgrade")
    flask(env, "seed-demo")
    seeded = "demo data only"
    if children and "seed-synthetic" in flask(env, "--help").stdout:
        flask(env, "seed-synthetic", "--children", str(children))
        seeded = f"demo data and {children:,} synthetic children"
    add_users(env, users)
    return seeded


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


if __name__ == "__main__":
    main()
