"""Reading pages as a user sees them, through a real HTML parser: tinyhtml5 builds the tree the
way a browser does (the WHATWG parsing algorithm), and the helpers here read it.

`select` finds elements with a small part of CSS: a tag, `.class`, `#id`, `[attribute]` and
`[attribute="value"]`, combined (`tr.app-live__score--flagged`) and nested with spaces
(`tbody tr`). Every helper takes a whole page or a part of one."""

import re
from xml.etree.ElementTree import Element

import tinyhtml5
from tinyhtml5.parser import HTMLParser

# Never shown, so never part of a page's text.
INVISIBLE = {"script", "style"}
# A part of a page that starts with one of these tags is parsed inside the element that may hold
# it, so that the parser keeps it (a <tr> on its own is dropped anywhere but in a table).
CONTAINERS = {
    "tr": "tbody",
    "td": "tr",
    "th": "tr",
    "thead": "table",
    "tbody": "table",
    "tfoot": "table",
    "caption": "table",
    "colgroup": "table",
    "col": "colgroup",
    "option": "select",
    "optgroup": "select",
}
_FIRST_TAG = re.compile(r"\s*<([a-zA-Z][a-zA-Z0-9]*)")
_SELECTOR_PART = re.compile(
    r"""(?P<tag>^[a-zA-Z][a-zA-Z0-9-]*)|\.(?P<cls>[\w-]+)|\#(?P<id>[\w-]+)"""
    r"""|\[(?P<attr>[\w-]+)(?:="(?P<value>[^"]*)")?\]"""
)


def parse(html: str | Element) -> Element:
    """The tree of a page, or of a part of one (given a tree, that tree)."""
    if isinstance(html, Element):
        return html
    if html.lstrip()[:9].lower().startswith(("<!doctype", "<html")):
        return tinyhtml5.parse(html, namespace_html_elements=False)
    first = _FIRST_TAG.match(html)
    container = CONTAINERS.get(first.group(1).lower(), "div") if first else "div"
    return HTMLParser(namespace_html_elements=False).parse_fragment(html, container=container)


def _local_name(element: Element) -> str | None:
    """The tag without its namespace (an SVG <title> is a title), or None for a comment."""
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else None


def _pieces(element: Element):
    """The text in the element, with a space wherever a tag starts or ends."""
    name = _local_name(element)
    if name is not None and name not in INVISIBLE:
        yield " "
        yield element.text or ""
        for child in element:
            yield from _pieces(child)
            yield child.tail or ""
        yield " "
    else:
        yield " "


def text(element: Element) -> str:
    """The visible text of one element, spaces collapsed."""
    return re.sub(r"\s+", " ", "".join(_pieces(element))).strip()


def text_of(html: str) -> str:
    """The visible text, tags removed and spaces collapsed."""
    return text(parse(html))


def _matches(element: Element, part: str) -> bool:
    found = list(_SELECTOR_PART.finditer(part))
    if "".join(f.group(0) for f in found) != part:
        raise ValueError(f'pages.select understands tag.class#id[attr="value"], not {part!r}')
    name = _local_name(element)
    if name is None:
        return False
    for f in found:
        if f["tag"] and name != f["tag"].lower():
            return False
        if f["cls"] and f["cls"] not in element.get("class", "").split():
            return False
        if f["id"] and element.get("id") != f["id"]:
            return False
        if f["attr"]:
            value = element.get(f["attr"])
            if value is None or (f["value"] is not None and value != f["value"]):
                return False
    return True


def select(html: str | Element, selector: str) -> list[Element]:
    """The elements that match the selector, in the order they are on the page."""
    root = parse(html)
    scopes = [root]
    for part in selector.split():
        found = {id(e) for scope in scopes for e in scope.iter() if e is not scope}
        scopes = [e for e in root.iter() if id(e) in found and _matches(e, part)]
    return scopes


def texts(html: str | Element, selector: str) -> list[str]:
    """The visible text of each element that matches the selector."""
    return [text(element) for element in select(html, selector)]


def section(html: str, key: str) -> str:
    """The part of a page from the element with id `key` (a heading) to the next <h2>."""
    start = html.index(f'id="{key}"')
    end = html.find("<h2", start)
    return html[start : end if end != -1 else len(html)]


def section_rows(html: str, key: str) -> list[str]:
    """The text of each body row of the table in one section, in order."""
    return texts(section(html, key), "tbody tr")


def links(html: str | Element, selector: str = "a") -> list[tuple[str, str]]:
    """(href, visible text) of each link that matches the selector."""
    return [(link.get("href"), text(link)) for link in select(html, selector)]


def meta_content(html: str, name: str) -> str | None:
    """The content of the page's <meta name="…">, such as the csrf-token scripts send."""
    found = select(html, f'meta[name="{name}"]')
    return found[0].get("content") if found else None


def headings(html: str) -> list[str]:
    return texts(html, "h1")


def title(html: str) -> str:
    return texts(html, "head title")[0]


def error_messages(html: str) -> list[str]:
    """The messages beside fields, without the visually hidden "Error:" prefix."""
    return [m.removeprefix("Error:").strip() for m in texts(html, ".govuk-error-message")]


def error_summary(html: str) -> list[str]:
    summaries = select(html, ".govuk-error-summary")
    return texts(summaries[0], "a") if summaries else []


def assert_page(response, heading: str, status: int = 200) -> str:
    """The page has the status, exactly one <h1> with this heading, and a title starting with it."""
    html = response.get_data(as_text=True)
    assert response.status_code == status, text_of(html)[:500]
    assert headings(html) == [heading]
    assert title(html).removeprefix("Error: ").startswith(heading + " – ")
    return html
