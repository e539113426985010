"""Each child's part in a statutory visit keeps a key (the days since 2000 times two, plus one
if the child was seen alone; empty when it is not a statutory visit: not by the lead social
worker, or the child not seen), indexed with the child, and management oversight is indexed by
case and day. The dashboard judges every child on a plan at each month's end; with these, a
child's last statutory visit (and a case's last oversight) on or before a day is one index
lookup instead of a pass over every visit ever recorded.

The dashboard's running totals now keep those figures too, for each month's last day up to a
day kept in a new table (dashboard_tally_horizon): empty until `flask --app wsgi
rebuild-dashboard` has run, and until then the page judges them from the records as before.

The keys of existing visits are worked out here in SQL, as conference/domain/visits.py
statutory_key does; the application keeps them from then on. The downgrade drops the table,
the column and both indexes (nothing else is lost), and the totals kept for those figures.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 21:50:00

"""

from alembic import op
import sqlalchemy as sa


revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _days_since_2000(column: str) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"({column} - DATE '2000-01-01')"
    return f"CAST(julianday({column}) - julianday('2000-01-01') AS INTEGER)"


def upgrade():
    with op.batch_alter_table("statutory_visit_child", schema=None) as batch_op:
        batch_op.add_column(sa.Column("statutory_key", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_statutory_visit_child_child_key", ["child_id", "statutory_key"], unique=False
        )
    days = _days_since_2000("v.visited_on")
    op.execute(
        "UPDATE statutory_visit_child SET statutory_key = ("
        f" SELECT {days} * 2 + CASE WHEN statutory_visit_child.seen_alone THEN 1 ELSE 0 END"
        " FROM statutory_visit v WHERE v.id = statutory_visit_child.visit_id"
        " AND v.by_lead_social_worker)"
        " WHERE statutory_visit_child.seen"
    )
    with op.batch_alter_table("management_oversight", schema=None) as batch_op:
        batch_op.create_index(
            "ix_management_oversight_case_held_on", ["case_id", "held_on"], unique=False
        )
    op.create_table(
        "dashboard_tally_horizon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("judged_until", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_tally_horizon")),
    )


def downgrade():
    op.drop_table("dashboard_tally_horizon")
    figures = "('seen-within-timescale', 'seen-alone', 'oversight-within-interval')"
    op.execute(f"DELETE FROM dashboard_case_tally WHERE figure IN {figures}")
    op.execute(f"DELETE FROM dashboard_tally WHERE figure IN {figures}")
    with op.batch_alter_table("management_oversight", schema=None) as batch_op:
        batch_op.drop_index("ix_management_oversight_case_held_on")
    with op.batch_alter_table("statutory_visit_child", schema=None) as batch_op:
        batch_op.drop_index("ix_statutory_visit_child_child_key")
        batch_op.drop_column("statutory_key")
