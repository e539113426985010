"""The dashboard's visits and oversight figures: children on a plan seen within timescale, seen
alone at the last visit, and whose case had management oversight, on each month's last day;
by team and pod, month by month, with the CSV rows behind the last day's figure.

Two families. Team A's (in a pod), on a plan from Friday 14 February 2025 at the council's
interval (10 working days): Kemi, and an unborn baby whose plan the review of 14 May ends. Team
B's, from Friday 28 March 2025, whose plan sets its own interval of 20 working days. The bank
holidays of 2025 (18 and 21 April, 5 and 26 May) fall in between.
"""

import csv
import io
import re
from datetime import UTC, date, datetime, time

import pytest
from pages import assert_page, text_of
from records import dashboard_families
from sqlalchemy import select

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    AuditEvent,
    Child,
    ChildDecision,
    Conference,
    Oversight,
    Plan,
    Role,
    StatutoryVisit,
    TallyRebuild,
    VisitChild,
)
from conference.services.dashboard import children_on_plan, counting, visits
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import Filters

RANGE = {"start": ["1", "1", "2025"], "end": ["30", "6", "2025"]}


def _conference(case, kind, held_on):
    return Conference(
        case=case,
        conference_type=kind,
        held_on=held_on,
        starts_at=time(10),
        finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC),
    )


def _visit(case, on, *children, by_lead=True):
    """A visit; each child as (child, seen, seen alone)."""
    visit = StatutoryVisit(case=case, visited_on=on, by_lead_social_worker=by_lead)
    visit.children = [
        VisitChild(child=child, seen=seen, seen_alone=alone) for child, seen, alone in children
    ]
    return visit


@pytest.fixture
def dataset(app):
    with app.app_context():
        team_a, team_b, pod, family_a, family_b = dashboard_families(date(2025, 3, 3))
        kemi = Child(
            case=family_a,
            given_name="Kemi",
            family_name="A",
            local_child_id="A1",
            date_of_birth=date(2012, 1, 10),
        )
        baby = Child(case=family_a, given_name="Baby", family_name="A", local_child_id="A2")
        sam = Child(
            case=family_b,
            given_name="Sam",
            family_name="B",
            local_child_id="B1",
            date_of_birth=date(2018, 6, 1),
        )
        initial_a = _conference(family_a, "initial", date(2025, 2, 14))
        review_a = _conference(family_a, "review", date(2025, 5, 14))
        initial_b = _conference(family_b, "initial", date(2025, 3, 28))
        db.session.add_all([family_a, family_b, kemi, baby, sam, initial_a, review_a, initial_b])
        db.session.flush()
        db.session.add_all(
            [
                ChildDecision(conference=initial_a, child=kemi, outcome="cp_plan", category="NEG"),
                ChildDecision(conference=initial_a, child=baby, outcome="cp_plan", category="NEG"),
                ChildDecision(conference=review_a, child=kemi, outcome="cp_plan", category="NEG"),
                ChildDecision(conference=review_a, child=baby, outcome="nfa"),
                ChildDecision(conference=initial_b, child=sam, outcome="cp_plan", category="PHY"),
                Plan(case=family_a, conference=initial_a),
                Plan(case=family_b, conference=initial_b, visit_interval_working_days=20),
                # Kemi seen alone; the baby seen with Mum before the birth.
                _visit(family_a, date(2025, 2, 20), (kemi, True, True), (baby, True, False)),
                _visit(family_a, date(2025, 3, 20), (kemi, True, True), (baby, True, False)),
                # Neither counts: another agency's visit, and one where Kemi was not seen.
                _visit(family_a, date(2025, 4, 14), (kemi, True, False), by_lead=False),
                _visit(family_a, date(2025, 4, 15), (kemi, False, False)),
                _visit(family_a, date(2025, 5, 20), (kemi, True, False)),  # due 4 June
                _visit(family_b, date(2025, 4, 1), (sam, True, True)),  # due 1 May (20 days)
                Oversight(case=family_a, held_on=date(2025, 2, 20)),
                Oversight(case=family_a, held_on=date(2025, 6, 5)),
                Oversight(case=family_b, held_on=date(2025, 4, 1)),
            ]
        )
        db.session.commit()
        return {"team_a": team_a.id, "team_b": team_b.id, "pod": pod.id}


@pytest.fixture
def manager(dataset, signed_in):
    return signed_in(Role.MANAGER)


@pytest.fixture
def chair(dataset, signed_in):
    return signed_in(Role.CHAIR)


def dashboard(client, **args) -> str:
    response = client.get("/dashboard/", query_string={**RANGE, **args})
    return assert_page(response, "Managers’ dashboard")


def figure(html: str, key: str) -> str:
    found = re.search(rf'data-figure="{key}"[^>]*>(.*?)</p>', html, flags=re.S)
    assert found, key
    return text_of(found.group(1))


def months(html: str, key: str) -> list[tuple[str, int, int]]:
    """The figure's month-by-month table: (month, count, out of)."""
    section = html.split(f'id="{key}"')[1].split("</section>")[0]
    # A number in the table, a link to the children behind it (saying what it lists, to a
    # screen reader) when it is not 0.
    number = (
        r'<td class="govuk-table__cell[\w -]*">'
        r"(?:<a [^>]*>)?(\d+)(?:<span [^>]*>[^<]*</span>)?(?:</a>)?</td>"
    )
    found = re.findall(
        r'<th scope="row" class="govuk-table__header">(\w+) 2025</th>\s*'
        + number
        + r"\s*"
        + number,
        section,
    )
    return [(month, int(count), int(out_of)) for month, count, out_of in found]


def csv_file(client, key: str, **args) -> list[list[str]]:
    response = client.get(f"/dashboard/{key}/download", query_string={**RANGE, **args})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_the_section_shows_each_figure_on_the_last_day_with_its_definition(manager):
    html = dashboard(manager)
    page = text_of(html)
    assert "Visits and oversight" in page
    assert "Children whose case had management oversight within 30 days" in page
    assert "in the 30 days up to that day" in page
    assert figure(html, "seen-within-timescale") == "0%: 0 out of 2 on 30 June 2025"
    assert figure(html, "seen-alone") == "50%: 1 out of 2 on 30 June 2025"
    assert figure(html, "oversight-within-interval") == "50%: 1 out of 2 on 30 June 2025"


def test_seen_within_timescale_month_by_month(manager):
    """Only the lead social worker's visits at which the child was seen count: Kemi's visits of
    14 and 15 April leave her overdue from 4 April. Sam's plan's own 20 working days keep him
    within timescale at the end of April (the council's 10 would not)."""
    assert months(dashboard(manager), "seen-within-timescale") == [
        ("January", 0, 0),
        ("February", 2, 2),
        ("March", 3, 3),  # Sam's first visit is not due until 20 working days after his plan
        ("April", 1, 3),  # Sam within; Kemi and the baby overdue since 4 April
        ("May", 1, 2),  # Kemi seen on 20 May; the baby's plan ended; Sam overdue since 2 May
        ("June", 0, 2),
    ]


def test_seen_alone_at_the_last_visit_month_by_month(manager):
    """The unborn baby is never counted; Sam counts once he has been seen."""
    assert months(dashboard(manager), "seen-alone") == [
        ("January", 0, 0),
        ("February", 1, 1),
        ("March", 1, 1),
        ("April", 2, 2),  # the other agency's visit, not alone, does not count for Kemi
        ("May", 1, 2),  # Kemi not seen alone on 20 May
        ("June", 1, 2),
    ]


def test_a_baby_born_since_the_last_visit_is_not_counted_until_seen_again(app, manager):
    """The visit of 20 March saw the mother: a baby born on 25 March could not be seen alone."""
    with app.app_context():
        baby = db.session.scalar(select(Child).where(Child.local_child_id == "A2"))
        baby.date_of_birth = date(2025, 3, 25)
        db.session.commit()
    assert months(dashboard(manager), "seen-alone")[1:3] == [("February", 1, 1), ("March", 1, 1)]
    with app.app_context():
        baby = db.session.scalar(select(Child).where(Child.local_child_id == "A2"))
        baby.date_of_birth = date(2025, 3, 19)
        db.session.commit()
    assert months(dashboard(manager), "seen-alone")[1:3] == [("February", 1, 1), ("March", 1, 2)]


def test_oversight_within_the_interval_month_by_month(manager):
    assert months(dashboard(manager), "oversight-within-interval") == [
        ("January", 0, 0),
        ("February", 2, 2),  # 8 days before
        ("March", 0, 3),  # 39 days before for family A; none yet for family B
        ("April", 1, 3),  # 29 days before for family B
        ("May", 0, 2),
        ("June", 1, 2),  # 25 days before for family A
    ]


def test_the_councils_oversight_interval_is_used(app, manager, monkeypatch):
    monkeypatch.setitem(app.config, "OVERSIGHT_INTERVAL_DAYS", 40)
    html = dashboard(manager)
    assert "Children whose case had management oversight within 40 days" in text_of(html)
    assert months(html, "oversight-within-interval")[2] == ("March", 2, 3)


def test_overdue_from_the_working_day_after_the_visit_was_due(app, dataset):
    """Kemi's visit of 20 May makes the next due on Wednesday 4 June (26 May a bank holiday)."""
    with app.app_context():

        def on(today):
            filters = Filters(start=date(2025, 6, 1), end=date(2025, 6, 30), today=today)
            result = counting.count_on_a_day([visits.SEEN_WITHIN_TIMESCALE], filters, episodes)
            return result[visits.SEEN_WITHIN_TIMESCALE]

        due = on(date(2025, 6, 4))
        assert (due.count, due.denominator) == (1, 2)
        assert [(m.count, m.denominator) for m in due.months] == [(1, 2)]
        day_after = on(date(2025, 6, 5))
        assert (day_after.count, day_after.denominator) == (0, 2)


def test_the_stored_plans_give_the_same_figures_as_the_records(app, dataset):
    with app.app_context():
        filters = Filters(start=date(2025, 1, 1), end=date(2025, 6, 30), today=date(2026, 1, 1))
        from_records = counting.count_on_a_day(visits.KEYS, filters, episodes)
        stored = counting.count_on_a_day(visits.KEYS, filters, children_on_plan.stored_episodes)
        assert stored == from_records
        assert [m.denominator for m in stored[visits.SEEN_WITHIN_TIMESCALE].months] == [
            0,
            2,
            3,
            3,
            2,
            2,
        ]


def test_records_from_before_the_totals_give_the_same_figures(app, manager):
    with app.app_context():
        db.session.add(TallyRebuild())
        db.session.commit()
    html = dashboard(manager)
    assert figure(html, "seen-alone") == "50%: 1 out of 2 on 30 June 2025"
    assert months(html, "seen-within-timescale")[3] == ("April", 1, 3)


@pytest.mark.parametrize(
    ("args", "within", "alone", "overseen"),
    [
        ({"team": "team_b"}, "0%: 0 out of 1", "100%: 1 out of 1", "0%: 0 out of 1"),
        ({"team": "team_a"}, "0%: 0 out of 1", "0%: 0 out of 1", "100%: 1 out of 1"),
        ({"pod": "pod"}, "0%: 0 out of 1", "0%: 0 out of 1", "100%: 1 out of 1"),
    ],
)
def test_the_team_and_pod_filters(manager, dataset, args, within, alone, overseen):
    html = dashboard(manager, **{name: str(dataset[value]) for name, value in args.items()})
    day = " on 30 June 2025"
    assert figure(html, "seen-within-timescale") == within + day
    assert figure(html, "seen-alone") == alone + day
    assert figure(html, "oversight-within-interval") == overseen + day


def test_a_range_ending_within_a_month_is_judged_on_its_last_day(manager):
    html = manager.get(
        "/dashboard/", query_string={"start": ["1", "4", "2025"], "end": ["30", "4", "2025"]}
    ).get_data(as_text=True)
    assert figure(html, "seen-within-timescale") == "33%: 1 out of 3 on 30 April 2025"
    html = manager.get(
        "/dashboard/", query_string={"start": ["1", "4", "2025"], "end": ["2", "4", "2025"]}
    ).get_data(as_text=True)
    # On 2 April everyone was within timescale: Kemi and the baby due on 3 April.
    assert figure(html, "seen-within-timescale") == "100%: 3 out of 3 on 2 April 2025"


def test_the_csv_gives_the_children_on_the_last_day_and_is_audited(chair, app):
    rows = csv_file(chair, "seen-within-timescale")
    assert rows[0] == [
        "Case reference",
        "Child's local ID",
        "Team",
        "Counted on",
        "Plan started",
        "Visit interval (working days)",
        "Last statutory visit",
        "Result",
    ]
    assert sorted(rows[1:]) == [
        ["DASH-A", "A1", "Team A", "2025-06-30", "2025-02-14", "10", "2025-05-20", "No"],
        ["DASH-B", "B1", "Team B", "2025-06-30", "2025-03-28", "20", "2025-04-01", "No"],
    ]
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
        assert event.user_id == chair.user_id
        assert event.changes["figure"] == "seen-within-timescale"
        assert event.changes["rows"] == 2


def test_the_seen_alone_and_oversight_csv_files(chair):
    alone = csv_file(chair, "seen-alone", end=["31", "3", "2025"])
    assert alone[0][3:] == [
        "Counted on",
        "Plan started",
        "Born by then",
        "Last statutory visit",
        "Seen alone then",
        "Result",
    ]
    assert sorted(alone[1:]) == [
        ["DASH-A", "A1", "Team A", "2025-03-31", "2025-02-14", "Yes", "2025-03-20", "Yes", "Yes"],
        [
            "DASH-A",
            "A2",
            "Team A",
            "2025-03-31",
            "2025-02-14",
            "No",
            "2025-03-20",
            "Not asked (before the birth)",  # not "No": the visit saw the mother
            "Not counted",
        ],
        ["DASH-B", "B1", "Team B", "2025-03-31", "2025-03-28", "", "", "", "Not counted"],
    ]
    overseen = csv_file(chair, "oversight-within-interval")
    assert overseen[0][3:] == ["Counted on", "Plan started", "Last management oversight", "Result"]
    assert sorted(overseen[1:]) == [
        ["DASH-A", "A1", "Team A", "2025-06-30", "2025-02-14", "2025-06-05", "Yes"],
        ["DASH-B", "B1", "Team B", "2025-06-30", "2025-03-28", "2025-04-01", "No"],
    ]


@pytest.mark.parametrize("key", visits.KEYS)
def test_each_csv_adds_up_to_the_figure_on_the_page(chair, key):
    html = dashboard(chair)
    results = [row[-1] for row in csv_file(chair, key)[1:]]
    counted = results.count("Yes")
    judged = sum(result != "Not counted" for result in results)
    assert figure(html, key).startswith(
        f"{round(100 * counted / judged)}%: {counted} out of {judged}"
    )


def test_a_team_manager_gets_only_their_teams_rows(signed_in, dataset):
    manager = signed_in(Role.MANAGER, team="Team B")
    for key in visits.KEYS:
        assert {row[2] for row in csv_file(manager, key)[1:]} == {"Team B"}, key


def test_commentary_on_a_visits_figure_is_saved_and_shown(manager, app):
    url = "/dashboard/oversight-within-interval/commentary/2025-06"
    assert_page(
        manager.get(url, query_string=RANGE),
        "Commentary: Children whose case had management oversight within 30 days",
    )
    response = manager.post(
        url,
        {"text": "Supervision slipped while the manager was on leave.", "version": "0"},
        page=url,
        query_string=RANGE,
    )
    assert response.status_code == 302
    with app.app_context():
        assert (
            db.session.scalar(
                select(AuditEvent.action).where(AuditEvent.record_type == "dashboard_commentary")
            )
            == "create"
        )
    section = dashboard(manager).split('id="oversight-within-interval"')[1].split("</section>")[0]
    assert "Supervision slipped while the manager was on leave." in section


def test_a_range_after_today_counts_no_one(manager):
    today = clock.today()
    next_year = str(today.year + 1)
    html = dashboard(manager, start=["1", "1", next_year], end=["31", "3", next_year])
    shown = f"No data: 0 out of 0 on {today.day} {today:%B %Y}"
    for key in visits.KEYS:
        assert figure(html, key) == shown, key
