"""The Children in Need census XML for the year ending 31 March: every child with a section 47
enquiry or a child protection plan in the year, in the element order of the DfE schema
(CIN_schema_2026.xsd). The file is written only when no record breaks the census rules."""

import xml.etree.ElementTree as ET
from datetime import date, datetime

from conference.domain import cin_rules, timescales
from conference.domain.wording import long_date
from conference.services.returns.children import ChildRecord, child_records
from conference.services.returns.exports import Export, ExportRefused

SOFTWARE_CODE = "Child protection conference toolkit"
RELEASE = "1"
SERIAL_NUMBER = "001"
NOT_OBTAINED = "NOBT"  # the census's ethnicity code when it is not known yet
NO_DISABILITY = "NONE"


CONTENT_TYPE = "application/xml"


def cin_census(year: int, la_code: str, now: datetime) -> Export:
    """The census XML for the year ending 31 March `year`.

    :raise ExportRefused: a child's record breaks a census rule, or no child is in the year.
    """
    collection = cin_rules.CollectionYear(year)
    records = [
        record
        for record in child_records(collection.reference_date)
        if cin_rules.in_return(record.periods, record.case.section_47_started_on, collection)
    ]
    if not records:
        raise ExportRefused(
            [f"No child had a section 47 enquiry or a child protection plan in {year - 1}-{year}"]
        )
    problems = [
        f"{record.label}: {problem}"
        for record in records
        for problem in record_problems(record, collection)
    ]
    if problems:
        raise ExportRefused(problems)
    return Export(
        census_xml(records, collection, la_code, now),
        f"cin-census-{year}.xml",
        CONTENT_TYPE,
        len(records),
        {"return": "cin", "year": year},
    )


def record_problems(record: ChildRecord, collection: cin_rules.CollectionYear) -> list[str]:
    case = record.case
    icpc = _initial_conference(record, collection)
    found = cin_rules.episode_problems(
        case.referral_source,
        case.primary_need_code,
        case.section_47_started_on,
        icpc.held_on if icpc is not None else None,
        _in_census(case.closed_on, collection),
        case.closure_reason,
    )
    found += cin_rules.child_problems(record.child.local_child_id)
    found += cin_rules.problems(
        _periods(record, collection), [c.held_on for c in record.initial_conferences]
    )
    for period in _periods(record, collection):
        if not period.initial_category or not period.latest_category:
            found.append(f"the plan starting on {long_date(period.start)} has no category of abuse")
    return found


def census_xml(
    records: list[ChildRecord], collection: cin_rules.CollectionYear, la_code: str, now: datetime
) -> bytes:
    message = ET.Element("Message")
    header = ET.SubElement(message, "Header")
    _add(
        ET.SubElement(header, "CollectionDetails"),
        Collection="CIN",
        Year=str(collection.year),
        ReferenceDate=collection.reference_date,
    )
    _add(
        ET.SubElement(header, "Source"),
        SourceLevel="L",
        LEA=la_code,
        SoftwareCode=SOFTWARE_CODE,
        Release=RELEASE,
        SerialNo=SERIAL_NUMBER,
        DateTime=now.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    children = ET.SubElement(message, "Children")
    for record in records:
        _child(ET.SubElement(children, "Child"), record, collection)
    ET.indent(message)
    return ET.tostring(message, encoding="utf-8", xml_declaration=True)


def _child(element, record: ChildRecord, collection) -> None:
    child, case = record.child, record.case
    _add(
        ET.SubElement(element, "ChildIdentifiers"),
        LAchildID=child.local_child_id,
        UPN=child.upn or None,
        PersonBirthDate=child.date_of_birth,
        ExpectedPersonBirthDate=child.expected_date_of_birth if child.unborn else None,
        Sex=child.sex,
    )
    characteristics = ET.SubElement(element, "ChildCharacteristics")
    _add(characteristics, Ethnicity=child.ethnicity_code or NOT_OBTAINED)
    disabilities = ET.SubElement(characteristics, "Disabilities")
    for code in child.disabilities or [NO_DISABILITY]:
        _add(disabilities, Disability=code)

    details = ET.SubElement(element, "CINdetails")
    closed_on = _in_census(case.closed_on, collection)
    icpc = _initial_conference(record, collection)
    started_on = case.section_47_started_on
    has_section_47 = _section_47_in_return(started_on, icpc, collection)
    _add(
        details,
        CINreferralDate=case.referral_date,
        ReferralSource=case.referral_source,
        PrimaryNeedCode=case.primary_need_code,
        CINclosureDate=closed_on,
        ReasonForClosure=case.closure_reason if closed_on else None,
        # The initial conference is recorded once: in the section 47 enquiry when there is one.
        DateOfInitialCPC=icpc.held_on if icpc is not None and not has_section_47 else None,
    )
    if has_section_47 and started_on is not None:
        strategy_discussion = (
            icpc.strategy_discussion_on if icpc is not None else None
        ) or started_on
        _add(
            ET.SubElement(details, "Section47"),
            S47ActualStartDate=started_on,
            InitialCPCtarget=timescales.initial_conference_due(
                strategy_discussion, timescales.default_calendar()
            ),
            DateOfInitialCPC=icpc.held_on if icpc is not None else None,
            ICPCnotRequired=_yes_no(case.icpc_not_required),
        )
    _add(details, ReferralNFA=_yes_no(case.referral_nfa))
    periods = _periods(record, collection)
    for period in periods:
        plan = ET.SubElement(details, "ChildProtectionPlans")
        _add(
            plan,
            CPPstartDate=period.start,
            CPPendDate=period.end,
            InitialCategoryOfAbuse=period.initial_category,
            LatestCategoryOfAbuse=period.latest_category,
            NumberOfPreviousCPP=str(
                cin_rules.previous_plans(record.periods, period, child.previous_plans_elsewhere)
            ),
        )
        if period.reviews:
            reviews = ET.SubElement(plan, "Reviews")
            for review in period.reviews:
                _add(reviews, CPPreviewDate=review)


def _periods(record: ChildRecord, collection) -> list[cin_rules.PlanPeriod]:
    """The plans open at some time in the year, as they stood on the reference date."""
    return [
        period
        for period in cin_rules.as_at(record.periods, collection.reference_date)
        if period.open_during(collection)
    ]


def _initial_conference(record: ChildRecord, collection):
    """The latest initial (or transfer-in) conference about the child held in the year."""
    held = [c for c in record.initial_conferences if collection.covers(c.held_on)]
    return held[-1] if held else None


def _section_47_in_return(started_on, icpc, collection) -> bool:
    """An enquiry is returned in the year it starts, or the year its initial conference is in."""
    if started_on is None or started_on > collection.reference_date:
        return False
    return collection.covers(started_on) or icpc is not None


def _in_census(day: date | None, collection) -> date | None:
    return day if day is not None and day <= collection.reference_date else None


def _yes_no(value: bool) -> str:
    return "1" if value else "0"


def _add(parent, **children) -> None:
    """Child elements in the order given, leaving out those with no value."""
    for name, value in children.items():
        if value is None or value == "":
            continue
        ET.SubElement(parent, name).text = value.isoformat() if isinstance(value, date) else value
