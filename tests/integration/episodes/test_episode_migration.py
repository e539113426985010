"""Migration 0013 moves the family case's referral, enquiry and closure to each child's
episode, with records in the database: upgraded from 0012 filled with cases, children,
conferences and decisions, then downgraded again."""

from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import as_it_was, drop_database, empty_database, make_config
from sqlalchemy import insert, text

from conference import create_app
from conference.extensions import db
from conference.models import Child, ChildDecision, Conference, Team, User

CASE_COLUMNS = (
    "referral_source",
    "primary_need_code",
    "referral_nfa",
    "section_47_started_on",
    "icpc_not_required",
    "closed_on",
    "closure_reason",
)


def _case(connection, reference, team, worker, referral, **census) -> int:
    connection.execute(
        text(
            "INSERT INTO family_case (reference, team_id, social_worker_id, address, opened_on,"
            " referral_date, status, created_at, version, referral_nfa, icpc_not_required)"
            " VALUES (:reference, :team, :worker, '', :opened, :referral, :status, :now, 1,"
            " :nfa, :not_required)"
        ),
        {
            "reference": reference,
            "team": team,
            "worker": worker,
            "opened": referral,
            "referral": referral,
            "status": census.pop("status", "section_47"),
            "now": datetime(2025, 1, 6, 9, tzinfo=UTC),
            "nfa": census.pop("referral_nfa", False),
            "not_required": census.pop("icpc_not_required", False),
        },
    )
    case_id = connection.execute(
        text("SELECT id FROM family_case WHERE reference = :r"), {"r": reference}
    ).scalar()
    for column, value in census.items():
        connection.execute(
            text(f"UPDATE family_case SET {column} = :value WHERE id = :id"),  # noqa: S608
            {"value": value, "id": case_id},
        )
    return case_id


def _child(connection, case_id, local_id) -> int:
    return connection.execute(
        insert(as_it_was(connection, Child)).values(
            case_id=case_id,
            given_name="Test",
            family_name="Child",
            date_of_birth=date(2018, 3, 1),
            local_child_id=local_id,
        )
    ).inserted_primary_key[0]


def _fill(connection) -> dict:
    team = connection.execute(
        insert(as_it_was(connection, Team)).values(name="Team")
    ).inserted_primary_key[0]
    worker = connection.execute(
        insert(as_it_was(connection, User)).values(
            email="sw@example.org",
            name="Social Worker",
            role="social_worker",
            agency="Children’s Social Care",
            team_id=team,
            password_hash="x",
        )
    ).inserted_primary_key[0]
    a = _case(
        connection,
        "OLD-A",
        team,
        worker,
        date(2025, 1, 6),
        referral_source="3B",
        primary_need_code="N1",
        section_47_started_on=date(2025, 1, 8),
        status="cp_plan",
    )
    b = _case(
        connection,
        "OLD-B",
        team,
        None,
        date(2024, 3, 1),
        referral_source="2A",
        primary_need_code="N4",
        section_47_started_on=date(2024, 3, 4),
        icpc_not_required=True,
        closed_on=date(2024, 4, 1),
        closure_reason="RC8",
        status="closed",
    )
    c = _case(connection, "OLD-C", team, worker, date(2025, 6, 2), referral_source="6")
    a1, a2 = _child(connection, a, "A1"), _child(connection, a, "A2")
    b1, c1 = _child(connection, b, "B1"), _child(connection, c, "C1")
    initial = connection.execute(
        insert(as_it_was(connection, Conference)).values(
            case_id=a,
            conference_type="initial",
            held_on=date(2025, 1, 27),
            starts_at=time(10),
            strategy_discussion_on=date(2025, 1, 8),
            finalised_at=datetime(2025, 1, 27, 17, tzinfo=UTC),
        )
    ).inserted_primary_key[0]
    for child, outcome, category in ((a1, "cp_plan", "NEG"), (a2, "cin_plan", None)):
        connection.execute(
            insert(as_it_was(connection, ChildDecision)).values(
                conference_id=initial, child_id=child, outcome=outcome, category=category
            )
        )
    return {
        "team": team,
        "worker": worker,
        "cases": (a, b, c),
        "children": (a1, a2, b1, c1),
        "initial": initial,
    }


def _rows(connection, sql, **params) -> list[tuple]:
    return [tuple(row) for row in connection.execute(text(sql), params).all()]


def _day(value):
    """A date as the database returns it (SQLite gives text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def test_the_migration_gives_each_child_the_cases_episode_and_back(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "episode_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0012")
            with db.engine.begin() as connection:
                made = _fill(connection)
            upgrade(revision="0013")
            a, b, c = made["cases"]
            a1, a2, b1, c1 = made["children"]
            with db.engine.begin() as connection:
                episodes = {
                    row[0]: row[1:]
                    for row in _rows(
                        connection,
                        "SELECT child_id, id, referral_date, referral_source, primary_need_code,"
                        " cin_plan_started_on, closed_on, closure_reason, version"
                        " FROM child_episode ORDER BY child_id",
                    )
                }
                assert set(episodes) == {a1, a2, b1, c1}  # one episode per child
                shown = {
                    child: (_day(r[1]), r[2], r[3], _day(r[4]), _day(r[5]), r[6], r[7])
                    for child, r in episodes.items()
                }
                assert shown[a1] == (date(2025, 1, 6), "3B", "N1", None, None, None, 1)
                # A child whose finalised initial conference decided a child in need plan.
                assert shown[a2] == (date(2025, 1, 6), "3B", "N1", date(2025, 1, 27), None, None, 1)
                assert shown[b1] == (date(2024, 3, 1), "2A", "N4", None, date(2024, 4, 1), "RC8", 1)
                assert shown[c1] == (date(2025, 6, 2), "6", None, None, None, None, 1)
                enquiries = {
                    row[0]: row[1:]
                    for row in _rows(
                        connection,
                        "SELECT child_episode.child_id, strategy_discussion_on, started_on,"
                        " outcome, conference_id FROM section_47_enquiry JOIN child_episode"
                        " ON child_episode.id = section_47_enquiry.episode_id",
                    )
                }
                assert set(enquiries) == {a1, a2, b1}  # case C had no enquiry
                for child in (a1, a2):
                    strategy, started, outcome, conference = enquiries[child]
                    assert (_day(strategy), _day(started)) == (date(2025, 1, 8), date(2025, 1, 8))
                    assert (outcome, conference) == ("conference", made["initial"])
                strategy, started, outcome, conference = enquiries[b1]
                assert (strategy, _day(started), outcome, conference) == (
                    None,
                    date(2024, 3, 4),
                    "nfa",
                    None,
                )
                allocations = _rows(
                    connection,
                    "SELECT case_id, social_worker_id, team_id, allocated_on FROM case_allocation"
                    " ORDER BY case_id",
                )
                assert [(r[0], r[1], r[2], _day(r[3])) for r in allocations] == [
                    (a, made["worker"], made["team"], date(2025, 1, 6)),
                    (b, None, made["team"], date(2024, 3, 1)),
                    (c, made["worker"], made["team"], date(2025, 6, 2)),
                ]
            columns = {col["name"] for col in sa.inspect(db.engine).get_columns("family_case")}
            assert columns.isdisjoint(CASE_COLUMNS)

            downgrade(revision="0012")
            columns = {col["name"] for col in sa.inspect(db.engine).get_columns("family_case")}
            assert columns >= set(CASE_COLUMNS)
            assert "child_episode" not in sa.inspect(db.engine).get_table_names()
            with db.engine.begin() as connection:
                cases = {
                    row[0]: row[1:]
                    for row in _rows(
                        connection,
                        "SELECT id, referral_source, primary_need_code, section_47_started_on,"
                        " icpc_not_required, closed_on, closure_reason FROM family_case",
                    )
                }
            back = {
                case: (r[0], r[1], _day(r[2]), bool(r[3]), _day(r[4]), r[5])
                for case, r in cases.items()
            }
            assert back[a] == ("3B", "N1", date(2025, 1, 8), False, None, None)
            assert back[b] == ("2A", "N4", date(2024, 3, 4), True, date(2024, 4, 1), "RC8")
            assert back[c] == ("6", None, None, False, None, None)
            db.engine.dispose()
    finally:
        drop_database(db_url, url)
