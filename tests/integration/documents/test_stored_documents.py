"""Documents made once (issue 22): a finalised record's documents are kept at their first
download (or when it is finalised), every later download hands over the kept file with the same
access check and audit row, and a kept document is never handed over once anything of its case
has changed, or once the documents' code has."""

import io

import pytest
from helpers import Client, sign_in
from pypdf import PdfReader
from sqlalchemy import func, select

from conference.extensions import db
from conference.models import Adult, AuditEvent, Case, Child, Plan, StoredDocument, StoredFile, User
from conference.pdf import documents, kept
from conference.services import records, stored_documents

DEMO_PASSWORD = "demo password for tests"


@pytest.fixture
def demo(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        plans = {plan.number: plan.id for plan in db.session.scalars(select(Plan))}
        return {"case": case.id, "plan": plans[1], "draft": plans.get(2)}


def chair(client):
    assert sign_in(client, "chair@demo.example", DEMO_PASSWORD).status_code == 302
    return client


def kept_documents(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.scalars(select(StoredDocument).order_by(StoredDocument.id))
        return [(row.record_type, row.document) for row in rows]


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def no_renders(monkeypatch):
    """Any render from here on fails the download, so a download that works was not laid out."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(documents, "printed", refuse)


def test_the_first_download_keeps_the_document_and_the_next_hands_it_over(
    app, client, demo, monkeypatch
):
    chair(client)
    url = f"/plans/{demo['plan']}/family-plan.pdf"
    first = client.get(url)
    assert first.status_code == 200
    assert kept_documents(app) == [("protection_plan", "family")]

    no_renders(monkeypatch)
    again = client.get(url)
    assert again.status_code == 200
    assert again.data == first.data
    assert again.headers["Content-Disposition"] == first.headers["Content-Disposition"]
    assert again.headers["Cache-Control"] == "no-store"
    with app.app_context():
        prints = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).all()
        chair_id = db.session.scalar(select(User.id).where(User.email == "chair@demo.example"))
    assert [(row.user_id, row.changes) for row in prints] == [
        (chair_id, {"document": [None, "family"], "version": [None, 1]})
    ] * 2


def test_a_kept_document_is_still_only_for_those_who_may_see_the_case(app, client, demo, make_user):
    chair(client)
    assert client.get(f"/plans/{demo['plan']}/family-plan.pdf").status_code == 200
    make_user("social_worker", email="outsider@example.org", team="Another team")
    outsider = Client(app.test_client())
    assert sign_in(outsider, "outsider@example.org").status_code == 302
    assert outsider.get(f"/plans/{demo['plan']}/family-plan.pdf").status_code == 404


def test_a_draft_is_laid_out_at_each_download_and_never_kept(app, client, demo):
    assert demo["draft"] is not None, "the demo's review conference has a draft plan"
    chair(client)
    response = client.get(f"/plans/{demo['draft']}/family-plan.pdf")
    assert response.status_code == 200
    assert kept_documents(app) == []


def test_a_change_to_the_case_forgets_its_documents_and_the_next_download_shows_it(
    app, client, demo
):
    chair(client)
    url = f"/plans/{demo['plan']}/professional-plan.pdf"
    before = client.get(url)
    assert kept_documents(app) == [("protection_plan", "professional")]
    with app.app_context():
        actor = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
        child = db.session.scalars(
            select(Child).where(Child.case_id == demo["case"]).order_by(Child.id)
        ).first()
        old_name = child.given_name
        generation = stored_documents.generation_of(demo["case"])
        records.update(actor, child, child.version, given_name="Zebedee")
        db.session.commit()
        assert stored_documents.generation_of(demo["case"]) == generation + 1
        files = db.session.scalar(select(func.count()).select_from(StoredFile))
    assert kept_documents(app) == []
    after = client.get(url)
    assert after.status_code == 200
    assert "Zebedee" in text_of(after.data)
    assert "Zebedee" not in text_of(before.data)
    assert old_name in text_of(before.data)
    assert kept_documents(app) == [("protection_plan", "professional")]
    with app.app_context():
        # The forgotten document's file went with it: one file again, the new document's.
        assert db.session.scalar(select(func.count()).select_from(StoredFile)) == files + 1


def test_a_change_to_another_case_keeps_this_cases_documents(app, client, demo, make_case):
    chair(client)
    assert client.get(f"/plans/{demo['plan']}/professional-plan.pdf").status_code == 200
    other = make_case(reference="OTHER-1")
    with app.app_context():
        actor = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
        case = db.session.get(Case, other)
        records.update(actor, case, case.version, address="1 Another Road")
        db.session.commit()
    assert kept_documents(app) == [("protection_plan", "professional")]


def test_a_change_to_a_name_every_document_may_print_forgets_them_all(app, client, demo):
    chair(client)
    assert client.get(f"/plans/{demo['plan']}/professional-plan.pdf").status_code == 200
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
        user.last_signed_in_at = None  # not printed: the documents stay
        db.session.commit()
        assert kept_documents(app) == [("protection_plan", "professional")]
        user.name = "Chair With A New Name"
        db.session.commit()
    assert kept_documents(app) == []


def test_a_document_kept_by_other_code_or_for_another_version_is_made_again(app, client, demo):
    chair(client)
    url = f"/plans/{demo['plan']}/family-plan.pdf"
    assert client.get(url).status_code == 200
    with app.app_context():
        row = db.session.scalar(select(StoredDocument))
        row.renderer = "0" * 16
        db.session.commit()
        plan = db.session.get(Plan, demo["plan"])
        assert kept.kept(documents.FAMILY, plan) is None
    assert client.get(url).status_code == 200
    with app.app_context():
        row = db.session.scalar(select(StoredDocument))
        assert row.renderer == kept.renderer_id()
        # The one made by other code went with its file: one file, the new one.
        pdfs = select(func.count()).where(StoredFile.media_type == "application/pdf")
        assert db.session.scalar(pdfs) == 1
        plan = db.session.get(Plan, demo["plan"])
        assert kept.kept(documents.FAMILY, plan) is not None
        row.record_version = plan.version + 1
        db.session.commit()
        assert kept.kept(documents.FAMILY, db.session.get(Plan, demo["plan"])) is None


def test_a_kept_file_that_no_longer_matches_its_checksum_is_made_again(app, client, demo):
    chair(client)
    url = f"/plans/{demo['plan']}/family-plan.pdf"
    first = client.get(url)
    with app.app_context():
        file = db.session.scalar(select(StoredDocument)).file
        file.content = b"%PDF-1.7 damaged"
        db.session.commit()
    again = client.get(url)
    assert again.status_code == 200
    assert again.data.startswith(b"%PDF") and again.data != b"%PDF-1.7 damaged"
    assert len(again.data) > 1000 and abs(len(again.data) - len(first.data)) < len(first.data)
    assert kept_documents(app) == [("protection_plan", "family")]


def test_a_document_made_while_its_case_changed_is_not_kept(app, demo):
    with app.app_context():
        plan = db.session.get(Plan, demo["plan"])
        generation = stored_documents.generation_of(demo["case"])
        done = documents.printed(documents.FAMILY, plan)
        # Meanwhile someone saves a change to the case.
        adult = db.session.scalars(select(Adult).where(Adult.case_id == demo["case"])).first()
        adult.phone = "07700 900999"
        db.session.flush()
        found = stored_documents.keep(
            plan, "family", kept.renderer_id(), done.filename, done.data, generation
        )
        assert found is None
        db.session.commit()
    assert kept_documents(app) == []


def test_the_command_line_makes_every_finalised_records_documents_once(app, demo):
    result = app.test_cli_runner().invoke(args=["make-documents"])
    assert result.exit_code == 0, result.output
    made = kept_documents(app)
    assert ("protection_plan", "family") in made and ("conference", "record") in made
    assert ("protection_plan", "professional") in made
    with app.app_context():
        finals = len(kept.final_records())
    assert f"{len(made):,} documents made and kept, of {finals:,} finalised records" in (
        result.output
    )
    again = app.test_cli_runner().invoke(args=["make-documents"])
    assert f"0 documents made and kept, of {finals:,} finalised records" in again.output
    assert kept_documents(app) == made
