"""Real pictures, built byte by byte: PNG, JPEG, GIF and the three kinds of WebP, each as small
as its format allows (or just the headers of a bigger one), for the upload tests."""

import struct
import zlib
from io import BytesIO


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width=1, height=1) -> bytes:
    """A real PNG: one white pixel, or just the headers of a bigger one."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    pixels = png_chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    return b"\x89PNG\r\n\x1a\n" + header + pixels + png_chunk(b"IEND", b"")


def jpeg(width=2, height=3) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + frame + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\xff\xd9"


def gif(width=4, height=5) -> bytes:
    return b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0) + b"\x3b"


def webp_lossy(width=6, height=7) -> bytes:
    frame = b"\x00\x00\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height)
    body = b"WEBP" + b"VP8 " + struct.pack("<I", len(frame)) + frame
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_lossless(width=8, height=9) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    frame = b"\x2f" + struct.pack("<I", bits)
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(frame)) + frame
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_extended(width=10, height=11) -> bytes:
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    frame = b"\x00\x00\x00\x00" + canvas
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(frame)) + frame
    return b"RIFF" + struct.pack("<I", len(body)) + body


# Pictures made by Pillow, which decode in full (the ones above are mostly headers), and files
# made to cost a decoder far more than their headers say.


def picture(kind="PNG", size=(4, 5), colour="red", mode="RGB", **options) -> bytes:
    """A whole picture in Pillow's format `kind` (PNG, JPEG, GIF, WEBP), saved with `options`
    (exif=…, pnginfo=…, lossless=…)."""
    from PIL import Image

    out = BytesIO()
    Image.new(mode, size, colour).save(out, kind, **options)
    return out.getvalue()


def animated_gif(colours=("red", "blue"), size=(4, 5)) -> bytes:
    from PIL import Image

    frames = [Image.new("RGB", size, colour) for colour in colours]
    out = BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


def _gif_frame(width, height) -> bytes:
    # An image descriptor at the top left, then LZW data of minimum code size 2: a clear code
    # and the end code, which leaves every pixel of the frame to draw.
    return b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x4c\x01\x00"


def gif_bomb(frames=((12_000, 12_000),)) -> bytes:
    """A GIF whose logical screen is 1 by 1 pixel, with frames of the given sizes: a header check
    sees one pixel."""
    screen = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    return screen + b"".join(_gif_frame(*size) for size in frames) + b"\x3b"


def apng_bomb(frames=10, width=4_000, height=4_000) -> bytes:
    """An animated PNG of `frames` black frames, each within the pixel limit (16 million), all
    of them together far over it: every frame shares one tiny compressed image."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then 1-bit pixels
    image = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    chunks = [png_chunk(b"IHDR", header), png_chunk(b"acTL", struct.pack(">II", frames, 0))]
    sequence = 0
    for frame in range(frames):
        control = struct.pack(">IIIIIHHBB", sequence, width, height, 0, 0, 1, 10, 0, 0)
        chunks.append(png_chunk(b"fcTL", control))
        sequence += 1
        if frame == 0:
            chunks.append(png_chunk(b"IDAT", image))
        else:
            chunks.append(png_chunk(b"fdAT", struct.pack(">I", sequence) + image))
            sequence += 1
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks) + png_chunk(b"IEND", b"")
