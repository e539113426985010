"""Outcome or task: reading a plan statement's main clause (docs/domain.md section 6).

The statement is read structurally: its subject (a child, a parent, a professional, a process),
its main verb past any modals and auxiliaries, and the verb's object. A task is a professional
or process as the subject, or a verb such as attend, engage, refer or understand; what the child
lives with is a behaviour or a state.
"""

import re
from dataclasses import dataclass

from conference.domain.plan_quality.words import (
    ACQUIRING,
    ADULT,
    ADULTS,
    ADVERBS,
    AMBIGUOUS,
    BE,
    BEFORE_TO,
    CHILD,
    CHILD_SETTINGS,
    CHILD_WITH_AGE,
    CHILDREN,
    COMPLIANCE,
    CONSUMABLES,
    CONTRACTIONS,
    DETERMINERS,
    DO,
    EMBEDDING,
    EVIDENCE_NOUNS,
    FRAME,
    GETTING_SOMEWHERE,
    GIVEN_AS_PROCESS,
    HAVE,
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
    PREPOSITIONS,
    PROCESS,
    PROCESS_NOUNS,
    PROCESS_PARTICIPLES,
    PROFESSIONAL,
    PROFESSIONALS,
    PRONOUNS,
    SEEN_FOR_PROCESS,
    SERVICE_OBJECTS,
    SERVICE_VERBS,
    SHOWING_THAT,
    TASK_VERBS,
    THERAPEUTIC,
    THING,
    VERBS,
    WORKING_WITH,
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
    text = expanded(statement)
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
