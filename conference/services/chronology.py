"""The case's chronology: built from the record for each child and for the family, plus the
significant events entered by hand (conference/domain/chronology.py), which are corrected only
by a dated amendment that keeps what they said before.

Reading a case's chronology takes one query per kind of record, whatever the number of rows.
Management oversight is internal supervision: it is left out for whoever may not see it
(`access.may_see_oversight`). Every view, print, addition and correction is audited.
"""

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from conference.domain.chronology import (
    STRATEGY_DISCUSSION_WORDING,
    Amendment,
    Event,
    Filters,
    Kind,
    core_group_wording,
    merged,
    seen_wording,
)
from conference.domain.cin_codes import CLOSURE_REASONS, REFERRAL_SOURCES
from conference.domain.core_group_schedule import meeting_summary
from conference.domain.review import PLAN_END_REASONS
from conference.domain.visits import can_be_seen_alone
from conference.domain.vocabulary import CATEGORIES, OUTCOMES, Outcome
from conference.domain.wording import and_list
from conference.extensions import db
from conference.models import (
    Allocation,
    Case,
    ChildDecision,
    ChildEpisode,
    ChronologyAmendment,
    ChronologyEvent,
    Conference,
    CoreGroupMeeting,
    Oversight,
    Plan,
    StatutoryVisit,
    User,
    VisitChild,
)
from conference.models.episode import ENQUIRY_OUTCOME_LABELS, Section47Enquiry
from conference.services import audit, records

# What a hand-entered event's correction keeps: the fields, in the order they are compared.
EVENT_FIELDS = (
    "occurred_on",
    "what_happened",
    "source",
    "impact_on_child",
    "child_ids",
    "not_for_family",
)
FROM_THE_RECORD = "Case record"


class NothingChanged(Exception):
    """A correction that changes nothing: there is nothing to amend."""


def events_of(case: Case, with_oversight: bool) -> list[Event]:
    """Every event of the case, from the record and entered by hand (not yet in order)."""
    children = {child.id: child.given_name for child in case.children}
    names = _user_names()
    from_episodes = list(_episode_events(case))
    discussed = {e.on for e in from_episodes if e.kind == Kind.STRATEGY_DISCUSSION}
    events = [
        *from_episodes,
        *_conference_events(case, children, discussed),
        *_plan_events(case),
        *_core_group_events(case),
        *_visit_events(case, children, names),
        *_allocation_events(case, names),
        *_hand_entered(case, names),
    ]
    if with_oversight:
        events.extend(_oversight_events(case, names))
    return merged(
        replace(event, source=FROM_THE_RECORD)
        if not event.source and event.event_id is None
        else event
        for event in events
    )


def _user_names() -> dict[int, str]:
    """Every account's name, in one query: a case names a handful, and an account list is
    small beside the rows it would otherwise take a query each to name."""
    return dict(db.session.execute(select(User.id, User.name)).all())


def _episode_events(case: Case):
    episodes = db.session.scalars(
        select(ChildEpisode)
        .where(ChildEpisode.child_id.in_([child.id for child in case.children]))
        .options(selectinload(ChildEpisode.enquiries))
    ).all()
    for episode in episodes:
        child = (episode.child_id,)
        source = REFERRAL_SOURCES.get(episode.referral_source or "", "")
        what = "Referral to children’s social care"
        if episode.referral_nfa:
            what += ": no further action"
        yield Event(episode.referral_date, Kind.REFERRAL, what, source, child_ids=child)
        yield from _enquiry_events(episode.enquiries, child)
        if episode.assessment_started_on:
            started = "Assessment started"
            yield Event(episode.assessment_started_on, Kind.ASSESSMENT, started, child_ids=child)
        if episode.assessment_authorised_on:
            done = "Assessment authorised"
            yield Event(episode.assessment_authorised_on, Kind.ASSESSMENT, done, child_ids=child)
        if episode.cin_plan_started_on:
            what = "Child in need plan started"
            yield Event(episode.cin_plan_started_on, Kind.CHILD_IN_NEED_PLAN, what, child_ids=child)
        if episode.cin_plan_ended_on:
            what = "Child in need plan ended"
            yield Event(episode.cin_plan_ended_on, Kind.CHILD_IN_NEED_PLAN, what, child_ids=child)
        if episode.closed_on:
            reason = CLOSURE_REASONS.get(episode.closure_reason or "", "")
            what = f"Episode closed. Reason: {reason}" if reason else "Episode closed"
            yield Event(episode.closed_on, Kind.CLOSURE, what, child_ids=child)


def _enquiry_events(enquiries: list[Section47Enquiry], child: tuple[int]):
    for enquiry in enquiries:
        if enquiry.strategy_discussion_on:
            what = STRATEGY_DISCUSSION_WORDING
            on = enquiry.strategy_discussion_on
            yield Event(on, Kind.STRATEGY_DISCUSSION, what, child_ids=child)
        yield Event(
            enquiry.started_on, Kind.SECTION_47, "Section 47 enquiry started", child_ids=child
        )
        if enquiry.completed_on:
            outcome = ENQUIRY_OUTCOME_LABELS.get(enquiry.outcome, "")  # type: ignore[call-overload]
            what = (
                f"Section 47 enquiry completed: {outcome}"
                if outcome
                else "Section 47 enquiry completed"
            )
            yield Event(enquiry.completed_on, Kind.SECTION_47, what, child_ids=child)


def _conference_events(case: Case, children: dict[int, str], discussed: set[date]):
    """Each finalised conference, its decision for each child, and its strategy discussion
    where no child's enquiry has recorded it already."""
    conferences = db.session.scalars(
        select(Conference)
        .where(Conference.case_id == case.id, Conference.finalised_at.is_not(None))
        .options(selectinload(Conference.decisions), selectinload(Conference.chair))
        .order_by(Conference.held_on)
    ).all()
    for conference in conferences:
        chair = conference.chair.name if conference.chair else ""
        source = f"Chaired by {chair}" if chair else ""
        strategy_on = conference.strategy_discussion_on
        if strategy_on and strategy_on not in discussed and conference.conference_type != "review":
            what = "Strategy discussion (recorded with the conference)"
            yield Event(strategy_on, Kind.STRATEGY_DISCUSSION, what)
        yield Event(conference.held_on, Kind.CONFERENCE, conference.type_label, source)
        for decision in conference.decisions:
            if decision.child_id in children:
                yield Event(
                    conference.held_on,
                    Kind.DECISION,
                    _decision_wording(decision),
                    source,
                    child_ids=(decision.child_id,),
                )


def _decision_wording(decision: ChildDecision) -> str:
    outcome = OUTCOMES.get(decision.outcome, decision.outcome)
    if decision.outcome == Outcome.CHILD_PROTECTION_PLAN and decision.category:
        return f"Decision: {outcome} (category: {CATEGORIES.get(decision.category, '')})"
    return f"Decision: {outcome}"


def _plan_events(case: Case):
    plans = db.session.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.number))
    for plan in plans:
        if plan.finalised_at is not None:
            what = f"Child protection plan version {plan.number} finalised"
            yield Event(plan.finalised_at.date(), Kind.PLAN, what)
        if plan.ended_on is not None:
            reason = PLAN_END_REASONS.get(plan.end_reason or "", "")
            what = "Child protection plan ended" + (f": {reason}" if reason else "")
            yield Event(plan.ended_on, Kind.PLAN_ENDED, what)


def _core_group_events(case: Case):
    held = db.session.scalars(
        select(CoreGroupMeeting)
        .where(CoreGroupMeeting.case_id == case.id)
        .options(selectinload(CoreGroupMeeting.attendance), selectinload(CoreGroupMeeting.progress))
    ).all()
    for meeting in held:
        came = sum(1 for person in meeting.attendance if person.attended)
        ratings = [row.rating for row in meeting.progress if row.rating is not None]
        goals = meeting_summary(ratings, []).goals if ratings else ""
        what = core_group_wording(came, len(meeting.attendance), goals)
        chair = meeting.chaired_by.strip()
        yield Event(meeting.held_on, Kind.CORE_GROUP, what, f"Chaired by {chair}" if chair else "")


def _visit_events(case: Case, children: dict[int, str], names: dict[int, str]):
    visits = db.session.scalars(
        select(StatutoryVisit)
        .where(StatutoryVisit.case_id == case.id)
        .options(selectinload(StatutoryVisit.children))
    ).all()
    born_on = {child.id: child.date_of_birth for child in case.children}
    for visit in visits:
        parts: list[VisitChild] = [part for part in visit.children if part.child_id in children]
        seen = [
            seen_wording(
                children[p.child_id],
                p.seen,
                p.seen_alone,
                can_be_seen_alone(born_on.get(p.child_id), visit.visited_on),
            )
            for p in parts
        ]
        visitor = names.get(visit.visitor_id, "") if visit.visitor_id else visit.visitor_name
        if visit.visitor_role:
            visitor = f"{visitor} ({visit.visitor_role})"
        what = "Statutory visit" + (f": {and_list(seen)}" if seen else "")
        yield Event(
            visit.visited_on,
            Kind.VISIT,
            what,
            f"Visit by {visitor}" if visitor else "",
            child_ids=tuple(part.child_id for part in parts),
            recorded_by=names.get(visit.recorded_by_id or 0, ""),
        )


def _allocation_events(case: Case, names: dict[int, str]):
    allocations = db.session.scalars(
        select(Allocation)
        .where(Allocation.case_id == case.id)
        .options(selectinload(Allocation.team))
        .order_by(Allocation.allocated_on, Allocation.id)
    ).all()
    before = None
    for allocation in allocations:
        worker = names.get(allocation.social_worker_id or 0, "no social worker")
        team = allocation.team.name
        if before is None:
            what = f"Case allocated to {worker} ({team})"
        else:
            changes = []
            if allocation.social_worker_id != before.social_worker_id:
                earlier = names.get(before.social_worker_id or 0, "no social worker")
                changes.append(f"social worker changed from {earlier} to {worker}")
            if allocation.team_id != before.team_id:
                changes.append(f"team changed from {before.team.name} to {team}")
            if not changes:
                continue
            what = and_list(changes)
            what = what[0].upper() + what[1:]
        before = allocation
        yield Event(allocation.allocated_on, Kind.ALLOCATION, what, FROM_THE_RECORD)


def _oversight_events(case: Case, names: dict[int, str]):
    held = db.session.scalars(
        select(Oversight)
        .where(Oversight.case_id == case.id)
        .options(selectinload(Oversight.actions))
    ).all()
    for oversight in held:
        manager = names.get(oversight.manager_id or 0, "")
        what = "Management oversight"
        if oversight.decision.strip():
            what += f": {oversight.decision.strip()}"
        actions = len(oversight.actions)
        if actions:
            what += f" ({actions} action{'s' if actions != 1 else ''})"
        yield Event(
            oversight.held_on,
            Kind.OVERSIGHT,
            what,
            f"Supervision with {manager}" if manager else "Supervision",
            recorded_by=manager,
            not_for_family=True,
        )


def _hand_entered(case: Case, names: dict[int, str]):
    events = db.session.scalars(
        select(ChronologyEvent)
        .where(ChronologyEvent.case_id == case.id)
        .options(selectinload(ChronologyEvent.amendments))
    ).all()
    for event in events:
        yield Event(
            event.occurred_on,
            Kind.SIGNIFICANT,
            event.what_happened,
            event.source,
            event.impact_on_child,
            tuple(event.child_ids or ()),
            names.get(event.recorded_by_id or 0, ""),
            event.not_for_family,
            event.id,
            event.version,
            tuple(_amendment(a, names) for a in event.amendments),
        )


def _amendment(amendment: ChronologyAmendment, names: dict[int, str]) -> Amendment:
    before = amendment.before or {}
    occurred = before.get("occurred_on")
    return Amendment(
        made_on=amendment.made_at.date(),
        made_by=names.get(amendment.made_by_id or 0, ""),
        reason=amendment.reason,
        before=before.get("what_happened", ""),
        before_on=date.fromisoformat(occurred) if occurred else None,
        before_source=before.get("source", ""),
        before_impact=before.get("impact_on_child", ""),
    )


# Reading, printing and changing


def view_chronology(actor: User, case: Case, filters: Filters) -> None:
    audit.record(actor, "view", case, {"chronology": [None, _filters_audited(filters)]})


def _filters_audited(filters: Filters) -> dict:
    """What was asked for, in the audit row: ids, kinds and dates, never a name."""
    return {
        "child_id": filters.child_id,
        "kinds": [kind.value for kind in filters.kinds],
        "from": filters.from_on.isoformat() if filters.from_on else None,
        "to": filters.to_on.isoformat() if filters.to_on else None,
    }


def event_of(case: Case, event_id: int) -> ChronologyEvent | None:
    event = db.session.get(ChronologyEvent, event_id)
    return event if event is not None and event.case_id == case.id else None


def already_recorded(case: Case, day: date, child_ids: list[int]) -> list[ChronologyEvent]:
    """Events entered by hand for `day` about any of `child_ids` (or the whole family, either
    way): before a new one is saved, so that two people recording the same event are told."""
    events = db.session.scalars(
        select(ChronologyEvent)
        .where(ChronologyEvent.case_id == case.id, ChronologyEvent.occurred_on == day)
        .order_by(ChronologyEvent.id)
    )
    chosen = set(child_ids)
    return [
        event
        for event in events
        if not chosen or not event.child_ids or chosen & set(event.child_ids)
    ]


def add_event(actor: User, case: Case, **fields) -> ChronologyEvent:
    """Record a significant event entered by hand. The caller commits."""
    fields = _cleaned(case, fields)
    event = ChronologyEvent(case_id=case.id, recorded_by_id=actor.id, **fields)
    db.session.add(event)
    audit.record(actor, "create", event, {k: [None, audit.plain(v)] for k, v in fields.items()})
    return event


def correct_event(
    actor: User, event: ChronologyEvent, version: int | None, reason: str, **fields
) -> ChronologyAmendment:
    """Change a hand-entered event, keeping what it said before as a dated amendment with the
    reason. The caller commits.

    :raise records.StaleVersion: someone else changed it since the form was loaded.
    :raise NothingChanged: the correction changes nothing.
    """
    if version != event.version:
        raise records.StaleVersion(event)
    fields = _cleaned(event.case, fields)
    before = {name: audit.plain(getattr(event, name)) for name in EVENT_FIELDS}
    if all(before[name] == audit.plain(fields[name]) for name in EVENT_FIELDS):
        raise NothingChanged()
    records.update(actor, event, version, **fields)
    amendment = ChronologyAmendment(
        event=event, before=before, reason=reason.strip(), made_by_id=actor.id
    )
    db.session.add(amendment)
    audit.record(actor, "amend", event, {"reason": [None, reason.strip()]})
    return amendment


def _cleaned(case: Case, fields: dict) -> dict:
    """Only the case's own children, in the case's order; text without surrounding space."""
    chosen = set(fields.get("child_ids") or ())
    fields = {
        **fields,
        "child_ids": [child.id for child in case.children if child.id in chosen],
    }
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
