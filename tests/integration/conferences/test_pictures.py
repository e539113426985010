"""Checking pictures by their content, decoding them within a budget of pixels, and keeping only
a clean copy of them, in the database."""

import hashlib
import logging
from io import BytesIO

import pytest
from images import (
    animated_gif,
    apng_bomb,
    gif,
    gif_bomb,
    jpeg,
    picture,
    png,
    png_chunk,
    webp_extended,
    webp_lossless,
    webp_lossy,
)
from PIL import Image, ImageFile, PngImagePlugin

from conference.extensions import db
from conference.models import StoredFile
from conference.services import pictures, stored_files
from conference.services.pictures import PictureRefused, check

MB5 = 5 * 1024 * 1024
NOT_AN_IMAGE = "The selected file must be a PNG, JPG, GIF or WebP image"
TOO_MANY_PIXELS = (
    "The selected picture is too large to use: choose a smaller picture, or take the photo "
    "at a lower resolution"
)
DAMAGED = "The selected file cannot be opened – it may be damaged"


def refusal(data: bytes, max_bytes: int = MB5) -> str:
    with pytest.raises(PictureRefused) as refused:
        check(data, max_bytes)
    return refused.value.message


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (picture("PNG"), "image/png"),
        (picture("JPEG"), "image/jpeg"),
        (picture("GIF"), "image/png"),
        (picture("WEBP"), "image/png"),
        (picture("WEBP", lossless=True), "image/png"),
    ],
)
def test_each_accepted_kind_is_kept_as_a_new_png_or_for_a_photo_a_new_jpeg(data, content_type):
    kept = check(data, MB5)
    assert (kept.kind.content_type, kept.width, kept.height) == (content_type, 4, 5)
    assert kept.size == len(kept.data)
    with Image.open(BytesIO(kept.data)) as copy:
        assert (copy.get_format_mimetype(), copy.size) == (content_type, (4, 5))
        assert copy.convert("RGB").getpixel((0, 0))[0] > 200, "still red"


def test_only_the_first_frame_of_an_animation_is_kept():
    kept = check(animated_gif(("red", "blue")), MB5)
    with Image.open(BytesIO(kept.data)) as copy:
        assert getattr(copy, "n_frames", 1) == 1
        assert copy.convert("RGB").getpixel((0, 0)) == (255, 0, 0)


def test_a_see_through_gif_stays_see_through():
    data = picture("GIF", mode="P", colour=0, transparency=0)
    with Image.open(BytesIO(check(data, MB5).data)) as copy:
        assert copy.mode == "RGBA" and copy.getpixel((0, 0))[3] == 0


def test_where_and_when_a_photo_was_taken_is_not_kept_and_it_is_turned_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to show
    exif[0x010F] = "PhoneMaker"
    exif[0x0132] = "2026:11:20 16:05:00"
    exif[0x010E] = "Lily at 12 Acacia Road"
    data = picture("JPEG", size=(4, 6), exif=exif, comment=b"Acacia Road")
    assert b"Acacia" in data

    kept = check(data, MB5)
    assert b"Acacia" not in kept.data and b"PhoneMaker" not in kept.data
    with Image.open(BytesIO(kept.data)) as copy:
        assert dict(copy.getexif()) == {}
        assert "comment" not in copy.info and "exif" not in copy.info
        assert copy.size == (6, 4)


def test_text_and_exif_in_a_png_are_not_kept():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Lily Jones, 12 Acacia Road")
    exif = Image.Exif()
    exif[0x010E] = "Acacia Road"
    data = picture("PNG", pnginfo=text, exif=exif)
    kept = check(data, MB5)
    assert b"Acacia" not in kept.data and b"tEXt" not in kept.data and b"eXIf" not in kept.data


@pytest.mark.parametrize(
    "data",
    [
        b"<?php system($_GET['c']); ?>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<html><script>alert(1)</script></html>",
        b"%PDF-1.7\n",
        b"BM" + b"\x00" * 60,  # a BMP
        b"RIFF\x00\x00\x00\x00WAVEfmt ",  # a sound file
    ],
)
def test_anything_that_is_not_an_accepted_image_is_refused(data):
    assert refusal(data) == NOT_AN_IMAGE


@pytest.mark.parametrize(
    "data",
    [
        png()[:20],
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"tEXt", b"no header first"),
        png(0, 10),
        jpeg()[:8],
        b"\xff\xd8\xff\xd9",
        jpeg(width=0),
        gif()[:8],
        webp_lossy()[:24],
        webp_lossless()[:22],
        webp_extended()[:28],
        b"RIFF\x00\x00\x00\x00WEBPVP9 ",
    ],
)
def test_headers_that_cannot_be_read_are_refused(data):
    assert refusal(data) == NOT_AN_IMAGE


def test_an_empty_file_is_refused():
    assert refusal(b"") == "The selected file is empty"


def test_a_file_over_the_limit_is_refused_even_if_it_is_a_picture():
    data = png() + b"\x00" * (MB5 + 1 - len(png()))
    assert len(data) == MB5 + 1
    assert refusal(data) == "The selected file must be smaller than 5MB"
    assert check(data[:MB5], MB5).width == 1


@pytest.mark.parametrize(
    "data",
    [
        png(50_000, 50_000),
        png(40_000_001, 1),
        jpeg(65_535, 65_535),
        gif(65_535, 65_535),
        webp_lossy(16_383, 16_383),
        webp_lossless(16_384, 16_384),
        webp_extended(16_384, 16_384),
    ],
)
def test_image_bombs_are_refused_from_their_headers(data):
    assert len(data) < 100
    assert refusal(data) == TOO_MANY_PIXELS


@pytest.mark.parametrize(
    "data",
    [
        gif_bomb([(12_000, 12_000)]),  # a screen of 1 by 1, then one huge frame
        gif_bomb([(7_000, 7_000)]),  # just over the limit, under twice it
        gif_bomb([(1, 1), (12_000, 12_000)]),  # a tiny first frame, then a huge one
        apng_bomb(frames=10, width=4_000, height=4_000),  # ten frames of 16 million pixels
    ],
    ids=["gif-huge-frame", "gif-frame-over-limit", "gif-huge-second-frame", "apng-frames"],
)
def test_image_bombs_hidden_behind_their_headers_are_refused_before_they_are_drawn(data):
    assert len(data) < 200_000
    assert refusal(data) == TOO_MANY_PIXELS


def test_a_frame_is_counted_before_it_is_drawn(monkeypatch):
    drawn = []
    load = Image.Image.load

    def counted_load(image):
        drawn.append(image.size)
        return load(image)

    monkeypatch.setattr(Image.Image, "load", counted_load)
    assert refusal(gif_bomb([(1, 1), (12_000, 12_000)])) == TOO_MANY_PIXELS
    assert (12_000, 12_000) not in drawn


@pytest.mark.parametrize(
    "data",
    [
        picture("PNG", size=(100, 100))[:-40],
        picture("JPEG", size=(200, 200))[:-100],
        animated_gif(size=(50, 50))[:-20],  # the second frame cut short
        picture("WEBP", size=(100, 100))[:-20],
        gif(),  # headers with no frame at all
        jpeg(),
        webp_lossy(),
    ],
    ids=["png", "jpeg", "gif", "webp", "gif-headers", "jpeg-headers", "webp-headers"],
)
def test_a_truncated_or_damaged_file_is_refused(data, monkeypatch):
    # As WeasyPrint leaves Pillow once it is imported: drawing what it can of a truncated file.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    assert refusal(data) == DAMAGED
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True, "left as it was, for WeasyPrint"


def test_forty_million_pixels_exactly_are_allowed():
    assert check(picture("PNG", size=(8_000, 5_000), mode="1"), MB5).width == 8_000


def test_a_stored_file_keeps_its_size_and_checksum(app_ctx):
    kept = StoredFile.holding(png(), "image/png")
    db.session.add(kept)
    db.session.commit()
    db.session.expire_all()
    assert (kept.size, kept.sha256) == (len(png()), hashlib.sha256(png()).hexdigest())
    assert stored_files.content_of(kept) == png()


def test_a_stored_file_changed_behind_the_app_is_never_served(app_ctx, caplog):
    kept = StoredFile.holding(png(), "image/png")
    db.session.add(kept)
    db.session.flush()
    kept.content = png(2, 2)
    with caplog.at_level(logging.ERROR):
        assert stored_files.content_of(kept) is None
    assert f"Stored file {kept.id} does not match its checksum" in caplog.text
    db.session.rollback()


def test_pictures_are_never_written_to_a_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path / "uploads"))
    check(picture(), MB5)
    assert not (tmp_path / "uploads").exists()
    assert not hasattr(pictures, "store") and not hasattr(pictures, "upload_folder")


def test_a_picture_is_served_inline_sandboxed_and_never_cached(app):
    with app.test_request_context():
        response = pictures.image_response(png(), "image/png")
        response = app.process_response(response)
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"] == "inline"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # The app's own policy is put on every response; the sandbox stays on it.
    policies = response.headers.getlist("Content-Security-Policy")
    assert len(policies) == 1
    assert policies[0].endswith("; sandbox")
