"""The chair puts the demo family's draft plan right and finalises it, with the keyboard only: the
checker's findings panel changes while a goal is typed (before anything is saved), two flagged
goals are rewritten, an action is added, and the plan is finalised with a reason for what is still
outstanding. A finalised plan then refuses changes, and a single version has nothing to compare.
axe checks every page the journey visits, error states included.

Keyboard only, as in test_conference_journey.py: focus moves with `focus()` and everything is done
with Enter, Space and typing, never a mouse click."""

import re
from datetime import timedelta

import pytest
from journey import choose, follow, group, heading, press_button, type_date, type_in
from playwright.sync_api import expect
from sqlalchemy import select

from conference.domain import clock
from conference.extensions import db
from conference.models import Plan

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo password for the plan journey"
CHAIR = "chair@demo.example"
TASK_GOAL = "Dad will engage with the alcohol service."
UNMEASURABLE_GOAL = "Tolu feels safe and happy at home."
TYPED_TASK = "Dad will attend the alcohol service"
OUTCOME = (
    "When Dad looks after the children he has not been drinking, every time, for at least 6 months"
)
OUTCOME_MEASURE = "Grandma’s diary and the children’s own scale at each visit"
OUTCOME_TARGET = "Every time, for 6 months"
TOLU_MEASURE = "Tolu’s own 0-10 scale at each visit, and what he tells his class teacher"
TOLU_TARGET = "Tolu scores 7 or more at every visit, for 6 months"
ACTION_WHAT = "Check in with Tolu every week about how things are at home"
ACTION_WHO = "Mr Okafor (Tolu’s class teacher)"
REASON_LABEL = "Why is the plan being finalised with these findings outstanding?"
REASON = "The core group will look again at the remaining wording at its first meeting"
SCORE = re.compile(r"^(\d+) of (\d+) checks met$")


# Helpers ---------------------------------------------------------------------------------------


def replace_text(page, label: str, text: str) -> None:
    """Focus the text box with this label, select everything in it and type over it."""
    field = page.get_by_label(label, exact=True)
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    assert field.input_value() == text


def goal_card(page, number: int):
    return page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name=f"Safety goal {number}", exact=True)
    )


def statement_of(page, number: int) -> str:
    return goal_card(page, number).locator("[id$='-statement']").inner_text()


def reading_of(page, number: int):
    """The checker's reading shown under a goal's card on the plan page."""
    return goal_card(page, number).locator("xpath=following-sibling::div[1]")


def tags_of(scope) -> str:
    return scope.locator("[data-assessment-tags]").inner_text()


def grade_of(scope) -> tuple[str, str]:
    """The checker's graded reading shown: (the grade, its tag's words)."""
    tag = scope.locator("[data-assessment-tags] [data-grade]")
    return tag.get_attribute("data-grade"), tag.inner_text().strip()


def score(page) -> tuple[int, int]:
    text = page.locator("#checks .govuk-body-l").inner_text().strip()
    match = SCORE.match(text)
    assert match, text
    return int(match[1]), int(match[2])


def plan_findings(page) -> list[str]:
    return page.locator("#checks [data-finding] a").all_inner_texts()


def panel(page):
    return page.locator("#plan-check-result")


def checked_live(page, typing, last_typed: str) -> None:
    """Do the `typing`, then wait for the checker's answer to the goal as typed last (the body
    sent holds `last_typed`) and for the findings panel to be drawn again from it: the tags the
    page opened with are replaced, so the panel shown is the live answer, not the server's."""
    shown = panel(page).locator("[data-assessment-tags]").element_handle()
    with page.expect_response(
        lambda r: (
            r.url.endswith("/goals/check")
            and r.request.method == "POST"
            and last_typed in (r.request.post_data or "")
        ),
        timeout=15_000,
    ) as answer:
        typing()
    assert answer.value.status == 200
    page.wait_for_function("tags => !tags.isConnected", arg=shown, timeout=10_000)


def open_goal(page, number: int, statement: str) -> None:
    assert statement_of(page, number) == statement
    follow(page, f"Change (Safety goal {number})")
    assert heading(page) == "Change a safety goal"
    assert page.get_by_label("What will be different for the child?").input_value() == statement


def refused_page_is_shown(page, path: str, check_accessible) -> None:
    """Open a change route of the finalised plan in another tab of the same session: it answers
    409 with the "This plan is finalised" page. Chromium reports every 4xx document in the
    console ("Failed to load resource: … 409"), which the `page` fixture counts as an error, so
    the tab keeps its own list and sets aside that one expected line only."""
    tab = page.context.new_page()
    errors = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    response = tab.goto(path)
    assert response.status == 409
    assert heading(tab) == "This plan is finalised"
    assert (
        "Nothing was changed. A finalised plan cannot be edited."
        in tab.locator("main").inner_text()
    )
    check_accessible(tab, "plan-16-finalised-409")
    follow(tab, "Go back to the plan")
    assert heading(tab) == "Plan version 1"
    tab.close()
    expected = "Failed to load resource: the server responded with a status of 409 (CONFLICT)"
    assert [error for error in errors if error != expected] == []


# Set-up ----------------------------------------------------------------------------------------


@pytest.fixture
def demo(app, monkeypatch):
    """The demo as it stood before the chair finalised its plan: version 1 in draft, with the
    checker's findings not accepted yet, and no version 2 (the demo finalises version 1 and
    drafts version 2 for the review; this journey is the finalising)."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        first = db.session.scalar(select(Plan).where(Plan.number == 1))
        for later in db.session.scalars(select(Plan).where(Plan.number > 1)):
            db.session.delete(later)
        first.finalised_at = first.finalised_by_id = None
        first.accepted_findings_reason = ""
        first.accepted_findings = []
        db.session.commit()


def sign_in_as_chair(page, check_accessible) -> None:
    page.goto("/sign-in")
    check_accessible(page, "plan-01-sign-in")
    type_in(page, "Email address", CHAIR)
    page.get_by_role("textbox", name="Password").focus()
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert heading(page) == "My work"
    check_accessible(page, "plan-02-my-work")


# The journey -----------------------------------------------------------------------------------


def test_a_chair_puts_the_demo_plan_right_and_finalises_it_by_keyboard(
    page, demo, check_accessible
):
    sign_in_as_chair(page, check_accessible)

    # 1. From the case to its draft plan: the plan-level score, and the two flagged goals.
    follow(page, "Cases")
    check_accessible(page, "plan-03-cases")
    follow(page, "DEMO-0001")
    assert heading(page) == "Case DEMO-0001"
    check_accessible(page, "plan-04-case")
    follow(page, "Plan version 1")
    assert heading(page) == "Plan version 1"
    plan_url = page.url.split("#")[0]
    plan_path = re.search(r"/plans/\d+$", plan_url)[0]
    assert page.locator("main .govuk-tag", has_text="Draft").first.is_visible()
    met_before, total = score(page)
    assert met_before < total
    findings = plan_findings(page)
    assert (
        "Safety goal 5 says what an adult or a service will do, not what will be different "
        "for the child"
    ) in findings
    assert "Nobody could show whether safety goal 6 has been achieved" in findings
    assert "Safety goal 6 has no actions" in findings
    assert statement_of(page, 5) == TASK_GOAL
    assert "Task, not an outcome" in tags_of(reading_of(page, 5))
    assert statement_of(page, 6) == UNMEASURABLE_GOAL
    assert "Not measurable" in tags_of(reading_of(page, 6))
    assert grade_of(reading_of(page, 6)) == ("outcome", "Outcome")
    check_accessible(page, "plan-05-plan-draft")

    # 2. The task-based goal becomes an outcome, with the findings panel following the typing.
    open_goal(page, 5, TASK_GOAL)
    assert "Task, not an outcome" in tags_of(panel(page))
    check_accessible(page, "plan-06-goal-task")
    checked_live(
        page,
        lambda: replace_text(page, "What will be different for the child?", TYPED_TASK),
        TYPED_TASK,
    )
    expect(panel(page).locator("[data-assessment-tags]")).to_contain_text("Task, not an outcome")
    expect(panel(page).locator("[data-assessment-tags]")).to_contain_text("Not measurable yet")
    assert panel(page).locator("[data-finding]").count() > 0

    def write_the_outcome():
        replace_text(page, "What will be different for the child?", OUTCOME)
        replace_text(page, "How we will know", OUTCOME_MEASURE)
        replace_text(page, "The target", OUTCOME_TARGET)

    checked_live(page, write_the_outcome, OUTCOME_TARGET)
    tags = panel(page).locator("[data-assessment-tags]")
    expect(tags.locator("[data-grade]")).to_have_attribute("data-grade", "outcome")
    expect(tags.locator("[data-grade]")).to_have_text("Outcome")
    expect(tags).to_contain_text("Measurable")
    expect(tags).not_to_contain_text("Task, not an outcome")
    expect(tags).not_to_contain_text("Not measurable yet")
    assert page.locator(".govuk-error-summary").count() == 0  # nothing was submitted
    check_accessible(page, "plan-07-goal-outcome-live")
    press_button(page, "Save changes")
    assert heading(page) == "Plan version 1"
    assert page.get_by_text("Changes to the safety goal saved").is_visible()
    assert statement_of(page, 5) == OUTCOME
    reading = tags_of(reading_of(page, 5))
    assert grade_of(reading_of(page, 5)) == ("outcome", "Outcome") and "Measurable" in reading
    assert "Task, not an outcome" not in reading and "Not measurable" not in reading
    assert not [f for f in plan_findings(page) if "safety goal 5" in f.lower()]
    check_accessible(page, "plan-08-plan-goal-5-saved")

    # 3. The unmeasurable goal gets a measure and a target, then an action.
    open_goal(page, 6, UNMEASURABLE_GOAL)
    assert "Not measurable yet" in tags_of(panel(page))

    def measure_it():
        replace_text(page, "How we will know", TOLU_MEASURE)
        replace_text(page, "The target", TOLU_TARGET)

    checked_live(page, measure_it, TOLU_TARGET)
    expect(panel(page).locator("[data-assessment-tags]")).not_to_contain_text("Not measurable")
    expect(panel(page).locator("[data-assessment-tags]")).to_contain_text("Measurable")
    check_accessible(page, "plan-09-goal-measurable-live")
    press_button(page, "Save changes")
    assert page.get_by_text("Changes to the safety goal saved").is_visible()
    assert "Not measurable" not in tags_of(reading_of(page, 6))
    assert "Nobody could show whether safety goal 6 has been achieved" not in plan_findings(page)

    follow(page, "Add an action safety goal 6")
    assert heading(page) == "Add an action"
    assert page.locator(".govuk-inset-text").inner_text().strip() == UNMEASURABLE_GOAL
    assert page.get_by_label("Not started", exact=True).is_checked()
    check_accessible(page, "plan-10-action")
    press_button(page, "Add the action")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    errors = summary.locator("a").all_inner_texts()
    assert "Enter what will be done" in errors
    assert "Select who will do this" in errors
    assert "Enter the date this will be done by" in errors
    assert page.title().startswith("Error: ")
    check_accessible(page, "plan-11-action-errors")
    type_in(page, "What will be done", ACTION_WHAT)
    who = page.get_by_label("Who will do this", exact=True)
    who.focus()
    who.select_option(label="Someone else")
    type_in(page, "If someone else, who?", ACTION_WHO)
    type_date(page, "By when", clock.today() + timedelta(days=14))
    choose(page, "Not started", group(page, "Status"))
    press_button(page, "Add the action")
    assert heading(page) == "Plan version 1"
    assert page.get_by_text("Action added").is_visible()
    actions = page.get_by_role("table", name="Actions for safety goal 6")
    row = actions.locator("tbody tr").filter(has_text=ACTION_WHAT)
    assert ACTION_WHO in row.inner_text()
    assert "Not started" in row.inner_text()
    assert "Safety goal 6 has no actions" not in plan_findings(page)
    # Each action is a check of its own, so the total grows: fewer checks are unmet.
    met_after, total_after = score(page)
    assert total_after - met_after < total - met_before
    check_accessible(page, "plan-12-plan-fixed")

    # 4. The chair finalises the plan: outstanding findings need a reason.
    press_button(page, "Finalise the plan")
    assert heading(page) == "Finalise the plan"
    check_accessible(page, "plan-13-finalise")
    # The checker still reads safety goal 4 ("The baby's health is checked at every antenatal
    # appointment…", passive) as a task, so today the reason is needed; should the checker or the
    # demo plan change, the plain finalise is taken instead.
    outstanding = page.get_by_role("heading", name="Findings still to put right").count() > 0
    if outstanding:
        assert page.get_by_label(REASON_LABEL).count() == 1
        press_button(page, "Finalise the plan with these findings")
        assert heading(page) == "Finalise the plan"
        summary = page.locator(".govuk-error-summary")
        assert summary.locator("a").all_inner_texts() == [
            "Enter why the plan is being finalised with findings outstanding"
        ]
        assert page.title().startswith("Error: ")
        check_accessible(page, "plan-14-finalise-errors")
        type_in(page, REASON_LABEL, REASON)
        press_button(page, "Finalise the plan with these findings")
    else:
        assert page.get_by_label(REASON_LABEL).count() == 0
        press_button(page, "Finalise the plan")
    assert page.url.split("#")[0] == plan_url
    assert page.get_by_text("The plan is finalised. It can no longer be changed.").is_visible()
    finalised = page.locator("main .govuk-tag", has_text="Finalised").first.inner_text()
    assert finalised.startswith("Finalised ") and finalised.endswith("by Charlie Chair")
    if outstanding:
        accepted = page.locator("#checks")
        assert "Accepted when the plan was finalised" in accepted.inner_text()
        assert REASON in accepted.inner_text()
    assert page.get_by_role("link", name="Change (Safety goal 5)").count() == 0
    assert page.get_by_role("button", name="Finalise the plan").count() == 0
    check_accessible(page, "plan-15-plan-finalised")

    # A change route answers "This plan is finalised" (409), and nothing is changed.
    goal_5 = goal_card(page, 5).get_attribute("id").removeprefix("goal-")
    refused_page_is_shown(page, f"{plan_path}/goals/{goal_5}", check_accessible)
    page.reload()
    assert statement_of(page, 5) == OUTCOME

    # 5. Versions: the family has one plan, finalised; a single version has nothing to compare.
    follow(page, "All versions of the family’s plan")
    assert heading(page) == "Versions of the plan"
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert rows.first.inner_text().startswith("Version 1")
    assert "Finalised" in rows.first.inner_text()
    # The "What changed" link is only offered from version 2.
    assert page.get_by_role("link", name=re.compile("^What changed")).count() == 0
    check_accessible(page, "plan-17-versions")
    # compare_plans answers for a first version too (no `with`: no previous version).
    page.goto(f"{plan_path}/compare")
    assert heading(page) == "What changed in the plan"
    assert (
        "Version 1 is the family’s first plan: there is nothing to compare it with."
        in page.locator("main").inner_text()
    )
    check_accessible(page, "plan-18-compare-first-version")
    follow(page, "Back to the plan")
    follow(page, "Back to the conference")
    assert heading(page) == "Initial child protection conference"
    plan_link = page.get_by_role("link", name="Plan version 1", exact=True)
    assert plan_link.locator("xpath=..").locator(".govuk-tag").inner_text() == "Finalised"
    check_accessible(page, "plan-19-hub")


MIXED_GOAL = "Mum will stay off drink and see her key worker every week"


def test_a_goal_with_an_action_mixed_in_is_read_as_one_while_it_is_typed(
    page, demo, check_accessible
):
    """Typing a goal with an action written into its outcome: the panel grades it mixed and says
    which words are the outcome and which the action (this waits on the checker grading goals
    clause by clause)."""
    sign_in_as_chair(page, check_accessible)
    follow(page, "Cases")
    follow(page, "DEMO-0001")
    follow(page, "Plan version 1")
    open_goal(page, 5, TASK_GOAL)
    checked_live(
        page,
        lambda: replace_text(page, "What will be different for the child?", MIXED_GOAL),
        MIXED_GOAL,
    )
    tag = panel(page).locator("[data-assessment-tags] [data-grade]")
    expect(tag).to_have_attribute("data-grade", "mixed")
    expect(tag).to_have_text("Outcome with actions mixed in")
    expect(panel(page).locator("[data-mixed-reading]")).to_have_text(
        "The outcome here is “Mum will stay off drink”; keep “see her key worker every week” as "
        "an action."
    )
    check_accessible(page, "plan-20-goal-mixed-live")
