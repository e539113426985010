"""Migration 0011: the pictures of an older version move from the upload folder into the database,
byte for byte; a missing file stops the upgrade with nothing changed; the downgrade writes them
back out. On a new database of the suite's kind: a SQLite file, or a PostgreSQL database beside
the suite's."""

import hashlib
from datetime import UTC, date, datetime, time

import click
import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from helpers import as_it_was, drop_database, empty_database, make_config, table_names
from images import animated_gif, picture
from sqlalchemy import insert, select, text

from conference import create_app
from conference.extensions import db
from conference.models import Case, Child, ChildPicture, ChildVoice, Conference, Team

UPLOADED_AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
# child_picture as revision 0010 left it.
OLD_PICTURE = sa.Table(
    "child_picture",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("voice_id", sa.Integer),
    sa.Column("stored_name", sa.String),
    sa.Column("content_type", sa.String),
    sa.Column("size", sa.Integer),
    sa.Column("description", sa.String),
    sa.Column("consent_to_share", sa.Boolean),
    sa.Column("uploaded_at", sa.DateTime(timezone=True)),
)
# Raw uploads, as the older version kept them: metadata and all.
DRAWING = picture("PNG", size=(30, 20), colour="green")
ANIMATION = animated_gif(("red", "blue"))


@pytest.fixture
def old_app(db_url, tmp_path):
    """The app on a new database at revision 0010, its pictures in tmp_path/uploads."""
    url = empty_database(db_url, tmp_path, "pictures")
    app = create_app(make_config(url, UPLOAD_FOLDER=str(tmp_path / "uploads")))
    with app.app_context():
        upgrade(revision="0010")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_database(db_url, url)


def old_pictures(app, folder, pictures: dict[str, bytes]) -> dict[str, int]:
    """A conference with Lily's voice, and a picture for each {stored name: bytes}; the files
    are written to `folder` when their bytes are given. Returns {stored name: picture id}."""
    folder.mkdir(exist_ok=True)
    with app.app_context(), db.engine.begin() as connection:
        team = connection.execute(insert(as_it_was(connection, Team)).values(name="Team A"))
        case = connection.execute(
            insert(as_it_was(connection, Case)).values(
                reference="OLD-1",
                team_id=team.inserted_primary_key[0],
                opened_on=date(2026, 10, 1),
                referral_date=date(2026, 9, 28),
            )
        ).inserted_primary_key[0]
        child = connection.execute(
            insert(as_it_was(connection, Child)).values(
                case_id=case, given_name="Lily", family_name="Jones", local_child_id="LC-1"
            )
        ).inserted_primary_key[0]
        conference = connection.execute(
            insert(as_it_was(connection, Conference)).values(
                case_id=case,
                conference_type="initial",
                held_on=date(2026, 11, 26),
                starts_at=time(10),
            )
        ).inserted_primary_key[0]
        voice = connection.execute(
            insert(as_it_was(connection, ChildVoice)).values(
                conference_id=conference, child_id=child
            )
        ).inserted_primary_key[0]
        ids = {}
        for name, data in pictures.items():
            if data:
                (folder / name).write_bytes(data)
            ids[name] = connection.execute(
                insert(OLD_PICTURE).values(
                    voice_id=voice,
                    stored_name=name,
                    content_type="image/gif" if name.endswith(".gif") else "image/png",
                    size=len(data),
                    description=f"Lily’s picture {name[0]}",
                    consent_to_share=True,
                    uploaded_at=UPLOADED_AT,
                )
            ).inserted_primary_key[0]
    return ids


def test_the_upgrade_moves_each_picture_into_the_database_byte_for_byte(old_app, tmp_path):
    folder = tmp_path / "uploads"
    ids = old_pictures(old_app, folder, {"a" * 32 + ".png": DRAWING, "b" * 32 + ".gif": ANIMATION})

    with old_app.app_context():
        upgrade()
        stored = {
            picture.id: (
                picture.file.content,
                picture.content_type,
                picture.file.size,
                picture.file.sha256,
                picture.file.created_at,
                picture.description,
            )
            for picture in db.session.scalars(select(ChildPicture))
        }
    assert stored == {
        ids["a" * 32 + ".png"]: (
            DRAWING,
            "image/png",
            len(DRAWING),
            hashlib.sha256(DRAWING).hexdigest(),
            UPLOADED_AT,
            "Lily’s picture a",
        ),
        ids["b" * 32 + ".gif"]: (
            ANIMATION,
            "image/gif",
            len(ANIMATION),
            hashlib.sha256(ANIMATION).hexdigest(),
            UPLOADED_AT,
            "Lily’s picture b",
        ),
    }
    # Left where they were until a backup of the upgraded database is checked.
    assert sorted(path.name for path in folder.iterdir()) == ["a" * 32 + ".png", "b" * 32 + ".gif"]


def test_a_missing_file_stops_the_upgrade_with_nothing_changed(old_app, tmp_path):
    folder = tmp_path / "uploads"
    ids = old_pictures(old_app, folder, {"a" * 32 + ".png": DRAWING, "c" * 32 + ".png": b""})

    with old_app.app_context():
        with pytest.raises(click.ClickException) as stopped:
            upgrade()
        with db.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revision.scalar_one() == "0010"
            assert "stored_file" not in table_names(connection)
            names = connection.execute(select(OLD_PICTURE.c.stored_name).order_by("id"))
            assert names.scalars().all() == ["a" * 32 + ".png", "c" * 32 + ".png"]
    assert stopped.value.message == (
        f"The files of 1 pictures (child_picture ids {ids['c' * 32 + '.png']}) are not in "
        f"{folder}. Set UPLOAD_FOLDER to the folder that holds them, or put them back, then "
        "upgrade again. Nothing was changed."
    )


def test_the_downgrade_writes_the_pictures_back_out(old_app, tmp_path):
    folder = tmp_path / "uploads"
    old_pictures(old_app, folder, {"a" * 32 + ".png": DRAWING})
    with old_app.app_context():
        upgrade()
    (folder / ("a" * 32 + ".png")).unlink()  # the folder deleted after the upgrade

    with old_app.app_context():
        downgrade(revision="0010")
        with db.engine.connect() as connection:
            assert "stored_file" not in table_names(connection)
            [row] = connection.execute(select(OLD_PICTURE)).all()
    assert (row.content_type, row.size) == ("image/png", len(DRAWING))
    assert (folder / row.stored_name).read_bytes() == DRAWING
    assert (folder / row.stored_name).stat().st_mode & 0o777 == 0o600
