"""Who may see and change a plan: the case's rules, plus the finalised lock.

A plan is visible to whoever may see its case. It may be changed by whoever may change the case
and by any chair, until it is finalised. Only a chair finalises it.
"""

from flask import abort

from conference.cases.access import can_edit, can_view
from conference.extensions import db
from conference.models import Plan, Role


class PlanFinalised(Exception):
    """A change was attempted to a finalised plan: it is never silently changed."""

    def __init__(self, plan):
        super().__init__(f"plan {plan.id} is finalised")
        self.plan = plan


def plan_to_view(user, plan_id: int) -> Plan:
    """:raise 404: no such plan, or its case is not visible to the user."""
    plan = db.session.get(Plan, plan_id)
    if plan is None or not can_view(user, plan.case):
        abort(404)
    return plan


def may_change(user, plan: Plan) -> bool:
    return user.role == Role.CHAIR or can_edit(user, plan.case)


def plan_to_change(user, plan_id: int) -> Plan:
    """The plan, if the user may change it now.

    :raise 404: not visible. :raise 403: may not change it.
    :raise PlanFinalised: it is finalised (shown as a 409 page).
    """
    plan = plan_to_view(user, plan_id)
    if not may_change(user, plan):
        abort(403)
    if plan.finalised:
        raise PlanFinalised(plan)
    return plan


def goal_of(plan: Plan, goal_id: int):
    """:raise 404: the goal is not in this plan."""
    for goal in plan.goals:
        if goal.id == goal_id:
            return goal
    abort(404)


def action_of(plan: Plan, action_id: int):
    """:raise 404: the action is not in this plan."""
    for goal in plan.goals:
        for action in goal.actions:
            if action.id == action_id:
                return action
    abort(404)
