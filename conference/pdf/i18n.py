"""The language a family's printed plan is in, and its translated fixed text.

The fixed text of a document (headings, labels, the standard paragraphs) is translated from the
catalogues in conference/translations/<code>/LC_MESSAGES/messages.mo; the free text written about
the family stays in English, and an interpreter goes through it with them. Every translated
phrase keeps its English beside it (`Phrase`), so a bilingual document can print both.

A catalogue says in its header whether a qualified translator has checked it
(`X-Translator-Checked: yes`): staff are shown it before printing, and the family's copy never
says it. pybabel does not keep custom headers in the compiled .mo, so the flag is read from the
.po.
"""

import re
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup, escape

from conference.domain import wording

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
DOMAIN = "messages"
ENGLISH = "en"

# What families and workers type as the plan language (in English or the language's own name),
# to the language code. Keys are compared in lower case with anything in brackets removed.
LANGUAGE_CODES = {
    "english": "en",
    "polish": "pl",
    "polski": "pl",
    "romanian": "ro",
    "română": "ro",
    "romana": "ro",
    "urdu": "ur",
    "اردو": "ur",
    "bengali": "bn",
    "bangla": "bn",
    "বাংলা": "bn",
    "arabic": "ar",
    "العربية": "ar",
    "lithuanian": "lt",
    "lietuvių": "lt",
    "yoruba": "yo",
    "yorùbá": "yo",
    "punjabi": "pa",
    "panjabi": "pa",
    "ਪੰਜਾਬੀ": "pa",
}
KNOWN_CODES = frozenset(LANGUAGE_CODES.values())
RIGHT_TO_LEFT = frozenset({"ar", "ur"})


def N_(message: str) -> str:
    """Marks a message for pybabel where it is defined; it is translated where it is printed."""
    return message


PAGE_LABEL = N_("Page %(page)s of %(pages)s")
# How names join in a list ("Kemi, Tolu and Baby"): each name after the first but the last,
# then the last. Translated so that the names in a translated line use the language's "and".
LIST_NEXT = N_("%(names)s, %(next)s")
LIST_LAST = N_("%(names)s and %(last)s")

_CHECKED_HEADER = re.compile(r'^"X-Translator-Checked:\s*(\w+)\s*\\n"\s*$', re.MULTILINE)


def language_code(name: str | None) -> str | None:
    """The code for a language name ("Yoruba" → "yo"), or None when we do not know it."""
    key = re.sub(r"\(.*?\)", "", name or "").strip().lower()
    if key in KNOWN_CODES:
        return key
    return LANGUAGE_CODES.get(key)


def document_language(case) -> str:
    """The language of the family's plan: the first language other than English asked for by
    an adult with parental responsibility for a child on the case (in the order the adults
    were added). English when none asks for another, or the language is one we cannot print.

    The plan is bilingual whenever this is not English, so a parent who asked for English
    still reads every heading."""
    for adult in case.adults:
        if not any(link.parental_responsibility for link in adult.relationships):
            continue
        code = language_code(adult.plan_language)
        if code and code != ENGLISH:
            return code
    return ENGLISH


def large_print_needed(case) -> bool:
    """Whether anyone on the case (any adult, any child) asked for their plan in large print:
    the family plan is shared with the family network, so one large-print reader is enough."""
    people = [*case.adults, *case.children]
    return any("large_print" in (person.plan_formats or []) for person in people)


def persons_language(person) -> str:
    """The language of one person's own copy: the one they asked for when we can print it,
    else English (an interpreter then goes through the whole copy with them)."""
    return printable_language(language_code(person.plan_language) or ENGLISH)


def wants_large_print(person) -> bool:
    return "large_print" in (person.plan_formats or [])


def direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


@cache
def translations_for(code: str) -> NullTranslations:
    """The compiled catalogue for `code` (`make setup` compiles them); compiled in memory from
    the .po when the .mo has not been made; NullTranslations (English) when there is none.
    Catalogues are read once and only read afterwards, so they are shared between threads."""
    if code == ENGLISH:
        return NullTranslations()
    folder = TRANSLATIONS / code / "LC_MESSAGES"
    if (folder / f"{DOMAIN}.mo").is_file():
        return Translations.load(str(TRANSLATIONS), locales=[code], domain=DOMAIN)
    po = folder / f"{DOMAIN}.po"
    if po.is_file():
        return _compiled(po)
    return NullTranslations()


def _compiled(po: Path) -> Translations:
    with po.open("rb") as source:
        catalog = read_po(source)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@cache
def translator_checked(code: str) -> bool:
    """Whether the catalogue's header says a qualified translator has checked it. English
    needs no translation; a language with no catalogue prints in English."""
    po = TRANSLATIONS / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == ENGLISH or not po.is_file():
        return True
    match = _CHECKED_HEADER.search(po.read_text(encoding="utf-8"))
    return bool(match) and match.group(1).lower() == "yes"


def has_catalogue(code: str) -> bool:
    return type(translations_for(code)) is not NullTranslations


def printable_language(code: str) -> str:
    """The language a document can be printed in: `code` when we have its catalogue, else
    English (the interpreter then goes through the whole document)."""
    return code if code == ENGLISH or has_catalogue(code) else ENGLISH


class Phrase:
    """A piece of fixed text: the translation (`text`, in `lang`) and the English (`en`). In a
    template it prints as the translation; a bilingual layout prints `en` under it."""

    __slots__ = ("dir", "en", "lang", "text")

    def __init__(self, text: Markup, en: Markup, lang: str):
        self.text = text
        self.en = en
        self.lang = lang
        self.dir = direction(self.lang)

    @property
    def bilingual(self) -> bool:
        return self.lang != ENGLISH

    def __html__(self) -> str:
        return str(self.text)

    def __str__(self) -> str:
        return str(self.text)

    def __repr__(self) -> str:
        return f"Phrase({str(self.text)!r}, en={str(self.en)!r}, lang={self.lang!r})"


class FreeText:
    """What people typed, put into a sentence of fixed text ("This needs to keep happening for
    %(how_long)s."): the English, and its imported translation or "". The English version
    prints the English; the translated version prints the translation, or else the English
    marked as English, so that a screen reader reads it with an English voice (tagging.py
    gives the element its /Lang) instead of reading English words as Yoruba."""

    __slots__ = ("english", "translated")

    def __init__(self, english: str, translated: str = ""):
        self.english = english
        self.translated = translated

    def written(self, code: str) -> Markup:
        if code == ENGLISH:
            return escape(self.english)
        if self.translated:
            return escape(self.translated)
        return Markup('<span lang="en" dir="ltr">%s</span>') % self.english

    def __str__(self) -> str:
        return self.english

    def __bool__(self) -> bool:
        return bool(self.english)


def long_date(value) -> str:
    """GOV.UK style dates in English ("3 March 2025"); strings pass through unchanged."""
    if isinstance(value, date):
        return wording.long_date(value)
    return str(value)


def local_date(value, code: str) -> str:
    """A date as the language writes it ("12 Oṣù Ọ̀pẹ̀ 2026", "12 grudnia 2026")."""
    if code == ENGLISH or not isinstance(value, date):
        return long_date(value)
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, "long", locale=code)


def and_list(items, translations=None) -> str:
    """Names as a list in the language of `translations`: "Kemi, Tolu àti Baby" in Yoruba,
    "Kemi, Tolu and Baby" without (wording.and_list). The catalogues say how the names join,
    so Arabic can write its "و" on the last name and Urdu its own comma."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    gettext = translations.gettext if translations is not None else str
    names = items[0]
    for item in items[1:-1]:
        names = gettext(LIST_NEXT) % {"names": names, "next": item}
    return gettext(LIST_LAST) % {"names": names, "last": items[-1]}


def phrase(translations, code: str, message: str, **variables) -> Phrase:
    """`message` translated, with `variables` escaped and put in both versions. Dates and lists
    of names are written the way each version's language writes them."""
    return _phrase(message, translations.gettext(message), code, variables, translations)


def _phrase(english: str, translated: str, code: str, variables: dict, translations=None) -> Phrase:
    code = ENGLISH if translated == english else code
    local = translations if code != ENGLISH else None
    return Phrase(
        _formatted(translated, {k: _written(v, code, local) for k, v in variables.items()}),
        _formatted(english, {k: _written(v, ENGLISH, None) for k, v in variables.items()}),
        code,
    )


def _written(value, code: str, translations) -> str:
    """A value put in a message, as the message's language writes it: a list (of names) with
    the language's "and", a date in its words, what people typed as FreeText writes it."""
    if isinstance(value, FreeText):
        return value.written(code)
    if isinstance(value, list | tuple):
        return and_list(value, translations)
    return local_date(value, code)


def _formatted(message: str, variables: dict) -> Markup:
    # Messages are the templates' own text and our reviewed catalogues, never user input;
    # every value put into them is escaped.
    return Markup(message) % {key: escape(value) for key, value in variables.items()}  # noqa: S704


def gettext_context(translations, code: str | None = None) -> dict:
    """The gettext functions for one render (Jinja's newstyle: variables are keyword
    arguments, and every message is a format string). They return Phrases."""
    code = code or _code_of(translations)

    @pass_context
    def gettext(_context, message: str, **variables) -> Phrase:
        return phrase(translations, code, message, **variables)

    @pass_context
    def ngettext(_context, singular: str, plural: str, num: int, **variables) -> Phrase:
        variables.setdefault("num", num)
        english = singular if num == 1 else plural
        translated = translations.ngettext(singular, plural, num)
        return _phrase(english, translated, code, variables, translations)

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext}


def _code_of(translations) -> str:
    info = translations.info() if hasattr(translations, "info") else {}
    return (info.get("language") or ENGLISH).replace("_", "-").split("-")[0]


def page_label_css(translations, code: str) -> str:
    """The CSS `content` value for "Page X of Y", in the document's language and, when that is
    not English, in English too: "Oju-iwe 1 ninu 3 · Page 1 of 3"."""
    english = _page_label(PAGE_LABEL)
    translated = translations.gettext(PAGE_LABEL)
    if code == ENGLISH or translated == PAGE_LABEL:
        return english
    return f'{_page_label(translated)} " · " {english}'


def _page_label(template: str) -> str:
    parts = re.split(r"(%\((?:page|pages)\)s)", template)
    tokens = []
    for part in parts:
        if part == "%(page)s":
            tokens.append("counter(page)")
        elif part == "%(pages)s":
            tokens.append("counter(pages)")
        elif part:
            tokens.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(tokens)
