"""Ofsted's Annex A for inspections: List 7, the children on a child protection plan now or
whose plan ended in the last 6 months, with the headings and coded values of Ofsted's template."""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from sqlalchemy import select

from conference.domain import cin_rules
from conference.domain.children import age_in_years
from conference.domain.timescales import add_calendar_months
from conference.extensions import db
from conference.models import CoreGroupMeeting, Visit
from conference.returns.children import ChildRecord, child_records
from conference.returns.exports import Export

LIST_7 = "List 7"
LIST_7_HEADINGS = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Does the Child have a Disability",
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
    """Annex A as an Excel workbook, as things stand on `today`."""
    since = add_calendar_months(today, -LOOK_BACK_MONTHS)
    rows = []
    for record in child_records(today):
        periods = cin_rules.as_at(record.periods, today)
        if periods and (periods[-1].end is None or periods[-1].end >= since):
            rows.append(list_7_row(record, periods, today))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = LIST_7
    sheet.append(LIST_7_HEADINGS)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    buffer = BytesIO()
    workbook.save(buffer)
    return Export(
        buffer.getvalue(),
        f"annex-a-{today:%Y-%m-%d}.xlsx",
        CONTENT_TYPE,
        len(rows),
        {"return": "annex_a"},
    )


def list_7_row(record: ChildRecord, periods: list[cin_rules.PlanPeriod], today: date) -> list:
    """One child's row: their latest plan, their latest visit, and their allocation."""
    child, case, plan = record.child, record.case, periods[-1]
    visit = _last_visit(case.id, child.id, today)
    since = add_calendar_months(today, -LOOK_BACK_MONTHS)
    emergency = child.emergency_protection_on is not None and (
        since <= child.emergency_protection_on <= today
    )
    return [
        child.local_child_id,
        GENDERS.get(child.sex, GENDERS["U"]),
        child.ethnicity_code or NOT_OBTAINED,
        child.date_of_birth or child.expected_date_of_birth,
        age_in_years(child.date_of_birth, today) if child.date_of_birth else None,
        _y_n(any(code != "NONE" for code in child.disabilities or [])),
        plan.start,
        CATEGORIES.get(plan.initial_category, ""),
        CATEGORIES.get(plan.latest_category, ""),
        visit.visited_on if visit else None,
        _y_n(visit.seen_alone) if visit else None,
        plan.reviews[-1] if plan.reviews else None,
        plan.end,
        _y_n(emergency),
        cin_rules.previous_plans(record.periods, plan, child.previous_plans_elsewhere),
        case.team.name,
        case.social_worker.name if case.social_worker else "",
    ]


def _last_visit(case_id: int, child_id: int, today: date) -> Visit | None:
    """The latest visit recorded at the family's core groups on which the child was seen."""
    visits = db.session.scalars(
        select(Visit)
        .join(Visit.meeting)
        .where(CoreGroupMeeting.case_id == case_id, Visit.child_seen, Visit.visited_on <= today)
        .order_by(Visit.visited_on.desc(), Visit.id.desc())
    )
    return next((visit for visit in visits if child_id in (visit.child_ids or [])), None)


def _y_n(value: bool) -> str:
    return "Y" if value else "N"
