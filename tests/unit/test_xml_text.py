"""The census's XML writer gives ElementTree's own bytes for the trees the census makes."""

import random
import xml.etree.ElementTree as ET

from conference.services.returns.xml_text import Element, sub, text_of

AWKWARD = ["", "2026-03-31", "RC8", "A&B <1> \"q\" 'a' >", "Ọmọ ṣe", "x" * 40, "&amp;"]


def _both(rng: random.Random, depth: int) -> tuple[Element, ET.Element]:
    ours, theirs = Element("Child"), ET.Element("Child")
    _grow(rng, ours, theirs, depth)
    return ours, theirs


def _grow(rng, ours, theirs, depth: int) -> None:
    for number in range(rng.randint(1, 4)):
        tag = f"Part{number}"
        if depth and rng.random() < 0.5:
            _grow(rng, sub(ours, tag), ET.SubElement(theirs, tag), depth - 1)
        else:
            text = rng.choice(AWKWARD)
            sub(ours, tag, text)
            ET.SubElement(theirs, tag).text = text or None


def test_the_text_is_elementtrees_at_every_level():
    rng = random.Random(7)  # noqa: S311  (trees to compare, not secrets)
    for _ in range(200):
        level = rng.randint(0, 3)
        ours, theirs = _both(rng, rng.randint(0, 4))
        ET.indent(theirs, level=level)
        assert text_of(ours, level) == ET.tostring(theirs, encoding="unicode")


def test_an_element_with_neither_text_nor_children_is_closed_in_its_own_tag():
    assert text_of(Element("Child")) == "<Child />"
    assert text_of(Element("Note", "Tom & Jerry <3>")) == "<Note>Tom &amp; Jerry &lt;3&gt;</Note>"
