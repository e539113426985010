"""Each child's episodes of need and their section 47 enquiries: reading them for the case
page, my work and the returns, and changing them (the acting user first, access checked, the
change audited in the same transaction)."""

from datetime import date
from typing import TypeVar

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from conference.domain import clock
from conference.domain import episodes as rules
from conference.domain.vocabulary import Outcome
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import (
    Case,
    Child,
    ChildEpisode,
    Conference,
    ConferenceType,
    EnquiryOutcome,
    Plan,
    Section47Enquiry,
    User,
)
from conference.services import access, audit, records, visits

Record = TypeVar("Record")


def open_episode(child: Child) -> ChildEpisode | None:
    """The child's open episode, if they have one."""
    episode = child.current_episode
    return episode if episode is not None and episode.open else None


def open_enquiry(child: Child) -> Section47Enquiry | None:
    """The enquiry still going on in the child's open episode: no outcome yet. The latest, if
    (wrongly) there are several."""
    episode = open_episode(child)
    if episode is None:
        return None
    going_on = [enquiry for enquiry in episode.enquiries if enquiry.outcome is None]
    return going_on[-1] if going_on else None


def enquiries_awaiting_conference(case: Case) -> list[Section47Enquiry]:
    """The case's children's enquiries still going on (no outcome, no conference yet), earliest
    first."""
    found = [open_enquiry(child) for child in case.children]
    return sorted(
        (e for e in found if e is not None and e.conference_id is None),
        key=lambda e: (e.started_on, e.id or 0),
    )


def sibling_referral(case: Case, besides: Child | None = None) -> tuple[str, str]:
    """The referral source and primary need recorded in a brother's or sister's open episode
    from the family's referral ("" when none): siblings referred together usually share them."""
    for other in case.children:
        episode = open_episode(other) if other is not besides else None
        if (
            episode is not None
            and episode.referral_date == case.referral_date
            and (episode.referral_source or episode.primary_need_code)
        ):
            return episode.referral_source or "", episode.primary_need_code or ""
    return "", ""


def start_first_episode(
    actor: User | None, child: Child, case: Case, **referral: str | None
) -> ChildEpisode:
    """A child added to a case: their episode begins with the family's referral, with the
    referral source and primary need given (else a sibling's, as siblings referred together
    share them). They can be changed on the child's episode page."""
    source, need = sibling_referral(case, besides=child)
    episode = ChildEpisode(
        referral_date=case.referral_date,
        referral_source=referral.get("referral_source", source or None),
        primary_need_code=referral.get("primary_need_code", need or None),
    )
    return _created(actor, child.episodes, episode)


def is_conference_outcome(enquiry: Section47Enquiry) -> bool:
    return enquiry.outcome == EnquiryOutcome.CONFERENCE


def in_year(episode: ChildEpisode, start: date, end: date) -> bool:
    """Whether the episode was open at some time from `start` to `end` (both included)."""
    return episode.referral_date <= end and (
        episode.closed_on is None or episode.closed_on >= start
    )


# The child's episodes pages.


class EpisodeRefused(Exception):
    """The change breaks a rule that needs the child's other records: (field, message) pairs,
    shown by the fields as any other error."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def child_to_view(actor: User, case_id: int, child_id: int) -> tuple[Case, Child]:
    """The case and child, if `actor` may see the case.

    :raise 404: no such case or child, or a case the user may not see.
    """
    case = access.case_to_view(actor, case_id)
    return case, _child(case, child_id)


def child_to_change(actor: User, case_id: int, child_id: int) -> tuple[Case, Child]:
    """The case and child, if `actor` may change the case (as for the case's own details).

    :raise 404: no such case or child, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(actor, case_id)
    return case, _child(case, child_id)


def episode_of(child: Child, episode_id: int) -> ChildEpisode:
    """:raise 404: the episode is not this child's."""
    return _one_of(ChildEpisode, episode_id, "child_id", child.id)


def enquiry_of(episode: ChildEpisode, enquiry_id: int) -> Section47Enquiry:
    """:raise 404: the enquiry is not in this episode."""
    return _one_of(Section47Enquiry, enquiry_id, "episode_id", episode.id)


def _child(case: Case, child_id: int) -> Child:
    return _one_of(Child, child_id, "case_id", case.id)


def _created(actor: User | None, beside: list[Record], record: Record) -> Record:
    """A new record stored beside its kind (the child's episodes, the episode's enquiries),
    with its audit row."""
    beside.append(record)
    db.session.add(record)
    audit.record(actor, "create", record, audit.changes_of(record))
    return record


def _one_of(model: type[Record], record_id: int, parent_key: str, parent_id: int) -> Record:
    """The record, if it belongs to the parent the URL names.

    :raise 404: no such record, or another parent's: an id from elsewhere shows nothing.
    """
    record = db.session.get(model, record_id)
    if record is None or getattr(record, parent_key) != parent_id:
        abort(404)
    return record


def view_episodes(actor: User, child: Child) -> None:
    """Audit the viewing of the child's episodes: one row for each episode shown (the child's
    own row when there is none yet)."""
    for episode in child.episodes:
        audit.record(actor, "view", episode)
    if not child.episodes:
        audit.record(actor, "view", child)


def previous_episode(child: Child, episode: ChildEpisode | None) -> ChildEpisode | None:
    """The episode before `episode` (before a new one when None)."""
    others = [e for e in child.episodes if e is not episode]
    if episode is None:
        return others[-1] if others else None
    earlier = [e for e in others if (e.referral_date, e.id) < (episode.referral_date, episode.id)]
    return earlier[-1] if earlier else None


def next_episode(child: Child, episode: ChildEpisode | None) -> ChildEpisode | None:
    """The episode after `episode` (none after a new one)."""
    if episode is None:
        return None
    later = [
        e
        for e in child.episodes
        if e is not episode and (e.referral_date, e.id) > (episode.referral_date, episode.id)
    ]
    return later[0] if later else None


def may_add_episode(child: Child) -> bool:
    return rules.may_open_new_episode(
        child.current_episode.closed_on if child.current_episode else None,
        bool(child.episodes),
    )


def enquiry_dates(episode: ChildEpisode | None, besides=None) -> list[rules.EnquiryDates]:
    if episode is None:
        return []
    return [
        rules.EnquiryDates(e.started_on, e.completed_on, e.strategy_discussion_on)
        for e in episode.enquiries
        if e is not besides
    ]


def create_episode(actor: User, child: Child, version: int, **fields) -> ChildEpisode:
    """Open a new episode for the child: only when their last episode has closed, and from a
    referral after it closed. `version` is the last episode's version when the form was loaded
    (0 when there was none).

    :raise records.StaleVersion: someone else changed the last episode (or opened one) since.
    :raise EpisodeRefused: the last episode is still open, or the dates do not fit.
    """
    _may_change(actor, child)
    last = child.current_episode
    if version != (last.version if last is not None else 0):
        raise records.StaleVersion(last if last is not None else child)
    if not may_add_episode(child):
        raise EpisodeRefused(
            [("referral_date", "Close the child’s current episode before opening a new one")]
        )
    problems = _episode_problems(child, None, fields)
    if problems:
        raise EpisodeRefused(problems)
    if last is not None:
        _claim(last, version)
    return _created(actor, child.episodes, ChildEpisode(**fields))


def update_episode(actor: User, episode: ChildEpisode, version: int, **fields) -> None:
    """Change the episode's answers if it is still at `version`.

    :raise records.StaleVersion: someone else saved it since the form was loaded.
    :raise EpisodeRefused: the dates do not fit the child's other records.
    """
    _may_change(actor, episode.child)
    if version != episode.version:
        raise records.StaleVersion(episode)
    problems = _episode_problems(episode.child, episode, fields)
    if next_episode(episode.child, episode) is None:  # (else: told a later episode began)
        problems = rules.reopening_problems(episode.closed_on, fields.get("closed_on")) or problems
    if problems:
        raise EpisodeRefused(problems)
    records.update(actor, episode, version, **fields)


def _episode_problems(child: Child, episode: ChildEpisode | None, fields: dict) -> list:
    previous = previous_episode(child, episode)
    following = next_episode(child, episode)
    return rules.episode_problems(
        fields["referral_date"],
        fields.get("assessment_started_on"),
        fields.get("assessment_authorised_on"),
        fields.get("cin_plan_started_on"),
        fields.get("cin_plan_ended_on"),
        fields.get("closed_on"),
        fields.get("closure_reason"),
        previous.closed_on if previous is not None else None,
        enquiry_dates(episode),
        following.referral_date if following is not None else None,
    ) + rules.closure_plan_problems(
        fields.get("closed_on"),
        _plans_in(child, fields["referral_date"], following),
        child.name,
    )


def _plans_in(
    child: Child, referral_date: date, following: ChildEpisode | None
) -> list[rules.PlanDates]:
    """The child's child protection plans as they stand today (from the finalised conferences'
    decisions and the family plan's recorded end, as the returns count them) that fall in an
    episode referred on `referral_date`: not ended before it, not started in the next one."""
    conferences = db.session.scalars(
        select(Conference)
        .where(Conference.case_id == child.case_id)
        .options(selectinload(Conference.decisions))
    )
    plans = db.session.scalars(select(Plan).where(Plan.case_id == child.case_id))
    periods = visits.plan_periods_of([child], list(conferences), list(plans), clock.today())
    return [
        rules.PlanDates(period.start, period.end)
        for period in periods[child.id]
        if (period.end is None or period.end >= referral_date)
        and (following is None or period.start < following.referral_date)
    ]


def create_enquiry(actor: User, episode: ChildEpisode, version: int, **fields) -> Section47Enquiry:
    """Add a section 47 enquiry to the episode, beside any before it (never in their place).
    Refused while another enquiry in the episode has not concluded. `version` is the episode's
    version when the form was loaded.

    :raise records.StaleVersion: someone else changed the episode (or added an enquiry) since.
    :raise EpisodeRefused: another enquiry is going on, or the dates do not fit the episode.
    """
    _may_change(actor, episode.child)
    if version != episode.version:
        raise records.StaleVersion(episode)
    going_on = [e for e in episode.enquiries if e.outcome is None]
    if going_on:
        raise EpisodeRefused(
            [
                (
                    "started_on",
                    "Record how the enquiry that started on "
                    f"{long_date(going_on[0].started_on)} ended before adding another",
                )
            ]
        )
    problems = _enquiry_problems(episode, fields)
    if problems:
        raise EpisodeRefused(problems)
    _claim(episode, version)
    return _created(actor, episode.enquiries, Section47Enquiry(**fields))


def update_enquiry(actor: User, enquiry: Section47Enquiry, version: int, **fields) -> None:
    """:raise records.StaleVersion: someone else saved it since the form was loaded.
    :raise EpisodeRefused: the dates do not fit the episode."""
    _may_change(actor, enquiry.episode.child)
    if version != enquiry.version:
        raise records.StaleVersion(enquiry)
    problems = _enquiry_problems(enquiry.episode, fields, besides=enquiry)
    if problems:
        raise EpisodeRefused(problems)
    records.update(actor, enquiry, version, **fields)


def _enquiry_problems(
    episode: ChildEpisode, fields: dict, besides: Section47Enquiry | None = None
) -> list:
    """The enquiry's own date rules in its episode, then that it does not overlap the child's
    other enquiries (in any of their episodes)."""
    return rules.enquiry_problems(
        fields.get("strategy_discussion_on"),
        fields["started_on"],
        fields.get("completed_on"),
        fields.get("outcome"),
        episode.referral_date,
        episode.closed_on,
    ) or rules.overlapping_enquiry_problems(
        fields["started_on"],
        fields.get("completed_on"),
        [dates for each in episode.child.episodes for dates in enquiry_dates(each, besides)],
        clock.today(),
    )


def _claim(episode: ChildEpisode, version: int) -> None:
    """Move the episode's version on before adding a record beside it: of two people adding at
    the same moment (both forms loaded at `version`), the second is refused and told, instead of
    both adding (two open episodes, or two enquiries going on at once)."""
    try:
        with records.savepoint():
            flag_modified(episode, "referral_date")
            db.session.flush()
    except StaleDataError:
        raise records.StaleVersion(episode) from None


def _may_change(actor: User, child: Child) -> None:
    if not access.can_edit(actor, child.case):
        abort(403)


# What a finalised conference carries into each child's episode.


def after_finalising(actor: User, conference: Conference) -> None:
    """A finalised conference's decisions in each child's open episode: a child in need plan
    decided (at an initial conference, or a review stepping down to one) starts the episode's
    plan on the conference date, unless one started already; an initial conference concludes
    the child's enquiry still going on (none linked yet), with this conference as its outcome.
    Each change is audited as the conference's chair (or whoever finalised) made it."""
    initial = conference.conference_type == ConferenceType.INITIAL
    for decision in conference.decisions:
        child = db.session.get(Child, decision.child_id)
        if child is None or (episode := open_episode(child)) is None:
            continue
        if initial:
            enquiry = open_enquiry(child)
            if (
                enquiry is not None
                and enquiry.conference_id is None
                and enquiry.started_on <= conference.held_on
            ):
                records.update(
                    actor,
                    enquiry,
                    enquiry.version,
                    conference_id=conference.id,
                    outcome=EnquiryOutcome.CONFERENCE.value,
                    completed_on=enquiry.completed_on or conference.held_on,
                )
        if (
            decision.outcome == Outcome.CHILD_IN_NEED_PLAN
            and episode.cin_plan_started_on is None
            and episode.referral_date <= conference.held_on
        ):
            records.update(actor, episode, episode.version, cin_plan_started_on=conference.held_on)
