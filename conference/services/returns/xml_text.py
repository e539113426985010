"""A tree of plain XML elements written as text, indented as `xml.etree.ElementTree.indent`
indents a tree, to the same bytes as `ElementTree.tostring(..., encoding="unicode")`.

The census writes some 600,000 elements at 50,000 children. ElementTree's writer walks each
tree twice (for namespaces, then to write) through general code for attributes, namespaces,
comments and mixed content; the census has none of them (elements hold either text or other
elements), so this writer is a few lines and a fraction of the time."""

from dataclasses import dataclass, field

INDENT = "  "


@dataclass(slots=True)
class Element:
    tag: str
    text: str = ""
    children: list["Element"] = field(default_factory=list)


def sub(parent: Element, tag: str, text: str = "") -> Element:
    element = Element(tag, text)
    parent.children.append(element)
    return element


def text_of(element: Element, level: int = 0) -> str:
    """The element as text, its children indented from `level` (its own depth in the file)."""
    parts: list[str] = []
    _write(element, "\n" + INDENT * level, parts)
    return "".join(parts)


def _write(element: Element, pad: str, parts: list[str]) -> None:
    tag = element.tag
    if element.children:
        inner = pad + INDENT
        parts.append(f"<{tag}>")
        for child in element.children:
            parts.append(inner)
            _write(child, inner, parts)
        parts.append(f"{pad}</{tag}>")
    elif element.text:
        parts.append(f"<{tag}>{_escaped(element.text)}</{tag}>")
    else:
        parts.append(f"<{tag} />")


def _escaped(text: str) -> str:
    # As ElementTree escapes an element's text: quotes are left as they are.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
