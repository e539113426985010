"""Hostile uploads of a child's picture, through the form: each is refused with a GOV.UK error
message and nothing is stored, neither a picture nor a file. (How pictures are recognised is in
test_pictures.py; the form's everyday refusals are in test_conference_voice.py.)"""

from io import BytesIO

import pytest
from helpers import count
from images import apng_bomb, gif_bomb, picture, png
from pages import assert_page, error_messages, error_summary, text_of
from security_world import client_for
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from conference.extensions import db
from conference.models import AuditEvent, ChildPicture, StoredFile

NOT_AN_IMAGE = "The selected file must be a PNG, JPG, GIF or WebP image"
TOO_MANY_PIXELS = (
    "The selected picture is too large to use: choose a smaller picture, or take the photo "
    "at a lower resolution"
)
DAMAGED = "The selected file cannot be opened – it may be damaged"
WINDOWS_PROGRAM = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def post_picture(client, url, page, data: bytes, filename: str, content_type="image/png"):
    form = MultiDict(
        {
            "csrf_token": client.csrf_token(page),
            "picture": FileStorage(BytesIO(data), filename=filename, content_type=content_type),
            "picture_description": "A drawing",
            "consent_to_share": "no",
        }
    )
    boundary, body = encode_multipart(form)
    return client.raw.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def worker(app, security_world):
    """The allocated social worker, with the voice page of Ada at the review conference."""
    client = client_for(app, security_world, "social_worker")
    own = security_world["own"]
    client.voice_url = f"/conferences/{own['review_id']}/voice/{own['child_id']}"
    client.upload_url = client.voice_url + "/pictures"
    return client


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "message"),
    [
        (WINDOWS_PROGRAM, "drawing.exe", "application/x-msdownload", NOT_AN_IMAGE),
        (HTML, "drawing.png", "image/png", NOT_AN_IMAGE),
        (SVG, "drawing.svg", "image/svg+xml", NOT_AN_IMAGE),
        (SVG, "drawing.png", "image/png", NOT_AN_IMAGE),
        (b"", "drawing.png", "image/png", "The selected file is empty"),
        (png(50_000, 50_000), "bomb.png", "image/png", TOO_MANY_PIXELS),
        # A screen of 1 by 1 pixel in the header, then a frame of 12,000 by 12,000.
        (gif_bomb([(12_000, 12_000)]), "drawing.gif", "image/gif", TOO_MANY_PIXELS),
        (gif_bomb([(1, 1), (12_000, 12_000)]), "drawing.gif", "image/gif", TOO_MANY_PIXELS),
        (apng_bomb(frames=10), "drawing.png", "image/png", TOO_MANY_PIXELS),
        (picture("PNG", size=(100, 100))[:-40], "drawing.png", "image/png", DAMAGED),
        (HTML, "../../../static/evil.html", "text/html", NOT_AN_IMAGE),
        (WINDOWS_PROGRAM, "/etc/cron.d/evil", "application/octet-stream", NOT_AN_IMAGE),
        (SVG, "C:\\Windows\\evil.svg", "image/svg+xml", NOT_AN_IMAGE),
    ],
)
def test_hostile_files_are_refused_and_nothing_is_stored(
    app, worker, data, filename, content_type, message
):
    stored = count(app, StoredFile)  # the world's pictures and recordings
    response = post_picture(
        worker, worker.upload_url, worker.voice_url, data, filename, content_type
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert error_summary(html) == [message]
    assert error_messages(html) == [message]
    assert "<script>alert" not in html and 'onload="alert' not in html
    assert count(app, ChildPicture) == 2, "only the world's two pictures"
    assert count(app, StoredFile) == stored
    assert count(app, AuditEvent, action="upload") == 0


def test_a_file_over_the_size_of_any_request_is_refused_with_a_page_of_ours(app, worker):
    """Larger than MAX_CONTENT_LENGTH: the request is refused before the form is read."""
    data = png() + b"\x00" * app.config["MAX_CONTENT_LENGTH"]
    stored = count(app, StoredFile)  # the world's pictures and recordings
    response = post_picture(worker, worker.upload_url, worker.voice_url, data, "big.png")
    html = assert_page(response, "The file is too big", status=413)
    assert "The selected file must be smaller than 5MB. Nothing was saved." in text_of(html)
    assert count(app, ChildPicture) == 2
    assert count(app, StoredFile) == stored


def test_an_accepted_picture_never_keeps_its_name_or_what_else_its_file_held(app, worker):
    data = png() + b"<script>alert(1)</script>"  # after the end of the picture
    response = post_picture(worker, worker.upload_url, worker.voice_url, data, "/etc/passwd")
    assert response.status_code == 302
    with app.app_context():
        [new] = db.session.query(StoredFile).order_by(StoredFile.id.desc()).limit(1)
        assert new.content.startswith(b"\x89PNG") and b"script" not in new.content
        assert b"passwd" not in new.content
    assert count(app, ChildPicture) == 3
