"""Each person's own copy of the family plan, on the demo family (DEMO-0001): Mum (Funmilayo)
reads Yoruba and asked for audio, Dad (Olumide) reads English, Grandma lives elsewhere and has no
parental responsibility, Kemi (13) and Tolu (6) are on the plan. The demo's chair agreed Kemi's
and Tolu's own plans; the `demo` fixture starts before that, with no young person's copy."""

import io
import re
import unicodedata

import pytest
from demo_untranslated import untranslated
from helpers import sign_in
from pages import assert_page, error_messages, section, select, text, texts
from pypdf import PdfReader
from sqlalchemy import delete
from sqlalchemy import select as query

from conference.extensions import db
from conference.models import (
    Adult,
    AudioCopy,
    AuditEvent,
    Case,
    Child,
    Plan,
    PlanTranslation,
    Role,
    StoredFile,
    User,
)
from conference.pdf import documents, own_copies
from conference.services.translations import family_segments

DEMO_PASSWORD = "demo password for the own copies"
YORUBA_HEADINGS = ("Ìdí tí a fi ń ṣàníyàn", "Ohun tí ó ń lọ dáadáa", "Ìtumọ̀ àwọn ọ̀rọ̀ kan")
INTERPRETER = "The plan’s own words are in English: an interpreter must go through them with"


def squashed(value: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFC", value))


def pdf_text(pdf: bytes) -> str:
    return squashed("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def seed(app) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
        # The plan's own words in English: Mum's and Grandma's copies need the interpreter step.
        untranslated(patch)
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def versions() -> list[Plan]:
    case = db.session.scalar(query(Case).where(Case.reference == "DEMO-0001"))
    return list(
        db.session.scalars(query(Plan).where(Plan.case_id == case.id).order_by(Plan.number))
    )


def plan_in_force() -> Plan:
    """The demo's agreed plan, version 1 (version 2 is the review's draft)."""
    [agreed] = [plan for plan in versions() if plan.finalised]
    return agreed


def person(model, given_name: str):
    return db.session.scalar(query(model).where(model.given_name == given_name))


@pytest.fixture
def demo(app):
    seed(app)
    with app.app_context():
        plan = plan_in_force()
        # The demo's chair agreed Kemi's and Tolu's own plans; these tests start before that.
        for child in plan.case.children:
            child.own_copy = False
        db.session.commit()
        [draft] = [version for version in versions() if not version.finalised]
        return {
            "plan": plan.id,
            "case": plan.case_id,
            "number": plan.number,
            "draft": draft.id,
            "draft_number": draft.number,
            "mum": person(Adult, "Funmilayo").id,
            "dad": person(Adult, "Olumide").id,
            "grandma": person(Adult, "Abosede").id,
            "kemi": person(Child, "Kemi").id,
        }


def test_the_demo_chair_agreed_kemis_and_tolus_own_plans_and_not_the_babys(app):
    seed(app)
    with app.app_context():
        case = plan_in_force().case
        assert {child.given_name: child.own_copy for child in case.children} == {
            "Kemi": True,
            "Tolu": True,
            "Baby": False,
        }


def signed_in_as(client, email: str):
    assert sign_in(client, email, DEMO_PASSWORD).status_code == 302
    return client


def audit_rows(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        rows = query(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(db.session.scalars(rows))


def user_id(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(query(User.id).where(User.email == email))


# Two parents, two languages, two copies.


@pytest.fixture(scope="module")
def printed(app):
    """Mum's and Dad's copies, printed once for the module."""
    seed(app)
    with app.app_context():
        plan = plan_in_force()
        copies = {copy.name: copy for copy in own_copies.copies_of(plan)}
        made = {
            name: documents.printed(copies[name].document(), plan)
            for name in ("Funmilayo Adebayo", "Olumide Adebayo")
        }
        made["ids"] = {name: copy.person.id for name, copy in copies.items()}
        made["number"] = plan.number
        db.session.rollback()
    return made


def test_mum_reads_yoruba_and_english_and_dad_english_only(printed):
    mum = pdf_text(printed["Funmilayo Adebayo"].data)
    dad = pdf_text(printed["Olumide Adebayo"].data)
    for heading in YORUBA_HEADINGS:
        assert squashed(heading) in mum, heading
        assert squashed(heading) not in dad, heading
    for copy in (mum, dad):
        assert squashed("Why we are worried") in copy
        assert squashed("not yet been checked by a qualified translator") not in copy
    assert squashed("An interpreter will go through them with you") in mum
    assert squashed("An interpreter will go through them with you") not in dad
    for name, lang in (("Funmilayo Adebayo", "yo"), ("Olumide Adebayo", "en")):
        catalog = PdfReader(io.BytesIO(printed[name].data)).trailer["/Root"]
        assert catalog["/Lang"] == lang


def test_each_copy_is_named_by_kind_and_id_never_by_name(printed):
    mum, dad = printed["ids"]["Funmilayo Adebayo"], printed["ids"]["Olumide Adebayo"]
    name = f"DEMO-0001-family-plan-adult-{mum}-v{printed['number']}.pdf"
    assert printed["Funmilayo Adebayo"].filename == name
    assert printed["Olumide Adebayo"].about == {"for": f"adult:{dad}"}


def test_the_case_copy_is_unchanged_without_a_person(app, demo):
    with app.app_context():
        plan = plan_in_force()
        context_for = documents.family_plan.family_plan_context
        case_copy = context_for(plan, core_group_interval_weeks=6)
        dad = context_for(plan, person=person(Adult, "Olumide"), core_group_interval_weeks=6)
        grandma = context_for(plan, person=person(Adult, "Abosede"), core_group_interval_weeks=6)
    assert (case_copy["lang"], case_copy["large_print"]) == ("yo", False)
    assert (dad["lang"], dad["translated"], dad["large_print"]) == ("en", False, False)
    assert (grandma["lang"], grandma["large_print"]) == ("yo", True)


# Who is owed a copy.


def test_parents_and_carers_are_owed_a_copy_and_a_young_person_only_when_agreed(app, demo):
    def seen(copy):
        return (copy.name, copy.kind, copy.relationship, copy.language, copy.format_label)

    with app.app_context():
        plan = plan_in_force()
        before = [seen(copy) for copy in own_copies.copies_of(plan)]
        person(Child, "Kemi").own_copy = True
        copies = own_copies.copies_of(plan)
        after = [(*seen(copy), copy.interpreter_needed, copy.owed) for copy in copies]
        db.session.rollback()
    # Parents first, then Grandma: not a parent or carer, but the children stay with her.
    assert before == [
        ("Funmilayo Adebayo", "adult", "Mother", "yo", "Standard print, Audio"),
        ("Olumide Adebayo", "adult", "Father", "en", "Standard print"),
        ("Abosede Adeyemi", "adult", "Grandparent", "yo", "Large print"),
    ]
    assert after == [
        (*before[0], True, ["Audio: owed, no recording attached yet"]),
        (*before[1], False, []),
        (*before[2], True, []),
        (
            "Kemi Adebayo",
            "child",
            "Young person",
            "en",
            "Easy read (the child’s own plan)",
            False,
            [],
        ),
    ]


def test_the_format_and_the_documents_follow_the_record(app, demo):
    def seen(kind, record):
        copy = own_copies.copy_for(plan, kind, record)
        return (copy.format_label, copy.offered, copy.large_print)

    with app.app_context():
        plan = plan_in_force()
        dad = person(Adult, "Olumide")
        dad.plan_formats = ["easy_read"]
        kemi = person(Child, "Kemi")
        kemi.own_copy = True
        adult, child = seen("adult", dad), seen("child", kemi)
        kemi.plan_formats = ["large_print", "audio"]
        several = seen("child", kemi)
        db.session.rollback()
    assert adult == ("Easy read", ["easy-read", "family"], False)
    assert child == ("Easy read (the child’s own plan)", ["child-plan", "family"], False)
    assert several == ("Large print, Audio", ["family", "child-plan"], True)


def test_only_a_translation_of_all_the_plans_words_means_no_interpreter(app, demo):
    with app.app_context():
        plan = plan_in_force()
        segments = {s.id: {"source": s.source, "target": "…"} for s in family_segments(plan)}
        first = next(iter(segments))
        partly = {key: value for key, value in segments.items() if key != first}
        translation = PlanTranslation(plan_id=plan.id, language="yo", segments=partly)
        db.session.add(translation)
        db.session.flush()
        mum = person(Adult, "Funmilayo")
        seen = [own_copies.copy_for(plan, "adult", mum).interpreter_needed]
        translation.segments = segments
        db.session.flush()
        copy = own_copies.copy_for(plan, "adult", mum)
        seen.append(copy.interpreter_needed)
        db.session.rollback()
    assert seen == [True, False]
    assert copy.translated


def test_a_language_we_cannot_print_is_english_with_an_interpreter(app, demo):
    with app.app_context():
        plan = plan_in_force()
        dad = person(Adult, "Olumide")
        dad.plan_language = "Tigrinya"
        copy = own_copies.copy_for(plan, "adult", dad)
        seen = (copy.language, copy.not_printable, copy.interpreter_needed)
        warning = copy.interpreter_warning
        db.session.rollback()
    assert seen == ("en", True, True)
    assert warning == (
        "We cannot print the plan in Tigrinya, so this copy is in English: an interpreter must "
        "go through all of it with Olumide Adebayo"
    )


# The case page.


def cards(html: str) -> list[str]:
    return texts(section(html, "own-copies"), "#own-copies-cards .govuk-summary-card")


def test_the_case_page_lists_each_persons_copy_of_the_plan_in_force(app, client, demo):
    signed_in_as(client, "socialworker@demo.example")
    html = assert_page(client.get(f"/cases/{demo['case']}"), "Case DEMO-0001")
    part = section(html, "own-copies")
    assert text(select(part, "#own-copies-plan")[0]).startswith(
        f"Of the agreed plan, version {demo['number']}:"
    )
    assert text(select(part, "#own-copies-draft")[0]) == (
        f"Plan version {demo['draft_number']} is a draft, not agreed yet: each person’s copy of "
        "the draft (draft: not agreed yet)"
    )
    assert f'href="/plans/{demo["draft"]}#own-copies"' in part
    mum, dad, grandma = cards(html)
    assert mum.startswith(
        "Funmilayo Adebayo Details of the copy (Funmilayo Adebayo) Relationship Mother"
    )
    assert "Language Yoruba and English" in mum
    assert "Headings not yet checked by a qualified translator" in mum
    assert "an interpreter must go through them" in mum
    assert "Format Standard print, Audio Audio: owed, no recording attached yet" in mum
    assert "Attach a recording for Funmilayo Adebayo" in mum
    assert "Family plan: confirm the interpreter for Funmilayo Adebayo" in mum
    assert dad.endswith(
        "Relationship Father Language English Format Standard print "
        "Copy Family plan (PDF) for Olumide Adebayo"
    )
    assert "Relationship Grandparent Language Yoruba and English" in grandma
    assert "Format Large print Copy Family plan: confirm the interpreter" in grandma
    pdf = f"/plans/{demo['plan']}/copies/adults/{demo['dad']}/family-plan.pdf"
    assert f'href="{pdf}"' in part
    assert f"/plans/{demo['draft']}/copies" not in part
    # Kemi has no copy; the social worker cannot agree one, so no link.
    assert texts(part, "#young-people-copies li") == [
        "Kemi Adebayo: no own copy (the chair has not agreed one)",
        "Tolu Adebayo: no own copy (the chair has not agreed one)",
        "Baby Adebayo: not born yet, so no own copy",
    ]
    assert f"/copies/children/{demo['kemi']}/agree" not in part


def test_the_plan_page_offers_each_persons_copy_of_that_version(app, client, demo):
    signed_in_as(client, "socialworker@demo.example")
    draft = assert_page(
        client.get(f"/plans/{demo['draft']}"), f"Plan version {demo['draft_number']}"
    )
    assert "Download family plan (PDF)" not in draft
    assert "Download professional plan (PDF)" in draft
    part = section(draft, "own-copies")
    assert text(select(part, "#own-copies-plan")[0]).endswith(
        f"Plan version {demo['draft_number']} is a draft: not agreed yet. Its copies say so on "
        "every page."
    )
    assert len(cards(draft)) == 3
    assert f"/plans/{demo['draft']}/copies/adults/{demo['dad']}/family-plan.pdf" in part
    agreed = client.get(f"/plans/{demo['plan']}").get_data(as_text=True)
    assert f"/plans/{demo['plan']}/copies/adults/{demo['dad']}/family-plan.pdf" in agreed


def test_the_case_page_links_mums_recording_once_attached(app, client, demo):
    with app.app_context():
        recording = StoredFile.holding(b"ID3" + b"\0" * 16, "audio/mpeg")
        audio = AudioCopy(plan_id=demo["plan"], adult_id=demo["mum"], file=recording)
        db.session.add(audio)
        db.session.commit()
        audio_id = audio.id
    signed_in_as(client, "socialworker@demo.example")
    html = client.get(f"/cases/{demo['case']}").get_data(as_text=True)
    mum = cards(html)[0]
    assert "Standard print, Audio Audio: recording attached Audio recording" in mum
    assert "Attach a recording" not in mum
    assert f'href="/plans/{demo["plan"]}/audio/{audio_id}"' in html
    copy = client.get(f"/plans/{demo['plan']}/copies/adults/{demo['mum']}")
    assert "Audio: recording attached" in copy.get_data(as_text=True)


def test_the_audio_page_chooses_the_person_and_their_language(app, client, demo):
    signed_in_as(client, "socialworker@demo.example")
    html = client.get(f"/plans/{demo['plan']}/audio?for=adult-{demo['mum']}").get_data(as_text=True)
    assert select(html, f'input[name="person"][value="adult-{demo["mum"]}"][checked]')
    assert text(select(html, 'select[name="language"] option[selected]')[0]) == "Yoruba"


# Downloads and the confirmation.


def test_dads_copy_downloads_and_the_audit_says_whose(app, client, demo):
    signed_in_as(client, "socialworker@demo.example")
    response = client.get(f"/plans/{demo['plan']}/copies/adults/{demo['dad']}/family-plan.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="DEMO-0001-family-plan-adult-{demo["dad"]}-v{demo["number"]}.pdf"'
    )
    [row] = audit_rows(app, "print")
    assert row.user_id == user_id(app, "socialworker@demo.example")
    assert (row.record_type, row.record_id) == ("protection_plan", str(demo["plan"]))
    assert row.changes == {
        "document": [None, "family"],
        "version": [None, demo["number"]],
        "for": [None, f"adult:{demo['dad']}"],
    }
    assert "Olumide" not in str(row.changes)


def test_mums_copy_needs_the_interpreter_confirmed_which_is_recorded(app, client, demo):
    signed_in_as(client, "socialworker@demo.example")
    page = f"/plans/{demo['plan']}/copies/adults/{demo['mum']}"
    skipped = client.get(f"{page}/family-plan.pdf")
    assert skipped.status_code == 302 and skipped.headers["Location"].endswith(page)
    html = assert_page(client.get(page), "Funmilayo Adebayo’s copy of the plan")
    assert f"{INTERPRETER} Funmilayo Adebayo." in text(select(html, "#interpreter-warning")[0])
    assert "Not yet checked by a qualified translator" in html
    assert "Audio: owed, no recording attached yet" in html
    refused = client.post(page, data={})
    assert refused.status_code == 200
    assert error_messages(refused.get_data(as_text=True)) == [
        "Confirm that an interpreter will go through the plan with Funmilayo Adebayo"
    ]
    assert audit_rows(app, "print") == [] and audit_rows(app, "interpreter-confirmed") == []
    response = client.post(page, data={"confirmed": "y"})
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    [confirmed] = audit_rows(app, "interpreter-confirmed")
    assert confirmed.user_id == user_id(app, "socialworker@demo.example")
    assert confirmed.changes == {
        "for": [None, f"adult:{demo['mum']}"],
        "language": [None, "yo"],
        "document": [None, "family"],
    }
    [printed] = audit_rows(app, "print")
    assert printed.changes["for"] == [None, f"adult:{demo['mum']}"]


# The demo's chair checked the words for children of 2 of Kemi's 4 goals: her plan leaves 2 out.
KEMIS_GOALS = (
    "2 of 4 goals are in Kemi’s plan: the chair has not checked the words for children of the "
    "other 2. It says their social worker will tell them about the rest."
)


def test_a_young_persons_copy_only_once_the_chair_agrees(app, client, demo):
    copy = f"/plans/{demo['plan']}/copies/children/{demo['kemi']}"
    agree = f"{copy}/agree"
    signed_in_as(client, "socialworker@demo.example")
    assert client.get(copy).status_code == 404
    assert client.get(agree).status_code == 403
    client.post("/sign-out")
    signed_in_as(client, "chair@demo.example")
    html = assert_page(client.get(agree), "Kemi Adebayo’s own copy of the plan")
    assert "Should Kemi Adebayo have their own copy of the plan?" in html
    refused = client.post(agree, data={})
    assert error_messages(refused.get_data(as_text=True)) == [
        "Select yes if they should have their own copy"
    ]
    saved = client.post(agree, data={"own_copy": "yes"})
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.get(Child, demo["kemi"]).own_copy is True
    [row] = [r for r in audit_rows(app, "update") if r.record_type == "child"]
    assert row.user_id == user_id(app, "chair@demo.example")
    assert row.changes == {"own_copy": [False, True]}
    case_page = client.get(f"/cases/{demo['case']}").get_data(as_text=True)
    # Kemi's record asks for easy read: for a young person, their own child's plan, first.
    assert cards(case_page)[3] == (
        "Kemi Adebayo Details of the copy (Kemi Adebayo) Relationship Young person "
        "Language English Format Easy read (the child’s own plan) "
        "Copy Child’s own plan (PDF) for Kemi Adebayo Family plan (PDF) for Kemi Adebayo "
        f"! Warning {KEMIS_GOALS}"
    )
    # Her copy's page says it too, before anything is printed.
    page = client.get(copy).get_data(as_text=True)
    assert text(select(page, "#child-plan-goals")[0]) == f"! Warning {KEMIS_GOALS}"
    assert client.get(f"{copy}/family-plan.pdf").status_code == 200
    child_plan = client.get(f"{copy}/child-plan.pdf")
    assert child_plan.status_code == 200
    assert child_plan.headers["Content-Disposition"] == (
        f'attachment; filename="DEMO-0001-child-plan-child-{demo["kemi"]}-v{demo["number"]}.pdf"'
    )
    assert [(r.changes["document"][1], r.changes["for"][1]) for r in audit_rows(app, "print")] == [
        ("family", f"child:{demo['kemi']}"),
        ("child-plan", f"child:{demo['kemi']}"),
    ]


def test_an_easy_read_copy_for_an_adult_who_asked_and_an_interpreter_for_grandma(app, client, demo):
    with app.app_context():
        for adult in db.session.scalars(query(Adult)):
            adult.plan_formats = ["easy_read"]
        # The plan's own words have no Yoruba translation (the demo imports one).
        db.session.execute(delete(PlanTranslation).where(PlanTranslation.plan_id == demo["plan"]))
        db.session.commit()
    signed_in_as(client, "socialworker@demo.example")
    base = f"/plans/{demo['plan']}/copies/adults"
    dad = client.get(f"{base}/{demo['dad']}/easy-read.pdf")
    assert dad.status_code == 200 and dad.data.startswith(b"%PDF")
    [row] = audit_rows(app, "print")
    assert row.changes["document"] == [None, "easy-read"]
    assert row.changes["for"] == [None, f"adult:{demo['dad']}"]
    # Grandma reads Yoruba: her easy-read plan is in Yoruba, but the plan's own words in it are
    # in English.
    grandma = f"{base}/{demo['grandma']}"
    skipped = client.get(f"{grandma}/easy-read.pdf")
    assert skipped.status_code == 302
    assert skipped.headers["Location"].endswith(f"{grandma}?document=easy-read")
    html = client.get(f"{grandma}?document=easy-read").get_data(as_text=True)
    assert text(select(html, "#interpreter-warning")[0]).endswith(
        "The plan’s own words in the easy-read plan are in English: an interpreter must go "
        "through them with Abosede Adeyemi."
    )
    confirmed = client.post(f"{grandma}?document=easy-read", data={"confirmed": "y"})
    assert confirmed.status_code == 200 and confirmed.data.startswith(b"%PDF")
    [row] = audit_rows(app, "interpreter-confirmed")
    assert row.changes["document"] == [None, "easy-read"]
    assert client.get(f"{grandma}?document=child-plan").status_code == 404


def test_another_chair_may_not_agree_a_young_persons_copy(app, client, demo, make_user):
    make_user(Role.CHAIR, email="another.chair@example.org")
    assert sign_in(client, "another.chair@example.org").status_code == 302
    agree = f"/plans/{demo['plan']}/copies/children/{demo['kemi']}/agree"
    assert client.get(agree).status_code == 403
    assert client.post(agree, data={"own_copy": "yes"}).status_code == 403
    with app.app_context():
        assert db.session.get(Child, demo["kemi"]).own_copy is False


def test_a_manager_may_agree_a_young_persons_copy(app, client, demo):
    signed_in_as(client, "manager@demo.example")
    agree = f"/plans/{demo['plan']}/copies/children/{demo['kemi']}/agree"
    assert client.post(agree, data={"own_copy": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.get(Child, demo["kemi"]).own_copy is True


def test_a_practitioner_without_access_cannot_see_or_download_a_copy(app, client, demo, make_user):
    make_user(Role.PRACTITIONER, email="outsider@example.org")
    assert sign_in(client, "outsider@example.org").status_code == 302
    base = f"/plans/{demo['plan']}/copies"
    for url in (
        f"{base}/adults/{demo['dad']}",
        f"{base}/adults/{demo['dad']}/family-plan.pdf",
        f"{base}/children/{demo['kemi']}/agree",
        f"/plans/999999/copies/adults/{demo['dad']}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}/adults/{demo['mum']}", data={"confirmed": "y"}).status_code == 404
    assert audit_rows(app, "print") == []
    assert audit_rows(app, "interpreter-confirmed") == []


# print-plan --for.


def print_for(app, tmp_path, *args):
    out = tmp_path / "copy.pdf"
    result = app.test_cli_runner().invoke(
        args=["print-plan", "DEMO-0001", "--version", "family", "--out", str(out), *args]
    )
    return result, out


def test_print_plan_for_a_name_or_an_id(app, demo, tmp_path):
    by_name, out = print_for(app, tmp_path, "--for", "  olumide   ADEBAYO ")
    assert by_name.exit_code == 0, by_name.output
    assert f"DEMO-0001-family-plan-adult-{demo['dad']}-v{demo['number']}.pdf" in by_name.output
    assert squashed(YORUBA_HEADINGS[0]) not in pdf_text(out.read_bytes())
    # Grandma lives elsewhere, but the children stay with her: her copy is in large print.
    grandma = ("--for", f"adult:{demo['grandma']}", "--interpreter-confirmed")
    by_id, _ = print_for(app, tmp_path, *grandma)
    assert by_id.exit_code == 0, by_id.output
    assert f"family-plan-large-print-adult-{demo['grandma']}" in by_id.output
    rows = [
        (r.user_id, r.ip_address, r.changes["document"][1], r.changes["for"][1])
        for r in audit_rows(app, "print")
    ]
    assert rows == [
        (None, "command line", "family", f"adult:{demo['dad']}"),
        (None, "command line", "family-large-print", f"adult:{demo['grandma']}"),
    ]


def test_print_plan_for_mum_needs_the_interpreter_confirmed(app, demo, tmp_path):
    refused, out = print_for(app, tmp_path, "--for", "Funmilayo Adebayo")
    assert refused.exit_code != 0
    assert f"{INTERPRETER} Funmilayo Adebayo" in refused.output
    assert "--interpreter-confirmed" in refused.output
    assert not out.exists() and audit_rows(app, "print") == []
    confirmed, out = print_for(
        app, tmp_path, "--for", "Funmilayo Adebayo", "--interpreter-confirmed"
    )
    assert confirmed.exit_code == 0, confirmed.output
    assert squashed(YORUBA_HEADINGS[0]) in pdf_text(out.read_bytes())
    [row] = audit_rows(app, "interpreter-confirmed")
    assert row.user_id is None
    assert row.changes == {
        "for": [None, f"adult:{demo['mum']}"],
        "language": [None, "yo"],
        "document": [None, "family"],
    }
    assert len(audit_rows(app, "print")) == 1


def test_print_plan_for_a_persons_large_print_easy_read_and_childs_plan(app, demo, tmp_path):
    large, _ = print_for(app, tmp_path, "--for", "Olumide Adebayo", "--large-print")
    assert f"family-plan-large-print-adult-{demo['dad']}" in large.output
    easy, out = print_for(app, tmp_path, "--version", "easy-read", "--for", "Olumide Adebayo")
    assert easy.exit_code == 0, easy.output
    assert f"DEMO-0001-easy-read-plan-adult-{demo['dad']}-v{demo['number']}.pdf" in easy.output
    assert out.read_bytes().startswith(b"%PDF")
    with app.app_context():
        db.session.get(Child, demo["kemi"]).own_copy = True
        db.session.commit()
    child, _ = print_for(app, tmp_path, "--version", "child-plan", "--for", "Kemi Adebayo")
    assert child.exit_code == 0, child.output
    assert f"child-plan-child-{demo['kemi']}" in child.output
    printed = [(r.changes["document"][1], r.changes["for"][1]) for r in audit_rows(app, "print")]
    assert printed == [
        ("family-large-print", f"adult:{demo['dad']}"),
        ("easy-read", f"adult:{demo['dad']}"),
        ("child-plan", f"child:{demo['kemi']}"),
    ]
    refused = [
        print_for(app, tmp_path, "--version", "child-plan", "--for", "Olumide Adebayo")[0],
        print_for(app, tmp_path, "--version", "easy-read", "--for", "Kemi Adebayo")[0],
        print_for(app, tmp_path, "--version", "easy-read")[0],
    ]
    assert [result.exit_code != 0 for result in refused] == [True, True, True]
    assert "--version child-plan is for a young person" in refused[0].output
    assert "say whose with --for" in refused[2].output
    assert len(audit_rows(app, "print")) == 3


def test_print_plan_for_someone_unknown_ambiguous_or_without_a_copy(app, demo, tmp_path):
    unknown, out = print_for(app, tmp_path, "--for", "Jane Doe")
    assert unknown.exit_code != 0
    assert 'Nobody on case DEMO-0001 is called "Jane Doe"' in unknown.output
    assert f"Funmilayo Adebayo (adult:{demo['mum']})" in unknown.output
    no_id, _ = print_for(app, tmp_path, "--for", "adult:999999")
    assert "There is no adult:999999 on case DEMO-0001" in no_id.output
    kemi, _ = print_for(app, tmp_path, "--for", "Kemi Adebayo")
    assert "Kemi Adebayo has no own copy: the conference chair has not agreed one" in kemi.output
    wrong, _ = print_for(app, tmp_path, "--version", "professional", "--for", "Kemi Adebayo")
    assert wrong.exit_code != 0
    with app.app_context():
        case = db.session.scalar(query(Case).where(Case.reference == "DEMO-0001"))
        case.adults.append(Adult(given_name="Olumide", family_name="Adebayo"))
        db.session.commit()
        twin = case.adults[-1].id
    ambiguous, _ = print_for(app, tmp_path, "--for", "Olumide Adebayo")
    assert ambiguous.exit_code != 0
    assert 'More than one person on case DEMO-0001 is called "Olumide Adebayo"' in (
        ambiguous.output
    )
    assert f"adult:{demo['dad']}, adult:{twin}" in ambiguous.output
    assert not out.exists()
    assert audit_rows(app, "print") == []


def test_print_plan_for_a_bare_id_when_only_one_person_has_it(app, demo, tmp_path):
    with app.app_context():
        case = plan_in_force().case
        children = {child.id for child in case.children}
        adults = {adult.id for adult in case.adults}
        # Ids are counted per table: on PostgreSQL, after other tests, a child's and an adult's
        # need not meet, so an uncle is given Kemi's id; an aunt an id nobody has.
        shared = min(children)
        if shared not in adults:
            case.adults.append(Adult(id=shared, given_name="Tunde", family_name="Ade"))
        aunt = max(children | adults) + 100
        case.adults.append(Adult(id=aunt, given_name="Bisi", family_name="Ade"))
        db.session.commit()
    result, _ = print_for(app, tmp_path, "--for", str(aunt))
    assert result.exit_code == 0, result.output
    assert f"-adult-{aunt}-v{demo['number']}.pdf" in result.output
    both, _ = print_for(app, tmp_path, "--for", str(shared))
    assert both.exit_code != 0
    assert f"write adult:{shared} or child:{shared}" in both.output
    nobody, _ = print_for(app, tmp_path, "--for", "999999")
    assert "Nobody on case DEMO-0001 has the id 999999" in nobody.output
    assert len(audit_rows(app, "print")) == 1


def test_print_plan_says_an_unborn_baby_has_no_own_copy(app, demo, tmp_path):
    with app.app_context():
        baby = next(child for child in plan_in_force().case.children if child.unborn)
        name = baby.name
    result, _ = print_for(app, tmp_path, "--for", name)
    assert result.exit_code != 0
    assert f"{name} is not born yet: an unborn baby has no own copy" in result.output


def test_print_plan_for_prints_the_plan_in_force_unless_told_the_version(app, demo, tmp_path):
    in_force, _ = print_for(app, tmp_path, "--for", "Olumide Adebayo")
    assert f"family-plan-adult-{demo['dad']}-v{demo['number']}.pdf" in in_force.output
    draft, out = print_for(
        app, tmp_path, "--for", "Olumide Adebayo", "--plan-version", str(demo["draft_number"])
    )
    assert draft.exit_code == 0, draft.output
    assert f"family-plan-adult-{demo['dad']}-v{demo['draft_number']}.pdf" in draft.output
    assert squashed("Draft: not agreed yet") in pdf_text(out.read_bytes())
    professional, _ = print_for(app, tmp_path, "--plan-version", "1")
    assert professional.exit_code == 0, professional.output
    assert "family-plan-v1.pdf" in professional.output
    missing, _ = print_for(app, tmp_path, "--for", "Olumide Adebayo", "--plan-version", "9")
    assert missing.exit_code != 0
    assert "Case DEMO-0001 has no plan version 9 (its versions: 1, 2)" in missing.output
    assert [r.changes["version"][1] for r in audit_rows(app, "print")] == [
        demo["number"],
        demo["draft_number"],
        1,
    ]
