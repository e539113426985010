"""The plan as a whole: writing it from the conference (a new version each time), its page with
the plan-level checks and readability, its own statements, finalising, the versions and what
changed between them, and who may do what."""

import re
from datetime import UTC, date, datetime, time
from types import SimpleNamespace

import pytest
from helpers import Client, count, sign_in
from pages import assert_page, error_messages, error_summary, links, text_of

from conference.extensions import db
from conference.models import (
    Adult,
    AuditEvent,
    Child,
    ChildDecision,
    Conference,
    CoreGroupMember,
    FormDraft,
    MapItem,
    Plan,
    PlanAction,
    SafetyGoal,
)

GOOD_STATEMENT = (
    "Kemi (6) has a calm bedtime: in bed by 7.30pm on at least 6 of 7 nights, shown by Mum’s "
    "diary and two unannounced visits"
)
GOOD_GOAL = {
    "statement": GOOD_STATEMENT,
    "measure": "Mum’s diary and two unannounced visits",
    "baseline": "2 calm nights a week",
    "target": "At least 6 of 7 nights",
    "sustained_for": "3 months",
    "review_on": date(2027, 1, 15),
    "owner": "Mum",
    "family_words": "Mum says bedtime is the hardest part of the day",
}
IDENTITY_MESSAGE = (
    "Say how Kemi’s and Tolu’s ethnicity, culture, religion and language shaped the plan, or why "
    "they did not"
)
TASK_MESSAGE = (
    "This says what an adult or a service will do, not what will be different for the child."
)
DETAILS = {
    "contingency_plan": "If Dad drinks again, Kemi and Tolu stay with Grandma.",
    "child_seen": "Sam sees Kemi alone at school every 2 weeks.",
    "identity_statement": "The plan is in Yoruba and English; Grandma’s church is in the network.",
    "child_views_statement": "Kemi said bedtime is scary: goal 1 is about bedtime.",
}


@pytest.fixture
def make_family(app, make_case, make_user):
    """`make_family(social_worker_id=…)`: a case in Team A with Kemi and Tolu Adeyemi, an
    initial conference on 26 November 2026 deciding a child protection plan (neglect) for both,
    with two worry statements on its map."""

    def make(social_worker_id=None, outcomes=("cp_plan", "cp_plan"), contingency=("", "")):
        case_id = make_case(team="Team A", social_worker_id=social_worker_id)
        with app.app_context():
            kids = [
                Child(
                    case_id=case_id,
                    given_name=name,
                    family_name="Adeyemi",
                    date_of_birth=date(2020, 4, 3),
                    local_child_id=f"LC-{case_id}-{name}",
                )
                for name in ("Kemi", "Tolu")
            ]
            db.session.add_all(kids)
            db.session.flush()
            conference = _conference(case_id, date(2026, 11, 26), "initial")
            for child, outcome, text in zip(kids, outcomes, contingency, strict=True):
                conference.decisions.append(_decision(child, outcome, text))
            conference.map_items = [
                MapItem(
                    heading="worry",
                    who_is_worried="Sam (social worker)",
                    worried_about="when Dad drinks he shouts at bedtime",
                    could_happen="Kemi could be hurt and not sleep",
                    child_ids=[kids[0].id],
                    position=0,
                ),
                MapItem(heading="worry", text="Tolu misses nursery most weeks", position=1),
            ]
            db.session.add(conference)
            db.session.commit()
            return SimpleNamespace(
                case_id=case_id,
                conference_id=conference.id,
                child_ids=[kid.id for kid in kids],
                worry_ids=[item.id for item in conference.map_items],
            )

    return make


def _conference(case_id, held_on, kind) -> Conference:
    return Conference(
        case_id=case_id,
        conference_type=kind,
        held_on=held_on,
        starts_at=time(10, 0),
        finalised_at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
    )


def _decision(child, outcome, contingency="") -> ChildDecision:
    return ChildDecision(
        child_id=child.id,
        outcome=outcome,
        category="NEG" if outcome == "cp_plan" else None,
        contingency_plan=contingency,
        review_on=date(2027, 2, 20),
    )


@pytest.fixture
def chair(signed_in, make_family):
    client = signed_in("chair", email="chair@example.org", name="Chris Chair")
    client.family = make_family()
    return client


@pytest.fixture
def social_worker(signed_in, make_family):
    """The social worker allocated to the family."""
    client = signed_in("social_worker", email="sam@example.org", name="Sam Jones", team="Team A")
    client.family = make_family(social_worker_id=client.user_id)
    return client


def add_plan(app, family, goals=(), number=1, conference_id=None, **fields) -> SimpleNamespace:
    """A plan with `goals`: each a dict of SafetyGoal fields, with "actions" a list of dicts."""
    with app.app_context():
        plan = Plan(
            case_id=family.case_id,
            conference_id=conference_id or family.conference_id,
            number=number,
            previous_plan_id=fields.pop("previous_plan_id", None),
            **fields,
        )
        for position, goal in enumerate(goals):
            goal = dict(goal)
            actions = goal.pop("actions", [])
            safety_goal = SafetyGoal(position=position, **goal)
            safety_goal.actions = [
                PlanAction(position=i, **action) for i, action in enumerate(actions)
            ]
            plan.goals.append(safety_goal)
        db.session.add(plan)
        db.session.commit()
        return SimpleNamespace(
            id=plan.id,
            url=f"/plans/{plan.id}",
            goal_ids=[goal.id for goal in plan.goals],
            action_ids=[action.id for goal in plan.goals for action in goal.actions],
        )


def good_goal(family, **changes) -> dict:
    return {
        **GOOD_GOAL,
        "child_ids": [family.child_ids[0]],
        "worry_item_ids": list(family.worry_ids),
        "actions": [
            {"what": "Mum keeps the bedtime diary", "who": "Mum", "by_when": date(2026, 12, 1)}
        ],
        **changes,
    }


def get_plan(app, plan_id) -> Plan:
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        db.session.expunge(plan)
        return plan


def events(app, action, record_type="protection_plan") -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter_by(action=action, record_type=record_type)
        found = found.order_by(AuditEvent.id).all()
        db.session.expunge_all()
        return found


def fingerprint(client, url) -> str:
    """The findings the finalise page showed, as its form sends them back."""
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="fingerprint" type="hidden" value="([0-9a-f]+)"', html).group(1)


def finding_links(html) -> list[tuple[str, str]]:
    """(href, text) of each finding in the plan-level checks."""
    return links(html, "#checks a.govuk-link")


# Writing the plan from the conference


def test_the_hub_offers_to_write_the_plan_which_becomes_version_1(chair, app):
    family = chair.family
    hub = f"/conferences/{family.conference_id}"
    html = chair.get(hub).get_data(as_text=True)
    assert f'action="/conferences/{family.conference_id}/plan"' in html
    assert "Write the plan" in text_of(html)
    response = chair.post(f"{hub}/plan", page=hub)
    with app.app_context():
        plan = db.session.query(Plan).one()
        stored = (plan.case_id, plan.number, plan.previous_plan_id, plan.goals, plan.id)
    assert stored[:4] == (family.case_id, 1, None, [])
    assert response.headers["Location"] == f"/plans/{stored[4]}"
    page = text_of(chair.get(response.headers["Location"]).get_data(as_text=True))
    assert "Plan written" in page
    [event] = events(app, "create")
    assert (event.record_id, event.case_id) == (str(stored[4]), family.case_id)
    assert event.changes["number"] == [None, 1]
    # The hub now links to the plan instead, and writing it again goes to the same plan.
    html = chair.get(hub).get_data(as_text=True)
    assert f'href="/plans/{stored[4]}"' in html and "Write the plan" not in text_of(html)
    again = chair.post(f"{hub}/plan", page=f"/plans/{stored[4]}")
    assert again.headers["Location"] == f"/plans/{stored[4]}"
    assert count(app, Plan) == 1


def test_a_first_plan_starts_with_the_contingency_the_conference_decided(
    signed_in, make_family, app
):
    client = signed_in("chair")
    same = make_family(
        contingency=("Kemi and Tolu stay with Grandma.", "Kemi and Tolu stay with Grandma.")
    )
    different = make_family(contingency=("Kemi stays with Grandma.", "Tolu stays with Aunty Bisi."))
    for family in (same, different):
        hub = f"/conferences/{family.conference_id}"
        client.post(f"{hub}/plan", page=hub)
    with app.app_context():
        texts = [
            db.session.query(Plan).filter_by(case_id=family.case_id).one().contingency_plan
            for family in (same, different)
        ]
    assert texts == [
        "Kemi and Tolu stay with Grandma.",
        "For Kemi: Kemi stays with Grandma.\n\nFor Tolu: Tolu stays with Aunty Bisi.",
    ]


def test_no_plan_is_written_without_a_plan_decision(signed_in, make_family, app):
    client = signed_in("chair")
    family = make_family(outcomes=("nfa", "nfa"))
    hub = f"/conferences/{family.conference_id}"
    html = client.get(hub).get_data(as_text=True)
    assert "Write the plan" not in text_of(html)
    assert (
        "A plan is written once the conference decides on a child protection plan or a child in "
        "need plan." in text_of(html)
    )
    token = client.csrf_token("/cases/")
    html = assert_page(
        client.post(f"{hub}/plan", {"csrf_token": token}), "There is no plan to write yet", 409
    )
    assert "Nothing was created." in text_of(html)
    assert count(app, Plan) == 0


def test_a_child_in_need_plan_is_a_plan_too(signed_in, make_family, app):
    client = signed_in("chair")
    family = make_family(outcomes=("cin_plan", "nfa"))
    hub = f"/conferences/{family.conference_id}"
    assert client.post(f"{hub}/plan", page=hub).status_code == 302
    assert count(app, Plan, case_id=family.case_id) == 1


def test_the_review_conference_writes_version_2_copying_goals_and_actions(chair, app):
    family = chair.family
    first = add_plan(
        app,
        family,
        [
            good_goal(family),
            good_goal(family, statement="Tolu goes to nursery every day", actions=[]),
        ],
        **DETAILS,
    )
    with app.app_context():
        review = _conference(family.case_id, date(2027, 2, 18), "review")
        kemi = db.session.get(Child, family.child_ids[0])
        review.decisions = [_decision(kemi, "cp_plan")]
        db.session.add(review)
        db.session.commit()
        review_id = review.id
    hub = f"/conferences/{review_id}"
    response = chair.post(f"{hub}/plan", page=hub)
    with app.app_context():
        plan = db.session.query(Plan).filter_by(number=2).one()
        assert response.headers["Location"] == f"/plans/{plan.id}"
        assert (plan.previous_plan_id, plan.conference_id) == (first.id, review_id)
        assert {field: getattr(plan, field) for field in DETAILS} == DETAILS
        copied = [
            (
                goal.origin_goal_id,
                goal.statement,
                goal.measure,
                goal.review_on,
                goal.worry_item_ids,
                [(a.what, a.who, a.by_when, a.status) for a in goal.actions],
            )
            for goal in plan.goals
        ]
        old_goals = db.session.get(Plan, first.id).goals
        assert [len(goal.actions) for goal in old_goals] == [1, 0]  # the old version stays
        new_id = plan.id
    assert copied == [
        (
            first.goal_ids[0],
            GOOD_STATEMENT,
            GOOD_GOAL["measure"],
            date(2027, 1, 15),
            family.worry_ids,
            [("Mum keeps the bedtime diary", "Mum", date(2026, 12, 1), "not_started")],
        ),
        (
            first.goal_ids[1],
            "Tolu goes to nursery every day",
            GOOD_GOAL["measure"],
            date(2027, 1, 15),
            family.worry_ids,
            [],
        ),
    ]
    event = events(app, "create")[-1]
    assert event.record_id == str(new_id)
    assert event.changes["previous_plan_id"] == [None, first.id]
    assert event.changes["goals_copied_from"] == [None, first.goal_ids]
    page = text_of(chair.get(f"/plans/{new_id}").get_data(as_text=True))
    assert "Version 2 of the plan written" in page
    # The copied goals still show the worry statements of the conference they were written at.
    assert "Tolu misses nursery most weeks (from the conference on 26 November 2026)" in page
    assert "The conference’s map has no worry statements." in page


# The plan page


# Each goal's card names the worries it answers, briefly (a guided statement by what it is about),
# in its first row: "Answers", then the worries.
GOAL_1_WORRIES = (
    "Answers worry 1: when Dad drinks he shouts at bedtime; worry 2: Tolu misses nursery most weeks"
)


def test_the_plan_page_shows_every_part_of_the_plan_and_is_audited(chair, app):
    family = chair.family
    goal = good_goal(
        family,
        actions=[
            {"what": "Mum keeps the bedtime diary", "who": "Mum", "by_when": date(2026, 12, 1)},
            {
                "what": "Sam visits unannounced at bedtime",
                "who": "Sam Jones",
                "by_when": date(2027, 1, 10),
                "status": "in_progress",
            },
        ],
    )
    plan = add_plan(app, family, [goal], **DETAILS)
    html = assert_page(chair.get(plan.url), "Plan version 1")
    page = text_of(html)
    assert "Draft" in page
    assert f'href="/conferences/{family.conference_id}"' in html
    assert "Initial child protection conference, 26 November 2026" in page
    assert (
        "Decisions Kemi Adeyemi: Child protection plan (Neglect) "
        "Tolu Adeyemi: Child protection plan (Neglect)"
    ) in page
    goal_id = plan.goal_ids[0]
    assert f'id="goal-{goal_id}"' in html
    assert f'id="goal-{goal_id}-measure"' in html
    assert (
        f"Safety goal 1 Change (Safety goal 1) Remove (Safety goal 1) {GOAL_1_WORRIES} "
        f"What will be different for the child {GOOD_STATEMENT} Children Kemi Adeyemi "
        "Worry statements it answers Who is worried: Sam (social worker) / About what: when Dad "
        "drinks he shouts at bedtime / What could happen to the child if nothing changes: Kemi "
        "could be hurt and not sleep Tolu misses nursery most weeks "
        "Measure Mum’s diary and two unannounced visits Where things are now 2 calm nights a week "
        "Target At least 6 of 7 nights Sustained for 3 months Review date 15 January 2027 "
        "Who is responsible Mum The family’s words Mum says bedtime is the hardest part of the day"
    ) in page
    assert "The checker’s reading Outcome Measurable Nothing to put right." in page
    assert (
        "Actions for safety goal 1 What Who By when Status Change "
        "Mum keeps the bedtime diary Mum 1 December 2026 Not started Change "
    ) in page
    assert "Sam visits unannounced at bedtime Sam Jones 10 January 2027 In progress" in page
    assert f'href="/plans/{plan.id}/actions/{plan.action_ids[0]}"' in html
    assert f'href="/plans/{plan.id}/goals/{goal_id}/actions/new"' in html
    assert f'href="/plans/{plan.id}/goals/new"' in html
    assert "Add a safety goal" in page
    assert f"Contingency plan {DETAILS['contingency_plan']}" in page
    assert (
        f"When the children will be seen, and seen alone, and by whom {DETAILS['child_seen']}"
        in page
    )
    assert DETAILS["identity_statement"] in page and DETAILS["child_views_statement"] in page
    assert f'href="/plans/{plan.id}/edit#contingency_plan"' in html
    assert "Finalise the plan" in page  # the chair finalises
    assert "Worry statement 2 Tolu misses nursery most weeks Answered by safety goal 1" in page
    [event] = events(app, "view")
    assert (event.record_id, event.case_id) == (str(plan.id), family.case_id)


def test_plan_level_checks_give_a_score_and_link_to_what_to_fix(chair, app):
    family = chair.family
    goals = [
        good_goal(family, worry_item_ids=[family.worry_ids[0]], actions=[]),
        good_goal(
            family,
            statement="Mum will attend a parenting course",
            measure="",
            target="",
            worry_item_ids=[],
            actions=[{"what": "Book the course", "who": "", "by_when": None}],
        ),
    ]
    plan = add_plan(app, family, goals, contingency_plan="Grandma looks after the children.")
    html = chair.get(plan.url).get_data(as_text=True)
    page = text_of(html)
    # 1 has-goals, 2 worries, 3 per goal, 1 action, ceiling, contingency, views, identity
    assert "Checks on the plan 7 of 14 checks met" in page
    first, second = plan.goal_ids
    assert finding_links(html) == [
        (f"/plans/{plan.id}/goals/new", "Worry statement 2 is not answered by any safety goal"),
        (f"/plans/{plan.id}/goals/{first}/actions/new", "Safety goal 1 has no actions"),
        (
            f"/plans/{plan.id}#goal-{second}-statement",
            "Safety goal 2 says what an adult or a service will do, not what will be different "
            "for the child",
        ),
        (
            f"/plans/{plan.id}#goal-{second}-measure",
            "Nobody could show whether safety goal 2 has been achieved",
        ),
        (
            f"/plans/{plan.id}/actions/{plan.action_ids[0]}",
            "Action 1 of safety goal 2 does not say who will do it or by when",
        ),
        (
            f"/plans/{plan.id}/edit#child_views_statement",
            "The plan does not say how it uses what the children said",
        ),
        (
            f"/plans/{plan.id}/edit#identity_statement",
            "Say how Kemi’s and Tolu’s ethnicity, culture, religion and language shaped the plan, "
            "or why they did not",
        ),
    ]
    assert "Task, not an outcome" in page and "Not measurable yet" in page
    assert (
        "Worry statement 2 Tolu misses nursery most weeks Not answered by any safety goal yet"
        in page
    )


def test_identity_that_changes_nothing_and_a_missing_interpreter_are_found(social_worker, app):
    """Issue 21: who the family are is not how identity shaped the plan, and the interpreter
    the family's answers ask for must be in it. The stored answer follows each save."""
    family = social_worker.family
    with app.app_context():
        mum = Adult(
            case_id=family.case_id,
            given_name="Funmilayo",
            family_name="Adeyemi",
            interpreter_needed="yes",
            interpreter_language="Yoruba",
        )
        db.session.add(mum)
        db.session.commit()
    plan = add_plan(app, family, [good_goal(family)], **DETAILS)
    form = text_of(social_worker.get(f"{plan.url}/edit").get_data(as_text=True))
    assert "Say what will happen because of them, not only who the family are" in form
    restated = {**DETAILS, "identity_statement": "The family are Nigerian and Christian."}
    social_worker.post(f"{plan.url}/edit", {**restated, "version": "1"})
    found = finding_links(social_worker.get(plan.url).get_data(as_text=True))
    assert [text for link, text in found if "identity_statement" in link] == [
        "The plan does not say how Kemi’s and Tolu’s ethnicity, culture, religion and language "
        "shape what will happen",
        "Funmilayo needs a Yoruba interpreter, but the plan does not say one will be at the "
        "meetings",
    ]
    assert get_plan(app, plan.id).identity_considered is False
    promised = "A Yoruba interpreter comes to every meeting, and the plan is in Yoruba."
    social_worker.post(
        f"{plan.url}/edit", {**DETAILS, "identity_statement": promised, "version": "2"}
    )
    found = finding_links(social_worker.get(plan.url).get_data(as_text=True))
    assert not [text for link, text in found if "identity_statement" in link]
    assert get_plan(app, plan.id).identity_considered is True


def test_each_worry_statement_names_the_goals_that_answer_it(chair, app):
    family = chair.family
    first, second = family.worry_ids
    goals = [good_goal(family, worry_item_ids=[first]), good_goal(family, worry_item_ids=[second])]
    plan = add_plan(app, family, goals, **DETAILS)
    page = text_of(chair.get(plan.url).get_data(as_text=True))
    assert "could be hurt and not sleep Answered by safety goal 1 Worry statement 2" in page
    assert "Tolu misses nursery most weeks Answered by safety goal 2 Safety goals" in page


def test_more_actions_than_the_ceiling_is_a_warning(chair, app):
    family = chair.family
    actions = [
        {"what": f"Step {n}", "who": "Mum", "by_when": date(2026, 12, n)} for n in range(1, 12)
    ]
    plan = add_plan(app, family, [good_goal(family, actions=actions)], **DETAILS)
    page = text_of(chair.get(plan.url).get_data(as_text=True))
    assert "This plan has 11 actions: plans work best with about 8 or fewer" in page


def test_readers_are_linked_to_the_place_on_the_plan_page(signed_in, make_family, app):
    client = signed_in("social_worker", team="Team A")  # in the team, not allocated
    family = make_family()
    plan = add_plan(app, family, [good_goal(family, worry_item_ids=[], actions=[])])
    html = client.get(plan.url).get_data(as_text=True)
    goal_id = plan.goal_ids[0]
    assert [href for href, _text in finding_links(html)] == [
        f"/plans/{plan.id}#worry-{family.worry_ids[0]}",
        f"/plans/{plan.id}#worry-{family.worry_ids[1]}",
        f"/plans/{plan.id}#goal-{goal_id}-actions",
        f"/plans/{plan.id}#contingency",
        f"/plans/{plan.id}#child-views",
        f"/plans/{plan.id}#identity",
    ]
    assert f'href="/plans/{plan.id}/goals/new"' not in html
    assert f"/plans/{plan.id}/edit" not in html
    assert "Finalise the plan" not in text_of(html)


def test_the_readability_of_what_the_family_reads_is_shown(chair, app):
    family = chair.family
    plan = add_plan(
        app,
        family,
        [good_goal(family)],
        contingency_plan="If things do not change, we will call an ICPC.",
    )
    for url in (plan.url, f"{plan.url}/edit"):
        page = text_of(chair.get(url).get_data(as_text=True))
        assert "How easy the plan is to read" in page
        assert "Contingency plan Reading age about 5 (10 words in 1 sentence)" in page
        assert "“ICPC” is jargon that families may not know." in page
        assert "Say “the first child protection meeting” instead" in page
        assert (
            "Words to explain in the family’s copy ICPC initial child protection conference" in page
        )
        assert "Safety goal 1 Reading age about" in page


# The plan's own statements


def test_changing_the_plans_details_is_saved_audited_and_clears_the_draft(social_worker, app):
    family = social_worker.family
    plan = add_plan(app, family)
    key = f"case-{family.case_id}-plan-{plan.id}-details"
    with app.app_context():
        db.session.add(FormDraft(user_id=social_worker.user_id, form_key=key, data={}))
        db.session.commit()
    url = f"{plan.url}/edit"
    html = assert_page(social_worker.get(url), "Change the plan’s details")
    assert f'data-autosave="{key}"' in html
    assert "When will each child be seen, and seen alone, and by whom?" in text_of(html)
    assert (
        "How did the children’s ethnicity, culture, religion and language shape this plan?"
        in text_of(html)
    )
    assert "How does this plan use what the children said?" in text_of(html)
    response = social_worker.post(url, {**DETAILS, "version": "1"})
    assert response.headers["Location"] == plan.url
    stored = get_plan(app, plan.id)
    assert {field: getattr(stored, field) for field in DETAILS} == DETAILS
    [event] = events(app, "update")
    assert event.case_id == family.case_id
    assert event.changes["contingency_plan"] == ["", DETAILS["contingency_plan"]]
    assert count(app, FormDraft) == 0
    assert "Changes to the plan saved" in text_of(
        social_worker.get(plan.url).get_data(as_text=True)
    )


def test_the_contingency_plan_is_not_needed_to_save(social_worker, app):
    plan = add_plan(app, social_worker.family)
    response = social_worker.post(f"{plan.url}/edit", {"child_seen": "Every week", "version": "1"})
    assert response.status_code == 302
    assert get_plan(app, plan.id).child_seen == "Every week"


def test_a_save_that_clashes_keeps_what_was_typed(social_worker, app):
    plan = add_plan(app, social_worker.family)
    url = f"{plan.url}/edit"
    with app.app_context():
        saved = db.session.get(Plan, plan.id)
        saved.contingency_plan = "Saved by the chair"
        db.session.commit()
    response = social_worker.post(url, {**DETAILS, "version": "1"})
    html = assert_page(response, "Change the plan’s details")
    page = text_of(html)
    assert "Someone else changed this record while you were editing it" in page
    assert f"Contingency plan Saved by the chair {DETAILS['contingency_plan']}" in page
    assert DETAILS["child_views_statement"] in html  # still in the form
    assert 'name="version" type="hidden" value="2"' in html or 'value="2"' in html
    assert get_plan(app, plan.id).contingency_plan == "Saved by the chair"
    assert events(app, "update") == []
    # Saving again knowingly keeps this user's version.
    social_worker.post(url, {**DETAILS, "version": "2"})
    assert get_plan(app, plan.id).contingency_plan == DETAILS["contingency_plan"]


# Finalising


def test_a_plan_with_nothing_outstanding_is_finalised_with_a_confirmation(chair, app):
    family = chair.family
    plan = add_plan(app, family, [good_goal(family)], **DETAILS)
    url = f"{plan.url}/finalise"
    html = assert_page(chair.get(url), "Finalise the plan")
    page = text_of(html)
    assert "Every check on the plan is met" in page
    assert 'name="reason"' not in html
    response = chair.post(url, {"fingerprint": fingerprint(chair, url)})
    assert response.headers["Location"] == plan.url
    stored = get_plan(app, plan.id)
    assert stored.finalised_at is not None
    assert (stored.finalised_by_id, stored.accepted_findings, stored.accepted_findings_reason) == (
        chair.user_id,
        [],
        "",
    )
    [event] = events(app, "finalise")
    assert event.case_id == family.case_id and "finalised_at" in event.changes
    page = text_of(chair.get(plan.url).get_data(as_text=True))
    assert "The plan is finalised. It can no longer be changed." in page
    assert "Finalised" in page and "by Chris Chair" in page
    assert "Add a safety goal" not in page


def test_findings_outstanding_need_a_reason_which_is_kept(chair, app):
    family = chair.family
    task = good_goal(family, statement="Mum will attend a parenting course", worry_item_ids=[])
    plan = add_plan(app, family, [good_goal(family), task], **{**DETAILS, "identity_statement": ""})
    url = f"{plan.url}/finalise"
    html = assert_page(chair.get(url), "Finalise the plan")
    page = text_of(html)
    assert "Findings still to put right" in page
    assert (
        "Say how Kemi’s and Tolu’s ethnicity, culture, religion and language shaped the plan, or "
        "why they did not"
    ) in page
    assert "Safety goal 2 Mum will attend a parenting course" in page
    assert (
        "This says what an adult or a service will do, not what will be different for the child."
        in page
    )
    seen = fingerprint(chair, url)
    response = chair.post(url, {"reason": "  ", "fingerprint": seen})
    html = assert_page(response, "Finalise the plan")
    message = "Enter why the plan is being finalised with findings outstanding"
    assert error_messages(html) == [message]
    assert error_summary(html) == [message]
    assert get_plan(app, plan.id).finalised_at is None
    reason = "The family agreed the plan; the chair will review the course goal at core group."
    response = chair.post(url, {"reason": reason, "fingerprint": seen})
    assert response.headers["Location"] == plan.url
    stored = get_plan(app, plan.id)
    assert stored.finalised_at is not None
    assert stored.accepted_findings_reason == reason
    task_id = plan.goal_ids[1]
    assert {
        "goal_id": None,
        "code": "no-identity",
        "message": IDENTITY_MESSAGE,
    } in stored.accepted_findings
    assert {
        "goal_id": task_id,
        "code": "task-not-outcome",
        "message": TASK_MESSAGE,
    } in stored.accepted_findings
    codes = [finding["code"] for finding in stored.accepted_findings]
    assert "goal-not-outcome" not in codes  # the goal's own finding says it once
    page = text_of(chair.get(plan.url).get_data(as_text=True))
    assert "Accepted when the plan was finalised" in page and f"Reason given: {reason}" in page


def test_the_contingency_plan_is_needed_to_finalise(chair, app):
    family = chair.family
    plan = add_plan(app, family, [good_goal(family)], **{**DETAILS, "contingency_plan": ""})
    url = f"{plan.url}/finalise"
    html = assert_page(chair.get(url), "Finalise the plan")
    assert "The plan cannot be finalised yet Add the contingency plan before finalising" in text_of(
        html
    )
    assert f'href="/plans/{plan.id}/edit#contingency_plan"' in html
    assert 'type="submit"' not in html.split('id="main-content"')[1]
    token = chair.csrf_token(plan.url)
    chair.post(url, {"csrf_token": token, "reason": "We need it finalised"})
    assert get_plan(app, plan.id).finalised_at is None


def test_findings_that_changed_since_the_page_was_read_are_not_accepted(chair, app):
    family = chair.family
    plan = add_plan(app, family, [good_goal(family)], **DETAILS)
    url = f"{plan.url}/finalise"
    seen = fingerprint(chair, url)
    with app.app_context():
        db.session.get(Plan, plan.id).identity_statement = ""
        db.session.commit()
    response = chair.post(url, {"fingerprint": seen, "reason": ""})
    html = assert_page(response, "Finalise the plan")
    assert "The plan changed while you were reading this page." in text_of(html)
    assert error_messages(html) == []  # the reason is asked for only once the findings are seen
    assert get_plan(app, plan.id).finalised_at is None
    # With the findings now seen, a reason finalises it.
    response = chair.post(url, {"fingerprint": fingerprint(chair, url), "reason": "Agreed"})
    assert response.status_code == 302
    stored = get_plan(app, plan.id)
    assert [f["code"] for f in stored.accepted_findings] == ["no-identity"]


def test_only_a_chair_finalises(social_worker, app):
    plan = add_plan(app, social_worker.family, **DETAILS)
    assert social_worker.get(f"{plan.url}/finalise").status_code == 403
    token = social_worker.csrf_token(plan.url)
    assert social_worker.post(f"{plan.url}/finalise", {"csrf_token": token}).status_code == 403
    assert get_plan(app, plan.id).finalised_at is None


def test_a_finalised_plan_is_never_changed(chair, app):
    family = chair.family
    plan = add_plan(
        app,
        family,
        [good_goal(family)],
        finalised_at=datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
        **DETAILS,
    )
    goal_id, action_id = plan.goal_ids[0], plan.action_ids[0]
    for url in (
        f"{plan.url}/edit",
        f"{plan.url}/finalise",
        f"{plan.url}/goals/new",
        f"{plan.url}/goals/{goal_id}",
        f"{plan.url}/actions/{action_id}",
    ):
        html = assert_page(chair.get(url), "This plan is finalised", 409)
        assert "Nothing was changed. A finalised plan cannot be edited." in text_of(html)
        assert f'href="{plan.url}"' in html
    response = chair.post(
        f"{plan.url}/edit", {**DETAILS, "contingency_plan": "New", "version": "1"}
    )
    assert_page(response, "This plan is finalised", 409)
    response = chair.post(f"{plan.url}/finalise", {"reason": "Again"})
    assert_page(response, "This plan is finalised", 409)
    assert get_plan(app, plan.id).contingency_plan == DETAILS["contingency_plan"]
    assert events(app, "update") == [] and events(app, "finalise") == []
    page = text_of(chair.get(plan.url).get_data(as_text=True))
    assert "Add a safety goal" not in page and "Finalise the plan" not in page


# Versions and what changed


def two_versions(app, family, older_goals, newer_goals, **newer_fields):
    first = add_plan(app, family, older_goals, **DETAILS)
    with app.app_context():
        review = _conference(family.case_id, date(2027, 2, 18), "review")
        db.session.add(review)
        db.session.commit()
        review_id = review.id
    second = add_plan(
        app,
        family,
        [goal(first) for goal in newer_goals],
        number=2,
        conference_id=review_id,
        previous_plan_id=first.id,
        **{**DETAILS, **newer_fields},
    )
    return first, second


def test_the_versions_page_lists_every_version(chair, app):
    family = chair.family
    first, second = two_versions(app, family, [], [])
    html = assert_page(chair.get(f"/cases/{family.case_id}/plans"), "Versions of the plan")
    page = text_of(html)
    assert (
        "Version 2 Review child protection conference, 18 February 2027 Draft What changed "
        "in version 2 Version 1 Initial child protection conference, 26 November 2026 Draft"
    ) in page
    assert f'href="/plans/{first.id}"' in html and f'href="/plans/{second.id}/compare"' in html
    [event] = events(app, "view plans", "family_case")
    assert event.case_id == family.case_id
    case_page = text_of(chair.get(f"/cases/{family.case_id}").get_data(as_text=True))
    case_page = case_page.replace(" ,", ",")  # a link followed by a comma
    assert (
        "Plans Plan version 2, from the review child protection conference on 18 February 2027 "
        "Draft Plan version 1, from the initial child protection conference on 26 November 2026 "
        "Draft All versions of the plan"
    ) in case_page


def test_comparing_versions_shows_what_changed(chair, app):
    family = chair.family
    school = good_goal(family, statement="Tolu goes to nursery every day", actions=[])
    first, second = two_versions(
        app,
        family,
        [good_goal(family), school],
        [
            lambda first: good_goal(
                family,
                origin_goal_id=first.goal_ids[0],
                measure="Two unannounced visits a month",
                actions=[
                    {
                        "what": "Mum keeps the bedtime diary",
                        "who": "Mum",
                        "by_when": date(2026, 12, 1),
                        "status": "done",
                    },
                    {
                        "what": "Grandma stays over on Fridays",
                        "who": "Grandma",
                        "by_when": date(2027, 3, 1),
                    },
                ],
            ),
            lambda first: good_goal(
                family, statement="Kemi sees Dad only with Grandma there", actions=[]
            ),
        ],
        contingency_plan="Kemi and Tolu move to Grandma’s.",
    )
    html = assert_page(chair.get(f"/plans/{second.id}/compare"), "What changed in the plan")
    page = text_of(html)
    assert "From version 1 to version 2" in page
    assert "Safety goals added Safety goal 2: Kemi sees Dad only with Grandma there" in page
    assert "Safety goals removed Safety goal 2 of version 1: Tolu goes to nursery every day" in page
    assert (
        "Safety goals changed Safety goal 1 What changed in safety goal 1 Part Version 1 Version 2 "
        "Measure Mum’s diary and two unannounced visits Two unannounced visits a month"
    ) in page
    assert "Actions added: Grandma stays over on Fridays" in page
    assert (
        "Action: Mum keeps the bedtime diary Part Version 1 Version 2 Status Not started Done"
        in page
    )
    assert (
        f"Contingency plan {DETAILS['contingency_plan']} Kemi and Tolu move to Grandma’s."
    ) in page
    [event] = events(app, "compare")
    assert (event.record_id, event.changes) == (str(second.id), {"compared_with": [None, first.id]})
    # Either way round, the older version comes first.
    page = text_of(chair.get(f"/plans/{first.id}/compare?with={second.id}").get_data(as_text=True))
    assert "From version 1 to version 2" in page and "Safety goals added" in page


def test_comparing_needs_another_version_of_the_same_family(chair, signed_in, make_family, app):
    family = chair.family
    first = add_plan(app, family)
    page = text_of(chair.get(f"/plans/{first.id}/compare").get_data(as_text=True))
    assert "Version 1 is the family’s first plan: there is nothing to compare it with." in page
    other = add_plan(app, make_family())
    odd = ("?with=x", "?with=99999", "?with=²", f"?with={'9' * 30}", f"?with={'1' * 5000}")
    for query in (f"?with={other.id}", f"?with={first.id}", *odd):
        assert chair.get(f"/plans/{first.id}/compare{query}").status_code == 404


# Who may do what


def test_access_for_the_usual_roles(app, make_family, make_user):
    """Outside the core group: not found. In the team but not allocated: may read, not change.
    In the core group: may read. Allocated social worker: may change. Chair: may change and
    finalise."""
    allocated = make_user("social_worker", email="allocated@example.org", team="Team B")
    family = make_family(social_worker_id=allocated)
    plan = add_plan(app, family, [good_goal(family)], **DETAILS)
    make_user("social_worker", email="team@example.org", team="Team A")
    make_user("practitioner", email="outside@example.org")
    nurse = make_user("practitioner", email="nurse@example.org")
    make_user("chair", email="chair@example.org")
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=family.case_id, user_id=nurse))
        db.session.commit()
    view = [plan.url, f"{plan.url}/compare", f"/cases/{family.case_id}/plans"]
    change = f"{plan.url}/edit"
    finalise = f"{plan.url}/finalise"
    new_plan = f"/conferences/{family.conference_id}/plan"
    expected = {
        "outside@example.org": (404, 404, 403, 404),
        "team@example.org": (200, 403, 403, 403),
        "nurse@example.org": (200, 403, 403, 403),
        "allocated@example.org": (200, 200, 403, 302),
        "chair@example.org": (200, 200, 200, 302),
    }
    for email, (reading, changing, finalising, writing) in expected.items():
        client = Client(app.test_client())
        assert sign_in(client, email).status_code == 302
        assert [client.get(url).status_code for url in view] == [reading] * 3, email
        assert client.get(change).status_code == changing, email
        assert client.post(change, {**DETAILS, "version": "1"}, page="/").status_code in (
            (changing,) if changing != 200 else (302,)
        ), email
        assert client.get(finalise).status_code == finalising, email
        assert client.post(new_plan, page="/").status_code == writing, email
    assert count(app, Plan) == 1


def test_the_plan_checks_point_to_goal_advice_when_the_plan_as_a_whole_is_fine(chair, app):
    """A goal reviewed after the review conference is the goal's own advice, not a plan-wide
    check: the checks section says where it is instead of "Nothing to put right"."""
    late_review = good_goal(chair.family, review_on=date(2027, 3, 1))
    plan = add_plan(app, chair.family, [good_goal(chair.family), late_review], **DETAILS)
    html = chair.get(plan.url).get_data(as_text=True)
    page = text_of(html)
    assert "Nothing to put right. " not in page.split("Worry statements")[0]
    assert (
        "15 of 15 checks met Nothing to put right in the plan as a whole. "
        "The checker has advice on safety goal 2"
    ) in page
    assert f'href="#goal-{plan.goal_ids[1]}"' in html
