"""Files in the database: pictures of the child's work move in (issue 15)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 10:30:00.000000

The pictures were files in the upload folder (the UPLOAD_FOLDER setting, else instance/uploads),
named in child_picture.stored_name. Each moves into a stored_file row, byte for byte, and the
picture points at it. Every file is looked for before anything changes: if one is missing the
upgrade stops with nothing changed, since going on would lose the link to the file. The files
themselves are left where they were (a rollback could not bring back a file deleted here); delete
the folder once a backup of the upgraded database is checked. The downgrade writes the pictures
back out to the folder under new names.
"""

import hashlib
import logging
import os
import re
import secrets

import click
import sqlalchemy as sa
from alembic import op
from flask import current_app

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

logger = logging.getLogger("alembic.runtime.migration")

STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|gif|webp)$")
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}

# The tables as this migration reads and writes them (never the app's models, which change).
stored_file = sa.Table(
    "stored_file",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content", sa.LargeBinary),
    sa.Column("media_type", sa.String),
    sa.Column("size", sa.Integer),
    sa.Column("sha256", sa.String),
    sa.Column("created_at", sa.DateTime(timezone=True)),
)
child_picture = sa.table(
    "child_picture",
    sa.column("id", sa.Integer),
    sa.column("stored_name", sa.String),
    sa.column("content_type", sa.String),
    sa.column("size", sa.Integer),
    sa.column("uploaded_at", sa.DateTime(timezone=True)),
    sa.column("file_id", sa.Integer),
)


def upload_folder() -> str:
    """The folder the app of revision 0010 kept pictures in."""
    return current_app.config.get("UPLOAD_FOLDER") or os.path.join(
        current_app.instance_path, "uploads"
    )


def upgrade():
    connection = op.get_bind()
    folder = upload_folder()
    pictures = connection.execute(
        sa.select(
            child_picture.c.id,
            child_picture.c.stored_name,
            child_picture.c.content_type,
            child_picture.c.uploaded_at,
        ).order_by(child_picture.c.id)
    ).all()
    _refuse_if_any_missing(folder, pictures)

    op.create_table(
        "stored_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_file")),
    )
    with op.batch_alter_table("child_picture", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_id", sa.Integer(), nullable=True))

    for picture in pictures:
        _move_in(connection, folder, picture)

    with op.batch_alter_table("child_picture", schema=None) as batch_op:
        batch_op.alter_column("file_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_child_picture_file_id"), ["file_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_child_picture_file_id_stored_file"), "stored_file", ["file_id"], ["id"]
        )
        batch_op.drop_constraint(batch_op.f("uq_child_picture_stored_name"), type_="unique")
        batch_op.drop_column("stored_name")
        batch_op.drop_column("content_type")
        batch_op.drop_column("size")
    if pictures:
        logger.info(
            "%d pictures moved into the database from %s: delete that folder once a backup "
            "of the database is checked",
            len(pictures),
            folder,
        )


def _refuse_if_any_missing(folder: str, pictures) -> None:
    missing = [
        picture.id
        for picture in pictures
        if not STORED_NAME.match(picture.stored_name)
        or not os.path.isfile(os.path.join(folder, picture.stored_name))
    ]
    if missing:
        # Shown by `flask db upgrade` as an error, without a traceback.
        raise click.ClickException(
            f"The files of {len(missing)} pictures (child_picture ids "
            f"{', '.join(map(str, missing))}) are not in {folder}. Set UPLOAD_FOLDER to the "
            "folder that holds them, or put them back, then upgrade again. Nothing was changed."
        )


def _move_in(connection, folder: str, picture) -> None:
    # One file at a time: never more than one picture's bytes in memory.
    with open(os.path.join(folder, picture.stored_name), "rb") as file:
        content = file.read()
    inserted = connection.execute(
        stored_file.insert().values(
            content=content,
            media_type=picture.content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            created_at=picture.uploaded_at,
        )
    )
    connection.execute(
        child_picture.update()
        .where(child_picture.c.id == picture.id)
        .values(file_id=inserted.inserted_primary_key[0])
    )


def downgrade():
    with op.batch_alter_table("child_picture", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stored_name", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("content_type", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("size", sa.Integer(), nullable=True))

    connection = op.get_bind()
    folder = upload_folder()
    os.makedirs(folder, mode=0o700, exist_ok=True)
    pictures = connection.execute(
        sa.select(child_picture.c.id, child_picture.c.file_id).order_by(child_picture.c.id)
    ).all()
    for picture in pictures:
        _write_out(connection, folder, picture)

    with op.batch_alter_table("child_picture", schema=None) as batch_op:
        batch_op.alter_column("stored_name", existing_type=sa.String(length=80), nullable=False)
        batch_op.alter_column("content_type", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column("size", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_child_picture_stored_name"), ["stored_name"]
        )
        batch_op.drop_constraint(
            batch_op.f("fk_child_picture_file_id_stored_file"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_child_picture_file_id"), type_="unique")
        batch_op.drop_column("file_id")
    op.drop_table("stored_file")


def _write_out(connection, folder: str, picture) -> None:
    file = connection.execute(
        sa.select(stored_file.c.content, stored_file.c.media_type).where(
            stored_file.c.id == picture.file_id
        )
    ).one()
    name = f"{secrets.token_hex(16)}.{EXTENSIONS.get(file.media_type, 'png')}"
    descriptor = os.open(os.path.join(folder, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(file.content)
    connection.execute(
        child_picture.update()
        .where(child_picture.c.id == picture.id)
        .values(stored_name=name, content_type=file.media_type, size=len(file.content))
    )
