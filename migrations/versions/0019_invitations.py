"""Invitations without accounts (issue 20, its first part): a named person of a case asked to
give their views before one meeting (a conference or a core group meeting), with a one-time code
instead of an account. Only the code's HMAC is stored.

A new table: existing rows are untouched. The downgrade drops it (and every invitation with it).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 08:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def _foreign_key(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_invitation_{column}_{table}")
    )


def upgrade():
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=True),
        sa.Column("core_group_meeting_id", sa.Integer(), nullable=True),
        sa.Column("adult_id", sa.Integer(), nullable=True),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(conference_id IS NULL) <> (core_group_meeting_id IS NULL)",
            name=op.f("ck_invitation_one_meeting"),
        ),
        sa.CheckConstraint(
            "(adult_id IS NULL) <> (child_id IS NULL)", name=op.f("ck_invitation_one_person")
        ),
        sa.CheckConstraint(
            "version IN ('parent', 'young_person', 'younger_child')",
            name=op.f("ck_invitation_version_known"),
        ),
        _foreign_key("adult_id", "adult"),
        _foreign_key("case_id", "family_case"),
        _foreign_key("child_id", "child"),
        _foreign_key("conference_id", "conference"),
        _foreign_key("core_group_meeting_id", "core_group_meeting"),
        _foreign_key("created_by_id", "user_account"),
        _foreign_key("withdrawn_by_id", "user_account"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_invitation_code_hash")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        for column in ("case_id", "conference_id", "core_group_meeting_id", "adult_id", "child_id"):
            batch_op.create_index(batch_op.f(f"ix_invitation_{column}"), [column], unique=False)


def downgrade():
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        for column in ("child_id", "adult_id", "core_group_meeting_id", "conference_id", "case_id"):
            batch_op.drop_index(batch_op.f(f"ix_invitation_{column}"))

    op.drop_table("invitation")
