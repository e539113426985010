"""Hostile uploads of a child's picture, through the form: each is refused with a GOV.UK error
message and nothing is stored, neither a row nor a file. (How pictures are recognised is in
test_pictures.py; the form's everyday refusals are in test_conference_voice.py.)"""

import re
from io import BytesIO

import pytest
from helpers import count
from images import png
from pages import assert_page, error_messages, error_summary, text_of
from security_world import client_for
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from conference.models import AuditEvent, ChildPicture

NOT_AN_IMAGE = "The selected file must be a PNG, JPG, GIF or WebP image"
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
    client.folder = app.config["UPLOAD_FOLDER"]
    return client


def stored_files(folder) -> list[str]:
    from pathlib import Path

    return sorted(path.name for path in Path(folder).iterdir())


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "message"),
    [
        (WINDOWS_PROGRAM, "drawing.exe", "application/x-msdownload", NOT_AN_IMAGE),
        (HTML, "drawing.png", "image/png", NOT_AN_IMAGE),
        (SVG, "drawing.svg", "image/svg+xml", NOT_AN_IMAGE),
        (SVG, "drawing.png", "image/png", NOT_AN_IMAGE),
        (b"", "drawing.png", "image/png", "The selected file is empty"),
        (
            png(50_000, 50_000),
            "bomb.png",
            "image/png",
            "The selected file must have 40 million pixels or fewer",
        ),
        (HTML, "../../../static/evil.html", "text/html", NOT_AN_IMAGE),
        (WINDOWS_PROGRAM, "/etc/cron.d/evil", "application/octet-stream", NOT_AN_IMAGE),
        (SVG, "C:\\Windows\\evil.svg", "image/svg+xml", NOT_AN_IMAGE),
    ],
)
def test_hostile_files_are_refused_and_nothing_is_stored(
    app, worker, data, filename, content_type, message
):
    before = stored_files(worker.folder)
    response = post_picture(
        worker, worker.upload_url, worker.voice_url, data, filename, content_type
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert error_summary(html) == [message]
    assert error_messages(html) == [message]
    assert "<script>alert" not in html and 'onload="alert' not in html
    assert count(app, ChildPicture) == 2, "only the world's two pictures"
    assert stored_files(worker.folder) == before
    assert count(app, AuditEvent, action="upload") == 0


def test_a_file_over_the_size_of_any_request_is_refused_with_a_page_of_ours(app, worker):
    """Larger than MAX_CONTENT_LENGTH: the request is refused before the form is read."""
    before = stored_files(worker.folder)
    data = png() + b"\x00" * app.config["MAX_CONTENT_LENGTH"]
    response = post_picture(worker, worker.upload_url, worker.voice_url, data, "big.png")
    html = assert_page(response, "The file is too big", status=413)
    assert "The selected file must be smaller than 5MB. Nothing was saved." in text_of(html)
    assert count(app, ChildPicture) == 2
    assert stored_files(worker.folder) == before


def test_an_accepted_picture_never_keeps_a_path_from_its_name(app, worker):
    before = stored_files(worker.folder)
    response = post_picture(worker, worker.upload_url, worker.voice_url, png(), "/etc/passwd")
    assert response.status_code == 302
    [new] = sorted(set(stored_files(worker.folder)) - set(before))
    assert re.fullmatch(r"[0-9a-f]{32}\.png", new)
    assert count(app, ChildPicture) == 3
