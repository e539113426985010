"""The family plan by the Word route and by the app's route, side by side in one run.

The Word route is what councils use today: the plan built as a .docx with python-docx
(`word_docx.py`, from the same context the app's template gets) and converted to PDF by a
LibreOffice listener kept warm (unoserver). The app's route is context, HTML (Jinja) and
WeasyPrint. Both start from the database record each time (the session is emptied before every
render, so the context's queries run again), on the demo family DEMO-0001's bilingual English
and Yoruba plan, seeded on a new SQLite database in a temporary folder.

Each round makes the plan once by each route, in turn, so that other work on the machine weighs
on all alike; the figures are the medians. The app's route is timed twice: laid out in this
process, and as the app makes it, in a render child within PDF_TIME_LIMIT_SECONDS
(conference/pdf/render.py). Everything (this process, the render children, unoserver and
LibreOffice) is pinned to one CPU core unless --all-cores. The CPU column, which other work on a
shared machine disturbs less than the clock, is this process's processor time plus, for the Word
route, unoserver's and LibreOffice's (read from /proc); a render child's is not counted.

    .venv/bin/pip install -r bench/requirements.txt     # python-docx and unoserver
    apt-get install libreoffice-writer-nogui python3-uno # LibreOffice and its Python bridge
    .venv/bin/python bench/word_route.py                 # 15 rounds
    .venv/bin/python bench/word_route.py --rounds 5 --keep /tmp/out   # and keep the files

unoserver's listener must run with the Python that has LibreOffice's `uno` module (Debian's
/usr/bin/python3, `--uno-python` to change it); the script starts it, with only the unoserver
package added to that Python's path, and stops it at the end.
"""

import argparse
import importlib.util
import io
import logging
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

START_LOAD = os.getloadavg()
ROUTES = ("Word route (python-docx + unoserver)", "App, in the process", "App, in a render child")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="renders by each route")
    parser.add_argument("--all-cores", action="store_true", help="do not pin to one core")
    parser.add_argument("--uno-python", default="/usr/bin/python3", help="Python with `uno`")
    parser.add_argument("--keep", type=Path, help="write the .docx and both PDFs here")
    parser.add_argument(
        "--plain-pdf", action="store_true", help="LibreOffice's default PDF, not PDF/UA (tagged)"
    )
    args = parser.parse_args()
    missing = missing_tools(args.uno_python)
    if missing:
        print("The Word route cannot be measured on this machine:", file=sys.stderr)
        for line in missing:
            print(f"  - {line}", file=sys.stderr)
        sys.exit(2)
    if not args.all_cores:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # children inherit it
    logging.disable(logging.WARNING)
    with listener(args.uno_python) as (args.port, group):
        rows = compare(group, args)
    print_report(rows, args)


def missing_tools(uno_python: str) -> list[str]:
    """What the Word route needs and this machine lacks, each with how to get it."""
    missing = []
    if shutil.which("soffice") is None:
        missing.append("LibreOffice: apt-get install libreoffice-writer-nogui")
    has_uno = Path(uno_python).exists() and (
        subprocess.run([uno_python, "-c", "import uno"], capture_output=True).returncode == 0
    )
    if not has_uno:
        missing.append(f"{uno_python} cannot import uno: apt-get install python3-uno")
    for module, package in (("docx", "python-docx"), ("unoserver", "unoserver")):
        if importlib.util.find_spec(module) is None:
            missing.append(f"{package}: .venv/bin/pip install -r bench/requirements.txt")
    return missing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def listener(uno_python: str):
    """A unoserver listener (and its LibreOffice) for the run, started warm, always stopped."""
    import unoserver
    from unoserver.client import UnoClient

    folder = Path(tempfile.mkdtemp(prefix="word-route-"))
    # Only unoserver (and its metadata) on the other Python's path, not the whole venv.
    package = Path(unoserver.__file__).parent
    (folder / "path").mkdir()
    (folder / "path" / "unoserver").symlink_to(package)
    for info in package.parent.glob("unoserver-*.dist-info"):
        (folder / "path" / info.name).symlink_to(info)
    port, uno_port = free_port(), free_port()
    command = [uno_python, "-m", "unoserver.server", "--port", str(port)]
    command += ["--uno-port", str(uno_port), "--quiet"]
    command += ["--user-installation", str(folder / "profile")]
    server = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(folder / "path")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_ready(UnoClient(port=str(port)), server)
        yield port, server.pid  # the session's leader: its id is the group's
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def stop(server) -> None:
    """unoserver stops its LibreOffice on SIGTERM; what is left after 20 s is killed."""
    server.terminate()
    with suppress(subprocess.TimeoutExpired):
        server.wait(20)
    with suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # its session: LibreOffice too
    server.wait()


def wait_until_ready(client, server, seconds: float = 120) -> None:
    """Until the listener answers a conversion (LibreOffice's first start takes seconds)."""
    from docx import Document

    probe = io.BytesIO()
    Document().save(probe)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("unoserver stopped while starting: run it by hand to see why")
        try:
            client.convert(indata=probe.getvalue(), convert_to="pdf")
            return
        except (ConnectionError, OSError):
            time.sleep(0.5)
    sys.exit(f"unoserver did not answer within {seconds} s")


def session_cpu(group: int) -> float:
    """Processor seconds used so far by the processes of a session (unoserver, LibreOffice)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group:  # pgrp; utime and stime follow
                ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def compare(listener_group: int, args) -> list[dict]:
    from flask_migrate import upgrade
    from pypdf import PdfReader
    from unoserver.client import UnoClient

    from conference import create_app
    from conference.extensions import db
    from conference.models import Case, Plan
    from conference.seeding import demo

    folder = tempfile.mkdtemp(prefix="word-route-db-")
    url = f"sqlite:///{folder}/bench.sqlite"
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    client = UnoClient(port=str(args.port))
    options = [] if args.plain_pdf else ["PDFUACompliance=true"]
    with app.app_context():
        upgrade()
        demo.seed("bench password for the demo")
        db.session.commit()
        case = db.session.scalar(db.select(Case).where(Case.reference == "DEMO-0001"))
        plan_id = db.session.scalar(db.select(Plan.id).where(Plan.case_id == case.id))
        makers = makers_for(app, client, options)

        def from_the_record(make):
            db.session.remove()  # nothing loaded: the context reads the record again
            return make(db.session.get(Plan, plan_id))

        outputs = [from_the_record(make) for make in makers]  # warm-up, not timed
        times: list[list[float]] = [[] for _ in makers]
        cpu: list[list[float]] = [[] for _ in makers]
        for _ in range(args.rounds):
            for index, make in enumerate(makers):
                listener_cpu = session_cpu(listener_group)
                started, started_cpu = time.perf_counter(), time.process_time()
                from_the_record(make)
                times[index].append(time.perf_counter() - started)
                used = time.process_time() - started_cpu
                cpu[index].append(used + session_cpu(listener_group) - listener_cpu)
        db.session.remove()
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    if args.keep:
        keep(args.keep, outputs)
    return [
        {
            "label": label,
            "pages": len(PdfReader(io.BytesIO(output[-1])).pages),
            "kb": len(output[-1]) // 1024,
            "median": statistics.median(timed),
            "fastest": min(timed),
            "slowest": max(timed),
            "cpu": statistics.median(used),
        }
        for label, output, timed, used in zip(ROUTES, outputs, times, cpu, strict=True)
    ]


def makers_for(app, client, options):
    """The three ways to make the plan, each from a Plan to (its files..., the PDF)."""
    from word_docx import family_plan_docx

    from conference.pdf import family_plan
    from conference.pdf.render import render_pdf

    weeks = app.config["CORE_GROUP_INTERVAL_WEEKS"]
    limit = app.config["PDF_TIME_LIMIT_SECONDS"]

    def context(plan):
        return family_plan.family_plan_context(plan, core_group_interval_weeks=weeks)

    def word(plan):
        docx = family_plan_docx(context(plan))
        return docx, client.convert(indata=docx, convert_to="pdf", filter_options=options)

    def app_here(plan):
        return (render_pdf(family_plan.TEMPLATE, **context(plan)),)

    def app_child(plan):
        return (render_pdf(family_plan.TEMPLATE, time_limit=limit, **context(plan)),)

    return word, app_here, app_child


def keep(folder: Path, outputs) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (docx, word_pdf), (app_pdf,), _child = outputs
    (folder / "family-plan.docx").write_bytes(docx)
    (folder / "family-plan-word.pdf").write_bytes(word_pdf)
    (folder / "family-plan-app.pdf").write_bytes(app_pdf)


def print_report(rows: list[dict], args) -> None:
    import weasyprint

    pdf = "LibreOffice's default PDF" if args.plain_pdf else "PDF/UA (PDFUACompliance=true)"
    print(f"The bilingual family plan (DEMO-0001), from the record: median of {args.rounds}")
    print(f"rounds, each route once a round in turn. Word route's PDF: {pdf}.")
    print()
    print("| Route | Pages | Size | Median | Fastest | Slowest | CPU median |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        cpu = f"{row['cpu']:.3f} s" if row["label"] != ROUTES[2] else "not measured"
        print(
            f"| {row['label']} | {row['pages']} | {row['kb']} KB | **{row['median']:.3f} s** "
            f"| {row['fastest']:.3f} s | {row['slowest']:.3f} s | {cpu} |"
        )
    print()
    cores = len(os.sched_getaffinity(0))
    soffice = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout
    print(
        f"{os.cpu_count()} cores (nproc), {cores} used by this run; Python {sys.version.split()[0]}"
    )
    print(f"WeasyPrint {weasyprint.__version__}; {soffice.strip()}")
    print(
        f"Load average at the start: {', '.join(f'{n:.2f}' for n in START_LOAD)}; "
        f"at the end: {', '.join(f'{n:.2f}' for n in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
