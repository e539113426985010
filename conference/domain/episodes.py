"""The date rules of a child's episodes of need and their section 47 enquiries, as plain
functions: each returns (field, message) pairs in the order the form asks the questions, empty
when the answers fit together. No Flask, no database: the callers pass what they read."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from conference.domain.wording import long_date

Problem = tuple[str, str]


@dataclass(frozen=True)
class EnquiryDates:
    """An enquiry already recorded in the episode, as the episode's own rules see it."""

    started_on: date
    completed_on: date | None
    strategy_discussion_on: date | None = None

    @property
    def earliest(self) -> date:
        if self.strategy_discussion_on is not None:
            return min(self.strategy_discussion_on, self.started_on)
        return self.started_on

    @property
    def latest(self) -> date:
        return self.completed_on or self.started_on


def episode_problems(
    referral_date: date | None,
    assessment_started_on: date | None,
    assessment_authorised_on: date | None,
    cin_plan_started_on: date | None,
    cin_plan_ended_on: date | None,
    closed_on: date | None,
    closure_reason: str | None,
    previous_closed_on: date | None = None,
    enquiries: Iterable[EnquiryDates] = (),
    next_referral_date: date | None = None,
) -> list[Problem]:
    """Nothing happens before the referral; an assessment is authorised after it starts and a
    child in need plan ends after it starts; a closed episode says why, and nothing in it comes
    after the closure; an episode begins after the one before it closed, and one followed by a
    later episode stays closed before that one's referral."""
    enquiries = list(enquiries)
    found = _referral_problems(referral_date, previous_closed_on, enquiries)
    for field, day, name in (
        ("assessment_started_on", assessment_started_on, "The date the assessment started"),
        ("cin_plan_started_on", cin_plan_started_on, "The date the child in need plan started"),
        ("closed_on", closed_on, "The date the episode closed"),
    ):
        if day is not None and referral_date is not None and day < referral_date:
            found.append((field, f"{name} must be on or after the referral date"))
    found += _start_and_end(
        ("assessment_started_on", "assessment_authorised_on"),
        assessment_started_on,
        assessment_authorised_on,
        "the assessment started, as it was authorised",
        "The date the assessment was authorised must be on or after the date it started",
    )
    found += _start_and_end(
        ("cin_plan_started_on", "cin_plan_ended_on"),
        cin_plan_started_on,
        cin_plan_ended_on,
        "the child in need plan started, as it has ended",
        "The date the child in need plan ended must be on or after the date it started",
    )
    others = (
        assessment_started_on,
        assessment_authorised_on,
        cin_plan_started_on,
        cin_plan_ended_on,
        *(e.latest for e in enquiries),
    )
    found += _closure_problems(closed_on, closure_reason, others)
    if next_referral_date is not None:
        if closed_on is None:
            found.append(
                (
                    "closed_on",
                    "Enter the date the episode closed: a later episode began on "
                    f"{long_date(next_referral_date)}",
                )
            )
        elif closed_on >= next_referral_date:
            found.append(
                (
                    "closed_on",
                    "The date the episode closed must be before the later episode began, on "
                    f"{long_date(next_referral_date)}",
                )
            )
    return found


def _referral_problems(
    referral_date: date | None, previous_closed_on: date | None, enquiries: list[EnquiryDates]
) -> list[Problem]:
    found: list[Problem] = []
    if referral_date is None:
        return found
    if previous_closed_on is not None and referral_date <= previous_closed_on:
        found.append(
            (
                "referral_date",
                "The referral date must be after the previous episode closed, on "
                f"{long_date(previous_closed_on)}",
            )
        )
    earliest = min((e.earliest for e in enquiries), default=None)
    if earliest is not None and earliest < referral_date:
        found.append(
            (
                "referral_date",
                "The referral date must be on or before the first section 47 enquiry "
                f"(its strategy discussion), on {long_date(earliest)}",
            )
        )
    return found


def _start_and_end(
    fields: tuple[str, str], start: date | None, end: date | None, missing: str, before: str
) -> list[Problem]:
    if end is None:
        return []
    if start is None:
        return [(fields[0], f"Enter the date {missing}")]
    if end < start:
        return [(fields[1], before)]
    return []


def _closure_problems(
    closed_on: date | None, closure_reason: str | None, others: Iterable[date | None]
) -> list[Problem]:
    if closed_on is None:
        if closure_reason:
            return [("closed_on", "Enter the date the episode closed, or remove the reason")]
        return []
    found: list[Problem] = []
    if not closure_reason:
        found.append(("closure_reason", "Select the reason the episode closed"))
    later = [day for day in others if day is not None and day > closed_on]
    if later:
        found.append(
            (
                "closed_on",
                "The date the episode closed must be on or after everything in it: "
                f"{long_date(max(later))} is later",
            )
        )
    return found


def enquiry_problems(
    strategy_discussion_on: date | None,
    started_on: date | None,
    completed_on: date | None,
    outcome: str | None,
    referral_date: date,
    closed_on: date | None,
) -> list[Problem]:
    """An enquiry starts with (or after) its strategy discussion, within its episode: not before
    the referral, not after the closure. It is completed on or after it started, and a completed
    enquiry says what it concluded (and one that concluded says when)."""
    found: list[Problem] = []
    if strategy_discussion_on is not None and strategy_discussion_on < referral_date:
        found.append(
            (
                "strategy_discussion_on",
                "The strategy discussion must be on or after the referral, on "
                f"{long_date(referral_date)}",
            )
        )
    if started_on is not None:
        found += _start_problems(strategy_discussion_on, started_on, referral_date, closed_on)
    if completed_on is not None:
        if started_on is not None and completed_on < started_on:
            found.append(
                (
                    "completed_on",
                    "The date the enquiry was completed must be on or after the date it started",
                )
            )
        elif closed_on is not None and completed_on > closed_on:
            found.append(
                (
                    "completed_on",
                    "The date the enquiry was completed must be on or before the episode closed, "
                    f"on {long_date(closed_on)}",
                )
            )
        if not outcome:
            found.append(("outcome", "Select what the enquiry concluded"))
    elif outcome:
        found.append(("completed_on", "Enter the date the enquiry was completed"))
    return found


def _start_problems(
    strategy_discussion_on: date | None, started_on: date, referral_date: date, closed_on
) -> list[Problem]:
    found: list[Problem] = []
    if started_on < referral_date:
        found.append(
            (
                "started_on",
                "The date the enquiry started must be on or after the referral, on "
                f"{long_date(referral_date)}",
            )
        )
    elif strategy_discussion_on is not None and started_on < strategy_discussion_on:
        found.append(
            (
                "started_on",
                "The date the enquiry started must be on or after its strategy discussion",
            )
        )
    if closed_on is not None and started_on > closed_on:
        found.append(
            (
                "started_on",
                "The date the enquiry started must be on or before the episode closed, on "
                f"{long_date(closed_on)}",
            )
        )
    return found


def may_open_new_episode(last_closed_on: date | None, has_episode: bool) -> bool:
    """A new episode only when the child has none, or the last one has closed."""
    return not has_episode or last_closed_on is not None


@dataclass(frozen=True)
class PlanDates:
    """A child protection plan of the child, as the census counts it (cin_rules.PlanPeriod)."""

    start: date
    end: date | None


def closure_plan_problems(
    closed_on: date | None, plans: Iterable[PlanDates], child_name: str
) -> list[Problem]:
    """An episode closes only after the child's child protection plans in it have ended: not
    while one is going on, and not before the day one ended (the census counts the plan inside
    the episode). A plan ends at a review conference (or the plan's recorded end)."""
    if closed_on is None:
        return []
    for plan in plans:
        if plan.end is None:
            return [
                (
                    "closed_on",
                    f"The episode cannot close while {child_name} is on a child protection plan "
                    f"(it started on {long_date(plan.start)}): the plan must end at a review "
                    "conference first",
                )
            ]
        if closed_on < plan.end:
            return [
                (
                    "closed_on",
                    "The date the episode closed must be on or after the child protection plan "
                    f"that started on {long_date(plan.start)} ended, on {long_date(plan.end)}",
                )
            ]
    return []


def reopening_problems(stored_closed_on: date | None, closed_on: date | None) -> list[Problem]:
    """A closed episode stays closed: clearing its closure date would silently change what the
    census has counted. Work with the child again is a new episode from the new referral (a
    wrong closure date can still be corrected to another date)."""
    if stored_closed_on is not None and closed_on is None:
        return [
            (
                "closed_on",
                f"This episode closed on {long_date(stored_closed_on)} and cannot be reopened: "
                "to work with the child again, open a new episode from the new referral",
            )
        ]
    return []


def overlapping_enquiry_problems(
    started_on: date, completed_on: date | None, others: Iterable[EnquiryDates], today: date
) -> list[Problem]:
    """A child has one section 47 enquiry at a time: from its start to its completion (to
    today while it is going on), an enquiry's dates do not overlap another's."""
    end = completed_on or max(today, started_on)
    for other in others:
        other_end = other.completed_on or max(today, other.started_on)
        if started_on <= other_end and other.started_on <= end:
            ran = (
                f"ran from {long_date(other.started_on)} to {long_date(other.completed_on)}"
                if other.completed_on is not None
                else f"started on {long_date(other.started_on)} and is still going on"
            )
            late = completed_on is not None and started_on < other.started_on
            return [
                (
                    "completed_on" if late else "started_on",
                    "This enquiry’s dates overlap the child’s section 47 enquiry that "
                    f"{ran}: a child has one enquiry at a time",
                )
            ]
    return []
