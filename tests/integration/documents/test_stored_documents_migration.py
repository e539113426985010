"""Migration 0022 (documents made once, and work in the background, issue 22), with records in
the database: upgraded from 0021 holding a case and a child's drawing (every case's count of
changes starts at 0; a document and a job can be kept, each in a file of its own); downgraded
(the two tables and their files go, the drawing's file stays, the case is as it was); upgraded
again."""

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import drop_database, empty_database, insert_as_it_was, make_config, rows_of

from conference import create_app
from conference.extensions import db


def _fill_0021(connection) -> dict:
    team = insert_as_it_was(connection, "team", name="Team A")
    case = insert_as_it_was(connection, "family_case", reference="MIG-22", team_id=team)
    drawing = insert_as_it_was(
        connection, "stored_file", content=b"png", media_type="image/png", size=3, sha256="0" * 64
    )
    return {"team": team, "case": case, "drawing": drawing}


def _keep(connection, ids: dict) -> None:
    document_file = insert_as_it_was(
        connection,
        "stored_file",
        content=b"%PDF",
        media_type="application/pdf",
        size=4,
        sha256="1" * 64,
    )
    insert_as_it_was(
        connection,
        "stored_document",
        case_id=ids["case"],
        record_type="protection_plan",
        record_id=1,
        document="family",
        record_version=1,
        renderer="r" * 16,
        filename="MIG-22-family-plan-v1.pdf",
        file_id=document_file,
    )
    job_file = insert_as_it_was(
        connection,
        "stored_file",
        content=b"<x/>",
        media_type="application/xml",
        size=4,
        sha256="2" * 64,
    )
    insert_as_it_was(connection, "job", kind="cin", state="done", file_id=job_file)


def test_the_migration_adds_kept_documents_and_jobs_and_takes_them_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "stored_documents_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0021")
            with db.engine.begin() as connection:
                ids = _fill_0021(connection)
            upgrade(revision="0022")
            with db.engine.begin() as connection:
                assert rows_of(connection, "SELECT documents_generation FROM family_case") == [(0,)]
                _keep(connection, ids)
                with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
                    insert_as_it_was(connection, "job", kind="cin", state="lost")
                assert rows_of(connection, "SELECT count(*) FROM stored_file") == [(3,)]
            downgrade(revision="0021")
            with db.engine.begin() as connection:
                tables = sa.inspect(connection).get_table_names()
                assert "stored_document" not in tables and "job" not in tables
                columns = {c["name"] for c in sa.inspect(connection).get_columns("family_case")}
                assert "documents_generation" not in columns
                assert rows_of(connection, "SELECT id, media_type FROM stored_file") == [
                    (ids["drawing"], "image/png")
                ]
                assert rows_of(connection, "SELECT reference FROM family_case") == [("MIG-22",)]
            upgrade()
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)
