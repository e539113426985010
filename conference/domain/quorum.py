"""Attendance and quorum (docs/domain.md section 3).

A conference is quorate when children's social care and at least two other agencies attend.
The unit is the kind of agency: two teachers from one school, or a GP and a health visitor, are
one agency ("health") for the quorum, as local procedures count professional groups. The family
is not an agency, nor is someone recorded as "other" who is there for the family (a friend, or a
parent's solicitor, who attends only as a supporter). Sending a report or apologies is not
attending.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

CHILDRENS_SOCIAL_CARE = "childrens_social_care"
FAMILY = "family"
OTHER = "other"

AGENCY_TYPES = {
    CHILDRENS_SOCIAL_CARE: "Children’s social care",
    "education": "Education",
    "health": "Health",
    "police": "Police",
    "probation": "Probation",
    "housing": "Housing",
    "drug_and_alcohol": "Drug and alcohol services",
    "mental_health": "Mental health",
    "voluntary_sector": "Voluntary sector",
    FAMILY: "Family",
    OTHER: "Other",
}

INVITED = "invited"
ATTENDED = "attended"
APOLOGIES = "apologies"
REPORT_SENT = "report_sent"
EXCLUDED = "excluded"

ATTENDANCE = {
    INVITED: "Invited",
    ATTENDED: "Attended",
    APOLOGIES: "Sent apologies",
    REPORT_SENT: "Sent a report",
    EXCLUDED: "Excluded",
}

# Besides children's social care, this many other agencies must attend.
OTHER_AGENCIES_NEEDED = 2

NOT_QUORATE = (
    "This conference is not quorate: children’s social care and at least two other agencies "
    "must attend."
)


@dataclass(frozen=True)
class Participant:
    """What the quorum needs to know about one person invited to the conference."""

    agency_type: str
    attendance: str
    for_the_family: bool = False  # a parent, relative, friend or supporter of the family


def attending_agencies(participants: Iterable[Participant]) -> list[str]:
    """The kinds of agency with at least one person at the conference, each once, in the order
    of AGENCY_TYPES. Family, and "other" people there for the family (such as a parent's
    solicitor), are left out: they are not agencies. A professional from a real agency who
    supports a parent still counts as that agency."""
    attending = {
        person.agency_type
        for person in participants
        if person.attendance == ATTENDED
        and person.agency_type != FAMILY
        and not (person.agency_type == OTHER and person.for_the_family)
    }
    return [agency for agency in AGENCY_TYPES if agency in attending]


def is_quorate(attending_agency_types: Iterable[str]) -> bool:
    """Children's social care plus at least two other agencies attend. Family never counts, and
    an agency counts once however many of its people came."""
    attending = set(attending_agency_types) - {FAMILY}
    others = attending - {CHILDRENS_SOCIAL_CARE}
    return CHILDRENS_SOCIAL_CARE in attending and len(others) >= OTHER_AGENCIES_NEEDED


def quorum_message(attending_agency_types: Iterable[str]) -> str | None:
    """The warning for the chair when the conference is not quorate, naming the agencies that
    did attend; None when it is quorate."""
    attending = [agency for agency in AGENCY_TYPES if agency in set(attending_agency_types)]
    if is_quorate(attending):
        return None
    names = ", ".join(AGENCY_TYPES[agency] for agency in attending if agency != FAMILY)
    return f"{NOT_QUORATE} Agencies attending: {names or 'none'}."


# Words in an agency's name that tell its kind, checked in this order: a school nursing
# service is health, a nursery school is education, a mental health trust is not just health.
AGENCY_WORDS = (
    ("mental_health", r"mental health|camhs"),
    ("drug_and_alcohol", r"drug|alcohol|substance"),
    ("police", r"police"),
    ("probation", r"probation"),
    ("housing", r"housing"),
    (CHILDRENS_SOCIAL_CARE, r"social care|social work|children[’']s services"),
    ("health", r"nhs|health|hospital|surgery|medical|\bgp\b|midwi|school nurs|health visit"),
    ("education", r"school|academy|college|nursery|education"),
)


def agency_type_of(agency: str, in_social_care: bool = False) -> str:
    """The kind of agency an account's agency name suggests, for someone offered from the core
    group with no type of their own; "other" when nothing in the name says (the chair can
    change it on the person's page). Social workers, their managers and chairs are children's
    social care whatever their agency is called."""
    if in_social_care:
        return CHILDRENS_SOCIAL_CARE
    name = agency.casefold()
    return next((kind for kind, words in AGENCY_WORDS if re.search(words, name)), OTHER)
