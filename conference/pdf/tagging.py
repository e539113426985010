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
a family plan (bench/README.md). It depends on a private function of WeasyPrint 70, so
`install()` refuses any other version rather than tag documents wrongly, and
tests/unit/pdf/test_pdf_tagging.py reads the tree back from a PDF.

Decoration (the DRAFT watermark) is not tagged here: it is a page background
(pdf_templates/_base.html), which WeasyPrint draws as an /Artifact, outside the tree.
"""

import pydyf
import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

SUPPORTED_VERSION = "70."


class UnsupportedWeasyPrint(RuntimeError):
    """The WeasyPrint installed is not the one whose structure tree this module knows."""


_original_build_box_tree = tags._build_box_tree


def install() -> None:
    """Make every tagged PDF carry its parts' languages. Safe to call more than once."""
    if not weasyprint.__version__.startswith(SUPPORTED_VERSION):
        raise UnsupportedWeasyPrint(
            f"conference.pdf.tagging knows WeasyPrint {SUPPORTED_VERSION}x, "
            f"not {weasyprint.__version__}: check weasyprint/pdf/tags.py and update it"
        )
    tags._build_box_tree = _in_language


def _in_language(box, parent, pdf, page_number, nums, annotations, page_tags):
    """WeasyPrint's elements for `box`, each given the box's language. A page's elements come
    back with /Lang only where it differs from what they inherit."""
    made = _original_build_box_tree(box, parent, pdf, page_number, nums, annotations, page_tags)
    lang = box.style["lang"]
    if not isinstance(box, boxes.PageBox):
        for element in made:
            # Elements passed up unchanged (through <html> and <body>) already have theirs.
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element
        return
    elements = list(made)
    document_lang = pdf.catalog.get("Lang")
    for element in elements:
        _drop_inherited(pdf, element, document_lang.string if document_lang else None)
    yield from elements


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
