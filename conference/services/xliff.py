"""XLIFF 2.0, the file councils' translation suppliers work in (their CAT tools read and write
it): writing one from a plan's family-facing text, and reading a translated one back.

A file read back is checked against the OASIS XLIFF 2.0 core schema (schemas/, with its licence)
before anything in it is believed. It is XML from outside the council, so a document type
declaration is refused before the file is parsed: XLIFF never needs one, and it is how entity
attacks ("billion laughs", external entities reading the server's files) get in.

Plain Python over the standard library's expat and ElementTree, and xmlschema: no Flask, no
database. The plan's own rules (which units it has, whose English changed) are in
conference/services/translations.py.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.parsers import expat

import xmlschema

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "xliff_core_2.0.xsd"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SOURCE_LANGUAGE = "en"

NOT_XML = "The selected file must be an XLIFF 2.0 file: it is not XML"
DOCTYPE = (
    "The selected file must not contain a document type declaration (DOCTYPE): XLIFF files "
    "never need one"
)

TOO_MANY = (
    "The selected file must be the translation of one plan: it has far more elements, or "
    "elements nested far more deeply, than any plan’s translation"
)
# xliff, file, groups, unit, segment, target and its annotations: far fewer than this.
DEEPEST = 60
# A plan's text is a few hundred pieces of about six elements each. Checking a file against the
# schema takes about a second for every 10,000 elements: a file of many more is refused first.
MOST_ELEMENTS = 20_000

# Characters XML 1.0 cannot carry (most control characters): typed text never needs them, and
# written into the file they would make it unreadable.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


@dataclass(frozen=True)
class Unit:
    """One piece of text to translate: its id, the English, and a note telling the translator
    what it is ("Goal 1: how we will know")."""

    id: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class TranslatedUnit:
    id: str
    source: str
    target: str | None  # None when a segment has no <target>


@dataclass(frozen=True)
class TranslatedFile:
    source_language: str
    target_language: str
    units: list[TranslatedUnit]


class FileRefused(Exception):
    """The file cannot be read as XLIFF 2.0: `problems` says why, each in a sentence."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def plain(text: str) -> str:
    """Text as a file carries it and as it is compared: line ends as XML reads them (a browser
    sends CR LF; an XML parser gives LF), without the characters XML cannot carry, and without
    the spaces around it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_IN_XML.sub("", text).strip()


def write(units: list[Unit], target_language: str, file_id: str) -> bytes:
    """An XLIFF 2.0 document (UTF-8) with one <file> and a <unit> for each of `units`, each
    with one <segment> whose <source> is the English. The translator's tool adds the <target>s.
    canResegment="no": each unit must come back whole, to be matched to the plan's text."""
    # Unprefixed names in the XLIFF namespace: ElementTree cannot write a default namespace
    # beside unqualified attributes, so the namespace is declared as the attribute it is.
    root = ET.Element(
        "xliff",
        {
            "xmlns": NAMESPACE,
            "version": "2.0",
            "srcLang": SOURCE_LANGUAGE,
            "trgLang": target_language,
        },
    )
    # Kept as typed: line breaks inside a parent's words are part of what they said.
    file = ET.SubElement(root, "file", {"id": file_id, "canResegment": "no", XML_SPACE: "preserve"})
    for unit in units:
        element = ET.SubElement(file, "unit", {"id": unit.id})
        if unit.note:
            notes = ET.SubElement(element, "notes")
            ET.SubElement(notes, "note", {"category": "location"}).text = unit.note
        segment = ET.SubElement(element, "segment")
        ET.SubElement(segment, "source").text = plain(unit.source)
    ET.indent(root)  # between elements only: no <source> has elements inside it
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def read(data: bytes) -> TranslatedFile:
    """The languages and units of a translated file. Raises FileRefused when it is not XML, has
    a DOCTYPE, or is not valid against the XLIFF 2.0 core schema."""
    _refuse_unsafe(data)
    # No DOCTYPE, so no entities to expand or fetch: what defusedxml would refuse is refused above.
    root = ET.fromstring(data)  # noqa: S314
    problems = schema_problems(root)
    if problems:
        raise FileRefused(problems)
    if root.get("version") != "2.0":
        version = short(root.get("version", ""))
        raise FileRefused([f"The selected file must be XLIFF version 2.0, not ‘{version}’"])
    return TranslatedFile(
        source_language=root.get("srcLang", ""),
        target_language=root.get("trgLang", ""),
        units=[_unit(element) for element in root.iter(_tag("unit"))],
    )


class _Doctype(Exception):
    """The file declares a DOCTYPE: refused before parsing (entities could attack)."""


class _TooMany(Exception):
    """The file has too many elements, or nests too deep, to check safely."""


def _refuse_unsafe(data: bytes) -> None:
    """Parse once with expat, stopping at a DOCTYPE or an entity declaration before expat reads
    any of it, and at more elements, or elements nested deeper, than a plan's translation has
    (the schema check takes time by the element, and recurses); a file that is not well-formed
    XML is refused too."""
    parser = expat.ParserCreate()
    depth = elements = 0

    def refuse(*_args):
        raise _Doctype

    def opened(*_args):
        nonlocal depth, elements
        depth, elements = depth + 1, elements + 1
        if depth > DEEPEST or elements > MOST_ELEMENTS:
            raise _TooMany

    def closed(*_args):
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = opened
    parser.EndElementHandler = closed
    try:
        parser.Parse(data, True)
    except _Doctype:
        raise FileRefused([DOCTYPE]) from None
    except _TooMany:
        raise FileRefused([TOO_MANY]) from None
    except expat.ExpatError:
        raise FileRefused([NOT_XML]) from None


@cache
def _schema() -> xmlschema.XMLSchema:
    # allow="local": the schema's import of the xml: namespace is answered from xmlschema's own
    # copy of the W3C schema, never fetched.
    return xmlschema.XMLSchema(str(SCHEMA), allow="local", defuse="always")


SCHEMA_PROBLEMS_SHOWN = 5


def schema_problems(root) -> list[str]:
    """What makes the document invalid against the core schema, a sentence each (the first
    few), naming the unit each is in."""
    parents = {child: parent for parent in root.iter() for child in parent}
    problems = []
    for error in _schema().iter_errors(root):
        reason = (error.reason or "it does not follow the schema").replace(f"{{{NAMESPACE}}}", "")
        where = _unit_of(error.elem, parents)
        place = f" (in unit ‘{short(where)}’)" if where else ""
        problems.append(f"The selected file is not valid XLIFF 2.0{place}: {reason}")
        if len(problems) == SCHEMA_PROBLEMS_SHOWN:
            break
    return problems


def _unit_of(element, parents) -> str:
    while element is not None:
        if getattr(element, "tag", None) == _tag("unit"):
            return element.get("id", "")
        element = parents.get(element)
    return ""


def _unit(element) -> TranslatedUnit:
    """A unit's English and translation: its segments' (and ignorables') joined in order, as a
    tool that split a unit into segments would join them back."""
    parts = [child for child in element if child.tag in (_tag("segment"), _tag("ignorable"))]
    sources = [_text(part.find(_tag("source"))) for part in parts]
    targets = [part.find(_tag("target")) for part in parts]
    target = None
    if all(found is not None for found in targets):
        target = "".join(_text(found) for found in targets)
    return TranslatedUnit(element.get("id", ""), "".join(sources), target)


def _text(element) -> str:
    """The text of a <source> or <target>: its words and those of the annotations inside it
    (<mrk>, <pc>), a <cp> as its character; the codes (<ph>, <sc>, …) carry no words."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if child.tag == _tag("cp"):
            parts.append(_code_point(child.get("hex", "")))
        elif child.tag in (_tag("mrk"), _tag("pc")):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(hex_digits: str) -> str:
    try:
        return chr(int(hex_digits, 16))
    except (ValueError, OverflowError):
        return ""


SHORTEST = 60


def short(text: str) -> str:
    """A value from the file as a message quotes it: on one line, at most 60 characters."""
    text = " ".join(text.split())
    return text if len(text) <= SHORTEST else text[: SHORTEST - 1] + "…"
