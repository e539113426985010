"""Documents made once, and work done in the background (issue 22).

Two new tables: `stored_document`, the printed documents of finalised records, each kept as a
file in `stored_file` (made in the background when a record is finalised, or at its first
download, and deleted whenever anything of its case changes); and `job`, the work someone asked
for that runs in the background (the statutory returns), with its progress and the file it made.
A column on `family_case` counts the changes to each case, so a document made in the
background while something of its case was being saved is never kept. Nothing existing changes:
documents are made again as they are asked for. The downgrade drops
both tables, and the files the documents and jobs kept.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 18:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("family_case", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("documents_generation", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "stored_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(length=80), nullable=False),
        sa.Column("record_version", sa.Integer(), nullable=False),
        sa.Column("renderer", sa.String(length=16), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["stored_file.id"],
            name=op.f("fk_stored_document_file_id_stored_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_document")),
        sa.UniqueConstraint(
            "record_type", "record_id", "document", name=op.f("uq_stored_document_record_type")
        ),
    )
    with op.batch_alter_table("stored_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stored_document_case_id"), ["case_id"], unique=False)

    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("arguments", sa.JSON(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heard_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('waiting', 'running', 'done', 'failed')", name=op.f("ck_job_state_known")
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["stored_file.id"],
            name=op.f("fk_job_file_id_stored_file"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["user_account.id"],
            name=op.f("fk_job_requested_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_job_requested_by_id"), ["requested_by_id"], unique=False
        )


def downgrade():
    # The files the documents and jobs kept, and only those (a drawing or a recording keeps its).
    op.execute(
        "DELETE FROM stored_file WHERE id IN (SELECT file_id FROM stored_document) "
        "OR id IN (SELECT file_id FROM job WHERE file_id IS NOT NULL)"
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_requested_by_id"))

    op.drop_table("job")
    with op.batch_alter_table("stored_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stored_document_case_id"))

    op.drop_table("stored_document")
    with op.batch_alter_table("family_case", schema=None) as batch_op:
        batch_op.drop_column("documents_generation")
