"""Checking pictures by their content, and storing them where nobody can reach them directly."""

from pathlib import Path

import pytest
from images import gif, jpeg, png, png_chunk, webp_extended, webp_lossless, webp_lossy

from conference.services import pictures
from conference.services.pictures import PictureRefused, check

MB5 = 5 * 1024 * 1024
NOT_AN_IMAGE = "The selected file must be a PNG, JPG, GIF or WebP image"
TOO_MANY_PIXELS = "The selected file must have 40 million pixels or fewer"


def refusal(data: bytes, max_bytes: int = MB5) -> str:
    with pytest.raises(PictureRefused) as refused:
        check(data, max_bytes)
    return refused.value.message


@pytest.mark.parametrize(
    ("data", "content_type", "extension", "size"),
    [
        (png(), "image/png", "png", (1, 1)),
        (jpeg(), "image/jpeg", "jpg", (2, 3)),
        (gif(), "image/gif", "gif", (4, 5)),
        (webp_lossy(), "image/webp", "webp", (6, 7)),
        (webp_lossless(), "image/webp", "webp", (8, 9)),
        (webp_extended(), "image/webp", "webp", (10, 11)),
    ],
)
def test_each_accepted_kind_is_recognised_with_its_size(data, content_type, extension, size):
    picture = check(data, MB5)
    assert (picture.kind.content_type, picture.kind.extension) == (content_type, extension)
    assert (picture.width, picture.height) == size
    assert picture.size == len(data)


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
    assert check(data[:MB5], MB5).size == MB5


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


def test_forty_million_pixels_exactly_are_allowed():
    assert check(png(8_000, 5_000), MB5).width == 8_000


def test_pictures_are_stored_under_a_random_name_with_the_detected_extension(app, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    try:
        with app.app_context():
            first = pictures.store(check(gif(), MB5))
            second = pictures.store(check(gif(), MB5))
            assert pictures.read(first) == gif()
            assert pictures.read("0" * 32 + ".png") is None
            pictures.delete(first)
            pictures.delete(first)  # already gone: nothing to do
    finally:
        app.config["UPLOAD_FOLDER"] = None
    assert first != second
    assert pictures.STORED_NAME.match(first) and first.endswith(".gif")
    assert [path.name for path in (tmp_path / "uploads").iterdir()] == [second]


def test_without_a_setting_pictures_go_to_instance_uploads_not_static(app):
    with app.app_context():
        folder = Path(pictures.upload_folder())
    assert folder == Path(app.instance_path) / "uploads"
    assert Path(app.static_folder) not in folder.parents


@pytest.mark.parametrize(
    "name", ["../../evil.png", "/etc/passwd", "a" * 32 + ".php", "A" * 32 + ".png", ""]
)
def test_only_names_made_by_store_are_ever_opened(app, name):
    with app.app_context(), pytest.raises(ValueError):
        pictures.path_of(name)


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
