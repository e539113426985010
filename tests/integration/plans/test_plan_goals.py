"""The plan's safety goals and the actions under them: the checker's findings beside a goal as it
is written (and as JSON while typing), what is required, worry statements answered, actions with
someone from the conference or someone else, ordering, removing, stale saves, who may do what,
the audit trail, and a finalised plan that cannot change."""

import re
from datetime import UTC, date, datetime, time
from types import SimpleNamespace

import pytest
from access_world import CAN_EDIT, CAN_VIEW, PEOPLE
from flask import url_for
from helpers import Client, count, sign_in
from pages import assert_page, error_messages, meta_content, text_of, texts

from conference.domain.plan_quality import Finding, OutcomeAssessment, assess_outcome
from conference.extensions import db
from conference.models import (
    Attendee,
    AuditEvent,
    Child,
    ChildDecision,
    Conference,
    FormDraft,
    MapItem,
    Plan,
    PlanAction,
    SafetyGoal,
)
from conference.services import plan_checks

HELD_ON = date(2026, 11, 26)
NEXT_REVIEW = date(2027, 2, 18)
TASK = "Mum will attend a parenting course"
OUTCOME = "Lily (6) has a calm bedtime: in bed by 7.30pm on at least 6 of 7 nights without shouting"
MEASURE = "Mum’s diary and two unannounced visits"
TARGET = "In bed by 7.30pm on at least 6 of 7 nights"
WORRY = {
    "who_is_worried": "Sam (social worker) and Ms Patel (school)",
    "worried_about": "Lily goes to bed after midnight and is shouted at",
    "could_happen": "Lily could be too tired to learn and live scared",
}
WORRY_TEXT = (
    "Who is worried: Sam (social worker) and Ms Patel (school) / About what: Lily goes to bed "
    "after midnight and is shouted at / What could happen to the child if nothing changes: Lily "
    "could be too tired to learn and live scared"
)


def review_date(day: date) -> list[tuple[str, str]]:
    return [
        ("review_on", str(day.day)),
        ("review_on", str(day.month)),
        ("review_on", str(day.year)),
    ]


def by_when(day: date) -> list[tuple[str, str]]:
    return [("by_when", str(day.day)), ("by_when", str(day.month)), ("by_when", str(day.year))]


def goal_data(plan, statement=OUTCOME, **fields) -> list[tuple[str, str]]:
    """A goal's answers as a browser posts them (repeated names for checkboxes and dates)."""
    answers = {
        "statement": statement,
        "measure": MEASURE,
        "baseline": "In bed after midnight most nights",
        "target": TARGET,
        "sustained_for": "6 months",
        "owner": "Mum",
        "family_words": "Mum says bedtime is a battle",
        "version": "1",
        **fields,
    }
    data = list(answers.items())
    data += [("child_ids", str(child_id)) for child_id in plan.child_ids[:1]]
    data += [("worry_item_ids", str(item_id)) for item_id in plan.worry_ids[:1]]
    return data + review_date(date(2027, 1, 28))


def action_data(who, someone_else="", **fields) -> list[tuple[str, str]]:
    answers = {
        "what": TASK,
        "who": who,
        "someone_else": someone_else,
        "status": "not_started",
        "version": "1",
        **fields,
    }
    return list(answers.items()) + by_when(date(2027, 1, 15))


@pytest.fixture
def make_plan(app, make_case):
    """`make_plan(social_worker_id=…)`: a case in Team A with Lily and Sam Jones, an initial
    conference on 26 November 2026 with two attendees, worry statements on its map, a child
    protection plan decided for each child with the review on 18 February 2027, and plan 1."""

    def make(social_worker_id=None, worries=2, children=("Lily", "Sam")):
        case_id = make_case(team="Team A", social_worker_id=social_worker_id)
        with app.app_context():
            kids = [
                Child(
                    case_id=case_id,
                    given_name=name,
                    family_name="Jones",
                    date_of_birth=date(2020, 4, 3),
                    local_child_id=f"LC-{case_id}-{name}",
                )
                for name in children
            ]
            conference = Conference(
                case_id=case_id, conference_type="initial", held_on=HELD_ON, starts_at=time(10)
            )
            conference.attendees = [
                Attendee(
                    name="Sam Smith",
                    role="Social worker",
                    agency="Children’s Social Care",
                    agency_type="childrens_social_care",
                    attendance="attended",
                ),
                Attendee(
                    name="Priya Patel",
                    role="Class teacher",
                    agency="St Mary’s School",
                    agency_type="education",
                    attendance="attended",
                ),
            ]
            db.session.add_all([*kids, conference])
            db.session.flush()
            conference.map_items = [
                MapItem(heading="worry", position=number, child_ids=[kids[0].id], **WORRY)
                for number in range(worries)
            ] + [MapItem(heading="safety", text="Grandad helps", child_ids=[])]
            if worries > 1:
                conference.map_items[1].who_is_worried = ""
                conference.map_items[1].worried_about = ""
                conference.map_items[1].could_happen = ""
                conference.map_items[1].text = "Mum drinks when she is low"
            conference.decisions = [
                ChildDecision(child_id=kid.id, outcome="cp_plan", category="NEG", review_on=when)
                for kid, when in zip(kids, (NEXT_REVIEW, date(2027, 3, 1)), strict=False)
            ]
            plan = Plan(case_id=case_id, conference=conference, number=1)
            db.session.add(plan)
            db.session.commit()
            return SimpleNamespace(
                id=plan.id,
                case_id=case_id,
                child_ids=[kid.id for kid in kids],
                worry_ids=[item.id for item in conference.map_items if item.heading == "worry"],
                attendee_ids=[attendee.id for attendee in conference.attendees],
                url=f"/plans/{plan.id}",
            )

    return make


@pytest.fixture
def chair(signed_in, make_plan):
    """A chair, signed in; `.plan` is a plan they may change."""
    client = signed_in("chair", email="chair@example.org", name="Chris Chair")
    client.plan = make_plan()
    return client


def add_goal(app, plan_id, statement=OUTCOME, position=0, actions=(), **fields) -> int:
    with app.app_context():
        goal = SafetyGoal(plan_id=plan_id, statement=statement, position=position, **fields)
        goal.actions = [
            PlanAction(what=what, who="Mum", position=number) for number, what in enumerate(actions)
        ]
        db.session.add(goal)
        db.session.commit()
        return goal.id


def action_ids(app, goal_id) -> list[int]:
    with app.app_context():
        return [action.id for action in db.session.get(SafetyGoal, goal_id).actions]


def get(app, model, record_id):
    with app.app_context():
        record = db.session.get(model, record_id)
        if record is not None:
            db.session.expunge(record)
        return record


def goals_in(app, plan_id) -> list[tuple[str, int]]:
    with app.app_context():
        found = db.session.query(SafetyGoal).filter_by(plan_id=plan_id)
        return [(goal.statement, goal.position) for goal in found.order_by(SafetyGoal.position)]


def events(app, action=None, record_type=None) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter(AuditEvent.record_type != "user_account")
        if action:
            found = found.filter_by(action=action)
        if record_type:
            found = found.filter_by(record_type=record_type)
        found = found.order_by(AuditEvent.id).all()
        db.session.expunge_all()
        return found


def plan_url(app, plan_id, goal_id=None) -> str:
    with app.test_request_context():
        anchor = f"goal-{goal_id}" if goal_id else None
        return url_for("plans.show_plan", plan_id=plan_id, _anchor=anchor)


def meta_csrf(client) -> str:
    return meta_content(client.get("/").get_data(as_text=True), "csrf-token")


def check(client, plan_id, **typed):
    return client.raw.post(
        f"/plans/{plan_id}/goals/check",
        json=typed,
        headers={"X-CSRFToken": meta_csrf(client)},
    )


def panel(html) -> str:
    """The findings panel beside the goal form, as text."""
    found = texts(html, "#plan-check-result")
    assert found, "no findings panel"
    return found[0]


def stored_goal(app) -> SafetyGoal:
    with app.app_context():
        goal = db.session.query(SafetyGoal).one()
        db.session.expunge(goal)
        return goal


# Adding a goal, with the checker's findings beside it


def test_a_task_is_saved_and_then_shown_as_a_task_with_the_checkers_suggestion(chair, app):
    plan = chair.plan
    url = f"{plan.url}/goals/new"
    html = assert_page(chair.get(url), "Add a safety goal")
    assert f'data-autosave="case-{plan.case_id}-plan-{plan.id}-goal-new"' in html
    assert f'data-plan-check="{plan.url}/goals/check"' in html
    assert 'aria-live="polite"' in html
    assert 'src="/static/dist/plan-check.mjs"' in html
    response = chair.post(url, goal_data(plan, statement=TASK, measure="", target=""))
    goal = stored_goal(app)
    assert response.headers["Location"] == plan_url(app, plan.id, goal.id)
    assert (goal.statement, goal.measure, goal.target, goal.position) == (TASK, "", "", 0)
    assert "Safety goal added" in text_of(chair.get(response.headers["Location"]).data.decode())

    findings = panel(chair.get(f"{plan.url}/goals/{goal.id}").get_data(as_text=True))
    expected = assess_outcome(
        TASK, "", "", date(2027, 1, 28), "Mum", next_review=NEXT_REVIEW, worries=[WORRY_TEXT]
    )
    assert findings.startswith("Task, not an outcome Not measurable yet ")
    for finding in expected.findings:
        assert f"{finding.message} {finding.suggestion}".strip() in findings
    assert (goal.outcome_focused, goal.outcome_grade) == (False, "task")


def test_a_measurable_outcome_is_shown_as_one(chair, app):
    plan = chair.plan
    chair.post(f"{plan.url}/goals/new", goal_data(plan))
    goal = stored_goal(app)
    html = assert_page(chair.get(f"{plan.url}/goals/{goal.id}"), "Change a safety goal")
    assert panel(html) == "Outcome Measurable Nothing to put right."
    assert (goal.outcome_focused, goal.outcome_grade) == (True, "outcome")
    assert (goal.measure, goal.target, goal.sustained_for, goal.owner) == (
        MEASURE,
        TARGET,
        "6 months",
        "Mum",
    )
    assert (goal.baseline, goal.family_words, goal.review_on) == (
        "In bed after midnight most nights",
        "Mum says bedtime is a battle",
        date(2027, 1, 28),
    )


def test_the_goal_is_audited_against_the_plans_case(chair, app):
    plan = chair.plan
    chair.post(f"{plan.url}/goals/new", goal_data(plan))
    goal = stored_goal(app)
    [created] = events(app, "create", "safety_goal")
    assert (created.user_id, created.record_id, created.case_id) == (
        chair.user_id,
        str(goal.id),
        plan.case_id,
    )
    assert created.changes["statement"] == [None, OUTCOME]
    assert created.changes["child_ids"] == [None, plan.child_ids[:1]]
    assert created.changes["review_on"] == [None, "2027-01-28"]


def test_saving_never_waits_for_the_checker_and_a_new_goal_goes_last(chair, app):
    plan = chair.plan
    add_goal(app, plan.id, "First", position=0)
    data = goal_data(plan, statement="Things improve", measure="", target="", owner="")
    data = [(name, value) for name, value in data if name != "review_on"]
    response = chair.post(f"{plan.url}/goals/new", data)
    assert response.status_code == 302
    assert goals_in(app, plan.id) == [("First", 0), ("Things improve", 1)]


def test_the_findings_are_shown_while_the_page_opens_and_after_errors(chair, app):
    plan = chair.plan
    html = chair.get(f"{plan.url}/goals/new").get_data(as_text=True)
    assert "Task, not an outcome" not in panel(html)  # a blank statement is not a task
    assert "There is no review date." in panel(html)
    data = [(k, v) for k, v in goal_data(plan, statement=TASK) if k != "child_ids"]
    html = chair.post(f"{plan.url}/goals/new", data).get_data(as_text=True)
    assert error_messages(html) == ["Select which children this goal is for"]
    assert panel(html).startswith("Task, not an outcome ")
    assert count(app, SafetyGoal) == 0


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        (
            {"statement": "  ", "child_ids": None, "worry_item_ids": None},
            [
                "Enter what will be different for the child",
                "Select which children this goal is for",
                "Select the worry statements this goal answers",
            ],
        ),
        ({"review_on": ("26", "11", "2026")}, ["The review date must be after the conference"]),
        ({"review_on": ("31", "2", "2027")}, ["The review date must be a real date"]),
        ({"review_on": ("", "2", "2027")}, ["The review date must include a day"]),
        (
            {"owner": "x" * 201, "sustained_for": "y" * 201},
            [
                "How long it must last must be 200 characters or fewer",
                "Who is responsible must be 200 characters or fewer",
            ],
        ),
    ],
)
def test_missing_or_wrong_answers_are_explained_and_nothing_is_saved(chair, app, fields, messages):
    plan = chair.plan
    data = [(name, value) for name, value in goal_data(plan) if name not in fields]
    for name, value in fields.items():
        if isinstance(value, tuple):
            data += [(name, part) for part in value]
        elif value is not None:
            data.append((name, value))
    html = assert_page(chair.post(f"{plan.url}/goals/new", data), "Add a safety goal")
    assert error_messages(html) == messages
    assert "Mum says bedtime is a battle</textarea>" in html  # nothing typed is lost
    assert count(app, SafetyGoal) == 0
    assert events(app, "create") == []


def test_the_worry_statements_are_offered_with_their_text_and_the_choice_is_stored(chair, app):
    plan = chair.plan
    html = chair.get(f"{plan.url}/goals/new").get_data(as_text=True)
    page = text_of(html)
    assert "Which worry statements does this goal answer?" in page
    assert WORRY_TEXT in page
    assert "Mum drinks when she is low" in page
    assert "Grandad helps" not in page  # safety, not a worry statement
    data = [(k, v) for k, v in goal_data(plan) if k != "worry_item_ids"]
    data += [("worry_item_ids", str(item_id)) for item_id in plan.worry_ids]
    chair.post(f"{plan.url}/goals/new", data)
    assert stored_goal(app).worry_item_ids == plan.worry_ids


def test_without_worry_statements_none_need_choosing(signed_in, make_plan, app):
    client = signed_in("chair")
    plan = make_plan(worries=0, children=("Lily",))
    html = client.get(f"{plan.url}/goals/new").get_data(as_text=True)
    assert "The conference’s map has no worry statements" in text_of(html)
    assert re.search(rf'<input[^>]*value="{plan.child_ids[0]}"[^>]*checked', html)  # only child
    response = client.post(f"{plan.url}/goals/new", goal_data(plan))
    assert response.status_code == 302
    assert stored_goal(app).worry_item_ids == []


def test_only_this_plans_children_and_worry_statements_can_be_chosen(chair, app, make_plan):
    other = make_plan()
    plan = chair.plan
    data = [(k, v) for k, v in goal_data(plan) if k not in ("child_ids", "worry_item_ids")]
    data += [("child_ids", str(other.child_ids[0])), ("worry_item_ids", str(other.worry_ids[0]))]
    assert chair.post(f"{plan.url}/goals/new", data).status_code == 200
    assert count(app, SafetyGoal) == 0


# Checking while writing


def test_the_checker_answers_as_json_while_a_goal_is_typed(chair, app):
    plan = chair.plan
    task = check(chair, plan.id, statement=TASK, measure="", target="", review_on="", owner="")
    expected = assess_outcome(TASK)
    assert task.status_code == 200
    assert task.get_json() == {
        "outcome_focused": False,
        "measurable": False,
        "grade": "task",
        "outcome_parts": [],
        "action_parts": list(expected.action_parts),
        "findings": [
            {"code": f.code, "message": f.message, "suggestion": f.suggestion}
            for f in expected.findings
        ],
    }
    good = check(
        chair,
        plan.id,
        statement=OUTCOME,
        measure=MEASURE,
        target=TARGET,
        review_on="2027-01-28",
        owner="Mum",
        sustained_for="3 months",
    )
    assert good.get_json() == {
        "outcome_focused": True,
        "measurable": True,
        "grade": "outcome",
        "outcome_parts": list(assess_outcome(OUTCOME, MEASURE, TARGET).outcome_parts),
        "action_parts": [],
        "findings": [],
    }
    assert events(app) == []  # nothing stored, nothing audited


def test_the_checker_asks_how_long_a_measurable_goal_must_last_until_it_is_said(chair):
    typed = {"statement": OUTCOME, "measure": MEASURE, "target": TARGET, "owner": "Mum"}
    unsaid = check(chair, chair.plan.id, **typed).get_json()
    assert [f["code"] for f in unsaid["findings"]] == ["no-duration", "no-review-date"]
    said = check(chair, chair.plan.id, **typed, sustained_for="6 months").get_json()
    assert [f["code"] for f in said["findings"]] == ["no-review-date"]


def test_the_checker_finds_a_review_date_after_the_next_review_conference(chair):
    late = check(chair, chair.plan.id, statement=OUTCOME, measure=MEASURE, review_on="2027-03-01")
    codes = [finding["code"] for finding in late.get_json()["findings"]]
    assert "review-after-next-review" in codes


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (["not", "an", "object"], "Send the goal as a JSON object"),
        ({"statement": 3}, "Each answer must be text"),
        ({"measure": "x" * 5_001}, "Each answer must be 5,000 characters or fewer"),
        (
            {"statement": "x", "review_on": "2027-02-31"},
            "The review date must be a real date, as YYYY-MM-DD",
        ),
        (
            {"statement": "x", "review_on": "28/01/2027"},
            "The review date must be a real date, as YYYY-MM-DD",
        ),
    ],
)
def test_the_checker_refuses_a_body_it_cannot_read(chair, body, error):
    response = chair.raw.post(
        f"/plans/{chair.plan.id}/goals/check",
        json=body,
        headers={"X-CSRFToken": meta_csrf(chair)},
    )
    assert (response.status_code, response.get_json()) == (400, {"error": error})


def test_the_checker_needs_the_csrf_token(chair):
    response = chair.raw.post(f"/plans/{chair.plan.id}/goals/check", json={"statement": "x"})
    assert response.status_code == 400


# Changing a goal


def test_changing_a_goal_is_saved_audited_and_clears_the_draft(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id, TASK, child_ids=[plan.child_ids[1]])
    url = f"{plan.url}/goals/{goal_id}"
    key = f"case-{plan.case_id}-plan-{plan.id}-goal-{goal_id}"
    html = assert_page(chair.get(url), "Change a safety goal")
    assert f'data-autosave="{key}"' in html
    assert TASK in html
    assert re.search(rf'<input[^>]*value="{plan.child_ids[1]}"[^>]*checked', html)
    with app.app_context():
        db.session.add(FormDraft(user_id=chair.user_id, form_key=key, data={"statement": "x"}))
        db.session.commit()
    response = chair.post(url, goal_data(plan))
    assert response.headers["Location"] == plan_url(app, plan.id, goal_id)
    goal = get(app, SafetyGoal, goal_id)
    assert (goal.statement, goal.child_ids, goal.version) == (OUTCOME, plan.child_ids[:1], 2)
    assert count(app, FormDraft) == 0
    [event] = events(app, "update", "safety_goal")
    assert (event.case_id, event.record_id) == (plan.case_id, str(goal_id))
    assert event.changes["statement"] == [TASK, OUTCOME]
    assert event.changes["child_ids"] == [[plan.child_ids[1]], plan.child_ids[:1]]
    assert "Changes to the safety goal saved" in text_of(chair.get(plan.url).data.decode())


def test_a_stale_goal_save_shows_both_versions_and_keeps_what_was_typed(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id, TASK)
    with app.app_context():  # someone else saves first
        db.session.get(SafetyGoal, goal_id).statement = "Lily sleeps well"
        db.session.commit()
    url = f"{plan.url}/goals/{goal_id}"
    html = assert_page(chair.post(url, goal_data(plan)), "Change a safety goal")
    page = text_of(html)
    assert "Someone else changed this record while you were editing it" in page
    assert f"What will be different for the child Lily sleeps well {OUTCOME}" in page
    assert "Which children (blank) Lily Jones" in page
    assert f"{OUTCOME}</textarea>" in html
    assert 'name="version" type="hidden" value="2"' in html
    assert get(app, SafetyGoal, goal_id).statement == "Lily sleeps well"
    assert events(app, "update") == []
    chair.post(url, [*goal_data(plan, version="2")])  # saving again knowingly replaces theirs
    assert get(app, SafetyGoal, goal_id).statement == OUTCOME


def test_a_goal_of_another_plan_is_not_found(chair, app, make_plan):
    other = make_plan()
    goal_id = add_goal(app, other.id, "Theirs", actions=["Their action"])
    [action_id] = action_ids(app, goal_id)
    base = chair.plan.url
    for url in (
        f"{base}/goals/{goal_id}",
        f"{base}/goals/{goal_id}/remove",
        f"{base}/goals/{goal_id}/actions/new",
        f"{base}/actions/{action_id}",
        f"{base}/actions/{action_id}/remove",
    ):
        assert_page(chair.get(url), "Page not found", status=404)
    move = chair.post(f"{base}/goals/{goal_id}/move", {"direction": "up"}, page=base + "/goals/new")
    assert move.status_code == 404


# Ordering and removing goals


def test_goals_move_up_and_down(chair, app):
    plan = chair.plan
    first = add_goal(app, plan.id, "First", position=0)
    second = add_goal(app, plan.id, "Second", position=1)
    page = f"{plan.url}/goals/new"
    response = chair.post(f"{plan.url}/goals/{second}/move", {"direction": "up"}, page=page)
    assert response.headers["Location"] == plan_url(app, plan.id, second)
    assert goals_in(app, plan.id) == [("Second", 0), ("First", 1)]
    [event] = events(app, "move", "safety_goal")
    assert (event.record_id, event.case_id, event.changes) == (
        str(second),
        plan.case_id,
        {"position": [1, 0]},
    )
    assert "Safety goal moved up" in text_of(chair.get(plan.url).data.decode())
    chair.post(f"{plan.url}/goals/{second}/move", {"direction": "up"}, page=page)  # already first
    assert goals_in(app, plan.id) == [("Second", 0), ("First", 1)]
    chair.post(f"{plan.url}/goals/{second}/move", {"direction": "down"}, page=page)
    assert goals_in(app, plan.id) == [("First", 0), ("Second", 1)]
    assert len(events(app, "move")) == 2
    assert get(app, SafetyGoal, first).version == 1  # an open edit of it is not made stale
    bad = chair.post(f"{plan.url}/goals/{second}/move", {"direction": "sideways"}, page=page)
    assert bad.status_code == 400
    assert chair.get(f"{plan.url}/goals/{second}/move").status_code == 405


def test_removing_a_goal_asks_first_then_removes_it_with_its_actions(chair, app):
    plan = chair.plan
    add_goal(app, plan.id, "First", position=0)
    goal_id = add_goal(app, plan.id, TASK, position=1, actions=["Book the course", "Go"])
    add_goal(app, plan.id, "Third", position=2)
    url = f"{plan.url}/goals/{goal_id}/remove"
    html = assert_page(chair.get(url), "Are you sure you want to remove this safety goal?")
    assert "The 2 actions under it will be removed too: Book the course Go" in text_of(html)
    assert count(app, SafetyGoal) == 3  # asking changes nothing
    response = chair.post(url)
    assert response.headers["Location"] == plan_url(app, plan.id)
    assert goals_in(app, plan.id) == [("First", 0), ("Third", 1)]
    assert count(app, PlanAction) == 0
    deleted = events(app, "delete")
    assert [(e.record_type, e.case_id) for e in deleted] == [
        ("plan_action", plan.case_id),
        ("plan_action", plan.case_id),
        ("safety_goal", plan.case_id),
    ]
    assert deleted[2].changes["statement"] == [TASK, None]
    assert deleted[0].changes["what"] == ["Book the course", None]
    assert "Safety goal removed" in text_of(chair.get(plan.url).data.decode())


# Actions


def test_an_action_for_someone_at_the_conference(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id)
    url = f"{plan.url}/goals/{goal_id}/actions/new"
    html = assert_page(chair.get(url), "Add an action")
    page = text_of(html)
    assert f'data-autosave="case-{plan.case_id}-plan-{plan.id}-action-new-{goal_id}"' in html
    assert "Sam Smith – Social worker, Children’s Social Care" in page
    assert "Priya Patel – Class teacher, St Mary’s School" in page
    assert re.search(r'<input[^>]*value="not_started"[^>]*checked', html)
    response = chair.post(url, action_data(str(plan.attendee_ids[1])))
    with app.app_context():
        action = db.session.query(PlanAction).one()
        stored = (action.goal_id, action.what, action.who, action.by_when, action.status)
        action_id = action.id
    assert response.headers["Location"] == f"{plan_url(app, plan.id)}#action-{action_id}"
    assert stored == (
        goal_id,
        TASK,
        "Priya Patel – Class teacher, St Mary’s School",
        date(2027, 1, 15),
        "not_started",
    )
    [event] = events(app, "create", "plan_action")
    assert (event.record_id, event.case_id, event.user_id) == (
        str(action_id),
        plan.case_id,
        chair.user_id,
    )
    assert event.changes["who"] == [None, "Priya Patel – Class teacher, St Mary’s School"]
    assert "Action added" in text_of(chair.get(plan.url).data.decode())
    html = chair.get(f"{plan.url}/actions/{action_id}").get_data(as_text=True)
    assert re.search(rf'<option value="{plan.attendee_ids[1]}" selected', html)


def test_an_action_for_someone_else(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id)
    url = f"{plan.url}/goals/{goal_id}/actions/new"
    chair.post(url, action_data("someone-else", "  Dr Patel (GP) "))
    with app.app_context():
        action = db.session.query(PlanAction).one()
        action_id, who = action.id, action.who
    assert who == "Dr Patel (GP)"
    html = chair.get(f"{plan.url}/actions/{action_id}").get_data(as_text=True)
    assert re.search(r'<option value="someone-else" selected', html)
    assert 'value="Dr Patel (GP)"' in html


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        (
            [("what", " "), ("who", ""), ("someone_else", ""), ("status", "not_started")],
            [
                "Enter what will be done",
                "Select who will do this",
                "Enter the date this will be done by",
            ],
        ),
        (
            action_data("someone-else", ""),
            ["Enter who will do this"],
        ),
        (
            [*action_data("someone-else", "Dr Patel")[:-1], ("by_when", "")],
            ["The date this will be done by must include a year"],
        ),
        (
            [(k, v) for k, v in action_data("someone-else", "Dr Patel") if k != "status"],
            ["Select the status of this action"],
        ),
    ],
)
def test_missing_action_answers_are_explained(chair, app, data, messages):
    plan = chair.plan
    goal_id = add_goal(app, plan.id)
    html = assert_page(chair.post(f"{plan.url}/goals/{goal_id}/actions/new", data), "Add an action")
    assert error_messages(html) == messages
    assert count(app, PlanAction) == 0


def test_changing_an_action_and_a_stale_save(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id, actions=[TASK])
    [action_id] = action_ids(app, goal_id)
    url = f"{plan.url}/actions/{action_id}"
    html = assert_page(chair.get(url), "Change an action")
    assert f'data-autosave="case-{plan.case_id}-plan-{plan.id}-action-{action_id}"' in html
    assert 'value="Mum"' in html  # not someone at the conference: shown as someone else
    data = action_data("someone-else", "Mum", status="in_progress")
    response = chair.post(url, data)
    assert response.headers["Location"] == f"{plan_url(app, plan.id)}#action-{action_id}"
    action = get(app, PlanAction, action_id)
    assert (action.status, action.by_when, action.version) == ("in_progress", date(2027, 1, 15), 2)
    [event] = events(app, "update", "plan_action")
    assert event.case_id == plan.case_id
    assert event.changes["status"] == ["not_started", "in_progress"]
    assert "Changes to the action saved" in text_of(chair.get(plan.url).data.decode())

    html = chair.post(url, action_data("someone-else", "Mum", status="done")).get_data(as_text=True)
    page = text_of(html)
    assert "Someone else changed this record while you were editing it" in page
    assert "Status In progress Done" in page
    assert 'name="version" type="hidden" value="2"' in html
    assert get(app, PlanAction, action_id).status == "in_progress"


def test_removing_an_action_asks_first(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id, actions=["First", "Second", "Third"])
    first, second, third = action_ids(app, goal_id)
    url = f"{plan.url}/actions/{second}/remove"
    html = assert_page(chair.get(url), "Are you sure you want to remove this action?")
    assert "What will be done Second" in text_of(html)
    response = chair.post(url)
    assert response.headers["Location"] == plan_url(app, plan.id, goal_id)
    assert get(app, PlanAction, second) is None
    assert (get(app, PlanAction, first).position, get(app, PlanAction, third).position) == (0, 1)
    [event] = events(app, "delete", "plan_action")
    assert (event.record_id, event.case_id, event.changes["what"]) == (
        str(second),
        plan.case_id,
        ["Second", None],
    )
    assert "Action removed" in text_of(chair.get(plan.url).data.decode())


def test_a_plan_with_many_actions_warns_before_another_is_added(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id, actions=[f"Action {n}" for n in range(7)])
    warning = "This plan already has 8 actions."
    assert warning not in text_of(
        chair.get(f"{plan.url}/goals/{goal_id}/actions/new").data.decode()
    )
    add_goal(app, plan.id, "Another", position=1, actions=["Action 8"])
    page = text_of(chair.get(f"{plan.url}/goals/{goal_id}/actions/new").data.decode())
    assert warning in page


def test_a_goal_with_no_actions_is_not_warned_off_its_first(chair, app):
    # Plan-level advice says the goal needs an action: the action page must not say "too many".
    plan = chair.plan
    add_goal(app, plan.id, actions=[f"Action {n}" for n in range(9)])
    bare = add_goal(app, plan.id, "Another", position=1)
    page = text_of(chair.get(f"{plan.url}/goals/{bare}/actions/new").data.decode())
    assert "This plan already has" not in page
    plan_page = text_of(chair.get(plan.url).data.decode())
    assert "Safety goal 2 has no actions The plan already has 9 actions: move one here" in plan_page
    assert "This plan has 9 actions, but safety goal 2 has none" in plan_page
    assert "Add what a named person or agency will do" not in plan_page


# A task kept as an action under a new outcome, in one step

DRINKING = "When Dad drinks he shouts and hits Mum while Lily (6) is in the room"
DRINKING_OUTCOME = (
    "Lily is only ever looked after by an adult who has not been drinking or using drugs, "
    "checked at every unannounced visit for 6 months"
)


def drinking_task(app, plan, **fields) -> int:
    """A parenting-course task answering the plan's second worry, about drinking."""
    with app.app_context():
        item = db.session.get(MapItem, plan.worry_ids[1])
        item.text = DRINKING
        db.session.commit()
    return add_goal(
        app,
        plan.id,
        TASK,
        worry_item_ids=[plan.worry_ids[1]],
        child_ids=plan.child_ids[:1],
        measure="Certificate",
        owner="Sam Smith (Social worker)",
        review_on=date(2027, 1, 28),
        **fields,
    )


def keep_data(plan, statement=OUTCOME, **fields) -> list[tuple[str, str]]:
    answers = {
        "statement": statement,
        "measure": MEASURE,
        "target": TARGET,
        "what": TASK,
        "who": str(plan.attendee_ids[0]),
        "someone_else": "",
        "version": "1",
        **fields,
    }
    return list(answers.items()) + by_when(date(2027, 1, 15))


def test_the_plan_page_offers_to_keep_a_task_as_an_action_with_an_example_for_its_worry(chair, app):
    plan = chair.plan
    goal_id = drinking_task(app, plan)
    html = chair.get(plan.url).get_data(as_text=True)
    keep_url = f"{plan.url}/goals/{goal_id}/keep-as-action"
    assert f'href="{keep_url}"' in html
    assert "Keep this as an action under a new outcome (safety goal 1)" in text_of(html)
    # The checker's suggestion follows the worry, not the parenting course.
    assert DRINKING_OUTCOME in text_of(html)
    assert "calm bedtime" not in text_of(html)
    # The edit page offers the same, outside the panel the script rewrites.
    edit = chair.get(f"{plan.url}/goals/{goal_id}").get_data(as_text=True)
    assert f'href="{keep_url}"' in edit

    form = assert_page(chair.get(keep_url), "Keep this as an action under a new outcome")
    assert f"{DRINKING_OUTCOME}</textarea>" in form
    assert f"{TASK}</textarea>" in form  # the task, as the action
    assert re.search(rf'<option[^>]*value="{plan.attendee_ids[0]}"[^>]*selected', form)
    assert re.search(r'name="by_when"[^>]*value="28"', form)
    assert "Certificate</textarea>" in form
    assert DRINKING in text_of(form)
    assert f'<span class="app-preserve-lines">{TASK}</span>' in form  # the task, shown as typed


def test_keeping_a_task_as_an_action_is_one_step_and_audited(chair, app):
    plan = chair.plan
    goal_id = drinking_task(app, plan, actions=["Grandma has Lily on Fridays"])
    response = chair.post(f"{plan.url}/goals/{goal_id}/keep-as-action", keep_data(plan))
    assert response.headers["Location"] == plan_url(app, plan.id, goal_id)
    with app.app_context():
        goal = db.session.get(SafetyGoal, goal_id)
        kept = (goal.statement, goal.measure, goal.target, goal.worry_item_ids, goal.version)
        actions = [(a.what, a.who, a.by_when, a.status, a.position) for a in goal.actions]
        focused = goal.outcome_focused
        grade = goal.outcome_grade
    assert kept == (OUTCOME, MEASURE, TARGET, [plan.worry_ids[1]], 2)
    assert actions == [
        ("Grandma has Lily on Fridays", "Mum", None, "not_started", 0),
        (
            TASK,
            "Sam Smith – Social worker, Children’s Social Care",
            date(2027, 1, 15),
            "not_started",
            1,
        ),
    ]
    assert (focused, grade) == (True, "outcome")
    [update] = events(app, "update", "safety_goal")
    assert update.changes["statement"] == [TASK, OUTCOME]
    assert update.case_id == plan.case_id
    [created] = events(app, "create", "plan_action")
    assert created.changes["what"] == [None, TASK]
    page = text_of(chair.get(plan.url).data.decode())
    assert "Safety goal changed to an outcome, with the task kept as an action" in page


def test_keeping_a_task_needs_the_outcome_who_and_when_and_loses_nothing_typed(chair, app):
    plan = chair.plan
    goal_id = drinking_task(app, plan)
    url = f"{plan.url}/goals/{goal_id}/keep-as-action"
    data = [
        (name, value)
        for name, value in keep_data(plan, statement="", who="", target="At least 6 nights")
        if name != "by_when"
    ]
    html = assert_page(chair.post(url, data), "Keep this as an action under a new outcome")
    assert error_messages(html) == [
        "Enter what will be different for the child",
        "Select who will do this",
        "Enter the date this will be done by",
    ]
    assert "There is a problem" in text_of(html)
    assert "At least 6 nights</textarea>" in html
    assert get(app, SafetyGoal, goal_id).statement == TASK
    assert count(app, PlanAction) == 0
    assert events(app, "update") == events(app, "create") == []


def test_the_example_outcome_kept_as_offered_is_refused_and_nothing_is_lost(chair, app):
    plan = chair.plan
    goal_id = drinking_task(app, plan)
    url = f"{plan.url}/goals/{goal_id}/keep-as-action"
    response = chair.post(url, keep_data(plan, statement=DRINKING_OUTCOME))
    html = assert_page(response, "Keep this as an action under a new outcome")
    assert error_messages(html) == [
        "Change the example to say what will be different for the child in this family"
    ]
    assert f"{DRINKING_OUTCOME}</textarea>" in html
    assert get(app, SafetyGoal, goal_id).statement == TASK
    assert count(app, PlanAction) == 0


def test_a_stale_keep_shows_both_versions_and_saves_nothing(chair, app):
    plan = chair.plan
    goal_id = drinking_task(app, plan)
    with app.app_context():  # someone else saves the goal first
        db.session.get(SafetyGoal, goal_id).statement = "Lily sleeps well"
        db.session.commit()
    url = f"{plan.url}/goals/{goal_id}/keep-as-action"
    html = assert_page(
        chair.post(url, keep_data(plan)), "Keep this as an action under a new outcome"
    )
    assert "Someone else changed this record while you were editing it" in text_of(html)
    assert f"What will be different for the child Lily sleeps well {OUTCOME}" in text_of(html)
    assert f"{OUTCOME}</textarea>" in html
    assert get(app, SafetyGoal, goal_id).statement == "Lily sleeps well"
    assert count(app, PlanAction) == 0


def test_keeping_a_task_is_refused_on_a_finalised_plan_and_another_plans_goal(
    chair, app, make_plan
):
    plan = chair.plan
    other = make_plan()
    theirs = add_goal(app, other.id, TASK)
    assert chair.get(f"{plan.url}/goals/{theirs}/keep-as-action").status_code == 404
    goal_id = drinking_task(app, plan)
    with app.app_context():
        db.session.get(Plan, plan.id).finalised_at = datetime(2026, 11, 27, 9, tzinfo=UTC)
        db.session.commit()
    url = f"{plan.url}/goals/{goal_id}/keep-as-action"
    assert chair.get(url).status_code == 409
    token = meta_csrf(chair)
    assert chair.post(url, [*keep_data(plan), ("csrf_token", token)]).status_code == 409
    assert get(app, SafetyGoal, goal_id).statement == TASK
    assert "Keep this as an action" not in text_of(chair.get(plan.url).data.decode())


def test_the_checker_suggests_an_outcome_for_the_worries_ticked_so_far(chair, app):
    plan = chair.plan
    drinking_task(app, plan)  # gives the second worry its drinking text
    typed = {"statement": TASK, "worry_item_ids": [str(plan.worry_ids[1])]}
    answer = check(chair, plan.id, **typed).get_json()
    [task] = [f for f in answer["findings"] if f["code"] == "task-not-outcome"]
    assert DRINKING_OUTCOME in task["suggestion"]  # Lily, named in the worry
    bare = check(chair, plan.id, statement=TASK).get_json()
    [plain_task] = [f for f in bare["findings"] if f["code"] == "task-not-outcome"]
    assert "calm bedtime" in plain_task["suggestion"]


# The graded reading: an outcome with an action mixed in

MIXED = "Mum will stay off drink and see her key worker every week"
MIXED_OUTCOME = "Mum will stay off drink"
MIXED_ACTION = "see her key worker every week"
MIXED_READING = (
    "The outcome here is “Mum will stay off drink”; keep “see her key worker every week” as an "
    "action."
)


@pytest.fixture(params=["checker", "stand-in"])
def mixed_reading(request, monkeypatch):
    """The checker's own reading of MIXED (clause by clause: the "checker" tests wait for it to
    grade mixed goals), or a stand-in that reads it as the checker will, so that what the pages
    do with a mixed goal is tested either way. Every other statement is read by the checker."""
    if request.param == "stand-in":
        real = plan_checks.assess_outcome
        reading = OutcomeAssessment(
            True,
            False,
            [Finding("mixed-goal", "An action is written into this outcome.")],
            "mixed",
            (MIXED_OUTCOME,),
            (MIXED_ACTION,),
        )

        def assess(statement, *args, **kwargs):
            return reading if statement.strip() == MIXED else real(statement, *args, **kwargs)

        monkeypatch.setattr(plan_checks, "assess_outcome", assess)
    return request.param


def test_a_mixed_goal_is_read_as_one_while_it_is_typed(chair, mixed_reading):
    answer = check(chair, chair.plan.id, statement=MIXED).get_json()
    assert (answer["outcome_focused"], answer["grade"]) == (True, "mixed")
    assert (answer["outcome_parts"], answer["action_parts"]) == ([MIXED_OUTCOME], [MIXED_ACTION])
    assert "mixed-goal" in [finding["code"] for finding in answer["findings"]]


def test_a_mixed_goal_is_stored_and_shown_with_its_outcome_and_its_action(
    chair, app, mixed_reading
):
    plan = chair.plan
    chair.post(f"{plan.url}/goals/new", goal_data(plan, statement=MIXED))
    goal = stored_goal(app)
    assert (goal.outcome_focused, goal.outcome_grade) == (True, "mixed")
    keep_url = f"{plan.url}/goals/{goal.id}/keep-as-action"
    html = chair.get(plan.url).get_data(as_text=True)
    assert "Outcome with actions mixed in" in texts(html, "[data-assessment-tags]")[0]
    assert texts(html, "[data-mixed-reading]") == [MIXED_READING]
    assert f"Move “{MIXED_ACTION}” to an action (safety goal 1)" in text_of(html)
    assert f'href="{keep_url}" data-move-to-action' in html
    assert "Keep this as an action under a new outcome" not in text_of(html)
    edit = chair.get(f"{plan.url}/goals/{goal.id}").get_data(as_text=True)
    assert panel(edit).startswith("Outcome with actions mixed in ")
    assert MIXED_READING in panel(edit)
    # The reading is what to put right (the stand-in reading has nothing else to say).
    assert "Nothing to put right" not in panel(edit)
    assert f'href="{keep_url}" data-move-to-action' in edit


def test_moving_the_action_out_of_a_mixed_goal_is_one_step(chair, app, mixed_reading):
    plan = chair.plan
    goal_id = add_goal(
        app, plan.id, MIXED, child_ids=plan.child_ids[:1], owner="Mum", review_on=date(2027, 1, 28)
    )
    url = f"{plan.url}/goals/{goal_id}/keep-as-action"
    form = assert_page(chair.get(url), "Move the action out of this goal")
    assert f"{MIXED_OUTCOME}</textarea>" in form  # the outcome's own words, as the goal
    assert f"{MIXED_ACTION}</textarea>" in form  # the action's, as the action
    # Mum owns the outcome; the action may be someone else's, by another date: nobody guessed.
    assert not re.search(r'<option[^>]*value="\d+"[^>]*selected', form)
    assert not re.search(r'name="by_when[^"]*"[^>]*value="\d+"', form)
    action = "Mum sees her key worker every week"
    response = chair.post(url, keep_data(plan, statement=MIXED_OUTCOME, what=action))
    assert response.headers["Location"] == plan_url(app, plan.id, goal_id)
    with app.app_context():
        goal = db.session.get(SafetyGoal, goal_id)
        assert (goal.statement, goal.outcome_grade) == (MIXED_OUTCOME, "outcome")
        assert [a.what for a in goal.actions] == [action]
    page = text_of(chair.get(plan.url).get_data(as_text=True))
    assert "Action moved out of the safety goal" in page


@pytest.mark.parametrize("worries", ["1", [True], [{"id": 1}], ["1; DROP"], list(range(101))])
def test_the_checker_refuses_worry_ids_it_cannot_read(chair, worries):
    response = chair.raw.post(
        f"/plans/{chair.plan.id}/goals/check",
        json={"statement": TASK, "worry_item_ids": worries},
        headers={"X-CSRFToken": meta_csrf(chair)},
    )
    assert (response.status_code, response.get_json()) == (
        400,
        {"error": "The worry statements must be a list of ids"},
    )


def test_the_findings_stay_beside_the_goal_as_it_is_typed(chair):
    html = chair.get(f"{chair.plan.url}/goals/new").get_data(as_text=True)
    assert 'class="govuk-grid-row app-grid-row--sticky"' in html
    assert re.search(r'<aside[^>]*class="[^"]*app-sticky-panel[^"]*"[^>]*tabindex="0"', html)


def test_the_plan_page_uses_a_wide_screen_and_sets_its_goals_side_by_side(chair, app):
    plan = chair.plan
    add_goal(app, plan.id)
    html = chair.get(plan.url).get_data(as_text=True)
    assert '<body class="govuk-template__body app-template--wide">' in html
    assert '<div class="app-goal-grid">' in html
    other = chair.get(f"{plan.url}/goals/new").get_data(as_text=True)
    assert "app-template--wide" not in other


# A finalised plan


# The goal's own contingency: "If … then …" in the family's copy


IF = "Dad has been drinking and is at home with the children"
THEN = "Mum rings Grandma, who takes the children to her flat that night"


def test_a_goals_contingency_is_saved_shown_and_audited(chair, app):
    plan = chair.plan
    chair.post(f"{plan.url}/goals/new", goal_data(plan, contingency_if=IF, contingency_then=THEN))
    goal = stored_goal(app)
    assert (goal.contingency_if, goal.contingency_then) == (IF, THEN)
    [created] = events(app, "create", "safety_goal")
    assert created.changes["contingency_if"] == [None, IF]
    assert created.changes["contingency_then"] == [None, THEN]
    page = text_of(chair.get(plan.url).get_data(as_text=True))
    assert f"If this goal is not met {IF} Then {THEN}" in page
    html = chair.get(f"{plan.url}/goals/{goal.id}").get_data(as_text=True)
    assert f"{IF}</textarea>" in html and f"{THEN}</textarea>" in html


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        ({"contingency_if": IF}, ["Enter what will happen then"]),
        ({"contingency_then": THEN}, ["Enter what would show the goal is not being met"]),
        (
            {"contingency_if": "x" * 5_001, "contingency_then": "y" * 5_001},
            [
                "What would show the goal is not being met must be 5,000 characters or fewer",
                "What will happen then must be 5,000 characters or fewer",
            ],
        ),
    ],
)
def test_half_a_contingency_or_too_long_is_explained_and_nothing_is_saved(
    chair, app, fields, messages
):
    plan = chair.plan
    html = assert_page(
        chair.post(f"{plan.url}/goals/new", goal_data(plan, **fields)), "Add a safety goal"
    )
    assert error_messages(html) == messages
    for typed in fields.values():
        assert f"{typed}</textarea>" in html  # nothing typed is lost
    assert count(app, SafetyGoal) == 0


def test_a_stale_save_shows_both_contingencies(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id, contingency_if="Mum is unwell", contingency_then="Grandma")
    with app.app_context():  # someone else saves first
        db.session.get(SafetyGoal, goal_id).contingency_then = "Grandma comes to stay"
        db.session.commit()
    url = f"{plan.url}/goals/{goal_id}"
    data = goal_data(plan, contingency_if=IF, contingency_then=THEN)
    page = text_of(assert_page(chair.post(url, data), "Change a safety goal").replace("\n", " "))
    assert f"If this happens Mum is unwell {IF}" in page
    assert f"Then this will happen Grandma comes to stay {THEN}" in page
    assert get(app, SafetyGoal, goal_id).contingency_if == "Mum is unwell"


def test_a_finalised_plan_cannot_be_changed(chair, app):
    plan = chair.plan
    goal_id = add_goal(app, plan.id, actions=[TASK])
    [action_id] = action_ids(app, goal_id)
    with app.app_context():
        db.session.get(Plan, plan.id).finalised_at = datetime(2026, 11, 27, 9, tzinfo=UTC)
        db.session.commit()
    base = plan.url
    urls = (
        f"{base}/goals/new",
        f"{base}/goals/{goal_id}",
        f"{base}/goals/{goal_id}/remove",
        f"{base}/goals/{goal_id}/actions/new",
        f"{base}/actions/{action_id}",
        f"{base}/actions/{action_id}/remove",
    )
    token = meta_csrf(chair)
    for url in urls:
        assert chair.get(url).status_code == 409, url
        assert chair.post(url, [*goal_data(plan), ("csrf_token", token)]).status_code == 409
    moved = chair.post(f"{base}/goals/{goal_id}/move", {"direction": "up", "csrf_token": token})
    assert moved.status_code == 409
    assert goals_in(app, plan.id) == [(OUTCOME, 0)]
    assert count(app, PlanAction) == 1
    assert events(app, "update") == events(app, "delete") == events(app, "create") == []
    assert check(chair, plan.id, statement=TASK).status_code == 200  # reading is still allowed


# Who may do what

# What each route needs: "view", "change", or "post-view" / "post-change" (POST only).
ROUTES = {
    "plans.new_goal": "change",
    "plans.edit_goal": "change",
    "plans.keep_as_action": "change",
    "plans.check_goal": "post-view",
    "plans.move_goal": "post-change",
    "plans.remove_goal": "change",
    "plans.new_action": "change",
    "plans.edit_action": "change",
    "plans.remove_action": "change",
}


def expected(person: str, needs: str) -> int:
    if person not in CAN_VIEW:
        return 404
    if needs.endswith("change") and person not in CAN_EDIT:
        return 403
    return 302 if needs == "post-change" else 200


@pytest.fixture
def plan_world(app, world):
    """Plan 1 of the case in team A, with a goal and an action."""
    with app.app_context():
        conference = Conference(
            case_id=world["case_id"],
            conference_type="initial",
            held_on=HELD_ON,
            starts_at=time(10),
        )
        plan = Plan(case_id=world["case_id"], conference=conference, number=1)
        goal = SafetyGoal(plan=plan, statement=OUTCOME, child_ids=[world["child_id"]])
        goal.actions = [PlanAction(what=TASK, who="Mum")]
        db.session.add(plan)
        db.session.commit()
        return {**world, "plan_id": plan.id, "goal_id": goal.id, "action_id": goal.actions[0].id}


def _url(app, endpoint, values):
    rule = next(app.url_map.iter_rules(endpoint))
    with app.test_request_context():
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


@pytest.mark.parametrize("person", list(PEOPLE))
def test_plan_goal_access_matrix(app, plan_world, person):
    client = Client(app.test_client())
    assert sign_in(client, plan_world["users"][person]).status_code == 302
    token = meta_csrf(client)
    seen = {}
    for endpoint, needs in ROUTES.items():
        url = _url(app, endpoint, plan_world)
        if needs == "post-view":
            response = client.raw.post(url, json={}, headers={"X-CSRFToken": token})
        elif needs == "post-change":
            response = client.post(url, {"direction": "down", "csrf_token": token})
            assert client.get(url).status_code == 405
        else:
            response = client.get(url)
        seen[endpoint] = response.status_code
    assert seen == {endpoint: expected(person, needs) for endpoint, needs in ROUTES.items()}
    assert events(app, "move") == []  # moving the only goal down changes nothing
