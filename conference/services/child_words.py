"""Each goal in words a child understands, for the child's own plan (issue 19; docs/domain.md
section 11), and which of them the chair has checked. The child's plan prints only checked
words (conference/pdf/child_plan.py); the plan page says, for each child, how many of their
goals are ready. Writing and checking the words is in goals.py."""

from dataclasses import dataclass

from conference.domain.review import goals_worked_to
from conference.extensions import db
from conference.models import User


@dataclass(frozen=True)
class GoalsReady:
    """How many of a child's goals have words the chair checked: Tolu, 2 of 3."""

    child_name: str
    checked: int
    goals: int


def goals_in_force(plan) -> list:
    """The plan's goals in its order, without those a review found achieved or dropped (the
    same goals, numbered the same, as the family plan)."""
    return goals_worked_to(plan.goals)


def childs_goals(plan, child) -> list:
    """The plan's goals in force for this child, in the plan's order."""
    return [goal for goal in goals_in_force(plan) if child.id in (goal.child_ids or [])]


def has_checked_words(goal) -> bool:
    return bool(goal.child_words.strip()) and goal.child_words_checked_at is not None


def goals_ready(plan) -> list[GoalsReady]:
    """For each child with goals in force, how many have checked words for their own plan. An
    unborn child has no plan of their own to read."""
    ready = []
    for child in plan.case.children:
        if child.unborn:
            continue
        found = goals_ready_for(plan, child)
        if found.goals:
            ready.append(found)
    return ready


def goals_ready_for(plan, child) -> GoalsReady:
    """How many of the child's goals in force their own plan prints (those with checked words)."""
    goals = childs_goals(plan, child)
    checked = sum(has_checked_words(goal) for goal in goals)
    return GoalsReady(child.given_name, checked, len(goals))


def checked_by(goal) -> User | None:
    """The chair who checked the goal's words for the child's plan (None: not checked)."""
    if goal is None or goal.child_words_checked_by_id is None:
        return None
    return db.session.get(User, goal.child_words_checked_by_id)
