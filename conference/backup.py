"""`flask --app wsgi backup --out FILE` and `flask --app wsgi restore FILE`.

SQLite is copied with its online backup API, page by page under SQLite's own locks, so a running
app can be backed up and restored. PostgreSQL is dumped with `pg_dump --format=custom` and
restored with `pg_restore --clean --if-exists` in one transaction; the password goes to them in
PGPASSWORD, never on their command line.

A restore is refused unless the file is a backup of this app's database: it must have the
`alembic_version` table, at a revision of this code's migrations. Both commands are audited with
the command line as the actor; the restore's row is written into the restored database, since
that is the trail from then on.
"""

import logging
import os
import sqlite3
import subprocess
from pathlib import Path

import click
from alembic.script import ScriptDirectory
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import URL

logger = logging.getLogger(__name__)


class NotABackup(click.ClickException):
    """The file is not a backup of this app's database: nothing was changed."""

    def __init__(self, path: Path, why: str):
        super().__init__(
            f"{path} is not a backup of this service's database ({why}). Nothing was changed."
        )


@click.command("backup")
@with_appcontext
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Where to write the backup.",
)
def backup_command(out: Path):
    """Back up the database to a file, while the app keeps running."""
    url = _url()
    partial = out.with_name(f".{out.name}.partial")
    try:
        _private_file(partial)
        if _is_sqlite(url):
            _sqlite_copy(url.database, str(partial))
        else:
            _run(["pg_dump", "--format=custom", f"--file={partial}", *_pg_connection(url)], url)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    _audit("backup")
    logger.info("Database backed up")
    click.echo(f"Backed up the database to {out} ({out.stat().st_size // 1024} KB)")


@click.command("restore")
@with_appcontext
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(backup: Path, yes: bool):
    """Replace everything in the database with the contents of BACKUP."""
    from conference.extensions import db

    url = _url()
    sqlite = _is_sqlite(url)
    revision = _sqlite_revision(backup) if sqlite else _pg_revision(backup, url)
    known = _known_revisions()
    if revision not in known:
        raise NotABackup(backup, f"its migration {revision!r} is not one this code knows")
    if not yes:
        click.confirm(
            "This replaces everything in the database with the backup. Continue?", abort=True
        )
    db.session.remove()
    db.engine.dispose()  # this process holds no connection while the database is replaced
    if sqlite:
        _sqlite_copy(str(backup), url.database, restoring=True)
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *_pg_connection(url),
                str(backup),
            ],
            url,
        )
    _audit("restore")
    logger.info("Database restored from a backup at migration %s", revision)
    click.echo(f"Restored the database from {backup}")
    if revision != _head():
        click.echo("The backup is from an older version: run `flask --app wsgi db upgrade` now.")


def _url() -> URL:
    from conference.extensions import db

    return db.engine.url


def _is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _private_file(path: Path) -> None:
    """Create `path` empty, readable and writable by the service's user only, before the backup
    is written into it: a backup holds every child's record. SQLite and pg_dump both write into
    the file as it is, keeping its mode."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _sqlite_copy(source: str, target: str, restoring: bool = False) -> None:
    source_uri = _read_only(source) if restoring else f"file:{source}"
    with sqlite3.connect(source_uri, uri=True) as from_db, sqlite3.connect(target) as to_db:
        from_db.backup(to_db)
        if not restoring:
            # The copy is one self-contained file, not a WAL database with files beside it.
            to_db.execute("PRAGMA journal_mode=DELETE")
    from_db.close()
    to_db.close()


def _read_only(path) -> str:
    # immutable: a backup is read as it is, without creating -wal or -shm files beside it.
    return f"file:{path}?mode=ro&immutable=1"


def _sqlite_revision(path: Path) -> str:
    try:
        with sqlite3.connect(_read_only(path), uri=True) as backup:
            rows = backup.execute("SELECT version_num FROM alembic_version").fetchall()
        backup.close()
    except sqlite3.DatabaseError as error:
        why = "not a SQLite database" if "not a database" in str(error) else "no migration table"
        raise NotABackup(path, why) from None
    if len(rows) != 1:
        raise NotABackup(path, "no migration recorded")
    return rows[0][0]


def _pg_revision(path: Path, url: URL) -> str:
    """The revision in the dump's alembic_version table, read without touching the database."""
    listing = _run(
        ["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)],
        url,
        refused=lambda: NotABackup(path, "not a PostgreSQL custom-format dump"),
    )
    lines = listing.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line:
            return lines[number + 1].strip()
    raise NotABackup(path, "no migration table")


def _known_revisions() -> set[str]:
    return {revision.revision for revision in _scripts().walk_revisions()}


def _head() -> str:
    return _scripts().get_current_head()


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(current_app.extensions["migrate"].directory)


def _pg_connection(url: URL) -> list[str]:
    """Everything but the password, which `_run` passes in PGPASSWORD."""
    options = [f"--dbname={url.database}"]
    if url.host:
        options.append(f"--host={url.host}")
    if url.port:
        options.append(f"--port={url.port}")
    if url.username:
        options.append(f"--username={url.username}")
    return [*options, "--no-password"]


def _run(command: list[str], url: URL, refused=None) -> str:
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password
    if "sslmode" in url.query:
        env["PGSSLMODE"] = str(url.query["sslmode"])
    try:
        # The command is ours; only the database's name, host and user come from the settings.
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        message = f"{command[0]} is not installed (on Debian: apt install postgresql-client)"
        raise click.ClickException(message) from None
    if done.returncode != 0:
        if refused is not None:
            raise refused()
        # Their messages name the database and the problem, never the password.
        raise click.ClickException(f"{command[0]} failed: {done.stderr.strip()}")
    return done.stdout


def _audit(action: str) -> None:
    from conference.extensions import db
    from conference.services import audit

    audit.record(None, action)
    db.session.commit()
