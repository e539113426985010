"""Rendering documents to PDF: a Jinja environment of its own over pdf_templates/, and a URL
fetcher that serves only the project's own static files (never the network, never other files).

Every document is PDF/UA-1: tagged, with the language from <html lang> and the title from
<title>, so screen readers can read it.

Translations are per render, never installed on the shared environment: `translations=` puts
the gettext functions in that render's context, so two documents in two languages can be made
at the same time. Pictures that are not static files (a child's drawing) are passed per render
as `attachments={"name": (bytes, content_type)}` and referred to as `attachment:name`.
"""

import gc
import mimetypes
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from conference.pdf.i18n import gettext_context, long_date

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "pdf_templates"
STATIC = ROOT / "static"
BASE_URL = "app-static:/"

STANDARD_BODY_PT = 11
LARGE_PRINT_BODY_PT = 16


class RefusedURL(ValueError):
    """A document asked for something other than one of our static files."""


def type_scale(large_print: bool) -> dict[str, float]:
    """Font sizes in points. Large print (RNIB's clear print guidance) is at least 16pt body
    text, with headings, small print and the page margins scaled by the same factor."""
    body = LARGE_PRINT_BODY_PT if large_print else STANDARD_BODY_PT
    factor = body / STANDARD_BODY_PT
    return {
        "body": body,
        "h1": round(22 * factor, 1),
        "h2": round(16 * factor, 1),
        "h3": round(13 * factor, 1),
        "small": round(9 * factor, 1),
        "margin": round(8 * factor, 1),
    }


def environment() -> Environment:
    """The documents' own Jinja environment: autoescaped, and strict so a missing value is an
    error rather than a silent gap in a document a family will rely on."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_null_translations(newstyle=True)
    env.globals["type_scale"] = type_scale
    env.filters["long_date"] = long_date
    return env


_ENVIRONMENT = environment()


class StaticOnlyFetcher(URLFetcher):
    """Serves `app-static:/path` from static/ and `attachment:name` from the render's own
    attachments, and refuses everything else (http, file, data…): a document never reaches the
    network or reads files outside static/."""

    def __init__(self, attachments: dict[str, tuple[bytes, str]] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.attachments = attachments or {}

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "attachment":
            name = unquote(parts.path)
            if name not in self.attachments:
                raise RefusedURL("documents may only use the attachments given to the render")
            data, content_type = self.attachments[name]
            return URLFetcherResponse(url, data, {"Content-Type": content_type})
        if parts.scheme != "app-static":
            raise RefusedURL(f"documents may only use the app's static files, not {parts.scheme}:")
        path = (STATIC / unquote(parts.path).lstrip("/")).resolve()
        if STATIC.resolve() not in path.parents or not path.is_file():
            raise RefusedURL("documents may only use the app's static files")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def render_html(template_name: str, *, translations=None, **context) -> str:
    """The document's HTML. `translations` (a gettext Translations object) translates its
    fixed text for this render only."""
    if translations is not None:
        context = {**gettext_context(translations), **context}
    return _ENVIRONMENT.get_template(template_name).render(**context)


def render_pdf(template_name: str, *, translations=None, attachments=None, **context) -> bytes:
    """The document as PDF/UA-1 bytes. The template sets <html lang> and <title>."""
    html = render_html(template_name, translations=translations, **context)
    return html_to_pdf(html, attachments)


def html_to_pdf(html: str, attachments: dict[str, tuple[bytes, str]] | None = None) -> bytes:
    """PDF/UA-1 bytes from a document's HTML, fetching only static files and `attachments`."""
    fetcher = StaticOnlyFetcher(attachments)
    with collector_paused():
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
        return document.write_pdf(pdf_variant="pdf/ua-1")


_lock = threading.Lock()
_rendering = 0  # renders in progress in this process (threads)
_paused_here = False  # whether this module turned the collector off


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a document is laid out.

    WeasyPrint builds a tree of boxes that lives for the whole render; the collector, set off by
    all those allocations, scans that tree (and every object of the app) again and again: about
    a third of a family plan's time (bench/README.md). Reference counting still frees what a
    render leaves behind; the collector resumes when the last render in the process ends."""
    global _rendering, _paused_here
    with _lock:
        if _rendering == 0 and gc.isenabled():
            gc.disable()
            _paused_here = True
        _rendering += 1
    try:
        yield
    finally:
        with _lock:
            _rendering -= 1
            if _rendering == 0 and _paused_here:
                gc.enable()
                _paused_here = False
