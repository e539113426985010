"""Printed documents in the families' languages: every script prints with real glyphs from a
Noto font for that script, the catalogues are complete and marked unchecked, and the family's
language is chosen from the case."""

import io
import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from conference.pdf import i18n
from conference.pdf.render import environment, html_to_pdf

SAMPLES = {
    "yo": ("Ẹ jọ̀ọ́, ọmọ mi", "Noto-Sans"),
    "pl": ("Zażółć gęślą jaźń", "Noto-Sans"),
    "lt": ("Ąžuolas ėjo į šilą", "Noto-Sans"),
    "ro": ("Șoseaua și țara", "Noto-Sans"),
    "ur": ("بچوں کی حفاظت", "Noto-Nastaliq-Urdu"),
    "bn": ("শিশুর নিরাপত্তা", "Noto-Sans-Bengali"),
    "ar": ("سلامة الأطفال", "Noto-Naskh-Arabic"),
    "pa": ("ਬੱਚਿਆਂ ਦੀ ਸੁਰੱਖਿਆ", "Noto-Sans-Gurmukhi"),
}
CATALOGUES = ("pl", "ro", "ur", "bn", "ar", "lt", "yo")
# Bengali vowel signs and the chandrabindu are drawn in clusters that text extractors (and the
# PDF's one-text-per-glyph map) split imperfectly: for Bengali the font's own character map shows
# that every character has a glyph.
SHAPED_CLUSTERS = {"bn"}
# Urdu is set in Nastaliq, which draws different letters with the same glyphs: no glyph-to-text
# map can give its text back, so each run of it carries its real text as /ActualText
# (conference/pdf/tagging.py), and its text is read from that.
READ_FROM_ACTUAL_TEXT = {"ur"}
TRANSLATIONS = Path(i18n.__file__).resolve().parents[1] / "translations"

SAMPLE_DOCUMENT = """{% extends "_base.html" %}
{% block title %}Sample{% endblock %}
{% block content %}
<h1>Sample</h1>
{% for text in texts %}<p lang="{{ code }}" dir="{{ dir }}">{{ text }}</p>{% endfor %}
{% endblock %}"""


def render_sample(code: str, texts: list[str]) -> bytes:
    html = (
        environment()
        .from_string(SAMPLE_DOCUMENT)
        .render(
            lang="en",
            draft=False,
            large_print=False,
            children_names="Sample",
            document_date=date(2026, 1, 5),
            code=code,
            dir=i18n.direction(code),
            texts=texts,
        )
    )
    return html_to_pdf(html)


def squashed(text: str) -> str:
    """NFC, without whitespace or the bidirectional marks some extractors add."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", text)


def letters(text: str) -> set[str]:
    """The letters and marks, as compatibility forms (Arabic presentation forms become letters)."""
    return {c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c)[0] in "LM"}


def text_as_read(pdf: bytes) -> str:
    """The text a reader takes from the PDF: a marked-content sequence's /ActualText instead of
    its glyphs' text, the glyphs' text elsewhere (pypdf itself does not use /ActualText)."""
    read: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        actual_texts: list[str | None] = []

        def before(operator, operands, _cm, _tm, actual_texts=actual_texts):
            if operator in (b"BDC", b"BMC"):
                properties = operands[1] if operator == b"BDC" and len(operands) > 1 else None
                actual = properties.get("/ActualText") if hasattr(properties, "get") else None
                actual_texts.append(str(actual) if actual is not None else None)
                if actual is not None:
                    read.append(f" {actual} ")
            elif operator == b"EMC" and actual_texts:
                actual_texts.pop()

        def text(value, _cm, _tm, _font, _size, actual_texts=actual_texts):
            if not any(actual is not None for actual in actual_texts):
                read.append(value)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(read)


def fonts_and_mapped_text(pdf: bytes) -> tuple[set[str], str]:
    """The embedded fonts' names (without subset prefix), and every character their glyphs map
    to: a character that no glyph maps to was not printed with a real glyph."""
    reader = PdfReader(io.BytesIO(pdf))
    names, mapped = set(), []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]).split("+", 1)[-1])
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            entries = "".join(re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL))
            for glyph, hex_text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", entries):
                assert int(glyph, 16) != 0, "a character was printed with the missing glyph"
                mapped.append(bytes.fromhex(hex_text).decode("utf-16-be"))
    return names, "".join(mapped)


@pytest.mark.parametrize("code", SAMPLES)
def test_each_language_prints_with_its_own_glyphs(code):
    sample, font = SAMPLES[code]
    pdf = render_sample(code, [sample])
    if code in READ_FROM_ACTUAL_TEXT:
        text = text_as_read(pdf)
    else:
        text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert squashed(sample) in squashed(text)
    names, mapped = fonts_and_mapped_text(pdf)
    assert font in names
    if code not in READ_FROM_ACTUAL_TEXT:
        assert set(unicodedata.normalize("NFD", sample)) - {" ", ","} <= set(
            unicodedata.normalize("NFD", mapped)
        )


def test_poppler_reads_the_same_text(tmp_path):
    """A second opinion from pdftotext for the scripts that are shaped (Arabic, Bengali)."""
    for code in ("ur", "bn", "ar"):
        pdf = tmp_path / f"{code}.pdf"
        pdf.write_bytes(render_sample(code, [SAMPLES[code][0]]))
        out = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout
        if code in READ_FROM_ACTUAL_TEXT:
            # Poppler (22.12) takes Urdu's /ActualText, every letter right, but lays it out left
            # to right over the run's glyphs and then reverses the right-to-left line: the
            # letters come out in visual order.
            sample = squashed(SAMPLES[code][0])
            assert sample in squashed(out) or sample[::-1] in squashed(out), code
        else:
            assert squashed(SAMPLES[code][0]) in squashed(out), code


@pytest.mark.parametrize("code", CATALOGUES)
def test_every_translated_message_prints(code):
    """All of the catalogue's text, printed: every letter has a glyph in the script's font."""
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        texts = [m.string.replace("%(", "(") for m in read_po(po) if m.id]
    pdf = render_sample(code, texts)
    names, mapped = fonts_and_mapped_text(pdf)
    assert SAMPLES[code][1] in names
    font_file = subprocess.run(
        ["fc-match", "-f", "%{file}", SAMPLES[code][1].replace("-", " ")],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    covered = TTFont(font_file, fontNumber=0).getBestCmap()
    # English words (and placeholders) in the translations are ASCII, printed in Noto Sans.
    own_script = {c for c in letters("".join(texts)) if ord(c) > 127}
    assert {c for c in own_script if ord(c) not in covered} == set()
    if code in READ_FROM_ACTUAL_TEXT:
        assert letters("".join(texts)) <= letters(text_as_read(pdf))
    elif code not in SHAPED_CLUSTERS:
        extracted = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert letters("".join(texts)) <= letters(extracted)
        assert letters("".join(texts)) <= letters(mapped)


# The catalogues.


def pot_messages() -> list[str]:
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        return [m.id for m in read_po(pot) if m.id]


@pytest.mark.parametrize("code", CATALOGUES)
def test_catalogues_translate_every_message_with_the_same_placeholders(code):
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    for msgid in pot_messages():
        message = catalog.get(msgid)
        assert message is not None and message.string, f"{code}: {msgid!r} is not translated"
        assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(
            re.findall(r"%\(\w+\)s", message.string)
        ), f"{code}: {msgid!r}"


@pytest.mark.parametrize("code", CATALOGUES)
def test_catalogues_load_and_say_they_are_not_yet_checked(code):
    translations = i18n.translations_for(code)
    assert translations.gettext("Why we are worried") != "Why we are worried"
    assert "X-Translator-Checked: no" in (
        TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"
    ).read_text(encoding="utf-8")
    assert i18n.translator_checked(code) is False


def test_english_and_unknown_languages_need_no_catalogue():
    assert i18n.translator_checked("en") is True
    assert i18n.translations_for("en").gettext("Why we are worried") == "Why we are worried"
    assert i18n.has_catalogue("pa") is False
    assert i18n.printable_language("pa") == "en"
    assert i18n.printable_language("yo") == "yo"


def test_a_catalogue_is_compiled_in_memory_when_the_mo_is_missing():
    translations = i18n._compiled(TRANSLATIONS / "yo" / "LC_MESSAGES" / "messages.po")
    assert translations.gettext("What is working well") == "Ohun tí ó ń lọ dáadáa"


# Choosing the language.


def adult(plan_language="", formats=(), parental_responsibility=True):
    link = SimpleNamespace(parental_responsibility=parental_responsibility)
    return SimpleNamespace(
        plan_language=plan_language, plan_formats=list(formats), relationships=[link]
    )


def case(*adults, children=()):
    return SimpleNamespace(adults=list(adults), children=list(children))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Yoruba", "yo"),
        ("yorùbá", "yo"),
        ("Polish", "pl"),
        ("Polski", "pl"),
        ("Romanian", "ro"),
        ("Urdu", "ur"),
        ("Bengali", "bn"),
        ("Bangla", "bn"),
        ("Arabic", "ar"),
        ("Lithuanian", "lt"),
        ("Punjabi (Gurmukhi)", "pa"),
        ("English", "en"),
        (" ur ", "ur"),
        ("Klingon", None),
        ("", None),
        (None, None),
    ],
)
def test_language_names_become_codes(name, code):
    assert i18n.language_code(name) == code


def test_the_document_is_in_the_language_a_parent_asked_for():
    assert i18n.document_language(case(adult("English"), adult("Yoruba"))) == "yo"
    assert i18n.document_language(case(adult("Polish"), adult("Urdu"))) == "pl"


def test_only_adults_with_parental_responsibility_choose_the_language():
    grandparent = adult("Yoruba", parental_responsibility=False)
    assert i18n.document_language(case(adult("English"), grandparent)) == "en"


def test_english_when_nobody_asked_or_the_language_is_unknown():
    assert i18n.document_language(case()) == "en"
    assert i18n.document_language(case(adult(""), adult("Klingon"))) == "en"


def test_large_print_when_anyone_on_the_case_asked_for_it():
    assert i18n.large_print_needed(case(adult(formats=["standard"]))) is False
    grandparent = adult(formats=["large_print"], parental_responsibility=False)
    assert i18n.large_print_needed(case(adult(formats=["standard"]), grandparent)) is True
    child = SimpleNamespace(plan_formats=["large_print", "easy_read"])
    assert i18n.large_print_needed(case(adult(), children=[child])) is True
    unanswered = adult()
    unanswered.plan_formats = None
    assert i18n.large_print_needed(case(unanswered)) is False


def test_right_to_left_languages():
    assert i18n.direction("ur") == "rtl"
    assert i18n.direction("ar") == "rtl"
    assert i18n.direction("bn") == "ltr"


# Phrases: the translation with its English.


def test_a_phrase_keeps_its_english_and_dates_in_each_language():
    phrase = i18n.phrase(
        i18n.translations_for("pl"),
        "pl",
        "Printed on %(date)s",
        date=date(2026, 12, 12),
    )
    assert str(phrase) == "Wydrukowano 12 grudnia 2026"
    assert str(phrase.en) == "Printed on 12 December 2026"
    assert phrase.bilingual and phrase.lang == "pl" and phrase.dir == "ltr"


def test_a_phrase_with_no_translation_is_english_only():
    phrase = i18n.phrase(i18n.translations_for("ur"), "ur", "Not a message in the catalogue")
    assert phrase.lang == "en"
    assert not phrase.bilingual


def test_phrase_variables_are_escaped():
    phrase = i18n.phrase(i18n.translations_for("en"), "en", "Hello %(name)s", name="<b>Jo</b>")
    assert str(phrase) == "Hello &lt;b&gt;Jo&lt;/b&gt;"


def test_the_page_label_is_in_both_languages():
    assert i18n.page_label_css(i18n.translations_for("en"), "en") == (
        '"Page " counter(page) " of " counter(pages)'
    )
    assert i18n.page_label_css(i18n.translations_for("lt"), "lt") == (
        '"Puslapis " counter(page) " iš " counter(pages) " · " '
        '"Page " counter(page) " of " counter(pages)'
    )


def test_templates_print_the_translation_through_gettext():
    template = environment().from_string('{{ _("Why we are worried") }}')
    yoruba = i18n.gettext_context(i18n.translations_for("yo"), "yo")
    assert template.render(**yoruba) == "Ìdí tí a fi ń ṣàníyàn"
    assert template.render() == "Why we are worried"
