"""Tagged for every language in it: the PDF's structure tree says the language of each part, so a
screen reader reads the English parts of an Urdu plan with an English voice; the DRAFT watermark
is decoration, outside the tree; page numbers are in the body font of the document's language;
names in a translated line are joined with that language's "and".

The tree is read back with pypdf: each structure element's language (its own /Lang, else the one
it inherits, down from the catalog's) and the text of the marked content it holds, read as a
screen reader reads it: a marked-content sequence's /ActualText instead of its glyphs' text.
Urdu is set in Nastaliq, whose glyphs cannot be read back as text: its runs carry /ActualText."""

import io
import re
import subprocess
from datetime import UTC, date, datetime

import pytest
import weasyprint
from pypdf import PdfReader
from sqlalchemy import select
from tagged_pdf import ARABIC_SCRIPT, language_of, marked_texts, squashed, structure

from conference.domain import wording
from conference.extensions import db
from conference.models import Case, Plan
from conference.pdf import i18n, tagging
from conference.pdf.family_plan import COURT, TEMPLATE, family_plan_context
from conference.pdf.render import environment, html_to_pdf, render_pdf

WEEKS = 6

SAMPLE = """{% extends "_base.html" %}
{% block title %}Sample{% endblock %}
{% block content %}
<h1>بچوں کی حفاظت</h1>
<p lang="en">Why we are worried</p>
<div class="goal" lang="en">
<p>Kemi goes to school every day.</p>
<p><strong lang="ur" dir="rtl">کون</strong> Mum</p>
</div>
<p>کیا ہونا چاہیے</p>
{% endblock %}"""


def render_sample(lang: str, draft: bool = False, page_label_css=None) -> bytes:
    context = {"page_label_css": page_label_css} if page_label_css else {}
    html = (
        environment()
        .from_string(SAMPLE)
        .render(
            lang=lang,
            draft=draft,
            large_print=False,
            children_names="Sample",
            document_date=date(2026, 1, 5),
            **context,
        )
    )
    return html_to_pdf(html)


# Reading the structure tree back.


# Any document: the sample.


def test_each_part_carries_its_own_language():
    elements = structure(render_sample("ur"))
    assert language_of(elements, "بچوں کی حفاظت") == "ur"
    assert language_of(elements, "Why we are worried") == "en"
    assert language_of(elements, "Kemi goes to school every day.") == "en"
    assert language_of(elements, "کون") == "ur"  # Urdu inside an English part
    assert language_of(elements, "Mum") == "en"
    assert language_of(elements, "کیا ہونا چاہیے") == "ur"


def test_a_language_is_written_only_where_it_changes():
    elements = structure(render_sample("ur"))
    tagged = [e for e in elements if e["own"] is not None]
    assert {(e["type"], str(e["own"])) for e in tagged} == {
        ("/P", "en"),
        ("/Div", "en"),
        ("/NonStruct", "ur"),
    }
    assert all(str(e["own"]) != e["inherited"] for e in tagged)


def test_a_document_in_one_language_has_no_language_on_its_parts():
    elements = structure(render_sample("en"))
    # In an English document only the Urdu parts say their language.
    assert {str(e["own"]) for e in elements if e["own"] is not None} == {"ur"}
    assert language_of(elements, "Why we are worried") == "en"


def test_the_draft_watermark_is_decoration_outside_the_tree():
    draft, final = render_sample("ur", draft=True), render_sample("ur")
    pages = PdfReader(io.BytesIO(draft)).pages
    assert all("DRAFT" in page.extract_text() for page in pages)
    assert not any("DRAFT" in e["text"] for e in structure(draft))
    # The watermark adds nothing to the tree: the draft's is the final's.
    assert [(e["type"], e["text"]) for e in structure(draft)] == [
        (e["type"], e["text"]) for e in structure(final)
    ]
    content = pages[0].get_contents().get_data()
    assert re.match(rb"[^B]*q\s*/Artifact\s*BMC\b", content), content[:200]


def test_the_page_margins_are_pagination_artifacts():
    """The running header, OFFICIAL-SENSITIVE and the page number: printed, never read out."""
    pdf = render_sample("ur")
    reader = PdfReader(io.BytesIO(pdf))
    content = reader.pages[0].get_contents().get_data()
    artifacts = re.findall(
        rb"/Artifact\s*<<\s*/Type\s*/Pagination\s*/Subtype\s*/(\w+)\s*>>\s*BDC", content
    )
    assert sorted(artifacts) == [b"Footer", b"Footer", b"Header", b"Header"]
    page_text = reader.pages[0].extract_text()
    assert "OFFICIAL-SENSITIVE" in page_text and "Page 1 of 1" in page_text
    # No marked content of theirs: every marked-content id is the tree's, and none is theirs.
    texts = " ".join(marked_texts(reader).values())
    assert not any(t in texts for t in ("OFFICIAL-SENSITIVE", "January", "Page"))
    in_tree = set()

    def walk(element) -> None:
        in_tree.add(element.indirect_reference.idnum)
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int) and kid.get_object().get("/S") is not None:
                walk(kid.get_object())

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0].get_object())
    parents = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"][1]
    assert {parent.idnum for parent in parents} <= in_tree


def texts_and_fonts(page) -> list[tuple[str, str]]:
    """Each piece of text on the page as a reader takes it (a marked-content sequence's
    /ActualText once, else the glyphs' text), with the font (no subset prefix) it is drawn in."""
    found: list[tuple[str, str]] = []
    actual_texts: list[str | None] = []
    said: set[int] = set()

    def before(operator, operands, _cm, _tm):
        if operator in (b"BDC", b"BMC"):
            properties = operands[1] if operator == b"BDC" and len(operands) > 1 else None
            actual = properties.get("/ActualText") if hasattr(properties, "get") else None
            actual_texts.append(str(actual) if actual is not None else None)
        elif operator == b"EMC" and actual_texts:
            actual_texts.pop()
            said.discard(len(actual_texts))

    def text(value, _cm, _tm, font, _size):
        if not font or not value.strip():
            return  # pypdf also calls this for the line breaks it works out
        name = str(font["/BaseFont"]).split("+", 1)[-1]
        depth = next((i for i, t in enumerate(actual_texts) if t is not None), None)
        if depth is None:
            found.append((value, name))
        elif depth not in said:
            said.add(depth)
            found.append((actual_texts[depth], name))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def test_the_page_number_is_in_the_body_font_of_the_documents_language():
    urdu = i18n.translations_for("ur")
    pdf = render_sample("ur", page_label_css=i18n.page_label_css(urdu, "ur"))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts_by_text = texts_and_fonts(page)
    label = [font for text, font in fonts_by_text if "صفحہ" in text]
    assert label == ["Noto-Nastaliq-Urdu"]
    arabic_script_fonts = {font for text, font in fonts_by_text if ARABIC_SCRIPT.search(text)}
    assert {font.removesuffix("-Bold") for font in arabic_script_fonts} == {"Noto-Nastaliq-Urdu"}
    assert "Page 1 of 1" in page.extract_text()


def page_fonts(pdf: bytes) -> set[str]:
    """The fonts the pages use (their resources), without the subset prefix."""
    return {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_urdu_is_set_in_nastaliq_and_read_from_its_real_text():
    pdf = render_sample("ur")
    assert "Noto-Nastaliq-Urdu" in page_fonts(pdf)
    assert "Noto-Naskh-Arabic" not in page_fonts(pdf)
    elements = structure(pdf)
    for urdu in ("بچوں کی حفاظت", "کون", "کیا ہونا چاہیے"):
        # The element holding the run says its real text, and so does the marked content.
        assert [(e["lang"], e["text"]) for e in elements if e["actual"] == urdu] == [("ur", urdu)]
    # Every run of Urdu has its real text, and only Urdu: English is read from its glyphs.
    assert all(e["actual"] for e in elements if ARABIC_SCRIPT.search(e["text"]))
    assert {e["lang"] for e in elements if e["actual"]} == {"ur"}
    english = [e for e in elements if e["text"] == "Kemi goes to school every day."]
    assert [e["actual"] for e in english] == [None]


def test_only_the_weasyprint_it_knows_is_tagged(monkeypatch):
    from weasyprint.pdf import tags

    assert tags._build_box_tree is tagging._in_language  # installed by the renderer
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(tagging.UnsupportedWeasyPrint):
        tagging.install()


# "And" between names, in the language of the line.


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("yo", "Ètò ìdílé fún Kemi, Tolu àti Baby"),
        ("pl", "Kemi, Tolu i Baby"),
        ("ur", "Kemi، Tolu اور Baby"),
        ("ar", "Kemi، Tolu وBaby"),
    ],
)
def test_names_in_a_translated_line_are_joined_in_its_language(code, expected):
    title = i18n.phrase(
        i18n.translations_for(code),
        code,
        "Family plan for %(names)s",
        names=["Kemi", "Tolu", "Baby"],
    )
    assert expected in str(title.text)
    assert str(title.en) == "Family plan for Kemi, Tolu and Baby"


def test_names_are_escaped_and_english_without_a_catalogue():
    for names in ([], ["Kemi"], ["Kemi", "Tolu"], ["Kemi", "Tolu", "Baby", "Ada"]):
        assert i18n.and_list(names) == wording.and_list(names)
    title = i18n.phrase(
        i18n.translations_for("yo"), "yo", "Family plan for %(names)s", names=["<b>", "Tolu"]
    )
    assert "&lt;b&gt; àti Tolu" in str(title.text)


# The demo family's plan, in Urdu and in Arabic (right to left), and in Yoruba.


def demo_plan() -> Plan:
    return db.session.scalars(
        select(Plan).join(Case).where(Case.reference == "DEMO-0001").order_by(Plan.number)
    ).first()


@pytest.fixture(scope="module")
def plans(app):
    """The demo plan as a draft in each language (and in large print in Urdu), and agreed in
    Urdu, rendered once for the module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", "demo password for the tagging tests")
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    rendered = {}
    with app.app_context():
        plan = demo_plan()
        plan.finalised_at = None
        rendered["yo"] = render_pdf(
            TEMPLATE, **family_plan_context(plan, core_group_interval_weeks=WEEKS)
        )
        for language in ("Arabic", "Urdu"):  # Urdu last: the large print and agreed copies
            for adult in plan.case.adults:
                adult.plan_language = language
            context = family_plan_context(plan, core_group_interval_weeks=WEEKS)
            rendered[context["lang"]] = render_pdf(TEMPLATE, **context)
        rendered["ur-large"] = render_pdf(
            TEMPLATE,
            **family_plan_context(plan, core_group_interval_weeks=WEEKS, large_print=True),
        )
        plan.finalised_at = datetime(2026, 1, 5, 12, tzinfo=UTC)
        rendered["ur-final"] = render_pdf(
            TEMPLATE, **family_plan_context(plan, core_group_interval_weeks=WEEKS)
        )
        db.session.rollback()
    return rendered


def test_the_english_parts_of_an_urdu_plan_are_read_in_english(plans):
    elements = structure(plans["ur"])
    assert language_of(elements, "ہم کیوں فکرمند ہیں") == "ur"  # Why we are worried
    for english in (
        "Why we are worried",
        "Family plan for Kemi, Tolu and Baby",
        "What is working well",
        "Kemi goes to school every day",
        "What some words mean",
    ):
        assert language_of(elements, english) == "en", english
    # Every part written in Urdu is read in Urdu, and most of the plan says it is English.
    urdu = [e for e in elements if ARABIC_SCRIPT.search(e["text"])]
    assert urdu and {e["lang"] for e in urdu} == {"ur"}
    assert sum(1 for e in elements if e["own"] is not None and str(e["own"]) == "en") > 20


def test_every_version_is_tagged_pdf_ua_1_in_its_language(plans):
    for version in ("yo", "ur", "ur-large", "ar"):
        code, pdf = version.split("-")[0], plans[version]
        reader = PdfReader(io.BytesIO(pdf))
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == code
        assert bool(catalog["/MarkInfo"]["/Marked"]) is True
        xmp = catalog["/Metadata"].get_object().get_data().decode()
        assert re.search(r"pdfuaid:part(>|=\")1", xmp)
        elements = structure(pdf)
        assert language_of(elements, "What is working well") == "en"
    arabic = structure(plans["ar"])
    assert {e["lang"] for e in arabic if ARABIC_SCRIPT.search(e["text"])} == {"ar"}


def test_the_yoruba_title_joins_the_names_with_ati(plans):
    elements = structure(plans["yo"])
    assert language_of(elements, "Ètò ìdílé fún Kemi, Tolu àti Baby") == "yo"
    assert language_of(elements, "Family plan for Kemi, Tolu and Baby") == "en"


def test_english_words_inside_a_yoruba_sentence_are_read_in_english(plans):
    """What people typed, put untranslated into a translated sentence ("Tí ó bá ṣẹlẹ̀ pé Dad has
    been drinking…"), is its own element in English; the sentence around it stays Yoruba."""
    elements = structure(plans["yo"])
    assert language_of(elements, "Dad has been drinking and there is shouting at home") == "en"
    assert language_of(elements, "Mum rings Pastor Adeyemi's wife") == "en"
    sentence = [e for e in elements if "Dad has been drinking" in e["all"] and e["lang"] == "yo"]
    assert sentence, "the Yoruba sentence holding the English words"


def test_the_agreed_plan_has_no_watermark_and_the_draft_has_it_as_decoration(plans):
    for key, watermarked in (("ur", True), ("ur-final", False)):
        pages = PdfReader(io.BytesIO(plans[key])).pages
        assert all(("DRAFT" in page.extract_text()) is watermarked for page in pages)
        assert not any("DRAFT" in e["text"] for e in structure(plans[key]))


def test_the_urdu_plan_is_in_nastaliq_and_read_as_written(plans):
    pdf = plans["ur"]
    assert {"Noto-Nastaliq-Urdu", "Noto-Nastaliq-Urdu-Bold"} <= page_fonts(pdf)
    assert not any(font.startswith("Noto-Naskh") for font in page_fonts(pdf))
    elements = structure(pdf)
    urdu = i18n.translations_for("ur")
    title = i18n.phrase(urdu, "ur", "Family plan for %(names)s", names=["Kemi", "Tolu", "Baby"])
    title_text = title.text.striptags()
    assert "منصوبہ" in title_text  # read back as "فصوبہ" from Nastaliq's glyphs
    court_text = i18n.phrase(urdu, "ur", COURT).text.striptags()
    for kind, text in (("/H1", title_text), ("/P", court_text)):
        read = [e for e in elements if e["type"] == kind and squashed(e["all"]) == squashed(text)]
        assert [e["lang"] for e in read] == ["ur"], text
    # Each run of Urdu: the same real text on its structure element and in its marked content.
    runs = [e for e in elements if ARABIC_SCRIPT.search(e["text"])]
    assert len(runs) > 50
    # (A run that ends before an English word inside an Urdu sentence ends with its space: the
    # text read back here is stripped.)
    assert all((e["actual"] or "").strip() == e["text"] for e in runs)
    # The English parts are read from their glyphs, as before.
    assert not any(e["actual"] for e in elements if e["lang"] == "en")
    assert language_of(elements, "This plan is important. Please keep it.") == "en"
    # Arabic, in Naskh, needs no real text: its glyphs read back right.
    assert not any(e["actual"] for e in structure(plans["ar"]))


def test_poppler_reads_the_urdu_letters_from_the_real_text(plans, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(plans["ur"])
    out = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    court = squashed(i18n.phrase(i18n.translations_for("ur"), "ur", COURT).text.striptags())
    # Every letter right. Poppler (22.12) lays a run's /ActualText out left to right over its
    # glyphs, then reverses the right-to-left line: the letters come out in visual order.
    assert court in squashed(out) or court[::-1] in squashed(out)
    assert squashed("This plan is important. Please keep it.") in squashed(out)
