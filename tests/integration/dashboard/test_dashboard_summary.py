"""What a manager reads at the top of the dashboard and beside each figure: the summary (latest
value, direction, target met or not, England and statistical neighbours with their year and
source, the projection and its method), the contents list, charts only where they say more than
the number, commentary folded away until written, and the team and pod tables."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from pages import assert_page, links, select, text, texts
from records import dashboard_families

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    Case,
    Child,
    ChildDecision,
    Commentary,
    Comparator,
    Conference,
    FigureTarget,
    Role,
)
from conference.services.dashboard.figures import FIGURES, SECTIONS

RANGE = {"start": ["1", "1", "2025"], "end": ["30", "6", "2025"]}
HEADING = "Managers’ dashboard"


@pytest.fixture
def growing(app):
    """One more child on a plan each month from January to June 2025 (1 at the end of January,
    6 at the end of June), from an initial conference on the 10th: in Team A's Pod 1 in odd
    months, in Team B in even ones. June's conference is in the evening (twilight); so is
    January's."""
    with app.app_context():
        team_a, team_b, pod, *_families = dashboard_families(date(2025, 1, 1))
        for month in range(1, 7):
            in_a = month % 2 == 1
            case = Case(
                reference=f"GROW-{month}",
                team_id=team_a.id if in_a else team_b.id,
                pod_id=pod.id if in_a else None,
                opened_on=date(2025, month, 1),
                referral_date=date(2025, month, 1),
            )
            child = Child(
                case=case,
                given_name="Test",
                family_name=str(month),
                local_child_id=f"G{month}",
                date_of_birth=date(2015, 1, 1),
            )
            held_on = date(2025, month, 10)
            conference = Conference(
                case=case,
                conference_type="initial",
                held_on=held_on,
                starts_at=time(18 if month in (1, 6) else 10),
                twilight=month in (1, 6),
                finalised_at=datetime.combine(held_on, time(19), tzinfo=UTC),
            )
            db.session.add_all([case, child, conference])
            db.session.flush()
            db.session.add(
                ChildDecision(conference=conference, child=child, outcome="cp_plan", category="NEG")
            )
        db.session.commit()
        return {"team_a": team_a.id, "team_b": team_b.id, "pod": pod.id}


@pytest.fixture
def head_of_service(signed_in):
    """The manager with no team: answers for the whole service, sets its targets."""
    return signed_in(Role.MANAGER)


def dashboard(client, **args):
    return client.get("/dashboard/", query_string={**RANGE, **args})


def summary_row(html: str, key: str) -> dict[str, str]:
    row = select(html, f'tr[data-summary-row="{key}"]')[0]
    cells = {
        name: text(select(row, f"td[data-{name}]")[0])
        for name in ("latest", "direction", "target", "england", "neighbours", "projected")
    }
    return {"figure": text(select(row, "th")[0]), **cells}


def section_of(html: str, key: str):
    return select(html, f'section[id="{key}"]')[0]


def test_the_summary_gives_the_latest_value_direction_and_projection(head_of_service, growing):
    html = assert_page(dashboard(head_of_service), HEADING)
    assert texts(html, "#summary-heading") == ["Summary, to 30 June 2025"]
    assert summary_row(html, "on-plan") == {
        "figure": "Children on a child protection plan",
        "latest": "6 in June 2025",
        "direction": "Up",
        "target": "Not set",
        "england": "Not entered",
        "neighbours": "Not entered",
        # The line through 1, 2 ... 6 carried on.
        "projected": "7 · 8 · 9",
    }
    assert texts(html, "th[data-projected-months]") == ["Projected Jul 2025 · Aug 2025 · Sep 2025"]
    # Twilight: 100% in January and June, 0% between: June is the latest, with its count, and
    # up on the average of the 3 months before it (0%); six months with figures, fitted to a
    # flat line of 33.3%.
    twilight = summary_row(html, "twilight")
    assert (twilight["latest"], twilight["direction"]) == ("100%, 1 of 1 in June 2025", "Up")
    assert twilight["projected"] == "33.3% · 33.3% · 33.3%"
    # A figure with nothing in the range.
    reviews = summary_row(html, "reviews-on-time")
    assert (reviews["latest"], reviews["direction"], reviews["projected"]) == (
        "No data",
        "Not enough months",
        "Not enough months",
    )
    method = texts(html, "p[data-projection-method]")[0]
    assert method.startswith("A straight line fitted (by least squares) to the last 12 complete")
    assert "at least 6" in method
    assert texts(html, "p[data-direction-method]")[0].startswith(
        "“Direction” compares the latest complete month with figures against the average of "
        "the 3 months with figures before it"
    )


def test_the_target_says_met_or_not_and_whether_the_direction_is_better(
    head_of_service, growing, app
):
    with app.app_context():
        db.session.add_all(
            [
                FigureTarget(figure="on-plan", value=5, higher_is_better=False),
                FigureTarget(figure="twilight", value=50, higher_is_better=True),
                FigureTarget(figure="ended-within-3-months", value=10, higher_is_better=False),
            ]
        )
        db.session.commit()
    html = dashboard(head_of_service).get_data(as_text=True)
    on_plan = summary_row(html, "on-plan")
    assert on_plan["target"] == "5 (lower is better) Not met"  # 6 in June, as the row shows
    assert on_plan["direction"] == "Up (worse)"
    assert summary_row(html, "twilight")["target"] == "50% (higher is better) Met"
    assert summary_row(html, "ended-within-3-months")["target"] == (
        "10% (lower is better) No data to judge"
    )
    assert summary_row(html, "quorate")["target"] == "Not set"


def test_the_latest_year_of_each_comparator_is_shown_with_its_source(head_of_service, growing, app):
    common = {"figure": "twilight", "source": "Characteristics of children in need"}
    with app.app_context():
        db.session.add_all(
            [
                Comparator(**common, comparison="england", year="2023-24", value=8),
                Comparator(**common, comparison="england", year="2024-25", value=7.5),
                Comparator(
                    figure="twilight",
                    comparison="statistical_neighbours",
                    neighbour_group="North West",
                    year="2024-25",
                    value=12,
                    source="LAIT",
                    source_url="https://www.gov.uk/lait",
                ),
            ]
        )
        db.session.commit()
    html = dashboard(head_of_service).get_data(as_text=True)
    row = summary_row(html, "twilight")
    assert row["england"] == "7.5% in 2024-25 Source: Characteristics of children in need"
    assert row["neighbours"] == "12% in 2024-25 North West. Source: LAIT"
    cell = select(html, 'tr[data-summary-row="twilight"] td[data-neighbours]')[0]
    assert links(cell) == [("https://www.gov.uk/lait", "LAIT")]


def test_each_figures_section_shows_its_target_and_comparators(head_of_service, growing, app):
    with app.app_context():
        db.session.add_all(
            [
                FigureTarget(figure="twilight", value=50, higher_is_better=True),
                Comparator(
                    figure="twilight",
                    comparison="england",
                    year="2024-25",
                    value=7.5,
                    source="Characteristics of children in need",
                ),
            ]
        )
        db.session.commit()
    html = dashboard(head_of_service).get_data(as_text=True)
    assert texts(section_of(html, "twilight"), "p[data-benchmarks]") == [
        "Target: 50% (higher is better). England: 7.5% in 2024-25."
    ]
    assert select(section_of(html, "quorate"), "p[data-benchmarks]") == []


def test_the_contents_list_the_sections_after_the_summary(head_of_service, growing):
    html = dashboard(head_of_service).get_data(as_text=True)
    targets = [href for href, _ in links(html, "nav[data-contents] a")]
    assert targets == [f"#{section.key}" for section in SECTIONS] + [
        "#families-feedback",
        "#by-team-and-pod",
    ]
    for target in targets:
        assert len(select(html, f'[id="{target[1:]}"]')) == 1, target
    # The summary, straight under the filters, links each figure instead.
    assert [href for href, _ in links(html, "tr[data-summary-row] th a")] == [
        *(f"#{key}" for key in FIGURES),
        "#families-feedback",
    ]
    assert html.index('id="summary"') < html.index("data-contents")


def test_the_chart_continues_as_a_dashed_line_labelled_projected(head_of_service, growing):
    html = dashboard(head_of_service).get_data(as_text=True)
    section = section_of(html, "on-plan")
    chart = select(section, "svg")[0]
    assert text(select(chart, "desc")[0]).endswith(
        "Projected: Jul 2025: 7; Aug 2025: 8; Sep 2025: 9."
    )
    assert "projected" in texts(chart, "text")
    assert [p.get("stroke-dasharray") for p in select(chart, "path")] == [None, "6 4"]
    assert texts(section, "p[data-projection]") == [
        "Projected (the dashed line): July 2025 7; August 2025 8; September 2025 9. "
        "How the projections are made"
    ]


def test_a_figure_with_one_month_of_figures_shows_its_number_not_a_chart(head_of_service, growing):
    html = dashboard(head_of_service, start=["1", "6", "2025"]).get_data(as_text=True)
    section = section_of(html, "on-plan")
    assert select(section, "svg") == []
    assert texts(section, "p[data-no-chart]") == [
        "Only June 2025 has figures in the range, so there is no chart."
    ]
    assert texts(section, 'p[data-figure="on-plan"]') == ["6 children on 30 June 2025"]
    nothing = section_of(html, "reviews-on-time")
    assert texts(nothing, "p[data-no-chart]") == [
        "No month of the range has figures, so there is no chart."
    ]


def test_commentary_is_folded_away_until_there_is_some(head_of_service, growing, app):
    html = dashboard(head_of_service).get_data(as_text=True)
    folded = select(section_of(html, "twilight"), "details[data-no-commentary]")
    assert [text(select(d, "summary")[0]) for d in folded] == [
        "Commentary for June 2025: none yet on twilight conferences"
    ]
    assert folded[0].get("open") is None
    with app.app_context():
        db.session.add(
            Commentary(month=date(2025, 6, 1), scope="all", figure="twilight", text="Rising.")
        )
        db.session.commit()
    section = section_of(dashboard(head_of_service).get_data(as_text=True), "twilight")
    assert select(section, "details[data-no-commentary]") == []
    assert texts(section, "p[data-commentary]") == ["Rising."]


def table_rows(html: str, kind: str, section: str) -> list[list[str]]:
    caption = f"by-{kind}-{section}"
    table = next(t for t in select(html, f'table[data-by="{kind}"]') if select(t, f"#{caption}"))
    return [texts(row, "th") + texts(row, "td") for row in select(table, "tbody tr")]


def test_the_team_and_pod_tables_set_the_teams_side_by_side_with_counts(head_of_service, growing):
    html = dashboard(head_of_service).get_data(as_text=True)
    assert table_rows(html, "team", "children") == [["Team A", "3"], ["Team B", "3"]]
    assert table_rows(html, "pod", "children") == [["Team A: Pod 1", "3"]]
    # Over the range: Team A's conferences in January, March and May (January's twilight).
    participation = table_rows(html, "team", "participation")
    twilight_column = 1 + [f.key for f in SECTIONS[-1].figures].index("twilight")
    assert [(row[0], row[twilight_column]) for row in participation] == [
        ("Team A", "33% 1 of 3"),
        ("Team B", "33% 1 of 3"),
    ]
    # Full width, every figure a column: no half-width table hiding half of them.
    assert select(html, "section#by-team-and-pod .govuk-grid-column-one-half") == []


def test_the_tables_are_the_same_counted_from_the_records(head_of_service, growing):
    """A range that starts within a month is counted from the records, not the running
    totals: the same rows."""
    html = dashboard(head_of_service, start=["2", "1", "2025"]).get_data(as_text=True)
    assert table_rows(html, "team", "children") == [["Team A", "3"], ["Team B", "3"]]
    participation = table_rows(html, "team", "participation")
    twilight_column = 1 + [f.key for f in SECTIONS[-1].figures].index("twilight")
    assert [row[twilight_column] for row in participation] == ["33% 1 of 3", "33% 1 of 3"]


def test_a_pod_chosen_shows_the_pod_alone(head_of_service, growing):
    html = dashboard(head_of_service, pod=str(growing["pod"])).get_data(as_text=True)
    assert select(html, 'table[data-by="team"]') == []
    assert table_rows(html, "pod", "children") == [["Team A: Pod 1", "3"]]
    assert "Only the pod chosen is shown." in texts(html, "section#by-team-and-pod p")[1]


def test_the_manager_of_the_whole_service_is_offered_the_targets(head_of_service, growing):
    html = dashboard(head_of_service).get_data(as_text=True)
    assert ("/dashboard/targets", "Set the figures’ targets") in links(html)


@pytest.mark.parametrize(("role", "team"), [(Role.MANAGER, "Team A"), (Role.CHAIR, None)])
def test_others_are_not_offered_the_targets(signed_in, growing, role, team):
    html = dashboard(signed_in(role, team=team)).get_data(as_text=True)
    assert "/dashboard/targets" not in [href for href, _ in links(html)]


def test_the_summary_of_the_last_12_months_runs_to_the_end_of_last_month(head_of_service):
    """This month is not over: the summary stops at the last day of the month before."""
    html = head_of_service.get("/dashboard/").get_data(as_text=True)
    last_month_end = clock.today().replace(day=1) - timedelta(days=1)
    assert texts(html, "#summary-heading") == [
        f"Summary, to {last_month_end.day} {last_month_end:%B %Y}"
    ]
