"""My work a page at a time, for a team manager with thousands of items as for a social worker
with a few (issue 22): how many items of each kind and of each worker's cases (the summary read
first), the filters (a kind, a worker, overdue only) and the page of rows shown, most urgent
first.

A list that fits on one page, unfiltered, is shown whole, every kind under its heading as before.
Longer lists put every overdue item first, then those due within 10 working days, then the
rest, each kind in its date order; a page shows its rows under their kinds' headings, each
kind where its most urgent row on the page comes.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from math import ceil

from conference.models import User
from conference.services.my_work.items import OVERDUE, SOON, Section

PER_PAGE = 50
OTHERS = 0  # the summary's row for cases with no social worker from the team


@dataclass(frozen=True)
class Filters:
    """What the address asks for: ids and kinds only, never a name."""

    kind: str | None = None
    worker_id: int | None = None
    overdue: bool = False
    page: int = 1

    @property
    def applied(self) -> bool:
        return bool(self.kind or self.worker_id or self.overdue)


@dataclass(frozen=True)
class Tally:
    """A row of the summary: one kind of item, or one worker's cases."""

    key: str | int  # the section's key, or the worker's id
    label: str
    overdue: int
    soon: int
    total: int


@dataclass(frozen=True)
class Page:
    sections: list[Section]  # with the rows of this page only
    number: int
    pages: int
    total: int  # rows matching the filters, on every page
    whole: bool  # every kind shown, as on a short unfiltered list


@dataclass(frozen=True)
class Shown:
    """What the page shows: the summary of every item, and the page of rows."""

    page: Page
    kinds: list[Tally]
    workers: list[Tally]  # a manager's team's workers (none for the others)


def shown(sections: list[Section], filters: "Filters", team: list[User]) -> Shown:
    return Shown(
        page_of(sections, filters), kinds(sections), workers(sections, team) if team else []
    )


def band(row) -> str | None:
    """How urgent a row is: a member's action is overdue by its own "By when"; a plan to put
    right has no date to be urgent by."""
    item, urgency = row
    if urgency is not None:
        return urgency.band
    return OVERDUE if getattr(item, "overdue", False) else None


def urgency_rank(band_: str | None) -> int:
    """Overdue first, then due within 10 working days, then the rest (later, being recorded,
    owed, or with no date)."""
    return {OVERDUE: 0, SOON: 1}.get(band_ or "", 2)


def worker_of(row) -> int | None:
    return row[0].case_work.case.social_worker_id


def kinds(sections: list[Section]) -> list[Tally]:
    return [_tally(section.key, section.caption, section.rows) for section in sections]


def workers(sections: list[Section], team: list[User]) -> list[Tally]:
    """Each worker of the team with their cases' items; then, if any, the items of cases
    allocated to nobody in the team."""
    by_worker = defaultdict(list)
    for section in sections:
        for row in section.rows:
            by_worker[worker_of(row)].append(row)
    found = [_tally(worker.id, worker.name, by_worker.pop(worker.id, [])) for worker in team]
    others = [row for rows in by_worker.values() for row in rows]
    if others:
        found.append(_tally(OTHERS, "Cases with no social worker from the team", others))
    return found


def _tally(key: str | int, label: str, rows) -> Tally:
    bands = [band(row) for row in rows]
    return Tally(key, label, bands.count(OVERDUE), bands.count(SOON), len(bands))


def page_of(sections: list[Section], filters: Filters) -> Page:
    """The rows matching the filters, overdue first, a page of them."""
    per_page = PER_PAGE
    kept = [
        _with_rows(section, [row for row in section.rows if keeps(row, filters)])
        for section in sections
        if not filters.kind or section.key == filters.kind
    ]
    rows = [(index, row) for index, section in enumerate(kept) for row in section.rows]
    pages = max(1, ceil(len(rows) / per_page))
    if not filters.applied and pages == 1:
        return Page(kept, 1, 1, len(rows), whole=True)
    rows.sort(key=lambda pair: urgency_rank(band(pair[1])))  # stable: each kind keeps its order
    number = min(max(filters.page, 1), pages)
    on_page = defaultdict(list)
    for index, row in rows[(number - 1) * per_page : number * per_page]:
        on_page[index].append(row)
    # Each kind once, where its most urgent row on the page comes.
    shown = [_with_rows(kept[index], rows_) for index, rows_ in on_page.items()]
    # A kind asked for and empty still shows its heading and what it says when empty.
    return Page(shown if shown or not filters.kind else kept, number, pages, len(rows), False)


def _with_rows(section: Section, rows: list) -> Section:
    """The section with some of its rows (of whichever kind it holds)."""
    return replace(section, rows=rows)


def keeps(row, filters: Filters) -> bool:
    if filters.overdue and band(row) != OVERDUE:
        return False
    return not filters.worker_id or worker_of(row) == filters.worker_id
