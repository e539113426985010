"""The conference room and the core group as practitioners work (issue 18): a minute-taker role
and a conference's minute-taker; rounds of scaling the chair has revealed; what is kept off the
live screen; children and apologies on attendance lists; a core group recorded in parts (who
saved each part, each agency's own update, goals "not discussed this time", who recorded each
goal's and action's update); a child's own score at a core group.

Existing core group attendance keeps its meaning: attended stays "attended", not attended
becomes "apologies" (the old form did not tell apologies from not coming). Existing progress was
all discussed. The downgrade turns minute-takers into practitioners from another agency (who see
nothing without a core group membership), removes the progress rows of goals not discussed
(which have no rating), and drops what the new tables and columns held.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 21:03:44.655135

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


ROLES = "'admin', 'manager', 'chair', 'social_worker', 'practitioner'"


def _roles(allowed: str) -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_user_account_role_known"), type_="check")
        batch_op.create_check_constraint("role_known", sa.text(f"role IN ({allowed})"))


def upgrade():
    _roles(ROLES + ", 'minute_taker'")
    op.create_table('kept_off_wall',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('kept_by_id', sa.Integer(), nullable=True),
    sa.Column('kept_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_kept_off_wall_conference_id_conference')),
    sa.ForeignKeyConstraint(['kept_by_id'], ['user_account.id'], name=op.f('fk_kept_off_wall_kept_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_off_wall')),
    sa.UniqueConstraint('conference_id', 'kind', 'record_id', 'field', name=op.f('uq_kept_off_wall_conference_id'))
    )
    with op.batch_alter_table('kept_off_wall', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kept_off_wall_conference_id'), ['conference_id'], unique=False)

    op.create_table('scaling_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('round_key', sa.String(length=80), nullable=False),
    sa.Column('revealed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revealed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_scaling_round_conference_id_conference')),
    sa.ForeignKeyConstraint(['revealed_by_id'], ['user_account.id'], name=op.f('fk_scaling_round_revealed_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scaling_round')),
    sa.UniqueConstraint('conference_id', 'round_key', name=op.f('uq_scaling_round_conference_id'))
    )
    with op.batch_alter_table('scaling_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scaling_round_conference_id'), ['conference_id'], unique=False)

    op.create_table('core_group_agency_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agency', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['core_group_meeting.id'], name=op.f('fk_core_group_agency_update_meeting_id_core_group_meeting')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_core_group_agency_update_recorded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_group_agency_update')),
    sa.UniqueConstraint('meeting_id', 'agency', name=op.f('uq_core_group_agency_update_meeting_id'))
    )
    with op.batch_alter_table('core_group_agency_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_group_agency_update_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('core_group_section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=240), nullable=False),
    sa.Column('saved_by_id', sa.Integer(), nullable=True),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['core_group_meeting.id'], name=op.f('fk_core_group_section_meeting_id_core_group_meeting')),
    sa.ForeignKeyConstraint(['saved_by_id'], ['user_account.id'], name=op.f('fk_core_group_section_saved_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_group_section')),
    sa.UniqueConstraint('meeting_id', 'section', name=op.f('uq_core_group_section_meeting_id'))
    )
    with op.batch_alter_table('core_group_section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_group_section_meeting_id'), ['meeting_id'], unique=False)

    with op.batch_alter_table('action_update', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recorded_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_action_update_recorded_by_id_user_account'), 'user_account', ['recorded_by_id'], ['id'])

    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('child_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('apologies_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_attendee_child_id_child'), 'child', ['child_id'], ['id'])

    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.add_column(sa.Column('minute_taker_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conference_minute_taker_id_user_account'), 'user_account', ['minute_taker_id'], ['id'])

    with op.batch_alter_table('core_group_attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('child_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('attendance', sa.String(length=20), nullable=False, server_default='attended'))
        batch_op.add_column(sa.Column('apologies_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_core_group_attendance_child_id_child'), 'child', ['child_id'], ['id'])
    op.execute("UPDATE core_group_attendance SET attendance = 'apologies' WHERE NOT attended")
    with op.batch_alter_table('core_group_attendance', schema=None) as batch_op:
        batch_op.drop_column('attended')

    with op.batch_alter_table('core_group_score', schema=None) as batch_op:
        batch_op.add_column(sa.Column('child_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_core_group_score_child_id_child'), 'child', ['child_id'], ['id'])

    with op.batch_alter_table('goal_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discussed', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('recorded_by_id', sa.Integer(), nullable=True))
        batch_op.alter_column('rating',
               existing_type=sa.VARCHAR(length=20),
               nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_goal_progress_recorded_by_id_user_account'), 'user_account', ['recorded_by_id'], ['id'])



def downgrade():
    op.execute("UPDATE user_account SET role = 'practitioner' WHERE role = 'minute_taker'")
    _roles(ROLES)
    # A goal "not discussed this time" has no rating, which the old schema cannot hold: before
    # this change such a goal had no progress row at all.
    op.execute("DELETE FROM goal_progress WHERE rating IS NULL")
    with op.batch_alter_table('goal_progress', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_goal_progress_recorded_by_id_user_account'), type_='foreignkey')
        batch_op.alter_column('rating',
               existing_type=sa.VARCHAR(length=20),
               nullable=False)
        batch_op.drop_column('recorded_by_id')
        batch_op.drop_column('discussed')

    with op.batch_alter_table('core_group_score', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_core_group_score_child_id_child'), type_='foreignkey')
        batch_op.drop_column('child_id')

    with op.batch_alter_table('core_group_attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attended', sa.BOOLEAN(), nullable=False, server_default=sa.true()))
    op.execute("UPDATE core_group_attendance SET attended = (attendance = 'attended')")
    with op.batch_alter_table('core_group_attendance', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_core_group_attendance_child_id_child'), type_='foreignkey')
        batch_op.drop_column('apologies_reason')
        batch_op.drop_column('attendance')
        batch_op.drop_column('child_id')

    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conference_minute_taker_id_user_account'), type_='foreignkey')
        batch_op.drop_column('minute_taker_id')

    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attendee_child_id_child'), type_='foreignkey')
        batch_op.drop_column('apologies_reason')
        batch_op.drop_column('child_id')

    with op.batch_alter_table('action_update', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_action_update_recorded_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('recorded_by_id')

    with op.batch_alter_table('core_group_section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_core_group_section_meeting_id'))

    op.drop_table('core_group_section')
    with op.batch_alter_table('core_group_agency_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_core_group_agency_update_meeting_id'))

    op.drop_table('core_group_agency_update')
    with op.batch_alter_table('scaling_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scaling_round_conference_id'))

    op.drop_table('scaling_round')
    with op.batch_alter_table('kept_off_wall', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kept_off_wall_conference_id'))

    op.drop_table('kept_off_wall')
