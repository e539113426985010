"""Ofsted's Annex A for inspections: List 7, the children on a child protection plan now or
whose plan ended in the last 6 months, and List 5, the section 47 enquiries of the last 6
months, with the headings and coded values of Ofsted's template."""

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from openpyxl import Workbook

from conference.common.spreadsheets import safe_row
from conference.domain import cin_rules
from conference.domain.children import age_in_years
from conference.domain.timescales import add_calendar_months
from conference.services.returns.children import ChildRecord, child_records
from conference.services.returns.exports import Export
from conference.services.visits import last_statutory_visit

LIST_7 = "List 7"
CHILD_HEADINGS = [  # the columns every list starts with
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Does the Child have a Disability",
]
LIST_7_HEADINGS = [
    *CHILD_HEADINGS,
    "Child Protection Plan Start Date",
    "Initial Category of Abuse",
    "Latest Category of Abuse",
    "Date of the Last Statutory Visit",
    "Was the Child Seen Alone?",
    "Date of latest review conference",
    "Child Protection Plan End Date",
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
    "Months (Y/N)",
    "Number of Previous Child Protection Plans",
    "Allocated Team",
    "Allocated Worker",
]
LIST_5 = "List 5"
LIST_5_HEADINGS = [
    *CHILD_HEADINGS,
    "Strategy discussion initiating Section 47 Enquiry Start Date",
    "Was an Initial Child Protection Conference deemed unnecessary? (Y/N)",
    "Date of Initial Child Protection Conference",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan (Y/N)",
    "Allocated Team",
    "Allocated Worker",
]
GENDERS = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
CATEGORIES = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical abuse",
    "EMO": "c) Emotional abuse",
    "SAB": "d) Sexual abuse",
    "MUL": "e) Multiple",
}
DATE_FORMAT = "dd/mm/yyyy"
LOOK_BACK_MONTHS = 6
NOT_OBTAINED = "NOBT"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def annex_a(today: date) -> Export:
    """Annex A as an Excel workbook, as things stand on `today`: List 7 (children on a plan now
    or whose plan ended in the last 6 months) and List 5 (section 47 enquiries in that time)."""
    since = add_calendar_months(today, -LOOK_BACK_MONTHS)
    records = child_records(today)
    rows = []
    for record in records:
        periods = cin_rules.as_at(record.periods, today)
        if periods and (periods[-1].end is None or periods[-1].end >= since):
            rows.append(list_7_row(record, periods, today))
    enquiries = [row for record in records for row in list_5_rows(record, since, today)]
    workbook = Workbook()
    _add_sheet(workbook.active, LIST_7, LIST_7_HEADINGS, rows)
    _add_sheet(workbook.create_sheet(), LIST_5, LIST_5_HEADINGS, enquiries)
    buffer = BytesIO()
    workbook.save(buffer)
    return Export(
        buffer.getvalue(),
        f"annex-a-{today:%Y-%m-%d}.xlsx",
        CONTENT_TYPE,
        len(rows),
        {"return": "annex_a"},
    )


def _add_sheet(sheet, title: str, headings: list[str], rows: list[list]) -> None:
    sheet.title = title
    sheet.append(safe_row(headings))
    for row in rows:
        sheet.append(safe_row(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT


def list_5_rows(record: ChildRecord, since: date, today: date) -> list[list]:
    """One row per section 47 enquiry about the child whose strategy discussion, or the initial
    conference that followed it, fell in the last 6 months."""
    rows = []
    for episode in record.child.episodes:
        for enquiry in episode.enquiries:
            row = list_5_row(record, enquiry, since, today)
            if row is not None:
                rows.append(row)
    return rows


def list_5_row(record: ChildRecord, enquiry, since: date, today: date) -> list | None:
    """The enquiry's row when it (its strategy discussion) or the initial conference that
    followed it fell in the last 6 months; else None."""
    child, case = record.child, record.case
    started = enquiry.started_on
    if started > today:
        return None
    icpc = _conference_of(record, enquiry, today)
    strategy = (
        enquiry.strategy_discussion_on or (icpc.strategy_discussion_on if icpc else None) or started
    )
    if not (since <= strategy or (icpc is not None and since <= icpc.held_on)):
        return None
    on_plan = icpc is not None and any(period.start == icpc.held_on for period in record.periods)
    return [
        *_about_the_child(child, today),
        strategy,
        _y_n(enquiry.icpc_not_required),
        icpc.held_on if icpc else None,
        _y_n(on_plan) if icpc else None,
        case.team.name,
        case.social_worker.name if case.social_worker else "",
    ]


def _conference_of(record: ChildRecord, enquiry, today: date):
    """The initial conference the enquiry led to, held by `today`: the one linked to it, else
    (for an enquiry not concluded otherwise) the first held on or after it started."""
    held = [c for c in record.initial_conferences if c.held_on <= today]
    if enquiry.conference_id is not None:
        return next((c for c in held if c.id == enquiry.conference_id), None)
    if enquiry.icpc_not_required:
        return None
    return next((c for c in held if c.held_on >= enquiry.started_on), None)


def _about_the_child(child, today: date) -> list:
    """The first six columns, the same in every list."""
    return [
        child.local_child_id,
        GENDERS.get(child.sex, GENDERS["U"]),
        child.ethnicity_code or NOT_OBTAINED,
        child.date_of_birth or child.expected_date_of_birth,
        age_in_years(child.date_of_birth, today) if child.date_of_birth else None,
        _y_n(any(code != "NONE" for code in child.disabilities or [])),
    ]


def list_7_row(record: ChildRecord, periods: list[cin_rules.PlanPeriod], today: date) -> list:
    """One child's row: their latest plan, their latest visit, and their allocation."""
    child, case, plan = record.child, record.case, periods[-1]
    visit = _last_visit(case.id, child.id, today)
    since = add_calendar_months(today, -LOOK_BACK_MONTHS)
    emergency = child.emergency_protection_on is not None and (
        since <= child.emergency_protection_on <= today
    )
    return [
        *_about_the_child(child, today),
        plan.start,
        _category(plan.initial_category),
        _category(plan.latest_category),
        visit.visited_on if visit else None,
        _y_n(visit.seen_alone) if visit else None,
        plan.reviews[-1] if plan.reviews else None,
        plan.end,
        _y_n(emergency),
        cin_rules.previous_plans(record.periods, plan, child.previous_plans_elsewhere),
        case.team.name,
        case.social_worker.name if case.social_worker else "",
    ]


@dataclass(frozen=True)
class LastVisit:
    visited_on: date
    seen_alone: bool


def _last_visit(case_id: int, child_id: int, today: date) -> LastVisit | None:
    """The child's last statutory visit: the latest by the lead social worker at which the
    child was seen (not a visit another agency mentioned at a core group)."""
    part = last_statutory_visit(case_id, child_id, today)
    return LastVisit(part.visit.visited_on, part.seen_alone) if part is not None else None


def _category(code: str | None) -> str:
    """The list's wording of a category of abuse; blank when none is recorded."""
    return CATEGORIES.get(code, "") if code else ""


def _y_n(value: bool) -> str:
    return "Y" if value else "N"
