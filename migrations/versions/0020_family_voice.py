"""Hearing from families (issue 20): the views an invited person sends before a meeting, waiting
for staff to accept them into the record; feedback after a meeting, online or on paper; and
what an invitation's code opens (the views before a meeting, or the feedback form after it).

Two new tables, and a column on `invitation` whose default makes every existing invitation one
for views, as they all were. The downgrade drops the tables and the column (and every views and
feedback with them).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 11:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def _foreign_key(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _moment(name: str, nullable: bool) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade():
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("purpose", sa.String(length=10), server_default="views", nullable=False)
        )
        batch_op.create_check_constraint("purpose_known", "purpose IN ('views', 'feedback')")

    op.create_table(
        "family_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        *map(_text, ("worries", "good_things", "hopes", "wishes")),
        sa.Column("score", sa.Integer(), nullable=True),
        _text("score_reason"),
        sa.Column("attending", sa.String(length=30), nullable=True),
        sa.Column("advocate", sa.String(length=30), nullable=True),
        sa.Column("not_shared", sa.JSON(), nullable=False),
        sa.Column("pictures", sa.JSON(), nullable=False),
        sa.Column("helper", sa.String(length=200), nullable=False),
        sa.Column("agrees_with_report", sa.String(length=30), nullable=True),
        _text("report_comment"),
        _text("anything_else"),
        _moment("started_at", False),
        _moment("updated_at", False),
        _moment("sent_at", True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        _text("outcome_note"),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        _moment("decided_at", True),
        sa.CheckConstraint(
            "score IS NULL OR (score >= 0 AND score <= 10)",
            name=op.f("ck_family_views_score_0_to_10"),
        ),
        sa.CheckConstraint(
            "outcome IN ('waiting', 'accepted', 'not_used')",
            name=op.f("ck_family_views_outcome_known"),
        ),
        _foreign_key("family_views", "decided_by_id", "user_account"),
        _foreign_key("family_views", "invitation_id", "invitation"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_views")),
        sa.UniqueConstraint("invitation_id", name=op.f("uq_family_views_invitation_id")),
    )

    op.create_table(
        "family_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=True),
        sa.Column("core_group_meeting_id", sa.Integer(), nullable=True),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.Column("adult_id", sa.Integer(), nullable=True),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        *(
            sa.Column(name, sa.String(length=20), nullable=True)
            for name in (
                "listened_to",
                "understood_decisions",
                "understood_next_steps",
                "documents_in_time",
                "documents_readable",
                "advocate",
            )
        ),
        _text("would_have_helped"),
        _moment("received_at", False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(conference_id IS NULL) <> (core_group_meeting_id IS NULL)",
            name=op.f("ck_family_feedback_one_meeting"),
        ),
        sa.CheckConstraint(
            "source IN ('online', 'paper')", name=op.f("ck_family_feedback_source_known")
        ),
        sa.CheckConstraint(
            "(source = 'online') = (invitation_id IS NOT NULL)",
            name=op.f("ck_family_feedback_online_has_invitation"),
        ),
        _foreign_key("family_feedback", "adult_id", "adult"),
        _foreign_key("family_feedback", "case_id", "family_case"),
        _foreign_key("family_feedback", "child_id", "child"),
        _foreign_key("family_feedback", "conference_id", "conference"),
        _foreign_key("family_feedback", "core_group_meeting_id", "core_group_meeting"),
        _foreign_key("family_feedback", "entered_by_id", "user_account"),
        _foreign_key("family_feedback", "invitation_id", "invitation"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_feedback")),
        sa.UniqueConstraint("invitation_id", name=op.f("uq_family_feedback_invitation_id")),
    )
    with op.batch_alter_table("family_feedback", schema=None) as batch_op:
        for column in ("case_id", "conference_id", "core_group_meeting_id"):
            batch_op.create_index(batch_op.f(f"ix_family_feedback_{column}"), [column])


def downgrade():
    with op.batch_alter_table("family_feedback", schema=None) as batch_op:
        for column in ("core_group_meeting_id", "conference_id", "case_id"):
            batch_op.drop_index(batch_op.f(f"ix_family_feedback_{column}"))
    op.drop_table("family_feedback")
    op.drop_table("family_views")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_constraint("purpose_known", type_="check")
        batch_op.drop_column("purpose")
