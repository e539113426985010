"""The deployment in deploy/, run on this machine and loaded through nginx: Debian's nginx (https,
the site file deploy/nginx/conference.conf) in front of two gunicorn app servers
(deploy/gunicorn.conf.py), the job worker (`flask work-jobs`, when the command exists),
PostgreSQL and Redis. bench/simulated_users.py's users work for 60 s, downloading both plans of
the finalised plan; /healthz is asked every 0.2 s throughout.

Afterwards it checks what only a deployment shows: that both app servers answered (their
access logs), that the audit trail holds the client's address and not the proxy's (nginx
connects to the app servers from 127.0.0.2, the client from 127.0.0.1), that nginx serves the
static files itself, and that one app server stopping loses no request. Everything it started is
stopped at the end, on Ctrl-C or an error too: the database made for the run is dropped and its
Redis database (number 5 unless --redis-db) flushed.

    .venv/bin/python bench/topology_bench.py            # 20 users, 60 s, a copy of bench5k
    .venv/bin/python bench/topology_bench.py --users 5 --seconds 10 --children 0
"""

import argparse
import hashlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
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

sys.path.insert(0, str(ROOT))
from deploy import local_nginx

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/"
TEMPLATE = "bench5k"  # the shared 5,000 children: copied, never written to
STOPPED_UPSTREAM = "(111: Connection refused) while connecting to upstream"
ACCESS_LINE = re.compile(r'"(GET|POST|HEAD) (\S+) HTTP')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--children", type=int, default=5000, help=f"5000: a copy of {TEMPLATE}; else seeded"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--redis-db", type=int, default=5)
    parser.add_argument(
        "--warm-up", type=int, default=0, help="seconds of the same load first, not measured"
    )
    parser.add_argument("--keep-logs", type=Path, help="copy every part's log to this folder")
    add_arrival_option(parser)
    args = parser.parse_args()
    # systemd or kill stops the bench like Ctrl-C: through the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with tempfile.TemporaryDirectory(prefix="topology-bench-") as folder, ExitStack() as stack:
        # nginx's workers (www-data) pass through to their own folder in it.
        Path(folder).chmod(0o711)
        if args.keep_logs:  # after every part has stopped (the clean-up runs first)
            stack.callback(shutil.copytree, folder, args.keep_logs, dirs_exist_ok=True)
        Topology(Path(folder), args, stack).measure()


class Topology:
    def __init__(self, folder: Path, args, stack: ExitStack):
        self.folder, self.args, self.stack = folder, args, stack
        self.database = f"deploy_topology_{os.getpid()}"
        self.env = {
            **os.environ,
            **ENVIRONMENT,
            "DATABASE_URL": POSTGRES + self.database,
            "FLASK_SECRET_KEY": secrets.token_hex(32),
            "FLASK_TRUSTED_PROXIES": "1",
        }
        self.processes = {}
        self.port, self.redirect_port, *app_ports = distinct_free_ports(4)
        self.app_ports = tuple(app_ports)
        self.base = f"https://{local_nginx.NAME}:{self.port}"

    def measure(self):
        install_nginx()
        print(f"Code: {code_measured()}; load average {os.getloadavg()}", flush=True)
        started = time.monotonic()
        seeded = self.make_database()
        print(f"Database ready in {time.monotonic() - started:.0f} s ({seeded})", flush=True)
        worker = self.start_worker()
        for n, port in enumerate(self.app_ports, 1):
            self.start_app_server(n, port)
        self.start_nginx()
        ids = read_ids(self.env)
        checks = [self.static_files_served_by_nginx(), self.plain_http_redirected()]
        verify = str(self.folder / "nginx" / "localhost.pem")
        documents = (FAMILY_PLAN, PROFESSIONAL_PLAN)
        arrive = self.args.arrive_over
        if self.args.warm_up:  # servers that have been running a while: nothing loads cold
            print(f"Warm-up: {self.args.warm_up} s, not measured", flush=True)
            run(self.base, ids, self.args.users, self.args.warm_up, documents, verify, arrive)
        print(f"Load: {self.args.users} users for {self.args.seconds} s", flush=True)
        results = run(self.base, ids, self.args.users, self.args.seconds, documents, verify, arrive)
        checks += [self.both_app_servers_answered(), self.audit_has_client_address()]
        checks.append(self.one_app_server_stopped())
        self.report(results, seeded, worker, checks)

    # The parts, each stopped at the end (ExitStack: the last started is stopped first).

    def make_database(self) -> str:
        psql = ["-h", "127.0.0.1", "-U", "postgres"]
        copy = self.args.children == 5000 and has_database(TEMPLATE)
        command = ["createdb", *psql, *(["-T", TEMPLATE] if copy else []), self.database]
        for _ in range(20):  # a copy waits until nobody else is connected to the template
            made = subprocess.run(command, capture_output=True, text=True)
            if made.returncode == 0 or "being accessed by other users" not in made.stderr:
                break
            time.sleep(5)
        if made.returncode != 0:
            raise RuntimeError(f"createdb failed: {made.stderr}")
        self.stack.callback(subprocess.run, ["dropdb", *psql, "--force", self.database])
        flask(self.env, "db", "upgrade")
        flask(self.env, "seed-demo")  # does nothing when the demo family is there already
        seeded = f"a copy of {TEMPLATE} (5,000 synthetic children) and the demo data"
        if not copy:
            seeded = "demo data only"
            if self.args.children:
                flask(self.env, "seed-synthetic", "--children", str(self.args.children))
                seeded = f"demo data and {self.args.children:,} synthetic children"
        add_users(self.env, self.args.users)
        return seeded

    def start_worker(self) -> str:
        if flask(self.env, "work-jobs", "--help", check=False).returncode != 0:
            return "no job worker (`flask work-jobs` does not exist yet): jobs run in the app"
        redis = ["redis-cli", "-h", "127.0.0.1", "-n", str(self.args.redis_db)]
        subprocess.run([*redis, "flushdb"], check=True, capture_output=True)
        self.stack.callback(subprocess.run, [*redis, "flushdb"], capture_output=True)
        url = f"redis://127.0.0.1:6379/{self.args.redis_db}"
        self.env["FLASK_JOB_QUEUE_URL"] = url
        self.start("worker", [str(VENV_BIN / "flask"), "--app", "wsgi", "work-jobs"])
        return f"one job worker on {url}"

    def start_app_server(self, n: int, port: int):
        command = [
            str(VENV_BIN / "gunicorn"),
            "--config",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(self.args.workers),
        ]
        server = self.start(f"app{n}", command)
        wait_until_up(f"http://127.0.0.1:{port}/healthz", server, f"app server {n}")

    def start_nginx(self):
        config = local_nginx.write_config(
            self.folder / "nginx", self.port, self.redirect_port, self.app_ports, "127.0.0.2"
        )
        checked = local_nginx.check_config(config)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx -t refused the configuration:\n{checked.stderr}")
        nginx = self.start("nginx", ["nginx", "-c", str(config)])
        verify = str(config.parent / "localhost.pem")
        wait_until_up(f"{self.base}/healthz", nginx, "nginx", verify=verify)

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "w")  # noqa: SIM115 (closed when it stops)
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.stack.callback(stop, process, log)
        self.processes[name] = (process, log)
        return process

    # What only the deployment shows.

    def static_files_served_by_nginx(self) -> str:
        verify = self.folder / "nginx" / "localhost.pem"
        response = requests.get(f"{self.base}/static/dist/app.mjs", verify=verify, timeout=30)
        asked_app = sum("/static/" in path for n in (1, 2) for path in self.requests_logged(n))
        ok = (
            response.status_code == 200
            and response.headers["Content-Type"].startswith("text/javascript")
            and response.headers.get("Cache-Control") == "no-cache"
            and "frame-ancestors 'none'" in response.headers.get("Content-Security-Policy", "")
            and asked_app == 0
        )
        return (
            f"{'OK' if ok else 'FAILED'}: /static/dist/app.mjs from nginx: "
            f"{response.status_code}, {response.headers.get('Content-Type')}, "
            f"Cache-Control {response.headers.get('Cache-Control')}; asked of the app servers "
            f"{asked_app} times"
        )

    def plain_http_redirected(self) -> str:
        address = f"http://127.0.0.1:{self.redirect_port}/cases/"
        response = requests.get(address, allow_redirects=False, timeout=30)
        ok = response.status_code == 301 and response.headers["Location"].startswith("https://")
        return f"{'OK' if ok else 'FAILED'}: plain http answered {response.status_code}"

    def both_app_servers_answered(self) -> str:
        counts = [len(self.requests_logged(n)) for n in (1, 2)]
        ok = all(count > sum(counts) / 4 for count in counts)
        return f"{'OK' if ok else 'FAILED'}: requests answered by each app server: {counts}"

    def requests_logged(self, n: int) -> list[str]:
        text = (self.folder / f"app{n}.log").read_text(errors="replace")
        return [match.group(2) for match in ACCESS_LINE.finditer(text)]

    def audit_has_client_address(self) -> str:
        found = psql_rows(
            self.database,
            "SELECT ip_address, count(*) FROM audit_event WHERE user_id IN"
            " (SELECT id FROM user_account WHERE email LIKE 'bench%@bench.example')"
            " GROUP BY ip_address",
        )
        ok = bool(found) and [address for address, _ in found] == ["127.0.0.1"]
        return f"{'OK' if ok else 'FAILED'}: the audit trail's addresses (rows): {found}"

    def one_app_server_stopped(self) -> str:
        """Stop app server 1, as a crash or an upgrade would: nginx sends everything to 2."""
        stop(*self.processes["app1"])
        verify = self.folder / "nginx" / "localhost.pem"
        codes = [
            requests.get(f"{self.base}/healthz", verify=verify, timeout=30).status_code
            for _ in range(20)
        ]
        ok = codes == [200] * 20
        return f"{'OK' if ok else 'FAILED'}: with app server 1 stopped, /healthz x 20: {codes}"

    def report(self, results, seeded, worker, checks):
        heading = (
            f"Through nginx: {self.args.users} users for {self.args.seconds} s; two app servers "
            f"of {self.args.workers} sync workers each; PostgreSQL, {seeded}; {worker}; "
            f"{self.args.warm_up} s of warm-up before; the users arriving over "
            f"{self.args.arrive_over:g} s"
        )
        report(results, heading)
        print("\nThe deployment:")
        for check in checks:
            print(f"- {check}")
        for name in ("app1", "app2", "worker", "nginx/error"):
            lines = (self.folder / f"{name}.log").read_text(errors="replace").splitlines()
            # nginx finding app server 1 stopped, at the end, is what the last check expects.
            lines = [line for line in lines if STOPPED_UPSTREAM not in line]
            if any(mark in line for line in lines for mark in ("Traceback", "[error]", "[emerg]")):
                print(f"\n{name} logged errors:\n" + "\n".join(lines[-40:]))
        print(f"\nLoad average at the end: {os.getloadavg()}")


def code_measured() -> str:
    """The commit, and what is changed beside it: others may be editing the tree meanwhile."""
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "log", "-1", "--format=%h"], capture_output=True, text=True)
    changed = subprocess.run([*git, "status", "--short"], capture_output=True, text=True)
    diff = subprocess.run([*git, "diff"], capture_output=True).stdout
    files = len(changed.stdout.splitlines())
    return (
        f"{commit.stdout.strip()} with {files} files changed or new "
        f"(git diff's sha1 {hashlib.sha1(diff).hexdigest()[:10]})"  # noqa: S324 (a fingerprint)
    )


def distinct_free_ports(n: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < n:
        ports.add(free_port())
    return list(ports)


def install_nginx():
    if shutil.which("nginx") is None:
        print("Installing nginx (apt-get install -y nginx)", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "nginx"], check=True)


def has_database(name: str) -> bool:
    return (name,) in psql_rows("postgres", "SELECT datname FROM pg_database")


def psql_rows(database: str, query: str) -> list[tuple[str, ...]]:
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-At", "-F", "\t", "-c", query, database],
        check=True,
        capture_output=True,
        text=True,
    )
    return [tuple(line.split("\t")) for line in done.stdout.splitlines()]


def wait_until_up(url: str, process: subprocess.Popen, name: str, verify=True):
    for _ in range(600):
        try:
            if requests.get(url, timeout=1, verify=verify).ok:
                return
        except requests.RequestException:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped as it started: see its log")
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not start in 60 seconds")


def stop(process: subprocess.Popen, log):
    """Stop a process this bench started (once: the clean-up may come again)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log.close()


if __name__ == "__main__":
    main()
