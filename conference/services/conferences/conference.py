"""Scheduling conferences, the hub's picture of what is done, finalising and amendments."""

from datetime import UTC, date, datetime

from sqlalchemy import select

from conference.domain import finalise as rules
from conference.domain import timescales
from conference.domain.vocabulary import PLAN_OUTCOMES
from conference.extensions import db
from conference.models import Amendment, Case, Conference, ConferenceType, Plan, Role, User
from conference.services import audit, episodes, records, stored_documents

IDENTITY_FIELDS = (
    "cultural_or_harm",
    "community_safety_network",
    "heritage_connection",
    "interpreter_and_translation",
)


def calendar():
    return timescales.default_calendar()


def chairs() -> list[User]:
    query = select(User).where(User.role == Role.CHAIR, User.active).order_by(User.name)
    return list(db.session.scalars(query))


def minute_takers() -> list[User]:
    """Business support who may be assigned to type in a conference."""
    query = select(User).where(User.role == Role.MINUTE_TAKER, User.active).order_by(User.name)
    return list(db.session.scalars(query))


def conferences_of(case: Case) -> list[Conference]:
    query = select(Conference).where(Conference.case_id == case.id)
    return list(db.session.scalars(query.order_by(Conference.held_on.desc())))


def previous_conference(case: Case, before: date | None = None) -> Conference | None:
    """The latest finalised conference of the case, which a review follows on from."""
    query = select(Conference).where(
        Conference.case_id == case.id, Conference.finalised_at.is_not(None)
    )
    if before is not None:
        query = query.where(Conference.held_on < before)
    return db.session.scalar(query.order_by(Conference.held_on.desc()).limit(1))


def due_date(conference: Conference) -> date | None:
    """The statutory date the conference should be held by, where one applies."""
    if conference.conference_type == ConferenceType.INITIAL:
        if conference.strategy_discussion_on is None:
            return None
        return timescales.initial_conference_due(conference.strategy_discussion_on, calendar())
    previous = conference.previous_conference
    if conference.conference_type == ConferenceType.REVIEW and previous is not None:
        return timescales.review_due(previous.conference_type, previous.held_on)
    return None


def create_conference(actor: User, case: Case, **fields) -> Conference:
    conference = Conference(case_id=case.id, **fields)
    if conference.conference_type == ConferenceType.REVIEW:
        conference.previous_conference = previous_conference(case, before=fields["held_on"])
    db.session.add(conference)
    audit.record(
        actor, "create", conference, {k: [None, audit.plain(v)] for k, v in fields.items()}
    )
    db.session.flush()
    return conference


def update_conference(actor: User, conference: Conference, version: int, **fields) -> None:
    records.update(actor, conference, version, **fields)
    db.session.flush()


def view_conference(actor: User, conference: Conference) -> None:
    audit.record(actor, "view", conference)


def readiness(conference: Conference) -> list[rules.ChildReadiness]:
    voices = {v.child_id: v for v in conference.voices}
    identities = {i.child_id: i for i in conference.identity_reviews}
    decisions = {d.child_id: d for d in conference.decisions}
    return [
        rules.ChildReadiness(
            first_name=child.given_name,
            decision=decisions[child.id].outcome if child.id in decisions else None,
            views_recorded=_views_recorded(voices.get(child.id)),
            identity_answered=_identity_answered(identities.get(child.id)),
        )
        for child in conference.case.children
    ]


def _views_recorded(voice) -> bool:
    if voice is None:
        return False
    houses = (voice.house_of_worries, voice.house_of_good_things, voice.house_of_dreams)
    return rules.views_recorded(
        voice.own_words, houses, voice.observations, voice.not_recorded_reason
    )


def _identity_answered(identity) -> bool:
    if identity is None:
        return False
    answers = {field: getattr(identity, field) for field in IDENTITY_FIELDS}
    return rules.identity_answered(answers, identity.not_known or [])


def missing_before_finalising(conference: Conference) -> list[str]:
    worries = sum(1 for item in conference.map_items if item.heading == "worry")
    scores = len(conference.scores)
    return rules.missing_before_finalising(readiness(conference), worries, scores)


class NotReady(Exception):
    def __init__(self, missing):
        super().__init__("; ".join(missing))
        self.missing = missing


def finalise(actor: User, conference: Conference) -> None:
    """Lock the conference. Refused (NotReady) while anything on the checklist is missing."""
    missing = missing_before_finalising(conference)
    if missing:
        raise NotReady(missing)
    conference.finalised_at = datetime.now(UTC)
    conference.finalised_by_id = actor.id
    audit.record(actor, "finalise", conference)
    episodes.after_finalising(actor, conference)
    status = case_status_after(conference)
    if status and status != conference.case.status:
        records.update(actor, conference.case, conference.case.version, status=status)
    db.session.flush()
    stored_documents.make_ahead(conference)


def case_status_after(conference: Conference) -> str | None:
    """A plan for any child puts the case on that plan; no further action changes nothing."""
    outcomes = {decision.outcome for decision in conference.decisions}
    for outcome in PLAN_OUTCOMES:
        if outcome in outcomes:
            return outcome
    return None


def add_amendment(actor: User, conference: Conference, section: str, text: str) -> Amendment:
    amendment = Amendment(
        conference_id=conference.id, section=section, text=text, made_by_id=actor.id
    )
    db.session.add(amendment)
    audit.record(actor, "create", amendment, {"section": [None, section], "text": [None, text]})
    db.session.flush()
    # The record and the plan print the amendments: both are made again.
    stored_documents.make_ahead(conference)
    agreed = select(Plan).where(Plan.conference_id == conference.id, Plan.finalised_at.is_not(None))
    for plan in db.session.scalars(agreed):
        stored_documents.make_ahead(plan)
    return amendment
