"""The case list shows each case's next conference and its chair, the social worker and when
the plan in force began, loaded for the whole page at once (never a query per row)."""

from datetime import UTC, datetime, time, timedelta

import pytest
from helpers import PASSWORD, Client, sign_in
from pages import select, text
from sqlalchemy import event

from conference.common.templating import long_date
from conference.domain import clock
from conference.extensions import db
from conference.models import Case, Child, Conference, Plan, User

TODAY = clock.today()


@pytest.fixture
def demo(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        review = db.session.query(Conference).filter_by(case_id=case.id, conference_type="review")
        first = db.session.query(Plan).filter_by(case_id=case.id, number=1).one()
        return {"review_on": review.one().held_on, "plan_began": first.conference.held_on}


def row_of(html: str, reference: str) -> list[str]:
    for row in select(html, "table tbody tr"):
        if text(select(row, "th")[0]) == reference:
            return [text(cell) for cell in select(row, "td")]
    raise AssertionError(f"{reference} is not listed")


def test_the_demo_case_shows_its_next_conference_chair_worker_and_plan_start(app, demo):
    client = Client(app.test_client())
    sign_in(client, "manager@demo.example", PASSWORD)

    html = client.get("/cases/").get_data(as_text=True)

    _children, team, status, conference = row_of(html, "DEMO-0001")
    assert "Sam Social-Worker" in team
    assert status == f"Child protection plan Plan began on {long_date(demo['plan_began'])}"
    assert conference == (
        f"Review child protection conference, {long_date(demo['review_on'])} Chair: Charlie Chair"
    )


def test_a_case_with_nothing_booked_says_so(app, signed_in, make_case):
    client = signed_in("manager", team="Team A")
    make_case(team="Team A", reference="NEW-001")

    html = client.get("/cases/").get_data(as_text=True)

    _children, team, status, conference = row_of(html, "NEW-001")
    assert team.endswith("No social worker allocated yet")
    assert "Plan began" not in status
    assert conference == "None booked"


def test_after_its_conferences_a_case_names_who_chaired_the_last(app, signed_in, make_case):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A", reference="OLD-001")
    chair_id = _chair(app, "Carol Chair")
    with app.app_context():
        db.session.add(_conference(case_id, TODAY - timedelta(days=30), chair_id, finalised=True))
        db.session.commit()

    html = client.get("/cases/").get_data(as_text=True)

    assert row_of(html, "OLD-001")[3] == "None booked Last chaired by Carol Chair"


def test_a_plan_begins_at_the_first_version_of_its_run(app, signed_in, make_case):
    """Reviewed twice, the plan began at its initial conference; a plan after an ended one
    begins a run of its own."""
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A", reference="RUN-001")
    initial_on = TODAY - timedelta(days=200)
    with app.app_context():
        ended = Plan(
            case_id=case_id,
            number=1,
            ended_on=initial_on - timedelta(days=100),
            conference=_conference(case_id, initial_on - timedelta(days=300), None, True),
        )
        first = Plan(
            case_id=case_id,
            number=2,
            previous_plan=ended,
            conference=_conference(case_id, initial_on, None, True),
        )
        second = Plan(
            case_id=case_id,
            number=3,
            previous_plan=first,
            conference=_conference(case_id, initial_on + timedelta(days=90), None, True),
        )
        db.session.add_all([ended, first, second])
        db.session.commit()

    html = client.get("/cases/").get_data(as_text=True)

    assert row_of(html, "RUN-001")[2].endswith(f"Plan began on {long_date(initial_on)}")


def test_the_queries_do_not_grow_with_the_number_of_cases(app, signed_in, make_case):
    client = signed_in("manager", team="Team A")
    chair_id = _chair(app, "Carol Chair")
    _family(app, make_case(team="Team A"), chair_id)
    one = _statements(app, client)
    for _ in range(4):
        _family(app, make_case(team="Team A"), chair_id)

    assert _statements(app, client) == one


def _chair(app, name) -> int:
    with app.app_context():
        chair = User(email=f"{name.split()[0].lower()}@example.org", name=name, role="chair")
        chair.set_password(PASSWORD)
        db.session.add(chair)
        db.session.commit()
        return chair.id


def _conference(case_id, held_on, chair_id, finalised=False) -> Conference:
    return Conference(
        case_id=case_id,
        conference_type="initial",
        held_on=held_on,
        starts_at=time(10),
        chair_id=chair_id,
        finalised_at=datetime.now(UTC) if finalised else None,
    )


def _family(app, case_id, chair_id) -> None:
    """Two children, a finalised initial conference with its plan, and a review booked."""
    with app.app_context():
        for number in (1, 2):
            db.session.add(
                Child(
                    case_id=case_id,
                    given_name=f"Child {number}",
                    family_name="Test",
                    local_child_id=f"C-{case_id}-{number}",
                )
            )
        initial = _conference(case_id, TODAY - timedelta(days=60), chair_id, finalised=True)
        db.session.add(Plan(case_id=case_id, number=1, conference=initial))
        db.session.add(_conference(case_id, TODAY + timedelta(days=30), chair_id))
        db.session.commit()


def _statements(app, client) -> int:
    statements = []
    with app.app_context():
        engine = db.engine

    def counted(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", counted)
    try:
        assert client.get("/cases/").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return len(statements)
