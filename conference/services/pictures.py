"""Pictures of the child's work (drawings, photos of direct work): checking and storing them.

A picture is judged by its content, never by its file name or the content type the browser
sent: only PNG, JPEG, GIF and WebP files are accepted, recognised by their first bytes. Their
width and height are read from the headers, so an "image bomb" (a small file that would
decode to an enormous image) is refused before anything draws it. Files are stored outside
static/ under a random name; the user's file name is never used.
"""

import contextlib
import os
import re
import secrets
import struct
from dataclasses import dataclass

from flask import Response, current_app
from sqlalchemy import event

from conference.extensions import db

MAX_PIXELS = 40_000_000

NOT_AN_IMAGE = "The selected file must be a PNG, JPG, GIF or WebP image"
EMPTY = "The selected file is empty"
TOO_MANY_PIXELS = "The selected file must have 40 million pixels or fewer"

TO_DELETE = "picture_files_to_delete"  # session.info: files whose rows this transaction deletes
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|gif|webp)$")


class PictureRefused(Exception):
    """The file is not a picture we accept; the message is shown beside the file field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ImageKind:
    content_type: str
    extension: str


PNG = ImageKind("image/png", "png")
JPEG = ImageKind("image/jpeg", "jpg")
GIF = ImageKind("image/gif", "gif")
WEBP = ImageKind("image/webp", "webp")


@dataclass(frozen=True)
class CheckedPicture:
    """A file that passed every check: only `check` makes one."""

    data: bytes
    kind: ImageKind
    width: int
    height: int

    @property
    def size(self) -> int:
        return len(self.data)


def too_big_message(max_bytes: int) -> str:
    return f"The selected file must be smaller than {megabytes(max_bytes)}"


def check(data: bytes, max_bytes: int) -> CheckedPicture:
    """The picture in `data`, if it is one we accept.

    :raise PictureRefused: empty, larger than `max_bytes`, not a PNG, JPEG, GIF or WebP image,
        headers that cannot be read, or more than MAX_PIXELS pixels.
    """
    if not data:
        raise PictureRefused(EMPTY)
    if len(data) > max_bytes:
        raise PictureRefused(too_big_message(max_bytes))
    kind, size_reader = _kind_of(data)
    try:
        width, height = size_reader(data)
    except (struct.error, IndexError, ValueError):
        raise PictureRefused(NOT_AN_IMAGE) from None
    if width < 1 or height < 1:
        raise PictureRefused(NOT_AN_IMAGE)
    if width * height > MAX_PIXELS:
        raise PictureRefused(TOO_MANY_PIXELS)
    return CheckedPicture(data, kind, width, height)


def read_upload(stream, max_bytes: int) -> bytes:
    """Read at most one byte more than allowed: enough to tell that a file is too big."""
    return stream.read(max_bytes + 1)


def _kind_of(data: bytes):
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG, _png_size
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG, _jpeg_size
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF, _gif_size
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP, _webp_size
    raise PictureRefused(NOT_AN_IMAGE)


def _png_size(data: bytes) -> tuple[int, int]:
    # The first chunk must be IHDR: width and height as 4-byte big-endian numbers.
    if data[12:16] != b"IHDR":
        raise ValueError("no IHDR chunk")
    return struct.unpack(">II", data[16:24])


def _gif_size(data: bytes) -> tuple[int, int]:
    # The logical screen: width and height as 2-byte little-endian numbers.
    return struct.unpack("<HH", data[6:10])


# Start-of-frame markers, which carry the image size (not DHT C4, JPG C8 or DAC CC).
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_JPEG_NO_LENGTH = {0x01, *range(0xD0, 0xD8)}


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Walk the segments to the first start-of-frame: precision, height, width."""
    position = 2
    while True:
        if data[position] != 0xFF:
            raise ValueError("not a JPEG marker")
        while data[position] == 0xFF:
            position += 1
        marker = data[position]
        position += 1
        if marker in _JPEG_NO_LENGTH:
            continue
        if marker in (0xD9, 0xDA):  # end of image or start of scan before any frame
            raise ValueError("no frame header")
        (length,) = struct.unpack(">H", data[position : position + 2])
        if length < 2:
            raise ValueError("bad segment length")
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[position + 3 : position + 7])
            return width, height
        position += length


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8 ":
        # Lossy: a 3-byte frame tag, the start code, then 14-bit width and height.
        if data[23:26] != b"\x9d\x01\x2a":
            raise ValueError("no VP8 start code")
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        # Lossless: a signature byte, then width - 1 and height - 1 in 14 bits each.
        if data[20] != 0x2F:
            raise ValueError("no VP8L signature")
        (bits,) = struct.unpack("<I", data[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        # Extended: flags and reserved bytes, then canvas width - 1 and height - 1 in 24 bits.
        if len(data) < 30:
            raise ValueError("short VP8X chunk")
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    raise ValueError("unknown WebP chunk")


def megabytes(size: int) -> str:
    """5242880 bytes is "5MB", as the Design System writes file sizes."""
    return f"{size / (1024 * 1024):g}MB"


# Serving


def image_response(data: bytes, content_type: str) -> Response:
    """A stored picture as a response: shown in the page, never cached, never sniffed."""
    response = Response(data, mimetype=content_type)
    # A picture opened on its own can never run anything, even in a browser that mistook it
    # for a page: the security headers keep a policy a view has set.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# Storage


def upload_folder() -> str:
    """Where pictures are kept: the UPLOAD_FOLDER setting, or instance/uploads."""
    folder = current_app.config.get("UPLOAD_FOLDER")
    return folder or os.path.join(current_app.instance_path, "uploads")


def store(picture: CheckedPicture) -> str:
    """Write the picture under a new random name; return the name."""
    folder = upload_folder()
    os.makedirs(folder, mode=0o700, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{picture.kind.extension}"
    descriptor = os.open(
        os.path.join(folder, stored_name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600
    )
    with os.fdopen(descriptor, "wb") as file:
        file.write(picture.data)
    return stored_name


def path_of(stored_name: str) -> str:
    """The file of a stored picture. Names are only ever made by `store`; anything else is
    refused, so no stored value can reach outside the folder."""
    if not STORED_NAME.match(stored_name):
        raise ValueError(f"not a stored picture name: {stored_name!r}")
    return os.path.join(upload_folder(), stored_name)


def read(stored_name: str) -> bytes | None:
    """The stored picture's bytes, or None if the file has gone."""
    try:
        with open(path_of(stored_name), "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None


def delete(stored_name: str) -> None:
    _remove(path_of(stored_name))


def delete_after_commit(stored_name: str) -> None:
    """Delete the picture's file once the transaction deleting its row commits: a row without
    its file would show a broken picture, while a file left behind by a rollback is unreachable."""
    db.session.info.setdefault(TO_DELETE, []).append(path_of(stored_name))


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def _committed(session) -> None:
    if not session.in_nested_transaction():  # a savepoint released: nothing is stored yet
        for path in session.info.pop(TO_DELETE, []):
            _remove(path)


def _ended(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(TO_DELETE, None)


for _name, _listener in (("after_commit", _committed), ("after_transaction_end", _ended)):
    if not event.contains(db.session, _name, _listener):
        event.listen(db.session, _name, _listener)
