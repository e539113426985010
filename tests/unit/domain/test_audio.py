"""Recordings of the plan are recognised by their first bytes, never by their name
(conference/domain/audio.py)."""

import pytest

from conference.domain import audio

ID3_MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 32
# An MPEG-1 layer III frame header (128 kbit/s, 44.1 kHz) with no tag before it.
BARE_MP3 = b"\xff\xfb\x90\x64" + b"\x00" * 32
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00M4A isommp42" + b"\x00" * 16
OGG = b"OggS\x00\x02" + b"\x00" * 30
WAV = b"RIFF\x24\x08\x00\x00WAVEfmt " + b"\x00" * 24
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 16
# An AAC stream (ADTS): the same sync bits as MP3, with the reserved layer 00.
ADTS = b"\xff\xf1\x50\x80" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
WEBP = b"RIFF\x24\x08\x00\x00WEBPVP8 " + b"\x00" * 24
MKV_VIDEO = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x88matroska" + b"\0" * 9
QUICKTIME = b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  " + b"\x00" * 16


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (ID3_MP3, audio.MP3),
        (BARE_MP3, audio.MP3),
        (M4A, audio.M4A),
        (OGG, audio.OGG),
        (WAV, audio.WAV),
        (WEBM, audio.WEBM),
    ],
)
def test_each_accepted_kind_is_recognised_by_its_first_bytes(data, kind):
    assert audio.check(data, max_bytes=1_000) is kind


@pytest.mark.parametrize(
    "data",
    [PNG, WEBP, ADTS, MKV_VIDEO, QUICKTIME, b"<html><script>alert(1)</script></html>", b"\xff"],
)
def test_anything_else_is_refused_whatever_it_is_called(data):
    with pytest.raises(audio.AudioRefused) as refused:
        audio.check(data, max_bytes=1_000)
    assert refused.value.message == (
        "The selected file must be an MP3, M4A, OGG, WAV or WebM audio file"
    )


def test_an_empty_file_is_refused():
    with pytest.raises(audio.AudioRefused) as refused:
        audio.check(b"", max_bytes=1_000)
    assert refused.value.message == "The selected file is empty"


def test_a_file_over_the_limit_is_refused_with_the_limit_in_the_message():
    limit = 5 * 1024 * 1024
    with pytest.raises(audio.AudioRefused) as refused:
        audio.check(ID3_MP3 + b"\x00" * limit, max_bytes=limit)
    assert refused.value.message == "The selected file must be smaller than 5MB"
    assert audio.check(ID3_MP3, max_bytes=len(ID3_MP3)) is audio.MP3
