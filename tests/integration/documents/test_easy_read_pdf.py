"""The easy-read plan and the child's own plan (issue 19), read back from the PDF: each part in
short lines with a picture beside each point, every picture with its text alternative in the
tagged PDF, nothing printed smaller than 16pt, nothing the family may not see, and, in the
child's plan, only goal words the chair checked, with Childline."""

import io
import re
from datetime import UTC, datetime

import pytest
from easy_read_world import child_named, demo_plan, figures, font_sizes, seed_demo
from pypdf import PdfReader
from sqlalchemy import select

from conference.extensions import db
from conference.models import AuditEvent, KeptFromFamily
from conference.pdf import child_plan, documents, easy_read
from conference.pdf.easy_parts import PICTURES, SMALLEST_PT
from conference.pdf.render import render_pdf

TOLU_WORDS = "Grown-ups at home will talk calmly. Nobody will shout or push."
UNCHECKED_WORDS = "If Dad has been drinking, you go to Grandma's flat."
EASY_HEADINGS = (
    "About this plan",
    "Why people are worried",
    "What is going well",
    "What needs to happen",
    "When we meet again",
    "Who to talk to",
)
CHILD_HEADINGS = (
    "About your plan",
    "What people are worried about",
    "What is going well",
    "What needs to happen",
    "When we meet again",
    "Who to talk to",
)
KEPT_WORRY = "Kemi stays at home to look after Tolu when Mum is unwell"


def squashed(text: str) -> str:
    return re.sub(r"\s", "", text)


def text_of(pdf: bytes) -> str:
    return squashed("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def drawn_figures(pdf: bytes) -> int:
    """The pictures drawn on the pages: marked content tagged as a Figure that paints a path."""
    drawn = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        stream = page.get_contents().get_data().decode("latin-1")
        for marked in re.findall(r"/Figure\s*<<[^>]*>>\s*BDC(.*?)EMC", stream, re.S):
            drawn += bool(re.search(r"\s[fS]\*?\n", marked))
    return drawn


def _prepare(plan, chair_id: int) -> None:
    """As a draft: Tolu's first goal with words the chair checked, his second with words not
    checked yet; one worry and Tolu's good things kept from the family."""
    plan.finalised_at = None
    tolu = child_named(plan, "Tolu")
    goals = sorted(plan.goals, key=lambda goal: goal.position)
    first, second = [goal for goal in goals if tolu.id in goal.child_ids][:2]
    first.child_words = TOLU_WORDS
    first.child_words_checked_at = datetime(2026, 12, 1, 10, tzinfo=UTC)
    first.child_words_checked_by_id = chair_id
    second.child_words = UNCHECKED_WORDS
    second.child_words_checked_at = second.child_words_checked_by_id = None
    worry = next(i for i in plan.conference.map_items if KEPT_WORRY in i.worried_about)
    voice = next(v for v in plan.conference.voices if v.child_id == tolu.id)
    db.session.add_all(
        [
            KeptFromFamily(
                conference_id=plan.conference_id,
                kind=kind,
                record_id=record,
                field=field,
                reason="Kept for the test",
            )
            for kind, record, field in (
                ("map_item", worry.id, ""),
                ("child_voice", voice.id, "house_of_good_things"),
            )
        ]
    )
    db.session.flush()


@pytest.fixture(scope="module")
def printed(app):
    """Mum's easy-read plan, Tolu's and Kemi's own plans, rendered once for the module, and
    Tolu's printed through the document list (audited)."""
    seed_demo(app)
    with app.app_context():
        plan = demo_plan()
        chair_id = plan.finalised_by_id
        _prepare(plan, chair_id)
        mum = next(a for a in plan.case.adults if a.given_name == "Funmilayo")
        # In English here: her record asks for Yoruba (test_easy_read_languages.py prints that).
        mum.plan_language = "English"
        tolu, kemi = child_named(plan, "Tolu"), child_named(plan, "Kemi")
        made = {
            "easy": render_pdf(easy_read.TEMPLATE, **easy_read.easy_read_context(plan, mum)),
            "easy_context": easy_read.easy_read_context(plan, mum),
            "tolu": render_pdf(child_plan.TEMPLATE, **child_plan.child_plan_context(plan, tolu)),
            "tolu_context": child_plan.child_plan_context(plan, tolu),
            "kemi": render_pdf(child_plan.TEMPLATE, **child_plan.child_plan_context(plan, kemi)),
            "statements": [goal.statement for goal in plan.goals],
        }
        copy = documents.printed(documents.child_plan_copy(tolu), plan)
        documents.record_print(None, plan, copy)
        db.session.flush()
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).one()
        made["printed"] = (copy.filename, copy.data[:5], dict(event.changes), tolu.id)
        db.session.rollback()
    return made


def points_in(context) -> int:
    return sum(len(group) for section in context["sections"] for group in section.groups)


def test_the_easy_read_plan_has_each_part_with_a_picture_beside_every_point(printed):
    text = text_of(printed["easy"])
    for heading in EASY_HEADINGS:
        assert squashed(heading) in text, heading
    assert squashed("This plan is for Funmilayo Adebayo.") in text
    assert squashed("We will check on") in text
    assert squashed("This needs to keep happening for 6 months.") in text
    assert squashed("Who will do this: Funmilayo and Olumide Adebayo") in text
    alternatives = figures(printed["easy"])
    assert len(alternatives) == points_in(printed["easy_context"]) > 10
    assert set(alternatives) <= {picture.alt for picture in PICTURES.values()}
    assert all(alternatives)
    assert drawn_figures(printed["easy"]) == len(alternatives)


def test_nothing_is_printed_smaller_than_16_point(printed):
    for name in ("easy", "tolu"):
        sizes = font_sizes(printed[name])
        assert sizes and min(sizes) >= SMALLEST_PT == 16, name


def test_both_are_tagged_for_screen_readers_in_english(printed):
    for name in ("easy", "tolu"):
        reader = PdfReader(io.BytesIO(printed[name]))
        assert reader.trailer["/Root"]["/Lang"] == "en"
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
        assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_what_is_kept_from_the_family_is_left_out(printed):
    assert squashed(KEPT_WORRY) not in text_of(printed["easy"])
    assert squashed("Mum has missed three antenatal appointments") in text_of(printed["easy"])
    tolu = text_of(printed["tolu"])
    assert squashed("You told us you worry about: Shouting.") in tolu
    assert squashed("My football") not in tolu


def test_the_childs_plan_prints_only_the_words_the_chair_checked(printed):
    tolu = text_of(printed["tolu"])
    for heading in CHILD_HEADINGS:
        assert squashed(heading) in tolu, heading
    assert squashed("This is your plan, Tolu.") in tolu
    assert squashed(TOLU_WORDS) in tolu
    assert squashed(UNCHECKED_WORDS) not in tolu
    for statement in printed["statements"]:
        assert squashed(statement) not in tolu, statement
    assert squashed("Your social worker will tell you about the other things") in tolu
    kemi = text_of(printed["kemi"])  # the first goal, with its checked words, is hers too
    assert squashed(TOLU_WORDS) in kemi
    assert squashed("Your social worker will tell you about the other things") in kemi
    for statement in printed["statements"]:
        assert squashed(statement) not in kemi, statement


def test_the_childs_plan_says_who_to_talk_to_with_childline(printed):
    for name in ("tolu", "kemi"):
        text = text_of(printed[name])
        assert squashed("You can talk to Childline about anything.") in text
        assert squashed("Call 0800 1111.") in text
        assert squashed("Or go to childline.org.uk.") in text
        assert squashed("If you are in danger now, call 999.") in text
        assert squashed("Your social worker is") in text


def test_the_childs_plan_is_printed_and_audited_as_a_document_of_its_own(printed):
    filename, start, changes, tolu_id = printed["printed"]
    assert filename == f"DEMO-0001-child-plan-child-{tolu_id}-v1.pdf"
    assert start == b"%PDF-"
    assert changes == {
        "document": [None, "child-plan"],
        "version": [None, 1],
        "for": [None, f"child:{tolu_id}"],
    }
