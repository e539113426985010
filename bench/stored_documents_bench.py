"""How long a download of a finalised record's document takes once it is kept (issue 22), beside
laying it out at each download as before: the family plan (bilingual, 6 pages) and the
professional plan of the demo family (DEMO-0001), downloaded by its chair through the app's own
route (sign-in session, access check, audit row and commit included), on a new database in a
temporary folder (SQLite, or PostgreSQL with --postgres).

For each document: "laid out" is a download with the kept copy deleted first (what every
download cost before), "kept" a download of the kept copy; the two alternate, `--downloads`
of each, and the medians, the 95th percentiles and the fastest are reported. One core.

    .venv/bin/python bench/stored_documents_bench.py
    .venv/bin/python bench/stored_documents_bench.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/bench_kept
"""

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PASSWORD = "bench password for the demo"  # noqa: S105 (the demo's, in a temporary database)
DOCUMENTS = (("Family plan (bilingual)", "family-plan"), ("Professional plan", "professional-plan"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--downloads", type=int, default=15)
    parser.add_argument("--postgres", help="an empty PostgreSQL database's URL (else SQLite)")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    logging.disable(logging.WARNING)
    from flask_migrate import upgrade
    from helpers import Client, sign_in
    from sqlalchemy import delete, select

    from conference import create_app
    from conference.extensions import db
    from conference.models import Case, Plan, StoredFile
    from conference.seeding import demo

    url = args.postgres or f"sqlite:///{tempfile.mkdtemp(prefix='kept-bench-')}/bench.sqlite"
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "SESSION_COOKIE_SECURE": False,
            "REQUIRE_SECOND_FACTOR": False,
            "JOB_QUEUE_URL": "at-once",
            "DOCUMENTS_MADE_AHEAD": False,
        }
    )
    with app.app_context():
        upgrade()
        demo.seed(PASSWORD)
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        plan = db.session.scalar(
            select(Plan).where(Plan.case_id == case.id, Plan.finalised_at.is_not(None))
        )
        plan_id = plan.id
    client = Client(app.test_client())
    assert sign_in(client, "chair@demo.example", PASSWORD).status_code == 302
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"load average at the start: {os.getloadavg()}; {database}")
    print("| Document | Laid out: median | 95th | Kept: median | 95th | fastest | Size |")
    print("|---|---|---|---|---|---|---|")
    for label, route in DOCUMENTS:
        path = f"/plans/{plan_id}/{route}.pdf"
        laid_out, kept = [], []
        size = 0
        for _ in range(args.downloads):
            with app.app_context():
                db.session.execute(
                    delete(StoredFile).where(StoredFile.media_type == "application/pdf")
                )
                db.session.commit()
            laid_out.append(_timed(client, path))
            seconds, size = _timed(client, path, size=True)
            kept.append(seconds)
        print(
            f"| {label} | {statistics.median(laid_out):.3f} s | {_p95(laid_out):.3f} s "
            f"| {statistics.median(kept) * 1000:.1f} ms | {_p95(kept) * 1000:.1f} ms "
            f"| {min(kept) * 1000:.1f} ms | {size // 1024} KB |"
        )
    print(f"load average at the end: {os.getloadavg()}")


def _timed(client, path, size=False):
    started = time.perf_counter()
    response = client.get(path)
    seconds = time.perf_counter() - started
    assert response.status_code == 200 and response.data.startswith(b"%PDF"), response.status
    return (seconds, len(response.data)) if size else seconds


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


if __name__ == "__main__":
    main()
