"""Audio copies owed (issue 19): for each person of a case who asked for their plan as audio,
"An audio copy of the plan is owed to <name>" until a recording of the latest agreed plan is
attached. Listed to the case's social worker and the manager of its team, who have it made and
attach it (services/audio_copies.may_attach), from what `queries.work_of` loaded and one query
for the recordings of all the plans.
"""

from collections.abc import Iterable

from sqlalchemy import select

from conference.domain import audio as rules
from conference.extensions import db
from conference.models import AudioCopy, Plan, Role, User
from conference.services.my_work.entries import Item, Link, Urgency
from conference.services.my_work.queries import CaseWork

OWED = Urgency("owed", "No recording attached yet")


def latest_agreed(case_work: CaseWork) -> Plan | None:
    """The newest finalised version of the plan, unless it has ended."""
    agreed = [plan for plan in case_work.plans if plan.finalised]
    latest = max(agreed, key=lambda plan: plan.number, default=None)
    return latest if latest is not None and latest.ended_on is None else None


def makes_audio_copies(user: User) -> bool:
    """Social workers and managers have recordings made; chairs and practitioners never do."""
    return user.role in (Role.SOCIAL_WORKER, Role.MANAGER)


def has_it_made(user: User, case_work: CaseWork) -> bool:
    """The case's social worker, and the manager of its team."""
    case = case_work.case
    if user.role == Role.MANAGER:
        return user.team_id is not None and case.team_id == user.team_id
    return case.social_worker_id == user.id


def audio_items(user: User, work: list[CaseWork]) -> list[tuple[Item, Urgency]]:
    """Each person owed an audio copy of their case's latest agreed plan, oldest plan first."""
    plans = {
        case_work.case.id: (case_work, plan)
        for case_work in work
        if has_it_made(user, case_work) and (plan := latest_agreed(case_work)) is not None
    }
    attached = _attached([plan.id for _, plan in plans.values()])
    items = []
    for case_work, plan in plans.values():
        for key, person in _asking(case_work):
            if (plan.id, key) not in attached:
                items.append((_item(case_work, plan, person), OWED))
    items.sort(key=lambda row: (row[0].on, row[0].case_work.case.reference))
    return items


def _asking(case_work: CaseWork) -> Iterable[tuple[str, object]]:
    case = case_work.case
    for adult in case.adults:
        if rules.asked_for_audio(adult):
            yield rules.person_key("adult", adult.id), adult
    for child in case.children:
        if rules.asked_for_audio(child):
            yield rules.person_key("child", child.id), child


def _attached(plan_ids: list[int]) -> set[tuple[int, str]]:
    """(plan id, person key) of every recording of these plans, in one query."""
    if not plan_ids:
        return set()
    rows = db.session.execute(
        select(AudioCopy.plan_id, AudioCopy.adult_id, AudioCopy.child_id).where(
            AudioCopy.plan_id.in_(plan_ids)
        )
    )
    return {
        (plan_id, rules.recording_for(adult_id, child_id)) for plan_id, adult_id, child_id in rows
    }


def _item(case_work: CaseWork, plan: Plan, person) -> Item:
    agreed_on = plan.finalised_at.date() if plan.finalised_at else plan.conference.held_on
    return Item(
        case_work,
        f"An audio copy of the plan is owed to {person.name}",
        Link("plans.audio_copies", {"plan_id": plan.id}),
        agreed_on,
        "Plan agreed on",
        detail=f"Plan version {plan.number}",
    )
