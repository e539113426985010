"""Pictures of the child's work (drawings, photos of direct work): checking them, and making the
clean copy that is kept.

A picture is judged by its content, never by its file name or the content type the browser
sent: only PNG, JPEG, GIF and WebP files are accepted, recognised by their first bytes. Their
width and height are read from the headers, so an "image bomb" (a small file that would
decode to an enormous image) is refused before anything draws it. The file is then decoded
frame by frame, each frame's size checked before it is drawn and all of them within one budget
of pixels (a GIF may declare a tiny screen and then hold a huge frame; an animation may hold many
large ones), and only a clean copy of its first frame is kept: a new PNG (a new JPEG for a
photo), upright, with no EXIF or other metadata (which can say where and when it was taken).
The copy is kept in the database (StoredFile), never in a folder; the user's file name is never
used.
"""

import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from flask import Response
from PIL import Image, ImageFile, ImageOps, ImageSequence

MAX_PIXELS = 40_000_000
# Pillow itself, wherever this process opens an image (WeasyPrint too), warns above the limit
# and refuses twice it; its default (about 89 million) is more than pictures here may have.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

NOT_AN_IMAGE = "The selected file must be a PNG, JPG, GIF or WebP image"
EMPTY = "The selected file is empty"
TOO_MANY_PIXELS = (
    "The selected picture is too large to use: choose a smaller picture, or take the photo "
    "at a lower resolution"
)
DAMAGED = "The selected file cannot be opened – it may be damaged"

# What Pillow raises for a file it cannot decode (truncated, corrupt, or in an unusual mode).
_UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError)


class PictureRefused(Exception):
    """The file is not a picture we accept; the message is shown beside the file field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ImageKind:
    content_type: str
    extension: str
    pillow_format: str


PNG = ImageKind("image/png", "png", "PNG")
JPEG = ImageKind("image/jpeg", "jpg", "JPEG")
GIF = ImageKind("image/gif", "gif", "GIF")
WEBP = ImageKind("image/webp", "webp", "WEBP")


@dataclass(frozen=True)
class CheckedPicture:
    """The clean copy of a file that passed every check: only `check` makes one. `kind` is the
    copy's (PNG, or JPEG for a photo), whatever the file's was."""

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
    """The clean copy of the picture in `data`, if it is one we accept.

    :raise PictureRefused: empty, larger than `max_bytes`, not a PNG, JPEG, GIF or WebP image,
        headers that cannot be read, more than MAX_PIXELS pixels (in any frame, or in all its
        frames together), or a file that cannot be decoded.
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
    return _clean_copy(_first_frame(data, kind), kind)


def _first_frame(data: bytes, kind: ImageKind) -> Image.Image:
    """Decode every frame within the budget of pixels; return the first.

    :raise PictureRefused: too many pixels, or a file Pillow cannot decode.
    """
    try:
        with _whole_files_only(), Image.open(BytesIO(data), formats=[kind.pillow_format]) as image:
            return _decode_frames(image)
    # Pillow's own check, on opening: above MAX_PIXELS it warns (an error in the tests), above
    # twice it refuses.
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureRefused(TOO_MANY_PIXELS) from None
    except _UNREADABLE:
        raise PictureRefused(DAMAGED) from None


_PILLOW_SETTINGS = threading.Lock()


@contextmanager
def _whole_files_only() -> Iterator[None]:
    """Pillow refuses a file cut short while the picture is decoded: WeasyPrint, once imported,
    tells it to draw whatever part of one it can, for the whole process. (Documents printed
    meanwhile hold only static files and clean copies, which are whole: strictness costs them
    nothing.)"""
    with _PILLOW_SETTINGS:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _decode_frames(image: Image.Image) -> Image.Image:
    first = None
    pixels = 0
    for frame in ImageSequence.Iterator(image):
        # Counted before the frame is drawn: its size may be far beyond the file's headers.
        pixels += _frame_pixels(frame)
        if pixels > MAX_PIXELS:
            raise PictureRefused(TOO_MANY_PIXELS)
        frame.load()
        if first is None:
            first = frame.copy()
    if first is None:
        raise PictureRefused(DAMAGED)
    return first


def _frame_pixels(frame: Image.Image) -> int:
    """The pixels drawing this frame costs: its canvas, or a tile of it if one is larger."""
    width, height = frame.size
    tiles = [
        (tile.extents[2] - tile.extents[0]) * (tile.extents[3] - tile.extents[1])
        for tile in getattr(frame, "tile", [])  # what is still to decode, in an opened file
        if tile.extents
    ]
    return max([width * height, *tiles])


def _clean_copy(frame: Image.Image, kind: ImageKind) -> CheckedPicture:
    """The frame upright, as a new PNG (a new JPEG for a photo), with no metadata.

    :raise PictureRefused: a frame whose colours cannot be converted.
    """
    try:
        # Phones record which way up a photo is in its EXIF, which is not kept: turn it first.
        upright = ImageOps.exif_transpose(frame)
        keep_as = JPEG if kind is JPEG else PNG
        copy = upright.convert(_mode_for(upright, keep_as))
        copy.info.clear()  # EXIF, comments, text chunks, colour profiles: nothing is copied
        out = BytesIO()
        copy.save(out, format=keep_as.pillow_format, **({"quality": 90} if keep_as is JPEG else {}))
    except _UNREADABLE:
        raise PictureRefused(DAMAGED) from None
    return CheckedPicture(out.getvalue(), keep_as, *copy.size)


# Kept as they are (a drawing scanned in black and white stays small); others are converted.
_KEPT_MODES = {"PNG": {"1", "L", "LA", "RGB", "RGBA"}, "JPEG": {"L", "RGB"}}


def _mode_for(image: Image.Image, keep_as: ImageKind) -> str:
    """The copy's colour mode. Transparency kept in the file's metadata (a GIF's or a palette
    PNG's) becomes an alpha channel, since the metadata is not copied."""
    if image.mode in _KEPT_MODES[keep_as.pillow_format] and "transparency" not in image.info:
        return image.mode
    see_through = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return "RGBA" if see_through and keep_as is PNG else "RGB"


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
