"""Outcome-focused, measurable plans (DOMAIN.md section 6).

The inspection's central finding (Ofsted, Havering 2013, paragraph 38): plans "tend to be task
and service oriented rather than outcome focused, and the extent to which they are measurable is
limited". `assess_outcome` reads one plan statement the way a careful social worker would:

- **Outcome or task.** An outcome says what the child will experience, or an adult behaviour the
  child will live with ("Dad does not drink when he is looking after Lily"). A task says what a
  service or adult will do: attend, engage, complete, comply, be referred, be assessed, visit,
  monitor, a referral, an assessment, an adult's insight ("Mum will understand …"). Tasks are fine
  as actions under an outcome, never as the outcome itself.
- **Measurable.** Evidence is named (a register, diary, test, visit checklist, the child's own
  scale) and something can be seen to be met or not (a count, frequency, threshold, duration).
  A date alone says when to look, not what to see.
- **What else stops the core group agreeing it has been achieved:** vague words, no named owner,
  no review date or one after the next review conference, and negative phrasing.

The reading is structural (subject, main verb, object), not a list of known sentences, so that it
holds for statements nobody has seen; docs/plan-quality.md gives its agreement with a social
worker's judgement. The word lists it needs are in the second half of this module.
"""

import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Finding:
    """Something to put right, in plain English, with a suggestion of how."""

    code: str
    message: str
    suggestion: str = ""


@dataclass(frozen=True)
class OutcomeAssessment:
    outcome_focused: bool
    measurable: bool
    findings: list[Finding] = field(default_factory=list)

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
) -> OutcomeAssessment:
    """Judges one plan statement: is it an outcome for the child, is it measurable, and what
    would stop the core group agreeing it has been achieved (DOMAIN.md section 6)."""
    outcome_focused = not is_task(statement)
    measurable, measurability = measurability_findings(statement, measure, target)
    findings = [] if outcome_focused else [task_finding(statement)]
    findings += measurability
    findings += wording_findings(" ".join((statement, measure, target)), statement)
    findings += ownership_findings(owner, due, next_review)
    return OutcomeAssessment(outcome_focused, measurable, findings)


# The rules, one finding each.


def task_finding(statement: str) -> Finding:
    """A task is never the outcome: propose the outcome for the child it should serve."""
    child = _child_named_in(statement)
    return Finding(
        "task-not-outcome",
        "This says what an adult or a service will do, not what will be different for the child.",
        f"Say what will be different for {child} if this is done, for example: "
        f"“{_outcome_example(statement, child)}”. Keep “{statement.strip()}” as an action "
        "under that outcome, with a named person and a date.",
    )


def measurability_findings(statement: str, measure: str, target: str) -> tuple[bool, list]:
    """Measurable means named evidence and a target that can be seen to be met or not; both may
    be written inside the statement itself. A date alone is not a target."""
    evidence = (
        names_evidence(statement) or names_evidence(target) or measure_names_evidence(measure)
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
                f"The review date, {_long_date(due)}, is after the next review conference on "
                f"{_long_date(next_review)}.",
                "Bring the date forward so that the review conference can see whether this has "
                "been achieved.",
            )
        )
    return findings


# Measurability.


def names_evidence(text: str) -> bool:
    """Evidence named in free text: "shown by …", a register, diary, test, checklist, records,
    the child's own words or scale, or observations at visits."""
    lowered = _plain(text).lower()
    return bool(EVIDENCE.search(lowered) or VISITS_AS_EVIDENCE.search(lowered))


def measure_names_evidence(measure: str) -> bool:
    """The measure field names evidence unless it is blank or only says "monitoring",
    "ongoing", "core group discussion", "TBC" and the like."""
    if names_evidence(measure):
        return True
    words = re.findall(r"[a-z]+", _plain(measure).lower())
    return any(word not in VAGUE_MEASURE_WORDS for word in words)


def has_criterion(text: str) -> bool:
    """Something that can be seen to be met or not: a number, a frequency, "every", "all",
    "at least", "no … ", a percentage, a time. Dates, ages and school years do not count."""
    lowered = _without_dates_and_ages(text)
    return bool(CRITERION.search(lowered))


def is_only_a_date(target: str) -> bool:
    """A target such as "by March", "31/03/2027" or "by the next review" only says when."""
    lowered = _plain(target).lower()
    if not lowered.strip():
        return False
    words = re.findall(r"[a-z0-9]+", DATES.sub(" ", lowered))
    dated = bool(DATES.search(lowered)) or any(word in DATE_WORDS for word in words)
    return dated and all(word in DATE_FILLER or word.isdigit() for word in words)


def _without_dates_and_ages(text: str) -> str:
    lowered = re.sub(r"\([^)]*\)", " ", _plain(text)).lower()
    lowered = DATES.sub(" ", lowered)
    return AGES_AND_NAMES_WITH_NUMBERS.sub(" ", lowered)


# Wording.


def vague_words(text: str) -> list[str]:
    """The vague words in the text, each once, in the order they appear."""
    found = []
    for match in VAGUE.finditer(_plain(text).lower()):
        if match.group(0) not in found:
            found.append(match.group(0))
    return found


def has_negative_instruction(statement: str) -> bool:
    """ "will not", "won't", "must not", "should not", "is not to", "X not to …" """
    return bool(NEGATIVE_INSTRUCTION.search(_plain(statement).lower()))


def has_double_negative(statement: str) -> bool:
    """Two negatives in one clause, at least one of them "not" or "never": "will not be left
    with no adult", "won't never", "not … without"."""
    for clause in CLAUSE_BREAK.split(_expanded(statement).lower()):
        words = re.findall(r"[a-z]+(?:-[a-z]+)*", clause)
        negatives = [word for word in words if word in NEGATIVES]
        if len(negatives) >= 2 and {"not", "never"} & set(negatives):
            return True
    return False


def _normalised_owner(owner: str) -> str:
    text = re.sub(r"[^a-z' ]", " ", _plain(owner).lower())
    text = " ".join(text.split())
    return text.removeprefix("the ")


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _plain(text: str) -> str:
    return (text or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


# Outcome or task: reading the statement's main clause.

CHILD, ADULT, PROFESSIONAL, PROCESS, NAMED, THING, NOBODY = (
    "child",
    "adult",
    "professional",
    "process",
    "named",
    "thing",
    "nobody",
)


@dataclass(frozen=True)
class Clause:
    """The words of one clause, lower case, with the capitalised words that are not in any of
    the word lists (people's names) and the names given an age in brackets (children)."""

    words: tuple[str, ...]
    names: frozenset[str]
    children: frozenset[str]


def is_task(statement: str) -> bool:
    """A statement is a task when its main clause is about attending, engaging, complying,
    a referral, an assessment, a visit, a service or an adult's insight, rather than what the
    child will experience or an adult behaviour the child will live with."""
    return _clause_is_task(_main_clause(statement))


def _main_clause(statement: str) -> Clause:
    text = _expanded(statement)
    children = frozenset(name.lower() for name in CHILD_WITH_AGE.findall(text))
    text = re.sub(r"\([^)]*\)", " ", text)
    text = LIST_MARK.sub("", text)
    text = LABEL.sub("", text)
    text = re.split(r"[.;:!?](?:\s|$)", text, maxsplit=1)[0]
    text = FRAME.sub("", text.strip())
    for phrase, joined in PHRASES:
        text = re.sub(rf"\b{phrase}\b", joined, text, flags=re.IGNORECASE)
    tokens = re.findall(r"[A-Za-z0-9]+(?:['.\-_][A-Za-z0-9]+)*'?|,", text)
    words = tuple(token.lower() for token in tokens)
    names = frozenset(
        word
        for token, word in zip(tokens, words, strict=True)
        if token[:1].isupper() and _base(word) not in KNOWN_WORDS
    )
    return Clause(words, names | children, children)


def _clause_is_task(clause: Clause, outer: str | None = None) -> bool:
    words = _drop_leading_adverbial(clause.words, clause)
    if not words:
        return False
    if words[0] == "there" and len(words) > 1 and words[1] in MODALS | BE:
        rest = [w for w in words[1:] if w not in MODALS | BE | {"not"}]
        return _nominal_is_task(rest, clause)
    anchor = _anchor(words, clause)
    if anchor is None:
        return _nominal_is_task(words, clause)
    subject = [w for w in words[:anchor] if w not in {"not", ","}]
    kind = _subject_kind(subject, clause, outer)
    if kind in (PROFESSIONAL, PROCESS):
        return True
    return _predicate_is_task(words, anchor, kind, clause)


def _drop_leading_adverbial(words, clause: Clause):
    """ "For at least 6 months, …", "When Mum is unwell, …", "By the next review Lily …" """
    words = list(words)
    while words and words[0] in LEADING and "," in words[:16]:
        words = words[words.index(",") + 1 :]
    if words and words[0] in LEADING:
        modal = next((i for i, w in enumerate(words) if w in MODALS or w == "to"), None)
        start = modal
        while start and _is_person(words[start - 1], clause):
            start -= 1
        if modal and start < modal:
            words = words[start:]
    return words


def _anchor(words, clause: Clause) -> int | None:
    """Where the predicate starts: the first auxiliary, "to" + verb, or finite verb."""
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        before = words[i - 1] if i else ""
        if word in MODALS | BE | HAVE | DO:
            return i
        if word == "to" and (_lemma(after) in VERBS or after in BE | HAVE):
            return i
        if i == 0:
            if _imperative(word, after):
                return 0
            continue
        if _base(word) != word or before in DETERMINERS or before.endswith("'s"):
            continue
        if before in PREPOSITIONS or word.endswith("ing"):
            continue
        lemma = _lemma(word)
        if lemma in AMBIGUOUS and (
            after in NOMINAL_AFTER or not _may_be_subject_end(before, clause)
        ):
            continue  # "ongoing support from the school" is a noun phrase
        if lemma in VERBS:
            return i
    return _fallback_anchor(words, clause)


def _imperative(word: str, after: str) -> bool:
    # "Attend all appointments" is an instruction; "Visits by …", "Contact with Dad" are nouns.
    if word == "contact" and after in {"with", "between"}:
        return False
    return _lemma(word) in VERBS and not word.endswith("s") and after not in NOMINAL_AFTER


def _fallback_anchor(words, clause: Clause) -> int | None:
    # An unlisted verb: "-s" or "-ed" straight after a person ("Mum cuddles Lily").
    for i in range(1, len(words)):
        if _is_person(words[i - 1], clause) and re.fullmatch(r"[a-z]+(?:s|ed)", words[i]):
            return i
    return None


def _may_be_subject_end(word: str, clause: Clause) -> bool:
    return _is_person(word, clause) or word in ADVERBS or word in PRONOUNS


def _is_person(word: str, clause: Clause) -> bool:
    word = _base(word)
    return (
        word in ADULTS | CHILDREN | PROFESSIONALS | frozenset(PRONOUNS)
        or word in clause.names
        or word in clause.children
    )


def _subject_kind(subject, clause: Clause, outer: str | None) -> str:
    """Who or what the clause is about, from the head noun of each conjunct of the subject."""
    head_phrase = []
    for word in subject:
        if word in PREPOSITIONS or word in {"who", "which", "that"}:
            break
        head_phrase.append(word)
    if not head_phrase:
        return outer or NOBODY
    conjuncts, current = [], []
    for word in head_phrase:
        if word in {"and", "or", "&"}:
            conjuncts.append(current)
            current = []
        elif word not in DETERMINERS:
            current.append(word)
    conjuncts.append(current)
    kinds = {_conjunct_kind(words, subject, clause, outer) for words in conjuncts if words}
    for kind in (ADULT, CHILD, PROFESSIONAL, PROCESS, NAMED):
        if kind in kinds:
            return kind
    return THING


def _conjunct_kind(words, subject, clause: Clause, outer: str | None) -> str:
    own = [w for w in words if not w.endswith("'s") and not w.endswith("s'")]
    head = own[-1] if own else words[-1]
    if head in PRONOUNS:
        return PRONOUNS[head] or outer or NAMED
    if head in PROCESS_NOUNS:
        # "Lily's attendance", "school attendance", "contact with Dad" are the child's life.
        if head in {"attendance", "contact"} and _about_child_life(words, subject, clause):
            return THING
        return PROCESS
    if head in EVIDENCE_NOUNS:
        return THING
    if any(_base(w) in ADULTS for w in own):
        return ADULT
    if any(_base(w) in CHILDREN or w in clause.children for w in own):
        return CHILD
    if head in PROFESSIONALS:
        return PROFESSIONAL
    if head in clause.names:
        return NAMED
    return THING


def _about_child_life(words, subject, clause: Clause) -> bool:
    possessor = [w[:-2] for w in words if w.endswith("'s")]
    if any(p in ADULTS for p in possessor):
        return False
    if any(p in clause.names or p in CHILDREN or p in clause.children for p in possessor):
        return True
    return bool(set(subject) & CHILD_SETTINGS) or not set(subject) & PROFESSIONALS


def _nominal_is_task(words, clause: Clause) -> bool:
    """A statement without a verb: "Referral to CAMHS", "Weekly visits", "No physical
    chastisement", "Regular school attendance"."""
    head = []
    for word in words:
        if word in PREPOSITIONS:
            break
        if word != ",":
            head.append(word)
    if not head:
        return False
    if "attendance" in head or "contact" in head:
        return not _about_child_life(head, words[:8], clause)
    if any(w.endswith("ing") and _lemma(w) in TASK_VERBS | SERVICE_VERBS for w in head):
        return True
    return _base(head[-1]) in PROCESS_NOUNS | EVIDENCE_NOUNS | PROFESSIONALS


def _predicate_is_task(words, anchor: int, kind: str, clause: Clause) -> bool:
    i, passive = _main_verb(words, anchor)
    if i >= len(words):
        return False
    word, rest = words[i], words[i + 1 :]
    if passive and _is_participle(word):
        return _passive_is_task(word, rest, kind)
    if passive and not word.endswith("ing"):
        return _state_is_task(words[i:], kind)
    lemma = _lemma(word)
    if lemma == "continue":
        following = _continued_verb(rest)
        if following is None:
            return True
        return _predicate_is_task(rest, following, kind, clause)
    if lemma in INSIGHT_VERBS and rest[:1] in (["when"], ["if"]):
        return False  # "Mum recognises when Lily is upset" is noticing the child
    if lemma in EMBEDDING:
        embedded = rest[1:] if rest[:1] == ["that"] else rest
        return _clause_is_task(Clause(tuple(embedded), clause.names, clause.children), kind)
    if lemma == "work" and rest[:1] and rest[0] not in WORKING_WITH:
        return False  # "Dad works nights"; "works with the family support worker" is a task
    return _verb_is_task(lemma, _object(rest), kind, clause)


def _main_verb(words, anchor: int) -> tuple[int, bool]:
    """Skips modals, auxiliaries, adverbs and "expected to", "able to", "agreed to" …"""
    i, passive = anchor, False
    while i < len(words):
        word = words[i]
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in MODALS or word == "to" or word in ADVERBS or _is_adverb(word):
            i += 1
        elif word in BE:
            passive = True
            i += 1
        elif word in HAVE | DO and _auxiliary(words, i):
            i += 1
        elif word in BEFORE_TO and after == "to" and i + 2 < len(words):
            passive = False
            i += 2
        else:
            break
    return i, passive


def _auxiliary(words, i: int) -> bool:
    j = i + 1
    while j < len(words) and (words[j] in ADVERBS or _is_adverb(words[j])):
        j += 1
    if j >= len(words):
        return False
    if words[i] in HAVE:
        return words[j] == "been" or (_is_participle(words[j]) and words[j] != "got")
    return words[j] not in DETERMINERS and words[j] != ","


def _continued_verb(rest) -> int | None:
    if rest[:1] == ["to"] and len(rest) > 1:
        return 1
    if rest and rest[0].endswith("ing") and _lemma(rest[0]) in VERBS:
        return 0
    return None


def _passive_is_task(participle: str, rest, kind: str) -> bool:
    """ "to be referred / assessed / offered / supported" is process; "is kept safe / taken to
    school / cared for" is what the child lives with."""
    if participle == "seen":
        by_whom = rest[:6]
        return kind == ADULT or "alone" in rest[:2] or bool(set(by_whom) & SEEN_FOR_PROCESS)
    if participle == "given":
        return bool(set(rest[:4]) & (GIVEN_AS_PROCESS | PROCESS_NOUNS))
    return participle in PROCESS_PARTICIPLES or _lemma(participle) in TASK_VERBS | SERVICE_VERBS


def _state_is_task(complement, kind: str) -> bool:
    """ "is safe", "is in bed by 7.30pm" are states; "is compliant", "is honest and open with
    professionals" are compliance."""
    if kind == ADULT and complement[:1] == ["at"] and set(complement[:6]) & MEETINGS:
        return True  # "Mum will be at every core group" is attendance
    complement = _object(complement)
    if set(complement) & COMPLIANCE:
        return True
    services = THERAPEUTIC if kind in (CHILD, NAMED) else SERVICE_OBJECTS
    return bool({_base(w) for w in complement} & services)


def _verb_is_task(lemma: str, obj, kind: str, clause: Clause) -> bool:
    """The main verb and its object decide between a task and a behaviour."""
    if lemma in INSIGHT_VERBS or (lemma == "show" and obj[:1] and obj[0] in SHOWING_THAT):
        return _insight_is_task(obj, kind, clause)
    if lemma in TASK_VERBS:
        return _task_verb_is_task(lemma, obj, kind, clause)
    if lemma in ACQUIRING and kind not in (CHILD, NAMED):
        return _acquiring_is_task(lemma, obj, clause)
    if kind in (CHILD, NAMED):
        return bool({_base(w) for w in obj} & THERAPEUTIC)
    if _direct_object_is_child(obj, clause):
        return lemma in SERVICE_VERBS and kind == NOBODY
    if lemma in SERVICE_VERBS and kind == NOBODY:
        return True
    return bool({_base(w) for w in obj} & SERVICE_OBJECTS)


def _insight_is_task(obj, kind: str, clause: Clause) -> bool:
    # A child learning who to tell is the child's safety; a parent's insight is a process.
    if kind == CHILD:
        return False
    if kind == NAMED:
        return bool(set(obj) & {"impact", "risk", "risks", "effect"}) or _mentions_child(
            obj, clause
        )
    return True


def _task_verb_is_task(lemma: str, obj, kind: str, clause: Clause) -> bool:
    objects = {_base(w) for w in obj}
    if lemma == "attend" and kind in (CHILD, NAMED):
        if objects & THERAPEUTIC:
            return True
        return not (objects & CHILD_SETTINGS) and kind == NAMED
    if lemma == "visit" and kind in (ADULT, CHILD, NAMED):
        return not (_mentions_child(obj, clause) or objects & ADULTS)
    return True


def _acquiring_is_task(lemma: str, obj, clause: Clause) -> bool:
    # Buying food each week is care; buying a cot is a one-off job.
    if set(obj) & CONSUMABLES:
        return False
    if lemma == "get":
        first = obj[0] if obj else ""
        return not (first in GETTING_SOMEWHERE or _mentions_child(obj[:2], clause))
    return True


def _object(rest):
    """The words after the verb up to the first adjunct ("at every visit", "when …", ", …")."""
    obj = []
    for i, word in enumerate(rest):
        after = rest[i + 1] if i + 1 < len(rest) else ""
        if word in OBJECT_ENDS:
            break
        if word == "to" and (_lemma(after) in VERBS - NOUN_LIKE_VERBS or after in BE):
            break
        if word == "and" and _lemma(after) in VERBS - NOUN_LIKE_VERBS:
            break
        obj.append(word)
    return obj


def _direct_object_is_child(obj, clause: Clause) -> bool:
    direct = []
    for word in obj:
        if word in PREPOSITIONS:
            break
        direct.append(word)
    return _mentions_child(direct, clause)


def _mentions_child(words, clause: Clause) -> bool:
    return any(
        _base(w) in CHILDREN or _base(w) in clause.names or _base(w) in clause.children
        for w in words
    )


def _is_participle(word: str) -> bool:
    if word in IRREGULAR_PARTICIPLES:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in NOT_PARTICIPLES


def _is_adverb(word: str) -> bool:
    return (
        len(word) > 4
        and word.endswith("ly")
        and word not in NOT_ADVERBS
        and _lemma(word) not in VERBS
    )


def _base(word: str) -> str:
    return word.removesuffix("'s").removesuffix("'")


def _lemma(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    for candidate in _lemma_candidates(word):
        if candidate in VERBS:
            return candidate
    return word


def _lemma_candidates(word: str):
    yield word
    if word.endswith("ies") or word.endswith("ied"):
        yield word[:-3] + "y"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s"):
        yield word[:-1]
    if word.endswith("ed"):
        yield from (word[:-2], word[:-1], word[:-3])
    if word.endswith("ing"):
        yield from (word[:-3], word[:-3] + "e", word[:-4])


def _expanded(text: str) -> str:
    text = re.sub(r"\b(Mr|Mrs|Ms|Dr|St)\.", r"\1", _plain(text))
    for pattern, replacement in CONTRACTIONS:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text


# Suggestions.


def _child_named_in(statement: str) -> str:
    names = CHILD_WITH_AGE.findall(_plain(statement))
    if names:
        return names[0]
    lowered = statement.lower()
    for word in ("children", "baby", "boys", "girls"):
        if re.search(rf"\b{word}\b", lowered):
            return f"the {word}"
    return "the child"


def _outcome_example(statement: str, child: str) -> str:
    lowered = f" {_plain(statement).lower()} "
    for keywords, example in OUTCOME_EXAMPLES:
        if any(keyword in lowered for keyword in keywords):
            return example.format(child=child, Child=child[:1].upper() + child[1:])
    return (
        f"{child[:1].upper() + child[1:]} [what they will experience each day], on at least "
        "[how many] days a week for [how long], shown by [a diary, register or visits]"
    )


# The word lists.


def _words(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split())


MODALS = _words("will would must should shall can could may might")
BE = _words("be is are am was were been being")
HAVE = _words("has have had")
DO = _words("does do did")
ADVERBS = _words(
    "not never always also only still then now all both each just even already often usually "
    "sometimes ever no-longer longer no out"
)
NOT_ADVERBS = _words("early only family reply supply apply rely bully weekly monthly daily")
BEFORE_TO = _words(
    "able expected required asked agreed agree agrees going trying try tries need needs want "
    "wants willing allowed supposed told advised happy ready has have had plan plans hope hopes "
    "aim aims promise promises promised intend intends start starts begin begins due"
)
DETERMINERS = _words(
    "the a an this that these those each every all any no some her his their its our your my "
    "both either neither another other more less few several many much enough"
)
PREPOSITIONS = _words(
    "of at in on by for with from about between into onto to towards under over during after "
    "before until within without through via regarding around across against among"
)
NOMINAL_AFTER = _words("of by from for between")
PRONOUNS = {
    "he": None,
    "she": None,
    "they": None,
    "it": None,
    "i": NAMED,
    "you": ADULT,
    "we": PROFESSIONAL,
    "someone": ADULT,
    "everyone": ADULT,
    "everybody": ADULT,
    "anyone": ADULT,
    "nobody": ADULT,
    "no-one": ADULT,
}
LEADING = _words(
    "by for within over from when whenever if once after before until during at in on each "
    "every while whilst throughout as with without following since starting between this next "
    "going where unless because"
)
OBJECT_ENDS = _words(
    ", ; when whenever if so because until unless while whilst who which where before after "
    "once since although though but at during on in for by from within every each without "
    "instead even as about regarding through like"
)

ADULTS = _words(
    "mum mother mom mummy dad father daddy parent parents carer carers stepdad stepmum "
    "step-dad step-mum stepfather stepmother grandma grandad granddad grandmother grandfather "
    "grandparent grandparents nan nana nanna nanny gran grandpa uncle aunt auntie aunty partner "
    "partners ex-partner boyfriend girlfriend adult adults mr mrs ms miss family household "
    "network relative relatives friend friends neighbour neighbours"
)
CHILDREN = _words(
    "child children baby babies unborn boys girls boy girl son sons daughter daughters sibling "
    "siblings brother brothers sister sisters twins toddler toddlers kids kid teenager "
    "teenagers infant newborn youngster youngsters pupil young"
)
PROFESSIONALS = _words(
    "social_worker social_workers family_support_worker support_worker key_worker "
    "health_visitor school_nurse core_group early_help social_care children's_services "
    "local_authority youth_offending_service family_hub leaving_care_team practitioner "
    "practitioners professional professionals agency agencies services service team teams "
    "school schools nursery college teacher teachers headteacher dsl senco gp gps doctor "
    "doctors paediatrician nurse midwife midwives hv police officer officers camhs idva isva "
    "probation housing council authority la iro chair conference panel mash yot cafcass "
    "therapist therapists counsellor counsellors mentor advocate interpreter ot "
    "physiotherapist psychologist psychiatrist clinician staff worker workers sw fsw "
    "visitor lead coordinator department unit organisation charity provider office bureau clinic"
)
PROCESS_NOUNS = _words(
    "referral referrals assessment assessments attendance engagement completion participation "
    "compliance cooperation co-operation monitoring support visit visits direct_work work "
    "liaison meeting meetings review reviews check checks provision access counselling therapy "
    "treatment intervention interventions programme programmes program course courses session "
    "sessions plan safety_plan agreement written_agreement application registration allocation "
    "signposting consideration exploration discussion discussions update updates progress offer "
    "offers invitation appointment appointments advice information intelligence mentoring "
    "advocacy group groups class classes input package enquiries investigation respite contact "
    "family_group_conference management"
)
EVIDENCE_NOUNS = _words(
    "register registers diary diaries log logs chart charts checklist checklists test tests "
    "testing screen screens screening records record report reports results"
)
THERAPEUTIC = _words(
    "counselling counsellor counselor therapy therapist camhs session sessions programme "
    "program course direct_work assessment referral mentor mentoring worker workers "
    "support_worker yot youth_offending_service service services advocate advocacy "
    "intervention interventions panel conference core_group meeting meetings social_worker"
)
SERVICE_OBJECTS = (
    PROCESS_NOUNS - {"plan", "contact", "work"}
    | PROFESSIONALS
    | EVIDENCE_NOUNS
    | _words("medication tablets prescription methadone order recommendations aa na")
)
CHILD_SETTINGS = _words(
    "school nursery college pre-school preschool playgroup club clubs mosque church temple "
    "gurdwara synagogue madrasa madrassa lessons scouts guides brownies cubs football swimming "
    "dance education training dentist dental doctor gp optician hospital health medical "
    "immunisations immunisation vaccinations check-up check-ups eye hearing"
)
MEETINGS = _words(
    "core_group meeting meetings conference appointment appointments session sessions review "
    "course programme group class classes"
)
SEEN_FOR_PROCESS = _words(
    "social_worker social_workers professionals professional visit visits team worker we "
    "mental police"
)
GIVEN_AS_PROCESS = _words("card leaflet information advice pack letter copy support help")
COMPLIANCE = _words(
    "compliant cooperative co-operative engaged willing motivated committed receptive present "
    "available subject"
)
CONSUMABLES = _words("food nappies milk formula shopping meals breakfast dinner lunch clothes")
WORKING_WITH = _words(
    "with alongside together towards toward on openly closely honestly in to constructively"
)
# "Mum will show that she can …" is proving something to professionals, not a behaviour.
SHOWING_THAT = _words("that she he they we i it")
GETTING_SOMEWHERE = _words("to up dressed ready home back out")

TASK_VERBS = _words(
    "attend engage complete comply cooperate co-operate undertake participate accept access "
    "work monitor arrange explore refer assess reassess liaise signpost convene review discuss "
    "consider inform notify consult request seek submit adhere undergo consent facilitate "
    "coordinate co-ordinate chair investigate evaluate escalate allocate commission update "
    "document agree visit miss address tackle"
)
SERVICE_VERBS = _words("support help provide offer check share test observe")
INSIGHT_VERBS = _words(
    "understand learn recognise recognize acknowledge reflect demonstrate gain develop realise "
    "realize appreciate identify"
)
ACQUIRING = _words(
    "buy purchase obtain fit install replace repair fix order apply register enrol enroll "
    "book sign find get source"
)
EMBEDDING = _words("ensure")
BEHAVIOUR_VERBS = _words(
    "go take make keep give put bring collect pick drop feed cook prepare wash bath bathe "
    "clean tidy dress change brush sleep eat drink smoke use shout hit smack hurt harm swear "
    "argue fight speak talk say tell listen respond praise comfort cuddle hug play read help "
    "spend stay live leave lock stop start begin reduce abstain manage sort resolve handle "
    "supervise watch look protect believe love care walk drive come return arrive ring call "
    "text phone know feel seem appear sit wake follow let allow see hear meet buy pay budget "
    "shop carry send settle calm lose wear celebrate pray ask show choose decide wait move "
    "improve increase maintain remain rate score belong laugh enjoy join visit hold sing "
    "cry hide tell notice keep affect happen stay gain put belittle plays grow thrive"
)
VERBS = (
    TASK_VERBS
    | SERVICE_VERBS
    | INSIGHT_VERBS
    | ACQUIRING
    | EMBEDDING
    | BEHAVIOUR_VERBS
    | BE
    | HAVE
    | DO
    | _words("continue need")
)
# Verbs that are as often nouns in plans ("weekly visits", "Dad's cocaine use"): read as a verb
# only straight after a person or an adverb.
AMBIGUOUS = _words(
    "review visit support contact work check test plan record report use care need help "
    "change drink access offer progress update request consent score return order book "
    "register monitor signpost time place face hope aim"
)
NOUN_LIKE_VERBS = _words("school home work contact care time")
PROCESS_PARTICIPLES = _words(
    "made held carried sent shared agreed encouraged advised weighed measured observed "
    "interviewed informed asked consulted taught prepared approved sourced found funded "
    "booked obtained requested progressed closed stepped enrolled signed sought done invited "
    "allocated registered recorded written implemented empowered enabled told added placed "
    "breathalysed drug-tested screened addressed"
)
IRREGULAR = dict(
    pair.split(":")
    for pair in _words(
        "is:be are:be am:be was:be were:be been:be being:be has:have had:have having:have does:do "
        "did:do done:do goes:go went:go gone:go took:take taken:take made:make kept:keep got:get "
        "felt:feel slept:sleep ate:eat eaten:eat saw:see seen:see told:tell left:leave gave:give "
        "given:give said:say says:say brought:bring bought:buy spoke:speak spoken:speak knew:know "
        "known:know understood:understand learnt:learn sought:seek met:meet fed:feed held:hold "
        "found:find sent:send taught:teach undertaken:undertake undertook:undertake "
        "undergone:undergo came:come lives:live"
    )
)
IRREGULAR_PARTICIPLES = _words(
    "seen given taken made kept left told shown known found held brought sent put set hit hurt "
    "bought caught chosen driven eaten fed felt got heard hidden lost meant met paid said "
    "sold spoken taught thought thrown understood woken worn written born done undertaken "
    "sought read"
)
NOT_PARTICIPLES = _words("need speed seed indeed hundred")

KNOWN_WORDS = (
    ADULTS
    | CHILDREN
    | PROFESSIONALS
    | PROCESS_NOUNS
    | EVIDENCE_NOUNS
    | VERBS
    | MODALS
    | DETERMINERS
    | PREPOSITIONS
    | LEADING
    | frozenset(PRONOUNS)
    | _words("there it to not no and or but if when so continue ensure baby")
)

CONTRACTIONS = (
    (r"\bwon't\b", "will not"),
    (r"\bcan't\b", "can not"),
    (r"\bshan't\b", "shall not"),
    (r"n't\b", " not"),
    (r"\b(he|she|it|there|that|who)'s\b", r"\1 is"),
    (r"'ll\b", " will"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
)
# Multi-word names and phrasal verbs read as one word.
PHRASES = (
    (r"(?:make|makes|made|making) (?:sure|certain)(?: that)?", "ensure"),
    (r"see to it that", "ensure"),
    (r"(?:take|takes|took|taking) part", "participate"),
    (r"(?:carry|carries|carried|carrying) out", "undertake"),
    (r"(?:keep|keeps|kept|keeping) in (?:regular |close )?(?:touch|contact)", "keep"),
    (r"(?:sign|signs|signed|signing) up", "enrol"),
    (r"family support workers?", "family_support_worker"),
    (r"(?:\w+ )?support workers?", "support_worker"),
    (r"social workers?", "social_worker"),
    (r"key workers?", "key_worker"),
    (r"health visitors?", "health_visitor"),
    (r"school nurses?", "school_nurse"),
    (r"core groups?(?: meetings?)?", "core_group"),
    (r"early help", "early_help"),
    (r"(?:adult |children's )?social care", "social_care"),
    (r"children's services", "children's_services"),
    (r"local authority", "local_authority"),
    (r"youth offending(?: service| team)?", "youth_offending_service"),
    (r"family hub", "family_hub"),
    (r"leaving care team", "leaving_care_team"),
    (r"family group conference", "family_group_conference"),
    (r"direct work", "direct_work"),
    (r"safety plan", "safety_plan"),
    (r"written agreement", "written_agreement"),
)
CHILD_WITH_AGE = re.compile(
    r"\b([A-Z][a-z]+)\s*\(\s*(?:aged\s*)?(?:\d|unborn|newborn)", re.IGNORECASE
)
LIST_MARK = re.compile(r"^\s*(?:[-•*]|\d+[.)]|[a-z][.)])\s+")
LABEL = re.compile(
    r"^\s*(?:outcome|goal|safety goal|aim|action|task|target|what needs to happen)\s*\d*\s*:\s*",
    re.IGNORECASE,
)
FRAME = re.compile(
    r"^(?:it is (?:expected|important|agreed|essential|vital|hoped|necessary) that"
    r"|we (?:want|hope|expect|need)(?: to see)?(?: that)?"
    r"|we will know (?:that )?(?:things|it|this|the plan) (?:is|are|has|have)? ?"
    r"(?:better|working|worked|safer|good enough|changed)? ?when"
    r"|the (?:aim|plan|goal|hope) is (?:that|for)"
    r"|everyone agrees(?: that)?"
    r"|the conference (?:agreed|wants|expects|decided)(?: that)?)\s+",
    re.IGNORECASE,
)

EVIDENCE = re.compile(
    r"\b(?:shown by|evidenced by|measured by|confirmed by|verified by|according to|as recorded"
    r"|recorded (?:in|on|by|at)|checked (?:by|at|with|on|during)|registers?|diar(?:y|ies)"
    r"|logs?|charts?|checklists?|tests?|testing|breathalysers?|screens?|screening|hair[- ]strand"
    r"|centiles?|weigh-ins?|weighed|red book|body maps?|records?|reports?|call-outs?|callouts?"
    r"|observations?|observed|own words|own account|own view|scales?|scaling|scores?"
    r"|questionnaires?|feedback|photos?|photographs?)\b"
)
VISITS_AS_EVIDENCE = re.compile(
    r"\b(?:at|on|during|each|every|all|unannounced|announced|home|statutory|two|three|four|\d+)"
    r"\s+(?:[a-z-]+\s+)?visits?\b"
)
VAGUE_MEASURE_WORDS = _words(
    "ongoing monitoring monitored monitor tbc tba n a na none progress discussion discussions "
    "core group meeting meetings review reviews professional professionals judgement judgment "
    "opinion opinions view views see above below plan agreed to be by the a an of and at via "
    "through from with in on overall general observation s"
)
NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|once|twice"
)
CRITERION = re.compile(
    r"\d|%|\bper ?cent\b"
    rf"|\b(?:{NUMBER_WORDS})\b"
    r"|\bat (?:least|most)\b|\b(?:more|fewer|less) than\b|\bor (?:more|above|below|less|fewer)\b"
    r"|\b(?:above|below)\b|\b(?:every|each|all|always|never|none|zero|nil)\b"
    r"|\bno (?!longer\b)[a-z]+|\bno-one\b"
    r"|\b(?:daily|nightly|weekly|fortnightly|monthly|termly|yearly|annually)\b"
    r"|\bin a row\b|\bconsecutive\b|\bon time\b|\ba (?:day|night|week|month)\b"
)
MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
DATES = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"
    rf"|\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTHS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    r"(?:,?\s+\d{4})?\b"
    r"|\b(?:19|20)\d{2}\b|\bhalf[- ]term\b"
)
AGES_AND_NAMES_WITH_NUMBERS = re.compile(
    r"\baged \d+|\b\d+[- ](?:years?|months?|weeks?)[- ]old\b|\byear \d+\b|\bkey stage \d\b"
    r"|\bsection \d+\b|\bs\d+\b|\btier \d\b"
)
DATE_WORDS = _words(
    "review reviews conference rcpc icpc week weeks month months day days year years term "
    "christmas easter summer autumn spring winter holidays holiday date deadline"
)
DATE_FILLER = DATE_WORDS | _words(
    "by on before until till within in the end of next core group meeting no later than latest "
    "at this half first second following from now today tomorrow a an one two three four five "
    "six seven eight nine ten eleven twelve monday tuesday wednesday thursday friday"
)
VAGUE = re.compile(
    r"\b(?:improve[sd]?|improvements?|improving|better|appropriate(?:ly)?|as needed|as required"
    r"|as appropriate|when needed|where necessary|where appropriate|ongoing|as soon as possible"
    r"|asap|regular(?:ly)?|sufficient(?:ly)?|adequate(?:ly)?|suitable|satisfactory|properly"
    r"|fully|meaningful(?:ly)?|effectively|good enough|timely|reasonable|consistent(?:ly)?)\b"
)
NEGATIVE_INSTRUCTION = re.compile(
    r"\b(?:will|must|should|shall)(?: not| never)\b|\b(?:won't|mustn't|shouldn't|shan't)"
    r"|\b(?:is|are) not to\b|\bnot to\b"
)
NEGATIVES = _words("not no never nothing nobody no-one none nowhere neither without")
CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:and|but|or)\b")
VAGUE_OWNERS = {
    *_words("parents parent professionals professional all everyone everybody agencies"),
    *("", "all agencies", "all professionals", "tbc", "tba", "to be confirmed", "n a", "na"),
    *("family", "the family", "core group", "unknown", "both", "the parents", "all parties"),
}

OUTCOME_EXAMPLES = (
    (
        (" drug", "alcohol", " drink", "cannabis", "cocaine", "substance", " aa ", "sober"),
        "{Child} is only ever looked after by an adult who has not been drinking or using drugs, "
        "checked at every unannounced visit for 6 months",
    ),
    (
        ("freedom programme", "domestic", "perpetrator", "anger", "caring dads", "idva", "police"),
        "{Child} lives in a home where adults sort out disagreements calmly, with no police "
        "call-outs for 6 months",
    ),
    (
        ("camhs", "counselling", "therapy", "worries", "anxiety", "wishes and feelings"),
        "{Child} sleeps through at least 5 nights a week and rates their worries at 4 or below "
        "on their own scale at each visit",
    ),
    (
        ("mental health", "low mood", "depression", "perinatal", " gp"),
        "When Mum is unwell, a named adult from the family network looks after {child}, so that "
        "{child} is up, fed and at school every day, shown by the school register",
    ),
    (
        ("school", "attendance", "nursery", "college", "education"),
        "{Child} goes to school every day: at least 95% attendance on the school register each "
        "half term",
    ),
    (
        ("dentist", "health", "antenatal", "appointment", "immunisation", "medical", "weight"),
        "{Child}’s health needs are met: every health appointment kept and weight on or above "
        "the 9th centile, shown by health visitor records",
    ),
    (
        ("home", "housing", "accommodation", "clean", " bed", " cot", "gate", "alarm"),
        "{Child} lives in a home that is clean, warm and safe, with food in the fridge, at "
        "every visit for 3 months, shown by the home conditions checklist",
    ),
    (
        ("parenting", "routine", "bedtime", "behaviour", "boundaries", "strategies"),
        "{Child} has a calm bedtime: in bed by 7.30pm on at least 6 of 7 nights, shown by a "
        "diary and two unannounced visits",
    ),
    (
        ("cse", "exploitation", "missing", "online", "yot", "youth offending"),
        "{Child} is home by 10pm every night and has no contact with adults who put them at "
        "risk, shown by police missing-person reports, for 3 months",
    ),
    (
        ("sexual", "offender", "touch", "unsupervised", "contact"),
        "{Child} only sees the adults who are a risk to them when a named safe adult is there, "
        "every time, shown by the safe adult’s contact log",
    ),
    (
        ("culture", "identity", "faith", "language", "interpreter", "heritage"),
        "{Child} keeps in touch with their heritage: at least 3 visits a month to family or "
        "their faith community, in {child}’s own words at each visit",
    ),
)
