"""Management oversight of a case (docs/domain.md section 10): a manager records supervision (the
date, what was reflected on, the decision, and actions with an owner and a date), and marks the
actions done. When oversight is next due and which actions are overdue follow the rules in
conference/domain/oversight.py. Every view and change is audited; the caller commits."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from conference.domain import oversight as rules
from conference.extensions import db
from conference.models import Case, Oversight, OversightAction, Role, User
from conference.services import audit, records


@dataclass(frozen=True)
class ActionDetails:
    description: str
    owner_id: int
    due_on: date


@dataclass(frozen=True)
class Summary:
    """For the case page: the last oversight, when the next is due, and the overdue actions."""

    last_held_on: date | None
    next_due_on: date
    next_overdue: bool
    overdue_actions: int


def oversights_of(case: Case) -> list[Oversight]:
    """The case's oversight, newest first, with their actions and who owns them."""
    return list(
        db.session.scalars(
            select(Oversight)
            .where(Oversight.case_id == case.id)
            .options(
                selectinload(Oversight.actions).selectinload(OversightAction.owner),
                selectinload(Oversight.manager),
            )
            .order_by(Oversight.held_on.desc(), Oversight.id.desc())
        )
    )


def summary(case: Case, interval_days: int, today: date) -> Summary:
    held = oversights_of(case)
    last = rules.last_oversight((o.held_on for o in held), today)
    due = rules.next_oversight_due(last, case.opened_on, interval_days)
    overdue = sum(rules.action_overdue(a.due_on, a.done_on, today) for o in held for a in o.actions)
    return Summary(last, due, today > due, overdue)


def owners_for(case: Case) -> list[User]:
    """Who an action may be given to: the active users of the case's team, and its social
    worker, by name."""
    team_users = select(User).where(
        User.active,
        User.role.in_([Role.SOCIAL_WORKER.value, Role.MANAGER.value]),
        or_(User.team_id == case.team_id, User.id == case.social_worker_id),
    )
    return list(db.session.scalars(team_users.order_by(User.name)))


def view_oversight(actor: User, case: Case) -> None:
    audit.record(actor, "view", case, {"oversight": [None, "list"]})


def record_oversight(
    actor: User,
    case: Case,
    held_on: date,
    reflection: str,
    decision: str,
    actions: list[ActionDetails],
) -> Oversight:
    """Record supervision of the case by `actor` (a manager: the view checks)."""
    oversight = Oversight(
        case_id=case.id,
        held_on=held_on,
        manager_id=actor.id,
        reflection=reflection.strip(),
        decision=decision.strip(),
    )
    oversight.actions = [
        OversightAction(description=a.description.strip(), owner_id=a.owner_id, due_on=a.due_on)
        for a in actions
    ]
    db.session.add(oversight)
    audit.record(
        actor,
        "create",
        oversight,
        {"held_on": [None, held_on.isoformat()], "actions": [None, len(actions)]},
    )
    for action in oversight.actions:
        audit.record(actor, "create", action, {"due_on": [None, action.due_on.isoformat()]})
    return oversight


def action_of(action_id: int) -> OversightAction | None:
    return db.session.get(OversightAction, action_id)


def mark_done(actor: User, action: OversightAction, version: int | None, on: date) -> None:
    """:raise records.StaleVersion: someone else changed the action since it was loaded."""
    records.update(actor, action, version, done_on=on)
