"""The school nurse with five minutes, by keyboard only: the social worker has started recording
today's core group for the demo family; Priya (School Nursing Service) signs in, opens the
meeting, records only her agency's update and the status of her own action, saves, and the
meeting's contents list says her part is saved. axe checks every page, the error state too."""

import pytest
from journey import choose, follow, group, heading, press_button, type_in
from sqlalchemy import select

from conference.common.templating import long_date
from conference.domain import clock
from conference.extensions import db
from conference.models import ActionUpdate, AgencyUpdate, Case, PlanAction, User
from conference.services import core_group_parts, core_groups

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo password for the nurse journey"
NURSE = "practitioner@demo.example"
HER_ACTION = "See Kemi at school every 2 weeks"
UPDATE = "Seen Kemi at school twice since the last meeting; she was calm and talked about home."


@pytest.fixture
def meeting_id(app, monkeypatch) -> int:
    """The demo family, and today's core group started by the social worker (only its date)."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        worker = db.session.scalar(select(User).where(User.email == "socialworker@demo.example"))
        plan = core_groups.current_plan(case)
        meeting = core_group_parts.start_meeting(worker, case, plan, clock.today(), worker.name)
        db.session.commit()
        return meeting.id


def test_the_nurse_records_only_her_agency_update(page, app, meeting_id, check_accessible):
    page.goto("/sign-in")
    type_in(page, "Email address", NURSE)
    page.get_by_role("textbox", name="Password").focus()
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # She lands on My work: the meeting being recorded, and her action with its "By when".
    assert heading(page) == "My work"
    check_accessible(page, "nurse-00-my-work")
    assert HER_ACTION in page.locator("h2#actions + .app-table-scroll table").inner_text()
    follow(page, f"Finish recording the core group meeting of {long_date(clock.today())}")
    assert page.url.endswith(f"/core-groups/{meeting_id}")
    check_accessible(page, "nurse-01-meeting")
    contents = page.locator("ol.app-meeting-parts")
    assert "Not saved yet" in contents.locator('[data-part="agency:"]').inner_text()

    follow(page, "Each agency’s update")
    assert heading(page) == "Your agency’s update"
    check_accessible(page, "nurse-02-her-part")
    # Only her agency's action is asked about: one group of radios.
    assert page.locator("input[type=radio]").count() == 4
    assert page.get_by_role("group", name=f"What happened to: {HER_ACTION}").count() == 1

    # Her action starts from what the last core group said; saving without her update says
    # what is needed.
    press_button(page, "Save your update")
    assert "Enter your agency’s update" in page.locator(".govuk-error-summary").inner_text()
    check_accessible(page, "nurse-03-error")

    type_in(page, "Update from School Nursing Service", UPDATE)
    choose(page, "In progress", within=group(page, f"What happened to: {HER_ACTION}"))
    press_button(page, "Save your update")

    assert page.url.endswith(f"/core-groups/{meeting_id}#contents")
    assert "The update from School Nursing Service saved" in page.locator("main").inner_text()
    her_part = page.locator('[data-part="agency:"]').inner_text()
    assert "Saved by Priya Practitioner" in her_part
    assert "School Nursing Service" in her_part
    check_accessible(page, "nurse-04-saved")

    with app.app_context():
        update = db.session.scalar(
            select(AgencyUpdate).where(AgencyUpdate.meeting_id == meeting_id)
        )
        assert (update.agency, update.summary) == ("School Nursing Service", UPDATE)
        [row] = db.session.scalars(
            select(ActionUpdate).where(ActionUpdate.meeting_id == meeting_id)
        ).all()
        assert (db.session.get(PlanAction, row.action_id).what, row.status) == (
            HER_ACTION,
            "in_progress",
        )
