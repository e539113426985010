"""The Children in Need census XML for the year ending 31 March: every child with a section 47
enquiry or a child protection plan in the year, one CINdetails for each of the child's episodes
open in the year (its own referral, assessment, child in need plan, enquiries, plans and
closure), in the element order of the DfE schema (CIN_schema_2026.xsd).

One child's record never holds back the council's return: the file holds every child, with what
is valid for the schema, and the export carries what each child's record breaks of the DfE's
rules (cin_checks) to be reported beside it."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from operator import itemgetter

from conference.domain import cin_checks, cin_rules, timescales
from conference.domain.cin_census import (
    ERROR,
    CensusChild,
    Enquiry,
    Episode,
    Finding,
    assessment_in_year,
    by_reference_date,
    cin_plan_in_year,
    enquiry_in_year,
)
from conference.domain.cin_codes import CLOSURE_REASONS, PRIMARY_NEED_CODES, REFERRAL_SOURCES
from conference.models import EnquiryOutcome
from conference.services.returns.children import (
    ChildRecord,
    Progress,
    child_record_batches,
    collector_paused,
)
from conference.services.returns.exports import Export, ExportRefused
from conference.services.returns.rows import ConferenceRow, EnquiryRow, EpisodeRow
from conference.services.returns.xml_text import Element, sub, text_of

SOFTWARE_CODE = "Child protection conference toolkit"
RELEASE = "1"
SERIAL_NUMBER = "001"
NOT_OBTAINED = "NOBT"  # the census's ethnicity code when it is not known yet
UNKNOWN_SOURCE = "10"  # the schema needs a referral source: "Unknown" when none is recorded
UNBORN_SEX = "U"  # rule 8750: an unborn child's sex is U

CONTENT_TYPE = "application/xml"


@dataclass(frozen=True)
class ChildFinding:
    """A finding about one child, with what the report needs to name the child (without
    personal data) and to link to their records."""

    label: str  # "DEMO-0001, child 2"
    case_id: int
    child_id: int
    finding: Finding
    la_child_id: str = ""  # as in the census file and the DfE's own reports
    team: str = ""  # whom the head of service asks to put it right
    worker: str = ""

    @property
    def is_error(self) -> bool:
        return self.finding.severity == ERROR


# How a finding names a child: ChildFinding with all but the finding filled in.
Whose = partial[ChildFinding]


@collector_paused()  # its objects are nearly all in use till their batch is done: 40% less CPU
def cin_census(year: int, la_code: str, now: datetime, progress: Progress | None = None) -> Export:
    """The census XML for the year ending 31 March `year`, with every finding about the
    children in it. `progress(done, total)`, if given, is told the children read after each
    batch (see `child_record_batches`).

    :raise ExportRefused: no child is in the year.
    """
    collection = cin_rules.CollectionYear(year)
    made = _made_a_batch_at_a_time(collection, timescales.default_calendar(), progress)
    if not made.whose:
        raise ExportRefused(
            [f"No child had a section 47 enquiry or a child protection plan in {year - 1}-{year}"]
        )
    if not made.texts:  # the schema wants one child at least
        raise ExportRefused(
            [
                f"No child in {year - 1}-{year} has an episode of need open in the year: add "
                f"the referrals that began them ({', '.join(who.args[0] for who in made.whose)})"
            ]
        )
    return Export(
        _file(made.texts, collection, la_code, now),
        f"cin-census-{year}.xml",
        CONTENT_TYPE,
        len(made.texts),
        {"return": "cin", "year": year},
        made.all_findings(),
    )


@dataclass
class _Made:
    """What the census keeps of each child in the return, in order: their text in the file
    (if they have an episode in the year), their findings, how a finding names them, and what
    rule 1520 needs, which looks across the whole return."""

    texts: list[str] = field(default_factory=list)
    findings: list[tuple[int, ChildFinding]] = field(default_factory=list)  # by place
    whose: list[Whose] = field(default_factory=list)
    upns: list[tuple[str, str]] = field(default_factory=list)

    def add_batch(self, batch: list[ChildRecord], collection, calendar) -> None:
        for record in batch:
            if _in_return(record, collection):
                self.add(record, census_child(record, collection, calendar), collection, calendar)

    def add(self, record: ChildRecord, child: CensusChild, collection, calendar) -> None:
        place = len(self.whose)
        self.whose.append(_whose(record))
        found = cin_checks.check_child(child, collection, calendar)
        self.findings.extend((place, self.whose[place](finding)) for finding in found)
        self.upns.append(cin_checks.in_file_upn(child))
        if child.episodes:
            self.texts.append(_child_text(child, collection))

    def all_findings(self) -> tuple[ChildFinding, ...]:
        """Each child's findings, then rule 1520's about them, child by child."""
        for place, found in cin_checks.upns_shared(self.upns).items():
            self.findings.extend((place, self.whose[place](finding)) for finding in found)
        return tuple(finding for _, finding in sorted(self.findings, key=itemgetter(0)))


def _made_a_batch_at_a_time(collection, calendar, progress: Progress | None) -> _Made:
    """Each batch of families is read, checked and written before the next is read, and only
    each child's text and findings are kept: neither every child's records nor a tree of the
    whole file (600,000 elements at 50,000 children) is ever held."""
    made = _Made()
    batches = child_record_batches(collection.reference_date, collection.start, progress)
    for batch in batches:
        made.add_batch(batch, collection, calendar)
    return made


def _whose(record: ChildRecord) -> Whose:
    case = record.case
    return partial(
        ChildFinding,
        record.label,
        case.id,
        record.child.id,
        la_child_id=record.child.local_child_id,
        team=case.team_name,
        worker=case.social_worker_name if case.social_worker_name is not None else "Unallocated",
    )


def _in_return(record: ChildRecord, collection: cin_rules.CollectionYear) -> bool:
    starts = [
        enquiry.started_on for episode in record.child.episodes for enquiry in episode.enquiries
    ]
    return cin_rules.in_return(record.periods, None, collection) or any(
        cin_rules.in_return([], started_on, collection) for started_on in starts
    )


def census_child(
    record: ChildRecord, collection: cin_rules.CollectionYear, calendar
) -> CensusChild:
    """The child's part of the return as it stood on the reference date."""
    child = record.child
    reference = collection.reference_date
    return CensusChild(
        la_child_id=child.local_child_id,
        sex=child.sex,
        born_on=child.date_of_birth,
        expected_on=child.expected_date_of_birth,
        upn=child.upn or "",
        upn_unknown=child.upn_unknown_reason,
        died_on=by_reference_date(child.died_on, collection),
        ethnicity=child.ethnicity_code,
        disabilities=tuple(child.disabilities or ()),
        episodes=tuple(episodes_in_year(record, collection, calendar)),
        previous_plans_elsewhere=child.previous_plans_elsewhere,
        all_plans=tuple(cin_rules.as_at(record.periods, reference)),
    )


def episodes_in_year(record: ChildRecord, collection, calendar) -> list[Episode]:
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

    def owner(day: date) -> EpisodeRow:
        before = [e for e in episodes if e.referral_date <= day]
        return before[-1] if before else episodes[0]

    enquiries, in_enquiries = _enquiries_in_year(record, episodes, collection, calendar)
    plans: dict[int, list[cin_rules.PlanPeriod]] = {episode.id: [] for episode in episodes}
    for period in _periods(record, collection):
        plans[owner(period.start).id].append(_reviews_in_year(period, collection))
    initial: dict[int, ConferenceRow] = {}
    for icpc in _initial_conferences(record, collection):
        if icpc.id not in in_enquiries:
            initial.setdefault(owner(icpc.held_on).id, icpc)
    return [
        _episode(episode, collection, enquiries[episode.id], plans[episode.id], initial)
        for episode in episodes
    ]


def _enquiries_in_year(record: ChildRecord, episodes, collection, calendar):
    """Each episode's enquiries in the year's return, and the initial conferences they record."""
    reference = collection.reference_date
    conferences = {c.id: c for c in record.initial_conferences}
    enquiries: dict[int, list[Enquiry]] = {episode.id: [] for episode in episodes}
    in_enquiries = set()
    for episode in episodes:
        for enquiry in episode.enquiries:
            icpc = _enquiry_conference(enquiry, record, conferences)
            if icpc is not None and icpc.held_on > reference:
                icpc = None
            held_on = icpc.held_on if icpc is not None else None
            if enquiry_in_year(enquiry.started_on, held_on, collection):
                enquiries[episode.id].append(_enquiry(enquiry, icpc, reference, calendar))
                if icpc is not None:
                    in_enquiries.add(icpc.id)
    return enquiries, in_enquiries


def _episode(episode: EpisodeRow, collection, enquiries, plans, initial) -> Episode:
    icpc = initial.get(episode.id)
    assessment = assessment_in_year(
        episode.assessment_started_on, episode.assessment_authorised_on, collection
    )
    cin_plan = cin_plan_in_year(episode.cin_plan_started_on, episode.cin_plan_ended_on, collection)
    return Episode(
        id=episode.id,
        referral_date=episode.referral_date,
        referral_source=episode.referral_source,
        primary_need=episode.primary_need_code,
        referral_nfa=episode.referral_nfa,
        closed_on=by_reference_date(episode.closed_on, collection),
        closure_reason=episode.closure_reason,
        assessment_started_on=episode.assessment_started_on if assessment else None,
        assessment_authorised_on=(
            by_reference_date(episode.assessment_authorised_on, collection) if assessment else None
        ),
        cin_plan_started_on=episode.cin_plan_started_on if cin_plan else None,
        cin_plan_ended_on=(
            by_reference_date(episode.cin_plan_ended_on, collection) if cin_plan else None
        ),
        initial_conference_on=icpc.held_on if icpc is not None else None,
        initial_conference_id=icpc.id if icpc is not None else None,
        enquiries=tuple(enquiries),
        plans=tuple(plans),
    )


def _enquiry(enquiry: EnquiryRow, icpc, reference: date, calendar) -> Enquiry:
    strategy_discussion = (
        enquiry.strategy_discussion_on
        or (icpc.strategy_discussion_on if icpc is not None else None)
        or enquiry.started_on
    )
    concluded = enquiry.completed_on is None or enquiry.completed_on <= reference
    return Enquiry(
        id=enquiry.id,
        started_on=enquiry.started_on,
        icpc_target=timescales.initial_conference_due(strategy_discussion, calendar),
        icpc_on=icpc.held_on if icpc is not None else None,
        icpc_not_required=enquiry.icpc_not_required and concluded,
        conference_id=icpc.id if icpc is not None else None,
    )


def _enquiry_conference(enquiry: EnquiryRow, record: ChildRecord, conferences: dict):
    """The initial conference the enquiry led to: the one linked, else (for an enquiry recorded
    as leading to one) the first held on or after it started."""
    if enquiry.conference_id is not None:
        return conferences.get(enquiry.conference_id)
    if enquiry.outcome not in (None, EnquiryOutcome.CONFERENCE):
        return None
    return next((c for c in record.initial_conferences if c.held_on >= enquiry.started_on), None)


def _periods(record: ChildRecord, collection) -> list[cin_rules.PlanPeriod]:
    """The plans open at some time in the year, as they stood on the reference date."""
    return [
        period
        for period in cin_rules.as_at(record.periods, collection.reference_date)
        if period.open_during(collection)
    ]


def _reviews_in_year(period: cin_rules.PlanPeriod, collection) -> cin_rules.PlanPeriod:
    """The census year's return holds the reviews held in that year; earlier ones were in
    earlier returns."""
    return replace(period, reviews=tuple(r for r in period.reviews if collection.covers(r)))


def _initial_conferences(record: ChildRecord, collection) -> list[ConferenceRow]:
    """The initial (and transfer-in) conferences about the child held in the year, latest
    first: an episode's CINdetails records one, the latest."""
    return [c for c in reversed(record.initial_conferences) if collection.covers(c.held_on)]


XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
CHILD_INDENT = 2  # Message > Children > Child
BETWEEN_CHILDREN = "\n" + "  " * CHILD_INDENT


def census_xml(
    children: list[CensusChild], collection: cin_rules.CollectionYear, la_code: str, now: datetime
) -> bytes:
    """The file of `children`, each with an episode in the year."""
    return _file([_child_text(child, collection) for child in children], collection, la_code, now)


def _file(texts: list[str], collection, la_code: str, now: datetime) -> bytes:
    """The file from each child's text: a tree of every child (600,000 elements at 50,000
    children) is never held, and the text is encoded once, not piece by piece."""
    before, after = _around_children(collection, la_code, now)
    return (before + BETWEEN_CHILDREN.join(texts) + after).encode("utf-8")


def _around_children(collection, la_code: str, now: datetime) -> tuple[str, str]:
    """The file's text before the first child and after the last, with its declaration."""
    message = Element("Message")
    header = sub(message, "Header")
    _add(
        sub(header, "CollectionDetails"),
        Collection="CIN",
        Year=str(collection.year),
        ReferenceDate=collection.reference_date,
    )
    _add(
        sub(header, "Source"),
        SourceLevel="L",
        LEA=la_code,
        SoftwareCode=SOFTWARE_CODE,
        Release=RELEASE,
        SerialNo=SERIAL_NUMBER,
        DateTime=now.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    sub(sub(message, "Children"), "Child")  # where the children go
    before, after = text_of(message).split("<Child />")
    return XML_DECLARATION + before, after


def _child_text(child: CensusChild, collection) -> str:
    element = Element("Child")
    _child(element, child, collection)
    return text_of(element, level=CHILD_INDENT)


def _child(element, child: CensusChild, collection) -> None:
    # As the census date saw it: a child born after it was still unborn then.
    unborn = child.unborn_on(collection.reference_date)
    _add(
        sub(element, "ChildIdentifiers"),
        LAchildID=child.la_child_id,
        UPN=child.upn or None,
        UPNunknown=child.upn_unknown if not child.upn else None,
        PersonBirthDate=None if unborn else child.born_on,
        ExpectedPersonBirthDate=(child.expected_on or child.born_on) if unborn else None,
        Sex=UNBORN_SEX if unborn else child.sex,
        PersonDeathDate=child.died_on,
    )
    characteristics = sub(element, "ChildCharacteristics")
    _add(characteristics, Ethnicity=child.ethnicity or NOT_OBTAINED)
    if child.disabilities:  # not known yet: left out (the schema allows it) and reported
        disabilities = sub(characteristics, "Disabilities")
        for code in child.disabilities:
            _add(disabilities, Disability=code)
    for episode in child.episodes:
        _details(sub(element, "CINdetails"), child, episode)


def _details(details, child: CensusChild, episode: Episode) -> None:
    """One episode's CINdetails, in the schema's element order. A code the schema does not
    know is left out where the schema allows (and reported by cin_checks)."""
    closed = episode.closed_on is not None
    _add(
        details,
        CINreferralDate=episode.referral_date,
        ReferralSource=_known(episode.referral_source, REFERRAL_SOURCES) or UNKNOWN_SOURCE,
        PrimaryNeedCode=_known(episode.primary_need, PRIMARY_NEED_CODES),
        CINclosureDate=episode.closed_on,
        ReasonForClosure=_known(episode.closure_reason, CLOSURE_REASONS) if closed else None,
        # The initial conference is recorded once: in the section 47 enquiry when there is one.
        DateOfInitialCPC=episode.initial_conference_on,
    )
    if episode.assessment_started_on is not None:
        _add(
            sub(details, "Assessments"),
            AssessmentActualStartDate=episode.assessment_started_on,
            AssessmentAuthorisationDate=episode.assessment_authorised_on,
        )
    if episode.cin_plan_started_on is not None:
        _add(
            sub(details, "CINPlanDates"),
            CINPlanStartDate=episode.cin_plan_started_on,
            CINPlanEndDate=episode.cin_plan_ended_on,
        )
    for enquiry in episode.enquiries:
        _add(
            sub(details, "Section47"),
            S47ActualStartDate=enquiry.started_on,
            InitialCPCtarget=enquiry.icpc_target,
            DateOfInitialCPC=enquiry.icpc_on,
            ICPCnotRequired=_yes_no(enquiry.icpc_not_required),
        )
    _add(details, ReferralNFA=_yes_no(episode.referral_nfa))
    for period in episode.plans:
        if period.initial_category and period.latest_category:
            _plan(sub(details, "ChildProtectionPlans"), child, period)


def _plan(plan, child: CensusChild, period: cin_rules.PlanPeriod) -> None:
    _add(
        plan,
        CPPstartDate=period.start,
        CPPendDate=period.end,
        InitialCategoryOfAbuse=period.initial_category,
        LatestCategoryOfAbuse=period.latest_category,
        NumberOfPreviousCPP=str(
            cin_rules.previous_plans(child.all_plans, period, child.previous_plans_elsewhere)
        ),
    )
    if period.reviews:
        reviews = sub(plan, "Reviews")
        for review in period.reviews:
            _add(reviews, CPPreviewDate=review)


def _known(code: str | None, codes: dict) -> str | None:
    return code if code in codes else None


def _yes_no(value: bool) -> str:
    return "1" if value else "0"


def _add(parent, **children) -> None:
    """Child elements in the order given, leaving out those with no value."""
    for name, value in children.items():
        if value is None or value == "":
            continue
        sub(parent, name, value.isoformat() if isinstance(value, date) else value)
