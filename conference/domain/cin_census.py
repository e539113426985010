"""One child's part of the Children in Need census as the year's return holds it, and what is
wrong with it. The returns service fills these from the database (keeping only what belongs in
the census year, as the DfE's rules decide); cin_checks finds what breaks the DfE's rules; the
XML is written from them. Plain Python, so the rules can be read and tested on their own.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from conference.domain.cin_rules import CollectionYear, PlanPeriod

ERROR = "error"  # the DfE refuses the return until it is put right
QUERY = "query"  # the council confirms it is right, or puts it right


class Record(StrEnum):
    """Where a finding is put right: the child's details, their list of episodes (to add one),
    one episode, one section 47 enquiry, the conference that decided the plan, or outside the
    toolkit (what it does not record)."""

    CHILD = "child"
    EPISODES = "episodes"
    EPISODE = "episode"
    ENQUIRY = "enquiry"
    CONFERENCE = "conference"
    OUTSIDE = "outside"  # what the toolkit does not record: put right in the return itself


@dataclass(frozen=True)
class Where:
    record: Record
    episode_id: int | None = None
    enquiry_id: int | None = None
    conference_id: int | None = None


@dataclass(frozen=True)
class Finding:
    """A DfE validation rule (or the toolkit's own) that a child's record breaks."""

    rule: str  # the DfE's rule number, e.g. "8840" or "8897Q"
    severity: str  # ERROR or QUERY
    message: str  # plain words, naming the record by its dates, never the child
    where: Where


@dataclass(frozen=True)
class Enquiry:
    """A Section47 group: the enquiry, its initial conference (if held by the reference date)
    and the date that conference was due."""

    id: int | None
    started_on: date
    icpc_target: date | None = None
    icpc_on: date | None = None
    icpc_not_required: bool = False
    conference_id: int | None = None


@dataclass(frozen=True)
class Episode:
    """One CINdetails: the episode of need as it stood on the reference date."""

    id: int | None
    referral_date: date
    referral_source: str | None = None
    primary_need: str | None = None
    referral_nfa: bool = False
    closed_on: date | None = None
    closure_reason: str | None = None
    # Returned when it started by the reference date and was not authorised before the year.
    assessment_started_on: date | None = None
    assessment_authorised_on: date | None = None
    # Returned when it started by the reference date and did not end before the year.
    cin_plan_started_on: date | None = None
    cin_plan_ended_on: date | None = None
    # An initial conference held in the year that no enquiry records.
    initial_conference_on: date | None = None
    initial_conference_id: int | None = None
    enquiries: tuple[Enquiry, ...] = ()
    plans: tuple[PlanPeriod, ...] = ()

    @property
    def activity(self) -> list[tuple[str, date]]:
        """What happened in the episode after the referral, by date, in plain words."""
        found = [
            ("the assessment starts", self.assessment_started_on),
            ("the assessment is authorised", self.assessment_authorised_on),
            ("the child in need plan starts", self.cin_plan_started_on),
            ("the child in need plan ends", self.cin_plan_ended_on),
            ("the initial conference", self.initial_conference_on),
        ]
        for enquiry in self.enquiries:
            found += [
                ("a section 47 enquiry starts", enquiry.started_on),
                ("the initial conference", enquiry.icpc_on),
            ]
        for plan in self.plans:
            found += [("a child protection plan starts", plan.start), ("it ends", plan.end)]
        return [(what, day) for what, day in found if day is not None]


@dataclass(frozen=True)
class CensusChild:
    """The child's identifiers and characteristics as at the reference date, and their
    episodes in the year, earliest first."""

    la_child_id: str
    sex: str
    born_on: date | None = None
    expected_on: date | None = None
    upn: str = ""
    upn_unknown: str | None = None
    died_on: date | None = None
    ethnicity: str | None = None
    disabilities: tuple[str, ...] = ()
    episodes: tuple[Episode, ...] = ()
    previous_plans_elsewhere: int = 0
    all_plans: tuple[PlanPeriod, ...] = field(default=())  # every plan, to number them

    def unborn_on(self, day: date) -> bool:
        return self.born_on is None or self.born_on > day


def assessment_in_year(started_on, authorised_on, year: CollectionYear) -> bool:
    """An assessment is returned once it has started, unless it was authorised before the year
    (rule 8696: an authorisation date falls in the census year)."""
    return (
        started_on is not None
        and started_on <= year.reference_date
        and (authorised_on is None or authorised_on >= year.start)
    )


def cin_plan_in_year(started_on, ended_on, year: CollectionYear) -> bool:
    """A child in need plan is returned once it has started, unless it ended before the year
    (rule 4013: an end date falls in the census year)."""
    return (
        started_on is not None
        and started_on <= year.reference_date
        and (ended_on is None or ended_on >= year.start)
    )


def enquiry_in_year(started_on, icpc_on, year: CollectionYear) -> bool:
    """A section 47 enquiry is returned in the year it starts, and in the year its initial
    conference is held (rules 8715 and 8740)."""
    return (
        started_on is not None
        and started_on <= year.reference_date
        and (year.covers(started_on) or year.covers(icpc_on))
    )


def by_reference_date(day: date | None, year: CollectionYear) -> date | None:
    """A date the census can know: on or before the reference date."""
    return day if day is not None and day <= year.reference_date else None
