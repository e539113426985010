"""The managers' dashboard: every figure's count and denominator on a small known dataset, the
team and pod filters, bad filters, the CSV rows behind a figure, commentary (saved, refused when
stale, audited), who may see it, the demo data, and the checker's answers stored on plans."""

import csv
import io
import re
from datetime import UTC, date, datetime, time

import pytest
from helpers import count, sign_in
from pages import assert_page, error_summary, text_of, texts
from records import dashboard_families
from sqlalchemy import select

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    Attendee,
    AuditEvent,
    Case,
    Child,
    ChildDecision,
    ChildVoice,
    Commentary,
    Conference,
    CoreGroupMeeting,
    Plan,
    Role,
    SafetyGoal,
    User,
)
from conference.services import goals as goal_services
from conference.services import plan_checks
from conference.services import plans as plan_services
from conference.services.dashboard.figures import FIGURES

RANGE = {"start": ["1", "1", "2025"], "end": ["30", "6", "2025"]}
DEMO_PASSWORD = "demo password for the dashboard tests"


def _conference(case, kind, held_on, **fields):
    return Conference(
        case=case,
        conference_type=kind,
        held_on=held_on,
        starts_at=time(18 if fields.get("twilight") else 10),
        finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC),
        **fields,
    )


def _child(case, local_id, born, **fields):
    return Child(
        case=case,
        given_name="Test",
        family_name=local_id,
        local_child_id=local_id,
        date_of_birth=born,
        **fields,
    )


def _attendee(agency_type):
    return Attendee(name=agency_type, agency_type=agency_type, attendance="attended")


@pytest.fixture
def dataset(app):
    """Two families: one in Team A's pod, on a plan from February 2025 with a review in May
    that ends the unborn baby's plan; one in Team B, from March 2025, with no core group yet."""
    with app.app_context():
        team_a, team_b, pod, family_a, family_b = dashboard_families(date(2025, 2, 20))
        older = _child(family_a, "A1", date(2012, 1, 10), ethnicity_code="WBRI")
        unborn = _child(family_a, "A2", None)
        younger = _child(family_b, "B1", date(2018, 6, 1), previous_plans_elsewhere=1)
        initial_a = _conference(
            family_a,
            "initial",
            date(2025, 2, 14),
            strategy_discussion_on=date(2025, 1, 31),  # 10 working days
            report_shared_on=date(2025, 2, 12),  # the due date: on time
        )
        initial_a.attendees = [
            _attendee("childrens_social_care"),
            _attendee("health"),
            _attendee("education"),
        ]
        review_a = _conference(  # due 14 May: on time
            family_a, "review", date(2025, 5, 14), previous_conference=initial_a
        )
        initial_b = _conference(
            family_b,
            "initial",
            date(2025, 3, 28),
            twilight=True,
            strategy_discussion_on=date(2025, 3, 3),  # 19 working days
        )
        initial_b.attendees = [_attendee("childrens_social_care")]
        db.session.add_all([family_a, family_b, older, unborn, younger])
        db.session.add_all([initial_a, review_a, initial_b])
        db.session.flush()
        db.session.add_all(
            [
                ChildDecision(conference=initial_a, child=older, outcome="cp_plan", category="NEG"),
                ChildDecision(
                    conference=initial_a, child=unborn, outcome="cp_plan", category="NEG"
                ),
                ChildDecision(conference=review_a, child=older, outcome="cp_plan", category="NEG"),
                ChildDecision(conference=review_a, child=unborn, outcome="nfa"),
                ChildDecision(
                    conference=initial_b, child=younger, outcome="cp_plan", category="PHY"
                ),
                ChildVoice(
                    conference=initial_a,
                    child=older,
                    participation_code="PN1",
                    advocacy_offered="yes",
                ),
                ChildVoice(conference=initial_a, child=unborn, participation_code="PN0"),
                ChildVoice(
                    conference=initial_b,
                    child=younger,
                    participation_code="PN7",
                    advocacy_offered="not_applicable",
                ),
            ]
        )
        db.session.flush()
        plan_a = Plan(
            case=family_a,
            conference=initial_a,
            identity_statement="Grandma's church will help with the school runs.",
        )
        plan_a.goals = [
            SafetyGoal(
                position=0,
                statement="Kemi goes to school every day: her attendance is at "
                "least 95% each half term.",
                measure="The school attendance register",
                target="At least 95% each half term",
                owner="Mum",
                child_ids=[older.id],
            ),
            SafetyGoal(position=1, statement="Dad will engage with the alcohol service."),
        ]
        plan_b = Plan(case=family_b, conference=initial_b)
        db.session.add_all([plan_a, plan_b])
        db.session.flush()
        plan_checks.store_checks(plan_a)
        plan_checks.store_checks(plan_b)
        db.session.add_all(
            [
                CoreGroupMeeting(case=family_a, plan=plan_a, held_on=date(2025, 2, 25)),  # on time
                CoreGroupMeeting(case=family_a, plan=plan_a, held_on=date(2025, 4, 15)),  # late
            ]
        )
        db.session.commit()
        return {"team_a": team_a.id, "team_b": team_b.id, "pod": pod.id, "plan_a": plan_a.id}


@pytest.fixture
def manager(signed_in):
    """The manager responsible for the whole service (no team): they see every figure."""
    return signed_in(Role.MANAGER)


@pytest.fixture
def chair(dataset, signed_in):
    """A chair sees every case, so the CSV files give them every row."""
    return signed_in(Role.CHAIR)


@pytest.fixture
def team_a_manager(dataset, signed_in):
    return signed_in(Role.MANAGER, team="Team A")


def figure(html: str, key: str) -> str:
    found = re.search(rf'data-figure="{key}"[^>]*>(.*?)</p>', html, flags=re.S)
    assert found, key
    return text_of(found.group(1))


def dashboard(client, **args):
    return client.get("/dashboard/", query_string={**RANGE, **args})


EXPECTED = {
    "on-plan": "2 children on 30 June 2025",
    "icpc-within-15-days": "67%: 2 out of 3",
    "first-core-group-on-time": "67%: 2 out of 3",
    "core-groups-on-time": "50%: 1 out of 2",
    "reviews-on-time": "100%: 2 out of 2",
    "reports-shared-on-time": "33%: 1 out of 3",
    "ended-within-3-months": "0%: 0 out of 1",
    "ended-within-6-months": "100%: 1 out of 1",
    "lasted-2-years": "0%: 0 out of 1",
    "second-plans": "33%: 1 out of 3",
    "views-conveyed": "50%: 1 out of 2",
    "advocacy-offered": "100%: 1 out of 1",
    "advocacy-used": "0%: 0 out of 1",
    "over-12-attending": "100%: 1 out of 1",
    "twilight": "33%: 1 out of 3",
    "quorate": "33%: 1 out of 3",
    "worries-answered": "100%: 2 out of 2",
    "identity-considered": "50%: 1 out of 2",
    "child-views-recorded": "0%: 0 out of 2",
}


def test_every_figure_shows_its_count_and_denominator(manager, dataset, app):
    html = assert_page(dashboard(manager), "Managers’ dashboard")
    for key, expected in EXPECTED.items():
        assert figure(html, key) == expected, key
    with app.app_context():
        stored = db.session.scalars(select(SafetyGoal.outcome_grade)).all()
    assert figure(html, "goals-outcome-focused").endswith(f"{stored.count('outcome')} out of 2")
    assert figure(html, "goals-task").endswith(f"{stored.count('task')} out of 2")


def test_the_goals_are_counted_by_the_checkers_graded_reading(manager, dataset, app):
    """The stored grade of each goal: an outcome, an outcome with actions mixed in, or a task,
    each a share of every goal checked, with its definition; the first shows all three."""
    with app.app_context():
        plan = db.session.get(Plan, dataset["plan_a"])
        mixed = "Mum will stay off drink and see her key worker every week"
        plan.goals[1].outcome_grade = "task"  # as the checker stored it, whatever its rules
        plan.goals[0].outcome_grade = "outcome"
        plan.goals.append(SafetyGoal(position=2, statement=mixed, outcome_grade="mixed"))
        plan.goals.append(SafetyGoal(position=3, statement="Not checked yet"))
        db.session.commit()
    html = dashboard(manager).get_data(as_text=True)
    for key in ("goals-outcome-focused", "goals-mixed", "goals-task"):
        assert figure(html, key) == "33%: 1 out of 3", key
    definitions = {
        "goals-outcome-focused": "graded outcome (every part of the goal says what will be "
        "different for the child), out of all goals checked.",
        "goals-mixed": "graded mixed (an outcome with actions written into it), out of all goals "
        "checked.",
        "goals-task": "graded task (no part of the goal says what will be different for the "
        "child), out of all goals checked.",
    }
    for key, definition in definitions.items():
        shown = html.split(f'id="{key}"')[1].split("</section>")[0]
        assert texts(shown, "[data-definition]")[0].endswith(definition), key
    outcome = html.split('id="goals-outcome-focused"')[1].split("</section>")[0]
    assert (
        "Outcome 1 33% Outcome with actions mixed in 1 33% Task, not an outcome 1 33%"
        in text_of(outcome)
    )
    assert "every outcome" not in html.split('id="goals-mixed"')[1].split("</section>")[0]


def test_the_breakdowns_and_monthly_trend(manager, dataset):
    html = dashboard(manager).get_data(as_text=True)
    page = text_of(html)
    assert "Neglect 1 50%" in page and "Physical abuse 1 50%" in page
    assert "10 to 15 1 50%" in page and "5 to 9 1 50%" in page
    assert "White British 1 50%" in page
    assert "0-10 2 67%" in page and "16-20 1 33%" in page
    assert "Not held and overdue 1 33%" in page
    # Children on a plan at the end of each month: none in January, three from March to April.
    on_plan = html.split('id="on-plan"')[1].split("</section>")[0]
    months = re.findall(
        r'<th scope="row" class="govuk-table__header">(\w+ 2025)</th>\s*'
        r'<td class="govuk-table__cell govuk-table__cell--numeric">(?:<a [^>]*>)?(\d+)<',
        on_plan,
    )
    assert months == [
        ("January 2025", "0"),
        ("February 2025", "2"),
        ("March 2025", "3"),
        ("April 2025", "3"),
        ("May 2025", "2"),
        ("June 2025", "2"),
    ]


def test_every_chart_is_an_image_with_a_text_alternative_and_a_data_table(manager, dataset):
    html = dashboard(manager).get_data(as_text=True)
    charts = re.findall(r"<svg [^>]*role=\"img\"[^>]*>", html)
    tables = re.findall(r"<table [^>]*data-trend-table", html)
    # A figure with figures in fewer than two months of the range says so, rather than
    # drawing one dot (test_dashboard_summary.py).
    without = re.findall(r'data-no-chart="([\w-]+)"', html)
    assert len(charts) == len(tables) == len(FIGURES) - len(without)
    assert "icpc-within-15-days" not in without
    assert "reviews-on-time" in without  # May 2025 alone
    assert '<title id="chart-icpc-within-15-days-title">' in html
    assert "Feb 2025: 100%" in html  # the chart's description gives every month


@pytest.mark.parametrize(
    ("args", "on_plan", "icpc"),
    [
        ({"team": "team_b"}, "1 children", "0%: 0 out of 1"),
        ({"team": "team_a"}, "1 children", "100%: 2 out of 2"),
        ({"team": "team_a", "pod": "pod"}, "1 children", "100%: 2 out of 2"),
        ({"pod": "pod"}, "1 children", "100%: 2 out of 2"),
    ],
)
def test_the_team_and_pod_filters_narrow_every_figure(manager, dataset, args, on_plan, icpc):
    html = dashboard(manager, **{k: str(dataset[v]) for k, v in args.items()}).get_data(
        as_text=True
    )
    assert figure(html, "on-plan").startswith(on_plan)
    assert figure(html, "icpc-within-15-days") == icpc


def test_a_date_range_of_one_month(manager, dataset):
    html = manager.get(
        "/dashboard/", query_string={"start": ["1", "3", "2025"], "end": ["31", "3", "2025"]}
    ).get_data(as_text=True)
    assert figure(html, "icpc-within-15-days") == "0%: 0 out of 1"
    assert figure(html, "on-plan") == "3 children on 31 March 2025"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"start": ["31", "2", "2025"]}, "The start date must be a real date"),
        (
            {"start": ["1", "6", "2025"], "end": ["1", "1", "2025"]},
            "The end date must be the same as or after the start date",
        ),
        (
            {"start": ["1", "1", "2020"], "end": ["1", "1", "2025"]},
            "The range must be 36 months or shorter",
        ),
        ({"team": "999"}, "Select a team from the list"),
    ],
)
def test_bad_filters_are_explained_and_the_default_range_shown(manager, dataset, args, message):
    response = manager.get("/dashboard/", query_string={**RANGE, **args})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in error_summary(html)
    # The default range: the last 12 months, up to the end of this month.
    assert f"{clock.today():%B %Y}" in text_of(html)
    assert "30 June 2025" not in text_of(html)


def test_a_pod_from_another_team_is_refused(manager, dataset):
    response = dashboard(manager, team=str(dataset["team_b"]), pod=str(dataset["pod"]))
    assert error_summary(response.get_data(as_text=True)) == [
        "Select a pod in the team you chose, or all pods"
    ]


def test_the_csv_gives_the_rows_behind_a_figure_and_is_audited(chair, dataset, app):
    response = chair.get("/dashboard/icpc-within-15-days/download", query_string=RANGE)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    filename = f"dashboard-icpc-within-15-days-{clock.today().isoformat()}.csv"
    assert filename in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == [
        "Case reference",
        "Child's local ID",
        "Team",
        "Strategy discussion",
        "Initial conference",
        "Result",
    ]
    assert sorted(rows[1:]) == [
        ["DASH-A", "A1", "Team A", "2025-01-31", "2025-02-14", "0-10"],
        ["DASH-A", "A2", "Team A", "2025-01-31", "2025-02-14", "0-10"],
        ["DASH-B", "B1", "Team B", "2025-03-03", "2025-03-28", "16-20"],
    ]
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
        assert event.user_id == chair.user_id
        assert event.changes["figure"] == "icpc-within-15-days"
        assert event.changes["rows"] == 3
        assert event.changes["start"] == "2025-01-01"


@pytest.mark.parametrize("key", [key for key in EXPECTED if key != "on-plan"])
def test_each_figures_csv_rows_add_up_to_the_figure_on_the_page(chair, dataset, key):
    """The page counts figures that share rows together; each CSV gives that figure's rows."""
    response = chair.get(f"/dashboard/{key}/download", query_string=RANGE)
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["Case reference", "Child's local ID", "Team"]
    assert rows[0][-1] == "Result"
    results = [row[-1] for row in rows[1:]]
    counted = sum(result in FIGURES[key].counted for result in results)
    judged = sum(result != "Not counted" for result in results)
    assert EXPECTED[key].endswith(f": {counted} out of {judged}")


def test_the_csv_respects_the_team_filter(chair, dataset):
    response = chair.get(
        "/dashboard/on-plan/download", query_string={**RANGE, "team": str(dataset["team_b"])}
    )
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[1:] == [["DASH-B", "B1", "Team B", "PHY", "2025-03-28"]]


def test_an_unknown_figure_is_not_found(manager, dataset):
    assert manager.get("/dashboard/nonsense/download").status_code == 404
    assert manager.get("/dashboard/quorate/commentary/2025-13").status_code == 404


def test_commentary_is_saved_shown_with_its_month_and_audited(team_a_manager, dataset, app):
    manager = team_a_manager
    url = "/dashboard/quorate/commentary/2025-06"
    page = f"{url}?team={dataset['team_a']}"
    response = manager.post(
        url,
        {"text": "Two agencies sent apologies.", "version": "0"},
        page=page,
        query_string={**RANGE, "team": str(dataset["team_a"])},
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.scalar(select(Commentary))
        assert (saved.figure, saved.month, saved.scope) == (
            "quorate",
            date(2025, 6, 1),
            f"team:{dataset['team_a']}",
        )
        assert saved.written_by_id == manager.user_id
        assert (
            db.session.scalar(
                select(AuditEvent.action).where(AuditEvent.record_type == "dashboard_commentary")
            )
            == "create"
        )
    html = dashboard(manager, team=str(dataset["team_a"])).get_data(as_text=True)
    quorate = html.split('id="quorate"')[1].split("</section>")[0]
    assert "Commentary for June 2025" in text_of(quorate)
    assert "Two agencies sent apologies." in quorate
    # Kept with its team: all teams have none.
    assert "Two agencies sent apologies." not in dashboard(manager).get_data(as_text=True)


def test_a_team_managers_commentary_with_no_filters_is_their_teams(team_a_manager, dataset, app):
    """Their dashboard opens on their team, so its commentary links (no filters in the
    address) write their team's commentary, never the whole service's."""
    url = "/dashboard/quorate/commentary/2025-06"
    response = team_a_manager.post(url, {"text": "Our team's view.", "version": "0"}, page=url)
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.scalar(select(Commentary))
        assert saved.scope == f"team:{dataset['team_a']}"
    all_teams = {"team": ""}
    refused = team_a_manager.get(url, query_string={**RANGE, **all_teams})
    assert refused.status_code == 403


def test_a_stale_commentary_save_shows_the_other_text_and_keeps_yours(
    manager, dataset, app, make_user
):
    url = "/dashboard/twilight/commentary/2025-06"
    with app.app_context():
        other = db.session.get(User, make_user(Role.CHAIR, email="other@example.org"))
        db.session.add(
            Commentary(
                month=date(2025, 6, 1),
                scope="all",
                figure="twilight",
                text="Theirs.",
                written_by_id=other.id,
            )
        )
        db.session.commit()
    response = manager.post(url, {"text": "Mine.", "version": "0"}, query_string=RANGE)
    html = assert_page(response, "Commentary: Twilight conferences")
    assert "Someone else changed this record" in html
    assert "Theirs." in text_of(html)
    assert ">Mine.</textarea>" in html
    with app.app_context():
        assert db.session.scalar(select(Commentary.text)) == "Theirs."
    response = manager.post(url, {"text": "Mine.", "version": "1"}, query_string=RANGE)
    assert response.status_code == 302
    assert count(app, Commentary, text="Mine.") == 1


def test_commentary_must_be_written(manager, dataset):
    response = manager.post("/dashboard/twilight/commentary/2025-06", {"text": "", "version": "0"})
    assert error_summary(response.get_data(as_text=True)) == ["Enter the commentary"]


@pytest.mark.parametrize("role", [Role.MANAGER, Role.CHAIR])
def test_managers_and_chairs_see_the_dashboard_and_its_link(signed_in, role):
    client = signed_in(role)
    html = client.get("/dashboard/").get_data(as_text=True)
    assert 'href="/dashboard/"' in html
    assert client.get("/dashboard/on-plan/download").status_code == 200


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PRACTITIONER, Role.ADMIN])
def test_other_roles_are_refused(signed_in, role):
    client = signed_in(role)
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/on-plan/download").status_code == 403
    assert client.get("/dashboard/twilight/commentary/2025-06").status_code == 403
    assert 'href="/dashboard/"' not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["/dashboard/", "/dashboard/on-plan/download", "/dashboard/twilight/commentary/2025-06"]
)
def test_signed_out_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


# The demo data, and the checker's answers stored on plans.


@pytest.fixture
def demo(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def test_the_dashboard_shows_the_demo_data(demo, client):
    assert sign_in(client, "manager@demo.example", DEMO_PASSWORD).status_code == 302
    html = client.get("/dashboard/").get_data(as_text=True)
    assert figure(html, "on-plan").startswith("3 children")
    assert figure(html, "icpc-within-15-days") == "100%: 3 out of 3"
    assert figure(html, "goals-outcome-focused").endswith("out of 6")
    assert figure(html, "identity-considered") == "100%: 1 out of 1"


def test_the_demo_plan_has_the_checkers_answers_stored(demo, app):
    with app.app_context():
        plan = db.session.scalar(
            select(Plan).join(Case).where(Case.reference == "DEMO-0001", Plan.number == 1)
        )
        goals = sorted(plan.goals, key=lambda goal: goal.position)
        assert [goal.outcome_focused for goal in goals][:4] == [True] * 4
        assert goals[4].outcome_focused is False  # "Dad will engage with the alcohol service."
        assert [goal.outcome_grade for goal in goals][4] == "task"
        assert None not in [goal.outcome_grade for goal in goals]
        assert None not in [goal.measurable for goal in goals]
        assert False in [goal.measurable for goal in goals]
        assert (plan.worries_all_answered, plan.identity_considered, plan.child_views_recorded) == (
            True,
            True,
            True,
        )


def test_saving_goals_and_details_stores_the_checkers_answers(demo, app):
    with app.app_context():
        actor = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
        plan = db.session.scalar(
            select(Plan).join(Case).where(Case.reference == "DEMO-0001", Plan.number == 1)
        )
        version = plan.version
        goal = sorted(plan.goals, key=lambda goal: goal.position)[4]
        goal_services.update_goal(
            actor,
            goal,
            goal.version,
            statement="Kemi and Tolu feel safe at home: no shouting at any visit for 6 months.",
            measure="The children's own 0-10 scale at each visit",
            target="7 or more",
        )
        db.session.commit()
        assert goal.outcome_focused is True and goal.measurable is True
        assert goal.outcome_grade == "outcome"
        assert plan.version == version  # an open edit of the plan is not turned into a conflict
        # The demo's goals draw on the family's church and book the interpreter, so identity
        # is carried into the plan even with its own box blank (issue 21); once they do not
        # (and nothing books the Yoruba interpreter Mum needs), it is not.
        plan_services.update_details(actor, plan, plan.version, identity_statement="")
        db.session.commit()
        assert plan.identity_considered is True
        plan.goals[1].contingency_then = "Mum rings a neighbour, who has agreed to have them"
        plan.goals[2].contingency_then = ""
        [interpreter] = [a for g in plan.goals for a in g.actions if "interpreter" in a.what]
        interpreter.what = "Send the appointment letters"
        plan_services.update_details(actor, plan, plan.version, child_seen="Every week")
        db.session.commit()
        assert plan.identity_considered is False
        added = goal_services.add_goal(actor, plan, statement="Go to the parenting course.")
        db.session.commit()
        assert (added.outcome_focused, added.outcome_grade) == (False, "task")
        goal_services.remove_goal(actor, added)
        db.session.commit()
        assert db.session.get(Plan, plan.id).worries_all_answered is True
