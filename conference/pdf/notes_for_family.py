"""The family's version of a core group's notes in the family's language (docs/domain.md sections 7
and 11): the fixed text that is built here rather than written in pdf_templates/
core_group_notes.html, marked for pybabel and translated where it is printed.

The English of every message is the English the family version printed before it was
translated (conference/domain/progress.py `rating_for_family` and `describe_trend_for_family`):
an English family's notes read exactly as they did, and the unit tests hold the two together.

What people typed at the meeting stays in English: the family's copy is in the language of the
case (the rule of the family plan's case copy) and an interpreter goes through the rest.
"""

from dataclasses import dataclass

from babel import Locale

from conference.domain import progress as rules
from conference.domain.vocabulary import Rating
from conference.domain.wording import number
from conference.pdf import i18n
from conference.pdf.i18n import N_

# How each rating reads to the family: rules.RATINGS_FOR_FAMILY, marked for translation.
RATINGS: dict[str, str] = {
    Rating.WORSE: N_("Things have got worse."),
    Rating.NO_CHANGE: N_("Things have not changed yet."),
    Rating.SOME_PROGRESS: N_("Things are getting better."),
    Rating.ACHIEVED: N_("This has happened. Well done."),
}

# The x axis of the scores table: what each occasion was.
OCCASIONS = {rules.CONFERENCE: N_("Conference"), rules.CORE_GROUP: N_("Core group")}

# The scores over time in plain words, whole sentences so that each language can order them.
ONE_OCCASION = {
    rules.CONFERENCE: N_("At the conference on %(date)s the middle score was %(median)s."),
    rules.CORE_GROUP: N_("At our meeting on %(date)s the middle score was %(median)s."),
}
# By the first occasion; the last is always a core group after it.
FIRST_AND_LAST = {
    rules.CONFERENCE: N_(
        "The middle score was %(first)s at the conference on %(first_date)s and %(last)s at "
        "our meeting on %(last_date)s."
    ),
    rules.CORE_GROUP: N_(
        "The middle score was %(first)s at our meeting on %(first_date)s and %(last)s at our "
        "meeting on %(last_date)s."
    ),
}
PARENTS = N_("The parents’ middle score went from %(first)s to %(last)s.")
CHILDREN = N_("The children’s own middle score went from %(first)s to %(last)s.")
OTHERS = N_("Everyone else’s went from %(first)s to %(last)s.")
TURNED_ROUND = N_(
    "Some scores were given where 10 means the most worry. We turned them round, so 10 always "
    "means safe."
)


def family_language(case) -> str:
    """The language of the family's notes: the case's, as the case copy of the family plan."""
    return i18n.printable_language(i18n.document_language(case))


@dataclass(frozen=True)
class NotesLanguage:
    """What staff are told before printing the family's notes in another language."""

    name: str  # "Yoruba"
    checked: bool  # whether a qualified translator checked the catalogue's fixed text


def notes_language(case) -> NotesLanguage | None:
    """The family's notes' language other than English, or None when they print in English
    only (then there is nothing to tell staff)."""
    code = family_language(case)
    if code == i18n.ENGLISH:
        return None
    # Its English name, as own_copies.language_name (which this module cannot import: it
    # imports the documents, and they import the notes).
    name = Locale.parse(code).get_display_name("en") or code
    return NotesLanguage(name, i18n.translator_checked(code))


def children_list(children) -> list[str]:
    """The children as `parts.children_names` names them, as a list a translated sentence joins
    with its language's "and": ["Kemi", "Tolu", "Baby Adebayo"]."""
    children = list(children)
    family_names = {child.family_name for child in children}
    if len(family_names) == 1:
        names = [child.given_name for child in children]
        return [*names[:-1], f"{names[-1]} {family_names.pop()}"] if names else []
    return [f"{child.given_name} {child.family_name}" for child in children]


def rating_words(rating: str) -> str:
    """The message for a rating; a rating we do not know reads as `rating_for_family` says."""
    return RATINGS.get(rating, rules.rating_for_family(rating))


def trend_sentences(trend: rules.ScalingTrend, translations, code: str) -> list[i18n.Phrase]:
    """`rules.describe_trend_for_family`, sentence by sentence, in the family's language."""
    if not trend.occasions:
        return []

    def say(message: str, **values) -> i18n.Phrase:
        return i18n.phrase(translations, code, message, **values)

    first, last = trend.summaries[0], trend.summaries[-1]
    if len(trend.summaries) == 1:
        return [say(_one(first.occasion), date=first.occasion.on, median=number(first.median))]
    sentences = [
        say(
            _first_and_last(first.occasion),
            first=number(first.median),
            first_date=first.occasion.on,
            last=number(last.median),
            last_date=last.occasion.on,
        )
    ]
    for message, before, after in (
        (PARENTS, first.parents_median, last.parents_median),
        (CHILDREN, first.children_median, last.children_median),
        (OTHERS, first.others_median, last.others_median),
    ):
        if before is not None and after is not None:
            sentences.append(say(message, first=number(before), last=number(after)))
    if trend.converted:
        sentences.append(say(TURNED_ROUND))
    return sentences


def _one(occasion: rules.Occasion) -> str:
    return ONE_OCCASION.get(occasion.kind, ONE_OCCASION[rules.CORE_GROUP])


def _first_and_last(occasion: rules.Occasion) -> str:
    return FIRST_AND_LAST.get(occasion.kind, FIRST_AND_LAST[rules.CORE_GROUP])
