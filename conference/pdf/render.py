"""Rendering documents to PDF: a Jinja environment of its own over pdf_templates/, and a URL
fetcher that serves only the project's own static files (never the network, never other files).

Every document is PDF/UA-1: tagged, with the language from <html lang> and the title from
<title>, so screen readers can read it.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "pdf_templates"
STATIC = ROOT / "static"
BASE_URL = "app-static:/"


class RefusedURL(ValueError):
    """A document asked for something other than one of our static files."""


def environment() -> Environment:
    """The documents' own Jinja environment: autoescaped, and strict so a missing value is an
    error rather than a silent gap in a document a family will rely on."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_ENVIRONMENT = environment()


class StaticOnlyFetcher(URLFetcher):
    """Serves `app-static:/path` from static/ and refuses everything else (http, file, data…):
    a document never reaches the network or reads files outside static/."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "app-static":
            raise RefusedURL(f"documents may only use the app's static files, not {parts.scheme}:")
        path = (STATIC / unquote(parts.path).lstrip("/")).resolve()
        if STATIC.resolve() not in path.parents or not path.is_file():
            raise RefusedURL("documents may only use the app's static files")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def render_html(template_name: str, **context) -> str:
    return _ENVIRONMENT.get_template(template_name).render(**context)


def render_pdf(template_name: str, **context) -> bytes:
    """The document as PDF/UA-1 bytes. The template sets <html lang> and <title>."""
    html = render_html(template_name, **context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")
