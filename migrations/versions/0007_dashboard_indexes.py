"""Indexes for the managers' dashboard: conferences by type and date, decisions by outcome,
core groups by plan and date

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 09:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_conference_type_held_on', 'conference', ['conference_type', 'held_on'])
    op.create_index('ix_child_decision_outcome_child', 'child_decision', ['outcome', 'child_id'])
    op.create_index('ix_core_group_meeting_plan_held_on', 'core_group_meeting', ['plan_id', 'held_on'])


def downgrade():
    op.drop_index('ix_core_group_meeting_plan_held_on', table_name='core_group_meeting')
    op.drop_index('ix_child_decision_outcome_child', table_name='child_decision')
    op.drop_index('ix_conference_type_held_on', table_name='conference')
