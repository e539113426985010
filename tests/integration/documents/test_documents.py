"""The printed documents: the professional plan, the conference record, their downloads and the
print-plan command, on the demo family (DEMO-0001)."""

import io
import logging
import re
from datetime import UTC, datetime, time
from types import SimpleNamespace

import pytest
from flask import render_template
from flask_migrate import upgrade
from helpers import make_config, sign_in
from pages import assert_page, links
from pypdf import PdfReader
from sqlalchemy import select

from conference import create_app
from conference.documents.views import bp as documents_bp
from conference.domain import wording
from conference.domain.identity import IDENTITY_TEXT_FIELDS
from conference.extensions import db
from conference.models import (
    Amendment,
    AuditEvent,
    Case,
    ChildPicture,
    Conference,
    Plan,
    Role,
    StoredFile,
    User,
)
from conference.pdf import conference_record, documents, parts, professional_plan
from conference.services import pictures

DEMO_PASSWORD = "demo password for tests"
ACCEPTED_REASON = "The family asked for Dad's own words to stay as goal 5 until the review."


@pytest.fixture(scope="module")
def app(db_url):
    """The app with the documents' routes, whether or not the factory registers them yet."""
    app = create_app(make_config(db_url))
    if "documents" not in app.blueprints:
        app.register_blueprint(documents_bp)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


def seed(app, monkeypatch) -> dict:
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id, Plan.number == 1))
        initial, review = sorted(
            db.session.scalars(select(Conference).where(Conference.case_id == case.id)),
            key=lambda c: c.held_on,
        )
        return {"plan": plan.id, "initial": initial.id, "review": review.id}


@pytest.fixture
def demo(app, monkeypatch):
    return seed(app, monkeypatch)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def assert_pdf_ua(pdf: bytes) -> PdfReader:
    """Tagged, with a structure tree, the language set and marked PDF/UA-1."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(=\"1\"|>1<)", xmp)
    return reader


def assert_every_page(reader: PdfReader, draft: bool) -> None:
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "OFFICIAL-SENSITIVE" in text
        assert f"Page {number} of {pages}" in text
        assert ("DRAFT" in text) is draft


@pytest.fixture(scope="module")
def rendered(app):
    """The demo's documents, rendered once for the module (rendering takes about a second):
    the draft plan, the same plan finalised with findings accepted, the finalised initial
    conference's record with an amendment, and the draft review conference's record."""
    patch = pytest.MonkeyPatch()
    try:
        ids = seed(app, patch)
    finally:
        patch.undo()
    with app.app_context():
        plan = db.session.get(Plan, ids["plan"])
        # As a draft first (the demo's version 1 is finalised, with findings accepted).
        plan.finalised_at, plan.accepted_findings = None, []
        draft_plan = documents.professional_plan_pdf(plan)
        goal_5 = sorted(plan.goals, key=lambda goal: goal.position)[4]
        plan.accepted_findings = [
            {"goal_id": goal_5.id, "code": "task-not-outcome", "message": "This is a task."}
        ]
        plan.accepted_findings_reason = ACCEPTED_REASON
        plan.finalised_at = datetime.now(UTC)
        final_plan = documents.professional_plan_pdf(plan)
        initial = db.session.get(Conference, ids["initial"])
        chair = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
        initial.amendments.append(
            Amendment(
                section="Decision for Tolu",
                text="Tolu's review date corrected.",
                made_by=chair,
                made_at=datetime.combine(initial.held_on, time(18, 0), tzinfo=UTC),
            )
        )
        final_record = documents.conference_record_pdf(initial)
        draft_record = documents.conference_record_pdf(db.session.get(Conference, ids["review"]))
        db.session.rollback()
    with app.app_context(), db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    return {
        "draft_plan": draft_plan,
        "final_plan": final_plan,
        "final_record": final_record,
        "draft_record": draft_record,
    }


# The professional plan.


def test_the_professional_plan_has_the_whole_plan(rendered):
    text = text_of(rendered["draft_plan"])
    for heading in (
        "Child protection plan for Kemi, Tolu and Baby Adebayo",
        "Decision for each child",
        "Worry statements and the goals that answer them",
        "Safety goals and actions",
        "Contingency plan",
        "When the children are seen, and by whom",
        "Core group",
        "Identity: ethnicity, culture, religion and language",
        "How identity shaped the plan",
    ):
        assert heading in text
    assert "Emotional abuse" in text
    assert "Kemi goes to school every day: her attendance is at least 95% each half term." in text
    assert "The school attendance register" in text  # a measure
    assert "78% this term (18 days missed)" in text  # a baseline
    assert "Ring the school by 9am if Kemi is ill" in text  # an action
    assert "Not started" in text  # its status
    assert "Answered by goals 1, 2, 5, 6" in text
    assert "Priya Practitioner" in text  # the core group
    assert "a female Yoruba interpreter comes to every meeting" in text
    assert "Not known yet" in text  # the baby's identity on the case record
    assert "Dissent: Dad disagrees with a child protection plan" in text
    assert "accepted by the chair" not in text


def test_the_professional_plan_is_pdf_ua_and_a_draft_until_finalised(rendered):
    draft = assert_pdf_ua(rendered["draft_plan"])
    assert 3 <= len(draft.pages) <= 15
    assert draft.metadata.title == "Child protection plan for Kemi, Tolu and Baby Adebayo"
    assert_every_page(draft, draft=True)
    assert_every_page(assert_pdf_ua(rendered["final_plan"]), draft=False)


def test_the_professional_plan_shows_the_findings_the_chair_accepted(rendered):
    text = text_of(rendered["final_plan"])
    assert "Plan checker findings accepted by the chair" in text
    assert "Goal 5: This is a task." in text
    assert ACCEPTED_REASON in text


# The conference record.


def test_the_conference_record_has_the_whole_conference(rendered):
    text = text_of(rendered["final_record"])
    for heading in (
        "Conference record for Kemi, Tolu and Baby Adebayo",
        "Attendance",
        "The map",
        "Danger / harm",
        "Worry statements",
        "Complicating factors",
        "Safety",
        "Strengths",
        "Grey areas",
        "Scaling",
        "The children’s voices",
        "Identity",
        "Agency views",
        "Decisions",
        "Amendments",
    ):
        assert heading in text
    assert "Quorate: children’s social care and at least two other agencies attended" in text
    assert "Sent a report" in text  # PC Ali
    assert "Interpreter: Yoruba, Oyo" in text
    assert "The family’s response: Dad says he is ashamed and has not drunk since." in text
    assert "I have stopped drinking and I will not let it happen again." in text  # a reason
    assert "Median" in text
    assert "4.5" in text
    # Kemi's own words, exactly as she gave them.
    assert "I love my mum and dad but I hate it when they shout." in text
    assert "PN1: Attends and speaks for self" in text
    assert "Grandma's cooking" in text  # the house of good things
    # Tolu's words are on the record, which says why they are in no family copy (issue 19).
    assert (
        "In Tolu’s own words Not for the family’s copy. Reason: Tolu asked that what he said "
        "about hiding under the table is not told to his dad. Daddy shouted and I hid under "
        "the table."
    ) in text
    assert "Not known yet on the case record" in text
    assert "Missed antenatal care and Tolu's sleep problems." in text  # an agency's view
    assert "Emotional abuse" in text
    assert "Dad disagrees with a child protection plan" in text  # dissent
    assert "Amendment to Decision for Tolu" in text  # beside the decisions
    assert "Tolu's review date corrected." in text


def test_the_record_is_pdf_ua_and_a_draft_until_finalised(rendered):
    final = assert_pdf_ua(rendered["final_record"])
    assert 3 <= len(final.pages) <= 20
    assert_every_page(final, draft=False)
    draft = assert_pdf_ua(rendered["draft_record"])
    assert_every_page(draft, draft=True)
    text = text_of(rendered["draft_record"])
    assert "Status Draft: not finalised" in text
    assert "Not quorate" in text  # nobody is recorded as attending yet


def png(colour: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_record_prints_only_the_drawings_a_child_agreed_to_share(app, demo):
    with app.app_context():
        conference = db.session.get(Conference, demo["initial"])
        voice = next(v for v in conference.voices if v.child.given_name == "Tolu")
        for colour, consent in (("red", True), ("blue", False)):
            picture = pictures.check(png(colour), 10_000)
            voice.pictures.append(
                ChildPicture(
                    file=StoredFile.holding(picture.data, picture.kind.content_type),
                    description=f"Tolu's {colour} house",
                    consent_to_share=consent,
                )
            )
        db.session.flush()
        pdf = documents.conference_record_pdf(conference)
        db.session.rollback()
    reader = PdfReader(io.BytesIO(pdf))
    # WeasyPrint shares one set of resources between pages: count the images once.
    assert len({image.data for page in reader.pages for image in page.images}) == 1
    text = text_of(pdf)
    assert "Tolu's red house" in text
    assert "Tolu's blue house" not in text
    assert "Pictures not printed 1 kept on the record without consent to share" in text


# Downloads.


def prints(app) -> list[AuditEvent]:
    with app.app_context():
        query = select(AuditEvent).where(AuditEvent.action == "print").order_by(AuditEvent.id)
        return list(db.session.scalars(query))


def signed_in_as(client, email: str):
    assert sign_in(client, email, DEMO_PASSWORD).status_code == 302
    return client


def test_the_chair_downloads_the_family_plan_and_the_record(app, client, demo):
    signed_in_as(client, "chair@demo.example")
    response = client.get(f"/plans/{demo['plan']}/family-plan.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="DEMO-0001-family-plan-v1.pdf"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"%PDF")
    record = client.get(f"/conferences/{demo['initial']}/record.pdf")
    assert record.status_code == 200
    assert re.fullmatch(
        r'attachment; filename="DEMO-0001-conference-record-\d{4}-\d\d-\d\d\.pdf"',
        record.headers["Content-Disposition"],
    )
    assert "Quorate" in text_of(record.data)
    rows = prints(app)
    with app.app_context():
        chair = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
        version = db.session.get(Conference, demo["initial"]).version
    assert [(r.user_id, r.record_type, r.record_id, r.changes) for r in rows] == [
        (
            chair.id,
            "protection_plan",
            str(demo["plan"]),
            {"document": [None, "family"], "version": [None, 1]},
        ),
        (
            chair.id,
            "conference",
            str(demo["initial"]),
            {"document": [None, "record"], "version": [None, version]},
        ),
    ]
    assert all(row.case_id is not None for row in rows)


def test_the_social_worker_downloads_the_professional_plan_and_large_print(app, client, demo):
    signed_in_as(client, "socialworker@demo.example")
    response = client.get(f"/plans/{demo['plan']}/professional-plan.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="DEMO-0001-professional-plan-v1.pdf"'
    )
    assert "Safety goals and actions" in text_of(response.data)
    large = client.get(f"/plans/{demo['plan']}/family-plan.pdf?large-print=1")
    assert large.status_code == 200
    assert large.headers["Content-Disposition"] == (
        'attachment; filename="DEMO-0001-family-plan-large-print-v1.pdf"'
    )
    documents_printed = [row.changes["document"][1] for row in prints(app)]
    assert documents_printed == ["professional", "family-large-print"]


def test_a_practitioner_outside_the_core_group_is_told_they_do_not_exist(
    app, client, demo, make_user
):
    make_user(Role.PRACTITIONER, email="outsider@example.org")
    assert sign_in(client, "outsider@example.org").status_code == 302
    for url in (
        f"/plans/{demo['plan']}/family-plan.pdf",
        f"/plans/{demo['plan']}/family-plan.pdf?large-print=1",
        f"/plans/{demo['plan']}/professional-plan.pdf",
        f"/conferences/{demo['initial']}/record.pdf",
        "/plans/999999/professional-plan.pdf",
    ):
        assert client.get(url).status_code == 404, url
    assert prints(app) == []


def test_signed_out_users_are_sent_to_sign_in(client, demo):
    response = client.get(f"/plans/{demo['plan']}/professional-plan.pdf")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_a_failed_render_shows_an_error_and_audits_nothing(app, client, demo, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("Kemi Adebayo's plan could not be laid out")

    monkeypatch.setattr(documents, "render_pdf", broken)
    signed_in_as(client, "chair@demo.example")
    with caplog.at_level(logging.ERROR):
        response = client.get(f"/plans/{demo['plan']}/professional-plan.pdf")
    html = assert_page(response, "Sorry, the document could not be made", status=500)
    assert "Nothing was changed" in html
    assert prints(app) == []
    assert "RuntimeError" in caplog.text
    assert "Kemi" not in caplog.text


# The print-plan command.


def test_print_plan_writes_the_pdf_and_audits_it(app, demo, tmp_path):
    out = tmp_path / "plan.pdf"
    result = app.test_cli_runner().invoke(
        args=["print-plan", "DEMO-0001", "--version", "professional", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    # The latest version: the review's draft of version 2.
    assert "DEMO-0001-professional-plan-v2.pdf" in result.output
    assert_pdf_ua(out.read_bytes())
    assert "Safety goals and actions" in text_of(out.read_bytes())
    [row] = prints(app)
    assert row.user_id is None
    assert row.ip_address == "command line"
    assert row.changes == {"document": [None, "professional"], "version": [None, 2]}


def test_print_plan_refuses_what_it_cannot_print(app, demo, tmp_path):
    runner = app.test_cli_runner()
    out = str(tmp_path / "x.pdf")
    unknown = runner.invoke(args=["print-plan", "NOPE-1", "--version", "family", "--out", out])
    assert unknown.exit_code != 0
    assert "There is no case with the reference NOPE-1" in unknown.output
    no_plan = runner.invoke(args=["print-plan", "DEMO-0002", "--version", "family", "--out", out])
    assert no_plan.exit_code != 0
    assert "Case DEMO-0002 has no plan yet" in no_plan.output
    no_record = runner.invoke(args=["print-plan", "DEMO-0002", "--version", "record", "--out", out])
    assert "Case DEMO-0002 has no conference yet" in no_record.output
    large = runner.invoke(
        args=["print-plan", "DEMO-0001", "--version", "record", "--large-print", "--out", out]
    )
    assert large.exit_code != 0
    assert "--large-print is only for the family plan" in large.output
    assert not (tmp_path / "x.pdf").exists()
    assert prints(app) == []


# The pieces, without an app.


def test_file_names_carry_the_reference_document_and_version_never_a_name():
    assert (
        parts.filename("DEMO-0001", documents.FAMILY.file_name, "v1")
        == "DEMO-0001-family-plan-v1.pdf"
    )
    assert (
        parts.filename("AB/12 34", documents.FAMILY_LARGE_PRINT.file_name, "v2")
        == "AB-12-34-family-plan-large-print-v2.pdf"
    )
    assert (
        parts.filename("X-1", documents.RECORD.file_name, "2026-11-12")
        == "X-1-conference-record-2026-11-12.pdf"
    )


def child(given, family="Adebayo", **identity):
    answers = {
        "ethnicity_code": None,
        "identity_not_known": [],
        "interpreter_needed": None,
        "interpreter_language": "",
        "interpreter_dialect": "",
        "interpreter_gender": None,
        "plan_language": "",
        "plan_formats": [],
        "plan_format_other": "",
        **dict.fromkeys(IDENTITY_TEXT_FIELDS, ""),
        **identity,
    }
    return SimpleNamespace(given_name=given, family_name=family, **answers)


def test_children_are_named_once_with_their_family_name():
    assert professional_plan.children_names([child("Kemi"), child("Tolu")]) == (
        "Kemi and Tolu Adebayo"
    )
    assert professional_plan.children_names([child("Jamie", "Smith"), child("Lily", "Jones")]) == (
        "Jamie Smith and Lily Jones"
    )


def test_each_worry_lists_the_goals_that_answer_it():
    assert professional_plan.goals_answering([10, 11, 12], [(1, [10]), (2, [10, 12])]) == {
        10: [1, 2],
        11: [],
        12: [2],
    }


def test_accepted_findings_name_their_goal():
    found = [
        {"goal_id": 7, "code": "vague", "message": "“Improve” measures nothing."},
        {"goal_id": None, "code": "contingency", "message": "There is no contingency plan."},
    ]
    assert professional_plan.accepted_findings(found, {7: 3}) == [
        "Goal 3: “Improve” measures nothing.",
        "There is no contingency plan.",
    ]


def test_identical_reasons_are_printed_once_for_the_children_they_share():
    def row(name, reasons, dissent=""):
        return professional_plan.DecisionRow(
            name, "", "Child protection plan", "", reasons, "", dissent, "", None, None
        )

    groups = professional_plan.grouped_reasons(
        [row("Kemi", "Same."), row("Tolu", "Same."), row("Baby", "Other.", "Dad disagrees.")]
    )
    assert [(g.children, g.reasons, g.dissent) for g in groups] == [
        ("Kemi and Tolu", "Same.", ""),
        ("Baby", "Other.", "Dad disagrees."),
    ]


def test_record_identity_keeps_not_known_yet_apart_from_not_asked():
    person = child(
        "Kemi",
        ethnicity_code="BAFR",
        ethnicity_own_words="Black British, Nigerian",
        identity_not_known=["religion"],
        interpreter_needed="yes",
        interpreter_language="Yoruba",
        interpreter_dialect="Oyo",
        interpreter_gender="female",
    )
    answers, not_asked = professional_plan.record_identity(person)
    shown = {answer.question: (answer.answer, answer.not_known) for answer in answers}
    assert shown["Ethnicity"] == ("Black African (BAFR)", False)
    assert shown["Religion or faith"] == ("Not known yet", True)
    assert shown["Interpreter"] == ("Yes: Yoruba, Oyo dialect, female interpreter", False)
    assert "First language" in not_asked
    assert "Religion or faith" not in not_asked


def test_conference_identity_says_not_known_yet_and_not_answered():
    identity = SimpleNamespace(
        cultural_or_harm="Shouting is harm whatever the culture.",
        community_safety_network="",
        heritage_connection="",
        interpreter_and_translation="",
        not_known=["heritage_connection"],
    )
    answers = professional_plan.conference_identity_answers(identity, "Tolu")
    assert [(a.answer, a.not_known) for a in answers] == [
        ("Shouting is harm whatever the culture.", False),
        ("Not answered", False),
        ("Not known yet", True),
        ("Not answered", False),
    ]
    assert answers[2].question == "How will the plan keep Tolu connected to their heritage?"


@pytest.mark.parametrize(
    ("section", "place"),
    [
        ("Decision for Tolu", "decisions"),
        ("Map: worry statement 2", "map"),
        ("Scaling score for Mum", "scaling"),
        ("Kemi's own words", "voice"),
        ("Attendance: PC Ali sent a report", "attendance"),
        ("Identity of the baby", "identity"),
        ("Something else entirely", None),
    ],
)
def test_amendments_are_placed_beside_the_part_they_correct(section, place):
    assert conference_record.place_of(section) == place


def test_times_are_written_the_gov_uk_way():
    assert wording.clock_time(time(15, 30)) == "3:30pm"
    assert wording.clock_time(time(9, 0)) == "9am"
    assert wording.clock_time(time(12, 0)) == "midday"  # the style guide: not "12pm"


def test_the_download_buttons_link_to_each_document(app):
    with app.test_request_context():
        plan_buttons = render_template("views/plans/_downloads.html", plan=SimpleNamespace(id=7))
        record_button = render_template(
            "views/conferences/_downloads.html", conference=SimpleNamespace(id=3)
        )
    # The family's copies are each person's (the plan page's "Each person's copy"), never one
    # copy of the case for everyone.
    assert links(plan_buttons + record_button) == [
        ("/plans/7/professional-plan.pdf", "Download professional plan (PDF)"),
        ("/conferences/3/record.pdf", "Download the conference record (PDF)"),
    ]
    assert plan_buttons.count("govuk-button--secondary") == 1
