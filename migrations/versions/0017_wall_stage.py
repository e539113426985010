"""What the live screen shows the room now (issue 18): the chair shows one stage of the meeting
at a time (the map, the children's voices, the safety goals, scaling, identity, the decision, or
everything), so each fits the room's screen. One row a conference at most; no row shows
everything, as the screen did before. The downgrade drops the table: screens show everything.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 01:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "wall_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("chosen_by_id", sa.Integer(), nullable=True),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_wall_stage_conference_id_conference"),
        ),
        sa.ForeignKeyConstraint(
            ["chosen_by_id"],
            ["user_account.id"],
            name=op.f("fk_wall_stage_chosen_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wall_stage")),
        sa.UniqueConstraint("conference_id", name=op.f("uq_wall_stage_conference_id")),
    )


def downgrade():
    op.drop_table("wall_stage")
