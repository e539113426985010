"""The family's notes of a core group in the family's language (docs/domain.md sections 7 and
11), on the demo family (DEMO-0001, whose parents read Yoruba) with a meeting added: every piece
of fixed text in Yoruba with its English, the goals in the plan's imported translation, what
people typed at the meeting in English and tagged as English; Arabic right to left; an English
family's notes and the record in English only; and staff told before they print it."""

import io
import re
import unicodedata

import pytest
from core_group_notes_world import EVIDENCE, NEW_ACTION, WHERE_NOW, add_meeting, seed, text_of
from pypdf import PdfReader
from sqlalchemy import select
from tagged_pdf import ARABIC_SCRIPT, language_of, squashed, structure

from conference.extensions import db
from conference.models import CoreGroupMeeting, PlanTranslation
from conference.pdf import core_group_notes as notes_pdf
from conference.pdf import documents, i18n
from conference.pdf.render import render_html
from conference.services.translation_segments import family_segments

# Goal 1's statement in the plan's imported Yoruba translation (made up for the test).
GOAL_1_YORUBA = "Àwọn àgbàlagbà inú ilé ń yanjú èdèkòyédè pẹ̀lú sùúrù."
CHILD_VIEWS = "Kemi said home is quieter now and she likes school again."


def translate_goal_1(meeting: CoreGroupMeeting) -> str:
    """The plan's Yoruba translation holds goal 1's statement only (whatever the demo imported):
    the other goals have no translation. Gives goal 1's English."""
    plan = meeting.plan
    goal = sorted(plan.goals, key=lambda g: g.position)[0]
    segment = next(s for s in family_segments(plan) if s.source == goal.statement.strip())
    row = db.session.scalar(
        select(PlanTranslation).where(
            PlanTranslation.plan_id == plan.id, PlanTranslation.language == "yo"
        )
    )
    if row is None:
        row = PlanTranslation(plan_id=plan.id, language="yo")
        db.session.add(row)
    row.segments = {segment.id: {"source": segment.source, "target": GOAL_1_YORUBA}}
    db.session.flush()
    return segment.source


def reads(language: str, meeting: CoreGroupMeeting) -> None:
    for adult in meeting.case.adults:
        adult.plan_language = language


@pytest.fixture(scope="module")
def printed(app):
    """The family's notes of one meeting in Yoruba (the demo's), Arabic, Urdu and English, and
    the record; with the HTML of the Yoruba and Arabic ones. Rendered once for the module."""
    patch = pytest.MonkeyPatch()
    try:
        seed(app, patch)
    finally:
        patch.undo()
    done: dict = {}
    with app.app_context():
        meeting = add_meeting()
        done["goal_1"] = translate_goal_1(meeting)
        done["held_on"] = meeting.held_on
        done["record"] = documents.core_group_notes_pdf(meeting, notes_pdf.RECORD)
        for language, code in (("Yoruba", "yo"), ("Arabic", "ar"), ("Urdu", "ur")):
            reads(language, meeting)
            context = notes_pdf.notes_context(meeting, notes_pdf.FAMILY)
            done[f"{code}-html"] = render_html(notes_pdf.TEMPLATE, **context)
            done[code] = documents.core_group_notes_pdf(meeting, notes_pdf.FAMILY)
        reads("English", meeting)
        done["en"] = documents.core_group_notes_pdf(meeting, notes_pdf.FAMILY)
        done["en-html"] = render_html(
            notes_pdf.TEMPLATE, **notes_pdf.notes_context(meeting, notes_pdf.FAMILY)
        )
        db.session.rollback()
    with app.app_context(), db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    return done


def first_line(typed: str) -> str:
    """The start of what was typed: each printed line of it is an element of its own."""
    return typed[:28]


def catalog_language(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"])


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_the_yoruba_family_notes_have_yoruba_headings_with_the_english(printed):
    text = squashed(text_of(printed["yo"]))
    for yoruba, english in (
        ("Àkọsílẹ̀ ìpàdé wa ní", "Notes from our meeting on"),
        ("Bí nǹkan ṣe ń lọ", "How things are going"),
        ("Àfojúsùn 1", "Goal 1"),
        ("Nǹkan ń dára sí i.", "Things are getting better."),
        ("Nǹkan ti burú sí i.", "Things have got worse."),
        ("Ohun tí àwọn ọmọ sọ fún wa", "What the children told us"),
        ("Ohun tí yóò ṣẹlẹ̀ tókàn", "What happens next"),
        ("Máàkì àárín", "The middle score"),
        ("Ẹni tí ẹ lè kàn sí", "Who to contact"),
    ):
        assert squashed(yoruba) in text, yoruba
        assert squashed(english) in text, english
    # Dates in Yoruba words beside the English ones, and the page number in both.
    assert squashed("Oṣù") in text
    assert squashed("Ojú-ìwé 1 nínú") in text and "Page1of" in text
    # Whether the Yoruba was checked is for staff (the progress page), never on the family's copy.
    assert "qualifiedtranslator" not in text and "drafttranslation" not in text


def test_the_yoruba_notes_are_tagged_yoruba_with_the_english_parts_in_english(printed):
    assert catalog_language(printed["yo"]) == "yo"
    elements = structure(printed["yo"])
    assert language_of(elements, "Bí nǹkan ṣe ń lọ") == "yo"
    assert language_of(elements, "How things are going") == "en"
    assert language_of(elements, "Bí a ṣe mọ̀") == "yo"  # the label before the evidence
    # What people typed at the meeting is read with an English voice.
    for typed in (WHERE_NOW, EVIDENCE, CHILD_VIEWS, "Mum said: we are trying hard"):
        assert language_of(elements, first_line(typed)) == "en", typed


def test_a_goal_prints_in_the_plans_translation_with_its_english(printed):
    elements = structure(printed["yo"])
    assert language_of(elements, GOAL_1_YORUBA) == "yo"
    assert language_of(elements, first_line(printed["goal_1"])) == "en"
    html = nfc(printed["yo-html"])
    assert f'<span class="words-tr" lang="yo" dir="ltr">{nfc(GOAL_1_YORUBA)}</span>' in html
    # A goal with no translation prints its English alone, in a part marked English.
    goal_3 = html[html.index("Àfojúsùn 3") :]
    assert '<p class="statement text">Kemi goes to school every day' in goal_3
    assert html.count('<div class="goal" lang="en">') == html.count("Àfojúsùn ")


def test_the_arabic_family_notes_are_right_to_left(printed):
    assert catalog_language(printed["ar"]) == "ar"
    html = printed["ar-html"]
    assert '<html lang="ar">' in html
    assert '<h2 class="" lang="ar" dir="rtl">كيف تسير الأمور</h2>' in html
    assert '<p lang="ar" dir="rtl">لم نتحدث عن هذا الهدف هذه المرة.</p>' in html
    elements = structure(printed["ar"])
    arabic = [e for e in elements if ARABIC_SCRIPT.search(e["text"])]
    assert arabic and {e["lang"] for e in arabic} == {"ar"}
    assert language_of(elements, "How things are going") == "en"
    assert language_of(elements, first_line(WHERE_NOW)) == "en"
    # Right to left on the page: the Arabic heading ends at the right margin, where the
    # English under it starts at the left.
    heading, english = right_edge(printed["ar"], "كيف تسير الأمور", "How things are going")
    assert heading > english + 300


def right_edge(pdf: bytes, arabic: str, english: str) -> tuple[float, float]:
    """Where the Arabic run holding `arabic` ends on its page (its rightmost glyph run's
    start, in points from the left) and where the English line `english` starts."""
    wanted = set(squashed(arabic))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs: list[tuple[str, float, float]] = []

        def seen(text, _cm, tm, _font, _size, runs=runs):
            if text.strip():
                runs.append((text, tm[4], tm[5]))

        page.extract_text(visitor_text=seen)
        english_at = [(x, y) for text, x, y in runs if english in text]
        if not english_at:
            continue
        x_english, y_english = english_at[0]
        # The heading is the line just above its English line.
        above = [
            (x, text)
            for text, x, y in runs
            if 0 < y - y_english < 40 and ARABIC_SCRIPT.search(text)
        ]
        assert above and wanted & set("".join(text for _x, text in above)), runs
        return max(x for x, _text in above), x_english
    raise AssertionError(f"{english!r} is not in the PDF")


def test_the_urdu_family_notes_are_in_urdu_right_to_left(printed):
    assert catalog_language(printed["ur"]) == "ur"
    assert '<h2 class="" lang="ur" dir="rtl">' in printed["ur-html"]
    elements = structure(printed["ur"])
    assert language_of(elements, "حالات کیسے چل رہے ہیں") == "ur"
    assert language_of(elements, "How things are going") == "en"


def test_an_english_family_prints_in_english_only(printed):
    assert catalog_language(printed["en"]) == "en"
    text = text_of(printed["en"])
    assert f"Things are getting better. Where things are now: {WHERE_NOW}" in text
    assert f"Funmilayo Adebayo: {NEW_ACTION}" in text
    assert not re.search(r"[À-ɏḀ-ỿ]", text)  # no Yoruba letters
    html = printed["en-html"]
    assert 'lang="yo"' not in html
    assert html.count('lang="en"') == 1  # <html lang="en">: nothing needs marking
    assert '<h2 class="">How things are going</h2>' in html


def test_the_record_stays_english_whatever_the_family_reads(printed):
    """The demo's parents read Yoruba; the record is for professionals, in English only."""
    assert catalog_language(printed["record"]) == "en"
    text = text_of(printed["record"])
    assert "Progress against each safety goal" in text
    assert "Notes from our meeting" not in text
    assert not ARABIC_SCRIPT.search(text)
    assert "Àfojúsùn" not in nfc(text) and "Bí nǹkan" not in nfc(text)
    assert all(e["lang"] == "en" for e in structure(printed["record"]))


def test_the_family_notes_messages_are_in_every_catalogue():
    """Every message the family's version prints has a translation in each catalogue."""
    for code in ("pl", "ro", "ur", "bn", "ar", "lt", "yo"):
        gettext = i18n.translations_for(code).gettext
        for message in (
            "Notes from our meeting on %(date)s",
            "Things have got worse.",
            "The children’s own middle score went from %(first)s to %(last)s.",
            "If something in these notes is not clear, ask your social worker.",
        ):
            assert gettext(message) != message, (code, message)


# Staff are told before they print it.


@pytest.fixture
def progress_page(app, monkeypatch):
    """The demo plan's progress page, with a meeting added, as its social worker sees it."""
    from core_group_notes_world import DEMO_PASSWORD
    from helpers import Client, sign_in

    seed(app, monkeypatch)
    with app.app_context():
        meeting = add_meeting()
        db.session.commit()
        plan_id = meeting.plan_id
    client = Client(app.test_client())
    assert sign_in(client, "socialworker@demo.example", DEMO_PASSWORD).status_code == 302

    def page() -> str:
        response = client.get(f"/plans/{plan_id}/progress")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    return page


def test_staff_are_told_the_family_notes_print_in_yoruba_and_not_checked(app, progress_page):
    page = re.sub(r"\s+", " ", progress_page())
    assert (
        "The family’s notes print in Yoruba and English. What people wrote at the meeting is in "
        "English: an interpreter must go through it with the family."
    ) in page
    assert i18n.translator_checked("yo") is False
    assert (
        "In the family’s notes, the Yoruba headings and standard sentences are a draft "
        "translation: they have not been checked by a qualified translator."
    ) in page


def test_staff_are_not_told_that_a_checked_catalogue_is_a_draft(app, progress_page, monkeypatch):
    monkeypatch.setattr(i18n, "translator_checked", lambda code: True)
    page = re.sub(r"\s+", " ", progress_page())
    assert "The family’s notes print in Yoruba and English." in page
    assert "qualified translator" not in page


def test_an_english_family_needs_no_notice(app, progress_page):
    with app.app_context():
        reads("English", db.session.scalars(select(CoreGroupMeeting)).first())
        db.session.commit()
    page = progress_page()
    assert "The family’s notes print in" not in page
    assert "notes-language" not in page
    assert "Notes for the family" in page
