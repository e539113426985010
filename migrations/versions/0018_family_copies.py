"""Documents a family can use (issue 19): contacts set per team and service, what the family
may not see (with the reason), each plan's translations from the translator's XLIFF file, audio
copies, each goal's contingency and words for a child, a young person's own copy, the phone
number of every user, and the review report's analysis, recommendation and parents' comments.

Existing rows get empty text, no phone and no own copy: nothing printed before changes. The
downgrade drops the new tables and columns.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 04:27:21

"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contact_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_contact_setting_team_id_team")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user_account.id"],
            name=op.f("fk_contact_setting_updated_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_setting")),
        sa.UniqueConstraint("team_id", "key", name=op.f("uq_contact_setting_team_id")),
    )
    with op.batch_alter_table("contact_setting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_setting_team_id"), ["team_id"], unique=False)
        batch_op.create_index(
            "uq_contact_setting_service",
            ["key"],
            unique=True,
            sqlite_where=sa.text("team_id IS NULL"),
            postgresql_where=sa.text("team_id IS NULL"),
        )

    op.create_table(
        "kept_from_family",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("kept_by_id", sa.Integer(), nullable=True),
        sa.Column("kept_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_kept_from_family_conference_id_conference"),
        ),
        sa.ForeignKeyConstraint(
            ["kept_by_id"],
            ["user_account.id"],
            name=op.f("fk_kept_from_family_kept_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kept_from_family")),
        sa.UniqueConstraint(
            "conference_id",
            "kind",
            "record_id",
            "field",
            name=op.f("uq_kept_from_family_conference_id"),
        ),
    )
    with op.batch_alter_table("kept_from_family", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kept_from_family_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "audio_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("adult_id", sa.Integer(), nullable=True),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("read_by", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["adult_id"], ["adult.id"], name=op.f("fk_audio_copy_adult_id_adult")
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_audio_copy_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["stored_file.id"], name=op.f("fk_audio_copy_file_id_stored_file")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["protection_plan.id"], name=op.f("fk_audio_copy_plan_id_protection_plan")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["user_account.id"],
            name=op.f("fk_audio_copy_uploaded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audio_copy")),
        sa.UniqueConstraint("file_id", name=op.f("uq_audio_copy_file_id")),
    )
    with op.batch_alter_table("audio_copy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audio_copy_adult_id"), ["adult_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audio_copy_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audio_copy_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_translation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("segments", sa.JSON(), nullable=False),
        sa.Column("translated_by", sa.String(length=200), nullable=False),
        sa.Column("translated_on", sa.Date(), nullable=True),
        sa.Column("checked_by", sa.String(length=200), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("imported_by_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"],
            ["user_account.id"],
            name=op.f("fk_plan_translation_imported_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["protection_plan.id"],
            name=op.f("fk_plan_translation_plan_id_protection_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_translation")),
        sa.UniqueConstraint("plan_id", "language", name=op.f("uq_plan_translation_plan_id")),
    )
    with op.batch_alter_table("plan_translation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_translation_plan_id"), ["plan_id"], unique=False)

    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("own_copy", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("conference", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("review_analysis", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("review_recommendation", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("parents_comments", sa.Text(), server_default="", nullable=False)
        )

    with op.batch_alter_table("safety_goal", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("contingency_if", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("contingency_then", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("child_words", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("child_words_checked_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("child_words_checked_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_safety_goal_child_words_checked_by_id_user_account"),
            "user_account",
            ["child_words_checked_by_id"],
            ["id"],
        )

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("phone", sa.String(length=40), server_default="", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("phone")

    with op.batch_alter_table("safety_goal", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_safety_goal_child_words_checked_by_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("child_words_checked_by_id")
        batch_op.drop_column("child_words_checked_at")
        batch_op.drop_column("child_words")
        batch_op.drop_column("contingency_then")
        batch_op.drop_column("contingency_if")

    with op.batch_alter_table("conference", schema=None) as batch_op:
        batch_op.drop_column("parents_comments")
        batch_op.drop_column("review_recommendation")
        batch_op.drop_column("review_analysis")

    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_column("own_copy")

    with op.batch_alter_table("plan_translation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_translation_plan_id"))

    op.drop_table("plan_translation")
    with op.batch_alter_table("audio_copy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audio_copy_plan_id"))
        batch_op.drop_index(batch_op.f("ix_audio_copy_child_id"))
        batch_op.drop_index(batch_op.f("ix_audio_copy_adult_id"))

    op.drop_table("audio_copy")
    with op.batch_alter_table("kept_from_family", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kept_from_family_conference_id"))

    op.drop_table("kept_from_family")
    with op.batch_alter_table("contact_setting", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_contact_setting_service",
            sqlite_where=sa.text("team_id IS NULL"),
            postgresql_where=sa.text("team_id IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_contact_setting_team_id"))

    op.drop_table("contact_setting")
