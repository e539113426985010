"""The Children in Need census XML for the year ending 31 March: every child with a section 47
enquiry or a child protection plan in the year, one CINdetails for each of the child's episodes
open in the year (its own referral, assessment, child in need plan, enquiries, plans and
closure), in the element order of the DfE schema (CIN_schema_2026.xsd). The file is written only
when no record breaks the census rules."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime

from conference.domain import cin_rules, timescales
from conference.domain.wording import long_date
from conference.models import ChildEpisode, Conference, EnquiryOutcome, Section47Enquiry
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
        if _in_return(record, collection)
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


def _in_return(record: ChildRecord, collection: cin_rules.CollectionYear) -> bool:
    starts = [
        enquiry.started_on for episode in record.child.episodes for enquiry in episode.enquiries
    ]
    return cin_rules.in_return(record.periods, None, collection) or any(
        cin_rules.in_return([], started_on, collection) for started_on in starts
    )


@dataclass
class EpisodeInYear:
    """One episode of need as the census year's CINdetails shows it: what had happened by the
    reference date, with the enquiries and plans that belong to it."""

    episode: ChildEpisode
    enquiries: list[tuple[Section47Enquiry, Conference | None]]
    periods: list[cin_rules.PlanPeriod]
    initial_conference: Conference | None  # held in the year, not recorded in an enquiry


def episodes_in_year(record: ChildRecord, collection) -> list[EpisodeInYear]:
    """The child's episodes open at some time in the year (one CINdetails each), earliest
    first, each with its enquiries in the return, the plans that started in it and the initial
    conference held in it. A plan or conference outside every episode goes with the episode
    nearest before it (else the first), so that nothing is left out of the return."""
    reference = collection.reference_date
    episodes = [
        episode
        for episode in record.child.episodes
        if episode.referral_date <= reference
        and (episode.closed_on is None or episode.closed_on >= collection.start)
    ]
    if not episodes:
        return []

    def owner(day: date) -> ChildEpisode:
        before = [e for e in episodes if e.referral_date <= day]
        return before[-1] if before else episodes[0]

    found = {episode.id: EpisodeInYear(episode, [], [], None) for episode in episodes}
    conferences = {c.id: c for c in record.initial_conferences}
    in_enquiries = set()
    for episode in episodes:
        for enquiry in episode.enquiries:
            icpc = _enquiry_conference(enquiry, record, conferences)
            if icpc is not None and icpc.held_on > reference:
                icpc = None
            if _section_47_in_return(enquiry.started_on, icpc, collection):
                found[episode.id].enquiries.append((enquiry, icpc))
                if icpc is not None:
                    in_enquiries.add(icpc.id)
    for period in _periods(record, collection):
        found[owner(period.start).id].periods.append(period)
    icpc = _initial_conference(record, collection)
    if icpc is not None and icpc.id not in in_enquiries:
        found[owner(icpc.held_on).id].initial_conference = icpc
    return list(found.values())


def _enquiry_conference(enquiry: Section47Enquiry, record: ChildRecord, conferences: dict):
    """The initial conference the enquiry led to: the one linked, else (for an enquiry recorded
    as leading to one) the first held on or after it started."""
    if enquiry.conference_id is not None:
        return conferences.get(enquiry.conference_id)
    if enquiry.outcome not in (None, EnquiryOutcome.CONFERENCE):
        return None
    return next((c for c in record.initial_conferences if c.held_on >= enquiry.started_on), None)


def record_problems(record: ChildRecord, collection: cin_rules.CollectionYear) -> list[str]:
    found = []
    in_year = episodes_in_year(record, collection)
    if not in_year:
        found.append("the child has no episode of need open in the year")
    for item in in_year:
        episode = item.episode
        first_enquiry = item.enquiries[0][0].started_on if item.enquiries else None
        icpcs = [icpc.held_on for _, icpc in item.enquiries if icpc is not None]
        if item.initial_conference is not None:
            icpcs.append(item.initial_conference.held_on)
        problems = cin_rules.episode_problems(
            episode.referral_source,
            episode.primary_need_code,
            first_enquiry,
            min(icpcs) if icpcs else None,
            _in_census(episode.closed_on, collection),
            episode.closure_reason,
        )
        found += [
            f"the episode referred on {long_date(episode.referral_date)}: {problem}"
            for problem in problems
        ]
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
    child = record.child
    reference = collection.reference_date
    _add(
        ET.SubElement(element, "ChildIdentifiers"),
        LAchildID=child.local_child_id,
        UPN=child.upn or None,
        UPNunknown=child.upn_unknown_reason if not child.upn else None,
        PersonBirthDate=child.date_of_birth,
        ExpectedPersonBirthDate=child.expected_date_of_birth if child.unborn else None,
        Sex=child.sex,
        PersonDeathDate=child.died_on if child.died_on and child.died_on <= reference else None,
    )
    characteristics = ET.SubElement(element, "ChildCharacteristics")
    _add(characteristics, Ethnicity=child.ethnicity_code or NOT_OBTAINED)
    disabilities = ET.SubElement(characteristics, "Disabilities")
    for code in child.disabilities or [NO_DISABILITY]:
        _add(disabilities, Disability=code)
    for item in episodes_in_year(record, collection):
        _details(ET.SubElement(element, "CINdetails"), record, item, collection)


def _details(details, record: ChildRecord, item: EpisodeInYear, collection) -> None:
    """One episode's CINdetails, in the schema's element order."""
    episode = item.episode
    reference = collection.reference_date
    closed_on = _in_census(episode.closed_on, collection)
    _add(
        details,
        CINreferralDate=episode.referral_date,
        ReferralSource=episode.referral_source,
        PrimaryNeedCode=episode.primary_need_code,
        CINclosureDate=closed_on,
        ReasonForClosure=episode.closure_reason if closed_on else None,
        # The initial conference is recorded once: in the section 47 enquiry when there is one.
        DateOfInitialCPC=(
            item.initial_conference.held_on if item.initial_conference is not None else None
        ),
    )
    _add_started(
        details,
        "Assessments",
        collection,
        AssessmentActualStartDate=episode.assessment_started_on,
        AssessmentAuthorisationDate=episode.assessment_authorised_on,
    )
    _add_started(
        details,
        "CINPlanDates",
        collection,
        CINPlanStartDate=episode.cin_plan_started_on,
        CINPlanEndDate=episode.cin_plan_ended_on,
    )
    for enquiry, icpc in item.enquiries:
        strategy_discussion = (
            enquiry.strategy_discussion_on
            or (icpc.strategy_discussion_on if icpc is not None else None)
            or enquiry.started_on
        )
        concluded = enquiry.completed_on is None or enquiry.completed_on <= reference
        _add(
            ET.SubElement(details, "Section47"),
            S47ActualStartDate=enquiry.started_on,
            InitialCPCtarget=timescales.initial_conference_due(
                strategy_discussion, timescales.default_calendar()
            ),
            DateOfInitialCPC=icpc.held_on if icpc is not None else None,
            ICPCnotRequired=_yes_no(enquiry.icpc_not_required and concluded),
        )
    _add(details, ReferralNFA=_yes_no(episode.referral_nfa))
    for period in item.periods:
        plan = ET.SubElement(details, "ChildProtectionPlans")
        _add(
            plan,
            CPPstartDate=period.start,
            CPPendDate=period.end,
            InitialCategoryOfAbuse=period.initial_category,
            LatestCategoryOfAbuse=period.latest_category,
            NumberOfPreviousCPP=str(
                cin_rules.previous_plans(
                    record.periods, period, record.child.previous_plans_elsewhere
                )
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


def _add_started(parent, tag: str, collection, **dates: date | None) -> None:
    """A group of dates (an assessment, a child in need plan) whose first date is its start: the
    group is returned once it has started by the reference date, and each date only when it is
    on or before it (a date after it belongs to next year's census)."""
    in_census = {name: _in_census(day, collection) for name, day in dates.items()}
    if next(iter(in_census.values())) is not None:
        _add(ET.SubElement(parent, tag), **in_census)


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
