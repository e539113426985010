"""The review conference built from the core groups' evidence, on the demo family (DEMO-0001):
the progress since the initial conference, starting the review with its map pre-filled (once
only), the report for the parents and when it was shared, the decision for each child, what
happens to each safety goal, carrying the decisions out once the review is finalised, and who
may do what."""

import io
import re
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from types import SimpleNamespace

import pytest
from core_group_demo import delete_conference
from helpers import count, sign_in
from pages import assert_page, error_messages, text_of
from pypdf import PdfReader
from sqlalchemy import select

from conference.domain import clock, timescales
from conference.extensions import db
from conference.models import (
    Attendee,
    AuditEvent,
    Case,
    ChildDecision,
    Conference,
    CoreGroupMeeting,
    MapItem,
    Plan,
    Role,
    SafetyGoal,
    User,
)

DEMO_PASSWORD = "demo password for the review tests"
CALENDAR = timescales.default_calendar()


@pytest.fixture
def demo(app, monkeypatch):
    """The demo family: the finalised initial conference, its plan with three core groups, and
    the review conference in draft."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        initial, review = sorted(
            db.session.scalars(select(Conference).where(Conference.case_id == case.id)),
            key=lambda conference: conference.held_on,
        )
        # As before the chair wrote the review's draft of the next version: these tests write it.
        db.session.delete(db.session.scalar(select(Plan).where(Plan.conference_id == review.id)))
        db.session.commit()
        plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id))
        goals = sorted(plan.goals, key=lambda goal: goal.position)
        return SimpleNamespace(
            case=case.id,
            initial=initial.id,
            initial_on=initial.held_on,
            review=review.id,
            review_on=review.held_on,
            plan=plan.id,
            goals=[goal.id for goal in goals],
            children=[child.id for child in case.children],
            worries=[item.id for item in initial.map_items if item.heading == "worry"],
        )


def as_user(client, email):
    with client.session_transaction() as session:
        session.clear()
    assert sign_in(client, email, DEMO_PASSWORD).status_code == 302
    return client


@pytest.fixture
def chair(client, demo):
    return as_user(client, "chair@demo.example")


def shown(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_fields(name: str, day: date | None) -> dict:
    if day is None:
        return {f"{name}": ["", "", ""]}
    return {name: [str(day.day), str(day.month), str(day.year)]}


def audit_actions(app, record_type: str, record_id: int) -> list[str]:
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.record_type == record_type, AuditEvent.record_id == str(record_id))
            .order_by(AuditEvent.id)
        )
        return [event.action for event in events]


def delete_draft_review(app, demo) -> None:
    with app.app_context():
        delete_conference(db.session.get(Conference, demo.review))
        db.session.commit()


def prefill(client, conference_id: int):
    url = f"/conferences/{conference_id}/prefill-from-evidence"
    return client.post(url, {}, page=f"/conferences/{conference_id}")


def finalise(app, conference_id: int) -> None:
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        conference.finalised_at = datetime.now(UTC)
        db.session.commit()


# Starting the review from the evidence.


def test_the_start_page_shows_the_progress_since_the_initial_conference(chair, demo):
    html = assert_page(
        chair.get(f"/cases/{demo.case}/review-conference/new"), "Start the review conference"
    )
    text = text_of(html)
    assert f"Since the initial child protection conference on {shown(demo.initial_on)}" in text
    assert "3 core groups held, all on time" in text
    assert "Rated at 3 core groups: worse, then some progress, then achieved." in text
    assert "Rated at 3 core groups: some progress, then no change, then some progress." in text
    assert "Rated at 3 core groups: no change, then no change, then no change." in text
    assert "7 of 9 actions done, 1 not done." in text
    assert "Added at the core group on" in text
    assert "I'm in the netball team now." in text
    assert "data-trend-table" in html and 'role="img"' in html
    # The demo already has a review in draft: it is offered, and no second one is scheduled.
    assert f"A review conference is already in draft for {shown(demo.review_on)}" in text
    assert f'href="/conferences/{demo.review}"' in html
    assert 'name="held_on"' not in html


def test_starting_the_review_prefills_the_map_and_invites_the_core_group(app, chair, demo):
    delete_draft_review(app, demo)
    initial_hub = chair.get(f"/conferences/{demo.initial}").get_data(as_text=True)
    assert "Start the review conference from the core groups’ evidence" in initial_hub
    page = chair.get(f"/cases/{demo.case}/review-conference/new").get_data(as_text=True)
    due = timescales.review_due("initial", demo.initial_on)
    assert (
        f"The review is due by {shown(due)}: 3 months after the initial child protection "
        f"conference on {shown(demo.initial_on)}."
    ) in text_of(page)
    assert 'value="10:00"' in page
    data = {
        **date_fields("held_on", demo.review_on),
        "starts_at": "10:00",
        "venue": "Demo Town Hall",
        "online": "no",
        "twilight": "no",
        "chair_id": "",
    }
    response = chair.post(f"/cases/{demo.case}/review-conference/new", data)
    assert response.status_code == 302
    with app.app_context():
        review = db.session.scalar(
            select(Conference).where(
                Conference.case_id == demo.case, Conference.conference_type == "review"
            )
        )
        assert review.previous_conference_id == demo.initial
        items = sorted(review.map_items, key=lambda item: (item.heading, item.position))
        sources = sorted(item.source for item in items)
        worries = [item for item in items if item.heading == "worry"]
        safety = [item for item in items if item.heading == "safety"]
        assert [w.source for w in worries] == [f"previous:{i}" for i in demo.worries]
        assert worries[0].who_is_worried.startswith("Sam (social worker), Ms Jones (school)")
        assert [s.source for s in safety] == [f"goal:{demo.goals[2]}"]
        assert "Achieved by the core group on" in safety[0].text
        assert "Kemi goes to school every day" in safety[0].text
        invited = {(a.name, a.attendance) for a in review.attendees}
        review_id = review.id
    assert len(sources) == 4
    assert invited == {
        ("Funmilayo Adebayo", "invited"),
        ("Olumide Adebayo", "invited"),
        ("Sam Social-Worker", "invited"),
        ("Priya Practitioner", "invited"),
        ("Ms Jo Jones", "invited"),
    }
    hub = chair.get(response.headers["Location"]).get_data(as_text=True)
    assert "Review conference scheduled for" in text_of(hub)
    assert "with 4 items on its map from the evidence" in text_of(hub)
    assert "Pre-fill the map from the evidence" not in hub
    assert audit_actions(app, "conference", review_id)[0] == "create"
    with app.app_context():
        created = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.record_type == "map_item", AuditEvent.action == "create"
            )
        ).all()
        assert len(created) == 4 and {e.case_id for e in created} == {demo.case}
    # Once only: pre-filling again adds nothing.
    again = prefill(chair, review_id)
    assert again.status_code == 302
    assert count(app, MapItem, conference_id=review_id) == 4
    page = text_of(chair.get(again.headers["Location"]).get_data(as_text=True))
    assert "The map already has everything from the evidence" in page


def test_the_review_date_follows_the_conference_rules(app, chair, demo):
    delete_draft_review(app, demo)
    saturday = demo.review_on + timedelta(days=(5 - demo.review_on.weekday()) % 7)
    data = {"starts_at": "10:00", "venue": "", "online": "no", "twilight": "no", "chair_id": ""}
    url = f"/cases/{demo.case}/review-conference/new"
    html = chair.post(url, {**data, **date_fields("held_on", saturday)}).get_data(as_text=True)
    assert error_messages(html) == [
        f"Conferences are not held at weekends: {shown(saturday)} is a Saturday"
    ]
    html = chair.post(url, {**data, **date_fields("held_on", None), "starts_at": "noon"})
    assert error_messages(html.get_data(as_text=True)) == [
        "Enter the date of the conference",
        "Enter a start time like 10:00 or 3:30pm",
    ]
    assert count(app, Conference, case_id=demo.case) == 1


def test_the_demo_draft_review_is_prefilled_from_the_hub_once(app, chair, demo):
    hub = chair.get(f"/conferences/{demo.review}").get_data(as_text=True)
    assert "Progress since the last conference" in hub
    assert "Pre-fill the map from the evidence" in hub
    response = prefill(chair, demo.review)
    assert response.headers["Location"].endswith(f"/conferences/{demo.review}/map")
    page = text_of(chair.get(response.headers["Location"]).get_data(as_text=True))
    assert "4 items added to the map from the evidence" in page
    prefill(chair, demo.review)
    assert count(app, MapItem, conference_id=demo.review) == 4
    hub = chair.get(f"/conferences/{demo.review}").get_data(as_text=True)
    assert "Pre-fill the map from the evidence" not in hub
    assert audit_actions(app, "conference", demo.review).count("prefill from evidence") == 2


# The report for the parents.


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_review_report_gives_the_core_groups_view(app, client, demo):
    as_user(client, "practitioner@demo.example")  # in the core group
    with app.app_context():
        # As an English-reading family has it (in their language: test_review_report_languages).
        for adult in db.session.get(Case, demo.case).adults:
            adult.plan_language = "English"
        db.session.commit()
    response = client.get(f"/conferences/{demo.review}/review-report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="DEMO-0001-review-report-{demo.review_on}.pdf"'
    reader = PdfReader(io.BytesIO(response.data))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert re.search(
        r"pdfuaid:part(=\"1\"|>1<)", root["/Metadata"].get_object().get_data().decode()
    )
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        page_text = page.extract_text()
        assert "OFFICIAL-SENSITIVE" in page_text and f"Page {number} of {pages}" in page_text
        assert "DRAFT" in page_text
        assert "Kemi, Tolu and Baby Adebayo" in page_text
    text = pdf_text(response.data)
    assert "Report for the review child protection conference" in text
    assert "Kemi goes to school every day: her attendance is at least 95% each half term." in text
    assert "Where things were at the conference 78% this term (18 days missed)" in text
    assert "Progress Achieved" in text and "Progress Some progress" in text
    assert "Progress No change" in text
    assert "Ratings at each core group, in order: Worse, then Some progress, then Achieved." in text
    assert "Keep a diary of the nights the children stay" in text and "Not done" in text
    assert "I'm in the netball team now." in text
    assert "What still needs to change" in text
    assert "Scaling: how safe everyone thinks things are" in text
    assert "The middle score was 4.5 at the conference on" in text
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).one()
        assert (event.record_type, event.record_id) == ("conference", str(demo.review))
        assert event.changes["document"] == [None, "review-report"]
        assert event.case_id == demo.case
    # The report is a draft until it is shared with the parents, not until the conference
    # is finalised: it is the social worker's report, not the conference's record.
    finalise(app, demo.review)
    final = client.get(f"/conferences/{demo.review}/review-report.pdf")
    assert all("DRAFT" in page.extract_text() for page in PdfReader(io.BytesIO(final.data)).pages)
    with app.app_context():
        db.session.get(Conference, demo.review).report_shared_on = demo.review_on - timedelta(7)
        db.session.commit()
    shared = client.get(f"/conferences/{demo.review}/review-report.pdf")
    assert not any(
        "DRAFT" in page.extract_text() for page in PdfReader(io.BytesIO(shared.data)).pages
    )


def test_the_report_is_only_for_review_conferences(chair, demo):
    assert chair.get(f"/conferences/{demo.initial}/review-report.pdf").status_code == 404
    assert chair.get(f"/conferences/{demo.initial}/progress").status_code == 404


def test_recording_when_the_report_was_shared(app, chair, demo):
    due = timescales.reports_to_parents_due(demo.review_on, "review", CALENDAR, review_days=5)
    warning = (
        f"The report must be shared with the parents by {shown(due)} "
        "(5 working days before the review)"
    )
    assert warning in text_of(chair.get(f"/conferences/{demo.review}").get_data(as_text=True))
    progress = chair.get(f"/conferences/{demo.review}/progress")
    assert warning in text_of(assert_page(progress, "Progress since the last conference"))
    url = f"/conferences/{demo.review}/report-shared"
    form = assert_page(chair.get(url), "When the report was shared with the parents")
    version = re.search(r'name="version"[^>]*value="(\d+)"', form).group(1)
    tomorrow = clock.today() + timedelta(days=1)
    html = chair.post(url, {"version": version, **date_fields("report_shared_on", tomorrow)})
    assert error_messages(html.get_data(as_text=True)) == [
        "The date the report was shared must be today or in the past"
    ]
    html = chair.post(url, {"version": version, **date_fields("report_shared_on", None)})
    assert error_messages(html.get_data(as_text=True)) == ["Enter the date the report was shared"]
    today = clock.today()
    response = chair.post(url, {"version": version, **date_fields("report_shared_on", today)})
    assert response.status_code == 302
    page = text_of(chair.get(response.headers["Location"]).get_data(as_text=True))
    assert f"Report shared with parents on {shown(today)}" in page
    assert warning not in page
    with app.app_context():
        assert db.session.get(Conference, demo.review).report_shared_on == today
        event = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "update", AuditEvent.record_type == "conference"
            )
        ).one()
        assert event.changes == {"report_shared_on": [None, today.isoformat()]}
    # A save based on the version before is refused, and the other change shown.
    stale = chair.post(url, {"version": version, **date_fields("report_shared_on", today)})
    stale_html = stale.get_data(as_text=True)
    assert "Someone else changed this record while you were editing it" in stale_html


def test_a_report_shared_late_says_so(app, chair, demo):
    review_on = CALENDAR.add_working_days(clock.today(), 2)
    with app.app_context():
        db.session.get(Conference, demo.review).held_on = review_on
        db.session.commit()
    due = timescales.reports_to_parents_due(review_on, "review", CALENDAR, review_days=5)
    url = f"/conferences/{demo.review}/report-shared"
    form = chair.get(url).get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', form).group(1)
    chair.post(url, {"version": version, **date_fields("report_shared_on", clock.today())})
    page = text_of(chair.get(f"/conferences/{demo.review}/progress").get_data(as_text=True))
    assert f"Report shared with parents on {shown(clock.today())}" in page
    assert f"Shared late: it was due by {shown(due)}" in page
    hub = text_of(chair.get(f"/conferences/{demo.review}").get_data(as_text=True))
    assert f"Shared late: it was due by {shown(due)}" in hub


# The review's decision for each child.


def outcome_url(demo, child_index: int) -> str:
    return f"/conferences/{demo.review}/review-outcome/{demo.children[child_index]}"


def decide(client, demo, child_index, **answers):
    url = outcome_url(demo, child_index)
    page = client.get(url).get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    data = {"version": version, "reasons": "The core group's evidence.", **answers}
    return client.post(url, data)


def test_the_decision_for_each_child_is_stored(app, chair, demo):
    page = assert_page(chair.get(outcome_url(demo, 0)), "The review’s decision for Kemi Adebayo")
    assert "Continue the child protection plan (Emotional abuse)" in page
    errors = [
        ({}, ["Select what happens to the plan"]),
        ({"choice": "change_category"}, ["Select the new category of abuse"]),
        (
            {"choice": "change_category", "category": "EMO"},
            ["Emotional abuse is the category now: choose another, or continue the plan"],
        ),
        ({"choice": "end"}, ["Select why the plan ends"]),
        ({"choice": "continue", "reasons": ""}, ["Enter the reasons for the decision"]),
    ]
    for answers, expected in errors:
        html = decide(chair, demo, 0, **answers).get_data(as_text=True)
        assert error_messages(html) == expected, answers
    assert count(app, ChildDecision, conference_id=demo.review) == 0

    response = decide(chair, demo, 0, choice="end", end_reason="step_down_cin")
    # Back to the decisions, as after an initial conference's decision.
    assert response.headers["Location"] == f"/conferences/{demo.review}/decisions"
    page = text_of(chair.get(response.headers["Location"]).get_data(as_text=True))
    assert "Decision for Kemi saved" in page
    assert "Why the plan ends Step down to a child in need plan" in page
    assert "Reasons The core group's evidence." in page
    assert "First core group" not in page and "Next core group" not in page
    decide(chair, demo, 1, choice="change_category", category="NEG")
    decide(chair, demo, 2, choice="end", end_reason="turned_18")
    with app.app_context():
        stored = {
            d.child_id: (d.outcome, d.category, d.end_reason, d.review_on, d.lead_social_worker_id)
            for d in db.session.scalars(
                select(ChildDecision).where(ChildDecision.conference_id == demo.review)
            )
        }
        sam = db.session.scalar(select(User).where(User.email == "socialworker@demo.example"))
        next_review = timescales.review_due("review", demo.review_on)
        assert stored == {
            demo.children[0]: ("cin_plan", None, "step_down_cin", None, sam.id),
            demo.children[1]: ("cp_plan", "NEG", None, next_review, sam.id),
            demo.children[2]: ("nfa", None, "turned_18", None, sam.id),
        }
        kemi = db.session.scalar(
            select(ChildDecision).where(
                ChildDecision.conference_id == demo.review,
                ChildDecision.child_id == demo.children[0],
            )
        )
        kemi_id = kemi.id
    assert audit_actions(app, "child_decision", kemi_id) == ["create"]
    # Changed: continue the plan after all.
    decide(chair, demo, 0, choice="continue")
    with app.app_context():
        kemi = db.session.get(ChildDecision, kemi_id)
        assert (kemi.outcome, kemi.category, kemi.end_reason) == ("cp_plan", "EMO", None)
    assert audit_actions(app, "child_decision", kemi_id) == ["create", "update"]


def test_the_decisions_page_gives_a_continued_plan_s_reasons_and_next_core_group(chair, demo):
    """A review sets no first core group: the page gives the next one, due six weeks after the
    review, and the reasons the chair typed."""
    decide(chair, demo, 1, choice="continue", reasons="Still shouting at home.")
    html = chair.get(f"/conferences/{demo.review}/decisions").get_data(as_text=True)
    assert f'href="{outcome_url(demo, 1)}"' in html  # changed where the review decides it
    page = text_of(html)
    due = timescales.next_core_group_due(demo.review_on, 6)
    assert "Reasons Still shouting at home." in page
    assert f"Next core group Due by {shown(due)}. Due 6 weeks after the review" in page, page
    assert "First core group" not in page and "Not set yet" not in page


def test_a_decision_saved_by_someone_else_first_is_not_overwritten(app, chair, demo):
    url = outcome_url(demo, 0)
    page = chair.get(url).get_data(as_text=True)
    old_version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    decide(chair, demo, 0, choice="continue")
    html = chair.post(
        url,
        {
            "version": old_version,
            "choice": "end",
            "end_reason": "died",
            "died_on": [str(clock.today().day), str(clock.today().month), str(clock.today().year)],
            "reasons": "Mine",
        },
    ).get_data(as_text=True)
    assert "Someone else changed this record while you were editing it" in html
    assert "Continue the child protection plan" in text_of(html)
    with app.app_context():
        decision = db.session.scalar(
            select(ChildDecision).where(ChildDecision.conference_id == demo.review)
        )
        assert decision.outcome == "cp_plan"


def test_decisions_are_for_review_conferences_that_are_not_finalised(app, chair, demo):
    url = f"/conferences/{demo.initial}/review-outcome/{demo.children[0]}"
    assert chair.get(url).status_code == 404
    assert chair.get(f"/conferences/{demo.review}/review-outcome/999999").status_code == 404
    finalise(app, demo.review)
    assert chair.get(outcome_url(demo, 0)).status_code == 409


# What happens to each goal, and carrying the decisions out.


def test_the_continued_plan_gets_a_new_version_with_the_goal_states(app, chair, demo):
    goals_url = f"/conferences/{demo.review}/goals"
    page = assert_page(chair.get(goals_url), "What happens to each safety goal")
    assert "Record the review’s decision for each child first" in text_of(page)
    for child in range(3):
        decide(chair, demo, child, choice="continue")
    page = chair.get(goals_url).get_data(as_text=True)
    assert "At the last core group: Achieved" in text_of(page)
    # The goal the core group found achieved is offered as achieved.
    achieved = re.search(rf'name="goal_{demo.goals[2]}"[^>]*value="achieved"[^>]*>', page)
    assert achieved and "checked" in achieved.group(0)
    version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    states = ["changed", "kept", "achieved", "kept", "dropped", ""]
    data = {"version": version}
    data |= {f"goal_{g}": s for g, s in zip(demo.goals, states, strict=True) if s}
    html = chair.post(goals_url, data).get_data(as_text=True)
    assert error_messages(html) == ["Select what happens to safety goal 6"]
    data[f"goal_{demo.goals[5]}"] = "kept"
    response = chair.post(goals_url, data)
    assert response.status_code == 302
    assert "Safety goals saved in plan version 2" in text_of(
        chair.get(response.headers["Location"]).get_data(as_text=True)
    )
    with app.app_context():
        plan = db.session.scalar(select(Plan).where(Plan.conference_id == demo.review))
        copies = {g.origin_goal_id: g.state for g in plan.goals}
        assert plan.number == 2
        assert copies == dict(
            zip(demo.goals, ["changed", "kept", "achieved", "kept", "dropped", "kept"], strict=True)
        )
    # Not before the review is finalised.
    apply_url = f"/conferences/{demo.review}/apply-review-outcomes"
    refused = chair.post(apply_url, {}, page=f"/conferences/{demo.review}/progress")
    assert refused.status_code == 409
    assert "The review’s decisions cannot be carried out yet" in refused.get_data(as_text=True)
    finalise(app, demo.review)
    progress = f"/conferences/{demo.review}/progress"
    response = chair.post(apply_url, {}, page=progress)
    assert response.status_code == 302
    assert "The review’s decisions were already carried out" in text_of(
        chair.get(response.headers["Location"]).get_data(as_text=True)
    )
    assert count(app, Plan, case_id=demo.case) == 2


def test_applying_a_continued_plan_writes_the_next_version(app, chair, demo):
    prefill(chair, demo.review)
    for child in range(3):
        decide(chair, demo, child, choice="continue")
    finalise(app, demo.review)
    progress = f"/conferences/{demo.review}/progress"
    response = chair.post(f"/conferences/{demo.review}/apply-review-outcomes", {}, page=progress)
    assert "Plan version 2 written from the review" in text_of(
        chair.get(response.headers["Location"]).get_data(as_text=True)
    )
    with app.app_context():
        plan = db.session.scalar(select(Plan).where(Plan.conference_id == demo.review))
        review = db.session.get(Conference, demo.review)
        assert {g.state for g in plan.goals} == {"kept"}
        assert plan.case.status == "cp_plan"
        # The goals answer the review's worry statements, carried forward on its map.
        carried = {
            int(item.source.split(":")[1]): item.id
            for item in review.map_items
            if item.source.startswith("previous:")
        }
        first = min(plan.goals, key=lambda goal: goal.position)
        assert first.worry_item_ids == [carried[demo.worries[0]]]
    assert "apply review outcomes" in audit_actions(app, "conference", demo.review)
    chair.post(f"/conferences/{demo.review}/apply-review-outcomes", {}, page=progress)
    assert count(app, Plan, case_id=demo.case) == 2
    assert count(app, SafetyGoal) == 12


def test_ending_the_plan_for_every_child(app, chair, demo):
    decide(chair, demo, 0, choice="end", end_reason="step_down_cin")
    decide(chair, demo, 1, choice="end", end_reason="step_down_cin")
    decide(chair, demo, 2, choice="end", end_reason="step_down_cin")
    finalise(app, demo.review)
    progress = f"/conferences/{demo.review}/progress"
    response = chair.post(f"/conferences/{demo.review}/apply-review-outcomes", {}, page=progress)
    page = text_of(chair.get(response.headers["Location"]).get_data(as_text=True))
    assert f"The plan ended on {shown(demo.review_on)}. The case is now: child in need plan" in page
    assert (
        f"Plan version 1 ended on {shown(demo.review_on)}: Step down to a child in need plan"
        in page
    )
    with app.app_context():
        plan = db.session.get(Plan, demo.plan)
        assert (plan.ended_on, plan.end_reason) == (demo.review_on, "step_down_cin")
        assert plan.case.status == "cin_plan"
        assert count(app, Plan, case_id=demo.case) == 1
    assert audit_actions(app, "protection_plan", demo.plan)[-1] == "update"
    assert audit_actions(app, "family_case", demo.case)[-1] == "update"


def test_ending_the_plan_for_different_reasons_closes_the_case(app, chair, demo):
    decide(chair, demo, 0, choice="end", end_reason="no_longer_at_risk")
    decide(chair, demo, 1, choice="end", end_reason="no_longer_at_risk")
    decide(chair, demo, 2, choice="end", end_reason="left_uk")
    finalise(app, demo.review)
    chair.post(
        f"/conferences/{demo.review}/apply-review-outcomes",
        {},
        page=f"/conferences/{demo.review}/progress",
    )
    with app.app_context():
        plan = db.session.get(Plan, demo.plan)
        assert plan.end_reason == "different_reasons"
        assert plan.case.status == "closed"


# Who may do what.


@pytest.fixture
def outsider(app, client, demo, make_user):
    """`outsider(role, team)`: a user who is not allocated to the case nor in its core group."""

    def sign_in_as(role, team=None):
        user_id = make_user(role, email=f"{role.value}-outside@example.org", team=team)
        with app.app_context():
            email = db.session.get(User, user_id).email
        with client.session_transaction() as session:
            session.clear()
        sign_in(client, email)
        return client

    return sign_in_as


def review_urls(demo) -> dict[str, list[str]]:
    return {
        "view": [
            f"/conferences/{demo.review}/progress",
            f"/conferences/{demo.review}/review-report.pdf",
        ],
        "change": [
            f"/cases/{demo.case}/review-conference/new",
            f"/conferences/{demo.review}/report-shared",
            outcome_url(demo, 0),
            f"/conferences/{demo.review}/goals",
        ],
        "post": [f"/conferences/{demo.review}/prefill-from-evidence"],
    }


def test_a_practitioner_outside_the_core_group_is_told_nothing_exists(outsider, demo):
    client = outsider(Role.PRACTITIONER)
    urls = review_urls(demo)
    for url in urls["view"] + urls["change"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"] + [f"/conferences/{demo.review}/apply-review-outcomes"]:
        status = client.post(url, {}, csrf=False).status_code
        assert status in (400, 403, 404), url


def test_a_social_worker_of_the_team_may_read_but_not_change(outsider, demo):
    client = outsider(Role.SOCIAL_WORKER, team="Demo Assessment Team")
    urls = review_urls(demo)
    for url in urls["view"]:
        assert client.get(url).status_code == 200, url
    for url in urls["change"]:
        assert client.get(url).status_code == 403, url
    token = client.csrf_token(f"/conferences/{demo.review}/progress")
    for url in urls["post"]:
        assert client.post(url, {"csrf_token": token}).status_code == 403, url
    apply_url = f"/conferences/{demo.review}/apply-review-outcomes"
    assert client.post(apply_url, {"csrf_token": token}).status_code == 403


def test_the_core_group_practitioner_reads_and_the_chair_and_social_worker_change(client, demo):
    urls = review_urls(demo)
    as_user(client, "practitioner@demo.example")
    for url in urls["view"]:
        assert client.get(url).status_code == 200, url
    for url in urls["change"]:
        assert client.get(url).status_code == 403, url
    for email in ("chair@demo.example", "socialworker@demo.example"):
        as_user(client, email)
        for url in urls["view"] + urls["change"]:
            # The decision for each child is the chair's alone (issue 18).
            wanted = 403 if email.startswith("socialworker") and "outcome" in url else 200
            assert client.get(url).status_code == wanted, (email, url)
        offered = f'href="{outcome_url(demo, 0)}"' in client.get(urls["view"][0]).get_data(
            as_text=True
        )
        assert offered == email.startswith("chair"), email
    # Only a chair carries out the decisions.
    token = client.csrf_token(f"/conferences/{demo.review}/progress")
    apply_url = f"/conferences/{demo.review}/apply-review-outcomes"
    assert client.post(apply_url, {"csrf_token": token}).status_code == 403


def test_attendees_copied_to_the_review_are_invited_not_attended(app, chair, demo):
    """The core group of the initial conference is invited; nobody is marked as having come."""
    delete_draft_review(app, demo)
    data = {
        **date_fields("held_on", demo.review_on),
        "starts_at": "10:00",
        "venue": "",
        "online": "yes",
        "twilight": "no",
        "chair_id": "",
    }
    chair.post(f"/cases/{demo.case}/review-conference/new", data)
    with app.app_context():
        attendees = db.session.scalars(
            select(Attendee).join(Conference).where(Conference.conference_type == "review")
        ).all()
        assert {a.attendance for a in attendees} == {"invited"}
        assert all(a.in_core_group or a.is_parent for a in attendees)


# The demo's core groups.


def test_the_demo_core_groups_meet_on_time_with_mixed_progress(app, demo):
    with app.app_context():
        meetings = db.session.scalars(
            select(CoreGroupMeeting)
            .where(CoreGroupMeeting.case_id == demo.case)
            .order_by(CoreGroupMeeting.held_on)
        ).all()
        dates = [meeting.held_on for meeting in meetings]
        assert len(dates) == 3
        assert all(CALENDAR.is_working_day(day) for day in dates)
        assert dates[0] <= timescales.first_core_group_due(demo.initial_on, CALENDAR)
        assert all(later - earlier <= timedelta(weeks=6) for earlier, later in pairwise(dates))
        assert dates[-1] <= timescales.latest_core_group_before_review(demo.review_on, CALENDAR)
        assert dates[-1] <= clock.today() < demo.review_on
        ratings = [
            [p.rating for m in meetings for p in m.progress if p.goal_id == goal]
            for goal in demo.goals[:3]
        ]
        assert ratings == [
            ["some_progress", "no_change", "some_progress"],
            ["no_change", "no_change", "no_change"],
            ["worse", "some_progress", "achieved"],
        ]
        visits = [visit for meeting in meetings for visit in meeting.visits]
        assert all(demo.initial_on < visit.visited_on <= dates[-1] for visit in visits)
        assert any(visit.seen_alone for visit in visits)
        scores = {}
        for meeting in meetings:
            for score in meeting.scores:
                scores.setdefault(score.person_name, []).append(score.value)
        assert not meetings[0].scores
        assert scores["Funmilayo Adebayo"] == [7, 7]
        assert scores["Sam Social-Worker"] == [4, 5]
        assert scores["Ms Jo Jones"] == [4, 6]
        assert len(scores) == 6
