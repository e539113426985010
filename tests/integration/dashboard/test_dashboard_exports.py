"""What the dashboard hands over: every figure's CSV file holds no formula a spreadsheet would
run, and only the rows of the cases its reader may see, while the figures on the page count the
whole service; commentary is written only by those who answer for the figures.

Two teams have the same family (so every figure has rows in both), Team B's with values a
spreadsheet would run: a case reference, children's local IDs and a team name."""

import csv
import io
import re
from datetime import UTC, date, datetime, time

import pytest
from pages import text_of
from sqlalchemy import func, select

from conference.common.spreadsheets import FORMULA_STARTS
from conference.extensions import db
from conference.models import (
    Attendee,
    Case,
    Child,
    ChildDecision,
    ChildVoice,
    Commentary,
    Conference,
    CoreGroupMeeting,
    Plan,
    Pod,
    Role,
    SafetyGoal,
    Team,
)
from conference.services import plan_checks
from conference.services.dashboard.figures import FIGURES

RANGE = {"start": ["1", "1", "2025"], "end": ["30", "6", "2025"]}
HOSTILE_TEAM = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_REFERENCE = "=1+2"
HOSTILE_CHILD_IDS = ['=HYPERLINK("http://x.example","Open")', "\t=1+1"]


def _family(team: Team, reference: str, child_ids: list[str], pod=None) -> None:
    """A family on a plan from February 2025, with a review in May that ends the unborn baby's
    plan, two core groups, the children's voices and a plan with two goals: a row in every
    figure."""
    case = Case(
        reference=reference,
        team=team,
        pod=pod,
        opened_on=date(2025, 1, 20),
        referral_date=date(2025, 1, 20),
    )
    older = Child(case=case, local_child_id=child_ids[0], date_of_birth=date(2012, 1, 10))
    unborn = Child(case=case, local_child_id=child_ids[1])
    for child, name in ((older, "Kemi"), (unborn, "Baby")):
        child.given_name, child.family_name = name, "Adebayo"
    initial = _conference(case, "initial", date(2025, 2, 14), date(2025, 1, 31))
    initial.report_shared_on = date(2025, 2, 12)
    initial.attendees = [
        Attendee(name=agency, agency_type=agency, attendance="attended")
        for agency in ("childrens_social_care", "health", "education")
    ]
    review = _conference(case, "review", date(2025, 5, 14), previous_conference=initial)
    db.session.add_all([case, older, unborn, initial, review])
    db.session.flush()
    db.session.add_all(
        [
            ChildDecision(conference=initial, child=older, outcome="cp_plan", category="NEG"),
            ChildDecision(conference=initial, child=unborn, outcome="cp_plan", category="NEG"),
            ChildDecision(conference=review, child=older, outcome="cp_plan", category="NEG"),
            ChildDecision(conference=review, child=unborn, outcome="nfa"),
            ChildVoice(
                conference=initial, child=older, participation_code="PN1", advocacy_offered="yes"
            ),
            ChildVoice(conference=initial, child=unborn, participation_code="PN0"),
        ]
    )
    plan = Plan(case=case, conference=initial, identity_statement="In English.")
    plan.goals = [
        SafetyGoal(position=0, statement="Kemi goes to school every day.", child_ids=[older.id]),
        SafetyGoal(position=1, statement="Dad will engage with the alcohol service."),
    ]
    db.session.add(plan)
    db.session.flush()
    plan_checks.store_checks(plan)
    for held_on in (date(2025, 2, 25), date(2025, 4, 15)):
        db.session.add(CoreGroupMeeting(case=case, plan=plan, held_on=held_on))


def _conference(case, kind, held_on, strategy_discussion_on=None, **fields):
    return Conference(
        case=case,
        conference_type=kind,
        held_on=held_on,
        starts_at=time(10),
        strategy_discussion_on=strategy_discussion_on,
        finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC),
        **fields,
    )


@pytest.fixture
def teams(app):
    with app.app_context():
        team_a, team_b = Team(name="Team A"), Team(name=HOSTILE_TEAM)
        pod = Pod(team=team_a, name="Pod 1")
        db.session.add_all([team_a, team_b, pod])
        db.session.flush()
        _family(team_a, "DASH-A", ["A1", "A2"], pod)
        _family(team_b, HOSTILE_REFERENCE, HOSTILE_CHILD_IDS)
        db.session.commit()
        return {"team_a": team_a.id, "team_b": team_b.id, "pod": pod.id}


def csv_file(client, figure: str, **args) -> list[list[str]]:
    """The figure's CSV file as a spreadsheet reads it: its rows of cells, headings first."""
    response = client.get(f"/dashboard/{figure}/download", query_string={**RANGE, **args})
    assert response.status_code == 200, figure
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def shown_figures(client, **args) -> dict[str, str]:
    html = client.get("/dashboard/", query_string={**RANGE, **args}).get_data(as_text=True)
    found = re.findall(r'data-figure="([\w-]+)"[^>]*>(.*?)</p>', html, flags=re.S)
    return {key: text_of(shown) for key, shown in found}


# No formulas.


def test_no_cell_of_any_figures_csv_is_a_formula(teams, signed_in):
    chair = signed_in(Role.CHAIR)
    for figure in FIGURES:
        rows = csv_file(chair, figure)
        cells = [cell for row in rows for cell in row]
        assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == [], figure
        # Shown as the text that was typed, after the apostrophe that keeps it from running.
        team_b = [row for row in rows[1:] if row[2] == f"'{HOSTILE_TEAM}"]
        assert team_b, figure
        assert {row[0] for row in team_b} == {f"'{HOSTILE_REFERENCE}"}, figure
        assert {row[1] for row in team_b} <= {"", *(f"'{i}" for i in HOSTILE_CHILD_IDS)}, figure


# Rows only within the reader's access; figures for the whole service.


@pytest.mark.parametrize("asked", [{}, {"team": "team_b"}])
def test_a_team_manager_sees_the_whole_services_figures_but_only_their_teams_rows(
    teams, signed_in, asked
):
    """Whatever the filter asked for: not even the other team's rows filtered to that team."""
    manager = signed_in(Role.MANAGER, team="Team A")
    args = {name: str(teams[value]) for name, value in asked.items()}
    figures = shown_figures(manager, **args)
    assert len(figures) == len(FIGURES)
    if asked:
        assert figures["icpc-within-15-days"] == "100%: 2 out of 2"  # Team B's figure
    else:
        assert figures["on-plan"] == "2 children on 30 June 2025"  # one in each team
        assert figures["icpc-within-15-days"] == "100%: 4 out of 4"
    for figure in FIGURES:
        rows = csv_file(manager, figure, **args)
        assert rows[0][:3] == ["Case reference", "Child's local ID", "Team"], figure
        teams_in_file = {row[2] for row in rows[1:]}
        assert teams_in_file == (set() if asked else {"Team A"}), figure


def test_a_chair_gets_every_teams_rows(teams, signed_in):
    chair = signed_in(Role.CHAIR)
    for figure in FIGURES:
        teams_in_file = {row[2] for row in csv_file(chair, figure)[1:]}
        assert teams_in_file == {"Team A", f"'{HOSTILE_TEAM}"}, figure


def test_the_head_of_service_who_makes_the_returns_gets_every_teams_rows(teams, signed_in):
    head_of_service = signed_in(Role.MANAGER, team=None)
    for figure in FIGURES:
        teams_in_file = {row[2] for row in csv_file(head_of_service, figure)[1:]}
        assert teams_in_file == {"Team A", f"'{HOSTILE_TEAM}"}, figure


def test_the_download_is_audited_with_the_rows_handed_over(teams, signed_in, app):
    from conference.models import AuditEvent, Case, Child

    manager = signed_in(Role.MANAGER, team="Team A")
    rows = csv_file(manager, "icpc-within-15-days")
    on_plan = csv_file(manager, "on-plan")
    with app.app_context():
        first, second = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id)
        )
        assert first.changes["rows"] == len(rows) - 1 == 2
        # Whose rows: the cases and children listed (their ids, never names), so an auditor
        # can tell who took a given child's row.
        team_a = select(Case.id).where(Case.team_id == teams["team_a"])
        cases = sorted(db.session.scalars(team_a))
        assert first.changes["case_ids"] == cases
        children = db.session.execute(
            select(Child.id, Child.local_child_id).where(Child.case_id.in_(team_a))
        ).all()
        listed = {row[1] for row in on_plan[1:]}
        assert second.changes["child_ids"] == sorted(i for i, local in children if local in listed)
        assert len(second.changes["child_ids"]) == len(on_plan) - 1 == 1


# Commentary: only by those who answer for the figures.


def commentary_url(figure: str = "quorate", **args) -> tuple[str, dict]:
    return f"/dashboard/{figure}/commentary/2025-06", {**RANGE, **args}


def write_commentary(client, text: str, **args):
    url, query = commentary_url(**args)
    return client.post(url, {"text": text, "version": "0"}, page="/", query_string=query)


def stored_commentaries(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(c.scope, c.text) for c in db.session.scalars(select(Commentary))]


def test_a_team_manager_writes_on_their_own_teams_and_pods_figures_only(teams, signed_in, app):
    manager = signed_in(Role.MANAGER, team="Team A")
    team_a, pod = str(teams["team_a"]), str(teams["pod"])
    assert write_commentary(manager, "Ours.", team=team_a).status_code == 302
    assert write_commentary(manager, "Our pod's.", pod=pod).status_code == 302
    for others in ({"team": str(teams["team_b"])}, {}):  # another team's, the whole service's
        url, query = commentary_url(**others)
        assert manager.get(url, query_string=query).status_code == 403
        assert write_commentary(manager, "Not ours to explain.", **others).status_code == 403
        page = manager.get("/dashboard/", query_string=query).get_data(as_text=True)
        assert "the commentary" not in text_of(page) and "/commentary/" not in page
    assert sorted(stored_commentaries(app)) == [
        (f"pod:{pod}", "Our pod's."),
        (f"team:{team_a}", "Ours."),
    ]


def test_the_head_of_service_writes_on_the_whole_services_figures_only(teams, signed_in, app):
    head = signed_in(Role.MANAGER)  # a manager with no team: the whole service
    assert write_commentary(head, "Across the service.").status_code == 302
    assert write_commentary(head, "Team A's.", team=str(teams["team_a"])).status_code == 403
    assert stored_commentaries(app) == [("all", "Across the service.")]
    page = head.get("/dashboard/", query_string=RANGE).get_data(as_text=True)
    assert "Change the commentary" in text_of(page)


def test_a_chair_reads_the_commentary_but_does_not_write_it(teams, signed_in, app, make_user):
    with app.app_context():
        db.session.add(
            Commentary(
                figure="quorate",
                month=date(2025, 6, 1),
                scope="all",
                text="Two agencies sent apologies.",
                written_by_id=make_user(Role.MANAGER, email="head@example.org"),
            )
        )
        db.session.commit()
    chair = signed_in(Role.CHAIR)
    page = chair.get("/dashboard/", query_string=RANGE).get_data(as_text=True)
    assert "Two agencies sent apologies." in page
    assert "/commentary/" not in page
    assert write_commentary(chair, "Mine.").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Commentary)) == 1
