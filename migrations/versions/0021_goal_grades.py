"""The graded reading of each safety goal (issue 21): outcome, mixed (an outcome with actions
written into it) or task, kept beside `outcome_focused` for the managers' dashboard.

A new column, filled for existing goals from what the checker found when they were last saved:
outcome focused is read as "outcome", not outcome focused as "task", and a goal never checked
stays NULL. No goal is graded "mixed" here: the checker did not grade clause by clause when those
goals were saved, so a mixed goal appears as mixed when it is next saved and checked.

The dashboard now counts the share of goals graded outcome, mixed and task (two figures are new,
and "goals-outcome-focused" now counts by grade), so the running totals of existing records are
marked for rebuilding, as 0008 and 0014 did: the dashboard counts the records until `flask
rebuild-dashboard` has run. The downgrade drops the column and marks them again.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 15:00:00

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("safety_goal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome_grade", sa.String(length=10), nullable=True))
        batch_op.create_check_constraint(
            "outcome_grade_known", "outcome_grade IN ('outcome', 'mixed', 'task')"
        )
    op.execute(
        "UPDATE safety_goal SET outcome_grade = CASE WHEN outcome_focused THEN 'outcome' "
        "ELSE 'task' END WHERE outcome_focused IS NOT NULL"
    )
    _mark_the_totals_for_rebuilding()


def downgrade():
    with op.batch_alter_table("safety_goal", schema=None) as batch_op:
        batch_op.drop_constraint("outcome_grade_known", type_="check")
        batch_op.drop_column("outcome_grade")
    _mark_the_totals_for_rebuilding()


def _mark_the_totals_for_rebuilding() -> None:
    """The totals were judged by other figures: count the records until they are rebuilt."""
    bind = op.get_bind()
    has_records = bind.execute(
        sa.text("SELECT 1 FROM conference UNION SELECT 1 FROM core_group_meeting LIMIT 1")
    ).first()
    marked = bind.execute(sa.text("SELECT 1 FROM dashboard_tally_rebuild LIMIT 1")).first()
    if has_records and not marked:
        rebuild = sa.table(
            "dashboard_tally_rebuild", sa.column("since", sa.DateTime(timezone=True))
        )
        op.bulk_insert(rebuild, [{"since": datetime.now(UTC)}])
