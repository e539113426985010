"""Parts shared by the easy-read plan and the child's own plan (issue 19; docs/domain.md
section 11), so that neither document imports the other.

Both follow the UK's easy-read guidance ("Making written information easier to understand for
people with learning disabilities", Department of Health and Mencap): short sentences, one idea a
line, a picture beside each point, large type and plenty of white space. Each document is a list
of `Section`s, each a heading and its `Point`s: a picture and the lines beside it.

The pictures are the project's own drawings in static/pictures/ (its README says how they are
licensed), printed through the `app-static:` fetcher, each with the text alternative that the
tagged PDF carries.

Each copy is in its reader's language (`Reader`): every fixed line is marked with `N_` and
translated where the copy is made; what people typed is printed in its imported translation, or
in English marked as English. When the copy is not in English, each line has its English under
it, at the same size (easy read is large print: the second language is never smaller).
"""

from dataclasses import dataclass, field
from datetime import date

from babel.support import NullTranslations
from markupsafe import Markup, escape

from conference.domain import mapping
from conference.pdf import i18n
from conference.pdf.family_plan_parts import CHECK_ON, KEEP_AS_WRITTEN, KEEP_FOR
from conference.pdf.i18n import N_, FreeText, Phrase
from conference.pdf.parts import children_on_plan
from conference.services import translations
from conference.services.conferences import kept_from_family

# Easy read asks for at least 14 to 16 point type: these documents print nothing smaller.
BODY_PT = 18
SMALLEST_PT = 16


@dataclass(frozen=True)
class Picture:
    url: str  # served by the documents' fetcher (render.StaticOnlyFetcher)
    alt: str  # the text alternative in English, translated where it is printed


def _picture(name: str, alt: str) -> Picture:
    return Picture(f"app-static:/pictures/{name}.svg", alt)


PICTURES = {
    "worried": _picture("worried", N_("A worried face")),
    "going_well": _picture("going_well", N_("A smiling face")),
    "to_do": _picture("to_do", N_("A list with ticks")),
    "person": _picture("person", N_("A person")),
    "calendar": _picture("calendar", N_("A calendar with a day circled")),
    "meeting": _picture("meeting", N_("People meeting round a table")),
    "phone": _picture("phone", N_("A phone")),
    "talk": _picture("talk", N_("A speech bubble")),
    "emergency": _picture("emergency", N_("999 in a red circle")),
    "home": _picture("home", N_("A house")),
}

PRINTED_ON = N_("Printed on %(date)s")
NOT_AGREED = N_("We have not agreed this yet.")
CHECK_NOT_AGREED = N_("We have not agreed when we will check.")
# A worry's guided answers, one a line (mapping.WORRY_PARTS names the same three).
WORRY_LINES = {
    "who_is_worried": N_("Who is worried: %(answer)s"),
    "worried_about": N_("About what: %(answer)s"),
    "could_happen": N_("What could happen to the child if nothing changes: %(answer)s"),
}


@dataclass(frozen=True)
class Point:
    """One point: a picture, its text alternative, and the short lines beside it (one idea a
    line). Each line is a Phrase: in the reader's language, with its English."""

    picture: Picture
    alt: Phrase
    lines: list[Phrase]


@dataclass(frozen=True)
class Section:
    """A heading and its points, in groups that are never split across pages (a goal's what,
    who and when stay together); most groups are one point."""

    heading: Phrase
    groups: list[list[Point]] = field(default_factory=list)


class AsWritten(FreeText):
    """A name, phone number or email address put into a fixed line: printed as it is written,
    in no language of its own, but kept left to right inside a right-to-left line, where the
    groups of a phone number's digits would otherwise be printed in reverse order."""

    def __init__(self, text: str):
        super().__init__(text, "")

    def written(self, code: str) -> Markup:
        if i18n.direction(code) == "rtl":
            return Markup('<span dir="ltr">%s</span>') % self.english
        return escape(self.english)


@dataclass(frozen=True)
class Reader:
    """The language one person's copy is printed in (`i18n.persons_language`), its catalogue,
    and the plan's words translated into it (conference/services/translations.py)."""

    code: str
    catalogue: NullTranslations
    words: translations.Words

    @property
    def dir(self) -> str:
        return i18n.direction(self.code)

    def says(self, message: str, **variables) -> Phrase:
        """A fixed line (marked with N_ where it is defined), translated."""
        return i18n.phrase(self.catalogue, self.code, message, **variables)

    def free(self, text: str) -> FreeText:
        """What people typed, to put in a fixed line: with its imported translation, if any."""
        return FreeText(text, self.words.of(text))

    def as_written(self, text: str) -> AsWritten:
        """A name, number or address, to put in a fixed line as it is written."""
        return AsWritten(text)

    def typed(self, text: str) -> Phrase:
        """A line that is only what people typed: its translation with the English under it,
        or, untranslated, the English alone (marked English in a translated copy)."""
        translated = self.words.of(text) if self.code != i18n.ENGLISH else ""
        if translated:
            return Phrase(escape(translated), escape(text), self.code)
        return Phrase(escape(text), escape(text), i18n.ENGLISH)

    def labelled(self, label: str) -> Phrase:
        """A fixed label and a colon ("Out of hours (emergency duty team):")."""
        said = self.says(label)
        return Phrase(said.text + ":", said.en + ":", said.lang)

    def point(self, picture: str, *lines: Phrase | None) -> Point:
        """A point with the named picture, leaving out missing lines."""
        chosen = PICTURES[picture]
        return Point(chosen, self.says(chosen.alt), [line for line in lines if line is not None])

    def section(self, heading: str, *points: Point) -> Section:
        """A section whose points each stand alone."""
        return Section(self.says(heading), [[one] for one in points])


def reader_for(plan, person) -> Reader:
    """The Reader of `person`'s own copy of `plan`."""
    code = i18n.persons_language(person)
    return Reader(code, i18n.translations_for(code), translations.words(plan, code))


def document_context(reader: Reader, title: Phrase, printed_on: date) -> dict:
    """What _easy_read.html needs besides the sections, in the reader's language."""
    return {
        "translations": reader.catalogue,
        "lang": reader.code,
        "dir": reader.dir,
        "title": title,
        "printed": reader.says(PRINTED_ON, date=printed_on),
        "page_label_css": i18n.page_label_css(reader.catalogue, reader.code),
    }


def withheld(conference) -> dict:
    """What must not reach any family copy (conference/services/conferences/kept_from_family)."""
    return kept_from_family.withheld(conference)


def worries(conference, keys, reader: Reader) -> list[list[Phrase]]:
    """The worry statements in the map's order, each as lines: one a guided answer ("Who is
    worried: …"), or the one sentence it was written as (mapping.worry_text). Those kept from
    the family are left out."""
    items = _map_items(conference, keys, (mapping.WORRY,))
    return [_worry_lines(item, reader) for item in items]


def _worry_lines(item, reader: Reader) -> list[Phrase]:
    answers = [(field, getattr(item, field).strip()) for field in WORRY_LINES]
    lines = [
        reader.says(WORRY_LINES[field], answer=reader.free(answer))
        for field, answer in answers
        if answer
    ]
    return lines or [reader.typed(mapping.worry_text(item))]


def working_well(conference, keys, reader: Reader) -> list[Phrase]:
    """What is already keeping the children safe, then the family's strengths."""
    items = _map_items(conference, keys, WORKING_WELL)
    return [reader.typed(item.text.strip()) for item in items]


WORKING_WELL = (mapping.SAFETY, mapping.STRENGTHS)


def _map_items(conference, keys, headings) -> list:
    items = [
        item
        for item in conference.map_items
        if item.heading in headings
        and not kept_from_family.is_withheld(keys, "map_item", item.id)
        and (item.text.strip() or item.heading == mapping.WORRY)
    ]
    items.sort(key=lambda item: (headings.index(item.heading), item.position, item.id))
    return items


def decisions_on_plan(conference) -> list:
    children = {child.id for child in children_on_plan(conference)}
    return [d for d in conference.decisions if d.child_id in children]


def earliest(dates) -> date | None:
    return min((day for day in dates if day is not None), default=None)


def check_lines(review_on: date | None, sustained_for: str, reader: Reader) -> list[Phrase]:
    """One date a reader can follow: when it is checked, and how long it must keep happening
    ("We will check on 18 December 2026.", "This needs to keep happening for 6 months.")."""
    lines = [reader.says(CHECK_ON, date=review_on)] if review_on else []
    typed = sustained_for.strip()
    how_long = typed.rstrip(".")
    if how_long:
        first, _, rest = how_long.partition(" ")
        says_how = first.lower() in SAYS_HOW_LONG  # "Until the birth": no "for" before it
        if says_how:
            how_long = f"{first.lower()} {rest}".strip()
        # The translation of the words as printed here, else of the whole answer as typed.
        free = FreeText(how_long, reader.words.of(how_long) or reader.words.of(typed))
        lines.append(reader.says(KEEP_AS_WRITTEN if says_how else KEEP_FOR, how_long=free))
    return lines


SAYS_HOW_LONG = ("until", "till", "for", "always", "every", "at", "from")
