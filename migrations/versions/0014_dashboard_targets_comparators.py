"""The dashboard's targets and comparators: the council's target for each figure, and the
published values of England and statistical neighbours (with their year and source) that a
manager reads beside their own figures

Two new tables; nothing existing changes, so the downgrade drops them (and what they held).
The running totals of existing records were judged by the rules before this change (the core
group rule now looks at the next review, and plans finalised by the first core group is new):
they are marked for rebuilding, as 0008 did, so the dashboard counts the records until
`flask rebuild-dashboard` has run.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 17:22:11.940351

"""

from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dashboard_comparator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("figure", sa.String(length=60), nullable=False),
        sa.Column("comparison", sa.String(length=30), nullable=False),
        sa.Column("neighbour_group", sa.String(length=200), nullable=False),
        sa.Column("year", sa.String(length=7), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["user_account.id"],
            name=op.f("fk_dashboard_comparator_entered_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_comparator")),
        sa.UniqueConstraint(
            "figure", "comparison", "year", name=op.f("uq_dashboard_comparator_figure")
        ),
    )
    op.create_table(
        "dashboard_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("figure", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("higher_is_better", sa.Boolean(), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by_id"],
            ["user_account.id"],
            name=op.f("fk_dashboard_target_set_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_target")),
        sa.UniqueConstraint("figure", name=op.f("uq_dashboard_target_figure")),
    )
    bind = op.get_bind()
    has_records = bind.execute(
        sa.text("SELECT 1 FROM conference UNION SELECT 1 FROM core_group_meeting LIMIT 1")
    ).first()
    marked = bind.execute(sa.text("SELECT 1 FROM dashboard_tally_rebuild LIMIT 1")).first()
    if has_records and not marked:
        rebuild = sa.table(
            "dashboard_tally_rebuild", sa.column("since", sa.DateTime(timezone=True))
        )
        op.bulk_insert(rebuild, [{"since": datetime.now(timezone.utc)}])


def downgrade():
    op.drop_table("dashboard_target")
    op.drop_table("dashboard_comparator")
