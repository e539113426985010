"""deploy/nginx/conference.conf run on this machine, by a user's own nginx in a folder of its own
(bench/topology_bench.py, tests/unit/test_deploy.py): Debian's /etc/nginx/nginx.conf with the
site file in place of sites-enabled, and in the site file only the ports, the name, the
certificate and the project's folder changed (and, when asked, the address nginx connects to the
app servers from). Every change must find what it replaces, so an
edit to the site file that this no longer fits fails here rather than being run unchanged."""

import subprocess
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
SITE = DEPLOY / "nginx" / "conference.conf"
DEBIAN_MAIN = Path("/etc/nginx/nginx.conf")
NAME = "localhost"


def write_config(
    folder: Path,
    port: int,
    redirect_port: int,
    app_ports: tuple[int, int],
    proxy_bind: str | None = None,
) -> Path:
    """Write nginx.conf, the site file and a certificate for `localhost` into `folder`; the path
    of nginx.conf. Serves https://localhost:<port>/ from the two app servers on `app_ports`,
    connecting to them from the address `proxy_bind` when given (so that the app can tell the
    proxy's address from the client's on one machine)."""
    folder.mkdir(parents=True, exist_ok=True)
    # nginx's workers run as www-data, as on a server: they pass through this folder to their
    # own temporary files (the master, root, reads the configuration and the key).
    folder.chmod(0o711)
    certificate, key = self_signed_certificate(folder)
    changes = [
        ("server 127.0.0.1:8001;", f"server 127.0.0.1:{app_ports[0]};"),
        ("server 127.0.0.1:8002;", f"server 127.0.0.1:{app_ports[1]};"),
        ("listen 80;", f"listen 127.0.0.1:{redirect_port};"),
        ("listen 443 ", f"listen 127.0.0.1:{port} "),
        ("server_name conference.council.example;", f"server_name {NAME};"),
        ("/etc/ssl/certs/conference.pem", str(certificate)),
        ("/etc/ssl/private/conference.key", str(key)),
        ("/srv/conference/", f"{ROOT}/"),
    ]
    if proxy_bind:
        proxy = "proxy_pass http://conference_app;"
        changes.append((proxy, f"{proxy}\n        proxy_bind {proxy_bind};"))
    site_conf = folder / "conference.conf"
    site_conf.write_text(local_site(SITE.read_text(), changes))
    main = folder / "nginx.conf"
    main.write_text(local_main(DEBIAN_MAIN.read_text(), folder, site_conf))
    return main


def local_site(text: str, changes: list[tuple[str, str]]) -> str:
    # One machine's loopback address: IPv6 may not be there at all.
    text = "\n".join(line for line in text.splitlines() if "listen [::]" not in line)
    return _replace_all(text, changes, "deploy/nginx/conference.conf")


def local_main(text: str, folder: Path, site_conf: Path) -> str:
    temporary = "".join(
        f"\t{kind}_temp_path {folder / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    changes = [
        ("pid /run/nginx.pid;", f"pid {folder / 'nginx.pid'};\ndaemon off;"),
        ("/var/log/nginx/error.log", str(folder / "error.log")),
        ("/var/log/nginx/access.log", str(folder / "access.log")),
        ("include /etc/nginx/conf.d/*.conf;", ""),
        ("include /etc/nginx/sites-enabled/*;", f"{temporary}\tinclude {site_conf};"),
    ]
    return _replace_all(text, changes, str(DEBIAN_MAIN))


def _replace_all(text: str, changes, what: str) -> str:
    for old, new in changes:
        if old not in text:
            raise ValueError(f"{what} no longer has {old!r}: update deploy/local_nginx.py")
        text = text.replace(old, new)
    return text


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for `localhost`, as the council's would be for its name."""
    certificate, key = folder / "localhost.pem", folder / "localhost.key"
    subprocess.run(  # noqa: S603 (fixed arguments)
        [  # noqa: S607 (Debian's openssl, wherever PATH finds it)
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={NAME}",
            "-addext",
            f"subjectAltName=DNS:{NAME}",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def check_config(main: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on the written configuration: its verdict is on stderr."""
    command = ["nginx", "-t", "-c", str(main)]
    return subprocess.run(command, capture_output=True, text=True)  # noqa: S603 (fixed arguments)
