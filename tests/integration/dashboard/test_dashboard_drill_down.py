"""From a figure on the dashboard to the children behind it: every number the page links (the
count, the denominator, an outcome of the breakdown, a month of the trend) lists exactly that
many children (or conferences, meetings, plans, goals) to someone who sees every case; a team's
manager sees only their own team's, and how many of the figure's that is; the team, pod and
dates carry through; 50 a page; each page viewed is audited with the ids (never the names) of
the cases and children listed; bad addresses are not found."""

import re
from datetime import UTC, date, datetime, time

import pytest
from pages import assert_page, links, select, text, text_of, texts
from records import dashboard_families, events

from conference.extensions import db
from conference.models import ChildDecision, Conference, Role
from conference.seeding.synthetic import seed
from conference.services.dashboard.drill_down import PER_PAGE, about
from conference.services.dashboard.figures import FIGURES

RANGE = {"start": ["1", "1", "2025"], "end": ["30", "6", "2025"]}
ICPC = "/dashboard/icpc-within-15-days/children"


def _initial(case, held_on, strategy_discussion_on):
    return Conference(
        case=case,
        conference_type="initial",
        held_on=held_on,
        starts_at=time(10),
        strategy_discussion_on=strategy_discussion_on,
        finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC),
    )


@pytest.fixture
def families(app, make_case):
    """Kemi and Tolu Adebayo (Team A's pod) at an initial conference 10 working days after the
    strategy discussion, in February 2025; Ben Clarke (Team B) at one 19 working days after,
    in March."""
    from conference.models import Child

    with app.app_context():
        team_a, team_b, pod, family_a, family_b = dashboard_families(date(2025, 2, 20))
        kemi = Child(case=family_a, given_name="Kemi", family_name="Adebayo", local_child_id="A1")
        tolu = Child(case=family_a, given_name="Tolu", family_name="Adebayo", local_child_id="A2")
        ben = Child(case=family_b, given_name="Ben", family_name="Clarke", local_child_id="B1")
        initial_a = _initial(family_a, date(2025, 2, 14), date(2025, 1, 31))
        initial_b = _initial(family_b, date(2025, 3, 28), date(2025, 3, 3))
        db.session.add_all([family_a, family_b, kemi, tolu, ben, initial_a, initial_b])
        db.session.flush()
        db.session.add_all(
            [
                ChildDecision(conference=initial_a, child=kemi, outcome="cp_plan", category="NEG"),
                ChildDecision(conference=initial_a, child=tolu, outcome="cp_plan", category="NEG"),
                ChildDecision(conference=initial_b, child=ben, outcome="cp_plan", category="PHY"),
            ]
        )
        db.session.commit()
        return {
            "team_a": team_a.id,
            "team_b": team_b.id,
            "pod": pod.id,
            "case_a": family_a.id,
            "case_b": family_b.id,
            "kemi": kemi.id,
            "tolu": tolu.id,
        }


def listed(client, url, **args):
    """The drill-down page's rows as the user reads them, and the number it says it lists."""
    response = client.get(url, query_string={**RANGE, **args})
    html = response.get_data(as_text=True)
    assert response.status_code == 200, text_of(html)[:300]
    rows = [
        [text(cell) for cell in select(row, "th") + select(row, "td")]
        for row in select(html, "tbody tr")
    ]
    return html, rows


def said(html) -> int:
    return int(re.match(r"\d+", text(select(html, "[data-listed]")[0])).group(0))


def test_a_chair_sees_every_child_behind_the_figure_with_what_decided_it(families, signed_in):
    chair = signed_in(Role.CHAIR)
    html, rows = listed(chair, ICPC)
    assert_page(
        chair.get(ICPC, query_string=RANGE), "Children: Initial conferences within 15 working days"
    )
    assert text(select(html, "[data-listed]")[0]) == (
        "3 children from 1 January 2025 to 30 June 2025, all teams."
    )
    assert rows == [
        ["Kemi Adebayo A1", "DASH-A", "Team A", "31 Jan 2025", "14 Feb 2025", "0-10"],
        ["Tolu Adebayo A2", "DASH-A", "Team A", "31 Jan 2025", "14 Feb 2025", "0-10"],
        ["Ben Clarke B1", "DASH-B", "Team B", "3 Mar 2025", "28 Mar 2025", "16-20"],
    ]
    case_links = links(html, "tbody a")
    assert case_links[0] == (f"/cases/{families['case_a']}", "DASH-A")
    assert case_links[2] == (f"/cases/{families['case_b']}", "DASH-B")


def test_a_figure_about_conferences_lists_the_conferences(families, signed_in):
    chair = signed_in(Role.CHAIR)
    url = "/dashboard/twilight/children"
    html = assert_page(chair.get(url, query_string=RANGE), "Conferences: Twilight conferences")
    assert text(select(html, "[data-listed]")[0]).startswith("2 conferences from 1 January")
    assert [text(th) for th in select(html, "thead th")] == [
        "Case",
        "Team",
        "Conference",
        "Outcome",
    ]
    _html, rows = listed(chair, url)
    assert rows == [
        ["DASH-A", "Team A", "14 Feb 2025", "No"],
        ["DASH-B", "Team B", "28 Mar 2025", "No"],
    ]


def test_every_figure_lists_what_is_behind_it(families, signed_in, app):
    with app.app_context():
        titles = {key: figure.title for key, figure in FIGURES.items()}
    chair = signed_in(Role.CHAIR)
    for key, title in titles.items():
        response = chair.get(f"/dashboard/{key}/children", query_string=RANGE)
        html = assert_page(response, f"{about(key).capitalize()}: {title}")
        assert re.match(rf"\d+ {about(key)[:4]}", text(select(html, "[data-listed]")[0])), key


def test_the_outcomes_and_month_asked_for_narrow_the_list(families, signed_in):
    chair = signed_in(Role.CHAIR)
    html, rows = listed(chair, ICPC, outcome="16-20")
    assert [row[0] for row in rows] == ["Ben Clarke B1"]
    assert "1 child with the outcome 16-20 from" in text_of(html)
    _html, rows = listed(chair, ICPC, outcome=["0-10", "11-15"])  # those counted
    assert [row[0] for row in rows] == ["Kemi Adebayo A1", "Tolu Adebayo A2"]
    html, rows = listed(chair, ICPC, month="2025-03")
    assert [row[0] for row in rows] == ["Ben Clarke B1"]
    assert "1 child in March 2025, all teams." in text_of(html)
    html, rows = listed(chair, ICPC, month="2025-04")
    assert rows == [] and "There are no children to list." in text_of(html)


def test_the_team_and_pod_asked_for_carry_through(families, signed_in):
    chair = signed_in(Role.CHAIR)
    html, rows = listed(chair, ICPC, team=str(families["team_b"]))
    assert [row[0] for row in rows] == ["Ben Clarke B1"]
    assert text_of(html).count("Team B") >= 2
    _html, rows = listed(chair, ICPC, pod=str(families["pod"]))
    assert [row[0] for row in rows] == ["Kemi Adebayo A1", "Tolu Adebayo A2"]
    # The dashboard's own links keep the filters.
    page = chair.get("/dashboard/", query_string={**RANGE, "team": str(families["team_b"])})
    icpc = select(page.get_data(as_text=True), "section#icpc-within-15-days")[0]
    hrefs = [href for href, _text in links(icpc) if "/children" in href]
    assert hrefs and all(f"team={families['team_b']}" in href for href in hrefs)
    assert all("start=1&start=1&start=2025" in href for href in hrefs)


def test_each_number_of_the_month_table_says_what_it_lists(families, signed_in):
    chair = signed_in(Role.CHAIR)
    page = chair.get("/dashboard/", query_string=RANGE).get_data(as_text=True)
    section = select(page, "section#icpc-within-15-days")[0]
    by_month = [shown for href, shown in links(section) if "month=2025-02" in href]
    assert by_month == ["2 counted in February 2025", "2 in all in February 2025"]


def test_a_team_manager_sees_only_their_teams_children(families, signed_in):
    manager = signed_in(Role.MANAGER, team="Team A")
    html, rows = listed(manager, ICPC)
    assert [row[0] for row in rows] == ["Kemi Adebayo A1", "Tolu Adebayo A2"]
    assert "Only the cases you can see are listed" in text_of(html)
    # Not even when they ask for the other team's.
    _html, rows = listed(manager, ICPC, team=str(families["team_b"]))
    assert rows == []


def test_a_team_manager_is_told_how_many_of_the_figures_children_they_see(families, signed_in):
    manager = signed_in(Role.MANAGER, team="Team A")
    html, _rows = listed(manager, ICPC)
    assert texts(html, "[data-in-all]") == ["2 of the 3 are in cases you can see."]
    html, _rows = listed(manager, ICPC, team=str(families["team_a"]))
    assert texts(html, "[data-in-all]") == []  # they see every child the figure counts


def test_a_team_managers_dashboard_opens_on_their_team(families, signed_in):
    manager = signed_in(Role.MANAGER, team="Team A")
    html = manager.get("/dashboard/").get_data(as_text=True)
    assert texts(html, "select#team option[selected]") == ["Team A"]
    assert all(f"team={families['team_a']}" in href for href, _ in links(html, "a[download]"))


def test_a_chairs_dashboard_opens_on_every_team(families, signed_in):
    chair = signed_in(Role.CHAIR, team="Team A")  # sees every case: every team
    html = chair.get("/dashboard/").get_data(as_text=True)
    assert texts(html, "select#team option[selected]") == ["All teams"]


def test_the_head_of_service_sees_every_child(families, signed_in):
    head = signed_in(Role.MANAGER)  # no team: the whole service
    html, rows = listed(head, ICPC)
    assert len(rows) == 3
    assert "Only the cases you can see" not in text_of(html)
    assert texts(html, "[data-in-all]") == []


def test_each_page_viewed_is_audited_with_the_ids_listed_not_the_names(families, signed_in, app):
    manager = signed_in(Role.MANAGER, team="Team A")
    listed(manager, ICPC, month="2025-02", outcome="0-10")
    (event,) = events(app, "view", record_type="dashboard_figure")
    assert event.user_id == manager.user_id
    assert event.changes == {
        "figure": "icpc-within-15-days",
        "month": "2025-02",
        "outcomes": ["0-10"],
        "page": 1,
        "rows": 2,
        "case_ids": [families["case_a"]],
        "child_ids": sorted([families["kemi"], families["tolu"]]),
        "start": "2025-01-01",
        "end": "2025-06-30",
        "team_id": None,
        "pod_id": None,
    }
    assert "Kemi" not in str(event.changes) and "A1" not in str(event.changes)


@pytest.mark.parametrize(
    "args",
    [
        {"month": "2024-12"},  # before the range
        {"month": "2025-13"},
        {"month": "March"},
        {"outcome": "Late"},  # not one of this figure's outcomes
        {"page": "2"},  # past the last page
        {"start": ["31", "2", "2025"]},  # filters that are not valid
        {"team": "999"},
    ],
)
def test_an_address_that_lists_nothing_real_is_not_found(families, signed_in, args, app):
    chair = signed_in(Role.CHAIR)
    assert chair.get(ICPC, query_string={**RANGE, **args}).status_code == 404
    assert chair.get("/dashboard/nonsense/children").status_code == 404
    assert events(app, "view", record_type="dashboard_figure") == []


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PRACTITIONER, Role.ADMIN])
def test_other_roles_are_refused(families, signed_in, role):
    assert signed_in(role).get(ICPC).status_code == 403


# On synthetic data: every number the page links lists that many.

PASSWORD = "synthetic password for the drill-down tests"
CHECKED = (
    "on-plan",
    "seen-within-timescale",
    "seen-alone",
    "icpc-within-15-days",
    "first-core-group-on-time",
    "plans-finalised-by-first-core-group",
    "core-groups-on-time",
    "reviews-on-time",
    "reports-shared-on-time",
    "ended-within-3-months",
    "lasted-2-years",
    "second-plans",
    "goals-outcome-focused",
    "goals-mixed",
    "goals-measurable",
    "identity-considered",
    "views-conveyed",
    "advocacy-used",
    "twilight",
    "quorate",
)


@pytest.fixture
def synthetic(app):
    with app.app_context():
        seed(250, seed=7, password=PASSWORD)
    return app


def _number(link_text: str) -> int:
    return int(re.search(r"\d+", link_text).group(0))


def _busiest(numbered: list[tuple[str, str]], how_many: int) -> list[tuple[str, str]]:
    """The links with the biggest numbers (the months with most children, say)."""
    return sorted(numbered, key=lambda link: -_number(link[1]))[:how_many]


def test_every_number_the_page_links_lists_that_many(synthetic, signed_in):
    chair = signed_in(Role.CHAIR)
    page = chair.get("/dashboard/").get_data(as_text=True)
    checked = 0
    for key in CHECKED:
        section = select(page, f"section#{key}")[0]
        found = [(href, shown) for href, shown in links(section) if "/children" in href]
        numbered = [(href, shown) for href, shown in found if re.match(r"\D*\d", shown)]
        by_month = [link for link in numbered if "month=" in link[0]]
        headline = [
            link
            for link in numbered
            if ("counted" in link[1] or "all" in link[1]) and link not in by_month
        ]
        outcomes = [link for link in numbered if link not in headline + by_month]
        for href, shown in headline + outcomes + _busiest(by_month, 3):
            html = chair.get(href).get_data(as_text=True)
            assert said(html) == _number(shown), (key, shown, href)
            checked += 1
        if key == "on-plan":
            headline_number = _number(text(select(section, "[data-figure]")[0]))
            html = chair.get(found[0][0]).get_data(as_text=True)
            assert said(html) == headline_number > 0
    assert checked > 40


def test_a_long_list_comes_50_a_page(synthetic, signed_in):
    chair = signed_in(Role.CHAIR)
    url = "/dashboard/goals-measurable/children"
    first = chair.get(url).get_data(as_text=True)
    total = said(first)
    assert total > PER_PAGE, "the synthetic data should have more goals than fit on a page"
    seen = []
    page, html = 1, first
    while True:
        rows = select(html, "tbody tr")
        assert len(rows) == min(PER_PAGE, total - len(seen))
        seen += [text(row) for row in rows]
        next_links = [href for href, shown in links(html, ".govuk-pagination__next a")]
        if not next_links:
            break
        page += 1
        assert f"page={page}" in next_links[0]
        html = chair.get(next_links[0]).get_data(as_text=True)
    assert len(seen) == total
    assert chair.get(url, query_string={"page": str(page + 1)}).status_code == 404
