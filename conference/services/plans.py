"""The plan as a whole: writing it from the conference (a new version each time), reading it with
its checks, changing its own statements, finalising it, and comparing versions.

Every function that writes takes the acting user and adds its audit row in the same
transaction; the caller commits. A plan carries its case, so its audit rows are found in the
case's history.
"""

import hashlib
import json
import sys
from dataclasses import dataclass

from sqlalchemy import func, select, update

from conference.domain import plan_checks, plan_versions
from conference.domain.mapping import worry_text
from conference.domain.plan_quality import Finding, OutcomeAssessment
from conference.domain.readability import (
    ReadabilityAssessment,
    assess_readability,
    glossary_for,
)
from conference.domain.vocabulary import PLAN_OUTCOMES
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
)
from conference.models.types import utc_now
from conference.services import access, audit, goals, records
from conference.services.dashboard import tallies

DETAIL_FIELDS = ("contingency_plan", "child_seen", "identity_statement", "child_views_statement")
# Copied into the next version with every goal and action.
COPIED_GOAL_FIELDS = (
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
    "state",
    "position",
)
COPIED_ACTION_FIELDS = ("what", "who", "by_when", "status", "position")


class NoPlanDecided(Exception):
    """The conference decided on no child protection or child in need plan for any child."""


# Reading.


def plan_decisions(conference: Conference) -> list[ChildDecision]:
    """The decisions for a child protection or child in need plan, in the order of the
    family's children."""
    order = {child.id: number for number, child in enumerate(conference.case.children)}
    found = [d for d in conference.decisions if d.outcome in PLAN_OUTCOMES]
    return sorted(found, key=lambda decision: order.get(decision.child_id, len(order)))


def plan_of_conference(conference: Conference) -> Plan | None:
    return db.session.scalar(select(Plan).where(Plan.conference_id == conference.id))


def plans_of_case(case: Case) -> list[Plan]:
    """Every version of the family's plan, the first first."""
    return list(
        db.session.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.number))
    )


def view_plan(actor, plan: Plan) -> None:
    audit.record(actor, "view", plan)


def view_versions(actor, case: Case) -> None:
    audit.record(actor, "view plans", case)


def goals_in_order(plan: Plan) -> list[SafetyGoal]:
    return sorted(plan.goals, key=lambda goal: (goal.position, goal.id))


def goal_assessments(plan: Plan) -> dict[int, OutcomeAssessment]:
    """The checker's reading of each goal, against the plan's next review conference."""
    review = goals.next_review(plan)
    return {goal.id: goals.goal_assessment(goal, review) for goal in plan.goals}


def worry_texts(plan: Plan) -> dict[int, str]:
    """{id: text} of every worry statement the plan's goals answer, and of those on the map of
    the plan's conference. A goal copied from an earlier version may still answer a worry
    statement of the earlier conference: its text says so."""
    texts = dict(goals.worry_statements(plan))
    wanted = {i for goal in plan.goals for i in goal.worry_item_ids or [] if i not in texts}
    if wanted:
        items = db.session.scalars(
            select(MapItem)
            .join(Conference)
            .where(MapItem.id.in_(wanted), Conference.case_id == plan.case_id)
        )
        for item in items:
            texts[item.id] = (
                f"{worry_text(item)} (from the conference on "
                f"{plan_versions.shown(item.conference.held_on)})"
            )
    return texts


@dataclass(frozen=True)
class PlanCheck:
    """The plan-level checks: the score and what to put right."""

    score: plan_checks.Score
    findings: list[plan_checks.PlanFinding]


def check_plan(
    plan: Plan, assessments: dict[int, OutcomeAssessment] | None = None, *, ceiling: int
) -> PlanCheck:
    """`ceiling`: the local ceiling on the plan's actions (the PLAN_ACTIONS_CEILING setting)."""
    facts = plan_facts(plan, assessments or goal_assessments(plan), ceiling)
    return PlanCheck(plan_checks.plan_score(facts), plan_checks.plan_findings(facts))


def plan_facts(
    plan: Plan, assessments: dict[int, OutcomeAssessment], ceiling: int
) -> plan_checks.PlanFacts:
    worries = goals.worry_statements(plan)
    names = {child.id: child.given_name for child in plan.case.children}
    return plan_checks.PlanFacts(
        goals=tuple(
            plan_checks.GoalFacts(
                id=goal.id,
                number=number,
                worry_ids=tuple(goal.worry_item_ids or ()),
                actions=tuple(
                    plan_checks.ActionFacts(action.id, action.who, action.by_when)
                    for action in goal.actions
                ),
                outcome_focused=assessments[goal.id].outcome_focused,
                measurable=assessments[goal.id].measurable,
            )
            for number, goal in enumerate(goals_in_order(plan), start=1)
        ),
        worries=tuple(
            plan_checks.WorryFacts(item_id, number)
            for number, (item_id, _text) in enumerate(worries, start=1)
        ),
        contingency_plan=plan.contingency_plan,
        child_views_statement=plan.child_views_statement,
        identity_statement=plan.identity_statement,
        child_names=tuple(
            names[d.child_id] for d in plan_decisions(plan.conference) if d.child_id in names
        ),
        ceiling=ceiling,
    )


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
    for number, goal in enumerate(goals_in_order(plan), start=1):
        texts.append(
            ReadText(f"Safety goal {number}", f"goal-{goal.id}", assess_readability(goal.statement))
        )
    glossary = glossary_for([contingency, *(goal.statement for goal in plan.goals)])
    return Readability(texts, glossary)


# Writing the plan from the conference.


def create_plan(actor, conference: Conference) -> Plan:
    """The plan of the conference: version 1 for the family's first plan, with the contingency
    the conference decided; otherwise the next version, a copy of the latest one (each goal
    remembers the goal it was copied from), so the earlier version stays as it was. A
    conference that already has a plan keeps it.

    :raise NoPlanDecided: no child is to have a child protection or child in need plan.
    """
    existing = plan_of_conference(conference)
    if existing is not None:
        return existing
    decisions = plan_decisions(conference)
    if not decisions:
        raise NoPlanDecided(conference.id)
    previous = _latest_plan(conference.case_id)
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
        for goal in goals_in_order(previous):
            plan.goals.append(_copy_goal(goal))
            copied.append(goal.id)
    db.session.add(plan)
    changes = audit.changes_of(plan)
    if copied:
        changes["goals_copied_from"] = [None, copied]
    audit.record(actor, "create", plan, changes)
    store_checks(plan)
    return plan


def _latest_plan(case_id: int) -> Plan | None:
    number = db.session.scalar(select(func.max(Plan.number)).where(Plan.case_id == case_id))
    if number is None:
        return None
    return db.session.scalar(select(Plan).where(Plan.case_id == case_id, Plan.number == number))


def _copy_goal(goal: SafetyGoal) -> SafetyGoal:
    copy = SafetyGoal(origin_goal_id=goal.id, **_fields(goal, COPIED_GOAL_FIELDS))
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


def update_details(actor, plan: Plan, version: int | None, **fields) -> dict:
    """Change the contingency plan, when the children will be seen, and the identity and
    children's views statements.

    :raise records.StaleVersion: someone else saved them first.
    """
    changes = records.update(actor, plan, version, **fields)
    store_checks(plan)
    return changes


# The checker's answers, kept for the dashboard.

# The plan-level findings whose absence the plan stores as a yes.
STORED_PLAN_CHECKS = {
    "worries_all_answered": "worry-not-answered",
    "identity_considered": "no-identity",
    "child_views_recorded": "no-child-views",
}


def store_checks(plan: Plan) -> None:
    """Keep the checker's answers on the plan and its goals as they are saved now, so that the
    managers' dashboard can count them in SQL instead of running the checker over every plan.

    Written without raising the records' versions (as goals._number does): the answers follow
    from what was saved, and must not turn someone's open edit of the plan or of a goal into a
    conflict.
    """
    db.session.flush()
    assessments = goal_assessments(plan)
    # None of the stored answers is about the number of actions, so no ceiling applies.
    checked = check_plan(plan, assessments, ceiling=sys.maxsize)
    codes = {finding.code for finding in checked.findings}
    goal_table = SafetyGoal.__table__
    for goal in plan.goals:
        db.session.execute(
            update(goal_table)
            .where(goal_table.c.id == goal.id)
            .values(
                outcome_focused=assessments[goal.id].outcome_focused,
                measurable=assessments[goal.id].measurable,
            )
        )
        db.session.expire(goal, ["outcome_focused", "measurable"])
    plan_table = Plan.__table__
    db.session.execute(
        update(plan_table)
        .where(plan_table.c.id == plan.id)
        .values({field: code not in codes for field, code in STORED_PLAN_CHECKS.items()})
    )
    db.session.expire(plan, list(STORED_PLAN_CHECKS))
    tallies.changed_case(plan.case_id)  # the dashboard counts these answers


# Finalising.


@dataclass(frozen=True)
class GoalFindings:
    goal: SafetyGoal
    number: int
    findings: list[Finding]


@dataclass(frozen=True)
class Outstanding:
    """What is still to put right when the chair finalises: the plan-level findings (without
    the goals' own flags, which each goal's findings give in more detail) and each goal's."""

    plan_findings: list[plan_checks.PlanFinding]
    goal_findings: list[GoalFindings]

    @property
    def has_findings(self) -> bool:
        return bool(self.plan_findings or self.goal_findings)

    @property
    def contingency_missing(self) -> bool:
        return any(f.where.field == plan_checks.CONTINGENCY for f in self.plan_findings)

    def accepted(self) -> list[dict]:
        """What the chair accepts by finalising now: [{goal_id, code, message}]."""
        found = [
            {"goal_id": f.goal_id, "code": f.code, "message": f.message} for f in self.plan_findings
        ]
        for goal in self.goal_findings:
            found += [
                {"goal_id": goal.goal.id, "code": f.code, "message": f.message}
                for f in goal.findings
            ]
        return found

    @property
    def fingerprint(self) -> str:
        """Changes whenever the findings do: a chair never accepts findings they did not see."""
        text = json.dumps(self.accepted(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def outstanding(plan: Plan, *, ceiling: int) -> Outstanding:
    assessments = goal_assessments(plan)
    checked = check_plan(plan, assessments, ceiling=ceiling)
    return Outstanding(
        [f for f in checked.findings if f.code not in plan_checks.GOAL_FLAG_CODES],
        [
            GoalFindings(goal, number, assessments[goal.id].findings)
            for number, goal in enumerate(goals_in_order(plan), start=1)
            if assessments[goal.id].findings
        ],
    )


def finalise_plan(actor, plan: Plan, found: Outstanding, reason: str = "") -> None:
    """Finalise the plan, recording the findings the chair accepts and why. After this the plan
    is never changed (see access.plan_to_change).

    :raise ValueError: the contingency plan is missing, or findings are outstanding and no
    reason is given.
    """
    if found.contingency_missing:
        raise ValueError("A plan is never finalised without its contingency plan")
    if found.has_findings and not reason.strip():
        raise ValueError("Findings are outstanding: a reason is needed")
    plan.accepted_findings = found.accepted()
    plan.accepted_findings_reason = reason.strip() if found.has_findings else ""
    plan.finalised_at = utc_now()
    plan.finalised_by_id = actor.id
    audit.record(actor, "finalise", plan, audit.changes_of(plan))
    store_checks(plan)


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


def compare(actor, plan: Plan, other: Plan) -> plan_versions.Comparison:
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
            for number, goal in enumerate(goals_in_order(plan), start=1)
        ),
        fields={name: getattr(plan, name) for name, _ in plan_versions.PLAN_FIELDS},
    )


def _lineage(goal: SafetyGoal) -> tuple[int, ...]:
    ids = [goal.id]
    while goal.origin_goal is not None and goal.origin_goal.id not in ids:
        goal = goal.origin_goal
        ids.append(goal.id)
    return tuple(ids)


def plan_for_conference(actor, conference: Conference) -> dict:
    """For the conference hub: the conference's plan, whether the conference decided on one,
    and whether `actor` may write it."""
    plan = plan_of_conference(conference)
    decided = bool(plan_decisions(conference))
    may_write = access.may_change(actor, conference)
    return {"plan": plan, "decided": decided, "can_write": plan is None and decided and may_write}
