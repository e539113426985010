"""Single sign-on: the identity provider's subject for a user (issue 15)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    # Existing accounts have no subject yet: it is stored at each user's first single sign-on.
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('single_sign_on_subject', sa.String(length=255), nullable=True))
        batch_op.create_unique_constraint(op.f('uq_user_account_single_sign_on_subject'), ['single_sign_on_subject'])


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_constraint(op.f('uq_user_account_single_sign_on_subject'), type_='unique')
        batch_op.drop_column('single_sign_on_subject')
