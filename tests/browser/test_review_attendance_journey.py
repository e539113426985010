"""The review's attendance without typing anyone again, by keyboard only: the social worker
starts the demo family's review conference from the core groups' evidence, opens its
attendance, and ticks who came from the people offered (the last conference's, the core
group's and the children); Dad sends apologies with a reason, Kemi (13) comes and is listed, and
one new person is added with the short form (after its error). axe checks every page."""

import pytest
from core_group_demo import delete_conference
from journey import choose, follow, group, heading, press_button, type_in
from sqlalchemy import select

from conference.extensions import db
from conference.models import Attendee, Case, ChildVoice, Conference, Plan

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo password for the review attendance journey"
WORKER = "socialworker@demo.example"
APOLOGY = "On a course that day; his worker will pass on his views"


@pytest.fixture
def case_id(app, monkeypatch) -> int:
    """The demo family, with its review not scheduled yet (the demo has one in draft): the
    social worker starts it from the core groups' evidence."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        query = select(Conference).where(
            Conference.case_id == case.id, Conference.finalised_at.is_(None)
        )
        for draft in db.session.scalars(query).all():
            for plan in db.session.scalars(select(Plan).where(Plan.conference_id == draft.id)):
                db.session.delete(plan)
            db.session.flush()
            delete_conference(draft)  # with the views sent for it
        db.session.commit()
        return case.id


def test_the_review_starts_from_the_people_already_known(page, app, case_id, check_accessible):
    page.goto("/sign-in")
    type_in(page, "Email address", WORKER)
    page.get_by_role("textbox", name="Password").focus()
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # 1. The review, started from the core groups' evidence: the core group and parents invited.
    page.goto(f"/cases/{case_id}/review-conference/new")
    assert heading(page) == "Start the review conference"
    page.get_by_label("Chair", exact=True).focus()
    page.get_by_label("Chair", exact=True).select_option(label="Charlie Chair")
    press_button(page, "Schedule the review conference")
    assert heading(page) == "Review child protection conference"
    follow(page, "Attendance")
    assert heading(page) == "Attendance"
    offered = page.locator(".govuk-inset-text").inner_text()
    assert "from the last conference, the core group and the family" in offered
    assert "Kemi Adebayo" in offered and "PC Sam Ali" in offered
    check_accessible(page, "review-attendance-01-list")

    # 2. Ticking who came: nobody typed again.
    press_button(page, "Record who came")
    assert heading(page) == "Record who came"
    check_accessible(page, "review-attendance-02-register")
    choose(page, "Came", within=group(page, "Funmilayo Adebayo"))
    choose(page, "Came", within=group(page, "Sam Social-Worker"))
    choose(page, "Came", within=group(page, "Priya Practitioner"))
    choose(page, "Came", within=group(page, "Ms Jo Jones"))
    dad = group(page, "Olumide Adebayo")
    choose(page, "Sent apologies", within=dad)
    type_in(page, "Why they could not come (optional)", APOLOGY, within=dad)
    choose(page, "Sent a report", within=group(page, "PC Sam Ali"))
    choose(page, "Came", within=group(page, "Kemi Adebayo"))
    check_accessible(page, "review-attendance-03-ticked")
    press_button(page, "Save attendance")
    assert heading(page) == "Attendance"
    table = page.locator("table.govuk-table").inner_text()
    assert APOLOGY in table
    kemi = page.locator("tr", has=page.get_by_role("rowheader", name="Kemi Adebayo"))
    assert "Child" in kemi.inner_text() and "Attended" in kemi.inner_text()
    check_accessible(page, "review-attendance-04-saved")

    # 3. One new person: the short form, its error first.
    press_button(page, "Add a person")
    assert heading(page) == "Add a person to the attendance list"
    assert page.locator("details").get_attribute("open") is None
    choose(page, "Attended")
    press_button(page, "Add this person")
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessible(page, "review-attendance-05-error")
    type_in(page, "Name", "Dr Ada Obi")
    type_in(page, "Role (optional)", "GP")
    choose(page, "Health")
    press_button(page, "Add this person")
    assert heading(page) == "Attendance"
    assert "Dr Ada Obi" in page.locator("table.govuk-table").inner_text()
    check_accessible(page, "review-attendance-06-added")

    with app.app_context():
        review = db.session.scalar(
            select(Conference).where(
                Conference.case_id == case_id, Conference.finalised_at.is_(None)
            )
        )
        people = {
            a.name: a
            for a in db.session.scalars(select(Attendee).where(Attendee.conference_id == review.id))
        }
        assert people["Olumide Adebayo"].attendance == "apologies"
        assert people["Olumide Adebayo"].apologies_reason == APOLOGY
        assert people["PC Sam Ali"].attendance == "report_sent"
        assert people["Kemi Adebayo"].child_id is not None
        assert (people["Dr Ada Obi"].role, people["Dr Ada Obi"].agency_type) == ("GP", "health")
        assert (
            db.session.scalar(select(ChildVoice).where(ChildVoice.conference_id == review.id))
            is None
        )  # no voice recorded yet: nothing to follow
