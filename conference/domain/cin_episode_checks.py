"""The DfE's census rules about one episode of need (one CINdetails): its answers, what
happened before its referral or after its closure, its assessment, child in need plan and
section 47 enquiries. Part of cin_checks, which checks the child as a whole."""

from datetime import date

from conference.domain.cin_census import ERROR, QUERY, Enquiry, Episode, Finding, Record, Where
from conference.domain.cin_codes import CLOSURE_REASONS, PRIMARY_NEED_CODES, REFERRAL_SOURCES
from conference.domain.cin_rules import CollectionYear, PlanPeriod
from conference.domain.timescales import WorkingDayCalendar
from conference.domain.wording import long_date

CLOSED_AFTER_ASSESSMENT = ("RC8", "RC9")


def check_episode(
    episode: Episode, year: CollectionYear, calendar: WorkingDayCalendar
) -> list[Finding]:
    """Every rule the episode breaks on its own."""
    return (
        _answers(episode)
        + _beforereferral(episode)
        + _closure(episode)
        + _no_further_action(episode, year)
        + _assessment(episode, year, calendar)
        + _cin_plan(episode)
        + _enquiries(episode, year, calendar)
    )


def _answers(episode: Episode) -> list[Finding]:
    where = Where(Record.EPISODE, episode.id)
    found = []
    if episode.referral_source not in REFERRAL_SOURCES:
        found.append(
            Finding(
                "8866",
                ERROR,
                f"{referral(episode)} has no source of referral: the file says 10 (unknown).",
                where,
            )
        )
    if episode.primary_need not in PRIMARY_NEED_CODES and not episode.referral_nfa:
        found.append(
            Finding(
                "8610",
                ERROR,
                f"{referral(episode)} has no primary need code, but led to further action.",
                where,
            )
        )
    return found


def _beforereferral(episode: Episode) -> list[Finding]:
    """Rules 1103, 1104, 1105, 2889 and 4015: nothing in an episode before its referral."""
    referral = episode.referral_date
    found = []

    def before(rule: str, what: str, day: date | None, where: Where) -> None:
        if day is not None and day < referral:
            found.append(
                Finding(
                    rule,
                    ERROR,
                    f"{what} ({long_date(day)}) is before the referral on {long_date(referral)}.",
                    where,
                )
            )

    at_episode = Where(Record.EPISODE, episode.id)
    before("1103", "The assessment start", episode.assessment_started_on, at_episode)
    before("4015", "The child in need plan start", episode.cin_plan_started_on, at_episode)
    before(
        "1104",
        "The initial conference",
        episode.initial_conference_on,
        Where(Record.CONFERENCE, episode.id, conference_id=episode.initial_conference_id),
    )
    for enquiry in episode.enquiries:
        at_enquiry = Where(Record.ENQUIRY, episode.id, enquiry.id)
        before("2889", "The section 47 enquiry start", enquiry.started_on, at_enquiry)
        before("1104", "The initial conference", enquiry.icpc_on, at_enquiry)
    for plan in episode.plans:
        at = Where(Record.CONFERENCE, episode.id, conference_id=plan.conference_id)
        before("1105", "The child protection plan start", plan.start, at)
    return found


def _closure(episode: Episode) -> list[Finding]:
    closed = episode.closed_on
    where = Where(Record.EPISODE, episode.id)
    if closed is None:
        return []
    found = []
    if episode.closure_reason not in CLOSURE_REASONS:
        found.append(
            Finding("8805", ERROR, f"{referral(episode)} closed with no reason recorded.", where)
        )
    if closed < episode.referral_date:
        found.append(Finding("8630", ERROR, f"{referral(episode)} closes before it.", where))
    later = [(what, day) for what, day in episode.activity if day > closed]
    if later:
        what, day = later[0]
        found.append(
            Finding(
                "8565",
                ERROR,
                f"{referral(episode)} closed on {long_date(closed)}, but {what} on "
                f"{long_date(day)}, after it closed.",
                where,
            )
        )
    if episode.closure_reason in CLOSED_AFTER_ASSESSMENT and (
        episode.enquiries or episode.plans or episode.cin_plan_started_on
    ):
        found.append(
            Finding(
                "2990",
                ERROR,
                f"{referral(episode)} closed as {episode.closure_reason} (after assessment), "
                "but has a section 47 enquiry, a child protection plan or a child in need plan.",
                where,
            )
        )
    if episode.assessment_started_on is not None and episode.assessment_authorised_on is None:
        found.append(
            Finding(
                "8867",
                ERROR,
                f"{referral(episode)} is closed, but its assessment is not authorised.",
                where,
            )
        )
    for enquiry in episode.enquiries:
        if enquiry.icpc_on is None and not enquiry.icpc_not_required:
            found.append(
                Finding(
                    "8868",
                    ERROR,
                    f"{referral(episode)} is closed, but the section 47 enquiry of "
                    f"{long_date(enquiry.started_on)} has no outcome: record its initial "
                    "conference, or that none was needed.",
                    Where(Record.ENQUIRY, episode.id, enquiry.id),
                )
            )
    return found


def _no_further_action(episode: Episode, year: CollectionYear) -> list[Finding]:
    if not episode.referral_nfa:
        return []
    where = Where(Record.EPISODE, episode.id)
    found = []
    if episode.assessment_started_on or episode.enquiries or episode.initial_conference_on:
        found.append(
            Finding(
                "8831",
                ERROR,
                f"{referral(episode)} is marked no further action, but has an assessment, a "
                "section 47 enquiry or an initial conference.",
                where,
            )
        )
    if episode.cin_plan_started_on:
        found.append(
            Finding(
                "4000",
                ERROR,
                f"{referral(episode)} is marked no further action, but has a child in need plan.",
                where,
            )
        )
    if episode.plans:
        found.append(
            Finding(
                "8832",
                ERROR,
                f"{referral(episode)} is marked no further action, but has a child "
                "protection plan.",
                where,
            )
        )
    # The DfE says before the year less one working day; the validator counts from 1 April.
    if episode.referral_date < year.start:
        found.append(
            Finding(
                "8569Q",
                QUERY,
                f"{referral(episode)}, before the census year, is marked no further action.",
                where,
            )
        )
    return found


def _assessment(
    episode: Episode, year: CollectionYear, calendar: WorkingDayCalendar
) -> list[Finding]:
    started, authorised = episode.assessment_started_on, episode.assessment_authorised_on
    where = Where(Record.EPISODE, episode.id)
    found = []
    if started is None:
        if episode.enquiries:
            found.append(
                Finding(
                    "2991Q",
                    QUERY,
                    f"{referral(episode)} has a section 47 enquiry but no assessment.",
                    where,
                )
            )
        if episode.closure_reason in CLOSED_AFTER_ASSESSMENT:
            found.append(
                Finding(
                    "8825Q",
                    QUERY,
                    f"{referral(episode)} closed after assessment "
                    f"({episode.closure_reason}), but has no assessment.",
                    where,
                )
            )
        return found
    if authorised is not None:
        if authorised < started:
            found.append(
                Finding("8608", ERROR, "The assessment is authorised before it starts.", where)
            )
        found.append(
            Finding(
                "8897Q",
                QUERY,
                f"The assessment authorised on {long_date(authorised)} has no factors "
                "identified at assessment: the toolkit does not record them, so add them to "
                "the return from the assessment record.",
                Where(Record.OUTSIDE, episode.id),
            )
        )
        return found
    if started < year.start:
        found.append(
            Finding(
                "8736",
                ERROR,
                f"The assessment started on {long_date(started)}, before the census year, and "
                "is still not authorised.",
                where,
            )
        )
    elif started < calendar.subtract_working_days(year.reference_date, 44):  # as the validator
        found.append(
            Finding(
                "8670Q",
                QUERY,
                f"The assessment started on {long_date(started)}, more than 45 working days "
                f"before the census date ({long_date(year.reference_date)}), and is not "
                "authorised: authorise it, or confirm it is still going on.",
                where,
            )
        )
    return found


def _cin_plan(episode: Episode) -> list[Finding]:
    start, end = episode.cin_plan_started_on, episode.cin_plan_ended_on
    if start is None:
        return []
    where = Where(Record.EPISODE, episode.id)
    if end is not None and end < start:
        return [Finding("4011", ERROR, "The child in need plan ends before it starts.", where)]
    if end == start:
        return [
            Finding("4012Q", QUERY, "The child in need plan starts and ends on one day.", where)
        ]
    if end is None and any(plan.end is None for plan in episode.plans):
        return [
            Finding(
                "4001",
                ERROR,
                "The child in need plan and a child protection plan are both open.",
                where,
            )
        ]
    return []


def _enquiries(
    episode: Episode, year: CollectionYear, calendar: WorkingDayCalendar
) -> list[Finding]:
    found = []
    icpcs = [e.icpc_on for e in episode.enquiries if e.icpc_on is not None]
    conference_at = Where(
        Record.CONFERENCE, episode.id, conference_id=episode.initial_conference_id
    )
    if episode.initial_conference_on is not None:
        icpcs.append(episode.initial_conference_on)
        if episode.initial_conference_on.weekday() >= 5:
            found.append(_weekend(episode.initial_conference_on, conference_at))
    waiting = []
    for enquiry in episode.enquiries:
        where = Where(Record.ENQUIRY, episode.id, enquiry.id)
        if enquiry.icpc_on is not None:
            if enquiry.started_on > enquiry.icpc_on:
                found.append(
                    Finding(
                        "8615",
                        ERROR,
                        f"The section 47 enquiry starts ({long_date(enquiry.started_on)}) "
                        f"after its initial conference ({long_date(enquiry.icpc_on)}).",
                        where,
                    )
                )
            if enquiry.icpc_on.weekday() >= 5:
                found.append(_weekend(enquiry.icpc_on, where))
        elif not enquiry.icpc_not_required:
            waiting.append(enquiry)
            if enquiry.started_on < calendar.subtract_working_days(year.reference_date, 14):
                found.append(
                    Finding(
                        "8675Q",
                        QUERY,
                        f"The section 47 enquiry started on {long_date(enquiry.started_on)}, "
                        "more than 15 working days before the census date "
                        f"({long_date(year.reference_date)}), and has no initial conference "
                        "and no record that none was needed: record its outcome, or confirm "
                        "it is still going on.",
                        where,
                    )
                )
    if len(waiting) > 1:
        found.append(
            Finding(
                "8839",
                ERROR,
                f"{referral(episode)} has more than one section 47 enquiry with no outcome.",
                Where(Record.EPISODE, episode.id),
            )
        )
    return found + _overlapping(episode, year) + _plans_start_at_conferences(episode, icpcs, year)


def _overlapping(episode: Episode, year: CollectionYear) -> list[Finding]:
    """Rule 8890: a section 47 enquiry does not start while another in the episode is open,
    from its start to its initial conference (both days counted), or, with no conference and
    no record that none was needed, to the reference date. As the validator reads it, two
    enquiries with the same start and the same conference (or none) are one, not an overlap."""
    found = []
    for enquiry in episode.enquiries:
        open_one = next(
            (
                other
                for other in episode.enquiries
                if (other.started_on, other.icpc_on) != (enquiry.started_on, enquiry.icpc_on)
                and other.started_on <= enquiry.started_on <= _open_until(other, year)
            ),
            None,
        )
        if open_one is not None:
            found.append(
                Finding(
                    "8890",
                    ERROR,
                    f"The section 47 enquiry starting on {long_date(enquiry.started_on)} "
                    "starts while the one starting on "
                    f"{long_date(open_one.started_on)} is still open "
                    f"({_until(open_one)}): correct the dates, or record the earlier "
                    "one's outcome.",
                    Where(Record.ENQUIRY, episode.id, enquiry.id),
                )
            )
    return found


def _open_until(enquiry: Enquiry, year: CollectionYear) -> date:
    """The last day rule 8890 counts the enquiry open: the day of its initial conference, else
    the reference date, unless it needed none (then it is never open: date.min)."""
    if enquiry.icpc_on is not None:
        return enquiry.icpc_on
    if enquiry.icpc_not_required:
        return date.min
    return year.reference_date


def _until(enquiry: Enquiry) -> str:
    if enquiry.icpc_on is not None:
        return f"until its initial conference on {long_date(enquiry.icpc_on)}"
    return "it has no initial conference and no record that none was needed"


def _plans_start_at_conferences(
    episode: Episode, icpcs: list[date], year: CollectionYear
) -> list[Finding]:
    """Rule 2885: a plan starting in the year starts on the day of an initial conference the
    episode records."""
    return [
        Finding(
            "2885",
            ERROR,
            f"{plan_named(plan)} does not start on the day of an initial conference in its "
            "episode: record the section 47 enquiry that led to the conference, with "
            "the conference.",
            Where(Record.EPISODE, episode.id),
        )
        for plan in episode.plans
        if year.covers(plan.start) and plan.start not in icpcs
    ]


def _weekend(day: date, where: Where) -> Finding:
    return Finding(
        "8875", ERROR, f"The initial conference on {long_date(day)} is at a weekend.", where
    )


def referral(episode: Episode) -> str:
    return f"The episode referred on {long_date(episode.referral_date)}"


def plan_named(plan: PlanPeriod) -> str:
    return f"The plan starting on {long_date(plan.start)}"
