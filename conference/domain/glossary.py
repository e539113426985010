"""Jargon families should not have to decode (docs/domain.md section 7).

Parents must understand what is expected of them, and that the plan can be used in court. Each
term here is one professionals use without noticing: the plan should say the plain words instead
or, where the term is needed (a parent will hear "core group" at every meeting), explain it in
the printed plan's glossary.

"Assessment" and "engage" are listed although families hear them often: "assessment" hides what
will actually happen (who will visit, what they will ask), and "engage" hides what the parent must
actually do. Abbreviations that nearly every adult in England knows (GP, NHS, TV) are not jargon.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A jargon term, how to recognise it, what it means and what to write instead."""

    term: str
    pattern: re.Pattern
    explanation: str
    instead: str


def _term(term: str, pattern: str, explanation: str, instead: str, *, any_case: bool = True):
    flags = re.IGNORECASE if any_case else 0
    return Term(term, re.compile(rf"\b(?:{pattern})\b", flags), explanation, instead)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _acronym(term: str, explanation: str, instead: str) -> Term:
    # Abbreviations only in capitals ("cin" or "mash" in lower case are not the jargon), and
    # their plurals ("IDVAs").
    return _term(term, f"{term}s?", explanation, instead, any_case=False)


TERMS = (
    _acronym(
        "ICPC",
        "initial child protection conference: the first meeting where your family and the "
        "professionals decide whether your child needs a child protection plan",
        "the first child protection meeting",
    ),
    _acronym(
        "RCPC",
        "review child protection conference: a meeting to check how the plan is going and "
        "whether it is still needed",
        "the review meeting",
    ),
    _acronym("CP", "child protection: keeping a child safe from serious harm", "child protection"),
    _acronym(
        "CIN",
        "child in need: help for your child and family from children's services, without a "
        "child protection plan",
        "child in need",
    ),
    _term(
        "section 47",
        r"section\s*47|s\.?\s?47",
        "the enquiry children's services must make when they think a child may be being "
        "seriously harmed",
        "the enquiry into what happened",
    ),
    _acronym(
        "CAF",
        "common assessment framework: an early help assessment of what your family needs",
        "an early help assessment",
    ),
    _acronym(
        "MASH",
        "multi-agency safeguarding hub: the team that first looks at worries about a child",
        "the team that looks at new worries about children",
    ),
    _acronym(
        "LADO",
        "local authority designated officer: the person who looks into worries about adults "
        "who work with children",
        "the officer who looks into worries about staff",
    ),
    _acronym(
        "PLO",
        "public law outline: the steps the council must take before it can ask a court to "
        "decide about a child; you will be invited to a meeting and can have a solicitor free",
        "the steps before court (you can get free legal advice)",
    ),
    _acronym(
        "CSE",
        "child sexual exploitation: when someone tricks, pressures or forces a child into sexual "
        "activity, often in return for something",
        "sexual exploitation",
    ),
    _term(
        "core group",
        r"core\s+groups?",
        "the group of people (you, your social worker and the other workers who know your "
        "family) who meet every few weeks to check the plan is working",
        "the group that meets to check the plan",
    ),
    _term(
        "threshold",
        r"thresholds?",
        "the level of worry at which children's services must act",
        "how worried we need to be before we act",
    ),
    _term(
        "strategy discussion",
        r"strategy\s+(?:discussions?|meetings?)",
        "a talk between the police, children's services and health to decide whether to look "
        "into what happened",
        "a meeting between the police, social workers and health",
    ),
    _term(
        "safeguarding",
        r"safeguard(?:ing|ed|s)?",
        "keeping children safe from harm",
        "keeping children safe",
    ),
    _term(
        "multi-agency",
        r"multi[- ]?agency",
        "involving people from different services, such as school, health and the police",
        "with school, health, the police and other services",
    ),
    _term(
        "contingency plan",
        r"contingency(?:\s+plans?)?",
        "what will happen if things do not change enough",
        "what happens if things do not change",
    ),
    _term("statutory", r"statutory", "required by law", "the law says"),
    _term(
        "engage",
        r"engag(?:e|es|ed|ing|ement)",
        "take part in a service and work with the people running it",
        "go to, take part in or work with",
    ),
    _term(
        "assessment",
        r"assessments?",
        "when a worker gets to know your family to find out what is happening and what help is "
        "needed",
        "finding out what help is needed",
    ),
    _term(
        "significant harm",
        r"significant\s+harm",
        "the level of harm the law says children must be protected from",
        "serious harm",
    ),
    _term(
        "chastisement",
        r"chastise(?:ment|d)?",
        "smacking or hitting a child as a punishment",
        "smacking or hitting",
    ),
    _term(
        "direct work",
        r"direct\s+work",
        "time a worker spends with a child, talking, drawing and playing, to understand how "
        "they feel",
        "time with your child to talk about how they feel",
    ),
    _term(
        "step down",
        r"step(?:s|ped|ping)?[- ]down",
        "moving to less formal help when things are better",
        "move to less formal help",
    ),
    _term(
        "parental capacity",
        r"parental\s+capacity|parenting\s+capacity",
        "how well parents can meet their child's needs",
        "how well you can look after your child",
    ),
    _acronym(
        "IRO",
        "independent reviewing officer: the person who chairs the conference and is not part "
        "of the case",
        "the chair of the meeting",
    ),
    _acronym(
        "IDVA",
        "independent domestic violence adviser: a specialist who helps people at risk of "
        "domestic abuse to stay safe",
        "a domestic abuse support worker",
    ),
    _acronym(
        "MARAC",
        "multi-agency risk assessment conference: a meeting about people at high risk of "
        "domestic abuse",
        "a meeting about keeping you safe from domestic abuse",
    ),
    _acronym(
        "CAMHS",
        "child and adolescent mental health services: the NHS service for children's feelings "
        "and mental health",
        "the children's mental health service",
    ),
    _acronym(
        "DSL",
        "designated safeguarding lead: the person at school in charge of keeping children safe",
        "the teacher in charge of keeping children safe",
    ),
    _acronym(
        "EHCP",
        "education, health and care plan: a legal plan for a child's special educational needs",
        "education, health and care plan",
    ),
)

# Abbreviations nearly every adult knows, and capitalised words used for emphasis: not jargon.
FAMILIAR_CAPITALS = _words(
    "OK TV GP NHS UK PE ID PC DVD MP AM PM BBC I II III IV ALL AND ARE BE CAN DO DONT HE IF IN "
    "IS IT ME MUST MY NEVER NO NOT NOW OF ON ONLY OR SAFE SHE STOP THE TO US WE WILL YES YOU"
)


def terms_in(text: str) -> list[Term]:
    """The jargon terms in the text, each once, in the order they first appear."""
    found = [(match.start(), term) for term in TERMS if (match := term.pattern.search(text or ""))]
    return [term for _, term in sorted(found, key=lambda pair: pair[0])]
