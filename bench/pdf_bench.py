"""How long the printed documents take to make, and how much memory they use.

Builds the app on a new SQLite database in a temporary folder, seeds the demo family
(DEMO-0001), then for the family plan and the professional plan measures:

- warm: the median and slowest of 20 renders in this process, after one render to warm up
  (fonts, templates and Python code already loaded: what a long-running server sees);
- memory: the peak Python allocation during one render (tracemalloc) and the process's peak
  resident size after all renders (getrusage maxrss);
- cold: a new Python process that imports the app and renders once (`python -c`), timed around
  `subprocess.run`: what a one-off command (print-plan) costs.

By default the process (and the cold processes it starts) is pinned to one CPU core, so the
figures are for one core. Run from the project folder:

    .venv/bin/python bench/pdf_bench.py            # 20 warm renders, 3 cold runs, one core
    .venv/bin/python bench/pdf_bench.py --renders 5 --cold 1 --all-cores
    .venv/bin/python bench/pdf_bench.py --collector-on   # without the collector pause
    .venv/bin/python bench/pdf_bench.py --child-overhead 20   # the time limit's render child

Documents are made as the app makes them: in a child process, within PDF_TIME_LIMIT_SECONDS
(conference/pdf/render.py). `--child-overhead N` measures what that costs instead: N renders of
each document laid out in the process and N in a render child, alternately, so that other work
on the machine weighs on both alike.
"""

import argparse
import contextlib
import io
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLD_SCRIPT = """
import logging, sys
logging.disable(logging.WARNING)
from conference import create_app
from conference.extensions import db
from conference.models import Plan
from conference.pdf import documents
app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": sys.argv[1]})
with app.app_context():
    plan = db.session.get(Plan, int(sys.argv[2]))
    pdf = getattr(documents, sys.argv[3])(plan)
    assert pdf.startswith(b"%PDF")
"""

DOCUMENTS = (
    ("Family plan (bilingual)", "family_plan_pdf"),
    ("Professional plan", "professional_plan_pdf"),
)


START_LOAD = os.getloadavg()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=20, help="warm renders per document")
    parser.add_argument("--cold", type=int, default=3, help="cold runs per document")
    parser.add_argument("--all-cores", action="store_true", help="do not pin to one core")
    parser.add_argument(
        "--collector-on",
        action="store_true",
        help="leave the garbage collector on during renders (to compare with the pause)",
    )
    parser.add_argument(
        "--child-overhead",
        type=int,
        default=0,
        metavar="N",
        help="compare N renders in the process with N in a render child, and stop",
    )
    args = parser.parse_args()
    if not args.all_cores:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    logging.disable(logging.WARNING)  # migrations and WeasyPrint's notes, not the figures

    from flask_migrate import upgrade

    from conference import create_app
    from conference.extensions import db
    from conference.models import Case, Plan
    from conference.pdf import documents, render
    from conference.seeding import demo

    if args.collector_on:
        render.collector_paused = contextlib.nullcontext
    folder = tempfile.mkdtemp(prefix="pdf-bench-")
    url = f"sqlite:///{folder}/bench.sqlite"
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        demo.seed("bench password for the demo")
        case = db.session.scalar(db.select(Case).where(Case.reference == "DEMO-0001"))
        plan = db.session.scalar(db.select(Plan).where(Plan.case_id == case.id))
        if args.child_overhead:
            overheads = [
                child_overhead(app, label, getattr(documents, name), plan, args.child_overhead)
                for label, name in DOCUMENTS
            ]
            print_overheads(overheads, args.child_overhead)
            return
        rows = [
            measure(label, getattr(documents, name), plan, name, url, args)
            for label, name in DOCUMENTS
        ]
    print_report(rows, args)


def child_overhead(app, label, render, plan, renders: int) -> dict:
    """Median wall-clock time of a render in this process and in a render child, alternated."""
    limit = app.config["PDF_TIME_LIMIT_SECONDS"]
    pages = len(PdfReader(io.BytesIO(render(plan))).pages)  # starts the fork server: not timed
    times: dict = {None: [], limit: []}
    for _ in range(renders):
        for where in times:
            app.config["PDF_TIME_LIMIT_SECONDS"] = where
            started = time.perf_counter()
            render(plan)
            times[where].append(time.perf_counter() - started)
    app.config["PDF_TIME_LIMIT_SECONDS"] = limit
    here, child = statistics.median(times[None]), statistics.median(times[limit])
    return {"label": label, "pages": pages, "here": here, "child": child}


def print_overheads(rows: list[dict], renders: int) -> None:
    print(f"Median of {renders} renders each, alternated.")
    print()
    print("| Document | Pages | In the process | In a render child | Overhead |")
    print("|---|---|---|---|---|")
    for row in rows:
        extra = row["child"] - row["here"]
        print(
            f"| {row['label']} | {row['pages']} | {row['here']:.3f} s | {row['child']:.3f} s "
            f"| {extra * 1000:+.0f} ms ({extra / row['here']:+.0%}) |"
        )
    print()
    for line in machine():
        print(line)


def measure(label, render, plan, name, url, args) -> dict:
    first = render(plan)
    pages = len(PdfReader(io.BytesIO(first)).pages)
    times, cpu = [], []
    for _ in range(args.renders):
        started, started_cpu = time.perf_counter(), time.process_time()
        render(plan)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    tracemalloc.start()
    render(plan)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    cold = []
    for _ in range(args.cold):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT, url, str(plan.id), name],
            cwd=ROOT,
            check=True,
        )
        cold.append(time.perf_counter() - started)
    return {
        "label": label,
        "pages": pages,
        "kb": len(first) // 1024,
        "median": statistics.median(times),
        "slowest": max(times),
        "cpu": statistics.median(cpu),
        "peak_mb": peak / 2**20,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cold": statistics.median(cold) if cold else None,
    }


def machine() -> list[str]:
    import weasyprint

    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    from weasyprint.text.ffi import harfbuzz_subset

    return [
        f"CPU: {model}, {os.cpu_count()} cores (nproc), "
        f"{len(os.sched_getaffinity(0))} used by this run",
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
        f"HarfBuzz subsetting: {'yes' if harfbuzz_subset else 'no (fontTools fallback)'}",
        f"Load average at the start: {', '.join(f'{n:.2f}' for n in START_LOAD)}; "
        f"at the end: {', '.join(f'{n:.2f}' for n in os.getloadavg())}",
    ]


def print_report(rows: list[dict], args) -> None:
    print(f"Warm: median and slowest of {args.renders} renders; cold: median of {args.cold}.")
    collector = "on (--collector-on)" if args.collector_on else "paused during each render"
    print(f"Garbage collector in the warm renders: {collector}.")
    print()
    print(
        "| Document | Pages | Size | Warm median | Warm slowest | Warm CPU median "
        "| Cold (new process) | Peak Python memory | Process peak RSS |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        cold = f"{row['cold']:.2f} s" if row["cold"] is not None else "not run"
        print(
            f"| {row['label']} | {row['pages']} | {row['kb']} KB | {row['median']:.3f} s "
            f"| {row['slowest']:.3f} s | {row['cpu']:.3f} s | {cold} | {row['peak_mb']:.0f} MB "
            f"| {row['maxrss_mb']:.0f} MB |"
        )
    print()
    for line in machine():
        print(line)


if __name__ == "__main__":
    main()
