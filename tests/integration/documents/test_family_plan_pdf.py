"""The family's printed plan: the demo family (DEMO-0001, mother's plan language Yoruba) gets a
bilingual English and Yoruba plan, tagged PDF/UA-1, with the DRAFT watermark until it is
finalised, a large-print version, and only the drawings a child agreed to share."""

import io
import re
import unicodedata
from datetime import UTC, date, datetime

import pytest
from demo_untranslated import untranslated
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, ChildPicture, Plan, StoredFile
from conference.pdf import family_plan, score_chart
from conference.pdf.family_plan import TEMPLATE, family_plan_context
from conference.pdf.render import RefusedURL, StaticOnlyFetcher, render_html, render_pdf, type_scale
from conference.services import pictures

WEEKS = 6  # the default CORE_GROUP_INTERVAL_WEEKS, which printing passes in

HEADINGS = (
    ("Why we are worried", "Ìdí tí a fi ń ṣàníyàn"),
    ("What is working well", "Ohun tí ó ń lọ dáadáa"),
    ("What needs to happen", "Ohun tí ó gbọ́dọ̀ ṣẹlẹ̀"),
    ("What Kemi says", "Ohun tí Kemi sọ"),
    ("Where things are now", "Bí nǹkan ṣe rí báyìí"),
    ("What happens if things do not change", "Ohun tí yóò ṣẹlẹ̀ tí nǹkan kò bá yí padà"),
    ("When we will meet again", "Ìgbà tí a máa tún pàdé"),
    ("What you can do if you disagree", "Ohun tí ẹ lè ṣe tí ẹ kò bá fara mọ́ ọn"),
    ("What some words mean", "Ìtumọ̀ àwọn ọ̀rọ̀ kan"),
)
KEMI_SAYS = (
    "I love my mum and dad but I hate it when they shout. I just want things to be normal and "
    "to go to school like everyone else."
)


def png() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "#1d70b8").save(picture, "PNG")
    return picture.getvalue()


PNG = png()


def squashed(text: str) -> str:
    """NFC, without whitespace: line breaks fall anywhere in a printed page."""
    return re.sub(r"\s", "", unicodedata.normalize("NFC", text))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def demo_plan() -> Plan:
    return db.session.scalars(
        select(Plan).join(Case).where(Case.reference == "DEMO-0001").order_by(Plan.number)
    ).first()


def seed_demo(app) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", "demo password for the pdf tests")
        # The plan's own words in English, with the note that an interpreter will go through them.
        untranslated(patch)
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def demo(app):
    """The demo family's plan, rendered once for the module: draft, large print, finalised.
    (The tables are emptied after each test: tests that need the records use `seeded`.)"""
    seed_demo(app)
    with app.app_context():
        plan = demo_plan()
        plan.finalised_at = None  # as a draft first (the demo's version 1 is finalised)
        context = family_plan_context(plan, core_group_interval_weeks=WEEKS)
        rendered = {
            "context": {k: v for k, v in context.items() if k not in ("translations",)},
            "html": render_html(TEMPLATE, **_without_attachments(context)),
            "draft": render_pdf(TEMPLATE, **context),
        }
        large = family_plan_context(plan, core_group_interval_weeks=WEEKS, large_print=True)
        rendered["large_html"] = render_html(TEMPLATE, **_without_attachments(large))
        rendered["large"] = render_pdf(TEMPLATE, **large)
        plan.finalised_at = datetime(2026, 1, 5, 12, tzinfo=UTC)
        rendered["final"] = render_pdf(
            TEMPLATE, **family_plan_context(plan, core_group_interval_weeks=WEEKS)
        )
        db.session.rollback()
    return rendered


@pytest.fixture
def seeded(app):
    seed_demo(app)


def _without_attachments(context: dict) -> dict:
    return {key: value for key, value in context.items() if key != "attachments"}


def test_the_demo_plan_is_in_yoruba_and_english(demo):
    text = squashed("".join(page_texts(demo["draft"])))
    for english, yoruba in HEADINGS:
        assert squashed(english) in text, english
        assert squashed(yoruba) in text, yoruba
    assert demo["context"]["lang"] == "yo"
    assert '<html lang="yo">' in demo["html"]


def test_the_free_text_stays_in_english_with_the_note_above_it(demo):
    text = squashed("".join(page_texts(demo["draft"])))
    assert squashed("An interpreter will go through them with you.") in text
    assert squashed("Ògbufọ̀ kan yóò bá yín ka wọ́n") in text
    # Whether the translation was checked is for staff (shown before printing), not the family.
    unchecked = "This translation has not yet been checked by a qualified translator"
    assert squashed(unchecked) not in text
    assert squashed("Ògbufọ̀ tí ó mọṣẹ́ kò tíì ṣàyẹ̀wò ìtumọ̀ yìí") not in text


def test_the_plan_names_the_children_and_keeps_their_own_words(demo):
    text = squashed("".join(page_texts(demo["draft"])))
    for name in ("Kemi", "Tolu"):
        assert name in text
    assert squashed(KEMI_SAYS) in text
    # Tolu asked that what he said about hiding under the table is not told to his dad
    # (issue 19): his own words are kept from every family copy, the large print's too.
    large = squashed("".join(page_texts(demo["large"])))
    for printed in (text, large, squashed(demo["html"])):
        assert squashed("hid under the table") not in printed
    assert "Adebayo" not in demo["context"]["children_names"]


def test_the_plan_says_what_needs_to_happen_and_when_we_meet(demo):
    text = squashed("".join(page_texts(demo["draft"])))
    assert squashed("Kemi goes to school every day") in text
    assert squashed("How we will know") in text
    assert squashed("The school attendance register") in text
    assert squashed("Who will do this") in text
    assert squashed("Funmilayo Adebayo") in text
    assert squashed("the children will stay with Grandma") in text
    assert squashed("Òṣìṣẹ́ àwùjọ yín (Your social worker): Sam Social-Worker") in text
    # The demo sets how to complain, so the paragraph sends the family to it.
    assert squashed("you can complain to the council: see “How to complain” below") in text


def test_the_scores_are_a_chart_and_a_table(demo):
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in demo["html"]
    assert "<title" in demo["html"] and "<desc" in demo["html"]
    text = squashed("".join(page_texts(demo["draft"])))
    assert squashed("We have already changed things at home.") in text
    assert squashed("The middle score was 4.5.") in text


def test_the_glossary_explains_the_jargon_that_remains(demo):
    glossary = dict(demo["context"]["glossary"])
    assert "core group" in glossary
    text = squashed("".join(page_texts(demo["draft"])))
    assert squashed("What some words mean") in text
    assert squashed(glossary["core group"]) in text


def test_every_page_is_marked_numbered_and_headed(demo):
    pages = page_texts(demo["draft"])
    assert 2 <= len(pages) <= 12
    for number, text in enumerate(pages, start=1):
        assert "OFFICIAL-SENSITIVE" in text
        assert f"Page {number} of {len(pages)}" in text
        assert squashed(f"Ojú-ìwé {number} nínú {len(pages)}") in squashed(text)
        assert "Kemi, Tolu and Baby" in text


def test_the_draft_has_the_watermark_and_the_final_plan_does_not(demo):
    assert all("DRAFT" in text for text in page_texts(demo["draft"]))
    assert not any("DRAFT" in text for text in page_texts(demo["final"]))


def test_the_document_is_tagged_pdf_ua_1(demo):
    for pdf in (demo["draft"], demo["large"], demo["final"]):
        reader = PdfReader(io.BytesIO(pdf))
        catalog = reader.trailer["/Root"]
        assert bool(catalog["/MarkInfo"]["/Marked"]) is True
        assert "/StructTreeRoot" in catalog
        assert catalog["/Lang"] == "yo"
        xmp = catalog["/Metadata"].get_object().get_data().decode()
        assert re.search(r"pdfuaid:part(>|=\")1", xmp)
        assert "Family plan for Kemi, Tolu and Baby" in reader.metadata.title


def test_large_print_is_bigger(demo):
    assert type_scale(True)["body"] >= 16
    assert "font-size: 16pt" in demo["large_html"]
    assert "font-size: 11pt" in demo["html"]
    assert len(page_texts(demo["large"])) > len(page_texts(demo["draft"]))


def test_an_english_family_gets_an_english_plan(app, seeded):
    with app.app_context():
        plan = demo_plan()
        for adult in plan.case.adults:
            adult.plan_language = "English"
        context = family_plan_context(plan, core_group_interval_weeks=WEEKS)
        html = render_html(TEMPLATE, **_without_attachments(context))
        db.session.rollback()
    assert context["lang"] == "en" and not context["translated"]
    assert '<html lang="en">' in html
    assert "Ìdí tí a fi ń ṣàníyàn" not in html
    assert "An interpreter will go through them" not in html
    assert '"Page " counter(page) " of " counter(pages);' in html


def test_the_area_sets_its_own_complaints_text(app, seeded, monkeypatch):
    monkeypatch.setitem(app.config, "COMPLAINTS_TEXT", "Ring Demo Borough on 01234 567890.")
    with app.app_context():
        html = render_html(
            TEMPLATE,
            **_without_attachments(
                family_plan_context(demo_plan(), core_group_interval_weeks=WEEKS)
            ),
        )
    assert "Ring Demo Borough on 01234 567890." in html
    assert "complaints leaflet" not in html


def test_only_drawings_shared_with_consent_are_printed(app, seeded):
    with app.app_context():
        plan = demo_plan()
        voice = next(v for v in plan.conference.voices if v.child.given_name == "Kemi")
        for description, consent in (("Kemi's drawing of home", True), ("Kept private", False)):
            picture = pictures.check(PNG, 1024)
            voice.pictures.append(
                ChildPicture(
                    file=StoredFile.holding(picture.data, picture.kind.content_type),
                    description=description,
                    consent_to_share=consent,
                )
            )
        db.session.flush()
        context = family_plan_context(plan, core_group_interval_weeks=WEEKS)
        pdf = render_pdf(TEMPLATE, **context)
        db.session.rollback()
    assert len(context["attachments"]) == 1
    text = squashed("".join(page_texts(pdf)))
    assert squashed("Kemi's drawing of home") in text
    assert squashed("Kept private") not in text
    images = [page["/Resources"].get("/XObject", {}) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert any(images)


def test_documents_fetch_only_static_files_and_their_own_attachments():
    fetcher = StaticOnlyFetcher({"picture-1": (PNG, "image/png")})
    assert fetcher.fetch("attachment:picture-1").read() == PNG
    for url in (
        "attachment:picture-2",
        "file:///etc/passwd",
        "https://example.org/x.png",
        "data:image/png;base64,AAAA",
        "app-static:/../conference/config.py",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


# The plain functions.


def test_names_are_listed_in_plain_english():
    assert family_plan.and_list([]) == ""
    assert family_plan.and_list(["Kemi"]) == "Kemi"
    assert family_plan.and_list(["Kemi", "Tolu"]) == "Kemi and Tolu"
    assert family_plan.and_list(["Kemi", "Tolu", "Baby"]) == "Kemi, Tolu and Baby"


def test_the_chart_grows_its_text_in_large_print():
    standard = score_chart.chart_geometry(6, type_scale(False)["body"])
    large = score_chart.chart_geometry(6, type_scale(True)["body"])
    assert standard.width == score_chart.CHART_WIDTH_AT_STANDARD
    assert large.width < standard.width
    assert large.bar_right > large.bar_left + 150
    assert standard.x(0) == standard.bar_left and standard.x(10) == standard.bar_right
    assert standard.height == 6 * score_chart.ROW_HEIGHT + score_chart.AXIS_HEIGHT


def test_the_chart_has_a_bar_and_a_description_for_every_score():
    rows = [
        family_plan.ScoreRow("Mum <Funmi>", "Mother", 6, ""),
        family_plan.ScoreRow("Sam", "Social worker", 0, ""),
    ]
    svg = str(family_plan.score_chart(rows, 11, "Scores from 0 to 10"))
    assert svg.count("<rect") == 2
    assert "Mum &lt;Funmi&gt; (Mother): 6; Sam (Social worker): 0" in svg
    assert '<title id="chart-title">Scores from 0 to 10</title>' in svg


def test_the_earliest_date_is_the_next_meeting():
    assert family_plan.earliest([None, date(2026, 3, 1), date(2026, 2, 1)]) == date(2026, 2, 1)
    assert family_plan.earliest([None]) is None
