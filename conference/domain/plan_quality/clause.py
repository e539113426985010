"""Outcome or task: reading a plan statement's main clause (docs/domain.md section 6).

The statement is split into its clauses (`parts`), and each is read structurally: its subject (a
child, a parent, a professional, a process), its main verb past any modals and auxiliaries, and
the verb's object. A task is a professional
or process as the subject, or a verb such as attend, engage, refer or understand; what the child
lives with is a behaviour or a state.
"""

import re
from dataclasses import dataclass

from conference.domain.plan_quality.words import (
    ABOUT_WHAT,
    ACQUIRING,
    ADJECTIVE_VERBS,
    ADULT,
    ADULT_CONDITIONS,
    ADULT_STATES,
    ADULTS,
    ADVERBS,
    AMBIGUOUS,
    ARRANGEMENT_EVENTS,
    ARRANGEMENT_PLACES,
    ATTENDED,
    BE,
    BEFORE_TO,
    BEHAVIOUR_VERBS,
    CHILD,
    CHILD_SETTINGS,
    CHILD_WITH_AGE,
    CHILDREN,
    COMPLIANCE,
    CONDITIONS,
    CONSUMABLES,
    CONTACTING,
    CONTRACTIONS,
    DETERMINERS,
    DO,
    EMBEDDING,
    EMERGENCY,
    EVIDENCE_NOUNS,
    FRAME,
    GETTING_SOMEWHERE,
    GIVEN_AS_PROCESS,
    GOING,
    HAVE,
    HOLDING_INSIGHT,
    INSIGHT_NOUNS,
    INSIGHT_VERBS,
    IRREGULAR,
    IRREGULAR_PARTICIPLES,
    KNOWN_WORDS,
    LABEL,
    LEADING,
    LIST_MARK,
    MEETINGS,
    MODALS,
    NAMED,
    NOBODY,
    NOMINAL_AFTER,
    NOT_ADVERBS,
    NOT_PARTICIPLES,
    NOUN_LIKE_VERBS,
    OBJECT_ENDS,
    PHRASES,
    PREPARED,
    PREPOSITIONS,
    PROCESS,
    PROCESS_NOUNS,
    PROCESS_PARTICIPLES,
    PROFESSIONAL,
    PROFESSIONALS,
    PRONOUNS,
    RECORDING,
    RECORDING_IN,
    ROUTINE,
    SEEN_FOR_PROCESS,
    SERVICE_OBJECTS,
    SERVICE_VERBS,
    SHOWING_THAT,
    STAYING,
    SUBORDINATORS,
    TASK_VERBS,
    THERAPEUTIC,
    THING,
    VERBS,
    WE_AS_SERVICE,
    WORKING_WITH,
)


@dataclass(frozen=True)
class Clause:
    """The words of one clause, lower case, with the capitalised words that are not in any of
    the word lists (people's names) and the names given an age in brackets (children)."""

    words: tuple[str, ...]
    names: frozenset[str]
    children: frozenset[str]


# Multi-word names and phrasal verbs, compiled once: every clause of every goal is read with them.
_PHRASES = tuple(
    (re.compile(rf"\b{phrase}\b", re.IGNORECASE), joined) for phrase, joined in PHRASES
)


@dataclass(frozen=True)
class Part:
    """One clause of a statement, its words as written, and how it reads: a task or not, a
    family's safety rule, a goal about an adult's own state."""

    text: str
    task: bool
    safety_rule: bool = False
    adult_state: bool = False


def is_task(statement: str) -> bool:
    """A statement is a task when none of its clauses is an outcome: each is about attending,
    engaging, complying, a referral, an assessment, a visit, a service or an adult's insight,
    rather than what the child will experience or an adult behaviour the child will live with."""
    return all(part.task for part in parts(statement))


def parts(statement: str) -> list[Part]:
    """The statement's clauses, each judged on its own, so that word order does not decide:
    "Mum will see her key worker every week and stay off drink" is an action and an outcome.

    A clause is a predicate sharing the subject ("… and stay off drink"), a new subject after
    "and" ("… and Dad is never alone with her"), what follows "so that", or a further sentence or
    "; " part that says something of its own. The part after a colon is the detail of the part
    before it ("Amira has a calm bedtime: in bed by 7.30pm …"), and a clause that only names the
    evidence ("and the school register will show this") is the measure, not a part."""
    whole = _main_clause(statement)
    segments = _segments(statement)
    pieces = []
    if len(segments) > 1 or re.search(r"\s(?:and|so that)\s", segments[0] if segments else ""):
        everywhere = _clause_of(statement, whole)  # the names in every clause, for each of them
        context = Clause(everywhere.words, everywhere.names, whole.children)
        pieces = [
            piece
            for n, segment in enumerate(segments)
            for piece in _pieces(segment, context, later=n > 0)
        ]
    if len(pieces) <= 1:
        return [_judged(statement.strip(), whole, whole, None)]
    outer = _kind_of(pieces[0][1])
    return [_judged(text, clause, whole, outer) for text, clause in pieces]


def _judged(text: str, clause: Clause, whole: Clause, outer: str | None) -> Part:
    task = _clause_is_task(clause, outer)
    safety_rule = task and _is_safety_rule(clause, outer)
    adult_state = not task and _is_adult_state(clause) and not _mentions_child(whole.words, whole)
    return Part(text, task, safety_rule, adult_state)


def _segments(statement: str) -> list[str]:
    """The sentences and "; " parts, as written, without list marks and labels. After a colon
    the rest of the sentence is the detail of what came before it."""
    text = LABEL.sub("", LIST_MARK.sub("", plain(statement).strip()))
    segments, start, detail = [], 0, False
    for mark in re.finditer(r"([.;:!?])(?:\s+|$)", text):
        stop, after = mark.group(1), text[mark.end() : mark.end() + 1]
        before = re.findall(r"[A-Za-z]+$", text[: mark.start()])
        if stop == ":":
            detail = True
            continue
        if stop == ";" and detail:
            continue
        title = bool(before) and before[0] in {"Mr", "Mrs", "Ms", "Dr", "St"}
        if stop != ";" and (after.islower() or title):
            continue
        segments.append(text[start : mark.start()])
        start, detail = mark.end(), False
    segments.append(text[start:])
    return [segment.strip() for segment in segments if segment.strip()]


def _pieces(segment: str, whole: Clause, later: bool) -> list[tuple[str, Clause]]:
    """A segment's clauses: the head and what follows "so that", each split at "and"."""
    if ":" in segment:
        return _saying_something([(segment, _clause_of(segment, whole))], later)
    found = []
    for n, text in enumerate(re.split(r",?\s+so that\s+", segment)):
        found += _saying_something(_conjuncts(text, whole), later or n > 0)
    return found


def _saying_something(found, later: bool):
    """Leaves out a later fragment that says nothing of its own ("Shown by the school
    register.", "This will be checked at every visit.")."""
    if not later:
        return found
    return [
        (text, clause)
        for text, clause in found
        if not _only_evidence(clause) and (_has_predicate(clause) or _clause_is_task(clause))
    ]


def _conjuncts(text: str, whole: Clause, prefix: tuple[str, ...] = ()):
    """`text` split where "and" starts a second predicate or a new clause; `prefix` is the
    subject (and modal) that a second predicate shares, for judging it."""
    for mark in re.finditer(r",?\s+and\s+(?:then\s+|also\s+)?", text):
        left, right = text[: mark.start()], text[mark.end() :]
        first = _clause_of(left, whole, prefix)
        second = _clause_of(right, whole)
        shared = _second_predicate(first, second, comma=mark.group(0).startswith(","))
        if shared is None:
            continue
        if _only_evidence(second):
            return [(left.strip(), first)]
        return [(left.strip(), first), *_conjuncts(right, whole, shared)]
    return [(text.strip(), _clause_of(text, whole, prefix))]


def _second_predicate(first: Clause, second: Clause, comma: bool) -> tuple[str, ...] | None:
    """What the words after "and" share with the clause before it: nothing for a new clause
    with its own subject, the subject (and modal) for a second predicate; None when "and"
    joins words inside one predicate ("clean and tidy", "food and drink")."""
    words = _drop_leading_adverbial(first.words, first)
    anchor = _anchor(words, first)
    if anchor is None or not second.words:
        return None  # "Mum and Dad …": the "and" is in the subject
    i, passive = _main_verb(words, anchor)
    if i >= len(words):
        return None
    inside = not comma and bool(set(words[i + 1 :]) & SUBORDINATORS)  # "when Mum … and …"
    rest = second.words
    other = _anchor(rest, second)
    if other and _is_new_subject(rest[:other], second) and _finite(rest, other):
        return None if inside and rest[other] not in MODALS else ()
    j = 0
    while j < len(rest) and rest[j] in ADVERBS and rest[j] not in {"not", "no", "all"}:
        j += 1
    if j >= len(rest):
        return None
    after = rest[j + 1] if j + 1 < len(rest) else ""
    subject = tuple(w for w in words[:anchor] if w != ",")
    if rest[j] in MODALS | DO | BE | HAVE or (rest[j] == "to" and _lemma(after) in VERBS):
        return subject
    if inside or not _starts_predicate(rest[j], after, passive, second):
        return None
    return subject + tuple(w for w in words[anchor:i] if w not in {"not", "never"})


def _is_new_subject(words, clause: Clause) -> bool:
    if words == ["there"]:
        return True
    if not 1 <= len(words) <= 5 or set(words) & (PREPOSITIONS | SUBORDINATORS | {",", "or"}):
        return False
    if "and" in words:
        return False
    return _lemma(words[0]) not in VERBS or words[0] in DETERMINERS or _is_person(words[0], clause)


def _finite(words, i: int) -> bool:
    word = words[i]
    if word in MODALS | BE | HAVE | DO or word == "to":
        return True
    return word.endswith("s") and _lemma(word) != word and _lemma(word) in VERBS


def _starts_predicate(word: str, after: str, passive: bool, clause: Clause) -> bool:
    """ "and see her key worker": a verb. Not "and dressed" after "is fed", an adjective such
    as "clean and tidy", or a noun that is also a verb ("food and drink for the week")."""
    lemma = _lemma(word)
    if word.endswith("ing") or lemma not in VERBS:
        return False
    if passive and (_is_participle(word) or word in ADJECTIVE_VERBS):
        return False
    objects = DETERMINERS | frozenset(PRONOUNS) | {"him", "them", "me", "us"}
    if lemma in AMBIGUOUS or word in ADJECTIVE_VERBS:
        return after in objects or _is_person(after, clause)
    return True


def _only_evidence(clause: Clause) -> bool:
    """ "the school register will show this", "This will be checked at every visit" """
    words = clause.words
    anchor = _anchor(words, clause)
    if not anchor:
        return False
    head = [w for w in words[:anchor] if w not in DETERMINERS] or list(words[:anchor])
    i, _ = _main_verb(words, anchor)
    verb = _lemma(words[i]) if i < len(words) else ""
    showing = {"show", "confirm", "prove", "check", "record", "evidence"}
    return (
        bool(head)
        and head[-1] in EVIDENCE_NOUNS | {"this", "it", "that"}
        and (verb in showing or verb.removesuffix("ed").removesuffix("n") in showing)
    )


def _has_predicate(clause: Clause) -> bool:
    return _anchor(_drop_leading_adverbial(clause.words, clause), clause) is not None


def _kind_of(clause: Clause) -> str | None:
    words = _drop_leading_adverbial(clause.words, clause)
    anchor = _anchor(words, clause)
    if not anchor:
        return None
    return _subject_kind([w for w in words[:anchor] if w not in {"not", ","}], clause, None)


def _main_clause(statement: str) -> Clause:
    """The first clause of the statement, the part before any colon, semicolon or full stop."""
    text = expanded(statement)
    children = frozenset(name.lower() for name in CHILD_WITH_AGE.findall(text))
    text = LIST_MARK.sub("", re.sub(r"\([^)]*\)", " ", text))
    text = LABEL.sub("", text)
    text = re.split(r"[.;:!?](?:\s|$)", text, maxsplit=1)[0]
    return _clause_of(text, Clause((), children, children))


def _clause_of(text: str, whole: Clause, prefix: tuple[str, ...] = ()) -> Clause:
    """The words of `text` (after `prefix`), with the names found in the whole statement."""
    text = re.sub(r"\([^)]*\)", " ", expanded(text))
    text = FRAME.sub("", re.split(r":(?:\s|$)", text, maxsplit=1)[0].strip())
    for phrase, joined in _PHRASES:
        text = phrase.sub(joined, text)
    tokens = re.findall(r"[A-Za-z0-9]+(?:['.\-_][A-Za-z0-9]+)*'?|,", text)
    words = tuple(token.lower() for token in tokens)
    names = frozenset(
        word
        for token, word in zip(tokens, words, strict=True)
        if token[:1].isupper() and _base(word) not in KNOWN_WORDS
    )
    return Clause(prefix + words, names | whole.names | whole.children, whole.children)


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
    if "we" in subject and _we_as_service(words, anchor, clause):
        return True
    return _predicate_is_task(words, anchor, kind, clause)


def _we_as_service(words, anchor: int, clause: Clause) -> bool:
    """A family's "we" keeping rows away from the children is the parents; "we will refer …,
    support Mum …, visit …" is a service (helping or checking on the child is the parents' too)."""
    i, _ = _main_verb(words, anchor)
    if i >= len(words) or words[i] in BE:
        return False
    lemma, obj = _lemma(words[i]), _object(words[i + 1 :])
    if lemma != "visit" and _direct_object_is_child(obj, clause):
        return False
    return lemma in WE_AS_SERVICE or lemma in TASK_VERBS


def _is_safety_rule(clause: Clause, outer: str | None) -> bool:
    """A family's safety rule: ringing the police or 999 if something happens ("Mum will ring
    the police if Wayne turns up"), not a service's task."""
    words = _drop_leading_adverbial(clause.words, clause)
    anchor = _anchor(words, clause)
    if anchor is not None:
        subject = [w for w in words[:anchor] if w not in {"not", ","}]
        if _subject_kind(subject, clause, outer) in (PROFESSIONAL, PROCESS):
            return False
    for i, word in enumerate(words):
        if _lemma(word) in CONTACTING and set(words[i + 1 : i + 4]) & EMERGENCY:
            return bool(set(clause.words) & CONDITIONS)  # "if …" before or after
    return False


def _is_adult_state(clause: Clause) -> bool:
    """A goal about an adult's own state ("Dad's anxiety is well managed", "Mum is mentally
    well"): it should say what the child will experience."""
    words = _drop_leading_adverbial(clause.words, clause)
    anchor = _anchor(words, clause)
    if not anchor:
        return False
    subject = [w for w in words[:anchor] if w not in DETERMINERS]
    possessors = {w[:-2] for w in subject if w.endswith("'s")} | {
        w[:-1] for w in subject if w.endswith("s'")
    }
    if possessors & ADULTS and subject[-1] in ADULT_CONDITIONS | {"mental", "emotional"}:
        return True
    i, _ = _main_verb(words, anchor)
    predicate = words[anchor : i + 3]
    return any(_base(w) in ADULTS for w in subject) and bool(set(predicate) & ADULT_STATES)


def _drop_leading_adverbial(words, clause: Clause):
    """ "For at least 6 months, …", "When Mum is unwell, …", "By the next review Lily …" """
    words = list(words)
    while words and words[0] in LEADING and "," in words[:16]:
        words = words[words.index(",") + 1 :]
    if words and words[0] in LEADING:
        modal = next((i for i, w in enumerate(words) if w in MODALS or w == "to"), None)
        if words[0] == "for" and modal and words[modal] == "to":
            return words[1:]  # "For Ruby's punctuality at school to improve": Ruby's punctuality
        if modal:
            start = modal
            while start and _is_person(words[start - 1], clause):
                start -= 1
            if start < modal:
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
    conjuncts: list[list[str]] = []
    current: list[str] = []
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
    return _doing_is_task(lemma, rest, kind, clause)


def _doing_is_task(lemma: str, rest, kind: str, clause: Clause) -> bool:
    way = _way_to(lemma, rest)
    if way is not None:
        return _predicate_is_task(rest, way, kind, clause)
    if lemma in CONTACTING and kind not in (CHILD, NAMED) and set(rest[:6]) & SERVICE_OBJECTS:
        return True  # "report every incident to the police", "tell the school when …"
    if lemma in GOING and _attended(rest):
        return _task_verb_is_task("attend", _attended(rest), kind, clause)
    if lemma in GOING and rest[:1] == ["to"]:
        return False  # going to school, to the shops or to Grandad's is what the family does
    return _arranged_or_prepared(lemma, rest, kind, clause) or _verb_is_task(
        lemma, _object(rest), kind, clause
    )


def _way_to(lemma: str, rest) -> int | None:
    """ "find a calm way to sort out money worries" is the sorting out, not a one-off job."""
    if lemma != "find":
        return None
    for j, word in enumerate(rest[:6]):
        after = rest[j + 1] if j + 1 < len(rest) else ""
        if word == "to" and j and rest[j - 1] in {"way", "ways", "time"} and _lemma(after) in VERBS:
            return j
    return None


def _attended(rest) -> list[str]:
    """What "go to …", "come to …", "get to …" goes to, when it is a service or meeting."""
    start = next((j + 1 for j, w in enumerate(rest[:3]) if w == "to"), None)
    if start is None:
        return []
    target = list(rest[start:])
    while target and target[0] in {"every", "each", "all"}:
        target = target[1:]
    obj = _object(target)
    services = ATTENDED | (PROFESSIONALS - CHILD_SETTINGS)
    return obj if {_base(w) for w in obj} & services else []


def _arranged_or_prepared(lemma: str, rest, kind: str, clause: Clause) -> bool:
    """An arrangement ("stay at the residential unit until the final review"), a one-off
    preparation ("have a steriliser and formula ready before the baby comes home"), or record
    keeping ("fill in a weaning chart") is a task, not what the child lives with."""
    if lemma in STAYING and _is_arrangement(rest):
        return True
    if kind not in (ADULT, NOBODY):
        return False  # "The home has stair gates fitted" is the child's home, not a job
    if lemma in {"have", "get"} and set(rest[:8]) & PREPARED and not set(rest) & ROUTINE:
        return not _mentions_child(rest[: min(rest.index(w) for w in PREPARED & set(rest))], clause)
    if lemma in RECORDING:
        return True
    return lemma in RECORDING_IN and bool(set(rest[:5]) & EVIDENCE_NOUNS)


def _is_arrangement(rest) -> bool:
    if set(rest[:6]) & ARRANGEMENT_PLACES:
        return True
    if "until" not in rest:
        return False
    after = rest.index("until") + 1
    return bool(set(rest[after : after + 6]) & ARRANGEMENT_EVENTS)


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
    if participle in PROCESS_PARTICIPLES or _lemma(participle) in TASK_VERBS | SERVICE_VERBS:
        return True
    # "Amelia to be linked in with the school counsellor": a service is doing something to her.
    return _lemma(participle) not in BEHAVIOUR_VERBS and bool(set(rest[:8]) & THERAPEUTIC)


def _state_is_task(complement, kind: str) -> bool:
    """ "is safe", "is in bed by 7.30pm" are states; "is compliant", "is honest and open with
    professionals" are compliance."""
    if kind == ADULT and complement[:1] == ["at"] and set(complement[:6]) & MEETINGS:
        return True  # "Mum will be at every core group" is attendance
    if complement[:1] in (["at"], ["in"]) and "until" in complement and _is_arrangement(complement):
        return True  # "Lily is in foster care until the final hearing" is an arrangement
    complement = _object(complement)
    if set(complement) & COMPLIANCE:
        return True
    services = THERAPEUTIC if kind in (CHILD, NAMED) else SERVICE_OBJECTS
    return bool({_base(w) for w in complement} & services)


def _verb_is_task(lemma: str, obj, kind: str, clause: Clause) -> bool:
    """The main verb and its object decide between a task and a behaviour."""
    if lemma in INSIGHT_VERBS or (lemma == "show" and obj[:1] and obj[0] in SHOWING_THAT):
        return _insight_is_task(obj, kind, clause)
    if lemma in HOLDING_INSIGHT and _names_insight(obj):
        return _insight_is_task(obj, kind, clause)  # "show insight into …"
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


def _names_insight(obj) -> bool:
    """ "insight into …", "an understanding of the risks"; not "understanding when Tom cries"."""
    for j, word in enumerate(obj):
        after = obj[j + 1] if j + 1 < len(obj) else ""
        if word in INSIGHT_NOUNS and (word != "understanding" or after in ABOUT_WHAT):
            return True
    return False


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


def expanded(text: str) -> str:
    """The text with titles' full stops dropped and contractions spelt out, so that "won't"
    and "Mr." read as "will not" and "Mr"."""
    text = re.sub(r"\b(Mr|Mrs|Ms|Dr|St)\.", r"\1", plain(text))
    for pattern, replacement in CONTRACTIONS:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text


def plain(text: str) -> str:
    """The text with curly quotes made straight, so that one pattern reads both."""
    return (text or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
