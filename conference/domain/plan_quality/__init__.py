"""Outcome-focused, measurable plans (docs/domain.md section 6).

The inspection's central finding (Ofsted, Havering 2013, paragraph 38): plans "tend to be task
and service oriented rather than outcome focused, and the extent to which they are measurable is
limited". `assess_outcome` reads one plan statement the way a careful social worker would:

- **Outcome or task.** An outcome says what the child will experience, or an adult behaviour the
  child will live with ("Dad does not drink when he is looking after Lily"). A task says what a
  service or adult will do: attend, engage, complete, comply, be referred, be assessed, visit,
  monitor, a referral, an assessment, an adult's insight ("Mum will understand …"). Tasks are fine
  as actions under an outcome, never as the outcome itself. Each clause is judged, and the goal
  graded: an outcome, mixed (an outcome with an action written into it) or a task.
- **Measurable.** Evidence is named (a register, diary, test, visit checklist, the child's own
  scale) and something can be seen to be met or not (a count, frequency, threshold, duration).
  A date alone says when to look, not what to see.
- **What else stops the core group agreeing it has been achieved:** vague words, no named owner,
  no review date or one after the next review conference, and negative phrasing.

The reading is structural (subject, main verb, object), not a list of known sentences, so that it
holds for statements nobody has seen; docs/plan-quality.md gives its agreement with a social
worker's judgement. The reading of the main clause is in `clause`, the word lists it needs in
`words`.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from conference.domain.mapping import WORRY_PARTS
from conference.domain.plan_quality.clause import Part, expanded, parts, plain
from conference.domain.plan_quality.words import (
    AGES_AND_NAMES_WITH_NUMBERS,
    ATTENDANCE_PERCENT,
    CHILD_WITH_AGE,
    CLAUSE_BREAK,
    CRITERION,
    DATE_FILLER,
    DATE_WORDS,
    DATES,
    DURATION,
    EVIDENCE,
    NEGATIVE_INSTRUCTION,
    NEGATIVES,
    OUTCOME_EXAMPLES,
    VAGUE,
    VAGUE_MEASURE_WORDS,
    VAGUE_OWNERS,
    VISITS_AS_EVIDENCE,
)
from conference.domain.wording import long_date


@dataclass(frozen=True)
class Finding:
    """Something to put right, in plain English, with a suggestion of how."""

    code: str
    message: str
    suggestion: str = ""


# The graded reading of a goal: every part of it an outcome, some parts outcomes and some
# actions, or no outcome at all.
OUTCOME = "outcome"
MIXED = "mixed"
TASK = "task"
GRADES = (OUTCOME, MIXED, TASK)


@dataclass(frozen=True)
class OutcomeAssessment:
    outcome_focused: bool  # an outcome for the child is in it: graded outcome or mixed
    measurable: bool
    findings: list[Finding] = field(default_factory=list)
    grade: str = OUTCOME  # one of GRADES
    # The statement's parts, as written, by what they are: on a mixed goal the page says
    # "the outcome here is …; keep … as an action".
    outcome_parts: tuple[str, ...] = ()
    action_parts: tuple[str, ...] = ()

    @property
    def codes(self) -> list[str]:
        return [finding.code for finding in self.findings]


def assess_outcome(
    statement: str,
    measure: str = "",
    target: str = "",
    due: date | None = None,
    owner: str = "",
    *,
    next_review: date | None = None,
    worries: Sequence[str] = (),
    sustained_for: str = "",
) -> OutcomeAssessment:
    """Judges one plan statement: is it an outcome for the child, is it measurable, and what
    would stop the core group agreeing it has been achieved (docs/domain.md section 6).
    `worries` are the worry statements the goal answers: a suggested outcome follows them.
    `sustained_for` is the goal's "how long it must last" answer.

    Each clause is judged on its own: the goal is graded an outcome when every clause is one,
    mixed when some are, a task when none is."""
    judged = parts(statement)
    outcome_parts = tuple(part.text for part in judged if not part.task)
    action_parts = tuple(part.text for part in judged if part.task)
    grade = MIXED if outcome_parts and action_parts else OUTCOME if outcome_parts else TASK
    measurable, measurability = measurability_findings(statement, measure, target)
    findings = grade_findings(grade, judged, statement, worries)
    findings += measurability
    if measurable:
        findings += duration_findings(" ".join((statement, measure, target)), sustained_for)
    findings += wording_findings(" ".join((statement, measure, target)), statement)
    findings += ownership_findings(owner, due, next_review)
    return OutcomeAssessment(
        grade != TASK,
        measurable,
        findings,
        grade,
        outcome_parts=outcome_parts,
        action_parts=action_parts,
    )


# The rules, one finding each.


def grade_findings(
    grade: str, judged: Sequence[Part], statement: str, worries: Sequence[str] = ()
) -> list[Finding]:
    """A task proposes the outcome it should serve (a family's safety rule is kept as one); a
    mixed goal names its outcome and keeps the rest as actions; a goal about an adult's own
    state asks what the child will experience."""
    if grade == TASK:
        if all(part.safety_rule for part in judged):
            return [safety_rule_finding(statement)]
        return [task_finding(statement, worries)]
    findings = [mixed_finding(judged)] if grade == MIXED else []
    if any(part.adult_state for part in judged):
        findings.append(
            Finding(
                "adult-state",
                "This is about an adult’s own state, not what the child will experience.",
                "Say what will be different for the child when it is so, e.g. “When Dad feels "
                "anxious, Grandma collects Lily from school and Lily is there on time every "
                "day”.",
            )
        )
    return findings


def mixed_finding(judged: Sequence[Part]) -> Finding:
    """Some of the goal is an outcome and some is an action: keep the outcome as the goal."""
    outcomes = [part.text for part in judged if not part.task]
    actions = [part.text for part in judged if part.task]
    return Finding(
        "mixed-goal",
        f"The outcome here is {_quoted(outcomes)}.",
        f"Keep {_quoted(actions)} as {'an action' if len(actions) == 1 else 'actions'} under "
        "it, with a named person and a date.",
    )


def safety_rule_finding(statement: str) -> Finding:
    """Ringing the police if someone comes is the family's rule, not a goal or a service task."""
    return Finding(
        "safety-rule",
        "This is a safety rule for the family, not what will be different for the child.",
        f"Keep “{statement.strip()}” as the family’s own safety rule, written under the goal "
        f"it protects: what will be different for {_child_named_in(statement)}.",
    )


def duration_findings(text: str, sustained_for: str) -> list[Finding]:
    """A measurable goal says how long the change must last, so that the core group knows when
    it has been achieved rather than only seen once."""
    if sustained_for.strip() or DURATION.search(plain(text).lower()):
        return []
    return [
        Finding(
            "no-duration",
            "This does not say how long the change must last.",
            "Say how long it must be kept up before the plan can say it has been achieved, "
            "e.g. “for 6 months”, in “How long it must last”.",
        )
    ]


def task_finding(statement: str, worries: Sequence[str] = ()) -> Finding:
    """A task is never the outcome: propose the outcome for the child it should serve."""
    child = _child_named_in(statement)
    return Finding(
        "task-not-outcome",
        "This says what an adult or a service will do, not what will be different for the child.",
        f"Say what will be different for {child} if this is done, for example: "
        f"“{suggested_outcome(statement, worries)}”. Keep “{statement.strip()}” as an action "
        "under that outcome, with a named person and a date.",
    )


def measurability_findings(statement: str, measure: str, target: str) -> tuple[bool, list]:
    """Measurable means named evidence and a target that can be seen to be met or not; both may
    be written inside the statement itself. A date alone is not a target."""
    evidence = (
        names_evidence(statement)
        or names_evidence(target)
        or measure_names_evidence(measure)
        or carries_own_evidence(" ".join((statement, target)))
    )
    date_only = is_only_a_date(target)
    criterion = (
        has_criterion(statement)
        or has_criterion(measure)
        or (not date_only and has_criterion(target))
    )
    if evidence and criterion:
        return True, []
    findings = [
        Finding(
            "not-measurable",
            "Nobody could show whether this has been achieved.",
            "Add what evidence will show it and a number, frequency or length of time, e.g. "
            "“on at least 6 of 7 nights, shown by Mum’s diary and two unannounced visits”.",
        )
    ]
    if not evidence:
        findings.append(
            Finding(
                "no-measure",
                "No evidence is named.",
                "Say what will show it: a register, a diary, test results, a visit checklist, "
                "or the child’s own words or scale.",
            )
        )
    if date_only:
        findings.append(
            Finding(
                "target-only-a-date",
                "The target is only a date: it says when to check, not what to see.",
                "Keep the date as the review date and add what will be seen, how often, and for "
                "how long, e.g. “no police call-outs for 6 months”.",
            )
        )
    elif not criterion:
        findings.append(
            Finding(
                "no-target",
                "Nothing says how much, how often or for how long.",
                "Add a number, frequency or length of time, e.g. “every school day” or "
                "“at least 95% attendance each half term”.",
            )
        )
    return False, findings


def wording_findings(text: str, statement: str) -> list[Finding]:
    """Vague words measure nothing; negatives and double negatives hide what should happen."""
    findings = []
    vague = vague_words(text)
    if vague:
        quoted = ", ".join(f"“{word}”" for word in vague)
        findings.append(
            Finding(
                "vague-word",
                f"Vague words that nobody can check: {quoted}.",
                "Say what people will see instead, how often and for how long, e.g. "
                "“at least 5 days a week for 3 months”.",
            )
        )
    if has_double_negative(statement):
        findings.append(
            Finding(
                "double-negative",
                "A double negative makes this hard to read and easy to misread.",
                "Say it once, positively, e.g. “Lily always has an adult looking after her”.",
            )
        )
    if has_negative_instruction(statement):
        findings.append(
            Finding(
                "negative-phrasing",
                "This says what must not happen, not what will happen instead.",
                "Say what will happen instead, e.g. “If Dad has been drinking, he stays at "
                "Grandad’s and Grandma looks after Lily” rather than “Dad will not drink”.",
            )
        )
    return findings


def ownership_findings(owner: str, due: date | None, next_review: date | None) -> list[Finding]:
    """Every outcome has a named person or agency and a review date before the next review
    conference, so that the conference can see whether it has been achieved."""
    findings = []
    if _normalised_owner(owner) in VAGUE_OWNERS:
        findings.append(
            Finding(
                "no-owner",
                "Nobody is named as responsible.",
                "Name a person or agency, e.g. “Mum”, “Sam Jones (social worker)” or “St Mary’s "
                "school”, not “parents”, “professionals” or “all”.",
            )
        )
    if due is None:
        findings.append(
            Finding(
                "no-review-date",
                "There is no review date.",
                "Give the date by which the core group will check this.",
            )
        )
    elif next_review is not None and due > next_review:
        findings.append(
            Finding(
                "review-after-next-review",
                f"The review date, {long_date(due)}, is after the next review conference on "
                f"{long_date(next_review)}.",
                "Bring the date forward so that the review conference can see whether this has "
                "been achieved.",
            )
        )
    return findings


# Measurability.


def names_evidence(text: str) -> bool:
    """Evidence named in free text: "shown by …", a register, diary, test, checklist, records,
    the child's own words or scale, or observations at visits."""
    lowered = plain(text).lower()
    return bool(EVIDENCE.search(lowered) or VISITS_AS_EVIDENCE.search(lowered))


def carries_own_evidence(text: str) -> bool:
    """A school attendance percentage is read from the register: "at least 95% attendance"."""
    return bool(ATTENDANCE_PERCENT.search(plain(text).lower()))


def measure_names_evidence(measure: str) -> bool:
    """The measure field names evidence unless it is blank or only says "monitoring",
    "ongoing", "core group discussion", "TBC" and the like."""
    if names_evidence(measure):
        return True
    words = re.findall(r"[a-z]+", plain(measure).lower())
    return any(word not in VAGUE_MEASURE_WORDS for word in words)


def has_criterion(text: str) -> bool:
    """Something that can be seen to be met or not: a number, a frequency, "every", "all",
    "at least", "no … ", a percentage, a time. Dates, ages and school years do not count."""
    lowered = _without_dates_and_ages(text)
    return bool(CRITERION.search(lowered))


def is_only_a_date(target: str) -> bool:
    """A target such as "by March", "31/03/2027" or "by the next review" only says when."""
    lowered = plain(target).lower()
    if not lowered.strip():
        return False
    words = re.findall(r"[a-z0-9]+", DATES.sub(" ", lowered))
    dated = bool(DATES.search(lowered)) or any(word in DATE_WORDS for word in words)
    return dated and all(word in DATE_FILLER or word.isdigit() for word in words)


def _without_dates_and_ages(text: str) -> str:
    lowered = re.sub(r"\([^)]*\)", " ", plain(text)).lower()
    lowered = DATES.sub(" ", lowered)
    return AGES_AND_NAMES_WITH_NUMBERS.sub(" ", lowered)


# Wording.


def vague_words(text: str) -> list[str]:
    """The vague words in the text, each once, in the order they appear."""
    found = []
    for match in VAGUE.finditer(plain(text).lower()):
        if match.group(0) not in found:
            found.append(match.group(0))
    return found


def has_negative_instruction(statement: str) -> bool:
    """ "will not", "won't", "must not", "should not", "is not to", "X not to …" """
    return bool(NEGATIVE_INSTRUCTION.search(plain(statement).lower()))


def has_double_negative(statement: str) -> bool:
    """Two negatives in one clause, at least one of them "not" or "never": "will not be left
    with no adult", "won't never", "not … without"."""
    for clause in CLAUSE_BREAK.split(expanded(statement).lower()):
        words = re.findall(r"[a-z]+(?:-[a-z]+)*", clause)
        negatives = [word for word in words if word in NEGATIVES]
        if len(negatives) >= 2 and {"not", "never"} & set(negatives):
            return True
    return False


def _normalised_owner(owner: str) -> str:
    text = re.sub(r"[^a-z' ]", " ", plain(owner).lower())
    text = " ".join(text.split())
    return text.removeprefix("the ")


# Suggestions.


def _child_named_in(statement: str) -> str:
    names = CHILD_WITH_AGE.findall(plain(statement))
    if names:
        return names[0]
    lowered = statement.lower()
    for word in ("children", "baby", "boys", "girls"):
        if re.search(rf"\b{word}\b", lowered):
            return f"the {word}"
    return "the child"


def suggested_outcome(statement: str, worries: Sequence[str] = ()) -> str:
    """An outcome for the child that a task (`statement`) could serve, as an example to change.

    The outcome answers the worry, not the service: a parenting course under a worry about
    drinking and violence gets an example about the drinking, not about bedtimes. So the worry
    statements the goal answers are read first, preferring an example the task also points to;
    only without a worry that names one does the task's own wording choose."""
    worry_text = " ".join(worries)
    child = _child_named_in(statement)
    named = CHILD_WITH_AGE.findall(plain(worry_text))
    if child == "the child" and named:
        # A worry about "Lily (4)" names her; one that only mentions "the baby" among others
        # may be about them all, so the example stays with "the child".
        child = named[0]
    from_worries = _examples_for(_behaviours(worries)) or _examples_for(worry_text)
    from_task = _examples_for(statement)
    shared = [example for example in from_worries if example in from_task]
    chosen = next(iter(shared or from_worries or from_task), None)
    if chosen is None:
        return (
            f"{_capitalised(child)} [what they will experience each day], on at least "
            "[how many] days a week for [how long], shown by [a diary, register or visits]"
        )
    return _agreeing(chosen.format(child=child, Child=_capitalised(child)), child)


# The examples' verbs after the child, as they read after "the children", "the boys" …
PLURAL_VERBS = {"is": "are", "lives": "live", "sleeps": "sleep", "goes": "go", "has": "have"}


def _agreeing(example: str, child: str) -> str:
    """ "The children are only ever looked after …", not "is"."""
    if child not in ("the children", "the boys", "the girls"):
        return example
    return re.sub(
        rf"(?i)\b({re.escape(child)}) ({'|'.join(PLURAL_VERBS)})\b",
        lambda match: f"{match.group(1)} {PLURAL_VERBS[match.group(2).lower()]}",
        example,
    )


def _behaviours(worries: Sequence[str]) -> str:
    """What the worry statements are about: the "About what" answer of one written with the
    guided questions, or the whole of one written as a sentence. What could happen to the child
    (lost sleep, missed learning) is the harm, not the behaviour the outcome must change: a
    parenting course under a worry about Dad's drinking that could cost the children their sleep
    gets an example about the drinking, not about bedtimes."""
    label = f"{dict(WORRY_PARTS)['worried_about']}: "
    found = []
    for worry in worries:
        about = [part[len(label) :] for part in worry.split(" / ") if part.startswith(label)]
        found.append(" ".join(about) or worry)
    return " ".join(found)


def _examples_for(text: str) -> list[str]:
    """The examples whose keywords the text uses, in the order of OUTCOME_EXAMPLES (the most
    pressing dangers first)."""
    lowered = f" {plain(text).lower()} "
    return [
        example
        for keywords, example in OUTCOME_EXAMPLES
        if any(keyword in lowered for keyword in keywords)
    ]


def _quoted(texts: Sequence[str]) -> str:
    quoted = [f"“{text.strip().rstrip('.')}”" for text in texts]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
