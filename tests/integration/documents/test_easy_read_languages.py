"""The easy-read plan and the child's own plan in the person's own language (issue 19), read
back from the PDF: a Yoruba-reading mother's easy-read plan has each line in Yoruba with its
English under it, at the same size, each tagged in its language; a child whose record says
Arabic gets their plan right to left, the picture on the right; the plan's imported translation
prints the family's words in their language, and words without one print in English, marked
English. An English reader's copy is as it always was (its snapshot is in
test_document_snapshots.py). Before printing, staff are told when an interpreter must go
through the copy, in the family plan's words, naming the document."""

import io
import re
import unicodedata
from datetime import UTC, date, datetime

import pytest
from easy_read_world import child_named, demo_plan, figures, font_sizes, seed_demo
from pypdf import PdfReader
from sqlalchemy import delete
from tagged_pdf import ARABIC_SCRIPT, language_of, squashed, structure
from weasyprint import HTML

from conference.extensions import db
from conference.models import PlanTranslation
from conference.pdf import child_plan, easy_read, i18n, own_copies
from conference.pdf.easy_parts import PICTURES, SMALLEST_PT
from conference.pdf.render import BASE_URL, StaticOnlyFetcher, render_html, render_pdf
from conference.services.child_words import childs_goals, goals_in_force
from conference.services.translation_segments import family_segments

TODAY = date(2026, 11, 23)
YORUBA = i18n.translations_for("yo")
ARABIC = i18n.translations_for("ar")
# The words a translator gave for the plan's first goal and its first good thing, and for
# Tolu's checked words: made up for the test, so that only an imported translation prints them.
GOAL_IN_YORUBA = "Àwọn àgbàlagbà nílé yóò máa yanjú aáwọ̀ ní ìrọ̀rùn, láìsí ariwo."
WELL_IN_YORUBA = "Ìyá-ìyá wọn máa ń kó àwọn ọmọ lọ sí ilé rẹ̀ nígbà tí ó bá yẹ."
TOLU_WORDS = "Grown-ups at home will talk calmly. Nobody will shout or push."
TOLU_IN_ARABIC = "سيتحدث الكبار في البيت بهدوء. لن يصرخ أحد أو يدفع أحدًا."
EASY_HEADINGS = (
    "About this plan",
    "Why people are worried",
    "What is going well",
    "What needs to happen",
    "When we meet again",
    "Who to talk to",
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def yoruba(message: str, **variables) -> str:
    return nfc(i18n.phrase(YORUBA, "yo", message, **variables).text.striptags())


def arabic(message: str, **variables) -> str:
    return i18n.phrase(ARABIC, "ar", message, **variables).text.striptags()


def read_in(elements: list[dict], text: str) -> list[set[str]]:
    """The languages `text` is read in, once for each place it is printed: the languages of
    the structure elements holding its characters. (WeasyPrint holds each printed line of a
    paragraph in an element of its own, so a wrapped sentence spans several.)"""
    held, owners = "", []
    for element in elements:
        if element["text"]:
            piece = squashed(element["text"])
            held += piece
            owners += [element["lang"]] * len(piece)
    wanted = squashed(text)
    return [
        set(owners[found.start() : found.start() + len(wanted)])
        for found in re.finditer(re.escape(wanted), held)
    ]


def wording(value) -> str:
    return ", ".join(value[:-1]) + f" and {value[-1]}" if isinstance(value, list) else value


def page_texts(pdf: bytes) -> list[str]:
    return [squashed(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def segment(plan, segment_id: str) -> dict:
    [found] = [s for s in family_segments(plan) if s.id == segment_id]
    return {"source": found.source}


def translate(plan, language: str, targets: dict[str, str]) -> None:
    """An imported translation of some of the plan's words (the rest stay English)."""
    segments = {key: {**segment(plan, key), "target": text} for key, text in targets.items()}
    db.session.add(PlanTranslation(plan_id=plan.id, language=language, segments=segments))
    db.session.flush()


def check_tolus_first_goal(plan, chair_id: int):
    tolu = child_named(plan, "Tolu")
    goal = childs_goals(plan, tolu)[0]
    goal.child_words = TOLU_WORDS
    goal.child_words_checked_at = datetime(2026, 12, 1, 10, tzinfo=UTC)
    goal.child_words_checked_by_id = chair_id
    return goal


@pytest.fixture(scope="module")
def printed(app):
    """Mum's easy-read plan in Yoruba (her record's language) with a translation of two of
    the plan's texts; Tolu's own plan in Arabic, his checked words translated; Dad's and Kemi's
    in English. Rendered once for the module."""
    seed_demo(app)
    with app.app_context():
        plan = demo_plan()
        # Only this test's translations: the demo may import one of its own.
        db.session.execute(delete(PlanTranslation).where(PlanTranslation.plan_id == plan.id))
        goals = goals_in_force(plan)
        well = next(s for s in family_segments(plan) if s.id.startswith("working-well-"))
        translate(
            plan, "yo", {f"goal-{goals[0].id}-statement": GOAL_IN_YORUBA, well.id: WELL_IN_YORUBA}
        )
        goal = check_tolus_first_goal(plan, plan.finalised_by_id)
        translate(plan, "ar", {f"goal-{goal.id}-child_words": TOLU_IN_ARABIC})
        adults = {adult.given_name: adult for adult in plan.case.adults}
        tolu, kemi = child_named(plan, "Tolu"), child_named(plan, "Kemi")
        tolu.plan_language = "Arabic"
        contexts = {
            "yo": (
                easy_read.TEMPLATE,
                easy_read.easy_read_context(plan, adults["Funmilayo"], today=TODAY),
            ),
            "en": (easy_read.TEMPLATE, easy_read.easy_read_context(plan, adults["Olumide"])),
            "ar": (child_plan.TEMPLATE, child_plan.child_plan_context(plan, tolu)),
            "kemi": (child_plan.TEMPLATE, child_plan.child_plan_context(plan, kemi)),
        }
        made = {
            "goals": [(goal.statement.strip(), goal.owner.strip()) for goal in goals],
            "well": well.source,
            "yo_context": contexts["yo"][1],
        }
        for name, (template, context) in contexts.items():
            made[name] = render_pdf(template, **context)
            made[f"{name}_html"] = render_html(template, **context)
        db.session.rollback()
    return made


# A Yoruba-reading mother's easy-read plan.


def test_the_yoruba_easy_read_has_yoruba_lines_with_the_english_under_them(printed):
    text = nfc("".join(page_texts(printed["yo"])))
    for heading in EASY_HEADINGS:
        translated = yoruba(heading)
        assert translated != heading
        assert squashed(translated) + squashed(heading) in text, heading
    for message, variables, english in (
        ("This plan is for %(name)s.", {"name": "Funmilayo Adebayo"}, None),
        ("It is about keeping %(names)s safe.", {"names": ["Kemi", "Tolu", "Baby"]}, None),
        ("Easy read plan for %(name)s", {"name": "Funmilayo"}, None),
        ("Printed on %(date)s", {"date": TODAY}, "Printed on 23 November 2026"),
    ):
        english = english or message % {k: wording(v) for k, v in variables.items()}
        translated = yoruba(message, **variables)
        assert squashed(translated) + squashed(english) in text, message
    assert squashed("Kemi, Tolu àti Baby") in text  # the names joined with the Yoruba "and"
    assert squashed("23 Oṣù Bélú 2026") in text  # the date in Yoruba words
    assert squashed("Ojú-ìwé 1 nínú") in text and squashed("Page 1 of") in text


def test_each_language_is_tagged_and_the_pictures_are_described_in_yoruba(printed):
    pdf = printed["yo"]
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "yo"
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(>|=\")1", xmp)
    elements = structure(pdf)
    assert language_of(elements, yoruba("What needs to happen")) == "yo"
    assert language_of(elements, "What needs to happen") == "en"
    assert read_in(elements, "This plan is for Funmilayo Adebayo.") == [{"en"}]
    assert read_in(elements, yoruba("This plan is for %(name)s.", name="Funmilayo Adebayo")) == [
        {"yo"}
    ]
    # The heading is the Yoruba; its English is a paragraph under it.
    headings = [e for e in elements if e["type"] == "/H2"]
    assert len(headings) == len(EASY_HEADINGS)
    assert {e["lang"] for e in headings} == {"yo"}
    alternatives = [nfc(alt) for alt in figures(pdf)]
    context = printed["yo_context"]
    assert len(alternatives) == sum(len(g) for s in context["sections"] for g in s.groups) > 10
    in_yoruba = {yoruba(picture.alt) for picture in PICTURES.values()}
    assert set(alternatives) <= in_yoruba
    assert not in_yoruba & {picture.alt for picture in PICTURES.values()}
    assert {e["lang"] for e in elements if e["type"] == "/Figure"} == {"yo"}


def sizes_of(pdf: bytes, text: str) -> set[float]:
    """The sizes, in points, of the runs of text that hold `text`."""
    sizes = set()

    def visit(run, cm, tm, _font, size):
        if squashed(text) in squashed(run):
            sizes.add(round(size * abs(tm[3]) * abs(cm[3]), 1))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_the_english_is_as_large_as_the_yoruba(printed):
    """Easy read is large print: the English under each line is as large as the line."""
    pdf = printed["yo"]
    assert min(font_sizes(pdf)) >= SMALLEST_PT == 16
    for english, message in (
        ("Please keep this plan.", "Please keep this plan."),
        ("Who to talk to", "Who to talk to"),
    ):
        translated = yoruba(message)
        assert sizes_of(pdf, english) == sizes_of(pdf, translated[:8]) != set(), english
    assert sizes_of(pdf, "Please keep this plan.") == {18.0}
    assert sizes_of(pdf, "Who to talk to") == {24.0}


def test_the_imported_translation_prints_the_familys_words_in_yoruba(printed):
    elements = structure(printed["yo"])
    statement, _owner = printed["goals"][0]
    assert read_in(elements, yoruba("Goal %(number)s", number=1) + ": " + GOAL_IN_YORUBA) == [
        {"yo"}
    ]
    assert read_in(elements, f"Goal 1: {statement}") == [{"en"}]
    assert read_in(elements, WELL_IN_YORUBA + printed["well"]) == [{"yo", "en"}]


def test_words_with_no_translation_are_english_marked_as_english(printed):
    """The second goal has no translation: inside the Yoruba line it is its own English
    element, and the line around it stays Yoruba."""
    elements = structure(printed["yo"])
    statement, owner = printed["goals"][1]
    yoruba_line = yoruba("Goal %(number)s: %(statement)s", number=2, statement=statement)
    assert yoruba_line.startswith(yoruba("Goal %(number)s", number=2))
    assert any(
        e["type"] == "/P" and e["lang"] == "yo" and squashed(e["all"]) == squashed(yoruba_line)
        for e in elements
    )
    # The statement itself, in the Yoruba line and in the English line under it: English.
    assert read_in(elements, statement) == [{"en"}, {"en"}]
    assert read_in(elements, yoruba("Goal %(number)s", number=2)) == [{"yo"}]
    assert owner and {"en"} == set().union(*read_in(elements, owner))


def test_a_goals_lines_stay_on_one_page(printed):
    """Each goal's what, who and when (in Yoruba and in English) is on one page: the plan has
    at least five goals, and twice the lines of the English copy."""
    pages = [nfc(page) for page in page_texts(printed["yo"])]
    goals = printed["goals"]
    assert len(goals) >= 5
    assert len(pages) > len(page_texts(printed["en"]))

    def pages_with(text: str) -> set[int]:
        return {number for number, page in enumerate(pages) if squashed(text) in page}

    for number, (statement, owner) in enumerate(goals, start=1):
        first = pages_with(f"Goal {number}: {statement}")
        who = pages_with(f"Who will do this: {owner}") if owner else first
        yoruba_first = pages_with(yoruba("Goal %(number)s", number=number))
        assert len(first) == 1 and first == yoruba_first, number
        assert first <= who, number
    groups = printed["yo_context"]["sections"][3].groups
    assert [len(group) for group in groups] == [3] * len(goals)


# An Arabic-reading child's own plan.


def test_the_arabic_childs_plan_is_right_to_left_with_its_english(printed):
    pdf = printed["ar"]
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert catalog["/Lang"] == "ar"
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(>|=\")1", xmp)
    elements = structure(pdf)
    assert language_of(elements, arabic("What needs to happen")) == "ar"
    assert language_of(elements, "What needs to happen") == "en"
    # (Without its full stop: read back in the order it is drawn, it comes first.)
    free = arabic("It is free, and you do not have to say who you are.").rstrip(".")
    assert read_in(elements, free) == [{"ar"}]
    assert read_in(elements, "You can talk to Childline about anything.") == [{"en"}]
    written_in_arabic = [e for e in elements if ARABIC_SCRIPT.search(e["text"])]
    assert written_in_arabic and {e["lang"] for e in written_in_arabic} == {"ar"}
    html = printed["ar_html"]
    assert '<h2 lang="ar" dir="rtl">' in html
    assert html.count('<div class="point" dir="rtl">') == html.count('class="point"')
    assert min(font_sizes(pdf)) >= SMALLEST_PT


def test_numbers_and_names_keep_their_order_in_a_right_to_left_line(printed):
    """A phone number's groups of digits in an Arabic line are printed in their order (the
    bidirectional algorithm would otherwise swap them), as in the English line under it."""
    elements = structure(printed["ar"])
    for number in ("0800 1111", "01632 960123"):
        assert read_in(elements, number) == [{"ar"}, {"en"}], number
    assert read_in(elements, "Sam Social-Worker") == [{"ar"}, {"en"}]
    assert '<span dir="ltr">0800 1111</span>' in printed["ar_html"]


def test_the_childs_checked_words_print_in_their_imported_arabic(printed):
    elements = structure(printed["ar"])
    first_sentence = TOLU_IN_ARABIC.split(".")[0]
    assert read_in(elements, first_sentence) == [{"ar"}]
    assert read_in(elements, TOLU_WORDS) == [{"en"}]


def picture_sides(html: str) -> set[str]:
    """Which side of its lines each point's picture is laid out on."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).render()
    found: dict[int, dict[str, float]] = {}

    def walk(box, point):
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None else []
        if "point" in classes:
            point = id(element)
        elif point is not None and classes and classes[0] in ("picture", "words"):
            found.setdefault(point, {}).setdefault(classes[0], box.position_x)
        for child in getattr(box, "children", []) or []:
            walk(child, point)

    for page in document.pages:
        walk(page._page_box, None)
    assert found and all(len(at) == 2 for at in found.values())
    return {"right" if at["picture"] > at["words"] else "left" for at in found.values()}


def test_the_picture_is_on_the_start_side(printed):
    assert picture_sides(printed["ar_html"]) == {"right"}
    assert picture_sides(printed["yo_html"]) == {"left"}


# English readers: as before.


def test_an_english_readers_copies_are_english_only(printed):
    for name in ("en", "kemi"):
        catalog = PdfReader(io.BytesIO(printed[name])).trailer["/Root"]
        assert catalog["/Lang"] == "en"
        html = printed[f"{name}_html"]
        assert 'class="pair' not in html and " dir=" not in html
        assert re.findall(r'\blang="(\w+)"', html) == ["en"]  # <html lang="en"> only
    assert set(figures(printed["en"])) <= {picture.alt for picture in PICTURES.values()}


# What staff are told before printing (own_copies.py).


def test_staff_are_told_when_an_interpreter_must_go_through_the_copy(app):
    seed_demo(app)
    with app.app_context():
        plan = demo_plan()
        db.session.execute(delete(PlanTranslation).where(PlanTranslation.plan_id == plan.id))
        grandma = next(a for a in plan.case.adults if a.given_name == "Abosede")
        kemi = child_named(plan, "Kemi")
        kemi.plan_language = "Polish"
        copies = {
            "grandma": own_copies.copy_for(plan, own_copies.ADULT, grandma),
            "kemi": own_copies.copy_for(plan, own_copies.CHILD, kemi),
        }
        grandma.plan_language = "Tigrinya"
        copies["tigrinya"] = own_copies.copy_for(plan, own_copies.ADULT, grandma)
        grandma.plan_language = "Yoruba"
        segments = {s.id: {"source": s.source, "target": "…"} for s in family_segments(plan)}
        db.session.add(PlanTranslation(plan_id=plan.id, language="yo", segments=segments))
        db.session.flush()
        copies["translated"] = own_copies.copy_for(plan, own_copies.ADULT, grandma)
        easy, child = own_copies.EASY_READ, own_copies.CHILD_PLAN
        told = {
            name: (
                copy.language,
                copy.needs_interpreter(which),
                copy.interpreter_warning_for(which),
            )
            for name, copy, which in (
                ("grandma", copies["grandma"], easy),
                ("kemi", copies["kemi"], child),
                ("tigrinya", copies["tigrinya"], easy),
                ("translated", copies["translated"], easy),
            )
        }
        db.session.rollback()
    assert told["grandma"] == (
        "yo",
        True,
        "The plan’s own words in the easy-read plan are in English: an interpreter must go "
        "through them with Abosede Adeyemi",
    )
    assert told["kemi"] == (
        "pl",
        True,
        "The plan’s own words in the child’s own plan are in English: an interpreter must go "
        "through them with Kemi Adebayo",
    )
    assert told["tigrinya"] == (
        "en",
        True,
        "We cannot print the easy-read plan in Tigrinya, so this copy is in English: an "
        "interpreter must go through all of it with Abosede Adeyemi",
    )
    # Every one of the plan's words translated into Yoruba: no interpreter for her copy.
    assert told["translated"][:2] == ("yo", False)
