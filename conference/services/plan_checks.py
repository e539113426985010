"""The checker's reading of a plan (docs/domain.md section 6): each goal's assessment against the
plan's next review, the plan-level checks with their score and what to put right, what the
chair accepts by finalising, and the answers kept on the plan for the managers' dashboard.

It only reads, except `store_checks`, which every change to a plan or its goals calls so that
the stored answers follow what was saved.
"""

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from conference.domain import plan_checks as rules
from conference.domain import review as review_rules
from conference.domain.identity_in_plan import InterpreterNeed
from conference.domain.mapping import WORRY, worry_text
from conference.domain.plan_quality import Finding, OutcomeAssessment, assess_outcome
from conference.domain.vocabulary import PLAN_OUTCOMES
from conference.extensions import db
from conference.models import (
    Adult,
    Child,
    ChildDecision,
    Conference,
    MapItem,
    Plan,
    PlanTranslation,
    SafetyGoal,
)
from conference.services.dashboard import tallies


def worry_statements(plan: Plan) -> list[tuple[int, str]]:
    """(id, text) of the worry statements on the map of the plan's conference, in their order.
    A statement written with the guided questions reads as one line of its answers."""
    items = sorted(
        (item for item in plan.conference.map_items if item.heading == WORRY),
        key=lambda item: (item.position, item.id),
    )
    return [(item.id, worry_text(item)) for item in items]


def carried_worries(conference: Conference) -> dict[int, int]:
    """{id of an earlier conference's worry statement: id of the statement on `conference`'s
    map that carries it forward}. A review's map pre-filled from the last conference copies its
    worry statements (services/review.py); a copy of a copy carries the first statement too."""
    carried: dict[int, int] = {}
    for item in conference.map_items:
        if item.heading != WORRY:
            continue
        source, seen = item.source, {item.id}
        while (earlier := review_rules.source_id(source or "", review_rules.PREVIOUS)) is not None:
            if earlier in seen:
                break
            seen.add(earlier)
            carried.setdefault(earlier, item.id)
            before = db.session.get(MapItem, earlier)
            source = before.source if before is not None else ""
    return carried


def answered_worry_ids(goal: SafetyGoal, carried: dict[int, int]) -> list[int]:
    """The worry statements a goal answers, an earlier one that the map carries forward read as
    its copy (see `carried_worries`): a goal carried over into a new version of the plan keeps
    the ids of the map it was written for until it is saved again."""
    return list(dict.fromkeys(carried.get(i, i) for i in goal.worry_item_ids or []))


def earlier_worries(plan: Plan, carried: dict[int, int]) -> dict[int, MapItem]:
    """The worry statements of earlier conferences of the family that the plan's goals answer
    and the map of the plan's conference does not carry forward, by id."""
    on_map = dict(worry_statements(plan))
    wanted = {
        item_id
        for goal in plan.goals
        for item_id in goal.worry_item_ids or []
        if item_id not in on_map and item_id not in carried
    }
    if not wanted:
        return {}
    items = db.session.scalars(
        select(MapItem)
        .join(Conference)
        .where(MapItem.id.in_(wanted), MapItem.heading == WORRY, Conference.case_id == plan.case_id)
    )
    return {item.id: item for item in items}


def goal_worry_texts(plan: Plan) -> dict[int, str]:
    """{id: text} of every worry statement the plan's goals may answer: those on the map of the
    plan's conference, an earlier statement carried forward as its copy's, and an earlier one
    not carried forward as it was written (so that advice follows a carried-over goal's
    worry)."""
    texts = dict(worry_statements(plan))
    carried = carried_worries(plan.conference)
    texts |= {earlier: texts[copy] for earlier, copy in carried.items() if copy in texts}
    return texts | {i: worry_text(item) for i, item in earlier_worries(plan, carried).items()}


def next_review(plan: Plan) -> date | None:
    """The review conference the plan's conference set (the earliest, if the children's dates
    differ): each goal should be reviewed before it."""
    dates = [d.review_on for d in plan.conference.decisions if d.review_on is not None]
    return min(dates, default=None)


def assessment(
    statement: str,
    measure: str = "",
    target: str = "",
    review_on: date | None = None,
    owner: str = "",
    *,
    plan: Plan,
    worry_item_ids: Sequence[int] = (),
    sustained_for: str = "",
) -> OutcomeAssessment:
    """The checker's reading of a goal as typed so far, against the plan's next review and the
    worry statements ticked so far (a suggested outcome answers them). `sustained_for` is how
    long the change must last, as typed: a measurable goal without one is told to say."""
    return assess_outcome(
        statement,
        measure,
        target,
        review_on,
        owner,
        next_review=next_review(plan),
        worries=worries_answered(worry_item_ids, goal_worry_texts(plan)),
        sustained_for=sustained_for,
    )


def goal_assessment(
    goal: SafetyGoal, next_review: date | None, worry_texts: dict[int, str] | None = None
) -> OutcomeAssessment:
    """The checker's reading of a saved goal. `next_review` is the date of the next review
    conference (see `next_review`), so that a later review date is found; `worry_texts` are the
    conference's worry statements by id, so that a suggested outcome answers the goal's."""
    return assess_outcome(
        goal.statement,
        goal.measure,
        goal.target,
        goal.review_on,
        goal.owner,
        next_review=next_review,
        worries=worries_answered(goal.worry_item_ids or (), worry_texts or {}),
        sustained_for=goal.sustained_for or "",
    )


def worries_answered(worry_item_ids: Sequence[int], worry_texts: dict[int, str]) -> list[str]:
    """The text of each worry statement a goal answers, in the order they were chosen."""
    return [worry_texts[item_id] for item_id in worry_item_ids if item_id in worry_texts]


def actions_in(plan: Plan) -> int:
    return sum(len(goal.actions) for goal in plan.goals)


def goals_in_order(plan: Plan) -> list[SafetyGoal]:
    return sorted(plan.goals, key=lambda goal: (goal.position, goal.id))


def goal_assessments(plan: Plan) -> dict[int, OutcomeAssessment]:
    """The checker's reading of each goal, against the plan's next review conference."""
    review = next_review(plan)
    texts = goal_worry_texts(plan)
    return {goal.id: goal_assessment(goal, review, texts) for goal in plan.goals}


@dataclass(frozen=True)
class PlanCheck:
    """The plan-level checks: the score and what to put right."""

    score: rules.Score
    findings: list[rules.PlanFinding]


def check_plan(
    plan: Plan, assessments: dict[int, OutcomeAssessment] | None = None, *, ceiling: int
) -> PlanCheck:
    """`ceiling`: the local ceiling on the plan's actions (the PLAN_ACTIONS_CEILING setting)."""
    facts = plan_facts(plan, assessments or goal_assessments(plan), ceiling)
    return PlanCheck(rules.plan_score(facts), rules.plan_findings(facts))


def plan_facts(
    plan: Plan, assessments: dict[int, OutcomeAssessment], ceiling: int
) -> rules.PlanFacts:
    worries = worry_statements(plan)
    carried = carried_worries(plan.conference)
    names = {child.id: child.given_name for child in plan.case.children}
    return rules.PlanFacts(
        goals=tuple(
            rules.GoalFacts(
                id=goal.id,
                number=number,
                worry_ids=tuple(answered_worry_ids(goal, carried)),
                actions=tuple(
                    rules.ActionFacts(action.id, action.who, action.by_when)
                    for action in goal.actions
                ),
                outcome_focused=assessments[goal.id].outcome_focused,
                measurable=assessments[goal.id].measurable,
            )
            for number, goal in enumerate(goals_in_order(plan), start=1)
        ),
        worries=tuple(
            rules.WorryFacts(item_id, number)
            for number, (item_id, _text) in enumerate(worries, start=1)
        ),
        contingency_plan=plan.contingency_plan,
        child_views_statement=plan.child_views_statement,
        identity_statement=plan.identity_statement,
        child_names=tuple(
            names[d.child_id] for d in plan_decisions(plan.conference) if d.child_id in names
        ),
        ceiling=ceiling,
        plan_texts=plan_texts(plan),
        interpreter_needs=interpreter_needs(plan),
        languages=family_languages(plan),
        translated_into=translated_into(plan),
    )


def translated_into(plan: Plan) -> tuple[str, ...]:
    """The languages (codes) of the translations imported for the plan, other than English."""
    if plan.id is None:
        return ()
    codes = db.session.scalars(
        select(PlanTranslation.language)
        .where(PlanTranslation.plan_id == plan.id)
        .order_by(PlanTranslation.language)
    )
    return tuple(code for code in codes if code.split("-")[0] != "en")


def plan_texts(plan: Plan) -> tuple[str, ...]:
    """The goals' and actions' words, where identity may shape what will happen: the church's
    help as a goal's "then", an action a pastor does, a diary in Yoruba."""
    texts = []
    for goal in goals_in_order(plan):
        texts += [goal.statement, goal.family_words, goal.contingency_then]
        texts += [text for action in goal.actions for text in (action.what, action.who)]
    return tuple(text for text in texts if text)


def interpreter_needs(plan: Plan) -> tuple[InterpreterNeed, ...]:
    """Who needs an interpreter: each of the family whose answers say so, and each person who
    had one at the plan's conference (once each)."""
    needs: dict[tuple[str, int], InterpreterNeed] = {}
    for kind, people in (("adult", plan.case.adults), ("child", plan.case.children)):
        for person in people:
            if person.interpreter_needed == "yes":
                language = person.interpreter_language or person.first_language
                needs[kind, person.id] = InterpreterNeed(person.given_name, language)
    for attendee in plan.conference.attendees:
        if not attendee.interpreter_present:
            continue
        key = (
            ("adult", attendee.adult_id)
            if attendee.adult_id
            else ("child", attendee.child_id)
            if attendee.child_id
            else ("attendee", attendee.id)
        )
        first_name = (attendee.name.split() or [""])[0]
        needs.setdefault(key, InterpreterNeed(first_name, attendee.interpreter_language))
    return tuple(needs.values())


def family_languages(plan: Plan) -> tuple[str, ...]:
    """The languages the family's answers name: a plan "in" one of them is in their language."""
    people: list[Adult | Child] = [*plan.case.adults, *plan.case.children]
    found = (
        name
        for person in people
        for name in (person.first_language, person.interpreter_language, person.plan_language)
    )
    return tuple(dict.fromkeys(name.strip() for name in found if name and name.strip()))


# The plan-level findings whose absence the plan stores as a yes: identity is considered when
# the plan says how it shapes what will happen and brings the interpreter anyone needs.
STORED_PLAN_CHECKS = {
    "worries_all_answered": {"worry-not-answered"},
    "identity_considered": rules.IDENTITY_CODES,
    "child_views_recorded": {"no-child-views"},
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
                outcome_grade=assessments[goal.id].grade,
            )
        )
        db.session.expire(goal, ["outcome_focused", "measurable", "outcome_grade"])
    plan_table = Plan.__table__
    db.session.execute(
        update(plan_table)
        .where(plan_table.c.id == plan.id)
        .values({field: not (codes & found) for field, found in STORED_PLAN_CHECKS.items()})
    )
    db.session.expire(plan, list(STORED_PLAN_CHECKS))
    tallies.changed_case(plan.case_id)  # the dashboard counts these answers


def plan_ids_to_recheck() -> list[int]:
    return list(db.session.scalars(select(Plan.id).order_by(Plan.id)))


def recheck_plans(plan_ids: list[int]) -> None:
    """Store the checker's answers again on these plans: after the checker changes, as when
    identity came to be judged in substance (issue 21). The caller commits (a batch at a time:
    each commit refreshes the dashboard's totals of the cases it changed)."""
    for plan_id in plan_ids:
        plan = db.session.get(Plan, plan_id)
        if plan is not None:
            store_checks(plan)


@dataclass(frozen=True)
class GoalFindings:
    goal: SafetyGoal
    number: int
    findings: list[Finding]


@dataclass(frozen=True)
class Outstanding:
    """What is still to put right when the chair finalises: the plan-level findings (without
    the goals' own flags, which each goal's findings give in more detail) and each goal's."""

    plan_findings: list[rules.PlanFinding]
    goal_findings: list[GoalFindings]

    @property
    def has_findings(self) -> bool:
        return bool(self.plan_findings or self.goal_findings)

    @property
    def contingency_missing(self) -> bool:
        return any(f.where.field == rules.CONTINGENCY for f in self.plan_findings)

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
        [f for f in checked.findings if f.code not in rules.GOAL_FLAG_CODES],
        [
            GoalFindings(goal, number, assessments[goal.id].findings)
            for number, goal in enumerate(goals_in_order(plan), start=1)
            if assessments[goal.id].findings
        ],
    )


def plan_decisions(conference: Conference) -> list[ChildDecision]:
    """The decisions for a child protection or child in need plan, in the order of the
    family's children."""
    order = {child.id: number for number, child in enumerate(conference.case.children)}
    found = [d for d in conference.decisions if d.outcome in PLAN_OUTCOMES]
    return sorted(found, key=lambda decision: order.get(decision.child_id, len(order)))
