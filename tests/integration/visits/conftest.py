"""The family the visit tests use."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from records import add_child

from conference.domain import clock
from conference.domain.timescales import default_calendar
from conference.extensions import db
from conference.models import ChildDecision, Conference, Plan, StatutoryVisit, VisitChild

TODAY = clock.today()
CALENDAR = default_calendar()


@pytest.fixture
def family(app, make_user, make_case):
    """A Team A family allocated to a social worker: Mia (8) and a baby not yet born, both on a
    plan from an initial conference 30 working days ago."""
    worker = make_user(
        "social_worker", email="worker@example.org", name="Sam Worker", team="Team A"
    )
    started = CALENDAR.subtract_working_days(TODAY, 30)
    case_id = make_case(
        social_worker_id=worker,
        referral_date=started - timedelta(days=20),
        opened_on=started - timedelta(days=20),
    )
    mia = add_child(app, case_id, "Mia", "LC-1", date_of_birth=date(2018, 5, 1))
    baby = add_child(
        app,
        case_id,
        "Baby",
        "LC-2",
        date_of_birth=None,
        expected_date_of_birth=TODAY + timedelta(days=60),
    )
    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=started,
            starts_at=time(10),
            finalised_at=datetime.now(UTC),
        )
        conference.decisions = [
            ChildDecision(child_id=mia, outcome="cp_plan", category="NEG"),
            ChildDecision(child_id=baby, outcome="cp_plan", category="NEG"),
        ]
        db.session.add(conference)
        db.session.flush()
        db.session.add(Plan(case_id=case_id, conference_id=conference.id, number=1))
        db.session.commit()
    return {"case_id": case_id, "worker": worker, "mia": mia, "baby": baby, "started": started}


@pytest.fixture
def add_visit(app, family):
    """Store a visit to the family straight into the database: `parts` gives each child visited
    as (name in `family`, seen, seen alone)."""

    def add(on, parts, by_lead=True) -> None:
        with app.app_context():
            visit = StatutoryVisit(
                case_id=family["case_id"],
                visited_on=on,
                by_lead_social_worker=by_lead,
                place="Home",
                observations="Seen",
            )
            visit.children = [
                VisitChild(child_id=family[child], seen=seen, seen_alone=alone)
                for child, seen, alone in parts
            ]
            db.session.add(visit)
            db.session.commit()

    return add
