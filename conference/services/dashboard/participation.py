"""The participation figures: the child's voice at conference (views conveyed, advocacy offered
and used, children of 12 or over attending), conferences held after school hours (twilight), and
quorate conferences."""

from sqlalchemy import Select, and_, case, extract, func, or_, select

from conference.domain import quorum
from conference.domain.participation import OFFERED, PARTICIPATION_CODES
from conference.models import Attendee, Case, Child, ChildVoice, Conference
from conference.services.dashboard.figures import MET, NOT_MET
from conference.services.dashboard.rows import (
    OUTCOME,
    Counting,
    Filters,
    about_a_child,
    as_stored,
    case_columns,
    conference_rows,
    finalised_in_range,
    scoped,
)

ATTENDING_CODES = ("PN1", "PN2", "PN3", "PN4")
ADVOCATE_CODES = ("PN2", "PN5")


# The rows.


def _aged_at_least(born, on, years: int):
    """Whether someone born on `born` is `years` old on `on`, from the year, month and day as
    numbers (yyyymmdd), which works the same in SQLite and PostgreSQL."""

    def number(day):
        return extract("year", day) * 10000 + extract("month", day) * 100 + extract("day", day)

    return number(on) - number(born) >= years * 10000


def voice_rows(filters: Filters) -> Select:
    query = about_a_child(
        select(
            *case_columns(),
            Child.local_child_id.label("local_child_id"),
            Child.id.label("child_id"),
            Conference.held_on.label("event_on"),
            ChildVoice.participation_code.label("participation_code"),
            ChildVoice.advocacy_offered.label("advocacy_offered"),
            case(
                (_aged_at_least(Child.date_of_birth, Conference.held_on, 12), MET), else_=NOT_MET
            ).label("aged_12_or_over"),
        ),
        ChildVoice,
    ).where(finalised_in_range(Conference, filters))
    return scoped(query, filters)


def twilight_rows(filters: Filters) -> Select:
    return conference_rows(
        filters,
        Conference.held_on.label("event_on"),
        case((Conference.twilight, MET), else_=NOT_MET).label("outcome"),
    )


def quorum_rows(filters: Filters) -> Select:
    """The rules of conference/domain/quorum.py, in SQL: children's social care attended, and
    how many other kinds of agency did, leaving out the family and anyone "other" who came for
    the family (as conferences/attendance.py decides who that is). One grouped pass over the
    attendees of the range's conferences, joined on."""
    for_the_family = or_(
        Attendee.is_parent,
        Attendee.is_supporter,
        Attendee.adult_id.is_not(None),
        Attendee.relationship_to_family != "",
    )
    counts_as_other = and_(
        Attendee.agency_type.not_in((quorum.CHILDRENS_SOCIAL_CARE, quorum.FAMILY)),
        ~and_(Attendee.agency_type == quorum.OTHER, for_the_family),
    )
    attendance = (
        select(
            Attendee.conference_id.label("conference_id"),
            func.max(
                case((Attendee.agency_type == quorum.CHILDRENS_SOCIAL_CARE, 1), else_=0)
            ).label("social_care"),
            func.count(func.distinct(case((counts_as_other, Attendee.agency_type)))).label(
                "others"
            ),
        )
        .select_from(Attendee)
        .join(Conference, Attendee.conference_id == Conference.id)
        .join(Case, Conference.case_id == Case.id)
        .where(Attendee.attendance == quorum.ATTENDED, finalised_in_range(Conference, filters))
        .group_by(Attendee.conference_id)
    )
    attended = scoped(attendance, filters).subquery()
    quorate = and_(attended.c.social_care == 1, attended.c.others >= quorum.OTHER_AGENCIES_NEEDED)
    return conference_rows(
        filters,
        Conference.held_on.label("event_on"),
        case((quorate, MET), else_=NOT_MET).label("outcome"),
    ).outerjoin(attended, attended.c.conference_id == Conference.id)


# How each is judged.


def _conveyed(_filters, key):
    code = key[0]
    return code if code in PARTICIPATION_CODES and code != "PN0" else None


def _offered(_filters, key):
    return {OFFERED: MET, "no": NOT_MET}.get(key[0])


def _advocacy_used(_filters, key):
    offered, code = key
    if offered != OFFERED:
        return None
    return MET if code in ADVOCATE_CODES else NOT_MET


def _attending(_filters, key):
    aged_12, code = key
    if aged_12 != MET or code not in PARTICIPATION_CODES:
        return None
    return MET if code in ATTENDING_CODES else NOT_MET


VOICE_COLUMNS = (
    ("event_on", "Conference date"),
    ("participation_code", "Participation code"),
    ("advocacy_offered", "Advocacy offered"),
    ("aged_12_or_over", "Aged 12 or over"),
)


COUNTINGS = {
    "views-conveyed": Counting(voice_rows, ("participation_code",), _conveyed, VOICE_COLUMNS),
    "advocacy-offered": Counting(voice_rows, ("advocacy_offered",), _offered, VOICE_COLUMNS),
    "advocacy-used": Counting(
        voice_rows, ("advocacy_offered", "participation_code"), _advocacy_used, VOICE_COLUMNS
    ),
    "over-12-attending": Counting(
        voice_rows, ("aged_12_or_over", "participation_code"), _attending, VOICE_COLUMNS
    ),
    "twilight": Counting(
        twilight_rows, ("outcome",), as_stored, (("event_on", "Conference"), *OUTCOME)
    ),
    "quorate": Counting(
        quorum_rows, ("outcome",), as_stored, (("event_on", "Conference"), *OUTCOME)
    ),
}
