"""Ofsted's Annex A for inspections: List 7, the children on a child protection plan now or
whose plan ended in the last 6 months, and List 5, the section 47 enquiries of the last 6
months, with the headings and lettered drop-down values of Ofsted's template.

The columns and values are those of Social Finance's LIIA Annex A schema (liia-tools,
`annex_a_pipeline/spec/Annex_A_schema.yml`), which checks councils' returns against the
template, with the template's 2026 heading "Sex" for "Gender" (docs/domain.md section 9).
"""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from conference.common.spreadsheets import safe_row
from conference.domain import cin_rules
from conference.domain.children import age_in_years
from conference.domain.timescales import add_calendar_months
from conference.domain.visits import can_be_seen_alone
from conference.domain.vocabulary import Outcome
from conference.models import EnquiryOutcome
from conference.services.returns.children import (
    ChildRecord,
    Progress,
    child_record_batches,
    collector_paused,
)
from conference.services.returns.exports import Export
from conference.services.returns.rows import FamilyRow
from conference.services.visits import last_statutory_visits

LIST_7 = "List 7"
LIST_5 = "List 5"
CHILD_HEADINGS = [  # the columns every list starts with
    "Child Unique ID",
    "Sex",
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
LIST_5_HEADINGS = [
    *CHILD_HEADINGS,
    "Strategy discussion initiating Section 47 Enquiry Start Date",
    "Was an Initial Child Protection Conference deemed unnecessary?",
    "Date of Initial Child Protection Conference",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
    "Number of Section 47 Enquiries in the last 12 months",
    "Number of ICPCs in the last 12 months",
    "Allocated Team",
    "Allocated Worker",
]

# The template's drop-down values. Yes/no questions are a) Yes / b) No, and c) Unknown where
# the template allows it (the child's disability, and whether they were seen alone).
YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"
# The template's "d) Neither" has no census sex code behind it, so nothing is written as it.
SEXES = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
# The census ethnicity codes, lettered in the template's order. LIIA's schema letters both
# REFU and NOBT "s)", a slip; "t) NOBT" (as Data to Insight's extract writes it) is unverified
# against Ofsted's template itself.
ETHNICITIES = {
    "WBRI": "a) WBRI",
    "WIRI": "b) WIRI",
    "WIRT": "c) WIRT",
    "WOTH": "d) WOTH",
    "WROM": "e) WROM",
    "MWBC": "f) MWBC",
    "MWBA": "g) MWBA",
    "MWAS": "h) MWAS",
    "MOTH": "i) MOTH",
    "AIND": "j) AIND",
    "APKN": "k) APKN",
    "ABAN": "l) ABAN",
    "AOTH": "m) AOTH",
    "BCRB": "n) BCRB",
    "BAFR": "o) BAFR",
    "BOTH": "p) BOTH",
    "CHNE": "q) CHNE",
    "OOTH": "r) OOTH",
    "REFU": "s) REFU",
    "NOBT": "t) NOBT",
}
NOT_OBTAINED = "NOBT"
CATEGORIES = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical abuse",
    "SAB": "c) Sexual abuse",
    "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}
NO_DISABILITY = "NONE"
# The worker column cannot be blank: a family with no social worker allocated says so.
UNALLOCATED = "Unallocated"
DATE_FORMAT = "dd/mm/yyyy"
LOOK_BACK_MONTHS = 6
COUNT_MONTHS = 12
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@collector_paused()
def annex_a(today: date, progress: Progress | None = None) -> Export:
    """Annex A as an Excel workbook, as things stand on `today`: List 7 (children on a plan now
    or whose plan ended in the last 6 months) and List 5 (section 47 enquiries in that time).
    Only the families with something in the last 12 months are read (the counts look back that
    far), each child with their whole history. `progress(done, total)`, if given, is told the
    children read after each batch (see `child_record_batches`).

    Each batch of families is read and written to the workbook before the next is read, and
    the workbook is written as it goes (openpyxl's write-only mode): neither every child's
    records nor every cell is ever held."""
    workbook = Workbook(write_only=True)
    list_7 = _new_sheet(workbook, LIST_7, LIST_7_HEADINGS)
    list_5 = _new_sheet(workbook, LIST_5, LIST_5_HEADINGS)
    children = 0
    since = add_calendar_months(today, -COUNT_MONTHS)
    for batch in child_record_batches(today, since, progress):
        # The last visits of the children on List 7 only, not of every child read: their
        # query is the dearest on the database.
        on_list_7 = [
            (record, plan) for record in batch if (plan := list_7_plan(record, today)) is not None
        ]
        visits = last_statutory_visits([record.child.id for record, _ in on_list_7], today)
        for record, plan in on_list_7:
            list_7.append(_cells(list_7, list_7_row(record, plan, today, visits)))
        children += len(on_list_7)
        for record in batch:
            for row in list_5_rows(record, today):
                list_5.append(_cells(list_5, row))
    buffer = BytesIO()
    workbook.save(buffer)
    return Export(
        buffer.getvalue(),
        f"annex-a-{today:%Y-%m-%d}.xlsx",
        CONTENT_TYPE,
        children,
        {"return": "annex_a"},
    )


def _new_sheet(workbook: Workbook, title: str, headings: list[str]):
    """One list: its headings in bold, kept in view while scrolling, each column wide enough
    for its heading (wrapped) and its dates. A write-only sheet takes its columns' widths and
    frozen panes before its first row."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for column, heading in enumerate(headings, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            40, max(12, len(heading) / 2)
        )
    bold, top = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    cells = [WriteOnlyCell(sheet, value) for value in safe_row(headings)]
    for cell in cells:
        cell.font, cell.alignment = bold, top
    sheet.append(cells)
    return sheet


def _cells(sheet, row: list) -> list:
    """The row's values made safe, each date as a cell of its own in the template's format."""
    return [
        _date_cell(sheet, value) if isinstance(value, date) else value for value in safe_row(row)
    ]


def _date_cell(sheet, value: date) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = DATE_FORMAT
    return cell


def yes_no(answer: bool | None) -> str:
    """A yes/no question's value; None (not known) only where the template allows c) Unknown."""
    if answer is None:
        return UNKNOWN
    return YES if answer else NO


def within(day: date | None, months: int, today: date) -> bool:
    """Whether `day` fell in the last `months` calendar months: from the same day that many
    months before `today` (the month's last day when it is shorter) to `today`, both included."""
    return day is not None and add_calendar_months(today, -months) <= day <= today


# The columns about the child


def _about_the_child(child, today: date) -> list:
    """The first six columns, the same in every list. An unborn child's date of birth is the
    expected one, and their age is blank."""
    return [
        child.local_child_id,
        SEXES.get(child.sex, SEXES["U"]),
        ETHNICITIES.get(child.ethnicity_code or NOT_OBTAINED, ETHNICITIES[NOT_OBTAINED]),
        child.date_of_birth or child.expected_date_of_birth,
        age_in_years(child.date_of_birth, today) if child.date_of_birth else None,
        yes_no(has_disability(child.disabilities)),
    ]


def has_disability(codes: list[str] | None) -> bool | None:
    """Any census disability code but NONE is a disability; ["NONE"] is none; no codes at all
    (the child form's "Not known yet") is not known."""
    if not codes:
        return None
    return any(code != NO_DISABILITY for code in codes)


def _allocation(case: FamilyRow) -> list[str]:
    return [
        case.team_name,
        case.social_worker_name if case.social_worker_name is not None else UNALLOCATED,
    ]


# List 7


def list_7_plan(record: ChildRecord, today: date) -> cin_rules.PlanPeriod | None:
    """The child's latest plan when they are on it on `today` or it ended in the last 6 months
    (6 months ago to the day included), so that they are on List 7; else None."""
    periods = cin_rules.as_at(record.periods, today)
    if not periods:
        return None
    plan = periods[-1]
    if plan.end is not None and not within(plan.end, LOOK_BACK_MONTHS, today):
        return None
    return plan


def list_7_row(record: ChildRecord, plan: cin_rules.PlanPeriod, today: date, visits: dict) -> list:
    """The child's row on List 7: their latest plan (`list_7_plan`), their last statutory visit
    and their allocation."""
    child, case = record.child, record.case
    visit = visits.get((case.id, child.id))  # services.visits.last_statutory_visits
    return [
        *_about_the_child(child, today),
        plan.start,
        CATEGORIES.get(plan.initial_category or "", ""),
        CATEGORIES.get(plan.latest_category or "", ""),
        visit.visited_on if visit else None,
        _seen_alone(child, visit),
        plan.reviews[-1] if plan.reviews else None,
        plan.end,
        yes_no(within(child.emergency_protection_on, LOOK_BACK_MONTHS, today)),
        cin_rules.previous_plans(record.periods, plan, child.previous_plans_elsewhere),
        *_allocation(case),
    ]


def _seen_alone(child, visit) -> str | None:
    """Blank with no statutory visit. A visit before the birth saw the mother: the record
    cannot say whether the baby was seen alone, so it is c) Unknown."""
    if visit is None:
        return None
    if not can_be_seen_alone(child.date_of_birth, visit.visited_on):
        return UNKNOWN
    return yes_no(visit.seen_alone)


# List 5


def list_5_rows(record: ChildRecord, today: date) -> list[list]:
    """One row per section 47 enquiry about the child whose strategy discussion, or the initial
    conference that followed it, fell in the last 6 months."""
    enquiries = [
        (enquiry, _conference_of(record, enquiry, today))
        for episode in record.child.episodes
        for enquiry in episode.enquiries
        if enquiry.started_on <= today
    ]
    counts = [
        sum(within(_strategy_on(*pair), COUNT_MONTHS, today) for pair in enquiries),
        icpcs_in_the_last_12_months(record, today),
    ]
    return [
        _list_5_row(record, enquiry, icpc, counts, today)
        for enquiry, icpc in enquiries
        if within(_strategy_on(enquiry, icpc), LOOK_BACK_MONTHS, today)
        or (icpc is not None and within(icpc.held_on, LOOK_BACK_MONTHS, today))
    ]


def icpcs_in_the_last_12_months(record: ChildRecord, today: date) -> int:
    """The child's initial conferences (finalised, with a decision about the child) held in the
    12 months to `today`, both ends included. A transfer-in conference is not an ICPC."""
    return sum(
        conference.conference_type == cin_rules.INITIAL
        and within(conference.held_on, COUNT_MONTHS, today)
        for conference in record.initial_conferences
    )


def _list_5_row(record: ChildRecord, enquiry, icpc, counts: list[int], today: date) -> list:
    """The enquiry's row. "Number of Section 47 Enquiries in the last 12 months" counts the
    child's enquiries whose strategy discussion fell in the 12 months to `today` (both ends
    included), this one among them; the ICPCs are counted the same way."""
    return [
        *_about_the_child(record.child, today),
        _strategy_on(enquiry, icpc),
        _conference_unnecessary(enquiry, icpc),
        icpc.held_on if icpc else None,
        yes_no(_decided_a_plan(icpc, record.child.id)) if icpc else None,
        *counts,
        *_allocation(record.case),
    ]


def _strategy_on(enquiry, icpc) -> date:
    """The strategy discussion that started the enquiry: the enquiry's own, else the one the
    conference recorded, else the day the enquiry started."""
    return (
        enquiry.strategy_discussion_on
        or (icpc.strategy_discussion_on if icpc else None)
        or enquiry.started_on
    )


def _conference_unnecessary(enquiry, icpc) -> str | None:
    """a) Yes when the enquiry ended without a conference, b) No when it led to one (or one was
    held), blank while it is still going on."""
    if enquiry.icpc_not_required:
        return YES
    if enquiry.outcome == EnquiryOutcome.CONFERENCE or icpc is not None:
        return NO
    return None


def _decided_a_plan(icpc, child_id: int) -> bool:
    return any(
        decision.child_id == child_id and decision.outcome == Outcome.CHILD_PROTECTION_PLAN
        for decision in icpc.decisions
    )


def _conference_of(record: ChildRecord, enquiry, today: date):
    """The initial conference the enquiry led to, held by `today`: the one linked to it, else
    (for an enquiry not concluded otherwise) the first held on or after it started."""
    held = [c for c in record.initial_conferences if c.held_on <= today]
    if enquiry.conference_id is not None:
        return next((c for c in held if c.id == enquiry.conference_id), None)
    if enquiry.icpc_not_required:
        return None
    return next((c for c in held if c.held_on >= enquiry.started_on), None)
