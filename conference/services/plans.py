"""The plan as a whole: writing it from the conference (a new version each time), reading it with
its checks, changing its own statements, finalising it, and comparing versions.

Every function that writes takes the acting user and adds its audit row in the same
transaction; the caller commits. A plan carries its case, so its audit rows are found in the
case's history.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from conference.domain import plan_versions
from conference.domain.mapping import worry_text
from conference.domain.readability import (
    ReadabilityAssessment,
    assess_readability,
    glossary_for,
)
from conference.domain.wording import and_list
from conference.extensions import db
from conference.models import (
    Case,
    ChildDecision,
    Conference,
    MapItem,
    Plan,
    PlanAction,
    SafetyGoal,
    User,
)
from conference.models.types import utc_now
from conference.services import access, audit, goals, records, stored_documents
from conference.services import plan_checks as checks

DETAIL_FIELDS = ("contingency_plan", "child_seen", "identity_statement", "child_views_statement")
# Copied into the next version with every goal and action.
COPIED_GOAL_FIELDS = (*goals.GOAL_FIELDS, "state", "position")
COPIED_ACTION_FIELDS = (*goals.ACTION_FIELDS, "position")


class NoPlanDecided(Exception):
    """The conference decided on no child protection or child in need plan for any child."""


# Reading.


def plan_of_conference(conference: Conference) -> Plan | None:
    return db.session.scalar(select(Plan).where(Plan.conference_id == conference.id))


def plans_of_case(case: Case) -> list[Plan]:
    """Every version of the family's plan, the first first."""
    return list(
        db.session.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.number))
    )


def view_plan(actor: User, plan: Plan) -> None:
    audit.record(actor, "view", plan)


def view_versions(actor: User, case: Case) -> None:
    audit.record(actor, "view plans", case)


def worry_texts(plan: Plan) -> dict[int, str]:
    """{id: text} of every worry statement the plan's goals answer, and of those on the map of
    the plan's conference. A goal copied from an earlier version may still answer a worry
    statement of the earlier conference: one the map carries forward reads as its copy; one it
    does not says where it is from."""
    texts = dict(checks.worry_statements(plan))
    carried = checks.carried_worries(plan.conference)
    texts |= {earlier: texts[copy] for earlier, copy in carried.items() if copy in texts}
    for item_id, item in checks.earlier_worries(plan, carried).items():
        texts[item_id] = f"{worry_text(item)} ({from_conference(item)})"
    return texts


def from_conference(item: MapItem) -> str:
    """Where an earlier worry statement is from: "from the conference on 3 March 2027"."""
    return f"from the conference on {plan_versions.shown(item.conference.held_on)}"


@dataclass(frozen=True)
class ReadText:
    """One text the family will read, and how easy it is to read."""

    label: str
    anchor: str  # where it is on the plan page
    assessment: ReadabilityAssessment


@dataclass(frozen=True)
class Readability:
    texts: list[ReadText]
    glossary: list[tuple[str, str]]


def readability(plan: Plan, contingency_plan: str | None = None) -> Readability:
    """How easy the family-facing text is to read: the contingency plan (as saved, or as
    typed) and each safety goal's statement. Advice only: nothing stops the plan."""
    contingency = plan.contingency_plan if contingency_plan is None else contingency_plan
    texts = []
    if contingency.strip():
        texts.append(ReadText("Contingency plan", "contingency", assess_readability(contingency)))
    for number, goal in enumerate(checks.goals_in_order(plan), start=1):
        texts.append(
            ReadText(f"Safety goal {number}", f"goal-{goal.id}", assess_readability(goal.statement))
        )
    glossary = glossary_for([contingency, *(goal.statement for goal in plan.goals)])
    return Readability(texts, glossary)


# Writing the plan from the conference.


def create_plan(actor: User, conference: Conference) -> Plan:
    """The plan of the conference: version 1 for the family's first plan, with the contingency
    the conference decided; otherwise the next version, a copy of the latest one (each goal
    remembers the goal it was copied from), so the earlier version stays as it was. A
    conference that already has a plan keeps it.

    :raise NoPlanDecided: no child is to have a child protection or child in need plan.
    """
    existing = plan_of_conference(conference)
    if existing is not None:
        return existing
    decisions = checks.plan_decisions(conference)
    if not decisions:
        raise NoPlanDecided(conference.id)
    previous = _latest_plan(conference.case_id)
    carried = checks.carried_worries(conference)
    plan = Plan(case_id=conference.case_id, conference_id=conference.id, conference=conference)
    copied = []
    if previous is None:
        plan.number = 1
        plan.contingency_plan = _contingency(decisions)
    else:
        plan.number = previous.number + 1
        plan.previous_plan_id, plan.previous_plan = previous.id, previous
        for field in DETAIL_FIELDS:
            setattr(plan, field, getattr(previous, field))
        for goal in checks.goals_in_order(previous):
            plan.goals.append(_copy_goal(goal, carried))
            copied.append(goal.id)
    db.session.add(plan)
    changes = audit.changes_of(plan)
    if copied:
        changes["goals_copied_from"] = [None, copied]
    audit.record(actor, "create", plan, changes)
    checks.store_checks(plan)
    return plan


def _latest_plan(case_id: int) -> Plan | None:
    number = db.session.scalar(select(func.max(Plan.number)).where(Plan.case_id == case_id))
    if number is None:
        return None
    return db.session.scalar(select(Plan).where(Plan.case_id == case_id, Plan.number == number))


def _copy_goal(goal: SafetyGoal, carried: dict[int, int]) -> SafetyGoal:
    """A copy of the goal and its actions for the next version. Where the conference's map
    carries forward a worry statement the goal answered, the copy answers the carried one."""
    copy = SafetyGoal(origin_goal_id=goal.id, **_fields(goal, COPIED_GOAL_FIELDS))
    copy.worry_item_ids = checks.answered_worry_ids(goal, carried)
    copy.actions = [
        PlanAction(**_fields(action, COPIED_ACTION_FIELDS))
        for action in sorted(goal.actions, key=lambda action: (action.position, action.id))
    ]
    return copy


def _fields(record, names) -> dict:
    return {
        name: list(value) if isinstance(value := getattr(record, name), list) else value
        for name in names
    }


def _contingency(decisions: list[ChildDecision]) -> str:
    """The contingency plans the conference decided, each once; when the children's differ,
    each says which child it is for."""
    texts: dict[str, list[str]] = {}
    for decision in decisions:
        text = (decision.contingency_plan or "").strip()
        if text:
            texts.setdefault(text, []).append(decision.child.given_name)
    if len(texts) <= 1:
        return next(iter(texts), "")
    return "\n\n".join(f"For {and_list(names)}: {text}" for text, names in texts.items())


# Changing the plan's own statements.


def update_details(actor: User, plan: Plan, version: int | None, **fields) -> dict:
    """Change the contingency plan, when the children will be seen, and the identity and
    children's views statements.

    :raise records.StaleVersion: someone else saved them first.
    """
    changes = records.update(actor, plan, version, **fields)
    checks.store_checks(plan)
    return changes


# The checker's answers, kept for the dashboard.


# Finalising.


def finalise_plan(actor: User, plan: Plan, found: checks.Outstanding, reason: str = "") -> None:
    """Finalise the plan, recording the findings the chair accepts and why. After this the plan
    is never changed (see access.plan_to_change).

    :raise ValueError: the contingency plan is missing, or findings are checks.outstanding and no
    reason is given.
    """
    if found.contingency_missing:
        raise ValueError("A plan is never finalised without its contingency plan")
    if found.has_findings and not reason.strip():
        raise ValueError("Findings are checks.outstanding: a reason is needed")
    plan.accepted_findings = found.accepted()
    plan.accepted_findings_reason = reason.strip() if found.has_findings else ""
    plan.finalised_at = utc_now()
    plan.finalised_by_id = actor.id
    audit.record(actor, "finalise", plan, audit.changes_of(plan))
    checks.store_checks(plan)
    stored_documents.make_ahead(plan)


# Comparing versions.


def other_version(plan: Plan, other_id: int | None) -> Plan | None:
    """The version to compare with: `other_id` if it is another version of the family's plan,
    the previous version when none is asked for. None when there is none (a first version), or
    `other_id` is not another version of this family's plan."""
    if other_id is None:
        return plan.previous_plan
    other = db.session.get(Plan, other_id)
    if other is None or other.case_id != plan.case_id or other.id == plan.id:
        return None
    return other


def compare(actor: User, plan: Plan, other: Plan) -> plan_versions.Comparison:
    audit.record(actor, "compare", plan, {"compared_with": [None, other.id]})
    return plan_versions.compare(version_of(plan), version_of(other))


def version_of(plan: Plan) -> plan_versions.PlanVersion:
    return plan_versions.PlanVersion(
        number=plan.number,
        goals=tuple(
            plan_versions.GoalVersion(
                id=goal.id,
                number=number,
                lineage=_lineage(goal),
                fields={name: getattr(goal, name) for name, _ in plan_versions.GOAL_FIELDS},
                actions=tuple(
                    plan_versions.ActionVersion(a.what, a.who, a.by_when, a.status)
                    for a in sorted(goal.actions, key=lambda a: (a.position, a.id))
                ),
            )
            for number, goal in enumerate(checks.goals_in_order(plan), start=1)
        ),
        fields={name: getattr(plan, name) for name, _ in plan_versions.PLAN_FIELDS},
    )


def _lineage(goal: SafetyGoal) -> tuple[int, ...]:
    ids = [goal.id]
    while goal.origin_goal is not None and goal.origin_goal.id not in ids:
        goal = goal.origin_goal
        ids.append(goal.id)
    return tuple(ids)


def plan_for_conference(actor: User, conference: Conference) -> dict:
    """For the conference hub: the conference's plan, whether the conference decided on one,
    and whether `actor` may write it."""
    plan = plan_of_conference(conference)
    decided = bool(checks.plan_decisions(conference))
    may_write = access.may_change(actor, conference)
    return {"plan": plan, "decided": decided, "can_write": plan is None and decided and may_write}
