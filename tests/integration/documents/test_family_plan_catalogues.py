"""The family plan's fixed text in the family's own language (issue 19): every message the family
plan looks up is in each language's catalogue (one that is not prints in English only), and the
demo family's Yoruba plan and an Urdu plan print the plan's new headings and labels (what you
told us, who your family are, who will do this, when we will check, who to contact) in their
language, with the English beside them.

Urdu is set in Nastaliq, whose glyphs cannot be read back as text: its runs carry /ActualText
(conference/pdf/tagging.py), and its text is read from that."""

import io
import re
import unicodedata
from datetime import date

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Plan
from conference.pdf import i18n
from conference.pdf.family_plan import TEMPLATE, family_plan_context
from conference.pdf.render import render_html, render_pdf

WEEKS = 6
LANGUAGES = {
    "yo": "Yoruba",
    "pl": "Polish",
    "ro": "Romanian",
    "ur": "Urdu",
    "bn": "Bengali",
    "ar": "Arabic",
    "lt": "Lithuanian",
}
# The new fixed text, as the demo plan prints it: (English, Yoruba, Urdu).
CHECKED_ON = date(2026, 12, 21)
NEW_TEXT = (
    ("What you told us", "Ohun tí ẹ sọ fún wa", "آپ نے ہمیں کیا بتایا"),
    ("Who your family are", "Ẹni tí ìdílé yín jẹ́", "آپ کا خاندان کون ہے"),
    ("What we said at the conference", "Ohun tí a sọ níbi ìpàdé náà", "ہم نے کانفرنس میں کیا کہا"),
    ("Who will do this", "Ta ni yóò ṣe èyí", "یہ کون کرے گا"),
    ("Who to contact", "Ẹni tí ẹ lè kàn sí", "کس سے رابطہ کریں"),
    ("Your social worker’s phone", "Nọ́mbà fóònù òṣìṣẹ́ àwùjọ yín", "آپ کے سوشل ورکر کا فون نمبر"),
    (
        "If a child is in immediate danger, call 999.",
        "Tí ọmọ kan bá wà nínú ewu lọ́wọ́lọ́wọ́, ẹ pe 999.",
        "اگر کسی بچے کو فوری خطرہ ہو تو 999 پر کال کریں۔",
    ),
    ("About goal 1", "Nípa àfojúsùn 1", "ہدف 1 کے بارے میں"),
    # The children's names joined with the language's own "and".
    (
        "About the decision for Kemi, Tolu and Baby",
        "Nípa ìpinnu fún Kemi, Tolu àti Baby",
        "Kemi، Tolu اور Baby کے لیے فیصلے کے بارے میں",
    ),
    ("Faith", "Ẹ̀sìn", "عقیدہ"),
    (  # CHECKED_ON
        "We will check on 21 December 2026.",
        "A máa ṣàyẹ̀wò rẹ̀ ní 21 Oṣù Ọ̀pẹ̀ 2026.",
        "ہم 21 دسمبر، 2026 کو اس کی جانچ کریں گے۔",
    ),
)


class Recording:
    """A catalogue that notes every message looked up in it, so a test can say which messages a
    document printed."""

    def __init__(self, translations):
        self._translations = translations
        self.looked_up: set[str] = set()

    def gettext(self, message: str) -> str:
        self.looked_up.add(message)
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.looked_up.add(singular)
        return self._translations.ngettext(singular, plural, n)

    def info(self) -> dict:
        return self._translations.info()


def squashed(text: str) -> str:
    """NFC, without whitespace: line breaks fall anywhere in a printed page."""
    return re.sub(r"\s", "", unicodedata.normalize("NFC", text))


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
                    read.append(str(actual))
            elif operator == b"EMC" and actual_texts:
                actual_texts.pop()

        def text(value, _cm, _tm, _font, _size, actual_texts=actual_texts):
            if not any(actual is not None for actual in actual_texts):
                read.append(value)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(read)


def catalogue(code: str):
    with (i18n.TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)


@pytest.fixture
def plan(app):
    """The demo family's plan (Mum asked for Yoruba)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", "demo password for the catalogue tests")
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        plan = db.session.scalars(
            select(Plan).join(Case).where(Case.reference == "DEMO-0001").order_by(Plan.number)
        ).first()
        # The demo's dates follow the day it is made: the goals' checks are set to the day
        # NEW_TEXT prints (never saved).
        for goal in plan.goals:
            if goal.review_on:
                goal.review_on = CHECKED_ON
        yield plan
        db.session.rollback()


def in_language(plan, name: str) -> None:
    for adult in plan.case.adults:
        adult.plan_language = name


def test_every_message_the_family_plan_prints_is_translated_in_every_language(plan):
    for code, name in LANGUAGES.items():
        in_language(plan, name)
        context = family_plan_context(plan, core_group_interval_weeks=WEEKS)
        assert context["lang"] == code
        recording = Recording(context.pop("translations"))
        context.pop("attachments", None)
        render_html(TEMPLATE, translations=recording, **context)
        # Every part of the demo plan is printed, so the new sections' messages are among them.
        assert {"What you told us", "Who your family are", "Who to contact"} <= recording.looked_up
        po = catalogue(code)
        untranslated = sorted(
            message
            for message in recording.looked_up
            if po.get(message) is None or not po.get(message).string or po.get(message).fuzzy
        )
        assert untranslated == [], f"{name}: printed in English only"
        assert all(recording.gettext(m) == po.get(m).string for m in recording.looked_up), (
            f"{name}: the compiled catalogue is older than the .po (run `make translations`)"
        )


def test_the_demo_plan_prints_the_new_headings_in_yoruba_beside_the_english(plan):
    pdf = render_pdf(TEMPLATE, **family_plan_context(plan, core_group_interval_weeks=WEEKS))
    printed = squashed("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    for english, yoruba, _urdu in NEW_TEXT:
        assert squashed(yoruba) in printed, yoruba
        assert squashed(english) in printed, english


def test_an_urdu_plan_prints_the_new_headings_in_urdu_beside_the_english(plan):
    in_language(plan, "Urdu")
    pdf = render_pdf(TEMPLATE, **family_plan_context(plan, core_group_interval_weeks=WEEKS))
    printed = squashed(text_as_read(pdf))
    for english, _yoruba, urdu in NEW_TEXT:
        assert squashed(urdu) in printed, urdu
        assert squashed(english) in printed, english
