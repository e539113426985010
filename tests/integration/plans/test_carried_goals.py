"""Goals carried over into a new version of the plan (the demo's version 2, in draft for the
review conference): reworded like any draft goal while version 1 and its printed plan keep
their words; the review date carried over from version 1 (the review's own date) shown and a
new one asked for, never dropped unsaid; offered the worry statement they answered, as the
review's map carries it forward or as the earlier conference wrote it; and the plan page's
advice for them."""

import io
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from helpers import Client, sign_in
from pages import error_messages, select, text, text_of
from pypdf import PdfReader
from sqlalchemy import select as query

from conference.extensions import db
from conference.models import (
    AuditEvent,
    Case,
    ChildDecision,
    Conference,
    MapItem,
    Plan,
    PlanAction,
    SafetyGoal,
    User,
)
from conference.pdf.documents import family_plan_pdf
from conference.services import review

PASSWORD = "demo password for tests"
REWORDED = "For at least 6 months, adults at home talk things through calmly: nobody shouts."
TASK = "Mum will attend a parenting course"
DRINKING_EXAMPLE = "only ever looked after by an adult who has not been drinking or using drugs"


@pytest.fixture
def demo(app, monkeypatch):
    """The demo as seeded, and the social worker signed in: {client, v1, v2, review, worry}, the
    worry being the initial conference's first worry statement (about Dad's drinking)."""
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(query(Case).where(Case.reference == "DEMO-0001"))
        v1, v2 = (
            db.session.scalar(query(Plan).filter_by(case_id=case.id, number=n)) for n in (1, 2)
        )
        worry = next(item for item in v1.conference.map_items if item.heading == "worry")
        found = {"v1": v1.id, "v2": v2.id, "review": v2.conference_id, "worry": worry.id}
        found["review_on"] = v2.conference.held_on
    client = Client(app.test_client())
    assert sign_in(client, "socialworker@demo.example", PASSWORD).status_code == 302
    return found | {"client": client}


def goals_of(app, plan_id) -> list[SimpleNamespace]:
    """The plan's goals as stored, in order."""
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        return [
            SimpleNamespace(
                id=goal.id,
                origin_goal_id=goal.origin_goal_id,
                statement=goal.statement,
                review_on=goal.review_on,
                worry_item_ids=list(goal.worry_item_ids or []),
                actions=len(goal.actions),
                version=goal.version,
            )
            for goal in sorted(plan.goals, key=lambda goal: goal.position)
        ]


def as_copied(app, demo) -> None:
    """The first goal of version 2 as a new version copies it: with version 1's review date,
    which was this review's own day (the demo's chair has since given it a later one)."""
    with app.app_context():
        plan = db.session.get(Plan, demo["v2"])
        min(plan.goals, key=lambda goal: goal.position).review_on = demo["review_on"]
        db.session.commit()


def first_goal(app, demo) -> SimpleNamespace:
    return goals_of(app, demo["v2"])[0]


def edit_url(demo, goal) -> str:
    return f"/plans/{demo['v2']}/goals/{goal.id}"


def answers_on(html) -> list[tuple[str, str]]:
    """What the browser posts from the goal form as the page shows it."""
    answers = []
    for form in select(html, "form[data-autosave]"):
        for element in form.iter():
            name = element.get("name")
            if not name or element.get("type") == "submit":
                continue
            if element.tag == "textarea":
                answers.append((name, element.text or ""))
            elif element.tag == "input":
                if element.get("type") in ("checkbox", "radio") and element.get("checked") is None:
                    continue
                answers.append((name, element.get("value", "")))
    return answers


def changed(answers, **new) -> list[tuple[str, str]]:
    return [(name, new.get(name, value)) for name, value in answers]


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def answers_row(card) -> list[str]:
    """What the goal's card says it answers, in brief (none when it names no worry)."""
    return [
        text(select(row, "dd")[0])
        for row in select(card, "div.govuk-summary-list__row")
        if text(select(row, "dt")[0]) == "Answers"
    ]


def worry_boxes(html) -> list[tuple[str, bool, str]]:
    """(value, ticked, label) of each worry statement offered."""
    boxes = []
    for item in select(html, "div.govuk-checkboxes__item"):
        box = select(item, "input")[0]
        if box.get("name") == "worry_item_ids":
            boxes.append((box.get("value"), box.get("checked") is not None, text(item)))
    return boxes


def test_a_carried_over_goal_is_reworded_in_version_2_and_version_1_keeps_its_words(app, demo):
    client = demo["client"]
    goal = first_goal(app, demo)
    original = goals_of(app, demo["v1"])[0]
    assert goal.origin_goal_id == original.id and goal.statement == original.statement
    page = client.get(edit_url(demo, goal)).get_data(as_text=True)

    response = client.post(edit_url(demo, goal), changed(answers_on(page), statement=REWORDED))

    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    assert first_goal(app, demo).statement == REWORDED
    kept = goals_of(app, demo["v1"])[0]
    assert (kept.statement, kept.version) == (original.statement, original.version)
    with app.app_context():
        audited = db.session.scalars(
            query(AuditEvent).filter_by(action="update", record_type="safety_goal")
        ).all()
        assert [row.record_id for row in audited] == [str(goal.id)]
        assert audited[0].changes["statement"] == [original.statement, REWORDED]
    v2_page = text_of(client.get(f"/plans/{demo['v2']}").get_data(as_text=True))
    assert REWORDED in v2_page
    v1_page = text_of(client.get(f"/plans/{demo['v1']}").get_data(as_text=True))
    assert original.statement in v1_page and REWORDED not in v1_page
    printed = client.get(f"/plans/{demo['v1']}/professional-plan.pdf")
    assert printed.status_code == 200
    assert "adults at home sort out disagreements calmly" in pdf_text(printed.data)
    assert "talk things through calmly" not in pdf_text(printed.data)


def test_a_carried_over_goals_old_review_date_is_shown_and_a_new_one_asked_for(app, demo):
    """Saving the form (to add the child's words, say) never drops the stored date unsaid."""
    as_copied(app, demo)
    client = demo["client"]
    goal = first_goal(app, demo)
    day = demo["review_on"]
    page = client.get(edit_url(demo, goal)).get_data(as_text=True)
    assert re.search(rf'name="review_on"[^>]*value="{day.day}"', page)
    old = f"this goal’s was {day.day} {day:%B} {day.year}, from the last version of the plan"
    assert error_messages(page) == [
        f"The review date must be after the conference: {old}. Enter when the core group "
        "will check this goal"
    ]

    as_shown = client.post(edit_url(demo, goal), changed(answers_on(page), child_words="Be calm"))
    assert error_messages(as_shown.get_data(as_text=True)) == [
        "The review date must be after the conference"
    ]
    blank = [(n, v) for n, v in answers_on(page) if n != "review_on"] + [("review_on", "")] * 3
    blanked = client.post(edit_url(demo, goal), blank)
    assert error_messages(blanked.get_data(as_text=True)) == [
        f"Enter the review date: it was {day.day} {day:%B} {day.year}. A goal keeps its review "
        "date; it can be changed, not taken away"
    ]
    assert first_goal(app, demo).review_on == day

    later = day + timedelta(days=42)
    answers = [(n, v) for n, v in answers_on(page) if n != "review_on"]
    answers += [("review_on", str(later.day)), ("review_on", str(later.month))]
    response = client.post(edit_url(demo, goal), [*answers, ("review_on", str(later.year))])

    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    assert first_goal(app, demo).review_on == later
    assert goals_of(app, demo["v1"])[0].review_on == demo["review_on"]


def test_the_family_plan_never_gives_a_carried_over_goals_old_date(app, demo):
    as_copied(app, demo)
    with app.app_context():
        printed = re.sub(r"\s", "", pdf_text(family_plan_pdf(db.session.get(Plan, demo["v2"]))))
    day = demo["review_on"]
    assert f"Wewillcheckon{day.day}{day:%B}{day.year}" not in printed
    assert "Yoursocialworkerwilltellyouwhenwewillcheckthis." in printed


def test_the_demos_draft_goals_are_checked_after_the_review(app, demo):
    dates = [goal.review_on for goal in goals_of(app, demo["v2"])]
    assert dates and all(day is not None and day > demo["review_on"] for day in dates)


def test_the_next_review_conferences_date_is_offered_when_the_review_has_set_it(app, demo):
    as_copied(app, demo)
    next_review = demo["review_on"] + timedelta(days=182)
    with app.app_context():
        conference = db.session.get(Conference, demo["review"])
        for child in conference.case.children:
            conference.decisions.append(
                ChildDecision(
                    child_id=child.id, outcome="cp_plan", category="EMO", review_on=next_review
                )
            )
        db.session.commit()
    client = demo["client"]
    goal = first_goal(app, demo)
    page = client.get(edit_url(demo, goal)).get_data(as_text=True)
    assert re.search(rf'name="review_on"[^>]*value="{next_review.day}"', page)
    assert "The date of the next review conference" in text_of(page)

    response = client.post(edit_url(demo, goal), answers_on(page))

    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    assert first_goal(app, demo).review_on == next_review


def test_a_review_date_typed_on_the_conference_day_is_still_refused(app, demo):
    as_copied(app, demo)
    client = demo["client"]
    goal = first_goal(app, demo)
    page = client.get(edit_url(demo, goal)).get_data(as_text=True)
    day = demo["review_on"]
    answers = [(n, v) for n, v in answers_on(page) if n != "review_on"]
    answers += [
        ("review_on", str(day.day)),
        ("review_on", str(day.month)),
        ("review_on", str(day.year)),
    ]

    response = client.post(edit_url(demo, goal), answers)

    assert error_messages(response.get_data(as_text=True)) == [
        "The review date must be after the conference"
    ]
    assert first_goal(app, demo).review_on == day


def test_the_worry_of_the_earlier_conference_is_offered_ticked_and_kept(app, demo):
    """The demo's review has no worry statements on its map yet: the goal's own is offered, saying
    where it is from, and saving keeps it."""
    client = demo["client"]
    goal = first_goal(app, demo)
    page = client.get(edit_url(demo, goal)).get_data(as_text=True)
    [(value, ticked, label)] = worry_boxes(page)
    assert (value, ticked) == (str(demo["worry"]), True)
    assert "when Dad drinks heavily" in label
    assert "(from the conference on" in label and "it is not on this conference’s map)" in label
    assert "The conference’s map has no worry statements" in text_of(page)

    response = client.post(edit_url(demo, goal), changed(answers_on(page), statement=REWORDED))

    assert response.status_code == 302
    assert first_goal(app, demo).worry_item_ids == [demo["worry"]]
    plan_page = client.get(f"/plans/{demo['v2']}").get_data(as_text=True)
    card = select(plan_page, f'div[data-goal="{goal.id}"]')[0]
    [answers] = answers_row(card)
    assert answers.startswith("a worry from the conference on ") and "Dad drinks" in answers


def carry_forward(app, demo) -> int:
    """The review's map carries the initial conference's worry statements forward, as pre-filling
    it does, without touching the plan (as the app did before a pre-fill updated the draft
    plan's goals): the id of the copy of the demo's first worry."""
    with app.app_context():
        conference = db.session.get(Conference, demo["review"])
        earlier = db.session.get(Plan, demo["v1"]).conference
        for item in earlier.map_items:
            if item.heading == "worry":
                conference.map_items.append(
                    MapItem(
                        heading="worry",
                        text=item.text,
                        who_is_worried=item.who_is_worried,
                        worried_about=item.worried_about,
                        could_happen=item.could_happen,
                        position=item.position,
                        source=f"previous:{item.id}",
                    )
                )
        db.session.commit()
        return db.session.scalar(
            query(MapItem.id).filter_by(
                conference_id=demo["review"], source=f"previous:{demo['worry']}"
            )
        )


def test_a_goal_answers_the_worry_the_reviews_map_carries_forward(app, demo):
    client = demo["client"]
    copy_id = carry_forward(app, demo)
    goal = first_goal(app, demo)
    assert goal.worry_item_ids == [demo["worry"]]  # as copied, before the map was pre-filled
    plan_page = client.get(f"/plans/{demo['v2']}").get_data(as_text=True)
    card = select(plan_page, f'div[data-goal="{goal.id}"]')[0]
    assert answers_row(card)[0].startswith("worry 1: ")
    worry = select(plan_page, f"#worry-{copy_id}")[0]
    assert "Answered by safety goal 1, safety goal 2, safety goal 5, safety goal 6" in text(worry)
    assert "worry-not-answered" not in plan_page

    page = client.get(edit_url(demo, goal)).get_data(as_text=True)
    boxes = worry_boxes(page)
    assert [(value, ticked) for value, ticked, _ in boxes if ticked] == [(str(copy_id), True)]
    assert not any("not on this conference’s map" in label for _, _, label in boxes)
    response = client.post(edit_url(demo, goal), answers_on(page))

    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    assert first_goal(app, demo).worry_item_ids == [copy_id]
    assert goals_of(app, demo["v1"])[0].worry_item_ids == [demo["worry"]]


def test_pre_filling_the_reviews_map_points_the_draft_plans_goals_at_the_copies(app, demo):
    with app.app_context():
        conference = db.session.get(Conference, demo["review"])
        social_worker = db.session.scalar(query(User).filter_by(email="socialworker@demo.example"))
        review.prefill_map(social_worker, conference)
        db.session.commit()
        copies = {
            int(item.source.partition(":")[2]): item.id
            for item in conference.map_items
            if item.source.startswith("previous:")
        }
        audited = db.session.scalars(
            query(AuditEvent).filter_by(action="update", record_type="safety_goal")
        ).all()
    before = goals_of(app, demo["v1"])
    after = goals_of(app, demo["v2"])
    assert [goal.worry_item_ids for goal in after] == [
        [copies[i] for i in goal.worry_item_ids] for goal in before
    ]
    assert sorted(int(row.record_id) for row in audited) == sorted(goal.id for goal in after)
    assert before[0].worry_item_ids == [demo["worry"]]  # version 1 is never changed


def test_a_carried_over_task_is_kept_as_an_action_in_one_step_with_an_example_for_its_worry(
    app, demo
):
    client = demo["client"]
    goal = first_goal(app, demo)
    with app.app_context():
        stored = db.session.get(SafetyGoal, goal.id)
        stored.statement = TASK
        stored.review_on = demo["review_on"]  # as copied from version 1: the review's own day
        db.session.commit()
        version = stored.version
    plan_page = client.get(f"/plans/{demo['v2']}").get_data(as_text=True)
    keep_url = f"/plans/{demo['v2']}/goals/{goal.id}/keep-as-action"
    assert f'href="{keep_url}"' in plan_page
    assert DRINKING_EXAMPLE in text_of(select(plan_page, f'div[data-goal="{goal.id}"]')[0])

    page = client.get(keep_url).get_data(as_text=True)
    assert DRINKING_EXAMPLE in page and "calm bedtime" not in page
    # Who will do it and by when start from the goal, but never the review's own date.
    assert not re.search(r'name="by_when"[^>]*value=', page)
    answers = changed(answers_on_keep(page), who="someone-else", someone_else="Mum")
    # The example made this family's (the example as offered is refused).
    answers = [(n, f"{v}, at home and at Grandma's" if n == "statement" else v) for n, v in answers]
    answers = [(n, v) for n, v in answers if n != "by_when"]
    by_when = demo["review_on"] + timedelta(days=28)
    answers += [
        ("by_when", str(by_when.day)),
        ("by_when", str(by_when.month)),
        ("by_when", str(by_when.year)),
    ]

    response = client.post(keep_url, answers)

    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    kept = first_goal(app, demo)
    assert DRINKING_EXAMPLE in kept.statement and kept.version > version
    with app.app_context():
        actions = db.session.scalars(query(PlanAction).filter_by(goal_id=goal.id)).all()
        assert [(a.what, a.who, a.by_when) for a in actions][-1] == (TASK, "Mum", by_when)
    assert goals_of(app, demo["v1"])[0].statement.startswith("For at least 6 months")


def answers_on_keep(html) -> list[tuple[str, str]]:
    """What the browser posts from the keep-as-action form, with the select's chosen option."""
    answers = []
    for form in select(html, "form"):
        if form.get("method", "").lower() != "post" or not select(form, "textarea"):
            continue
        for element in form.iter():
            name = element.get("name")
            if not name or element.get("type") == "submit":
                continue
            if element.tag == "textarea":
                answers.append((name, element.text or ""))
            elif element.tag == "select":
                chosen = [
                    o.get("value") for o in element.iter("option") if o.get("selected") is not None
                ]
                answers.append((name, chosen[0] if chosen else ""))
            elif element.tag == "input":
                answers.append((name, element.get("value", "")))
    return answers


def test_each_carried_over_goal_card_names_its_worry_and_the_advice_agrees_with_itself(app, demo):
    page = demo["client"].get(f"/plans/{demo['v2']}").get_data(as_text=True)
    goals = goals_of(app, demo["v2"])
    for goal in goals:
        card = select(page, f'div[data-goal="{goal.id}"]')[0]
        [answers] = answers_row(card)
        assert answers.startswith("a worry from the conference on "), goal.statement
    # Goal 6 has no actions in a plan over the ceiling: it is told to take one from another goal,
    # and "too many actions" names it rather than asking for fewer everywhere.
    assert [goal.actions for goal in goals][-1] == 0
    findings = {
        item.get("data-finding"): text(item) for item in select(page, "#checks li[data-finding]")
    }
    assert "Safety goal 6 has no actions The plan already has" in findings["goal-without-actions"]
    assert "move one here from another goal" in findings["goal-without-actions"]
    assert "but safety goal 6 has none" in findings["too-many-actions"]
