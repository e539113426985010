"""The deployment in deploy/ holds together: Debian's nginx accepts the site file, gunicorn reads
its settings, systemd accepts the units, and each agrees with the app's own settings. nginx,
openssl and systemd-analyze come from the Makefile's TEST_SYSTEM_PACKAGES (`make test`)."""

import re
import runpy
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from flask import Flask

from conference import config
from conference.common.security import CONTENT_SECURITY_POLICY
from deploy import local_nginx

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SITE = (DEPLOY / "nginx" / "conference.conf").read_text()
UNITS = sorted((DEPLOY / "systemd").iterdir())
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def needs(program: str) -> None:
    if shutil.which(program) is None:
        pytest.fail(f"{program} is not installed: `make test-system-packages` installs it")


def directive(name: str, text: str = SITE) -> list[str]:
    return re.findall(rf"^\s*{name} (.+);$", text, flags=re.MULTILINE)


def test_debian_nginx_accepts_the_site_file(tmp_path):
    needs("nginx")
    needs("openssl")
    main = local_nginx.write_config(tmp_path / "nginx", 8443, 8080, (8001, 8002), "127.0.0.2")

    checked = local_nginx.check_config(main)

    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr
    site = (tmp_path / "nginx" / "conference.conf").read_text()
    assert directive("alias", site) == [f"{ROOT}/static/", f"{ROOT}/deploy/nginx/errors/"]
    assert directive("server", site) == ["127.0.0.1:8001", "127.0.0.1:8002"]


def test_nginx_shows_its_own_pages_and_refuses_other_names(tmp_path):
    """With no app server running: the "unavailable" page; a body over the limit: "too big";
    the error pages' folder cannot be asked for; and a request by address gets no certificate."""
    needs("nginx")
    port, redirect_port, *app_ports = free_ports(4)
    main = local_nginx.write_config(tmp_path / "nginx", port, redirect_port, tuple(app_ports))
    nginx = subprocess.Popen(["nginx", "-c", str(main)], stderr=subprocess.DEVNULL)
    base, verify = f"https://localhost:{port}", str(tmp_path / "nginx" / "localhost.pem")
    try:
        wait_for(port)
        down = requests.get(f"{base}/cases/", verify=verify, timeout=10)
        too_big = requests.post(f"{base}/cases/", data=b"x" * (7 << 20), verify=verify, timeout=30)
        hidden = requests.get(f"{base}/proxy-errors/unavailable.html", verify=verify, timeout=10)
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(f"https://127.0.0.1:{port}/", verify=False, timeout=10)  # noqa: S501
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)

    assert down.status_code == 502
    assert "Sorry, the service is unavailable" in down.text
    assert too_big.status_code == 413
    assert "The file is too big" in too_big.text
    assert hidden.status_code == 404


def free_ports(n: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < n:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.add(probe.getsockname()[1])
    return list(ports)


def wait_for(port: int) -> None:
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail("nginx did not start")


def test_a_site_file_the_local_copy_no_longer_fits_is_refused():
    with pytest.raises(ValueError, match="no longer has 'listen 443 '"):
        local_nginx.local_site("server {\n    listen 8443 ssl;\n}\n", [("listen 443 ", "x")])


def test_nginx_refuses_only_what_the_app_would_refuse():
    (size,) = directive("client_max_body_size")
    assert size == f"{config.MAX_CONTENT_LENGTH // (1024 * 1024)}m"
    assert config.MAX_CONTENT_LENGTH % (1024 * 1024) == 0
    too_large = (DEPLOY / "nginx" / "errors" / "too-large.html").read_text()
    assert f"smaller than {config.MAX_PICTURE_BYTES // (1024 * 1024)}MB" in too_large


def test_static_files_from_nginx_carry_the_apps_headers():
    static = SITE[SITE.index("location /static/ {") :]
    static = static[: static.index("\n    }")]
    headers = dict(re.findall(r'add_header ([\w-]+) "([^"]*)" always;', static))
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["Strict-Transport-Security"] == (
        f"max-age={config.HSTS_SECONDS}; includeSubDomains"
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-cache"
    assert (ROOT / "static" / "dist" / "app.css").exists()


def test_the_proxy_gives_the_app_the_client_and_waits_longer_than_gunicorn():
    assert directive("proxy_set_header") == [
        "Host $host",
        "X-Forwarded-For $proxy_add_x_forwarded_for",
        "X-Forwarded-Proto $scheme",
        "X-Forwarded-Host $host:$server_port",
    ]
    gunicorn = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    (read_timeout,) = directive("proxy_read_timeout")
    assert int(read_timeout.removesuffix("s")) > gunicorn["timeout"]


def test_gunicorn_reads_its_settings():
    gunicorn = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert gunicorn["chdir"] == str(ROOT)
    assert gunicorn["wsgi_app"] == "wsgi:app"
    assert gunicorn["worker_class"] == "sync"
    # A document that takes too long is stopped by the app, with a page, before gunicorn kills
    # the worker.
    assert gunicorn["timeout"] > config.PDF_TIME_LIMIT_SECONDS
    # Two app servers on one machine would share one control socket.
    assert gunicorn["control_socket_disable"] is True

    printed = subprocess.run(
        [GUNICORN, "--config", "deploy/gunicorn.conf.py", "--print-config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"^umask\s+= 63$", printed, flags=re.MULTILINE)  # 0o077
    assert re.search(r"^timeout\s+= 30$", printed, flags=re.MULTILINE)
    assert re.search(r"^control_socket_disable\s+= True$", printed, flags=re.MULTILINE)


def test_systemd_accepts_the_units(tmp_path):
    needs("systemd-analyze")
    for unit in UNITS:
        text = unit.read_text().replace("/srv/conference", str(ROOT))
        text = text.replace(
            "/etc/conference/conference.env", str(DEPLOY / "conference.env.example")
        )
        (tmp_path / unit.name).write_text(text)
    names = [unit.name.replace("@.", "@8001.") for unit in UNITS]

    verified = subprocess.run(
        ["systemd-analyze", "verify", *(f"./{name}" for name in names)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )

    assert (verified.returncode, verified.stdout + verified.stderr) == (0, "")


def test_the_units_start_what_the_app_has():
    worker = (DEPLOY / "systemd" / "conference-worker.service").read_text()
    drafts = (DEPLOY / "systemd" / "conference-purge-drafts.service").read_text()
    work = (DEPLOY / "systemd" / "conference-keep-work.service").read_text()
    commands = re.findall(r"flask --app wsgi ([\w-]+)", worker + drafts + work)
    assert commands == ["work-jobs", "purge-drafts", "keep-work"]
    cli = (ROOT / "conference" / "cli.py").read_text()
    assert all(f'@click.command("{command}")' in cli for command in commands)
    app = (DEPLOY / "systemd" / "conference-app@.service").read_text()
    assert "--config deploy/gunicorn.conf.py --bind 127.0.0.1:%i" in app


def test_the_environment_file_sets_only_settings_the_app_has():
    lines = (DEPLOY / "conference.env.example").read_text().splitlines()
    settings = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    flask_settings = [name.removeprefix("FLASK_") for name in settings if name[:6] == "FLASK_"]
    known = [*vars(config), *Flask.default_config]  # the app's, and Flask's own (SECRET_KEY)
    assert [name for name in flask_settings if name not in known] == []
    assert settings["FLASK_TRUSTED_PROXIES"] == "1"  # nginx, and nothing else in front
    assert settings["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert settings["FLASK_JOB_QUEUE_URL"].startswith("redis://")
