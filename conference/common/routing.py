"""Numbers in addresses: `<int:…>` in every route only matches what the database can hold.

Every record's id is an integer column, which PostgreSQL keeps in 32 bits (largest 2^31 - 1).
A larger number is no record's id, yet sent to the database it fails the query (SQLite cannot
take a number beyond 64 bits, and the number may be written on, as into the audit trail), so
/cases/99999999999999999999 was a server error instead of "Page not found". With this the
address does not match its route, and is not found, before any view or query sees it.
"""

from urllib.parse import urlsplit

from flask import url_for
from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**31 - 1  # PostgreSQL's integer, the type of every id column


class RecordNumber(IntegerConverter):
    """Werkzeug's `int`, with a largest value that every database's integer column holds."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=None, signed=False):
        largest = LARGEST_ID if max is None else max
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=largest, signed=signed)


def init_app(app) -> None:
    """Before any blueprint adds its routes: a rule takes its converter when it is added."""
    app.url_map.converters["int"] = RecordNumber


# ?page beyond this is no page of any list here (two million rows at 20 a page); a number too
# big for the database's OFFSET failed the query.
LAST_PAGE = 100_000


def page_number(page) -> int:
    """The page of a list to show for `?page`: page 1 for anything that is not a page."""
    return page if isinstance(page, int) and 1 <= page <= LAST_PAGE else 1


def local_address(target: str | None, otherwise: str | None = None) -> str:
    """Only go back to a page of this service: never to another site. Without a local target,
    `otherwise` (default: the home page)."""
    parts = urlsplit(target or "")
    is_local_path = (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not parts.scheme
        and not parts.netloc
    )
    return target if is_local_path else (otherwise or url_for("main.home"))
