"""Reading a tagged PDF back as a screen reader reads it: each structure element's language (its
own /Lang, else the one it inherits, down from the catalog's) and the text of the marked content
it holds (a marked-content sequence's /ActualText instead of its glyphs' text). Shared by the tests
of every document printed in a language other than English."""

import io
import re
import unicodedata

from pypdf import PdfReader

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


def marked_texts(reader: PdfReader) -> dict[tuple[int, int], str]:
    """The text of each marked-content id, by (page index, MCID): its /ActualText if it has one
    (what a reader takes instead of the glyphs' text), else its glyphs' text."""
    texts: dict[tuple[int, int], str] = {}
    for index, page in enumerate(reader.pages):
        # (MCID or None, whether the sequence has /ActualText) for each open sequence.
        open_ids: list[tuple[int | None, bool]] = []

        def before(operator, operands, _cm, _tm, index=index, open_ids=open_ids):
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else None
                get = properties.get if hasattr(properties, "get") else lambda _key: None
                mcid, actual = get("/MCID"), get("/ActualText")
                if mcid is not None and actual is not None:
                    texts[(index, mcid)] = str(actual)
                open_ids.append((mcid, actual is not None))
            elif operator == b"BMC":
                open_ids.append((None, False))
            elif operator == b"EMC" and open_ids:
                open_ids.pop()

        def text(value, _cm, _tm, _font, _size, index=index, open_ids=open_ids):
            if any(actual for _mcid, actual in open_ids):
                return  # replaced by the /ActualText
            mcid = next((m for m, _actual in reversed(open_ids) if m is not None), None)
            if mcid is not None and value:
                texts[(index, mcid)] = texts.get((index, mcid), "") + value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def structure(pdf: bytes) -> list[dict]:
    """Every structure element in reading order: its type, its own /Lang (or None), the language
    it is read in, its own /ActualText (or None), the text it holds itself and (as "all") the
    text it and the elements under it hold."""
    reader = PdfReader(io.BytesIO(pdf))
    texts = marked_texts(reader)
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    root = reader.trailer["/Root"]
    elements: list[dict] = []

    def walk(element, inherited: str) -> str:
        element = element.get_object()
        own = element.get("/Lang")
        lang = str(own) if own is not None else inherited
        actual = element.get("/ActualText")
        row = {
            "type": str(element["/S"]),
            "own": own,
            "lang": lang,
            "inherited": inherited,
            "actual": str(actual) if actual is not None else None,
        }
        elements.append(row)
        kids = element.get("/K", [])
        held, everything = [], []
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, int):
                held.append(texts.get((pages[element.raw_get("/Pg").idnum], kid), ""))
                everything.append(held[-1])
            elif kid.get_object().get("/S") is not None:
                everything.append(walk(kid, lang))
        row["text"] = "".join(held).strip()
        row["all"] = "".join(everything)
        return row["all"]

    kids = root["/StructTreeRoot"]["/K"]
    for kid in kids if isinstance(kids, list) else [kids]:
        walk(kid, str(root["/Lang"]))
    return elements


def squashed(text: str) -> str:
    """NFC, without whitespace: line breaks fall anywhere in a printed page."""
    return re.sub(r"\s", "", unicodedata.normalize("NFC", text))


def language_of(elements: list[dict], text: str) -> str:
    """The language the element holding `text` is read in."""
    found = {e["lang"] for e in elements if squashed(text) in squashed(e["text"])}
    assert len(found) == 1, (text, found)
    return found.pop()
