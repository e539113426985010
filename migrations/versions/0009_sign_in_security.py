"""Server-side sessions, the shared sign-in throttle and second factors (issue 15)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_user_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_user_session_key_hash'))
    )
    op.create_index(op.f('ix_user_session_user_id'), 'user_session', ['user_id'])
    op.create_index(op.f('ix_user_session_last_seen_at'), 'user_session', ['last_seen_at'])
    op.create_table('sign_in_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_failure'))
    )
    op.create_index(op.f('ix_sign_in_failure_key'), 'sign_in_failure', ['key'])
    op.create_index(op.f('ix_sign_in_failure_failed_at'), 'sign_in_failure', ['failed_at'])
    # Existing accounts keep their password and have no second factor yet: they set one up the
    # next time they sign in, when the deployment requires it.
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('second_factor_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('second_factor_last_step', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('second_factor_last_step')
        batch_op.drop_column('second_factor_secret')
        batch_op.drop_column('must_change_password')
    op.drop_index(op.f('ix_sign_in_failure_failed_at'), table_name='sign_in_failure')
    op.drop_index(op.f('ix_sign_in_failure_key'), table_name='sign_in_failure')
    op.drop_table('sign_in_failure')
    op.drop_index(op.f('ix_user_session_last_seen_at'), table_name='user_session')
    op.drop_index(op.f('ix_user_session_user_id'), table_name='user_session')
    op.drop_table('user_session')
