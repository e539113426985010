"""Whether a plan carries the family's identity into what will happen (docs/domain.md section 5).

Ofsted found identity "not carried into the plan" (Havering 2013, paragraphs 17 and 27): a box
that says "N/A", "considered", or only who the family are ("The family are Nigerian and
Christian") does not change anything for the children. A plan carries identity when its words
say how the family's culture, faith or language shape what will happen. Three rules, read clause
by clause (a clause ends at a full stop, semicolon, colon or ", and"):

1. An arrangement made for the family's language or culture counts wherever it is written: an
   interpreter (not "no interpreter"), a translation, the plan or a copy in a language, a
   cultural advisor. A translation of the plan imported for the family counts too.
2. A goal or an action that draws on the family's faith, culture, community or language counts:
   goals and actions are what will happen. The identity statement counts the same only where it
   says what will happen ("will", "keeps", "is part of", "helps" …), so that restating who the
   family are does not.
3. The statement may say why identity changes nothing, in the family's own answer: someone said
   or asked something about faith, culture or language, and the statement gives the reason
   ("so", "because").

Separately, where the family's answers or the conference's attendance say someone needs an
interpreter, the plan must say that one will be there.
"""

import re
from dataclasses import dataclass

from conference.domain.wording import and_list


@dataclass(frozen=True)
class InterpreterNeed:
    """Someone the record says needs an interpreter: `who` as the plan's messages name people
    (a first name), `language` as recorded ("" when it was not)."""

    who: str
    language: str = ""


@dataclass(frozen=True)
class IdentityFacts:
    statement: str  # the plan's identity statement
    plan_texts: tuple[str, ...] = ()  # the goals' and actions' words, one text each
    interpreter_needs: tuple[InterpreterNeed, ...] = ()
    languages: tuple[str, ...] = ()  # the languages the family's answers name, besides English
    translated_into: tuple[str, ...] = ()  # the languages of the plan's imported translations


@dataclass(frozen=True)
class IdentityReading:
    """What the check found: `shaping` the clauses that say how identity shapes the plan."""

    shaping: tuple[str, ...]
    placeholder: bool  # the statement says only "N/A", "considered", "no issues" …
    interpreter_planned: bool
    interpreter_needs: tuple[InterpreterNeed, ...]

    @property
    def considered(self) -> bool:
        return bool(self.shaping)

    @property
    def interpreter_missing(self) -> bool:
        return bool(self.interpreter_needs) and not self.interpreter_planned


def read_identity(facts: IdentityFacts) -> IdentityReading:
    languages = _languages(facts.languages)
    shaping = [c for c in clauses(facts.statement) if _statement_shapes(c, languages)]
    for text in facts.plan_texts:
        shaping += [c for c in clauses(text) if _goal_or_action_shapes(c, languages)]
    # A translation imported for the family is the plan in their language, whatever it says.
    shaping += [f"The plan is translated ({language})" for language in facts.translated_into]
    texts = (facts.statement, *facts.plan_texts)
    return IdentityReading(
        shaping=tuple(shaping),
        placeholder=is_placeholder(facts.statement),
        interpreter_planned=any(plans_interpreter(text) for text in texts),
        interpreter_needs=facts.interpreter_needs,
    )


# Rule 1: arrangements that by their nature say what will happen.
_INTERPRETER = re.compile(r"\binterpret(?:er|ers|ing|ed)?\b|\bsigners?\b|\bBSL\b", re.I)
# "no interpreter", "does not need an interpreter", "without an interpreter" …
_NEGATION = re.compile(
    r"\b(?:no|not|without|never|nor|declined|refused|neither|none)\b|n[’']t\b", re.I
)
_ARRANGEMENTS = re.compile(
    r"\btranslat(?:e|ed|es|ing|ion|ions|or)\b"
    r"|\bcultural (?:advis[eo]r|mediator|link worker)s?\b"
    r"|\bcommunity link workers?\b"
    r"|\bin (?:the family[’']s |their |her |his |[A-Z]\w+[’']s )?(?:own |first |home )?language\b",
    re.I,
)
_DOCUMENTS = re.compile(
    r"\b(?:plans?|cop(?:y|ies)|letters?|documents?|leaflets?|minutes|notes|reports?|diary)\b", re.I
)

# Rule 2: the family's faith, culture, community and language, named in a way that cannot be
# something else (a "community mental health team" is not the family's community, nor "healthy
# food" their culture).
_TOPICS = re.compile(
    r"\b(?:church(?:es)?|chapel|mosque|masjid|temple|mandir|gurdwara|synagogue|kingdom hall"
    r"|congregation|parish|madrass?ah?|sunday school|saturday school|supplementary school"
    r"|pastor|imam|priest|vicar|rabbi|faith leaders?|elders|faith|religio(?:n|us)|worship"
    r"|pray(?:s|ing|ers?)?|bible|qur[’']?an|ramadan|eid|diwali|vaisakhi|hanukkah|passover"
    r"|navratri|lunar new year|chinese new year|festivals?|fasting"
    r"|halal|kosher|vegetarian|vegan|religious diet|traditional food|food from home"
    r"|hair care|skin care|hair and skin|afro|braids?|braiding|cornrows|locs|dreadlocks"
    r"|cocoa butter|shea|hijab|headscarf|turban|kippah|patka|modest dress"
    r"|heritage|cultur(?:e|es|al)|traditions?|mother tongue|home language|first language"
    r"|language (?:at|of the) home|dialect|esol|english (?:classes|lessons|course)"
    r"|(?:their|the family[’']s|his|her|mum[’']s|dad[’']s) community"
    r"|community (?:groups?|centres?|centers?|leaders?|elders|associations?|organisations?))\b",
    re.I,
)
_COMMITMENT = re.compile(
    r"\b(?:will|shall|going to|agreed|agrees|booked|books|book|arranged|arranges|arrange"
    r"|make sure|makes sure|ensure|ensures|helps?|helping|supports?|supporting|joins?|joined"
    r"|part of|keeps?|keeping|continues?|continuing|carry on|carries on|teach(?:es)?|learns?"
    r"|visits?|provides?|offers?|offered|brings?|takes?|checks?|comes?|attends?|goes on)\b"
    r"|[’']ll\b",
    re.I,
)

# A promise only to think about it: "culture will be considered", "faith was respected".
_VAGUE = re.compile(
    r"\b(?:will|shall|is|are|was|were|has been|have been)\s+(?:be\s+)?(?:considered|discussed"
    r"|taken into account|respected|borne in mind|noted|acknowledged|recognised|explored"
    r"|looked at|thought about)\b",
    re.I,
)

# Rule 3: the family's own answer, with its reason.
_FAMILY_SAID = re.compile(
    r"\b(?:said|says|told|tells|asked|asks|chose|chooses|wants?|wanted|prefers?|preferred)\b", re.I
)
_REASON = re.compile(r"\b(?:so|because|therefore|which is why)\b", re.I)

# Languages often needed in England, so that "the plan is in Tigrinya" counts without the
# family's answers naming it; the family's own languages are added to these.
COMMON_LANGUAGES = (
    "Albanian",
    "Amharic",
    "Arabic",
    "Bengali",
    "Bulgarian",
    "Cantonese",
    "Czech",
    "Dari",
    "Farsi",
    "French",
    "German",
    "Gujarati",
    "Hindi",
    "Hungarian",
    "Igbo",
    "Italian",
    "Kurdish",
    "Lingala",
    "Lithuanian",
    "Malayalam",
    "Mandarin",
    "Nepali",
    "Pashto",
    "Persian",
    "Polish",
    "Portuguese",
    "Punjabi",
    "Romanian",
    "Romani",
    "Russian",
    "Shona",
    "Sinhala",
    "Slovak",
    "Somali",
    "Spanish",
    "Swahili",
    "Sylheti",
    "Tamil",
    "Tagalog",
    "Tigrinya",
    "Turkish",
    "Twi",
    "Ukrainian",
    "Urdu",
    "Vietnamese",
    "Welsh",
    "Yoruba",
)

_PLACEHOLDER = re.compile(
    r"(?:n/?a|none|nil|nothing|no (?:issues?|concerns?|problems?|needs?)(?: identified)?"
    r"|not applicable|not relevant|(?:identity |it |this |all )?(?:has been |was |were |is )?"
    r"(?:considered|discussed|noted)|see (?:above|assessment|report)|as above|nfa|tbc|-+)",
    re.I,
)


def clauses(text: str) -> list[str]:
    """The text cut where one thing said ends and another begins."""
    parts = re.split(r"[.;:!?\n]+|,\s*(?:and|but|while|whereas)\s+", text or "")
    return [part.strip() for part in parts if part.strip()]


def is_placeholder(statement: str) -> bool:
    """A statement that says only that identity was looked at: "N/A", "Considered.",
    "No issues identified"."""
    words = " ".join((statement or "").split()).strip(" .!")
    return bool(words) and _PLACEHOLDER.fullmatch(words) is not None


def plans_interpreter(text: str) -> bool:
    """Whether the text arranges an interpreter: any mention not negated within the few words
    before it ("no interpreter is needed", "does not want an interpreter" do not)."""
    for clause in clauses(text):
        for found in _INTERPRETER.finditer(clause):
            before = clause[: found.start()].split()[-4:]
            if not _NEGATION.search(" ".join(before)):
                return True
    return False


def _statement_shapes(clause: str, languages: re.Pattern) -> bool:
    if _arranges(clause, languages):
        return True
    topical = _TOPICS.search(clause) or languages.search(clause)
    if topical and _COMMITMENT.search(_VAGUE.sub(" ", clause)):
        return True
    return bool(topical and _FAMILY_SAID.search(clause) and _REASON.search(clause))


def _goal_or_action_shapes(clause: str, languages: re.Pattern) -> bool:
    return _arranges(clause, languages) or bool(_TOPICS.search(clause) or languages.search(clause))


def _arranges(clause: str, languages: re.Pattern) -> bool:
    if plans_interpreter(clause) or _ARRANGEMENTS.search(clause):
        return True
    # "The plan is in Yoruba and English", "Mum's copy will be in Tigrinya"
    return bool(
        _DOCUMENTS.search(clause) and re.search(rf"\b(?:[Ii]n|into) {languages.pattern}", clause)
    )


def _languages(family_languages: tuple[str, ...]) -> re.Pattern:
    """A pattern for a language's name, the family's first: capitalised, as names are written."""
    names = {name.strip() for name in (*family_languages, *COMMON_LANGUAGES) if name.strip()}
    names.discard("English")
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b")


def interpreter_message(needs: tuple[InterpreterNeed, ...]) -> str:
    """ "Funmilayo and Abosede need a Yoruba interpreter, but the plan does not say one will be at
    the meetings"."""
    people = list(dict.fromkeys(need.who for need in needs))
    spoken = list(dict.fromkeys(need.language for need in needs if need.language))
    verb = "needs" if len(people) == 1 else "need"
    if len(spoken) > 1:
        wanted, which = f"interpreters ({and_list(spoken)})", "they"
    elif spoken:
        wanted, which = f"{_article(spoken[0])} {spoken[0]} interpreter", "one"
    else:
        wanted, which = "an interpreter", "one"
    return (
        f"{and_list(people)} {verb} {wanted}, but the plan does not say {which} will be at the "
        "meetings"
    )


def interpreter_suggestion(needs: tuple[InterpreterNeed, ...]) -> str:
    spoken = list(dict.fromkeys(need.language for need in needs if need.language))
    which = f"{' or '.join(spoken)} " if spoken else ""
    return (
        f"Say that {_article(which or 'interpreter')} {which}interpreter will be at every "
        "conference, core group and visit, and who books them"
    )


def _article(word: str) -> str:
    return "an" if word[:1].upper() in "AEIOU" else "a"
