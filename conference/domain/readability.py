"""Plain language for families (docs/domain.md section 7).

Parents must understand what is expected and that the plan can be used in court. About 1 in 6
adults in England reads at or below the level expected of a 9 to 11 year old, so the plan aims for
a Flesch-Kincaid grade of 6 or below (a reading age of about 11: grade + 5), sentences of 15-20
words on average, active verbs, and no jargon or unexplained abbreviations.

Everything here works offline with the standard library: syllables are counted with a heuristic
(vowel groups, silent "e", "-ed" and "-es", common suffixes), which is right for nearly all
everyday words and close enough for the reading scores, which are estimates anyway.
"""

import re
from dataclasses import dataclass, field

from conference.domain.glossary import FAMILIAR_CAPITALS, terms_in
from conference.domain.plan_quality import Finding

HIGHEST_GRADE = 6  # a reading age of about 11
LONGEST_SENTENCE = 20  # words
YEARS_BEFORE_SCHOOL_GRADE_1 = 5  # US grade 1 is about age 6
HIGHEST_READING_AGE = HIGHEST_GRADE + YEARS_BEFORE_SCHOOL_GRADE_1


@dataclass(frozen=True)
class ReadabilityAssessment:
    """Reading scores for a text, and what to change so that a parent can read it. An empty
    text scores zero everywhere and has no findings."""

    reading_ease: float  # Flesch reading ease: 60-70 is plain English, higher is easier
    grade: float  # Flesch-Kincaid grade: add 5 for a reading age
    average_sentence_length: float
    words: int = 0
    sentences: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def reading_age(self) -> float:
        return self.grade + YEARS_BEFORE_SCHOOL_GRADE_1


def assess_readability(text: str) -> ReadabilityAssessment:
    """Scores the text (Flesch reading ease, Flesch-Kincaid grade) and lists what would make it
    easier for a parent to read: a lower reading age, shorter sentences, active verbs, plain
    words instead of jargon and abbreviations."""
    sentences = split_sentences(text)
    words = [word for sentence in sentences for word in words_in(sentence)]
    if not words:
        return ReadabilityAssessment(0.0, 0.0, 0.0)
    syllables = sum(count_syllables(word) for word in words)
    per_sentence = len(words) / len(sentences)
    per_word = syllables / len(words)
    ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    findings = reading_age_findings(grade)
    findings += long_sentence_findings(sentences)
    findings += passive_voice_findings(text)
    findings += jargon_findings(text)
    findings += acronym_findings(text)
    return ReadabilityAssessment(
        round(ease, 1),
        round(grade, 1),
        round(per_sentence, 1),
        len(words),
        len(sentences),
        findings,
    )


def glossary_for(texts) -> list[tuple[str, str]]:
    """The jargon terms still in the plan's texts, each once, in alphabetical order, with a
    plain explanation: the glossary printed at the end of the family's copy of the plan."""
    terms = {term.term: term for text in texts for term in terms_in(text)}
    return [(term.term, term.explanation) for term in sorted(terms.values(), key=_sort_key)]


def _sort_key(term) -> str:
    return term.term.lower()


# The findings.


def reading_age_findings(grade: float) -> list[Finding]:
    """Aim for a reading age of 11 or below (a Flesch-Kincaid score of 6). The message gives
    the reading age only: a UK reader is not helped by a US school grade."""
    if grade <= HIGHEST_GRADE:
        return []
    return [
        Finding(
            "reading-age-too-high",
            f"This needs a reading age of about {round(grade + YEARS_BEFORE_SCHOOL_GRADE_1)}. "
            f"Aim for a reading age of {HIGHEST_READING_AGE} or below, so that every parent "
            "can read it.",
            "Use shorter sentences and everyday words, say “you” and “we”, and name the "
            "behaviour (“Jo needs a bath each day”, not “basic care needs”).",
        )
    ]


def long_sentence_findings(sentences) -> list[Finding]:
    """Sentences of more than 20 words are hard to follow: quote the start of each one."""
    findings = []
    for sentence in sentences:
        words = words_in(sentence)
        if len(words) > LONGEST_SENTENCE:
            start = " ".join(sentence.split()[:8])
            findings.append(
                Finding(
                    "long-sentence",
                    f"This sentence has {len(words)} words: “{start} …”.",
                    "Split it into sentences of 15 to 20 words or fewer, one idea each.",
                )
            )
    return findings


def passive_voice_findings(text: str) -> list[Finding]:
    """ "was agreed", "will be seen" hide who does what: say who."""
    findings, seen = [], set()
    for phrase in passive_phrases(text):
        if phrase.lower() not in seen:
            seen.add(phrase.lower())
            findings.append(
                Finding(
                    "passive-voice",
                    f"“{phrase}” does not say who does it.",
                    "Use an active verb that names the person, e.g. “Sam (social worker) will "
                    "visit” instead of “a visit will be made”.",
                )
            )
    return findings


def jargon_findings(text: str) -> list[Finding]:
    """Each jargon term once, with the plain words to use instead."""
    return [
        Finding(
            "jargon",
            f"“{term.term}” is jargon that families may not know.",
            f"Say “{term.instead}” instead, or explain it: {term.explanation}.",
        )
        for term in terms_in(text)
    ]


def acronym_findings(text: str) -> list[Finding]:
    """Any other abbreviation in capitals (2 to 6 letters), each once. Familiar ones (GP, NHS)
    and words in capitals for emphasis (NOT, MUST) are left alone, and so are headings written
    all in capitals."""
    jargon = {term.term for term in terms_in(text)}
    found = []
    for sentence in split_sentences(text):
        if sentence.upper() == sentence:
            continue
        for word in re.findall(r"\b[A-Z]{2,6}s?\b", sentence):
            word = word.removesuffix("s") if word[-1] == "s" else word
            if word not in FAMILIAR_CAPITALS and word not in jargon and word not in found:
                found.append(word)
    return [
        Finding(
            "acronym",
            f"“{word}” is an abbreviation families may not know.",
            "Write it out in everyday words, or explain it the first time it is used.",
        )
        for word in found
    ]


# Counting.

ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|e\.g|i\.e|etc|approx)\.", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


def split_sentences(text: str) -> list[str]:
    """Sentences end with . ! or ? before a space, or at a line break (a list item or a
    heading counts as a sentence). "Mr.", "e.g." and "7.30pm" do not end a sentence."""
    protected = ABBREVIATIONS.sub(lambda match: match.group(0).replace(".", "\u2024"), text or "")
    parts = (part.replace("\u2024", ".").strip(" \t-•*") for part in SENTENCE_END.split(protected))
    return [part for part in parts if words_in(part)]


def words_in(text: str) -> list[str]:
    """Words, with "don't", "Lily's" and "multi-agency" as one word each. Numbers are words."""
    return re.findall(r"[A-Za-z0-9]+(?:['’\-.][A-Za-z0-9]+)*", text)


def count_syllables(word: str) -> int:
    """Syllables in one word by rule of thumb. A number counts as one syllable; a hyphenated
    word as the sum of its parts."""
    parts = re.findall(r"[a-z]+", word.lower().replace("’", "'").split("'")[0])
    if not parts:
        return 1
    return sum(_syllables(part) for part in parts)


def _syllables(word: str) -> int:
    if word in SYLLABLE_EXCEPTIONS:
        return SYLLABLE_EXCEPTIONS[word]
    if len(word) <= 3:
        return 1
    for prefix in COMPOUND_STARTS:
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            return _syllables(prefix) + _syllables(word[len(prefix) :])
    for suffix in SUFFIXES:
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) > 2 and VOWEL_GROUP.search(stem):
            return _syllables(stem) + 1
    count = len(VOWEL_GROUP.findall(word)) - _silent_endings(word) + _hiatus(word)
    return max(1, count)


def _silent_endings(word: str) -> int:
    # "make", "makes", "helped" lose a syllable; "table", "washes", "wanted" do not.
    if re.search(r"[^aeiouy]e$", word) and not re.search(r"[^aeiouy]le$", word):
        return 1
    if re.search(r"[^aeiouy]es$", word) and not re.search(r"(?:ch|sh|[cgsxz])es$", word):
        return 1
    if re.search(r"[^aeiouytd]ed$", word):
        return 1
    return 0


def _hiatus(word: str) -> int:
    # Two vowels said separately: "media", "violence", "usual", "video", "being".
    extra = len(re.findall(r"(?<![cstgqx])i[ao]|(?<![qg])ua|eo|iu", word))
    if re.search(r"[aeiouy]ing$", word):
        extra += 1
    return extra


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


VOWEL_GROUP = re.compile(r"[aeiouy]+")
SUFFIXES = ("ly", "ment", "ness", "ful", "less")
COMPOUND_STARTS = ("some", "safe", "home", "life", "care", "time", "there", "where", "fire")
SYLLABLE_EXCEPTIONS = {
    "people": 2,
    "idea": 3,
    "area": 3,
    "create": 2,
    "created": 3,
    "quiet": 2,
    "diet": 2,
    "science": 2,
    "business": 2,
    "wednesday": 2,
    "police": 2,
    "every": 2,
    "everyone": 3,
    "everything": 3,
    "million": 2,
    "whenever": 3,
    "wherever": 3,
    "being": 2,
    "one": 1,
}

PARTICIPLE_IRREGULAR = (
    "seen given taken made kept left told shown known found held brought sent put set hit hurt "
    "bought caught chosen driven eaten fed felt got heard hidden lost meant met paid said sold "
    "spoken taught thought thrown understood woken worn written done undertaken sought"
)
# "-ed" words after "is" that describe a feeling or state rather than something done to someone.
NOT_PASSIVE = _words(
    "worried scared frightened tired married divorced separated interested excited pleased "
    "bored concerned involved supposed used based aged settled need red bed shed"
)
PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:(?:not|never|also|always|then|often|still|"
    r"now|all)\s+)?([a-z]+ed|" + "|".join(PARTICIPLE_IRREGULAR.split()) + r")\b",
    re.IGNORECASE,
)


def passive_phrases(text: str) -> list[str]:
    """ "is / are / was / were / be / been / being" + a past participle, as written."""
    return [
        match.group(0)
        for match in PASSIVE.finditer(text or "")
        # A capital is a name ("is Ahmed"), not a participle.
        if match.group(1).lower() not in NOT_PASSIVE and match.group(1)[0].islower()
    ]
