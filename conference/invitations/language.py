"""The language of the family's pages: the invited person's own (the language they asked for
their plan in, when we have a catalogue for it), or the one they choose on the page. English
otherwise.

The pages' fixed text is marked with `_()` (templates and Python alike) and translated from the
same catalogues as the printed documents (conference/translations, babel.cfg). The choice is
kept in the family's session, never in a cookie of its own. The translation functions read the
request's language from `g`, so one Jinja environment serves every request at once; staff pages
never mark text, so they stay in English."""

from urllib.parse import urlencode

from flask import g, request, session

from conference.pdf import i18n

SESSION_KEY = "respond_language"
# The address's query parameter a language link sets (?lang=yo): the page opens in it, and the
# choice is kept for the session.
QUERY = "lang"
# The family pages' languages, each under its own name, English first.
LANGUAGES = {
    "en": "English",
    "ar": "العربية",
    "bn": "বাংলা",
    "lt": "Lietuvių",
    "pl": "Polski",
    "ro": "Română",
    "ur": "اردو",
    "yo": "Yorùbá",
}

# The same languages named in English, for the staff's pages ("They answered in Yoruba").
ENGLISH_NAMES = {
    "en": "English",
    "ar": "Arabic",
    "bn": "Bengali",
    "lt": "Lithuanian",
    "pl": "Polish",
    "ro": "Romanian",
    "ur": "Urdu",
    "yo": "Yoruba",
}


def offered(code: str | None) -> str:
    """`code` when the pages can be read in it, else English."""
    return code if code in LANGUAGES and i18n.printable_language(code) == code else i18n.ENGLISH


def for_person(person) -> str:
    """The language a person's pages open in: the one they asked for their plan in."""
    return offered(i18n.language_code(person.plan_language))


def choose(code: str) -> None:
    session[SESSION_KEY] = offered(code)


def forget() -> None:
    session.pop(SESSION_KEY, None)


def chosen() -> str | None:
    """The language chosen in this session, if one was."""
    code = session.get(SESSION_KEY)
    return code if code in LANGUAGES else None


def for_request() -> str:
    """The language of this family page: the one its address asks for (a language link, or the
    QR code on a letter), which is kept for the session; else the one chosen before; else
    English."""
    asked = request.args.get(QUERY)
    if asked in LANGUAGES and asked != chosen():
        choose(asked)
    return offered(chosen())


def links() -> list[dict]:
    """The language links at the top of a family page: this page's address in each language,
    with whatever else the address carried (the code from a QR code), and which is current."""
    kept = [(key, value) for key, value in request.args.items(multi=True) if key != QUERY]
    here = request.script_root + request.path
    return [
        {
            "code": code,
            "name": name,
            "href": f"{here}?{urlencode([*kept, (QUERY, code)])}",
            "current": code == current(),
            "dir": i18n.direction(code),
        }
        for code, name in LANGUAGES.items()
        if offered(code) == code
    ]


def use(code: str) -> None:
    """Translate this request's pages into `code`."""
    g.family_language = offered(code)


def current() -> str:
    return g.get("family_language", i18n.ENGLISH)


def direction() -> str:
    return i18n.direction(current())


def html_lang() -> str:
    """The page's <html lang>: British English, or the language's code."""
    return "en-GB" if current() == i18n.ENGLISH else current()


def local_date(day) -> str:
    """A date as the page's language writes it ("12 grudnia 2026")."""
    return i18n.local_date(day, current())


def gettext(message: str, **variables) -> str:
    text = i18n.translations_for(current()).gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, number: int, **variables) -> str:
    text = i18n.translations_for(current()).ngettext(singular, plural, number)
    return text % {"num": number, **variables}


def init_app(app) -> None:
    """Jinja's i18n extension with our translation functions: `{{ _("…") }}` and `{% trans %}`.
    Autoescaping applies to the translated text as to any other."""
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
    app.add_template_global(current, "family_language")
    app.add_template_global(direction, "family_direction")
    app.add_template_global(html_lang, "family_html_lang")
    app.add_template_global(links, "family_language_links")
    app.add_template_global(local_date, "family_date")
