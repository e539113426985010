"""Every part of a tagged PDF in its own language: the structure tree's /Lang from HTML `lang`.

A screen reader picks its voice from the language of what it reads: the catalog's /Lang for the
whole document (WeasyPrint takes it from <html lang>), and a structure element's own /Lang for a
part in another language (PDF/UA-1, ISO 14289-1 7.2; ISO 32000-1 14.9.2). WeasyPrint 70 builds
the structure tree (`weasyprint.pdf.tags._build_box_tree`: one structure element per box, after
the pages are drawn) but never writes an element's language, so the English parts of an Urdu
plan were read with an Urdu voice.

How: WeasyPrint already knows each box's language: the `lang` attribute is computed into the
box's style (`style["lang"]`, inherited, used for hyphenation and :lang()). `install()` wraps
`_build_box_tree`, which calls itself through its module's global name, so every structure
element made for a box passes through `_in_language`, which gives it the box's language. When a
page's tree is complete, `_drop_inherited` walks it from the document's /Lang down and removes
each /Lang that only repeats what the element inherits, so /Lang is written exactly where the
language changes (a Yoruba heading's English line, an Urdu label inside an English goal). The
elements WeasyPrint makes for the text of a box carry no /Lang and inherit their box's.

Why a wrapper and not a pass over the finished PDF: after the render nothing links a structure
element to the HTML element it came from (the marked-content ids are all that is left), and the
app has no PDF parser at run time (pypdf is a test dependency). The wrapper adds nothing to the
layout and only visits the elements WeasyPrint makes anyway: a few hundred dictionary writes for
a family plan (bench/README.md). It depends on private code of WeasyPrint 70
(`_build_box_tree`, and below `Stream.marked` and `Page.paint`), so `install()` refuses any
other version rather than tag documents wrongly, and
tests/integration/documents/test_tagged_languages.py reads the tree back from a PDF.

Decoration (the DRAFT watermark) is not tagged here: it is a page background
(pdf_templates/_base.html), which WeasyPrint draws as an /Artifact, outside the tree.

What is printed in the page margins (the running header, OFFICIAL-SENSITIVE, the page number)
is pagination, read out on every page if it were content: WeasyPrint 70 draws it as tagged
content and builds structure elements for it that it leaves out of the tree (PDF 1.7 has no
artifact element), so it is neither content nor artifact. Before a page is drawn, its margin
boxes' descendants are marked (`Page.paint`); each of their runs is then drawn inside
"/Artifact <</Type /Pagination /Subtype /Header>> BDC" (or /Footer), with no MCID, and the tree
skips the margin boxes.

The real text of what is printed in Nastaliq: /ActualText. A PDF's text is read back glyph by
glyph through the font's ToUnicode map, one text per glyph. Noto Nastaliq Urdu draws different
letters with the same glyph (letters that differ only by their dots share one shape, the dots
drawn as glyphs of their own), so any one text per glyph is wrong for some words: "منصوبہ" came
out as "فصوبہ". The standard's answer (ISO 32000-1 14.9.4, PDF/UA-1 7.2) is the
text itself: every run of text in a language of GLYPH_AMBIGUOUS carries its real text as
/ActualText twice, in the marked-content sequence (where text extraction, copy and paste and
poppler's pdftotext take it) and on the structure element that holds it (where a screen reader
reading the tree takes it). The text is the TextBox's own, as laid out on its line: in logical
order, whatever the direction it is drawn in.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pydyf
import weasyprint
from weasyprint import document
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import stream, tags

SUPPORTED_VERSION = "70."

# Languages whose font draws different letters with the same glyphs (Nastaliq, for Urdu): their
# text carries /ActualText. By primary language subtag.
GLYPH_AMBIGUOUS = frozenset({"ur"})

# The attribute that marks a box drawn in a page margin: its pagination artifact's subtype.
PAGINATION = "_conference_pagination"


class UnsupportedWeasyPrint(RuntimeError):
    """The WeasyPrint installed is not the one whose structure tree this module knows."""


_original_build_box_tree = tags._build_box_tree
_original_marked = stream.Stream.marked
_original_paint = document.Page.paint


def install() -> None:
    """Make every tagged PDF carry its parts' languages, the real text of its Nastaliq and its
    margins as pagination. Safe to call more than once."""
    if not weasyprint.__version__.startswith(SUPPORTED_VERSION):
        raise UnsupportedWeasyPrint(
            f"conference.pdf.tagging knows WeasyPrint {SUPPORTED_VERSION}x, "
            f"not {weasyprint.__version__}: check weasyprint/pdf/tags.py and update it"
        )
    tags._build_box_tree = _in_language
    stream.Stream.marked = _marked_with_actual_text
    document.Page.paint = _paint_margins_as_pagination


def actual_text(box) -> str | None:
    """The real text of a run of text whose glyphs cannot be read back, else None."""
    if not isinstance(box, boxes.TextBox) or not box.text:
        return None
    lang = box.style["lang"]
    if not lang or lang.split("-")[0].lower() not in GLYPH_AMBIGUOUS:
        return None
    return box.text


def _paint_margins_as_pagination(self, page_stream, scale=1):
    """Draw the page, its margin boxes marked as pagination (a header at the top, a footer
    elsewhere) for `_marked_with_actual_text`."""
    if page_stream._tags is not None:
        for margin_box in self._page_box.children:
            if isinstance(margin_box, boxes.MarginBox):
                subtype = "Header" if margin_box.at_keyword.startswith("@top") else "Footer"
                for box in margin_box.descendants(placeholders=True):
                    setattr(box, PAGINATION, subtype)
    _original_paint(self, page_stream, scale)


@contextmanager
def _marked_with_actual_text(self, box, tag) -> Iterator[None]:
    """WeasyPrint's marked-content sequence for `box`, with the box's /ActualText if it has one;
    a pagination artifact (with the /ActualText in a /Span of its own) for a margin's box."""
    subtype = getattr(box, PAGINATION, None) if self._tags is not None else None
    if subtype is not None:
        text = actual_text(box)
        self.begin_marked_content(
            "Artifact", pydyf.Dictionary({"Type": "/Pagination", "Subtype": f"/{subtype}"})
        )
        if text is not None:
            self.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
        try:
            yield
        finally:
            if text is not None:
                self.end_marked_content()
            self.end_marked_content()
        return
    with _original_marked(self, box, tag):
        text = actual_text(box) if self._tags is not None else None
        if text is not None:
            # WeasyPrint has just written "/Span <<MCID n>> BDC": its properties are the object
            # before the operator, written out only when the PDF is.
            properties = self.stream[-2]
            if not (
                isinstance(properties, pydyf.Dictionary)
                and properties.get("MCID") == self._tags[box]["mcid"]
            ):
                raise UnsupportedWeasyPrint("marked content is not written as tagging.py knows")
            properties["ActualText"] = pydyf.String(text)
        yield


def _in_language(box, parent, pdf, page_number, nums, annotations, page_tags):
    """WeasyPrint's elements for `box`, each given the box's language. A page's elements come
    back with /Lang only where it differs from what they inherit."""
    if isinstance(box, boxes.MarginBox) and getattr(box, PAGINATION, None):
        return  # drawn as a pagination artifact, outside the tree
    made = _original_build_box_tree(box, parent, pdf, page_number, nums, annotations, page_tags)
    lang = box.style["lang"]
    if not isinstance(box, boxes.PageBox):
        for element in made:
            # Elements passed up unchanged (through <html> and <body>) already have theirs.
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element
        return
    texts = {tag["mcid"]: actual_text(text_box) for text_box, tag in page_tags.items()}
    elements = list(made)
    _give_actual_text(pdf, nums, texts)
    document_lang = pdf.catalog.get("Lang")
    for element in elements:
        _drop_inherited(pdf, element, document_lang.string if document_lang else None)
    yield from elements


def _give_actual_text(pdf, nums, texts: dict[int, str | None]) -> None:
    """Give each structure element holding a run of glyph-ambiguous text that run's /ActualText.
    A run of text has an element of its own, except in a link, which holds its runs itself."""
    held: dict[bytes, list[int]] = {}
    for mcid, reference in sorted(nums.items()):
        held.setdefault(reference, []).append(mcid)
    for reference, mcids in held.items():
        if any(texts.get(mcid) for mcid in mcids):
            element = pdf.objects[int(reference.split()[0])]
            element["ActualText"] = pydyf.String("".join(texts.get(m) or "" for m in mcids))


def _drop_inherited(pdf, element, inherited: str | None) -> None:
    """Remove /Lang from `element` and below wherever it repeats the inherited language."""
    lang = element.get("Lang")
    if lang is not None:
        if inherited is not None and lang.string.lower() == inherited.lower():
            del element["Lang"]
        else:
            inherited = lang.string
    for kid in element.get("K", ()):
        if isinstance(kid, bytes):  # a reference; the other kids are marked-content ids
            child = pdf.objects[int(kid.split()[0])]
            if child.get("Type") == "/StructElem":
                _drop_inherited(pdf, child, inherited)
