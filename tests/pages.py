"""Reading pages as a user sees them."""

import re
from html import unescape


def text_of(html: str) -> str:
    """The visible text, tags removed and spaces collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def headings(html: str) -> list[str]:
    return [text_of(h) for h in re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, flags=re.S)]


def title(html: str) -> str:
    return text_of(re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1))


def error_messages(html: str) -> list[str]:
    """The messages beside fields, without the visually hidden "Error:" prefix."""
    found = re.findall(r'class="govuk-error-message"[^>]*>(.*?)</p>', html, flags=re.S)
    return [text_of(m).removeprefix("Error:").strip() for m in found]


def error_summary(html: str) -> list[str]:
    summary = re.search(r'class="govuk-error-summary".*?</ul>', html, flags=re.S)
    return (
        [text_of(a) for a in re.findall(r"<a [^>]*>(.*?)</a>", summary.group(0), flags=re.S)]
        if summary
        else []
    )


def assert_page(response, heading: str, status: int = 200) -> str:
    """The page has the status, exactly one <h1> with this heading, and a title starting with it."""
    html = response.get_data(as_text=True)
    assert response.status_code == status, text_of(html)[:500]
    assert headings(html) == [heading]
    assert re.sub(r"^Error: ", "", title(html)).startswith(heading + " – ")
    return html
