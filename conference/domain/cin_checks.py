"""The DfE's Children in Need census validation rules that the toolkit's records can break, each
named by the DfE's rule number (as Data to Insight's csc-validator-be-cin implements them for
2025-26), in words a manager can act on. An error must be put right before the return goes to
the DfE; a query (a number ending in Q) is for the council to confirm or put right.

The census is never held back by them: the return is written with what is valid, and these
findings go beside it (docs/domain.md section 9).
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from string import ascii_letters, digits

from conference.domain.cin_census import (
    ERROR,
    QUERY,
    CensusChild,
    Episode,
    Finding,
    Record,
    Where,
)
from conference.domain.cin_codes import UPN_PATTERN
from conference.domain.cin_episode_checks import check_episode, plan_named, referral
from conference.domain.cin_rules import CollectionYear
from conference.domain.timescales import WorkingDayCalendar, add_calendar_months
from conference.domain.upn import upn_problems
from conference.domain.wording import long_date

CHILD = Where(Record.CHILD)
LA_CHILD_ID_LENGTH = 20  # rule 1570
DIED = "RC2"
NO_DISABILITY = "NONE"
NOT_YET_AT_SCHOOL = "UN1"
REFERRAL_NFA = "UN7"
OVER_AGE = 25  # rule 8775Q


def check_child(
    child: CensusChild, year: CollectionYear, calendar: WorkingDayCalendar
) -> list[Finding]:
    """Every rule the child's part of the year's return breaks, the child's own first."""
    found = _identifiers(child, year) + _characteristics(child, year)
    if not child.episodes:
        found.append(
            Finding(
                "8590",
                ERROR,
                "The child has a plan or an enquiry in the year but no episode of need open "
                "in it: add the referral that began it. The child is left out of the file "
                "until then.",
                Where(Record.EPISODES),
            )
        )
    found += _episodes_together(child)
    for episode in child.episodes:
        found += check_episode(episode, year, calendar)
    found += _plans(child) + _cin_and_protection_plans(child, year)
    return found


def _identifiers(child: CensusChild, year: CollectionYear) -> list[Finding]:
    found = []
    la_id = child.la_child_id
    if not la_id.strip():
        found.append(Finding("8500", ERROR, "The child has no local child ID.", CHILD))
    elif any(c not in ascii_letters + digits for c in la_id):
        # The schema takes any text, but the DfE's rule 1580 takes letters and numbers only.
        found.append(
            Finding(
                "1580",
                ERROR,
                f"The local child ID {la_id} has characters other than letters and numbers "
                "(spaces, hyphens or other signs): the DfE accepts letters and numbers only.",
                CHILD,
            )
        )
    if len(la_id) > LA_CHILD_ID_LENGTH:
        found.append(
            Finding(
                "1570",
                ERROR,
                f"The local child ID is longer than {LA_CHILD_ID_LENGTH} characters.",
                CHILD,
            )
        )
    if child.upn and not UPN_PATTERN.match(child.upn):
        found.append(Finding("1540", ERROR, "The unique pupil number is not valid.", CHILD))
    reference = year.reference_date
    unborn = child.unborn_on(reference)
    if unborn and child.expected_on is None:
        found.append(
            Finding(
                "8525Q",
                QUERY,
                "The child was not born by the census date and has no expected date of birth.",
                CHILD,
            )
        )
    # Rule 8530Q: due between 30 days before the reference date and 9 months after it.
    if (
        unborn
        and child.expected_on is not None
        and not (reference - timedelta(days=30) < child.expected_on < date(year.year, 12, 31))
    ):
        found.append(
            Finding(
                "8530Q",
                QUERY,
                f"The expected date of birth, {long_date(child.expected_on)}, is outside "
                f"March to December {year.year}: record the birth if the baby has been "
                "born, or correct the expected date.",
                CHILD,
            )
        )
    found += _referred_before_conception(child, year)
    found += _upn(child, year)
    found += _over_age(child, year)
    found += _death(child, year)
    return found


def _referred_before_conception(child: CensusChild, year: CollectionYear) -> list[Finding]:
    """Rule 8606: no referral more than 280 days (40 weeks) before the birth, or the expected
    birth of a child unborn on the reference date."""
    unborn = child.unborn_on(year.reference_date)
    birth = (child.expected_on or child.born_on) if unborn else child.born_on
    if birth is None:
        return []
    return [
        Finding(
            "8606",
            ERROR,
            f"{referral(episode)} is more than 40 weeks before the child's "
            f"{'expected ' if unborn else ''}birth on {long_date(birth)}.",
            Where(Record.EPISODE, episode.id),
        )
        for episode in child.episodes
        if episode.referral_date < birth - timedelta(days=280)
    ]


def _upn(child: CensusChild, year: CollectionYear) -> list[Finding]:
    found = [Finding(p.rule, ERROR, p.message, CHILD) for p in upn_problems(child.upn)]
    further_action = any(not episode.referral_nfa for episode in child.episodes)
    # Rule 8770Q: a child in school from the September after the reference date has a UPN.
    school_age_born_by = date(year.year - 6, 8, 31)
    if (
        further_action
        and child.born_on is not None
        and child.born_on <= school_age_born_by
        and not child.upn
        and child.upn_unknown in (None, NOT_YET_AT_SCHOOL)
    ):
        found.append(
            Finding(
                "8770Q",
                QUERY,
                "The child is of school age but has no unique pupil number and no reason why "
                "(other than not yet at school).",
                CHILD,
            )
        )
    if child.upn_unknown == REFERRAL_NFA and further_action:
        found.append(
            Finding(
                "8772",
                ERROR,
                "The reason for no unique pupil number is UN7 (referral with no further "
                "action), but an episode went on to further action.",
                CHILD,
            )
        )
    return found


def _over_age(child: CensusChild, year: CollectionYear) -> list[Finding]:
    """Rule 8775Q, as the validator reads it: born more than 25 years before the reference
    date, with an episode still open, or closed after the 25th birthday (a birthday on 29
    February falls on 28 February)."""
    born = child.born_on
    if born is None or born >= add_calendar_months(year.reference_date, -12 * OVER_AGE):
        return []
    birthday = add_calendar_months(born, 12 * OVER_AGE)
    if not any(e.closed_on is None or e.closed_on > birthday for e in child.episodes):
        return []
    return [
        Finding(
            "8775Q",
            QUERY,
            f"The child's date of birth, {long_date(born)}, makes them over {OVER_AGE} on the "
            f"census date, and an episode of need was open after their {OVER_AGE}th birthday: "
            "correct the date of birth, or the date the episode closed.",
            CHILD,
        )
    ]


def shared_upns(children: Sequence[CensusChild]) -> dict[int, list[Finding]]:
    """Rule 1520: no two children in the return have the same unique pupil number; each of
    them is reported, by their place in `children`. Only the children in the file count (with
    an episode in the year), as the DfE's rule is about the file."""
    return upns_shared([in_file_upn(child) for child in children])


def in_file_upn(child: CensusChild) -> tuple[str, str]:
    """What rule 1520 needs of a child: their UPN if they are in the file, and their ID."""
    return (child.upn if child.episodes else "", child.la_child_id)


def upns_shared(upns: Sequence[tuple[str, str]]) -> dict[int, list[Finding]]:
    """`shared_upns` from each child's `in_file_upn`: all a return made a batch of families
    at a time keeps of each child for the rule."""
    by_upn: dict[str, list[int]] = defaultdict(list)
    for place, (upn, _) in enumerate(upns):
        if upn:
            by_upn[upn].append(place)
    found: dict[int, list[Finding]] = {}
    for places in by_upn.values():
        for place in places if len(places) > 1 else ():
            others = [upns[other][1] for other in places if other != place]
            whose = (
                "children with local child IDs" if len(others) > 1 else "child with local child ID"
            )
            found[place] = [
                Finding(
                    "1520",
                    ERROR,
                    f"The unique pupil number is also that of the {whose} "
                    f"{', '.join(others)}: correct whichever is wrong.",
                    CHILD,
                )
            ]
    return found


def _death(child: CensusChild, year: CollectionYear) -> list[Finding]:
    died = child.died_on
    found = []
    if any(e.closure_reason == DIED for e in child.episodes) and died is None:
        found.append(
            Finding(
                "8585Q",
                QUERY,
                "An episode closed because the child died, but no date of death is recorded.",
                CHILD,
            )
        )
    if died is None:
        return found
    if child.born_on is not None and died < child.born_on:
        found.append(
            Finding("8535Q", QUERY, "The date of death is before the date of birth.", CHILD)
        )
    if not year.covers(died):
        found.append(Finding("8545Q", QUERY, "The date of death is not in the census year.", CHILD))
    for episode in child.episodes:
        found += _after_death(episode, died)
    return found


def _after_death(episode: Episode, died: date) -> list[Finding]:
    """Rules 8555Q, 4008, 8915 and 8920: nothing starts or ends after the child died."""
    where = Where(Record.EPISODE, episode.id)
    found = []
    if episode.referral_date > died:
        found.append(
            Finding("8555Q", QUERY, f"{referral(episode)} is after the child died.", where)
        )
    if episode.cin_plan_started_on is not None and episode.cin_plan_started_on > died:
        found.append(
            Finding("4008", ERROR, "The child in need plan starts after the child died.", where)
        )
    for plan in episode.plans:
        at = Where(Record.CONFERENCE, episode.id, conference_id=plan.conference_id)
        if plan.start > died:
            found.append(Finding("8915", ERROR, f"{plan_named(plan)} starts after death.", at))
        if plan.end is not None and plan.end > died:
            found.append(Finding("8920", ERROR, f"{plan_named(plan)} ends after death.", at))
    return found


def _characteristics(child: CensusChild, year: CollectionYear) -> list[Finding]:
    codes = child.disabilities
    found = []
    # Rule 8540: a born child whose referral was not "no further action" needs a disability
    # answer. "Not known yet" is recorded as no codes, and is never written as None.
    needs_answer = not child.unborn_on(year.reference_date) and any(
        not episode.referral_nfa for episode in child.episodes
    )
    if not codes and needs_answer:
        found.append(
            Finding(
                "8540",
                ERROR,
                "The child's disability is recorded as not known yet: record whether they "
                "have a disability (or none).",
                CHILD,
            )
        )
    if NO_DISABILITY in codes and len(set(codes)) > 1:
        found.append(
            Finding("8790", ERROR, "The disabilities include both None and a disability.", CHILD)
        )
    if len(set(codes)) < len(codes):
        found.append(Finding("8794", ERROR, "A disability is recorded twice.", CHILD))
    return found


def _episodes_together(child: CensusChild) -> list[Finding]:
    """Rules 8815, 8816 and 8820: one episode at a time, the open one the latest."""
    found = []
    episodes = child.episodes
    open_ones = [e for e in episodes if e.closed_on is None and not e.referral_nfa]
    if len(open_ones) > 1:
        found.append(
            Finding(
                "8815",
                ERROR,
                "More than one episode of need is open: close all but the latest.",
                Where(Record.EPISODES),
            )
        )
    elif open_ones and open_ones[0] is not episodes[-1]:
        found.append(
            Finding(
                "8816",
                ERROR,
                f"{referral(open_ones[0])} is still open, but is not the latest episode.",
                Where(Record.EPISODE, open_ones[0].id),
            )
        )
    for earlier, later in pairwise(episodes):
        if earlier.closed_on is None or later.referral_date <= earlier.closed_on:
            found.append(
                Finding(
                    "8820",
                    ERROR,
                    f"{referral(later)} falls before the episode referred on "
                    f"{long_date(earlier.referral_date)} closed.",
                    Where(Record.EPISODE, later.id),
                )
            )
    return found


def _cin_and_protection_plans(child: CensusChild, year: CollectionYear) -> list[Finding]:
    """Rules 4016 and 4017: a child in need plan does not start while a child protection plan
    is open, nor the other way round (a plan may start on the day the other ends)."""
    found = []
    plans = [plan for episode in child.episodes for plan in episode.plans]

    def within(day: date, start: date, end: date | None) -> bool:
        return start <= day and (day < end if end is not None else day <= year.reference_date)

    for episode in child.episodes:
        start, end = episode.cin_plan_started_on, episode.cin_plan_ended_on
        if start is None:
            continue
        where = Where(Record.EPISODE, episode.id)
        for plan in plans:
            if within(start, plan.start, plan.end):
                found.append(
                    Finding(
                        "4016",
                        ERROR,
                        f"The child in need plan starts on {long_date(start)}, while the plan "
                        f"starting on {long_date(plan.start)} is open.",
                        where,
                    )
                )
            if within(plan.start, start, end):
                found.append(
                    Finding(
                        "4017",
                        ERROR,
                        f"{plan_named(plan)} starts while the child in need plan is open.",
                        where,
                    )
                )
    return found


def _plans(child: CensusChild) -> list[Finding]:
    """Rules 8840, 8841, 8905, 8935 and 8940: each plan, and a child's plans together."""
    found = []
    placed = [(plan, episode) for episode in child.episodes for plan in episode.plans]
    for plan, episode in placed:
        at = Where(Record.CONFERENCE, episode.id, conference_id=plan.conference_id)
        if plan.end == plan.start:
            found.append(
                Finding("8840", ERROR, f"{plan_named(plan)} ends on the day it starts.", at)
            )
        if any(review <= plan.start for review in plan.reviews):
            found.append(
                Finding(
                    "8841",
                    ERROR,
                    f"{plan_named(plan)} has a review on or before the day it starts.",
                    at,
                )
            )
        if not plan.initial_category or not plan.latest_category:
            found.append(
                Finding(
                    "8905",
                    ERROR,
                    f"{plan_named(plan)} has no category of abuse: it is left out of the file "
                    "until the conference records one.",
                    at,
                )
            )
    plans = sorted(placed, key=lambda pair: pair[0].start)
    if len([plan for plan, _ in plans if plan.end is None]) > 1:
        found.append(
            Finding(
                "8935",
                ERROR,
                "More than one child protection plan is open: end all but the latest.",
                CHILD,
            )
        )
    for (earlier, _), (later, episode) in pairwise(plans):
        if earlier.end is None or earlier.end >= later.start:
            found.append(
                Finding(
                    "8940",
                    ERROR,
                    f"The plans starting on {long_date(earlier.start)} and "
                    f"{long_date(later.start)} overlap.",
                    Where(Record.CONFERENCE, episode.id, conference_id=later.conference_id),
                )
            )
    return found
