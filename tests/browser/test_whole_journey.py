"""The whole service, from the pages only, on a fresh database (issue #9, parts 1 and 2).

Only the users are made directly; everything else is done through the pages. A social worker
creates the Stone family's case: two children, and a mother whose first language is Polish and
who needs an interpreter. The chair runs the initial conference (attendance, the map, scaling,
each child's voice and identity, the decisions), writes the plan with a task-based goal that the
plan checker flags, rewrites it as an outcome until the finding goes, finalises the conference and
the plan, and downloads the family plan, then Mum's own copy (Polish and English, once the
chair confirms an interpreter will go through its words); a manager's dashboard count of
children on a plan goes up by two when the conference is finalised. The school nurse, in the
core group through the conference's attendance list, records the first core group; the plan's
progress page shows it. The chair starts the review conference and sees that progress on the
review's pages.

On the way: a conference form's typing is offered back after its tab is closed without saving,
and two browsers edit the same map item, the second getting the conflict message with their text
kept. axe checks every page visited, error states and the conflict included.

The mouse is used here: test_conference_journey.py does a whole conference by keyboard only."""

import io
import re
from datetime import date, timedelta

import pypdf
import pytest
from helpers import PASSWORD
from playwright.sync_api import expect

from conference.domain import clock, timescales

pytestmark = pytest.mark.browser

SOCIAL_WORKER = "sam@example.org"
CHAIR = "chair@example.org"
NURSE = "nina@example.org"
MANAGER = "mo@example.org"

TASK_GOAL = "Mum to attend a parenting course"
TASK_FINDING = (
    "Safety goal 1 says what an adult or a service will do, not what will be different "
    "for the child"
)
UNMEASURED_FINDING = "Nobody could show whether safety goal 1 has been achieved"
OUTCOME = "Ruby and Leo always have an adult with them at home when they are not at school"
MEASURE = "Nan’s diary, unannounced visits and what Ruby tells the school nurse each week"
TARGET = "Every day, for 6 months"
OWNER = "Anna Stone (Mum)"
ACTION = "Mum goes to the Tuesday parenting course at the family centre"
DANGER = "In October Leo was found alone at home for two hours while Mum was at work"
WORRY = {
    "Who is worried": "Sam Worker (social worker) and Nina Nurse (school nurse)",
    "About what behaviour or event": "Ruby and Leo are left at home without an adult",
    "What could happen to the child if nothing changes": (
        "Leo could be hurt at home with nobody there to help him"
    ),
}
SAFETY = "Nan collects the children from school on Tuesdays and Thursdays"
SAFETY_CHANGED = "Nan collects the children from school every weekday"
FAMILY_RESPONSE = "Mum says Nan is a great help"
STRENGTH = "Mum loves the children and they are always clean and fed"
PROGRESS_NOW = "Nan or Mum has been at home every day since the conference"
PROGRESS_EVIDENCE = "Nan’s diary has no gaps and Ruby told me she is never alone now"


# Helpers ---------------------------------------------------------------------------------------


def heading(page) -> str:
    return page.locator("h1").inner_text()


def banner(page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def group(page, legend: str):
    return page.get_by_role("group", name=legend, exact=True)


def fill_date(scope, day: date) -> None:
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        scope.get_by_label(part, exact=True).fill(str(value))


def click_button(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def click_link(page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    click_button(page, "Sign in")
    assert heading(page) == "My work"


def error_links(page) -> list[str]:
    return page.locator(".govuk-error-summary a").all_inner_texts()


def plan_findings(page) -> list[str]:
    return page.locator("#checks [data-finding] a").all_inner_texts()


def working_day_on_or_before(day: date, calendar) -> date:
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


class Browsers:
    """Pages in browser contexts of their own (a person at another computer): each collects the
    console errors it reports, and none may report any."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url = browser, base_url
        self.contexts, self.errors = [], []

    def watch(self, page):
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def open(self, email: str):
        context = self.browser.new_context(base_url=self.base_url)
        self.contexts.append(context)
        page = self.watch(context.new_page())
        sign_in(page, email)
        return page


@pytest.fixture
def browsers(browser, live_server):
    opened = Browsers(browser, live_server)
    yield opened
    for context in opened.contexts:
        context.close()
    assert opened.errors == [], "another browser reported errors"


@pytest.fixture
def people(make_user):
    make_user("social_worker", email=SOCIAL_WORKER, name="Sam Worker", team="Team A")
    make_user("chair", email=CHAIR, name="Charlie Chair")
    make_user("practitioner", email=NURSE, name="Nina Nurse", agency="Riverside Health")
    make_user("manager", email=MANAGER, name="Mo Manager", team="Team A")


@pytest.fixture
def dates():
    """The initial conference 5 working days ago (so the core group held today comes after it),
    the strategy discussion 10 working days before that."""
    calendar = timescales.default_calendar()
    held_on = working_day_on_or_before(clock.today(), calendar)
    held_on = calendar.subtract_working_days(held_on, 5)
    review = working_day_on_or_before(timescales.first_review_due(held_on), calendar)
    return {
        "calendar": calendar,
        "held_on": held_on,
        "strategy": calendar.subtract_working_days(held_on, 10),
        "first_core_group": timescales.first_core_group_due(held_on, calendar),
        "review": review,
    }


# 1. The social worker creates the case ------------------------------------------------------------


def create_the_case(page, dates, check_accessible) -> str:
    """Returns the case page's address."""
    sign_in(page, SOCIAL_WORKER)
    click_link(page, "Cases")
    click_button(page, "Create a case")
    assert heading(page) == "Create a case"
    check_accessible(page, "whole-01-new-case")
    page.get_by_label("Case reference").fill("WJ-000001")
    page.get_by_label("Team", exact=True).select_option(label="Team A")
    page.get_by_label("Allocated social worker").select_option(label="Sam Worker")
    fill_date(group(page, "Referral date"), dates["strategy"] - timedelta(days=7))
    fill_date(group(page, "Date the case opened"), dates["strategy"] - timedelta(days=6))
    page.get_by_label("Section 47 enquiry").check()
    click_button(page, "Continue")
    assert heading(page) == "Check the case details before creating it"
    check_accessible(page, "whole-02-check-case")
    click_button(page, "Create case")
    assert "Case WJ-000001 created" in banner(page)
    case_url = page.url

    children = [
        ("Ruby", date(clock.today().year - 9, 5, 14), "Female", "WJ-RUBY"),
        ("Leo", date(clock.today().year - 5, 1, 2), "Male", "WJ-LEO"),
    ]
    for number, (name, born, sex, local_id) in enumerate(children, start=1):
        page.goto(case_url)
        click_button(page, "Add a child")
        assert heading(page) == "Add a child"
        if number == 1:
            check_accessible(page, "whole-03-new-child")
        page.get_by_label("First name").fill(name)
        page.get_by_label("Last name").fill("Stone")
        group(page, "Is the child born yet?").get_by_label("Yes", exact=True).check()
        fill_date(group(page, "Date of birth"), born)
        group(page, "Sex").get_by_label(sex, exact=True).check()
        page.get_by_label("Local child ID").fill(local_id)
        click_button(page, "Add child")
        assert heading(page) == f"{name} Stone"
        assert f"{name} Stone added to the case" in banner(page)

    # The mother: an empty form first, for its errors.
    page.goto(case_url)
    click_button(page, "Add an adult")
    click_button(page, "Add adult")
    expect(page).to_have_title(re.compile(r"^Error: "))
    errors = error_links(page)
    assert "Enter the person’s first name" in errors
    assert "Select their relationship to Ruby Stone" in errors
    assert "Select their relationship to Leo Stone" in errors
    check_accessible(page, "whole-04-new-adult-errors")
    page.get_by_label("First name").fill("Anna")
    page.get_by_label("Last name").fill("Stone")
    group(page, "Do they live in the children’s household?").get_by_label("Yes").check()
    for child in ("Ruby Stone", "Leo Stone"):
        page.get_by_label(f"Relationship to {child}").select_option(label="Mother")
        group(page, f"Parental responsibility for {child}?").get_by_label("Yes").check()
    click_button(page, "Add adult")
    assert "Anna Stone added to the case" in banner(page)

    # Her identity: Polish, and an interpreter is needed (its language forgotten at first).
    page.get_by_role("link", name=re.compile(r"^Identity\s+\(Anna Stone\)")).click()
    assert heading(page) == "Identity, culture and language for Anna Stone"
    check_accessible(page, "whole-05-adult-identity")
    page.get_by_label("First language", exact=True).fill("Polish")
    group(page, "Is an interpreter needed?").get_by_label("Yes", exact=True).check()
    click_button(page, "Save answers")
    assert error_links(page) == ["Enter the language the interpreter must speak"]
    assert page.get_by_label("First language", exact=True).input_value() == "Polish"
    check_accessible(page, "whole-06-adult-identity-errors")
    page.get_by_label("Language the interpreter must speak").fill("Polish")
    page.get_by_label("Language the written plan must be in").fill("Polish")
    click_button(page, "Save answers")
    assert "Identity answers for Anna Stone saved" in banner(page)
    anna = page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name="Anna Stone", exact=True)
    )
    assert re.search(r"First language\s+Polish", anna.inner_text())
    assert re.search(r"Interpreter needed\s+Yes: Polish", anna.inner_text())
    check_accessible(page, "whole-07-case")
    click_button(page, "Sign out")
    return case_url


# 2. The chair runs the initial conference ---------------------------------------------------------


def schedule_the_conference(page, case_url, dates, check_accessible) -> str:
    page.goto(case_url)
    click_button(page, "Schedule a conference")
    page.get_by_label("Initial child protection conference").check()
    fill_date(
        group(page, "Date of the strategy discussion that started the section 47 enquiry"),
        dates["strategy"],
    )
    fill_date(group(page, "Date of the conference"), dates["held_on"])
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Venue").fill("Room 2, Civic Centre")
    page.get_by_label("Chair", exact=True).select_option(label="Charlie Chair")
    click_button(page, "Schedule the conference")
    assert heading(page) == "Initial child protection conference"
    assert "Initial child protection conference scheduled" in banner(page)
    # Both children have their own voice, identity and decision.
    for child in ("Ruby", "Leo"):
        for link in (f"{child}’s voice", f"Identity: {child}", f"Decision for {child}"):
            expect(page.get_by_role("link", name=link, exact=True)).to_be_visible()
    check_accessible(page, "whole-08-hub")
    return page.url


def record_attendance(page, hub, check_accessible) -> None:
    people = [
        {"adult": "Anna Stone", "type": "Family", "parent": True, "interpreter": "Polish"},
        {
            "name": "Sam Worker",
            "role": "Social worker",
            "agency": "Children’s Services",
            "type": "Children’s social care",
            "account": "Sam Worker – Children’s Social Care",
        },
        {
            "name": "Tara Teacher",
            "role": "Class teacher",
            "agency": "Riverside Primary",
            "type": "Education",
        },
        # The school nurse's account gives her the case, once she is in the core group.
        {
            "name": "Nina Nurse",
            "role": "School nurse",
            "agency": "Riverside Health",
            "type": "Health",
            "account": "Nina Nurse – Riverside Health",
        },
    ]
    page.goto(hub)
    click_link(page, "Attendance")
    for person in people:
        click_button(page, "Add a person")
        # Everything but the name, role, type of agency and attendance is under "More about this
        # person", closed at first.
        page.get_by_text("More about this person (optional)", exact=True).click()
        if "adult" in person:
            page.get_by_label("Family member on the case (optional)").select_option(
                label=person["adult"]
            )
        else:
            page.get_by_label("Name", exact=True).fill(person["name"])
            page.get_by_label("Role (optional)").fill(person["role"])
            page.get_by_label("Agency or organisation (optional)").fill(person["agency"])
        group(page, "Type of agency").get_by_label(person["type"], exact=True).check()
        if person.get("parent"):
            parent = group(page, "Is this person a parent or carer of the children?")
            parent.get_by_label("Yes").check()
        if "account" in person:
            page.get_by_label("Account in this service (optional)").select_option(
                label=person["account"]
            )
        group(page, "Attendance").get_by_label("Attended").check()
        if "interpreter" in person:
            interpreter = group(page, "Was an interpreter present for this person?")
            interpreter.get_by_label("Yes", exact=True).check()
            page.get_by_label("Language", exact=True).fill(person["interpreter"])
        click_button(page, "Add this person")
        assert heading(page) == "Attendance"
    assert page.locator(".govuk-tag", has_text="Quorate").is_visible()
    anna = page.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="Anna Stone"))
    assert "Polish" in anna.inner_text()
    check_accessible(page, "whole-09-attendance")


def add_map_item(page, heading_name: str, fields: dict) -> None:
    click_link(page, f"Add an item under {heading_name}")
    for label, text in fields.items():
        page.get_by_label(label, exact=True).fill(text)
    for child in ("Ruby Stone", "Leo Stone"):
        page.get_by_label(child, exact=True).check()
    click_button(page, "Add to the map")
    assert f"Added to {heading_name}" in banner(page)


def map_with_autosave(page, hub, browsers, check_accessible) -> None:
    """The map, with a draft kept across a closed tab for the first item."""
    page.goto(hub)
    click_link(page, "The map")
    map_url = page.url
    check_accessible(page, "whole-10-map-empty")

    # Typing in a tab that is then closed without saving is offered back.
    tab = browsers.watch(page.context.new_page())
    tab.goto(map_url)
    # Typed only once the form's autosave has started (it asks whether a draft is waiting):
    # what a form shows when its script starts counts as saved, so text typed before that, as
    # a slow machine may let a test do, would not be sent until more is typed.
    with tab.expect_response(lambda r: "/drafts/" in r.url and r.request.method == "GET"):
        click_link(tab, "Add an item under Danger / harm")
    with tab.expect_response(
        lambda r: r.url.endswith("/drafts") and r.request.method == "POST", timeout=30_000
    ) as saved:
        tab.get_by_label("What was said", exact=True).fill(DANGER)
    assert saved.value.status == 204
    tab.close()

    click_link(page, "Add an item under Danger / harm")
    offered = page.locator(".govuk-notification-banner")
    restore = offered.get_by_role("button", name="Restore my changes")
    restore.wait_for()
    assert offered.inner_text().count("You have unsaved changes from ") == 1
    assert page.get_by_label("What was said", exact=True).input_value() == ""
    check_accessible(page, "whole-11-map-item-draft-offered")
    restore.click()
    assert page.get_by_label("What was said", exact=True).input_value() == DANGER
    for child in ("Ruby Stone", "Leo Stone"):
        page.get_by_label(child, exact=True).check()
    click_button(page, "Add to the map")
    assert "Added to Danger / harm" in banner(page)

    add_map_item(page, "Worry statements", WORRY)
    add_map_item(page, "Safety", {"What was said": SAFETY})
    add_map_item(page, "Strengths", {"What was said": STRENGTH})
    check_accessible(page, "whole-12-map")


def two_browsers_change_one_item(page, browsers, check_accessible) -> None:
    """The chair and the social worker open the same safety item; the chair saves first."""
    item = page.get_by_role("link", name=re.compile(r"^Change \(Item 1 under Safety")).first
    item_url = item.get_attribute("href")
    other = browsers.open(SOCIAL_WORKER)
    page.goto(item_url)
    other.goto(item_url)
    assert heading(other) == "Change an item on the map"

    page.get_by_label("The family’s response (optional)").fill(FAMILY_RESPONSE)
    click_button(page, "Save changes")
    assert "Changes saved under Safety" in banner(page)

    other.get_by_label("What was said", exact=True).fill(SAFETY_CHANGED)
    click_button(other, "Save changes")
    conflict = other.locator(".govuk-notification-banner")
    assert "Someone else changed this record while you were editing it" in conflict.inner_text()
    assert "Your changes have not been saved yet" in conflict.inner_text()
    changed = conflict.get_by_role("table", name="Where the saved record and your version differ")
    assert FAMILY_RESPONSE in changed.inner_text()
    assert other.get_by_label("What was said", exact=True).input_value() == SAFETY_CHANGED
    check_accessible(other, "whole-13-map-item-conflict")

    # They keep the chair's answer as well as their own, and save again.
    other.get_by_label("The family’s response (optional)").fill(FAMILY_RESPONSE)
    click_button(other, "Save changes")
    assert "Changes saved under Safety" in banner(other)
    safety = other.locator("main").inner_text()
    assert SAFETY_CHANGED in safety and FAMILY_RESPONSE in safety
    assert SAFETY not in safety
    other.context.close()
    browsers.contexts.remove(other.context)


def scaling_voice_identity_decisions(page, hub, dates, check_accessible) -> None:
    page.goto(hub)
    click_link(page, "Scaling")
    for name, score, reason in (
        ("Anna Stone", "5", "Nan helps now and I have changed my shifts"),
        ("Sam Worker", "3", "The children were left alone twice this term"),
    ):
        click_link(page, f"Score for {name}")
        group(page, "Score from 0 to 10").get_by_label(score, exact=True).check()
        page.get_by_label("Reason for this score", exact=True).fill(reason)
        click_button(page, "Save score")
        assert f"Score from {name} saved" in banner(page)
    check_accessible(page, "whole-14-scaling")

    words = {
        "Ruby": "I get scared when Leo cries and Mum is not home",
        "Leo": "I like it when Nan picks me up",
    }
    for child, own_words in words.items():
        page.goto(hub)
        click_link(page, f"{child}’s voice")
        page.get_by_label(f"{child}’s own words", exact=True).fill(own_words)
        group(page, f"How were {child}’s views gathered?").get_by_label(
            "Direct work", exact=True
        ).check()
        group(page, f"How did {child} take part in the conference?").get_by_label(
            "Does not attend, conveys views by other means (PN6)"
        ).check()
        group(page, f"Has {child} been offered an advocate?").get_by_label("Not applicable").check()
        click_button(page, f"Save {child}’s voice")
        assert f"{child}’s voice saved" in banner(page)

        click_link(page, f"Identity: {child}")
        assert heading(page) == f"Identity in the conference: {child} Stone"
        # The mother's language and interpreter, from the case record.
        languages = page.get_by_role("table", name=re.compile("first language, interpreter"))
        assert re.search(r"Anna Stone\s+Polish\s+Yes: Polish\s+Polish", languages.inner_text())
        if child == "Ruby":
            check_accessible(page, "whole-15-identity")
        answers = {
            "Which worries may be cultural misunderstanding, and which are harm?": (
                "None: the worry is about the children being left alone"
            ),
            "Who in the family’s community or faith network could join the safety network?": (
                "Nan, and friends from the Polish church"
            ),
            f"How will the plan keep {child} connected to their heritage?": (
                "Polish Saturday school with Nan"
            ),
            "Have an interpreter and a translated plan been arranged?": (
                "Yes: a Polish interpreter at every meeting, and the plan in Polish"
            ),
        }
        for question, answer in answers.items():
            page.get_by_label(question, exact=True).fill(answer)
        click_button(page, "Save answers")
        assert f"Identity answers for {child} saved" in banner(page)

    for number, child in enumerate(("Ruby", "Leo"), start=1):
        page.goto(hub)
        click_link(page, f"Decision for {child}")
        assert heading(page) == f"Decision for {child} Stone"
        if number == 1:
            check_accessible(page, "whole-16-decision")
        group(page, "The chair’s decision").get_by_label(
            "Child protection plan", exact=True
        ).check()
        group(page, "Category of abuse").get_by_label("Neglect").check()
        page.get_by_label("Reasons for the decision", exact=True).fill(
            "The children are left alone at home and could be hurt"
        )
        page.get_by_label("Lead social worker").select_option(label="Sam Worker")
        members = group(page, "Core group members")
        for member in (
            "Anna Stone – Mother of Ruby and Leo",
            "Sam Worker – Social worker, Children’s Services",
            "Nina Nurse – School nurse, Riverside Health",
        ):
            members.get_by_label(member, exact=True).check()
        page.get_by_label("Contingency plan").fill(
            "If the children are left alone again, a legal planning meeting"
        )
        fill_date(group(page, "Date of the first core group"), dates["first_core_group"])
        fill_date(group(page, "Date of the review conference"), dates["review"])
        click_button(page, "Save the decision")
        assert heading(page) == "Decisions"
        assert f"Decision for {child} saved" in banner(page)
    check_accessible(page, "whole-17-decisions")


def write_the_plan(page, hub, dates, check_accessible) -> str:
    """The task-based goal, flagged, then rewritten as an outcome. Returns the plan's address."""
    page.goto(hub)
    click_button(page, "Write the plan")
    assert heading(page) == "Plan version 1"
    plan_url = page.url.split("#")[0]
    click_button(page, "Add a safety goal")
    page.get_by_label("What will be different for the child?").fill(TASK_GOAL)
    for child in ("Ruby Stone", "Leo Stone"):
        page.get_by_label(child, exact=True).check()
    group(page, "Which worry statements does this goal answer?").get_by_role("checkbox").check()
    page.get_by_label("Who is responsible").fill(OWNER)
    click_button(page, "Add the goal")
    assert "Safety goal added" in banner(page)
    assert TASK_FINDING in plan_findings(page)
    assert UNMEASURED_FINDING in plan_findings(page)
    expect(page.get_by_role("link", name=TASK_FINDING)).to_be_visible()
    check_accessible(page, "whole-18-plan-task-goal")

    click_link(page, "Change (Safety goal 1)")
    assert heading(page) == "Change a safety goal"
    page.get_by_label("What will be different for the child?").fill(OUTCOME)
    page.get_by_label("How we will know").fill(MEASURE)
    page.get_by_label("Where things are now").fill("Left alone twice this term")
    page.get_by_label("The target").fill(TARGET)
    page.get_by_label("How long it must last").fill("6 months")
    # Before the review conference, so that it can see whether the goal was achieved.
    fill_date(group(page, "Review date"), dates["review"] - timedelta(days=14))
    click_button(page, "Save changes")
    assert "Changes to the safety goal saved" in banner(page)
    assert TASK_FINDING not in plan_findings(page)
    assert UNMEASURED_FINDING not in plan_findings(page)
    assert "Task, not an outcome" not in page.locator("main").inner_text()

    # The parenting course stays, as an action under the outcome.
    click_link(page, "Add an action safety goal 1")
    page.get_by_label("What will be done", exact=True).fill(ACTION)
    page.get_by_label("Who will do this", exact=True).select_option(
        label="Anna Stone – Mother of Ruby and Leo"
    )
    fill_date(group(page, "By when"), clock.today() + timedelta(days=42))
    click_button(page, "Add the action")
    assert "Action added" in banner(page)

    page.get_by_role("link", name=re.compile("^Change how the plan uses what the children")).click()
    page.get_by_label("When will each child be seen, and seen alone, and by whom?").fill(
        "Sam sees Ruby and Leo at home every 2 weeks, and Ruby alone at school"
    )
    page.get_by_label(
        "How did the children’s ethnicity, culture, religion and language shape this plan?"
    ).fill("Mum’s first language is Polish: the plan is in Polish and an interpreter comes")
    page.get_by_label("How does this plan use what the children said?").fill(
        "Ruby said she gets scared when Mum is not home, so an adult is always there"
    )
    click_button(page, "Save changes")
    assert "Changes to the plan saved" in banner(page)
    assert plan_findings(page) == []
    check_accessible(page, "whole-19-plan-outcome")
    return plan_url


def children_on_a_plan(manager) -> int:
    """The dashboard's "children on a child protection plan" figure, as the manager sees it."""
    manager.goto("/dashboard/")
    assert heading(manager) == "Managers’ dashboard"
    figure = manager.locator('[data-figure="on-plan"]')
    match = re.fullmatch(r"(\d+) children on .+", figure.inner_text().strip())
    assert match, figure.inner_text()
    return int(match[1])


def finalise_and_download(page, hub, plan_url, browsers, check_accessible) -> None:
    # The manager's dashboard before and after: both children go on a plan.
    manager = browsers.open(MANAGER)
    before = children_on_a_plan(manager)
    check_accessible(manager, "whole-20-dashboard-before")

    page.goto(hub)
    assert "Everything needed is recorded." in page.locator("main").inner_text()
    click_button(page, "Finalise the conference")
    assert heading(page) == "Finalise the conference"
    click_button(page, "Finalise the conference")
    assert "The conference is finalised." in banner(page)
    check_accessible(page, "whole-21-hub-finalised")
    assert children_on_a_plan(manager) == before + 2

    page.goto(plan_url)
    click_button(page, "Finalise the plan")
    assert heading(page) == "Finalise the plan"
    check_accessible(page, "whole-22-plan-finalise")
    click_button(page, "Finalise the plan")
    assert "The plan is finalised. It can no longer be changed." in banner(page)
    check_accessible(page, "whole-23-plan-finalised")
    # The plan page offers each person's copy, not one family plan for everyone.
    assert page.locator("#own-copies").is_visible()
    assert page.get_by_role("link", name="Download family plan (PDF)").count() == 0


def print_each_persons_copy(page, case_url, check_accessible) -> None:
    """Anna reads Polish: her own copy is in Polish and English, and its own words are still in
    English, so the chair confirms an interpreter will go through them before it downloads."""
    page.goto(case_url)
    copies = page.locator("#own-copies-cards .govuk-summary-card", has_text="Anna Stone")
    assert re.search(r"Mother\s+Language\s+Polish and English", copies.inner_text())
    check_accessible(page, "whole-23a-case-own-copies")
    copies.get_by_role("link", name="Family plan: confirm the interpreter for Anna Stone").click()
    assert heading(page) == "Anna Stone’s copy of the plan"
    click_button(page, "Confirm and download (PDF)")
    confirm = "Confirm that an interpreter will go through the plan with Anna Stone"
    assert error_links(page) == [confirm]
    check_accessible(page, "whole-23b-own-copy-errors")
    page.get_by_label("An interpreter will go through the plan with Anna Stone").check()
    with page.expect_download() as download:
        click_button(page, "Confirm and download (PDF)")
    named = download.value.suggested_filename
    assert re.fullmatch(r"WJ-000001-family-plan-adult-\d+-v1\.pdf", named)
    pdf = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Plan rodzinny" in text and "Family plan for Ruby and Leo" in text
    for name in ("Ruby", "Leo"):
        assert f"What {name} says" in text
    assert OUTCOME in text
    assert TASK_GOAL not in text


# 3. The school nurse records the first core group -------------------------------------------------


def nurse_records_the_core_group(browsers, case_url, plan_url, check_accessible) -> None:
    nurse = browsers.open(NURSE)
    nurse.goto(case_url)
    click_button(nurse, "Record a core group meeting")
    # Recorded in parts (issue 18): started with its date, then each part saved on its own.
    assert heading(nurse) == "Start recording a core group meeting"
    check_accessible(nurse, "whole-24-core-group-form")
    fill_date(group(nurse, "Date of the meeting"), clock.today())
    nurse.get_by_label("Who chaired the meeting").fill("Sam Worker")
    click_button(nurse, "Start recording the meeting")
    assert "Core group meeting started" in banner(nurse)

    click_link(nurse, "The date and who came")
    for who in (
        "Anna Stone – Mother",
        "Sam Worker – Social worker, Children’s Services",
        "Nina Nurse – School nurse, Riverside Health",
    ):
        group(nurse, who).get_by_label("Came", exact=True).check()
    click_button(nurse, "Save this part")
    assert "Who came saved" in banner(nurse)

    click_link(nurse, "The safety goals")
    group(nurse, "Was goal 1 discussed at this meeting?").get_by_label(
        "Discussed", exact=True
    ).check()
    nurse.get_by_label("Where things are now for goal 1").fill(PROGRESS_NOW)
    group(nurse, "Progress on goal 1 since the last core group").get_by_label(
        "Some progress"
    ).check()
    nurse.get_by_label("The evidence (optional)", exact=True).fill(PROGRESS_EVIDENCE)
    nurse.get_by_label("Who said so (optional)").fill("Nina Nurse (school nurse)")
    click_button(nurse, "Save this part")
    assert "Progress on the goals saved" in banner(nurse)

    click_link(nurse, "The actions")
    first_action = nurse.get_by_role("group", name=re.compile("^What happened to: ")).first
    first_action.get_by_label("In progress").check()
    click_button(nurse, "Save this part")
    assert "What happened to the actions saved" in banner(nurse)

    click_link(nurse, "Views, scores and the next meeting")
    nurse.get_by_label("The children’s views").fill("Ruby likes it when Nan is there after school")
    nurse.get_by_label("The parents’ views").fill("Anna says the course is helping")
    for who, score, reason in (
        ("Anna Stone", "7", "Nan is there every day now"),
        ("Sam Worker", "6", "No times alone since the conference"),
        ("Nina Nurse", "6", "Ruby is calmer at school"),
    ):
        nurse.get_by_label(f"Score from {who}", exact=True).fill(score)
        nurse.get_by_label(f"Reason for the score from {who}", exact=True).fill(reason)
    fill_date(group(nurse, "Date of the next meeting"), clock.today() + timedelta(days=42))
    nurse.get_by_label("Who gets the notes (optional)").fill("Everyone in the core group")
    click_button(nurse, "Save this part")
    assert "Views, scores and the next meeting saved" in banner(nurse)
    check_accessible(nurse, "whole-25-core-group")

    # The plan's progress: the goal's new point, and the scaling trend's second occasion.
    nurse.goto(plan_url)
    click_link(nurse, "Progress since the conference, and the scaling trend")
    assert heading(nurse) == "Progress against the plan"
    timeline = nurse.get_by_role("table", name="Goal 1 from the conference to now")
    rows = timeline.locator("tbody tr").all_inner_texts()
    assert len(rows) == 2
    assert "Conference" in rows[0] and "Starting point" in rows[0]
    assert "Core group" in rows[1] and PROGRESS_NOW in rows[1] and "Some progress" in rows[1]
    trend = nurse.locator("[data-trend-table]")
    columns = trend.locator("thead th").all_inner_texts()
    assert [c.split("\n")[0] for c in columns] == ["Person", "Conference", "Core group"]
    medians = trend.locator("tr", has_text="Median").locator("td").all_inner_texts()
    assert medians == ["4", "6"]
    nina = trend.locator("tr", has=nurse.get_by_role("rowheader", name=re.compile("^Nina Nurse")))
    assert nina.locator("td").all_inner_texts() == ["No score", "6"]
    figure = nurse.locator("figure", has=nurse.locator("svg"))
    assert re.search(r"Median went from 4 at .+ to 6 at the last", figure.inner_text())
    check_accessible(nurse, "whole-26-progress")


# 4. The chair starts the review conference --------------------------------------------------------


def chair_starts_the_review(page, hub, check_accessible) -> None:
    page.goto(hub)
    click_link(page, "Start the review conference from the core groups’ evidence")
    assert heading(page) == "Start the review conference"
    main = page.locator("main").inner_text()
    assert "1 core group held, on time" in main
    goals = page.get_by_role("table", name=re.compile("^Each safety goal"))
    assert re.search(r"Some progress\s+" + re.escape(PROGRESS_NOW), goals.inner_text())
    check_accessible(page, "whole-27-start-review")
    page.get_by_label("Chair", exact=True).select_option(label="Charlie Chair")
    click_button(page, "Schedule the review conference")
    assert heading(page) == "Review child protection conference"
    assert "with 1 item on its map from the evidence" in banner(page)
    check_accessible(page, "whole-28-review-hub")

    click_link(page, "Progress since the last conference")
    assert heading(page) == "Progress since the last conference"
    goals = page.get_by_role("table", name=re.compile("^Each safety goal"))
    assert OUTCOME in goals.inner_text()
    assert re.search(r"Some progress\s+" + re.escape(PROGRESS_NOW), goals.inner_text())
    actions = page.get_by_role("table", name="Each action and what happened to it")
    assert re.search(
        re.escape(ACTION) + r"\s+Anna Stone – Mother of Ruby and Leo\s+In progress",
        actions.inner_text(),
    )
    medians = page.locator("[data-trend-table] tr", has_text="Median").locator("td")
    assert medians.all_inner_texts() == ["4", "6"]
    assert "Anna says the course is helping" in page.locator("main").inner_text()
    check_accessible(page, "whole-29-review-progress")

    # The worry statement is carried forward onto the review's map, and the live screen for
    # the room (large type, projected: a wide screen here) passes axe, colour contrast included.
    click_link(page, "Back to the conference")
    click_link(page, "Open the live screen for the room")
    page.set_viewport_size({"width": 1920, "height": 1080})
    worries = page.locator("#live-content").get_by_role("region", name="Worry statements")
    assert WORRY["About what behaviour or event"] in worries.inner_text()
    check_accessible(page, "whole-30-review-live")


# The journey -----------------------------------------------------------------------------------


def test_the_whole_service_from_a_new_case_to_the_review(
    page, people, dates, browsers, check_accessible, server_log
):
    case_url = create_the_case(page, dates, check_accessible)

    sign_in(page, CHAIR)
    hub = schedule_the_conference(page, case_url, dates, check_accessible)
    record_attendance(page, hub, check_accessible)
    map_with_autosave(page, hub, browsers, check_accessible)
    two_browsers_change_one_item(page, browsers, check_accessible)
    scaling_voice_identity_decisions(page, hub, dates, check_accessible)
    plan_url = write_the_plan(page, hub, dates, check_accessible)
    finalise_and_download(page, hub, plan_url, browsers, check_accessible)
    print_each_persons_copy(page, case_url, check_accessible)

    nurse_records_the_core_group(browsers, case_url, plan_url, check_accessible)

    chair_starts_the_review(page, hub, check_accessible)

    # Nothing the family's records hold reached the server's log on the way.
    log = server_log.read_text()
    assert "Listening at: http://127.0.0.1" in log  # the server's own log, read back
    for personal in ("Ruby", "Leo Stone", "Anna", "Stone", DANGER, SAFETY, PROGRESS_NOW, OUTCOME):
        assert personal not in log, f"{personal!r} is in the application log"
