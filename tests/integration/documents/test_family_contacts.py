"""Who the family can contact, on every family document of the demo family (DEMO-0001): their
social worker's phone and email, the team's number, out of hours, 999, the chair, advocacy,
interpreting and complaints, from the contacts an administrator set; a contact nobody set is
left out, never printed with a blank label."""

import io
import re

import pytest
from pages import select as select_html
from pages import text as element_text
from pypdf import PdfReader
from sqlalchemy import delete, select

from conference.extensions import db
from conference.models import Case, Conference, ContactSetting, CoreGroupMeeting, Plan, Team
from conference.pdf import child_plan, core_group_notes, documents, easy_read
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
    assert found.missing == ["out_of_hours"]
    lines = contact_lines(html)
    assert not any(line.startswith("Out of hours") for line in lines)
    # The team falls back to the service's number, and with no phone of their own the social
    # worker's line gives it as the daytime number (once: no separate team line).
    assert (
        "Your social worker’s phone: Call their team, Demo Assessment Team, on 01632 960000."
        in lines
    )
    assert not any(line.startswith("Your social worker’s team") for line in lines)
    assert found.daytime == "01632 960000" and found.daytime_is_team
    # Every label printed has its value.
    assert all(re.match(r"^[^:]+: \S", line) for line in lines), lines
    assert f"In an emergency: {CALL_999}" in lines


def no_worker_phone(team_numbers: bool = True) -> None:
    demo_case().social_worker.phone = ""
    if not team_numbers:
        db.session.execute(delete(ContactSetting).where(ContactSetting.key == "team_phone"))
    db.session.flush()


def childs_plan_text(name: str) -> str:
    plan = demo_plan()
    child = next(child for child in plan.case.children if child.given_name == name)
    return pdf_text(child_plan.child_plan_pdf(plan, child))


def test_the_childs_plan_gives_the_teams_number_when_the_worker_has_none(app, seeded):
    with app.app_context():
        own_number = childs_plan_text("Kemi")
        no_worker_phone()
        team_number = childs_plan_text("Kemi")
        plan = demo_plan()
        easy = pdf_text(easy_read.easy_read_pdf(plan, plan.case.adults[0]))
        yorubas = family_plan_html()  # in the family's language, the message translated
        db.session.rollback()
    assert squashed("Phone: 01632 960123") in own_number
    assert squashed("Call their team on 01632 960100.") in team_number
    assert "01632960123" not in team_number
    assert squashed("Call their team, Demo Assessment Team, on 01632 960100.") in easy
    assert "Ẹ pe ẹgbẹ́ wọn, Demo Assessment Team, ní 01632 960100." in yorubas


def test_with_no_number_at_all_staff_are_told_on_the_case_page(app, seeded, signed_in):
    with app.app_context():
        case_id = demo_case().id
    client = signed_in("chair")
    assert select_html(client.get(f"/cases/{case_id}").text, "#daytime-gap") == []
    with app.app_context():
        no_worker_phone(team_numbers=False)
        found = family_contacts(demo_case(), demo_plan().conference)
        text = childs_plan_text("Kemi")
        db.session.commit()
    assert found.daytime == "" and {"social_worker_phone", "team_phone"} <= set(found.missing)
    assert squashed("Phone:") not in text and squashed("Call their team") not in text
    assert squashed("call 999") in text.lower()  # the other contacts are still there
    (warning,) = select_html(client.get(f"/cases/{case_id}").text, "#daytime-gap")
    assert (
        "The family’s documents will give no number to ring in the day: Sam Social-Worker has "
        "no phone number, and Demo Assessment Team has no team phone number. An administrator "
        "can set either."
    ) in element_text(warning)


def disagree(html: str) -> str:
    """The text of "What you can do if you disagree"."""
    found = re.search(r"What you can do if you disagree</h2>(.*?)</div>", html, re.S)
    assert found, "no disagree paragraph"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1))).strip()


def test_what_you_can_do_if_you_disagree_follows_the_contacts_printed(app, seeded):
    with app.app_context():
        in_english()
        everything = disagree(family_plan_html())
        db.session.execute(
            delete(ContactSetting).where(
                ContactSetting.key.in_(("chair_contact", "advocacy", "complaints"))
            )
        )
        db.session.flush()
        html = family_plan_html()
        db.session.rollback()
    assert everything == (
        "If you disagree with the plan, tell your social worker or the conference chair first. "
        "You can ask for an advocate to help you. If you are still unhappy, you can complain to "
        "the council: see “How to complain” below. Complaining will not change the help your "
        "family gets."
    )
    assert disagree(html) == (
        "If you disagree with the plan, tell your social worker first. If you are still unhappy, "
        "you can complain to the council: ask your social worker for the complaints leaflet. "
        "Complaining will not change the help your family gets."
    )
    assert not any(
        line.startswith(("The conference chair", "Someone to help", "How to complain"))
        for line in contact_lines(html)
    )


def test_the_areas_own_paragraph_replaces_only_the_paragraph(app, seeded, monkeypatch):
    monkeypatch.setitem(app.config, "COMPLAINTS_TEXT", "Ring Demo Borough on 01234 567890.")
    with app.app_context():
        in_english()
        html = family_plan_html()
        db.session.rollback()
    assert disagree(html) == "Ring Demo Borough on 01234 567890."
    assert (
        "How to complain: Complaints Team, 01632 960500 or complaints@demo.example"
        in contact_lines(html)
    )


def test_the_bilingual_plan_prints_the_contacts_and_marks_them_english(app, seeded):
    with app.app_context():
        html = family_plan_html()  # the demo's plan is in Yoruba and English
    assert '<html lang="yo">' in html
    lines = contact_lines(html)
    assert "Nọ́mbà fóònù òṣìṣẹ́ àwùjọ yín (Your social worker’s phone): 01632 960123" in lines
    assert '<span class="contact-value" lang="en">01632 960123</span>' in html


def test_the_family_version_of_the_core_group_notes_carries_the_contacts(app, seeded):
    with app.app_context():
        meeting = db.session.scalars(
            select(CoreGroupMeeting).order_by(CoreGroupMeeting.held_on.desc())
        ).first()
        in_english()  # each label beside its value, as an English-reading family has them
        family = pdf_text(documents.core_group_notes_pdf(meeting, core_group_notes.FAMILY))
        record = pdf_text(documents.core_group_notes_pdf(meeting, core_group_notes.RECORD))
        db.session.rollback()
    for label, value in EXPECTED:
        assert squashed(f"{label}: {value}") in family, label
    assert squashed("Who to contact") not in record


def test_the_review_report_for_the_parents_carries_the_contacts(app, seeded):
    with app.app_context():
        review = max(
            db.session.scalars(select(Conference).where(Conference.case_id == demo_case().id)),
            key=lambda conference: conference.held_on,
        )
        in_english()  # each label beside its value, as an English-reading family has them
        text = pdf_text(documents.review_report_pdf(review))
        db.session.rollback()
    assert squashed("Who to contact") in text
    for label, value in EXPECTED:
        assert squashed(f"{label}: {value}") in text, label
