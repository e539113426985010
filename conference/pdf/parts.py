"""Parts shared by the printed documents, so that no document imports another: who the plan is
for, the decisions, the core group, the conference's identity answers, the scaling question as
asked, and the one rule for naming a document's file."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from conference.domain.children import describe_age
from conference.domain.vocabulary import CATEGORIES, OUTCOMES, Outcome
from conference.domain.wording import and_list
from conference.services.conferences.decisions import decision_summary
from conference.services.conferences.identity import PROMPTS as CONFERENCE_PROMPTS


def filename(reference: str, document: str, label: str) -> str:
    """ "DEMO-0001-family-plan-v1.pdf": the case reference, the document and its version or
    date, never a child's name (file names end up in e-mails and shared folders)."""
    safe_reference = re.sub(r"[^A-Za-z0-9-]+", "-", reference).strip("-") or "case"
    return f"{safe_reference}-{document}-{label}.pdf"


def children_on_plan(conference) -> list:
    """The children the conference decided need a child protection plan, in the case's order;
    every child of the case when no decision has been recorded yet (an early draft)."""
    on_plan = {
        d.child_id for d in conference.decisions if d.outcome == Outcome.CHILD_PROTECTION_PLAN
    }
    children = list(conference.case.children)
    return [child for child in children if child.id in on_plan] or children


def overall_scores(conference) -> list:
    return [s for s in conference.scores if s.worry_item_id is None]


def scale_wording(conference) -> dict:
    """The question as it was asked, and what 0 and 10 meant then."""
    overall = overall_scores(conference)
    if not overall:
        return {"question": "", "zero_means": "", "ten_means": ""}
    first = overall[0]
    return {
        "question": first.question,
        "zero_means": first.zero_means,
        "ten_means": first.ten_means,
    }


NOT_KNOWN_YET = "Not known yet"


NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class Answer:
    """One identity question and its answer; `not_known` when "Not known yet" was the answer."""

    question: str
    answer: str
    not_known: bool = False


@dataclass(frozen=True)
class DecisionRow:
    child: str
    age: str
    outcome: str  # "Child protection plan (Emotional abuse)" or "Not decided yet"
    category: str
    reasons: str
    parents_view: str
    dissent: str
    lead_social_worker: str
    first_core_group_on: date | None
    review_on: date | None


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    agency: str


def children_names(children: Iterable) -> str:
    """ "Kemi, Tolu and Baby Adebayo" when the children share a family name, otherwise each
    full name: "Jamie Smith and Lily Jones"."""
    children = list(children)
    family_names = {child.family_name for child in children}
    if len(family_names) == 1:
        return f"{and_list([child.given_name for child in children])} {family_names.pop()}"
    return and_list([f"{child.given_name} {child.family_name}" for child in children])


def decision_rows(conference, today: date) -> list[DecisionRow]:
    rows = []
    for outcome in decision_summary(conference):
        decision, child = outcome.decision, outcome.child
        lead = decision.lead_social_worker if decision else None
        rows.append(
            DecisionRow(
                child=child.name,
                age=describe_age(child.date_of_birth, child.expected_date_of_birth, today),
                outcome=OUTCOMES.get(outcome.outcome, outcome.outcome_label),
                category=CATEGORIES.get(outcome.category, "") if outcome.category else "",
                reasons=decision.reasons.strip() if decision else "",
                parents_view=decision.parents_view.strip() if decision else "",
                dissent=decision.dissent.strip() if decision else "",
                lead_social_worker=lead.name if lead else "",
                first_core_group_on=decision.first_core_group_on if decision else None,
                review_on=decision.review_on if decision else None,
            )
        )
    return rows


def core_group(conference) -> list[Member]:
    """The people the conference put in the core group."""
    return [
        Member(a.name, a.role or a.relationship_to_family, a.agency)
        for a in conference.attendees
        if a.in_core_group
    ]


def conference_identity_answers(identity, first_name: str) -> list[Answer]:
    """The conference's own identity questions for one child, with "Not known yet" and "Not
    answered" said in words."""
    not_known = set(identity.not_known or []) if identity is not None else set()
    answers = []
    for field_name, question, _hint in CONFERENCE_PROMPTS:
        text = question.format(first_name=first_name)
        value = (getattr(identity, field_name) or "").strip() if identity is not None else ""
        if field_name in not_known:
            answers.append(Answer(text, NOT_KNOWN_YET, not_known=True))
        else:
            answers.append(Answer(text, value or NOT_ANSWERED))
    return answers
