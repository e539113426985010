"""What changed between two versions of a family's plan.

Each conference that decides on a plan produces a new version; the new version starts as a copy
of the one before, each goal remembering the goal it was copied from (its origin). The review
conference reads what changed: goals added, goals removed, and for each goal carried forward
which of its parts changed (old → new) and what happened to its actions.

A goal of the newer version is the same goal as one of the older version when the older goal is
in its line of origins (the goal it was copied from, the one that was copied from, …), so that
version 3 can be compared with version 1 as well as with version 2. Actions have no origin: an
action is the same when its wording is the same, so an action reworded shows as one removed and
one added.
"""

from dataclasses import dataclass, field
from datetime import date

from conference.domain.vocabulary import action_status_label
from conference.domain.wording import long_date

GOAL_FIELDS = (
    ("statement", "Safety goal"),
    ("measure", "Measure"),
    ("baseline", "Baseline"),
    ("target", "Target"),
    ("sustained_for", "Sustained for"),
    ("review_on", "Review date"),
    ("owner", "Who is responsible"),
    ("contingency_if", "If the goal is not met"),
    ("contingency_then", "Then"),
)
PLAN_FIELDS = (
    ("contingency_plan", "Contingency plan"),
    ("child_seen", "When the children will be seen"),
    ("identity_statement", "How identity shaped the plan"),
    ("child_views_statement", "How the plan uses what the children said"),
)


@dataclass(frozen=True)
class ActionVersion:
    what: str
    who: str = ""
    by_when: date | None = None
    status: str = "not_started"


@dataclass(frozen=True)
class GoalVersion:
    id: int
    number: int  # counting from 1, in its plan's order
    lineage: tuple[int, ...]  # its own id, then its origin's, and so on back
    fields: dict[str, object]  # the GOAL_FIELDS by name
    actions: tuple[ActionVersion, ...] = ()


@dataclass(frozen=True)
class PlanVersion:
    number: int
    goals: tuple[GoalVersion, ...]
    fields: dict[str, str]  # the PLAN_FIELDS by name


@dataclass(frozen=True)
class Change:
    """One part that changed, shown as it reads: dates as "3 March 2027", blanks as ""."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ActionChange:
    what: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class GoalChange:
    old: GoalVersion
    new: GoalVersion
    changes: tuple[Change, ...]
    actions_added: tuple[ActionVersion, ...] = ()
    actions_removed: tuple[ActionVersion, ...] = ()
    actions_changed: tuple[ActionChange, ...] = ()


@dataclass(frozen=True)
class Comparison:
    older: PlanVersion
    newer: PlanVersion
    goals_added: tuple[GoalVersion, ...] = ()
    goals_removed: tuple[GoalVersion, ...] = ()
    goals_changed: tuple[GoalChange, ...] = ()
    goals_unchanged: int = 0
    plan_changes: tuple[Change, ...] = field(default=())

    @property
    def nothing_changed(self) -> bool:
        return not (
            self.goals_added or self.goals_removed or self.goals_changed or self.plan_changes
        )


def compare(first: PlanVersion, second: PlanVersion) -> Comparison:
    """What changed from the older of the two versions to the newer, whichever order they are
    given in."""
    older, newer = sorted((first, second), key=lambda version: version.number)
    matched: dict[int, GoalVersion] = {}
    added = []
    for goal in newer.goals:
        old = next((o for o in older.goals if o.id in goal.lineage and o.id not in matched), None)
        if old is None:
            added.append(goal)
        else:
            matched[old.id] = goal
    removed = tuple(goal for goal in older.goals if goal.id not in matched)
    changed, unchanged = [], 0
    for old in older.goals:
        if old.id in matched:
            change = _goal_change(old, matched[old.id])
            if change is None:
                unchanged += 1
            else:
                changed.append(change)
    return Comparison(
        older=older,
        newer=newer,
        goals_added=tuple(added),
        goals_removed=removed,
        goals_changed=tuple(changed),
        goals_unchanged=unchanged,
        plan_changes=_changes(PLAN_FIELDS, older.fields, newer.fields),
    )


def _goal_change(old: GoalVersion, new: GoalVersion) -> GoalChange | None:
    changes = _changes(GOAL_FIELDS, old.fields, new.fields)
    old_actions = {_key(action): action for action in old.actions}
    new_actions = {_key(action): action for action in new.actions}
    added = tuple(action for key, action in new_actions.items() if key not in old_actions)
    removed = tuple(action for key, action in old_actions.items() if key not in new_actions)
    action_changes = []
    for key, action in new_actions.items():
        if key in old_actions:
            differences = _action_changes(old_actions[key], action)
            if differences:
                action_changes.append(ActionChange(action.what, differences))
    if not (changes or added or removed or action_changes):
        return None
    return GoalChange(old, new, changes, added, removed, tuple(action_changes))


def _action_changes(old: ActionVersion, new: ActionVersion) -> tuple[Change, ...]:
    pairs = (
        ("Status", action_status_label(old.status), action_status_label(new.status)),
        ("Who", shown(old.who), shown(new.who)),
        ("By when", shown(old.by_when), shown(new.by_when)),
    )
    return tuple(Change(label, before, after) for label, before, after in pairs if before != after)


def _changes(fields, old: dict, new: dict) -> tuple[Change, ...]:
    found = []
    for name, label in fields:
        before, after = shown(old.get(name)), shown(new.get(name))
        if before != after:
            found.append(Change(label, before, after))
    return tuple(found)


def _key(action: ActionVersion) -> str:
    return " ".join(action.what.split()).casefold()


def shown(value) -> str:
    """A value as the comparison shows it: a date as "3 March 2027", text without the spaces
    around it, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, date):
        return long_date(value)
    return str(value).strip()


def plan_in_force(versions):
    """The plan the family and the core group work to: the newest version of the family's plan,
    unless it has ended (docs/domain.md section 8). None when there is none. A version written
    for a conference not finalised yet (a review under way) is not in force while an earlier
    version, from a finalised conference, is."""
    versions = list(versions)
    agreed = [plan for plan in versions if plan.conference.finalised_at is not None]
    newest = max(agreed or versions, key=lambda plan: plan.number, default=None)
    return newest if newest is not None and newest.ended_on is None else None
