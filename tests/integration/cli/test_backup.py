"""Backing up and restoring the database from the command line, on SQLite or (when the suite runs
on PostgreSQL) with pg_dump and pg_restore: what was backed up comes back, a file that is not a
backup of this app's database is refused with nothing changed, and both are audited."""

import hashlib
import sqlite3
from datetime import date, time
from types import SimpleNamespace

import pytest
from helpers import make_config
from images import picture
from sqlalchemy import make_url, select, text

from conference import backup, create_app
from conference.extensions import db
from conference.models import (
    AuditEvent,
    Case,
    Child,
    ChildPicture,
    ChildVoice,
    Conference,
    StoredFile,
    User,
)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def backend(app) -> str:
    with app.app_context():
        return db.engine.dialect.name


def names(app) -> list[str]:
    with app.app_context():
        return sorted(user.name for user in db.session.query(User))


def rename(app, user_id, name) -> None:
    with app.app_context():
        db.session.get(User, user_id).name = name
        db.session.commit()


def audit_rows(app, action) -> list[tuple]:
    with app.app_context():
        rows = db.session.query(AuditEvent).filter_by(action=action)
        return [(row.user_id, row.record_type, row.record_id, row.changes) for row in rows]


def test_a_restore_brings_back_what_was_backed_up(app, runner, make_user, make_case, tmp_path):
    user_id = make_user("chair", name="Chris Chair")
    make_case(reference="TST-KEPT")
    out = tmp_path / "conference.backup"

    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Backed up the database to {out}" in result.output
    assert audit_rows(app, "backup") == [(None, "", "", None)]

    rename(app, user_id, "Someone Else")
    make_case(reference="TST-LATER")
    result = runner.invoke(args=["restore", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    assert f"Restored the database from {out}" in result.output

    assert names(app) == ["Chris Chair"]
    with app.app_context():
        assert [case.reference for case in db.session.query(Case)] == ["TST-KEPT"]
    # The trail is the backup's (taken before its own row was written), then the restore.
    assert audit_rows(app, "backup") == []
    assert audit_rows(app, "restore") == [(None, "", "", None)]
    assert list(tmp_path.iterdir()) == [out]  # no partial file left beside it


def test_a_restore_brings_back_a_childs_drawing_byte_for_byte(app, runner, make_case, tmp_path):
    drawing = picture("PNG", size=(30, 20), colour="green")
    case_id = make_case()
    with app.app_context():
        lily = Child(case_id=case_id, given_name="Lily", family_name="Jones", local_child_id="L1")
        voice = ChildVoice(child=lily)
        voice.pictures = [ChildPicture(file=StoredFile.holding(drawing, "image/png"))]
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 11, 26),
            starts_at=time(10),
        )
        conference.voices = [voice]
        db.session.add(conference)
        db.session.commit()
    out = tmp_path / "conference.backup"
    assert runner.invoke(args=["backup", "--out", str(out)]).exit_code == 0
    with app.app_context():
        db.session.delete(db.session.scalars(select(ChildPicture)).one())
        db.session.commit()

    result = runner.invoke(args=["restore", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        restored = db.session.scalars(select(ChildPicture)).one().file
        assert (restored.content, restored.media_type) == (drawing, "image/png")
        assert restored.sha256 == hashlib.sha256(drawing).hexdigest()


def test_a_restore_asks_first_and_changes_nothing_when_told_no(app, runner, make_user, tmp_path):
    user_id = make_user("chair", name="Chris Chair")
    out = tmp_path / "conference.backup"
    assert runner.invoke(args=["backup", "--out", str(out)]).exit_code == 0
    rename(app, user_id, "Someone Else")

    result = runner.invoke(args=["restore", str(out)], input="n\n")
    assert "This replaces everything in the database with the backup. Continue?" in result.output
    assert result.exit_code == 1
    assert names(app) == ["Someone Else"]
    assert audit_rows(app, "restore") == []


def test_a_file_that_is_not_a_database_is_refused_and_nothing_changes(
    app, runner, make_user, tmp_path
):
    make_user("chair", name="Chris Chair")
    notes = tmp_path / "notes.txt"
    notes.write_text("Not a backup: meeting notes.\n" * 100)

    result = runner.invoke(args=["restore", str(notes), "--yes"])
    assert result.exit_code == 1
    assert f"{notes} is not a backup of this service's database" in result.output
    assert "Nothing was changed." in result.output
    assert names(app) == ["Chris Chair"]
    assert audit_rows(app, "restore") == []


def test_a_database_of_another_app_or_version_is_refused(app, runner, make_user, backend, tmp_path):
    make_user("chair", name="Chris Chair")
    other = tmp_path / "other.backup"
    if backend == "sqlite":
        with sqlite3.connect(other) as connection:
            connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
            connection.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
        connection.close()
    else:
        with app.app_context():
            head = _head(app)
            db.session.execute(text("UPDATE alembic_version SET version_num = 'x9999'"))
            db.session.commit()
        try:
            assert runner.invoke(args=["backup", "--out", str(other)]).exit_code == 0
        finally:
            with app.app_context():
                db.session.execute(text("UPDATE alembic_version SET version_num = :h"), {"h": head})
                db.session.commit()
    revision = "9999_from_the_future" if backend == "sqlite" else "x9999"

    result = runner.invoke(args=["restore", str(other), "--yes"])
    assert result.exit_code == 1
    assert f"its migration '{revision}' is not one this code knows" in result.output
    assert names(app) == ["Chris Chair"]


def test_a_sqlite_database_without_migrations_is_refused(app, runner, make_user, tmp_path):
    make_user("chair", name="Chris Chair")
    empty = tmp_path / "empty.sqlite"
    with sqlite3.connect(empty) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()

    result = runner.invoke(args=["restore", str(empty), "--yes"])
    assert result.exit_code == 1
    assert "is not a backup of this service's database" in result.output
    assert names(app) == ["Chris Chair"]


def test_the_postgresql_password_goes_in_the_environment_never_on_the_command_line(monkeypatch):
    calls = []

    def run(command, env, **_kwargs):
        calls.append((command, env))
        return SimpleNamespace(returncode=0, stdout="", stderr="")

    monkeypatch.setattr(backup.subprocess, "run", run)
    url = make_url(
        "postgresql+psycopg://conference:s3cret-word@db.example:5433/live?sslmode=require"
    )
    backup._run(["pg_dump", "--format=custom", *backup._pg_connection(url)], url)

    [(command, env)] = calls
    assert command == [
        "pg_dump",
        "--format=custom",
        "--dbname=live",
        "--host=db.example",
        "--port=5433",
        "--username=conference",
        "--no-password",
    ]
    assert (env["PGPASSWORD"], env["PGSSLMODE"]) == ("s3cret-word", "require")


def _head(app) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(app.extensions["migrate"].directory).get_current_head()


def mode_of(path) -> int:
    return path.stat().st_mode & 0o777


def test_a_backup_is_readable_only_by_the_services_user(app, runner, make_case, tmp_path):
    make_case(reference="TST-PRIVATE")
    out = tmp_path / "conference.backup"
    out.write_text("an older file, readable by anyone")
    out.chmod(0o644)
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert mode_of(out) == 0o600
    assert out.stat().st_size > len("an older file, readable by anyone")  # the backup, not that


def test_the_sqlite_database_file_is_readable_only_by_the_services_user(tmp_path):
    path = tmp_path / "new.sqlite"
    app = create_app(make_config(f"sqlite:///{path}"))
    with app.app_context():
        db.session.execute(text("CREATE TABLE note (words TEXT)"))
        db.session.commit()
        db.engine.dispose()
    assert mode_of(path) == 0o600
