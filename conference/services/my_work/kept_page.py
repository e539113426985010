"""A team manager's My work from the items kept for the day (kept.py), read a page at a time:
the database counts the summary (each kind, each worker, overdue and due soon) and picks the
page's rows in the page's order (overdue first, then due soon, then the rest; each kind in its
order, by date and case); only those rows are read whole. What is not kept (a case changed
today) is worked out live, as for everyone else, and merged in: the result is what
`page.page_of`, `page.kinds` and `page.workers` give for the same items
(tests/integration/my_work/test_my_work_kept.py).
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from math import ceil
from typing import Any

from sqlalchemy import and_, case, false, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from conference.domain.timescales import WorkingDayCalendar
from conference.extensions import db
from conference.models import (
    Case,
    KeptWork,
    KeptWorkItem,
    Oversight,
    OversightAction,
    User,
)
from conference.services.my_work import items, kept, page, queries
from conference.services.my_work.entries import Item, Link
from conference.services.my_work.items import OVERDUE, SOON, SOON_WORKING_DAYS, Section
from conference.services.my_work.page import OTHERS, Filters, Page, Shown, Tally
from conference.services.my_work.queries import CaseWork

# The kinds whose rows are as urgent as their date says (items.urgency); the others are being
# recorded, owed, or have no date.
DATED = (
    "conferences",
    "core-groups",
    "visits",
    "reports",
    "oversight",
    "reviews",
    "plans-to-finalise",
)


@dataclass(frozen=True)
class Ordered:
    """A row in the page's order: (how urgent, kind, date, case, where it came from)."""

    key: tuple
    section: str
    band: str | None
    worker_id: int | None
    row: tuple  # (item, urgency) for a row worked out live; ("kept" | "oversight", id) if kept


def page_for(
    user,
    live: list[Section],
    filters: Filters,
    team: list[User],
    today: date,
    calendar: WorkingDayCalendar,
    settings: items.Settings,
) -> Shown:
    """`live`: the manager's sections with the rows worked out live (kept.live_part)."""
    rank = {section.key: index for index, section in enumerate(live)}
    kept_rows = _kept_rows(user, today, calendar, settings, "oversight" in rank)
    counts = _counts(kept_rows)
    kinds = _kinds(live, counts)
    workers = _workers(live, team, counts) if team else []
    ordered = _live_ordered(live, rank, filters) + _kept_ordered(kept_rows, rank, filters)
    ordered.sort(key=lambda row: row.key)
    return Shown(_page(user, live, ordered, filters, today, calendar), kinds, workers)


# The kept rows, as the database counts and orders them.


def _kept_rows(user, today: date, calendar, settings: items.Settings, with_oversight: bool):
    """Every kept row of the manager's page (the team's items and their own oversight actions
    on the team's kept cases), with what orders and counts it: a subquery."""
    soon_before = calendar.add_working_days(today, SOON_WORKING_DAYS + 1)
    cases = kept.kept_cases(user, today, settings)
    section = KeptWorkItem.section
    dated = section.in_(DATED)
    kept_items = (
        select(
            literal("kept").label("source"),
            KeptWorkItem.id.label("id"),
            section.label("section"),
            KeptWorkItem.on.label("on"),
            _band(dated, KeptWorkItem.on, today, soon_before).label("band"),
            Case.social_worker_id.label("worker_id"),
            Case.reference.label("reference"),
        )
        .join(KeptWork, KeptWork.case_id == KeptWorkItem.case_id)
        .join(Case, Case.id == KeptWork.case_id)
        .where(*cases)
    )
    action = OversightAction
    actions = (
        select(
            literal("oversight").label("source"),
            action.id.label("id"),
            literal("oversight").label("section"),
            action.due_on.label("on"),
            _band(literal(True), action.due_on, today, soon_before).label("band"),
            Case.social_worker_id.label("worker_id"),
            Case.reference.label("reference"),
        )
        .join(action.oversight)
        .join(Case, Case.id == Oversight.case_id)
        .join(KeptWork, KeptWork.case_id == Case.id)
        .where(
            *cases,
            queries.open_action_of(user),
            # Their own, and those they set once overdue (items.oversight_item).
            or_(action.owner_id == user.id, action.due_on < today),
        )
    )
    return union_all(kept_items, actions if with_oversight else actions.where(false())).subquery()


def _band(dated, on, today: date, soon_before: date):
    """items.urgency's band: overdue from the day after; due soon up to 10 working days on."""
    return case(
        (and_(dated, on < today), literal(OVERDUE)),
        (and_(dated, on < soon_before), literal(SOON)),
        else_=literal(None),
    )


def _counts(rows) -> dict[str, Counter]:
    """How many kept rows of each kind and of each worker's cases, by band."""
    found: dict[str, Counter] = {"section": Counter(), "worker_id": Counter()}
    for name in found:
        column = rows.c[name]
        query = select(column, rows.c.band, func.count()).group_by(column, rows.c.band)
        for value, band, n in db.session.execute(query):
            found[name][(value, band)] += n
    return found


def _kinds(live: list[Section], counts) -> list[Tally]:
    return [_add(tally, counts["section"], tally.key) for tally in page.kinds(live)]


def _workers(live: list[Section], team: list[User], counts) -> list[Tally]:
    """page.workers with the kept rows added: the team's workers, then everyone else's."""
    ids = {worker.id for worker in team}
    by_worker = counts["worker_id"]
    others: Counter = Counter()
    for (worker_id, band), n in by_worker.items():
        if worker_id not in ids:
            others[(OTHERS, band)] += n
    found = {tally.key: tally for tally in page.workers(live, team)}
    tallies = [_add(found[worker.id], by_worker, worker.id) for worker in team]
    other = found.get(OTHERS, Tally(OTHERS, "Cases with no social worker from the team", 0, 0, 0))
    other = _add(other, others, OTHERS)
    return [*tallies, *([other] if other.total else [])]


def _add(tally: Tally, counts: Counter, key) -> Tally:
    overdue, soon = counts[(key, OVERDUE)], counts[(key, SOON)]
    total = sum(n for (value, _band), n in counts.items() if value == key)
    return replace(
        tally, overdue=tally.overdue + overdue, soon=tally.soon + soon, total=tally.total + total
    )


# The page's order: live rows and kept rows together.


def _live_ordered(live: list[Section], rank: dict, filters: Filters) -> list[Ordered]:
    found = []
    for section in live:
        if filters.kind and section.key != filters.kind:
            continue
        for position, row in enumerate(section.rows):
            if not page.keeps(row, filters):
                continue
            item: Any = row[0]
            band = page.band(row)
            on = getattr(item, "on", None)
            reference = item.case_work.case.reference
            urgency = page.urgency_rank(band)
            key = (urgency, rank[section.key], on or date.min, reference, 0, position)
            found.append(Ordered(key, section.key, band, page.worker_of(row), row))
    return found


def _kept_ordered(rows, rank: dict, filters: Filters) -> list[Ordered]:
    """The kept rows matching the filters, in the page's order, as far as the page needs: all
    their keys are read (a few columns each), their content only for the page's rows."""
    query = select(
        rows.c.source,
        rows.c.id,
        rows.c.section,
        rows.c.on,
        rows.c.band,
        rows.c.worker_id,
        rows.c.reference,
    )
    if filters.kind:
        query = query.where(rows.c.section == filters.kind)
    if filters.worker_id:
        query = query.where(rows.c.worker_id == filters.worker_id)
    if filters.overdue:
        query = query.where(rows.c.band == OVERDUE)
    found = []
    for source, row_id, section, on, band, worker_id, reference in db.session.execute(query):
        if section not in rank:
            continue
        tiebreak = 1 if source == "oversight" else 2
        key = (page.urgency_rank(band), rank[section], on or date.min, reference, tiebreak, row_id)
        found.append(Ordered(key, section, band, worker_id, (source, row_id)))
    return found


def _page(user, live: list[Section], ordered: list[Ordered], filters, today, calendar) -> Page:
    """As page.page_of: the whole list when it is short and unfiltered, else a page of rows."""
    sections = [s for s in live if not filters.kind or s.key == filters.kind]
    per_page = page.PER_PAGE
    pages = max(1, ceil(len(ordered) / per_page))
    if not filters.applied and pages == 1:
        # In each kind's own order (by date and case), not overdue first.
        ordered = sorted(ordered, key=lambda row: row.key[1:])
        whole = _filled(user, sections, ordered, today, calendar)
        return Page(whole, 1, 1, len(ordered), whole=True)
    number = min(max(filters.page, 1), pages)
    on_page = ordered[(number - 1) * per_page : number * per_page]
    filled = {s.key: s for s in _filled(user, sections, on_page, today, calendar)}
    # Each kind once, where its most urgent row on the page comes (page.page_of).
    shown = [filled[key] for key in dict.fromkeys(row.section for row in on_page)]
    empty = [replace(s, rows=[]) for s in sections]
    return Page(shown if shown or not filters.kind else empty, number, pages, len(ordered), False)


def _filled(
    user, sections: list[Section], ordered: list[Ordered], today, calendar
) -> list[Section]:
    """The sections with these rows, the kept ones read whole now."""
    kept_rows = _read_whole(user, [row.row for row in ordered if _is_kept(row)], today, calendar)
    rows: dict[str, list] = {section.key: [] for section in sections}
    for row in ordered:
        rows[row.section].append(kept_rows[row.row] if _is_kept(row) else row.row)
    return [replace(section, rows=rows[section.key]) for section in sections]


def _is_kept(row: Ordered) -> bool:
    return isinstance(row.row, tuple) and row.row[0] in ("kept", "oversight")


def _read_whole(user, wanted: list[tuple[str, int]], today: date, calendar) -> dict:
    """(item, urgency) for each kept row wanted, by ("kept" | "oversight", id)."""
    ids = {source: [i for s, i in wanted if s == source] for source in ("kept", "oversight")}
    found: dict = {}
    item_rows = db.session.execute(
        select(KeptWorkItem).where(KeptWorkItem.id.in_(ids["kept"]))
    ).scalars()
    kept_items = list(item_rows) if ids["kept"] else []
    owner = aliased(User)
    actions = (
        db.session.execute(
            select(
                OversightAction.id,
                Oversight.case_id,
                OversightAction.description,
                OversightAction.owner_id,
                owner.name,
                OversightAction.due_on,
                Oversight.held_on,
            )
            .join(OversightAction.oversight)
            .outerjoin(owner, owner.id == OversightAction.owner_id)
            .where(OversightAction.id.in_(ids["oversight"]))
        ).all()
        if ids["oversight"]
        else []
    )
    cases = _cases({row.case_id for row in kept_items} | {row[1] for row in actions})
    for row in kept_items:
        found[("kept", row.id)] = _row(row, cases[row.case_id], today, calendar)
    for action_id, case_id, *action in actions:
        owned = items.OversightRow(*action)  # type: ignore[arg-type]
        item = items.oversight_item(user, cases[case_id], owned, today)
        found[("oversight", action_id)] = (item, items.urgency(owned.due_on, today, calendar))
    return found


def _cases(ids: set[int]) -> dict[int, CaseWork]:
    rows = db.session.execute(
        select(Case.id, Case.reference, Case.team_id, Case.social_worker_id).where(
            Case.id.in_(sorted(ids))
        )
    )
    return {row[0]: CaseWork(kept.KeptCase(*row)) for row in rows}  # type: ignore[arg-type]


def _row(row: KeptWorkItem, case_work: CaseWork, today: date, calendar):
    link = Link(row.endpoint, {row.link_name: row.link_id})
    if row.section == "plans":
        plan = kept.KeptPlan(row.plan_id or 0, row.plan_number or 0)
        return (items.PlanItem(case_work, plan, row.findings or 0, link), None)  # type: ignore[arg-type]
    on = row.on or date.min  # every row but a plan's has its date
    item = Item(case_work, row.what, link, on, row.on_label, row.detail)
    return (item, kept.urgency_of(row.section, on, today, calendar))
