"""Audio copies of the plan (issue 19): a recording of the agreed plan read aloud (by the
interpreter, say) for a person who asked for their plan as audio.

A recording is judged by its content, never by its file name or the content type the browser
sent: only MP3, M4A (MP4 audio), Ogg, WAV and WebM files are accepted, recognised by their first
bytes. The file is kept as it was sent; what it is called when downloaded comes from the case's
reference, never the user's file name.
"""

from dataclasses import dataclass

AUDIO_FORMAT = "audio"  # the choice in Identity.plan_formats (domain/identity.py)

NOT_AUDIO = "The selected file must be an MP3, M4A, OGG, WAV or WebM audio file"
EMPTY = "The selected file is empty"


class AudioRefused(Exception):
    """The file is not a recording we accept; the message is shown beside the file field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AudioKind:
    content_type: str
    extension: str


MP3 = AudioKind("audio/mpeg", "mp3")
M4A = AudioKind("audio/mp4", "m4a")
OGG = AudioKind("audio/ogg", "ogg")
WAV = AudioKind("audio/wav", "wav")
WEBM = AudioKind("audio/webm", "webm")
KINDS = {kind.content_type: kind for kind in (MP3, M4A, OGG, WAV, WEBM)}

# The brands an MP4 file names in its first box ("ftyp") when it holds audio a phone or a
# recorder makes: Apple's audio and audiobook brands, and the general MP4 brands they also use.
MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"dash"}


def too_big_message(max_bytes: int) -> str:
    return f"The selected file must be smaller than {megabytes(max_bytes)}"


def megabytes(size: int) -> str:
    """5242880 bytes is "5MB", as the Design System writes file sizes."""
    return f"{size / (1024 * 1024):g}MB"


def check(data: bytes, max_bytes: int) -> AudioKind:
    """What kind of recording `data` is.

    :raise AudioRefused: empty, larger than `max_bytes`, or not one of the accepted kinds.
    """
    if not data:
        raise AudioRefused(EMPTY)
    if len(data) > max_bytes:
        raise AudioRefused(too_big_message(max_bytes))
    kind = kind_of(data)
    if kind is None:
        raise AudioRefused(NOT_AUDIO)
    return kind


def kind_of(data: bytes) -> AudioKind | None:
    """The kind of recording, from its first bytes; None when it is none we accept."""
    if data.startswith(b"ID3") or _mp3_frame(data):
        return MP3
    if data[4:8] == b"ftyp" and data[8:12] in MP4_AUDIO_BRANDS:
        return M4A
    if data.startswith(b"OggS"):
        return OGG
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return WAV
    # Matroska's EBML header, whose document type says WebM within its first few bytes.
    if data.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in data[:64]:
        return WEBM
    return None


def _mp3_frame(data: bytes) -> bool:
    """An MPEG audio frame header with no ID3 tag before it: eleven sync bits, then a version
    and a layer that exist (layer bits 00 are reserved: an AAC stream, not MP3)."""
    if len(data) < 4 or data[0] != 0xFF or data[1] & 0xE0 != 0xE0:
        return False
    version, layer = (data[1] >> 3) & 0b11, (data[1] >> 1) & 0b11
    bitrate = data[2] >> 4
    return version != 0b01 and layer != 0b00 and bitrate not in (0b0000, 0b1111)


def person_key(kind: str, person_id: int) -> str:
    """How a form names a person: "adult-3", "child-7"."""
    return f"{kind}-{person_id}"


def recording_for(adult_id: int | None, child_id: int | None) -> str:
    """The key of the person a recording is for: its adult, or else its child."""
    if adult_id is not None:
        return person_key("adult", adult_id)
    return person_key("child", child_id or 0)


def asked_for_audio(person) -> bool:
    return AUDIO_FORMAT in (person.plan_formats or [])
