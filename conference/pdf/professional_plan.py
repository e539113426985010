"""The professional plan: the whole child protection plan as the core group works to it
(docs/domain.md sections 5 and 6).

It holds what the family plan puts in plain words, and what professionals also need: the
decision and category for each child, every safety goal with its measure, baseline, target, how
long it must last, review date and owner, the worry statements each goal answers, the actions
(what, who, by when, status), the contingency plan, when the children are seen and by whom, the
core group, the plan checker's findings the chair accepted and why, and where identity shaped
the plan (the inspection's finding, Ofsted Havering 2013 paras 17 and 27).

`professional_plan_context(plan)` builds everything `pdf_templates/professional_plan.html`
needs: `render_pdf(TEMPLATE, **professional_plan_context(plan))`.
"""

from dataclasses import dataclass, field
from datetime import date

from conference.common import identity as shown_identity
from conference.domain import clock
from conference.domain.identity import ETHNICITY_CODES, IDENTITY_PROMPTS, answer_state
from conference.domain.mapping import worry_statement_parts
from conference.domain.plain_goals import if_then
from conference.domain.vocabulary import action_status_label
from conference.domain.wording import and_list
from conference.pdf.parts import (
    NOT_KNOWN_YET,
    Answer,
    DecisionRow,
    children_names,
    children_on_plan,
    conference_identity_answers,
    core_group,
    decision_rows,
)
from conference.services.conferences.identity import PROMPTS as CONFERENCE_PROMPTS
from conference.services.conferences.kept_from_family import reason_withheld, withheld
from conference.services.plan_checks import worry_statements

TEMPLATE = "professional_plan.html"
NOT_SET = "Not set"


@dataclass(frozen=True)
class ChildIdentity:
    name: str
    on_record: list[Answer]
    not_recorded: list[str]  # record questions nobody has asked yet
    at_conference: list[Answer]
    # Why an answer is not for the family's copy, by its question (issue 19).
    kept_from_family: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ActionRow:
    what: str
    who: str
    by_when: date | None
    status: str


@dataclass(frozen=True)
class GoalBlock:
    number: int
    statement: str
    children: str
    worries: list[str]  # "Worry 1: …"
    measure: str
    baseline: str
    target: str
    sustained_for: str
    review_on: date | None
    owner: str
    family_words: str
    contingency_if: str  # what would show the goal is not being met
    contingency_then: str  # and what will happen then
    state: str  # "" while the goal is active
    actions: list[ActionRow] = field(default_factory=list)


@dataclass(frozen=True)
class WorryRow:
    number: int
    text: str  # as written in one sentence, or
    parts: list[tuple[str, str]]  # the guided questions and their answers
    goals: list[int]  # the goals that answer it
    kept_from_family: str = ""  # why it is not for the family's copy


def professional_plan_context(plan, *, today: date | None = None) -> dict:
    """Everything the professional plan template needs, for `render_pdf(TEMPLATE, **context)`."""
    conference = plan.conference
    case = plan.case
    today = today or clock.today()
    children = children_on_plan(conference)
    goals = goal_blocks(plan, conference)
    decisions = decision_rows(conference, today)
    return {
        "lang": "en",
        "draft": plan.finalised_at is None,
        "large_print": False,
        "children_names": children_names(children),
        "document_date": conference.held_on,
        "printed_on": today,
        "reference": case.reference,
        "plan_number": plan.number,
        "conference_label": conference.type_label,
        "finalised": plan.finalised_at is not None,
        "decisions": decisions,
        "reasons": grouped_reasons(decisions),
        "worries": worry_rows(plan),
        "goals": goals,
        "contingency": plan.contingency_plan.strip(),
        "child_seen": plan.child_seen.strip(),
        "child_views": plan.child_views_statement.strip(),
        "core_group": core_group(conference),
        "accepted_findings": accepted_findings(
            plan.accepted_findings or [], {g.id: n for n, g in _numbered(plan.goals)}
        ),
        "accepted_reason": plan.accepted_findings_reason.strip(),
        "identity_statement": plan.identity_statement.strip(),
        "identities": [child_identity(child, conference) for child in children],
    }


@dataclass(frozen=True)
class Reasons:
    children: str
    reasons: str
    parents_view: str
    dissent: str


def grouped_reasons(rows: list[DecisionRow]) -> list[Reasons]:
    """The reasons, parents' view and dissent, once for all the children they are the same
    for (a conference often decides for brothers and sisters together)."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for row in rows:
        if row.reasons or row.parents_view or row.dissent:
            groups.setdefault((row.reasons, row.parents_view, row.dissent), []).append(row.child)
    return [Reasons(and_list(children), *texts) for texts, children in groups.items()]


def _numbered(goals) -> list[tuple[int, object]]:
    ordered = sorted(goals, key=lambda goal: (goal.position, goal.id or 0))
    return list(enumerate(ordered, start=1))


def goal_blocks(plan, conference) -> list[GoalBlock]:
    worries = {item_id: n for n, (item_id, _text) in enumerate(worry_statements(plan), start=1)}
    items = {item.id: item for item in conference.map_items}
    names = {child.id: child.given_name for child in conference.case.children}
    return [
        GoalBlock(
            number=number,
            statement=goal.statement.strip(),
            children=and_list([names[i] for i in goal.child_ids if i in names]),
            worries=[
                f"Worry {worries[i]}: {short_worry(items[i])}"
                for i in goal.worry_item_ids
                if i in worries
            ],
            measure=goal.measure.strip(),
            baseline=goal.baseline.strip(),
            target=goal.target.strip(),
            sustained_for=goal.sustained_for.strip(),
            review_on=goal.review_on,
            owner=goal.owner.strip(),
            family_words=goal.family_words.strip(),
            **_contingency(goal),
            state="" if goal.state == "active" else goal.state.replace("_", " ").capitalize(),
            actions=[
                ActionRow(a.what.strip(), a.who.strip(), a.by_when, action_status_label(a.status))
                for a in sorted(goal.actions, key=lambda a: (a.position, a.id or 0))
            ],
        )
        for number, goal in _numbered(plan.goals)
    ]


def _contingency(goal) -> dict:
    """The goal's "If …, then …" as the family's copy writes it (no "If If …")."""
    trigger, then = if_then(goal.contingency_if, goal.contingency_then)
    return {"contingency_if": trigger, "contingency_then": then}


def short_worry(item) -> str:
    """A worry statement in a few words, beside a goal: what the worry is about (the whole
    statement is printed once, in the list of worries)."""
    return item.text.strip() or item.worried_about.strip() or item.could_happen.strip()


def worry_rows(plan) -> list[WorryRow]:
    """Each worry statement of the conference and the goals that answer it: a worry no goal
    answers shows at once (docs/domain.md section 6: every worry is answered by an outcome)."""
    statements = worry_statements(plan)
    items = {item.id: item for item in plan.conference.map_items}
    answering = goals_answering([item_id for item_id, _ in statements], _goal_worries(plan))
    family = withheld(plan.conference)
    rows = []
    for number, (item_id, _text) in enumerate(statements, start=1):
        item = items[item_id]
        parts = worry_statement_parts(item.who_is_worried, item.worried_about, item.could_happen)
        reason = reason_withheld(family, "map_item", item_id)
        rows.append(WorryRow(number, item.text.strip(), parts, answering[item_id], reason))
    return rows


def _goal_worries(plan) -> list[tuple[int, list[int]]]:
    return [(number, list(goal.worry_item_ids or [])) for number, goal in _numbered(plan.goals)]


def goals_answering(worry_ids: list[int], goals: list[tuple[int, list[int]]]) -> dict:
    """{worry id: the numbers of the goals that answer it}, from (goal number, worry ids)."""
    return {
        worry_id: [number for number, answers in goals if worry_id in answers]
        for worry_id in worry_ids
    }


def accepted_findings(found: list[dict], goal_numbers: dict[int, int]) -> list[str]:
    """The findings the chair accepted when finalising, as stored ({goal_id, code, message}),
    each with the goal it is about: "Goal 5: This says what an adult … will do"."""
    lines = []
    for finding in found:
        message = str(finding.get("message") or finding.get("code") or "").strip()
        number = goal_numbers.get(finding.get("goal_id"))
        lines.append(f"Goal {number}: {message}" if number else message)
    return [line for line in lines if line]


# Identity.


def record_identity(person) -> tuple[list[Answer], list[str]]:
    """A child's or adult's identity answers from the case record: the answered prompts and
    those marked "Not known yet", then the questions not asked yet (which say what is missing
    without filling pages)."""
    not_known = set(person.identity_not_known or [])
    code = person.ethnicity_code
    asked = [
        ("Ethnicity", f"{ETHNICITY_CODES.get(code, code)} ({code})" if code else "", False),
        *(
            (question, (getattr(person, name) or "").strip(), name in not_known)
            for name, question, _hint in IDENTITY_PROMPTS
        ),
        ("Interpreter", _or_blank(shown_identity.interpreter(person)), False),
        ("The written plan", _or_blank(shown_identity.written_plan(person)), False),
    ]
    answers, not_asked = [], []
    for question, value, marked_not_known in asked:
        state = answer_state(value, marked_not_known or value == NOT_KNOWN_YET)
        if state == "answered":
            answers.append(Answer(question, value))
        elif state == "not known yet":
            answers.append(Answer(question, NOT_KNOWN_YET, not_known=True))
        else:
            not_asked.append(question)
    return answers, not_asked


def _or_blank(shown: str) -> str:
    return "" if shown == shown_identity.NOT_ASKED else shown


def child_identity(child, conference) -> ChildIdentity:
    identity = next((i for i in conference.identity_reviews if i.child_id == child.id), None)
    on_record, not_recorded = record_identity(child)
    return ChildIdentity(
        name=child.name,
        on_record=on_record,
        not_recorded=not_recorded,
        at_conference=conference_identity_answers(identity, child.given_name),
        kept_from_family=_identity_kept_from_family(child, identity, conference),
    )


def _identity_kept_from_family(child, identity, conference) -> dict[str, str]:
    """Why each of the child's identity answers (on the record, or the conference's) is not
    for the family's copy, by its question as printed."""
    family = withheld(conference)
    reasons = {
        question: reason_withheld(family, "child", child.id, name)
        for name, question, _hint in IDENTITY_PROMPTS
    }
    if identity is not None:
        reasons |= {
            question.format(first_name=child.given_name): reason_withheld(
                family, "conference_identity", identity.id, name
            )
            for name, question, _hint in CONFERENCE_PROMPTS
        }
    return {question: reason for question, reason in reasons.items() if reason}
