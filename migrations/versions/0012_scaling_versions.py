"""Scaling scores versioned like every other record (issue 15)

A person's scores at a conference were replaced by deleting and inserting rows, so two saves
at the same moment could store one person's score twice. Each score now has a version, and a
person has at most one overall score and one score per worry statement at a conference.
Scores already stored twice are resolved first: the one saved last (the highest id) is kept,
as the scaling page would have shown it as the person's score.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

# Scores with no attendee (kept from someone since removed) are never saved again: left alone.
DUPLICATES = sa.text(
    "DELETE FROM scaling_score WHERE attendee_id IS NOT NULL AND id NOT IN ("
    " SELECT MAX(id) FROM scaling_score WHERE attendee_id IS NOT NULL"
    " GROUP BY conference_id, attendee_id, worry_item_id)"
)
OVERALL = sa.text("worry_item_id IS NULL")


def upgrade():
    op.execute(DUPLICATES)
    with op.batch_alter_table('scaling_score', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('version', sa.Integer(), nullable=False, server_default='1')
        )
        batch_op.create_unique_constraint(
            batch_op.f('uq_scaling_score_conference_id'),
            ['conference_id', 'attendee_id', 'worry_item_id'],
        )
    with op.batch_alter_table('scaling_score', schema=None) as batch_op:
        batch_op.alter_column('version', server_default=None)
    # Outside the batch: a partial index is made the same way on SQLite and PostgreSQL.
    op.create_index(
        'uq_scaling_score_overall',
        'scaling_score',
        ['conference_id', 'attendee_id'],
        unique=True,
        sqlite_where=OVERALL,
        postgresql_where=OVERALL,
    )


def downgrade():
    op.drop_index('uq_scaling_score_overall', table_name='scaling_score')
    with op.batch_alter_table('scaling_score', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_scaling_score_conference_id'), type_='unique')
        batch_op.drop_column('version')
