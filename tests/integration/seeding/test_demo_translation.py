"""The demo shows an imported translation working (issue 19): seed-demo imports a Yoruba
translation of the agreed plan through the export and import services, credited to a fictional
translator and checker; Mum's own copy prints the Yoruba beside the English; the case page no
longer asks for an interpreter to go through the plan's own words with her or Grandma. A demo
text with no Yoruba stops the seeding rather than importing half a file."""

from datetime import date

import pytest
from helpers import Client, sign_in
from pages import section, text_of, texts
from sqlalchemy import select

from conference.extensions import db
from conference.models import Adult, AuditEvent, Case, CoreGroupMeeting, Plan, PlanTranslation
from conference.pdf import own_copies
from conference.pdf.family_plan import TEMPLATE, family_plan_context
from conference.pdf.render import render_html
from conference.seeding import demo, demo_translation
from conference.services import translations

PASSWORD = "a demo password for the translation"
TODAY = date(2026, 11, 23)
GOAL_2 = (
    "If Dad has been drinking, he does not look after the children: Grandma Abosede takes them "
    "to her flat, every time."
)
GOAL_2_YORUBA = (
    "Tí Bàbá bá ti mu ọtí, kò ní bójú tó àwọn ọmọ: Ìyá àgbà Abosede yóò kó wọn lọ sí ilé rẹ̀, "
    "ní gbogbo ìgbà."
)


def _plans() -> dict[int, Plan]:
    case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
    return {plan.number: plan for plan in db.session.scalars(select(Plan).where(Plan.case == case))}


def _mum() -> Adult:
    return db.session.scalars(select(Adult).where(Adult.given_name == "Funmilayo")).one()


def test_the_agreed_plan_has_a_checked_yoruba_translation_of_every_part(app):
    with app.app_context():
        demo.seed(PASSWORD, today=TODAY)
        plans = _plans()
        agreed, draft = plans[1], plans[2]
        [summary] = translations.summaries(agreed)
        row = summary.translation
        held = select(CoreGroupMeeting.held_on).order_by(CoreGroupMeeting.held_on.desc())
        last_core_group = db.session.scalars(held).first()
        stored = dict(row.segments)
        segments = translations.family_segments(agreed)
        audited = [event.action for event in db.session.scalars(select(AuditEvent))]
        draft_rows = translations.summaries(draft)
        credits = (row.language, row.translated_by, row.checked_by)
        translated_on, checked_on = row.translated_on, row.checked_on
        assert agreed.finalised and not draft.finalised
    assert credits == ("yo", "Yetunde Demo-Translator", "Folake Demo-Checker")
    assert summary.checked and summary.translated == summary.of == len(segments) > 80
    assert last_core_group and translated_on and checked_on
    assert last_core_group < translated_on < checked_on <= TODAY
    assert set(stored) == {segment.id for segment in segments}
    for segment in segments:
        assert stored[segment.id] == {
            "source": segment.source,
            "target": demo_translation.YORUBA[segment.source],
        }
    # Through the services: exported for the translator, then imported, each audited.
    assert audited.count("export") == 1 and audited.count("import translation") == 1
    # The review's draft is not translated: its words may change before it is agreed.
    assert draft_rows == []


def test_mums_own_copy_prints_the_yoruba_of_her_goals_beside_the_english(app):
    with app.app_context():
        demo.seed(PASSWORD, today=TODAY)
        context = family_plan_context(
            _plans()[1], person=_mum(), today=TODAY, core_group_interval_weeks=6
        )
        html = render_html(TEMPLATE, **context)
    assert context["lang"] == "yo"
    page = text_of(html)
    assert f"Àfojúsùn 2 Goal 2 {GOAL_2_YORUBA} {GOAL_2}" in page
    # A goal's "how long" inside the plan's own sentence, in both languages.
    assert "Èyí gbọ́dọ̀ máa bá a lọ fún oṣù mẹ́fà." in page
    assert "This needs to keep happening for 6 months." in page
    assert "Yetunde Demo-Translator túmọ̀ sí èdè Yorùbá" in page
    # The family's copy never says the translation's checking status.
    assert "Demo-Checker" not in page and "not yet been checked" not in page


def test_the_case_page_asks_no_interpreter_for_the_plans_own_words(app):
    with app.app_context():
        demo.seed(PASSWORD, today=TODAY)
        agreed = _plans()[1]
        case_id = agreed.case_id
        mum = own_copies.copy_for(agreed, own_copies.ADULT, _mum())
        assert own_copies.fully_translated(agreed, "yo")
        assert (mum.language, mum.translated, mum.interpreter_needed) == ("yo", True, False)
    client = Client(app.test_client())
    assert sign_in(client, "socialworker@demo.example", PASSWORD).status_code == 302
    html = client.get(f"/cases/{case_id}").get_data(as_text=True)
    cards = texts(section(html, "own-copies"), "#own-copies-cards .govuk-summary-card")
    mum_card, grandma_card = (
        next(card for card in cards if card.startswith(name))
        for name in ("Funmilayo Adebayo", "Abosede Adeyemi")
    )
    for card in (mum_card, grandma_card):
        assert "Language Yoruba and English" in card
        assert "an interpreter must go through them" not in card
        assert "confirm the interpreter" not in card
    assert "Family plan (PDF) for Funmilayo Adebayo" in mum_card
    assert "Family plan (PDF) for Abosede Adeyemi" in grandma_card


def test_a_demo_text_with_no_yoruba_stops_the_seeding(app, monkeypatch):
    monkeypatch.delitem(demo_translation.YORUBA, "Shouting.")
    with app.app_context():
        with pytest.raises(demo_translation.MissingYoruba, match=r"'Shouting\.'"):
            demo.seed(PASSWORD, today=TODAY)
        db.session.rollback()
        assert db.session.scalars(select(PlanTranslation)).all() == []
