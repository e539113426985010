"""The progress page of a plan: each safety goal's timeline from the conference through the core
groups, the actions' latest status, the scaling trend chart with its text alternative and data
table, who may see it, and its audit row."""

import re
from datetime import UTC, date, datetime, time

import pytest
from access_world import CAN_VIEW, PEOPLE
from flask import url_for
from helpers import Client, sign_in
from pages import assert_page, text_of, texts

from conference.extensions import db
from conference.models import (
    ActionUpdate,
    AuditEvent,
    Conference,
    CoreGroupMeeting,
    CoreGroupScore,
    GoalProgress,
    Plan,
    PlanAction,
    SafetyGoal,
    ScalingScore,
)

QUESTION = "Where are things today, from 0 to 10?"
ZERO = "The children cannot stay at home"
TEN = "Safe enough for the plan to end"


def _score(model, name, role, value, polarity="safe_at_10", is_parent=False, **fields):
    zero, ten = (ZERO, TEN) if polarity == "safe_at_10" else (TEN, ZERO)
    return model(
        person_name=name,
        role_label=role,
        is_parent=is_parent,
        value=value,
        reason=f"{name}'s reason",
        question=QUESTION,
        zero_means=zero,
        ten_means=ten,
        polarity=polarity,
        **fields,
    )


@pytest.fixture
def progress_world(app, world):
    """The case of the access world with a plan of two goals from the conference on 2 September
    2026 (scores: Bo 6, Sam 3, Jo 4), a core group on 16 September (no scaling) and one on 28
    October 2026 where Jo scored 3 on a scale where 10 means the highest risk (7 where 10 is
    safe)."""
    with app.app_context():
        case_id = world["case_id"]
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 9, 2),
            starts_at=time(10, 0),
        )
        conference.scores = [
            _score(ScalingScore, "Bo Test", "Father", 6, is_parent=True),
            _score(ScalingScore, "Sam Worker", "Social worker", 3),
            _score(ScalingScore, "Jo Nurse", "School nurse", 4),
        ]
        walk = PlanAction(what="Walk Ada to school", who="Bo Test", by_when=date(2026, 10, 1))
        school = SafetyGoal(
            statement="Ada goes to school every day",
            baseline="Ada missed 9 days in August",
            measure="The school register",
            target="At least 95% each half term",
            position=0,
            actions=[walk],
        )
        bedtime = SafetyGoal(statement="Ada is in bed by 8pm", baseline="", position=1)
        plan = Plan(case_id=case_id, conference=conference, number=1, goals=[school, bedtime])
        db.session.add(plan)
        db.session.flush()
        first = CoreGroupMeeting(case_id=case_id, plan=plan, held_on=date(2026, 9, 16))
        first.progress = [
            GoalProgress(
                goal=school,
                where_now="Ada missed 3 days this fortnight",
                rating="worse",
                evidence="The register",
                said_by="Jo Nurse",
            ),
            GoalProgress(goal=bedtime, where_now="Still late", rating="no_change"),
        ]
        first.action_updates = [ActionUpdate(action=walk, status="in_progress")]
        second = CoreGroupMeeting(
            case_id=case_id,
            plan=plan,
            held_on=date(2026, 10, 28),
            completed_at=datetime(2026, 10, 28, 15, tzinfo=UTC),
        )
        second.progress = [
            GoalProgress(
                goal=school,
                where_now="Ada went every day for 3 weeks",
                rating="some_progress",
                evidence="The register, checked by Jo",
                said_by="Jo Nurse",
            ),
            GoalProgress(goal=bedtime, where_now="In bed by 8pm", rating="achieved"),
        ]
        second.action_updates = [
            ActionUpdate(action=walk, status="done", note="Bo walks her every day")
        ]
        second.scores = [
            _score(CoreGroupScore, "Bo Test", "Father", 7, is_parent=True),
            _score(CoreGroupScore, "Sam Worker", "Social worker", 5),
            _score(CoreGroupScore, "Jo Nurse", "School nurse", 3, polarity="risk_at_10"),
        ]
        db.session.add_all([first, second])
        db.session.flush()
        bedtime.actions.append(
            PlanAction(
                what="Read Ada a story at 7.30pm", who="Bo Test", added_at_meeting_id=second.id
            )
        )
        db.session.commit()
        return {**world, "plan_id": plan.id, "school_id": school.id, "bedtime_id": bedtime.id}


def _client(app, people, person) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, people["users"][person]).status_code == 302
    return client


def _url(app, plan_id) -> str:
    with app.test_request_context():
        return url_for("core_groups.progress", plan_id=plan_id)


def _rows(html: str, marker: str) -> list[str]:
    return texts(html, f"table[{marker}] tr")


def test_each_goal_shows_its_timeline_from_the_conference_with_ratings_in_order(
    app, progress_world
):
    client = _client(app, progress_world, "practitioner_in_core_group")
    html = assert_page(
        client.get(_url(app, progress_world["plan_id"])), "Progress against the plan"
    )
    school = _rows(html, f'data-goal-timeline="{progress_world["school_id"]}"')
    assert school[1:] == [
        "2 September 2026 Conference Ada missed 9 days in August Starting point",
        "16 September 2026 Core group Ada missed 3 days this fortnight Worse The register Jo Nurse",
        "28 October 2026 Core group Ada went every day for 3 weeks Some progress "
        "The register, checked by Jo Jo Nurse",
    ]
    bedtime = _rows(html, f'data-goal-timeline="{progress_world["bedtime_id"]}"')
    assert [row.split(" Core group ")[-1] for row in bedtime[2:]] == [
        "Still late No change",
        "In bed by 8pm Achieved",
    ]
    assert "No baseline recorded" in bedtime[1]
    # The rating is a coloured tag, and its words are always there too.
    tags = re.findall(r'govuk-tag--(\w+)" data-rating="(\w+)">([^<]+)<', html)
    assert tags == [
        ("red", "worse", "Worse"),
        ("blue", "some_progress", "Some progress"),
        ("grey", "no_change", "No change"),
        ("green", "achieved", "Achieved"),
    ]
    text = text_of(html)
    assert "Rated at 2 core groups: worse, then some progress." in text
    assert "Rated at 2 core groups: no change, then achieved." in text


def test_actions_show_their_latest_status(app, progress_world):
    client = _client(app, progress_world, "chair")
    html = client.get(_url(app, progress_world["plan_id"])).get_data(as_text=True)
    text = text_of(html)
    assert (
        "Walk Ada to school Bo Test 1 October 2026 Done At the core group on 28 October 2026 "
        "Bo walks her every day" in text
    )
    assert (
        "Read Ada a story at 7.30pm Added at the core group on 28 October 2026 Bo Test "
        "Not agreed Not started As agreed in the plan" in text
    )


def test_the_trend_chart_is_drawn_with_a_text_alternative_and_the_same_numbers_in_a_table(
    app, progress_world
):
    client = _client(app, progress_world, "sw_allocated")
    html = client.get(_url(app, progress_world["plan_id"])).get_data(as_text=True)
    svg = re.search(r"<svg\b.*?</svg>", html, flags=re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="progress-chart-title progress-chart-desc"' in svg
    assert '<title id="progress-chart-title">Scaling scores over time, from 0 to 10</title>' in svg
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, flags=re.S).group(1)
    assert description.startswith(
        "Median went from 4 at the conference (2 September 2026) to 7 at the last core group "
        "(28 October 2026)."
    )
    assert "a 3 is shown as 7" in description
    assert "<script" not in svg
    # Every person is a line, named in the chart's key; each axis end says what it means.
    for label in ("Bo Test (Father)", "Sam Worker (Social worker)", "Jo Nurse (School nurse)"):
        assert f">{label}</text>" in svg
    assert f">10 means: {TEN}</text>" in svg
    assert f">0 means: {ZERO}</text>" in svg
    assert svg.count("<path d=") == 3
    # The data table: the meeting without scaling has no column; Jo's risk score is turned round.
    assert _rows(html, "data-trend-table") == [
        "Person Conference 2 September 2026 Core group 28 October 2026",
        "Bo Test (Father) 6 7",
        "Sam Worker (Social worker) 3 5",
        "Jo Nurse (School nurse) 4 7 given as 3 where 10 means the highest risk",
        "Median (the middle score) 4 7",
        "Lowest to highest 3 to 6 5 to 7",
    ]
    assert "Scores given where 10 means the highest risk are turned round" in text_of(html)


def test_a_childs_own_score_and_the_parents_are_in_the_trend_by_person_and_role(
    app, progress_world
):
    """Issue 18: the child's own 0-10 score is data beside the parents' and professionals'."""
    with app.app_context():
        second = db.session.scalars(
            db.select(CoreGroupMeeting).order_by(CoreGroupMeeting.held_on.desc())
        ).first()
        second.scores.append(_score(CoreGroupScore, "", "", 8, child_id=progress_world["child_id"]))
        db.session.commit()
    client = _client(app, progress_world, "sw_allocated")
    html = client.get(_url(app, progress_world["plan_id"])).get_data(as_text=True)
    rows = _rows(html, "data-trend-table")
    # Parents first, then the child (named from the case, with "Child" as the role), then the
    # professionals; the child gave no score at the conference.
    assert rows[1:5] == [
        "Bo Test (Father) 6 7",
        "Ada (Child) No score 8",
        "Sam Worker (Social worker) 3 5",
        "Jo Nurse (School nurse) 4 7 given as 3 where 10 means the highest risk",
    ]
    svg = re.search(r"<svg\b.*?</svg>", html, flags=re.S).group(0)
    assert ">Ada (Child)</text>" in svg
    assert (
        ">Solid lines: parents. Dotted lines: children. Dashed lines: everyone else.</text>" in svg
    )


def test_a_plan_without_core_groups_or_scores_says_so(app, world):
    with app.app_context():
        conference = Conference(
            case_id=world["case_id"],
            conference_type="initial",
            held_on=date(2026, 9, 2),
            starts_at=time(10, 0),
        )
        plan = Plan(case_id=world["case_id"], conference=conference, number=1)
        db.session.add(plan)
        db.session.commit()
        plan_id = plan.id
    client = _client(app, world, "chair")
    html = assert_page(client.get(_url(app, plan_id)), "Progress against the plan")
    text = text_of(html)
    assert "No core group meetings have been recorded under this plan yet." in text
    assert "The plan has no safety goals yet." in text
    assert "Nobody has given a score yet." in text
    assert "<svg" not in html


def test_the_meetings_link_to_their_notes(app, progress_world):
    client = _client(app, progress_world, "practitioner_in_core_group")
    html = client.get(_url(app, progress_world["plan_id"])).get_data(as_text=True)
    with app.app_context():
        ids = [
            m.id
            for m in db.session.query(CoreGroupMeeting).order_by(CoreGroupMeeting.held_on).all()
        ]
    for meeting_id in ids:
        assert f'href="/core-groups/{meeting_id}/notes.pdf?for=family"' in html
        assert f'href="/core-groups/{meeting_id}/notes.pdf?for=record"' in html
    text = text_of(html)
    assert "16 September 2026 Draft" in text
    assert "28 October 2026 Completed" in text


@pytest.mark.parametrize("person", list(PEOPLE))
def test_whoever_may_see_the_case_may_see_its_progress(app, progress_world, person):
    """Reading progress needs only sight of the case: the social worker of the team who is not
    allocated and not in the core group may read it (recording is another matter)."""
    client = _client(app, progress_world, person)
    status = client.get(_url(app, progress_world["plan_id"])).status_code
    assert status == (200 if person in CAN_VIEW else 404)


def test_an_unknown_plan_is_not_found(app, progress_world):
    client = _client(app, progress_world, "chair")
    assert client.get(_url(app, progress_world["plan_id"] + 100)).status_code == 404


def test_every_view_is_audited(app, progress_world):
    client = _client(app, progress_world, "practitioner_in_core_group")
    client.get(_url(app, progress_world["plan_id"]))
    with app.app_context():
        events = db.session.query(AuditEvent).filter_by(action="view progress").all()
        assert [(e.record_type, e.record_id, e.case_id) for e in events] == [
            ("protection_plan", str(progress_world["plan_id"]), progress_world["case_id"])
        ]
        assert events[0].user.email == progress_world["users"]["practitioner_in_core_group"]
