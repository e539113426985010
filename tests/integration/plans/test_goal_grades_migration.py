"""Migration 0021 (the graded reading of each safety goal, issue 21), with goals in the database:
upgraded from 0020 holding goals checked as outcome focused, as not, and not checked; checked
(outcome focused is graded "outcome", not "task", never checked stays empty, no goal is "mixed",
an unknown grade is refused, and the dashboard's totals are marked for rebuilding); downgraded
(the column goes, the goals stay, the totals are marked again); upgraded again."""

from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import drop_database, empty_database, insert_as_it_was, make_config, rows_of

from conference import create_app
from conference.extensions import db

GOALS = "SELECT statement, outcome_grade FROM safety_goal ORDER BY id"
CHECKED = "SELECT statement, outcome_focused FROM safety_goal ORDER BY id"


def _fill_0020(connection) -> int:
    """A plan with three goals; returns the plan's id."""
    team = insert_as_it_was(connection, "team", name="Team A")
    case = insert_as_it_was(connection, "family_case", reference="MIG-21", team_id=team)
    conference = insert_as_it_was(
        connection, "conference", case_id=case, conference_type="initial", held_on=date(2026, 12, 1)
    )
    plan = insert_as_it_was(connection, "protection_plan", case_id=case, conference_id=conference)
    for statement, focused in (
        ("Lily is in bed by 7.30pm on 6 of 7 nights", True),
        ("Mum will attend a parenting course", False),
        ("Not checked yet", None),
    ):
        insert_as_it_was(
            connection, "safety_goal", plan_id=plan, statement=statement, outcome_focused=focused
        )
    return plan


def _marked_for_rebuilding(connection) -> int:
    return rows_of(connection, "SELECT count(*) FROM dashboard_tally_rebuild")[0][0]


def test_the_migration_grades_existing_goals_and_takes_the_grades_away(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "goal_grades_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade(revision="0020")
            with db.engine.begin() as connection:
                plan = _fill_0020(connection)
                assert _marked_for_rebuilding(connection) == 0
            upgrade(revision="0021")
            with db.engine.begin() as connection:
                assert rows_of(connection, GOALS) == [
                    ("Lily is in bed by 7.30pm on 6 of 7 nights", "outcome"),
                    ("Mum will attend a parenting course", "task"),
                    ("Not checked yet", None),
                ]
                assert _marked_for_rebuilding(connection) == 1
                goal = {"plan_id": plan, "statement": "Another goal"}
                insert_as_it_was(connection, "safety_goal", outcome_grade="mixed", **goal)
                with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
                    insert_as_it_was(connection, "safety_goal", outcome_grade="good", **goal)
                for sql in (
                    "DELETE FROM safety_goal WHERE id > 3",
                    "DELETE FROM dashboard_tally_rebuild",
                ):
                    connection.execute(sa.text(sql))
            downgrade(revision="0020")
            with db.engine.begin() as connection:
                columns = {c["name"] for c in sa.inspect(connection).get_columns("safety_goal")}
                assert "outcome_grade" not in columns
                assert rows_of(connection, CHECKED) == [
                    ("Lily is in bed by 7.30pm on 6 of 7 nights", True),
                    ("Mum will attend a parenting course", False),
                    ("Not checked yet", None),
                ]
                assert _marked_for_rebuilding(connection) == 1
            upgrade()
            with db.engine.begin() as connection:
                grades = [grade for _statement, grade in rows_of(connection, GOALS)]
                assert grades == ["outcome", "task", None]
    finally:
        with app.app_context():
            db.engine.dispose()
        drop_database(db_url, url)
