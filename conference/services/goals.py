"""The plan's safety goals and the actions under them: what the forms offer, adding, changing,
ordering and removing them, and the checker's reading of a goal (docs/domain.md section 6).

Every function that writes takes the acting user and adds its audit row in the same
transaction; the caller commits. Goals and actions have no case of their own, so their audit
rows are given the plan's case: the case's history then shows who changed its plan.
"""

from sqlalchemy import update

from conference.domain.mapping import positions, reorder
from conference.extensions import db
from conference.models import Plan, PlanAction, SafetyGoal, User
from conference.models.types import utc_now
from conference.services import audit, plan_checks, records

# What a removed record said, kept in its audit row.
GOAL_FIELDS = (
    "statement",
    "child_ids",
    "worry_item_ids",
    "measure",
    "baseline",
    "target",
    "sustained_for",
    "review_on",
    "owner",
    "family_words",
    "contingency_if",
    "contingency_then",
    "child_words",
)
ACTION_FIELDS = ("what", "who", "by_when", "status")


# What the forms and the checker need.


# Goals.


def add_goal(actor: User, plan: Plan, **fields) -> SafetyGoal:
    """Add a goal at the end of the plan."""
    position = max((goal.position for goal in plan.goals), default=-1) + 1
    goal = SafetyGoal(plan=plan, position=position, **_stripped(fields))
    db.session.add(goal)
    _audit(actor, "create", goal, plan, audit.changes_of(goal))
    plan_checks.store_checks(plan)
    return goal


def update_goal(actor: User, goal: SafetyGoal, version: int | None, **fields) -> dict:
    """Change a goal, if nobody has saved it since `version`. Returns the changes. New words
    for the child's plan, or a new statement for them to describe, need the chair's check
    again (`check_child_words`).

    :raise records.StaleVersion: someone else saved it first.
    """
    if _child_words_changed(goal, fields):
        fields = fields | {"child_words_checked_at": None, "child_words_checked_by_id": None}
    changes = _update(actor, goal, goal.plan, version, fields)
    plan_checks.store_checks(goal.plan)
    return changes


def _child_words_changed(goal: SafetyGoal, fields: dict) -> bool:
    return any(
        name in fields and (fields[name] or "").strip() != getattr(goal, name)
        for name in ("child_words", "statement")
    )


def check_child_words(actor: User, goal: SafetyGoal, version: int | None) -> None:
    """The chair has read the goal's words for the child's plan, as saved at `version`, and
    they may go in it (conference/pdf/child_plan.py prints only checked words).

    :raise records.StaleVersion: the goal changed since the chair read it.
    :raise ValueError: the goal has no words for the child's plan.
    """
    if version != goal.version:
        raise records.StaleVersion(goal)
    if not goal.child_words.strip():
        raise ValueError("no words for the child's plan to check")
    goal.child_words_checked_at = utc_now()
    goal.child_words_checked_by_id = actor.id
    _audit(actor, "check words for the child's plan", goal, goal.plan, audit.changes_of(goal))


def move_goal(actor: User, goal: SafetyGoal, direction: str) -> None:
    """Swap a goal with its neighbour above ("up") or below ("down"). Moving the first goal up,
    or the last down, changes nothing."""
    plan = goal.plan
    before = goal.position
    in_order = _in_order(plan.goals)
    order = [other.id for other in in_order]
    moved = reorder(order, goal.id, direction)
    if moved != order:
        _number(SafetyGoal, in_order, moved)
        _audit(actor, "move", goal, plan, {"position": [before, goal.position]})


def remove_goal(actor: User, goal: SafetyGoal) -> None:
    """Remove a goal and the actions under it. The audit trail keeps what each said."""
    plan = goal.plan
    for action in list(goal.actions):
        _audit(actor, "delete", action, plan, _kept(action, ACTION_FIELDS))
    _audit(actor, "delete", goal, plan, _kept(goal, GOAL_FIELDS))
    plan.goals.remove(goal)
    db.session.flush()
    remaining = _in_order(plan.goals)
    _number(SafetyGoal, remaining, [other.id for other in remaining])
    plan_checks.store_checks(plan)


# Actions.


def add_action(actor: User, goal: SafetyGoal, **fields) -> PlanAction:
    """Add an action at the end of the goal's actions."""
    position = max((action.position for action in goal.actions), default=-1) + 1
    action = PlanAction(goal=goal, position=position, **_stripped(fields))
    db.session.add(action)
    _audit(actor, "create", action, goal.plan, audit.changes_of(action))
    return action


def keep_task_as_action(
    actor: User, goal: SafetyGoal, version: int | None, outcome: dict, action: dict
) -> PlanAction:
    """A goal written as a task, turned round in one step: `outcome` (its statement, measure
    and target) becomes the goal, and `action` (what, who, by when, status) an action under it.
    The goal keeps its children, worry statements and actions, and both changes are audited.

    :raise records.StaleVersion: someone else saved the goal since `version`; nothing changes.
    """
    update_goal(actor, goal, version, **outcome)
    return add_action(actor, goal, **action)


def update_action(actor: User, action: PlanAction, version: int | None, **fields) -> dict:
    """Change an action, if nobody has saved it since `version`. Returns the changes.

    :raise records.StaleVersion: someone else saved it first.
    """
    return _update(actor, action, action.goal.plan, version, fields)


def remove_action(actor: User, action: PlanAction) -> None:
    goal = action.goal
    _audit(actor, "delete", action, goal.plan, _kept(action, ACTION_FIELDS))
    goal.actions.remove(action)
    db.session.flush()
    remaining = _in_order(goal.actions)
    _number(PlanAction, remaining, [other.id for other in remaining])


# Shared.


def _update(actor: User, record, plan: Plan, version: int | None, fields: dict) -> dict:
    # Not records.update: its audit row would have no case (see the module's docstring).
    if version != record.version:
        raise records.StaleVersion(record)
    for key, value in _stripped(fields).items():
        setattr(record, key, value)
    changes = audit.changes_of(record)
    if changes:
        _audit(actor, "update", record, plan, changes)
    return changes


def _in_order(records_: list) -> list:
    return sorted(records_, key=lambda record: (record.position, record.id))


def _number(model, records_: list, order: list[int]) -> None:
    """Store the order. Written without raising the records' versions: moving a goal must not
    turn someone's open edit of it, or of its neighbour, into a conflict, as positions are not
    on the edit form."""
    wanted = positions(order)
    table = model.__table__
    for record in records_:
        position = wanted.get(record.id, record.position)
        if record.position != position:
            db.session.execute(
                update(table).where(table.c.id == record.id).values(position=position)
            )
            db.session.expire(record, ["position"])


def _kept(record, fields: tuple[str, ...]) -> dict:
    return {
        field: [audit.plain(getattr(record, field)), None]
        for field in fields
        if getattr(record, field) not in (None, "", [])
    }


def _stripped(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _audit(actor: User, action: str, record, plan: Plan, changes: dict | None) -> None:
    event = audit.record(actor, action, record, changes)
    event.case_id = plan.case_id
