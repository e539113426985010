"""Migration 0023 (the case search uses an index on PostgreSQL, issue 22), with families in the
database: upgraded from 0022, the search still finds a child, an adult and a reference by part of
them; on PostgreSQL the planner answers the search from the trigram indexes (the query the
service sends, not a copy of it); downgraded (the indexes go, the families stay); upgraded
again. On SQLite nothing changes and the search works as before."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import drop_database, empty_database, insert_as_it_was, make_config, rows_of

from conference import create_app
from conference.extensions import db
from conference.models import Case
from conference.services import cases

INDEXES = {"ix_child_name_search", "ix_adult_name_search", "ix_family_case_reference_search"}


def _fill_0022(connection) -> None:
    team = insert_as_it_was(connection, "team", name="Team A")
    for number, (child, adult) in enumerate(
        (("Lily Brambleton", "Ada Quillfeather"), ("Sam Oakhollow", "Tom Pebbleford")), start=1
    ):
        case = insert_as_it_was(
            connection, "family_case", reference=f"MIG-{number:04d}", team_id=team
        )
        given, family = child.split()
        insert_as_it_was(
            connection,
            "child",
            case_id=case,
            given_name=given,
            family_name=family,
            local_child_id=f"C{number}",
        )
        given, family = adult.split()
        insert_as_it_was(connection, "adult", case_id=case, given_name=given, family_name=family)


def _found(words: str) -> list[str]:
    query = sa.select(Case.reference).where(cases._matches(words)).order_by(Case.reference)
    return list(db.session.scalars(query))


def _indexes(connection) -> set[str]:
    if connection.dialect.name != "postgresql":
        return set()
    return {name for (name,) in rows_of(connection, "SELECT indexname FROM pg_indexes")} & INDEXES


def _plan(words: str) -> str:
    """PostgreSQL's plan for the search, with reading whole tables made the last resort (on a
    few rows the planner would rightly read them: the point is that the index can answer)."""
    query = sa.select(Case.id).where(cases._matches(words))
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.begin() as connection:
        connection.execute(sa.text("SET LOCAL enable_seqscan = off"))
        return "\n".join(row[0] for row in connection.execute(sa.text(f"EXPLAIN {compiled}")))


def test_the_migration_indexes_the_search_and_takes_the_indexes_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "search_index_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0022")
            with db.engine.begin() as connection:
                _fill_0022(connection)
            upgrade(revision="0023")
            postgresql = db.engine.dialect.name == "postgresql"
            with db.engine.begin() as connection:
                assert _indexes(connection) == (INDEXES if postgresql else set())
            assert _found("bramble") == ["MIG-0001"]
            assert _found("QUILLFEATHER") == ["MIG-0001"]
            assert _found("sam oak") == ["MIG-0002"]
            assert _found("mig-000") == ["MIG-0001", "MIG-0002"]
            assert _found("nobody") == []
            if postgresql:
                plan = _plan("bramble")
                assert "ix_child_name_search" in plan, plan
                assert "ix_adult_name_search" in plan, plan
                assert "ix_family_case_reference_search" in plan, plan
            db.session.remove()
            downgrade(revision="0022")
            with db.engine.begin() as connection:
                assert _indexes(connection) == set()
                assert rows_of(connection, "SELECT count(*) FROM child") == [(2,)]
            assert _found("bramble") == ["MIG-0001"]
            db.session.remove()
            upgrade()
            with db.engine.begin() as connection:
                assert _indexes(connection) == (INDEXES if postgresql else set())
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        drop_database(db_url, url)
