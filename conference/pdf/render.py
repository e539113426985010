"""Rendering documents to PDF: a Jinja environment of its own over pdf_templates/, and a URL
fetcher that serves only the project's own static files (never the network, never other files).

Every document is PDF/UA-1: tagged, with the language from <html lang>, each part's own
language from its `lang` attribute (tagging.py) and the title from <title>, so screen readers
can read it.

Translations are per render, never installed on the shared environment: `translations=` puts
the gettext functions in that render's context, so two documents in two languages can be made
at the same time. Pictures that are not static files (a child's drawing) are passed per render
as `attachments={"name": (bytes, content_type)}` and referred to as `attachment:name`.

A render given a `time_limit` runs in a child process that is killed when the time is up:
WeasyPrint cannot be stopped from another thread, and a document too long to lay out would
otherwise hold a server worker until the server kills it. The children are forked from a fork
server that has WeasyPrint loaded and warmed up (`warm_up.py`), never from the server process
itself, whose threads, locks and database connections a plain fork would copy.
"""

import gc
import logging
import mimetypes
import multiprocessing
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from conference.domain import wording
from conference.pdf import tagging
from conference.pdf.i18n import gettext_context, long_date

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "pdf_templates"
STATIC = ROOT / "static"
BASE_URL = "app-static:/"

logger = logging.getLogger(__name__)

tagging.install()  # each part of the structure tree in its own language (tagging.py)

STANDARD_BODY_PT = 11
LARGE_PRINT_BODY_PT = 16


class RefusedURL(ValueError):
    """A document asked for something other than one of our static files."""


class TooLongToPrint(Exception):
    """The document was not laid out within its time limit, and its render was stopped."""


class RenderFailed(RuntimeError):
    """The render child failed. The message names the error's type and where it was raised,
    never the error's own message, which could quote the family's record."""


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
    env.filters["clock_time"] = wording.clock_time
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


def render_pdf(
    template_name: str, *, translations=None, attachments=None, time_limit=None, **context
) -> bytes:
    """The document as PDF/UA-1 bytes. The template sets <html lang> and <title>. With a
    `time_limit` in seconds, laid out in a child process (`html_to_pdf_within`)."""
    html = render_html(template_name, translations=translations, **context)
    if time_limit is None:
        return html_to_pdf(html, attachments)
    return html_to_pdf_within(html, attachments, time_limit)


def html_to_pdf(html: str, attachments: dict[str, tuple[bytes, str]] | None = None) -> bytes:
    """PDF/UA-1 bytes from a document's HTML, fetching only static files and `attachments`."""
    fetcher = StaticOnlyFetcher(attachments)
    with collector_paused():
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
        return document.write_pdf(pdf_variant="pdf/ua-1", font_config=font_configuration())


_fonts = threading.local()


def font_configuration() -> FontConfiguration:
    """This thread's WeasyPrint font configuration, made at its first render and kept.

    WeasyPrint makes a new one for each render unless given one: each loads fontconfig's
    configuration and font lists again and leaves about 0.24 MB outside Python that is never
    freed, so a process that renders in itself grew with every print, and each render took
    about 6% longer (bench/README.md). The fork server's warm-up render (warm_up.py) makes its
    own, with every script's fonts opened, and the render children inherit it. One per thread,
    because Pango's font map is not made to be used by two threads at once; fonts from a
    document's @font-face rules are added to it and found again by the next render."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


_CHILDREN = multiprocessing.get_context("forkserver")
_CHILDREN.set_forkserver_preload(["conference.pdf.warm_up"])


def html_to_pdf_within(
    html: str, attachments: dict[str, tuple[bytes, str]] | None, seconds: float
) -> bytes:
    """`html_to_pdf` in a child process, killed if it has not answered within `seconds`.

    :raise TooLongToPrint: the time was up. :raise RenderFailed: the render raised, or the
    child ended without answering (killed for its memory, say).
    """
    receiver, sender = _CHILDREN.Pipe(duplex=False)
    child = _CHILDREN.Process(target=_render_child, args=(html, attachments, sender), daemon=True)
    try:
        child.start()
        sender.close()  # only the child writes: the parent sees EOF if the child dies
        if not receiver.poll(seconds):
            raise TooLongToPrint(f"not laid out within {seconds} seconds")
        outcome = receiver.recv()
    except EOFError:
        raise RenderFailed("the render child ended without a PDF") from None
    finally:
        receiver.close()
        sender.close()
        if child.is_alive():
            child.kill()
        if child.pid is not None:
            child.join()
    if outcome[0] != "made":
        raise RenderFailed("{} at {}:{}".format(*outcome[1:]))
    return outcome[1]


def start_render_children(seconds: float = 120) -> None:
    """Start the fork server (its warm-up page laid out) now rather than at the first print:
    a worker that makes documents calls it before it takes its first task."""
    html_to_pdf_within('<html lang="en"><title>Ready</title><p>Ready</p></html>', None, seconds)


def _render_child(html: str, attachments, sender) -> None:
    """In the child: send back ("made", the PDF), or ("failed", the error's type, file, line)."""
    if "conference.pdf.warm_up" not in sys.modules:
        # The fork server imports it by name, in the directory the server was started in, and
        # skips it silently if it cannot: every child then loads WeasyPrint itself.
        logger.warning("The render children start cold: start the server in the project folder")
    try:
        outcome: tuple = ("made", html_to_pdf(html, attachments))
    except Exception as error:
        where = traceback.extract_tb(error.__traceback__)[-1]
        outcome = ("failed", type(error).__name__, where.filename, where.lineno)
    sender.send(outcome)
    sender.close()


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
