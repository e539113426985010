"""The family's words in their language (issue 19): the plan's family-facing text exported as
XLIFF 2.0 for a translator, and the translated file imported back, all or nothing, with who
translated and checked it; the plan page says whether a qualified translator checked it, and the
family plan prints each translation beside the English."""

import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date, time
from io import BytesIO

import pytest
import xmlschema
from demo_untranslated import untranslated
from helpers import Client, count, sign_in
from pages import assert_page, error_messages, error_summary, select, text, text_of
from pypdf import PdfReader
from records import events
from sqlalchemy import select as query
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from conference.domain import plain_goals
from conference.extensions import db
from conference.models import (
    Case,
    Conference,
    KeptFromFamily,
    Plan,
    PlanTranslation,
    Role,
    SafetyGoal,
)
from conference.pdf.family_plan import TEMPLATE, family_plan_context
from conference.pdf.render import render_html
from conference.services import plan_checks, translations, xliff

NS = xliff.NAMESPACE
TOLU_HID = "hid under the table"
IN_YORUBA = "Ní Yorùbá: "
IMPORT_HEADING = "Import a translation of the plan"


def seed_demo(app) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", "demo password for the translation tests")
        untranslated(patch)  # each test exports and imports its own translation of the plan
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def demo_plan_id(app) -> int:
    with app.app_context():
        found = query(Plan.id).join(Case).where(Case.reference == "DEMO-0001")
        return db.session.scalars(found.order_by(Plan.number)).first()


@pytest.fixture
def demo(app, signed_in):
    """The demo family's plan (finalised, Mum's language Yoruba; Tolu's words about hiding under
    the table kept from the family), and a chair signed in: chairs may change any plan."""
    seed_demo(app)
    client = signed_in(Role.CHAIR, email="translations-chair@example.org")
    return client, demo_plan_id(app)


def export(client, plan_id, language="yo") -> bytes:
    response = client.get(f"/plans/{plan_id}/translations/export?language={language}")
    assert response.status_code == 200, text_of(response.get_data(as_text=True))[:300]
    assert response.mimetype == "application/xliff+xml"
    return response.data


def parsed(data: bytes):
    return ET.fromstring(data)  # noqa: S314  (the app's own export, or the test's own file)


def units(data: bytes) -> dict[str, str]:
    """Each unit's id and the English of its segment."""
    root = parsed(data)
    return {
        unit.get("id"): unit.find(f"{{{NS}}}segment/{{{NS}}}source").text
        for unit in root.iter(f"{{{NS}}}unit")
    }


def translate(data: bytes, change=None) -> bytes:
    """The exported file as a translator sends it back: a <target> in every segment. `change`
    (the root) may then spoil it."""
    ET.register_namespace("", NS)
    root = parsed(data)
    for segment in root.iter(f"{{{NS}}}segment"):
        source = segment.find(f"{{{NS}}}source").text
        ET.SubElement(segment, f"{{{NS}}}target").text = IN_YORUBA + source
    if change:
        change(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def typed(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def upload(client, plan_id, data: bytes, **fields):
    """Post the import form with the file, encoded in memory (the test client would spool a big
    file to a temporary file and never close it)."""
    url = f"/plans/{plan_id}/translations/import"
    form = MultiDict(
        {
            "csrf_token": client.csrf_token(url),
            "translation": FileStorage(BytesIO(data), filename="translated.xlf"),
            "language": "yo",
            "translated_by": "Adé Translations Ltd",
            "checked_by": "",
            **fields,
        }
    )
    for name in [name for name, value in fields.items() if value is None]:
        form.pop(name)  # as a browser sends a radio left unchosen: not at all
    for name, day in (("translated_on", date(2026, 12, 1)), ("checked_on", None)):
        value = fields.get(name, day)
        form.setlist(name, typed(value) if isinstance(value, date) else ["", "", ""])
    boundary, body = encode_multipart(form)
    return client.raw.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def stored(app) -> list[PlanTranslation]:
    with app.app_context():
        found = list(db.session.scalars(query(PlanTranslation)))
        db.session.expunge_all()
        return found


# Export


def test_the_export_is_xliff_2_valid_against_the_oasis_schema(app, demo):
    client, plan_id = demo
    data = export(client, plan_id)
    xmlschema.XMLSchema(str(xliff.SCHEMA), allow="local").validate(parsed(data))
    root = parsed(data)
    assert (root.get("srcLang"), root.get("trgLang"), root.get("version")) == ("en", "yo", "2.0")
    assert len(root.findall(f"{{{NS}}}file")) == 1
    found = units(data)
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        goal = sorted(plan.goals, key=lambda g: (g.position, g.id))[0]
        assert found[f"goal-{goal.id}-statement"] == goal.statement.strip()
        assert found[f"goal-{goal.id}-measure"] == goal.measure.strip()
        action = goal.actions[0]
        assert found[f"action-{action.id}-what"] == action.what.strip()
        assert found["contingency"] == plan.contingency_plan.strip()
    assert any(unit.startswith("worry-") for unit in found)
    assert any(unit.startswith("voice-") and unit.endswith("-own_words") for unit in found)


def test_the_export_is_a_download_named_without_a_child_and_audited(app, demo):
    client, plan_id = demo
    response = client.get(f"/plans/{plan_id}/translations/export?language=yo")
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="DEMO-0001-family-plan-v1-yo.xlf"'
    assert response.headers["Cache-Control"] == "no-store"
    (event,) = events(app, "export", record_type="protection_plan", record_id=str(plan_id))
    assert event.changes["document"] == [None, "translation"]
    assert event.changes["language"] == [None, "yo"]
    assert event.changes["segments"] == [None, len(units(response.data))]
    assert event.case_id is not None
    assert TOLU_HID not in str(event.changes)


def test_what_is_kept_from_the_family_is_never_exported(app, demo):
    client, plan_id = demo
    with app.app_context():
        # The review's are Kemi's, from her views before it: not the plan exported.
        of_plan = db.session.get(Plan, plan_id).conference_id
        kept = [
            (row.record_id, row.field)
            for row in db.session.scalars(query(KeptFromFamily))
            if row.kind == "child_voice" and row.conference_id == of_plan
        ]
    assert kept == [(kept[0][0], "own_words")], "the demo keeps Tolu's own words from the family"
    data = export(client, plan_id)
    assert TOLU_HID not in data.decode()
    assert f"voice-{kept[0][0]}-own_words" not in units(data)


def test_the_export_page_asks_for_the_language_and_refuses_one_it_does_not_know(app, demo):
    client, plan_id = demo
    url = f"/plans/{plan_id}/translations/export"
    html = assert_page(client.get(url), "Download the plan’s words for a translator")
    # The family asked for Yoruba: it is offered first.
    assert [tag.get("value") for tag in select(html, 'input[name="language"][checked]')] == ["yo"]
    html = assert_page(
        client.get(url + "?language=xx"), "Download the plan’s words for a translator"
    )
    assert error_summary(html) == ["Select the language the text is to be translated into"]
    assert events(app, "export") == []


def test_a_plan_with_no_words_yet_has_nothing_to_download(app, signed_in, make_case):
    client = signed_in(Role.CHAIR)
    case_id = make_case()
    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 11, 20),
            starts_at=time(10, 0),
        )
        plan = Plan(case_id=case_id, conference=conference, number=1)
        db.session.add(plan)
        db.session.commit()
        plan_id = plan.id
    response = client.get(f"/plans/{plan_id}/translations/export?language=yo")
    html = assert_page(response, "Download the plan’s words for a translator")
    assert "The plan has no words for the family to translate yet." in text_of(html)
    assert events(app, "export") == []


# Import: a good file


def test_a_translated_file_is_imported_with_who_translated_it(app, demo):
    client, plan_id = demo
    data = export(client, plan_id)
    response = upload(client, plan_id, translate(data))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/plans/{plan_id}#translations")
    (row,) = stored(app)
    assert (row.language, row.translated_by, row.translated_on) == (
        "yo",
        "Adé Translations Ltd",
        date(2026, 12, 1),
    )
    assert (row.checked_by, row.checked_on) == ("", None)
    assert set(row.segments) == set(units(data))
    unit_id, source = next(iter(units(data).items()))
    assert row.segments[unit_id] == {"source": source, "target": IN_YORUBA + source}
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        words = translations.translated(plan, "yo")
        assert words[plan.contingency_plan.strip()] == IN_YORUBA + plan.contingency_plan.strip()
        assert translations.translated(plan, "pl") == {}
    (event,) = events(app, "import translation", record_id=str(plan_id))
    assert event.changes["language"] == [None, "yo"]
    assert event.changes["translated_by"] == [None, "Adé Translations Ltd"]
    assert event.changes["segments"] == [None, len(row.segments)]
    # The demo's plan is finalised: the translation is not the plan, and the audit says so.
    assert event.changes["plan_finalised"] == [None, True]


def test_an_import_counts_as_the_plan_in_the_familys_language(app, demo):
    """Issue 21: the plan's identity answer is stored again on import, the translation now one
    of the ways the plan carries the family's identity."""
    client, plan_id = demo
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        plan.identity_considered = None  # as if never checked
        db.session.commit()
    assert upload(client, plan_id, translate(export(client, plan_id))).status_code == 302
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        facts = plan_checks.plan_facts(plan, plan_checks.goal_assessments(plan), ceiling=8)
        assert facts.translated_into == ("yo",)
        assert plan.identity_considered is True


def test_the_plan_page_says_the_translation_is_not_yet_checked(app, demo):
    client, plan_id = demo
    upload(client, plan_id, translate(export(client, plan_id)))
    html = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    (section,) = select(html, "#translations")
    words = " ".join(text(section).split())
    assert "Yoruba" in words
    assert "Translated by Adé Translations Ltd, 1 December 2026" in words
    assert "Not yet checked by a qualified translator" in words


def test_a_new_import_replaces_the_earlier_one_and_records_who_checked_it(app, demo):
    client, plan_id = demo
    data = translate(export(client, plan_id))
    upload(client, plan_id, data)
    response = upload(
        client,
        plan_id,
        data,
        translated_by="Yoruba Words Co",
        checked_by="Bisi Ade (qualified translator)",
        checked_on=date(2026, 12, 3),
    )
    assert response.status_code == 302
    (row,) = stored(app)
    assert (row.translated_by, row.checked_by, row.checked_on) == (
        "Yoruba Words Co",
        "Bisi Ade (qualified translator)",
        date(2026, 12, 3),
    )
    _first, second = events(app, "import translation")
    assert second.changes["translated_by"] == ["Adé Translations Ltd", "Yoruba Words Co"]
    assert second.changes["checked_by"] == ["", "Bisi Ade (qualified translator)"]
    assert second.changes["imported_at"][0] is not None
    html = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    words = " ".join(text(select(html, "#translations")[0]).split())
    assert "Checked by Bisi Ade (qualified translator) on 3 December 2026" in words
    assert "Not yet checked" not in words


def test_english_changed_after_the_import_is_no_longer_translated(app, demo):
    client, plan_id = demo
    upload(client, plan_id, translate(export(client, plan_id)))
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        goal = db.session.scalars(query(SafetyGoal).where(SafetyGoal.plan_id == plan_id)).first()
        old = goal.measure.strip()
        goal.measure = "A new way of knowing, written after the translation"
        db.session.commit()
        words = translations.translated(plan, "yo")
        assert old not in words and goal.measure not in words
        assert words[plan.contingency_plan.strip()].startswith(IN_YORUBA)
    html = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    words = " ".join(text(select(html, "#translations")[0]).split())
    assert "the others are new or changed since, and are printed in English only" in words


def test_the_documents_find_each_translation_as_they_print_the_english(app, demo):
    """A goal's "how long" and the halves of its "If …, then …" are printed inside the plan's own
    sentences (plain_goals): their translations are found in those forms too."""
    client, plan_id = demo
    upload(client, plan_id, translate(export(client, plan_id)))
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        found = translations.words(plan, "yo")
        goal = next(g for g in plan.goals if g.contingency_if and g.sustained_for)
        assert found.of(goal.statement + "\r\n") == IN_YORUBA + goal.statement.strip()
        trigger, then = plain_goals.if_then(goal.contingency_if, goal.contingency_then)
        assert found.of(trigger) == plain_goals.if_then(IN_YORUBA + goal.contingency_if, "")[0]
        assert found.of(then) == plain_goals.if_then("", IN_YORUBA + goal.contingency_then)[1]
        how_long = plain_goals.how_long(goal.sustained_for)[1]
        assert found.of(how_long) == IN_YORUBA + goal.sustained_for.strip()
        assert found.of("Words the plan never had") == ""
        assert translations.words(plan, "pl").of(goal.statement) == ""


# Import: a bad file is refused whole


def _first_unit(root):
    return next(root.iter(f"{{{NS}}}unit"))


def _without_segment(root):
    unit = _first_unit(root)
    unit.remove(unit.find(f"{{{NS}}}segment"))


def _with_unknown_unit(root):
    file = root.find(f"{{{NS}}}file")
    unit = ET.SubElement(file, f"{{{NS}}}unit", {"id": "goal-999999-statement"})
    segment = ET.SubElement(unit, f"{{{NS}}}segment")
    ET.SubElement(segment, f"{{{NS}}}source").text = "Something"
    ET.SubElement(segment, f"{{{NS}}}target").text = "Nkan kan"


def _with_changed_source(root):
    _first_unit(root).find(f"{{{NS}}}segment/{{{NS}}}source").text = "Different English"


def _without_target(root):
    segment = _first_unit(root).find(f"{{{NS}}}segment")
    segment.remove(segment.find(f"{{{NS}}}target"))


def _in_polish(root):
    root.set("trgLang", "pl")


def _from_french(root):
    root.set("srcLang", "fr")


def _duplicated(root):
    file = root.find(f"{{{NS}}}file")
    file.append(parsed(ET.tostring(_first_unit(root))))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="yo">
<file id="f"><unit id="contingency"><segment><source>&lol3;</source><target>&lol3;</target>
</segment></unit></file></xliff>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="yo">
<file id="f"><unit id="contingency"><segment><source>&secret;</source><target>x</target>
</segment></unit></file></xliff>"""

BAD_FILES = {
    "not valid XLIFF 2.0": (
        _without_segment,
        "The selected file is not valid XLIFF 2.0 (in unit ‘{first}’)",
    ),
    "a unit not in the plan": (
        _with_unknown_unit,
        "The selected file has unit ‘goal-999999-statement’, which is not in this plan’s text",
    ),
    "English changed since the export": (
        _with_changed_source,
        "(unit ‘{first}’) has changed since the file was made",
    ),
    "no translation": (_without_target, "(unit ‘{first}’) has no translation"),
    "another language": (
        _in_polish,
        "The selected file is translated into Polish, not Yoruba, the language selected",
    ),
    "not from English": (_from_french, "must be translated from English"),
    "a unit twice": (_duplicated, "The selected file has unit ‘{first}’ more than once"),
}
RAW_BAD_FILES = {
    "not XML": (b"Dear Sam, here is the translation. Thanks, Ade", xliff.NOT_XML),
    "an entity attack": (BILLION_LAUGHS, xliff.DOCTYPE),
    "an external entity": (EXTERNAL_ENTITY, xliff.DOCTYPE),
    "too big": (b" " * (2 * 1024 * 1024 + 1), "The selected file must be smaller than 2MB"),
    "empty": (b"  \n", "The selected file is empty"),
}


def test_each_bad_file_is_refused_with_its_problem_and_nothing_is_stored(app, demo):
    client, plan_id = demo
    exported = export(client, plan_id)
    first = next(iter(units(exported)))
    cases = {
        name: (translate(exported, change), message.format(first=first))
        for name, (change, message) in BAD_FILES.items()
    }
    cases.update(RAW_BAD_FILES)
    for name, (data, message) in cases.items():
        response = upload(client, plan_id, data)
        html = assert_page(response, IMPORT_HEADING)
        summary = error_summary(html)
        assert len(summary) == 1 and message in summary[0], (name, summary)
        assert message in error_messages(html)[0], name
        # What was typed is kept: only the file must be chosen again.
        assert 'value="Adé Translations Ltd"' in html, name
        assert stored(app) == [], name
        assert events(app, "import translation") == [], name


def test_a_file_without_a_part_of_the_plan_is_refused_naming_it(app, demo):
    """Every part of the plan's text must be translated: a unit taken out of the file would be
    printed in English beside translated text."""
    client, plan_id = demo
    exported = export(client, plan_id)
    with app.app_context():
        segments = translations.family_segments(db.session.get(Plan, plan_id))
    measure = next(s for s in segments if s.id.endswith("-measure"))

    def without_measure(root):
        for file in root.iter(f"{{{NS}}}file"):
            for unit in list(file):
                if unit.get("id") == measure.id:
                    file.remove(unit)

    html = assert_page(
        upload(client, plan_id, translate(exported, without_measure)), IMPORT_HEADING
    )
    assert error_summary(html) == [
        f"The selected file has no translation for: {measure.label}. Download the text again "
        "and have every part translated"
    ]
    assert measure.label.startswith("Goal ")
    assert stored(app) == []
    assert events(app, "import translation") == []


def test_the_import_needs_the_language_chosen(app, demo):
    """The page offers the family's language first, but a post without a language chosen is
    not imported as that language."""
    client, plan_id = demo
    url = f"/plans/{plan_id}/translations/import"
    html = assert_page(client.get(url), IMPORT_HEADING)
    assert [tag.get("value") for tag in select(html, 'input[name="language"][checked]')] == ["yo"]
    html = assert_page(
        upload(client, plan_id, translate(export(client, plan_id)), language=None),
        IMPORT_HEADING,
    )
    assert error_summary(html) == ["Select the language the file is translated into"]
    assert 'value="Adé Translations Ltd"' in html
    assert stored(app) == []


def test_the_plan_page_counts_the_parts_as_the_export_page_does(app, demo):
    client, plan_id = demo
    html = client.get(f"/plans/{plan_id}/translations/export").get_data(as_text=True)
    exported = export(client, plan_id)
    parts = len(units(exported))
    assert f"The file has {parts} parts of the plan’s text to translate." in " ".join(
        text(select(html, "main")[0]).split()
    )
    upload(client, plan_id, translate(exported))
    html = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    words = " ".join(text(select(html, "#translations")[0]).split())
    assert f"All {parts} parts of the plan’s text" in words


def test_a_file_with_several_problems_lists_them_all(app, demo):
    client, plan_id = demo
    exported = export(client, plan_id)
    first = next(iter(units(exported)))

    def spoil(root):
        _with_changed_source(root)
        _with_unknown_unit(root)

    html = assert_page(upload(client, plan_id, translate(exported, spoil)), IMPORT_HEADING)
    assert error_summary(html) == [
        "The selected file has 2 problems, listed below: nothing was imported"
    ]
    listed = [text(item) for item in select(html, "#problems li")]
    assert len(listed) == 2
    assert f"(unit ‘{first}’) has changed since the file was made" in listed[0]
    assert "unit ‘goal-999999-statement’" in listed[1]
    assert stored(app) == []


def test_a_unit_kept_from_the_family_is_not_accepted_either(app, demo):
    client, plan_id = demo
    with app.app_context():
        kept = next(
            row for row in db.session.scalars(query(KeptFromFamily)) if row.kind == "child_voice"
        )
        unit_id = f"voice-{kept.record_id}-own_words"

    def add_kept_words(root):
        file = root.find(f"{{{NS}}}file")
        unit = ET.SubElement(file, f"{{{NS}}}unit", {"id": unit_id})
        segment = ET.SubElement(unit, f"{{{NS}}}segment")
        ET.SubElement(segment, f"{{{NS}}}source").text = "Daddy shouted and I hid under the table."
        ET.SubElement(segment, f"{{{NS}}}target").text = "Bàbá pariwo"

    html = assert_page(
        upload(client, plan_id, translate(export(client, plan_id), add_kept_words)),
        IMPORT_HEADING,
    )
    assert f"unit ‘{unit_id}’, which is not in this plan’s text" in error_summary(html)[0]
    assert stored(app) == []


def test_the_form_asks_for_the_file_and_who_translated_it(app, demo):
    client, plan_id = demo
    url = f"/plans/{plan_id}/translations/import"
    html = assert_page(client.get(url), IMPORT_HEADING)
    response = client.post(
        url,
        {
            "language": "yo",
            "translated_by": "",
            "translated_on": ["", "", ""],
            "checked_by": "Bisi Ade",
            "checked_on": ["", "", ""],
        },
    )
    html = assert_page(response, IMPORT_HEADING)
    assert error_summary(html) == [
        "Select the translated file",
        "Enter who translated it",
        "Enter the date it was translated",
        "Enter the date it was checked",
    ]
    assert 'value="Bisi Ade"' in html
    assert count(app, PlanTranslation) == 0


def test_only_those_who_may_change_the_plan_translate_it(app, demo, make_user):
    _, plan_id = demo
    make_user(Role.PRACTITIONER, email="translations-practitioner@example.org")
    client = Client(app.test_client())
    sign_in(client, "translations-practitioner@example.org")
    for url in ("export?language=yo", "import"):
        assert client.get(f"/plans/{plan_id}/translations/{url}").status_code == 404
    assert events(app, "export") == []


# The family's copy


def squashed(words: str) -> str:
    """NFC, without whitespace: line breaks fall anywhere in a printed page."""
    return re.sub(r"\s", "", unicodedata.normalize("NFC", words))


def test_the_family_plan_prints_each_translation_beside_the_english(app, demo):
    client, plan_id = demo
    upload(client, plan_id, translate(export(client, plan_id)))
    response = client.get(f"/plans/{plan_id}/family-plan.pdf")
    assert response.status_code == 200
    printed = squashed(
        "".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)
    )
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        goal = sorted(plan.goals, key=lambda g: (g.position, g.id))[0]
        for english in (plan.contingency_plan, goal.statement, goal.measure):
            assert squashed(english) in printed
            assert squashed(IN_YORUBA + english.strip()) in printed, english
    assert squashed(TOLU_HID) not in printed
    assert squashed("not yet checked") not in printed.lower()


def test_an_urdu_translation_is_printed_right_to_left_in_its_own_language(app, demo):
    client, plan_id = demo
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        for adult in plan.case.adults:
            adult.plan_language = "Urdu"
        db.session.commit()
    upload(client, plan_id, translate(export(client, plan_id, "ur")), language="ur")
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        context = family_plan_context(plan, core_group_interval_weeks=6)
        html = render_html(TEMPLATE, **{k: v for k, v in context.items() if k != "attachments"})
        contingency = plan.contingency_plan.strip()
    translated = [
        element
        for element in select(html, '[lang="ur"][dir="rtl"]')
        if text(element).strip() == IN_YORUBA + contingency
    ]
    assert translated, "the contingency's translation, marked as Urdu, right to left"


def family_html(app, plan_id) -> str:
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        context = family_plan_context(plan, core_group_interval_weeks=6)
        return render_html(TEMPLATE, **{k: v for k, v in context.items() if k != "attachments"})


def goal_with_sentences(app, plan_id):
    """The demo goal with a "how long" and an "If …, then …", as the sentences print them."""
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        goal = next(g for g in plan.goals if g.contingency_if and g.sustained_for)
        trigger, then = plain_goals.if_then(goal.contingency_if, goal.contingency_then)
        return plain_goals.how_long(goal.sustained_for)[1], trigger, then


def yoruba_paragraphs(html) -> list:
    return select(html, '[lang="yo"]')


def test_untranslated_words_in_a_translated_sentence_are_marked_english(app, demo):
    """Before any translation, the Yoruba sentences around what people typed keep the English
    words, each marked as English so a screen reader reads them with an English voice; the
    family is told an interpreter will go through them."""
    _, plan_id = demo
    how_long, trigger, then = goal_with_sentences(app, plan_id)
    html = family_html(app, plan_id)
    marked = [
        text(span)
        for element in yoruba_paragraphs(html)
        for span in select(element, 'span[lang="en"][dir="ltr"]')
    ]
    assert how_long in marked and trigger in marked and then in marked
    # The English line of each pair prints the English words plain, unmarked.
    english = [p for p in select(html, "p.en") if how_long in text(p)]
    assert english and not select(english[0], "span")
    words = " ".join(text_of(html).split())
    assert "An interpreter will go through them with you." in words
    assert "were translated by" not in words


def test_translated_words_are_used_in_a_translated_sentence(app, demo):
    """With the plan's words translated, the Yoruba sentences use the Yoruba words (no English
    inside them), and the interpreter note gives way to who translated the words."""
    client, plan_id = demo
    upload(client, plan_id, translate(export(client, plan_id)))
    how_long, trigger, then = goal_with_sentences(app, plan_id)
    html = family_html(app, plan_id)
    yoruba = " ".join(" ".join(text(p).split()) for p in yoruba_paragraphs(html))
    assert f"{IN_YORUBA}{how_long}" in yoruba
    assert plain_goals.if_then(IN_YORUBA + trigger, "")[0] in yoruba
    assert plain_goals.if_then("", IN_YORUBA + then)[1] in yoruba
    assert not [span for p in yoruba_paragraphs(html) for span in select(p, 'span[lang="en"]')]
    words = " ".join(text_of(html).split())
    assert "An interpreter will go through" not in words
    assert "The parts in your own words and our notes were translated by Adé Translations Ltd." in (
        words
    )
    assert "Adé Translations Ltd túmọ̀ sí èdè Yorùbá" in unicodedata.normalize("NFC", words)
    assert "checked" not in words.lower()
