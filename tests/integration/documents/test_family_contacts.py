"""Who the family can contact, on every family document of the demo family (DEMO-0001): their
social worker's phone and email, the team's number, out of hours, 999, the chair, advocacy,
interpreting and complaints, from the contacts an administrator set; a contact nobody set is
left out, never printed with a blank label."""

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, select

from conference.extensions import db
from conference.models import Case, Conference, ContactSetting, CoreGroupMeeting, Plan, Team
from conference.pdf import core_group_notes, documents
from conference.pdf.family_plan import TEMPLATE, family_plan_context
from conference.pdf.render import render_html, render_pdf
from conference.services.contacts import family_contacts

WEEKS = 6
CALL_999 = "If a child is in immediate danger, call 999."
EXPECTED = [
    ("Your social worker", "Sam Social-Worker"),
    ("Your social worker’s phone", "01632 960123"),
    ("Your social worker’s email", "socialworker@demo.example"),
    ("Your social worker’s team", "Demo Assessment Team, 01632 960100"),
    ("Out of hours (emergency duty team)", "01632 960999, from 5pm to 8:30am on weekdays"),
    ("In an emergency", CALL_999),
    ("The conference chair", "01632 960300 or conference.chairs@demo.example"),
    ("Someone to help you speak up (advocacy)", "Demo Advocacy Service, 01632 960400"),
    ("If you need an interpreter", "Tell your social worker which language you need."),
    ("How to complain", "Complaints Team, 01632 960500 or complaints@demo.example"),
]


@pytest.fixture
def seeded(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for the contact tests")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def squashed(text: str) -> str:
    """Without whitespace: lines break anywhere in a printed page."""
    return re.sub(r"\s", "", text)


def pdf_text(pdf: bytes) -> str:
    return squashed("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def demo_case() -> Case:
    return db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))


def demo_plan() -> Plan:
    return db.session.scalar(
        select(Plan).join(Case).where(Case.reference == "DEMO-0001").order_by(Plan.number)
    )


def in_english() -> None:
    for adult in demo_case().adults:
        adult.plan_language = "English"


def contact_lines(html: str) -> list[str]:
    """Each printed contact line, as text."""
    lines = re.findall(r'<p class="contact contact-[\w_]+">(.*?)</p>', html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip() for line in lines]


def family_plan_html(**options) -> str:
    context = family_plan_context(demo_plan(), core_group_interval_weeks=WEEKS, **options)
    return render_html(TEMPLATE, **{k: v for k, v in context.items() if k != "attachments"})


def test_the_family_contacts_come_in_the_order_a_family_needs_them(app, seeded):
    with app.app_context():
        case = demo_case()
        found = family_contacts(case, demo_plan().conference)
    assert [line.label for line in found.lines] == [label for label, _ in EXPECTED]
    for line, (_, value) in zip(found.lines, EXPECTED, strict=True):
        assert line.value.startswith(value)
    assert found.missing == []


def test_the_family_plan_pdf_carries_every_number(app, seeded):
    with app.app_context():
        in_english()
        context = family_plan_context(demo_plan(), core_group_interval_weeks=WEEKS)
        text = pdf_text(render_pdf(TEMPLATE, **context))
        db.session.rollback()
    assert squashed("Who to contact") in text
    for label, value in EXPECTED:
        assert squashed(f"{label}: {value}") in text, label
    # The old contact paragraph, with only an email address, is gone.
    assert squashed("You can email them at") not in text


def test_a_contact_nobody_set_is_left_out_with_its_label(app, seeded):
    with app.app_context():
        in_english()
        team = db.session.scalar(select(Team).where(Team.name == "Demo Assessment Team"))
        db.session.execute(delete(ContactSetting).where(ContactSetting.key == "out_of_hours"))
        db.session.execute(delete(ContactSetting).where(ContactSetting.team_id == team.id))
        demo_case().social_worker.phone = ""
        db.session.flush()
        html = family_plan_html()
        found = family_contacts(demo_case(), demo_plan().conference)
        db.session.rollback()
    assert found.missing == ["social_worker_phone", "out_of_hours"]
    lines = contact_lines(html)
    assert not any(
        line.startswith(("Out of hours", "Your social worker’s phone")) for line in lines
    )
    # The team falls back to the service's number; every label printed has its value.
    assert "Your social worker’s team: Demo Assessment Team, 01632 960000" in lines
    assert all(re.match(r"^[^:]+: \S", line) for line in lines), lines
    assert f"In an emergency: {CALL_999}" in lines


def test_the_bilingual_plan_prints_the_contacts_and_marks_them_english(app, seeded):
    with app.app_context():
        html = family_plan_html()  # the demo's plan is in Yoruba and English
    assert '<html lang="yo">' in html
    lines = contact_lines(html)
    assert "Your social worker’s phone: 01632 960123" in lines
    assert '<span class="contact-value" lang="en">01632 960123</span>' in html


def test_the_family_version_of_the_core_group_notes_carries_the_contacts(app, seeded):
    with app.app_context():
        meeting = db.session.scalars(
            select(CoreGroupMeeting).order_by(CoreGroupMeeting.held_on.desc())
        ).first()
        family = pdf_text(documents.core_group_notes_pdf(meeting, core_group_notes.FAMILY))
        record = pdf_text(documents.core_group_notes_pdf(meeting, core_group_notes.RECORD))
    for label, value in EXPECTED:
        assert squashed(f"{label}: {value}") in family, label
    assert squashed("Who to contact") not in record


def test_the_review_report_for_the_parents_carries_the_contacts(app, seeded):
    with app.app_context():
        review = max(
            db.session.scalars(select(Conference).where(Conference.case_id == demo_case().id)),
            key=lambda conference: conference.held_on,
        )
        text = pdf_text(documents.review_report_pdf(review))
    assert squashed("Who to contact") in text
    for label, value in EXPECTED:
        assert squashed(f"{label}: {value}") in text, label
