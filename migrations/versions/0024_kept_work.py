"""My work kept for a team's manager (issue 22).

Two new tables: `kept_work`, that an open case's items of My work are kept, for which day and
which settings, and `kept_work_item`, the items themselves as a manager of the case's team sees
them; and a column on `family_case` counting the changes to each case, so items worked out while
the case was being saved are never kept. Nothing existing changes: the items are worked out and
kept as managers look at My work (or by `flask keep-work`). The downgrade drops both tables.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 21:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("family_case", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("work_generation", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "kept_work",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("worked_out_on", sa.Date(), nullable=False),
        sa.Column("settings", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["family_case.id"],
            name=op.f("fk_kept_work_case_id_family_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_kept_work")),
    )
    with op.batch_alter_table("kept_work", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kept_work_team_id"), ["team_id"], unique=False)
    op.create_table(
        "kept_work_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("endpoint", sa.String(length=80), nullable=False),
        sa.Column("link_name", sa.String(length=40), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("on_label", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("plan_number", sa.Integer(), nullable=True),
        sa.Column("findings", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["kept_work.case_id"],
            name=op.f("fk_kept_work_item_case_id_kept_work"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kept_work_item")),
    )
    with op.batch_alter_table("kept_work_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kept_work_item_case_id"), ["case_id"], unique=False)


def downgrade():
    op.drop_table("kept_work_item")
    op.drop_table("kept_work")
    with op.batch_alter_table("family_case", schema=None) as batch_op:
        batch_op.drop_column("work_generation")
