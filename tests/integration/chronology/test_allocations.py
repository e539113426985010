"""Who the case is allocated to is kept from the day it is created, and again whenever its
social worker or team changes, so that the chronology shows each change."""

from datetime import date

import pytest
from helpers import team_id
from sqlalchemy import select

from conference.domain import clock
from conference.extensions import db
from conference.models import Allocation, Case, User
from conference.services import cases, records


def allocations(case_id) -> list[tuple]:
    rows = db.session.scalars(
        select(Allocation).where(Allocation.case_id == case_id).order_by(Allocation.id)
    )
    return [(a.social_worker_id, a.team_id, a.allocated_on) for a in rows]


def test_creating_and_changing_a_case_keeps_its_allocations(app, make_user):
    manager_id = make_user("manager", team="Team A")
    first = make_user("social_worker", email="first@example.org", team="Team A")
    second = make_user("social_worker", email="second@example.org", team="Team A")
    with app.app_context():
        manager = db.session.get(User, manager_id)
        team_a, team_b = team_id("Team A"), team_id("Team B")
        details = {
            "reference": "ALC-0001",
            "team_id": team_a,
            "social_worker_id": first,
            "opened_on": date(2026, 10, 1),
            "referral_date": date(2026, 9, 28),
        }
        case = cases.create_case(manager, **details)
        db.session.commit()
        today = clock.today()
        assert allocations(case.id) == [(first, team_a, today)]

        cases.update_case(manager, case, case.version, **{**details, "address": "1 High St"})
        db.session.commit()
        assert len(allocations(case.id)) == 1  # nothing about the allocation changed

        cases.update_case(manager, case, case.version, **{**details, "social_worker_id": second})
        db.session.commit()
        cases.update_case(
            manager,
            case,
            case.version,
            **{**details, "social_worker_id": second, "team_id": team_b},
        )
        db.session.commit()
        assert allocations(case.id) == [
            (first, team_a, today),
            (second, team_a, today),
            (second, team_b, today),
        ]


def test_a_stale_change_keeps_no_allocation(app, make_user):
    manager_id = make_user("manager", team="Team A")
    worker = make_user("social_worker", email="w@example.org", team="Team A")
    with app.app_context():
        manager = db.session.get(User, manager_id)
        case = Case(
            reference="ALC-0002",
            team_id=team_id("Team A"),
            opened_on=date(2026, 10, 1),
            referral_date=date(2026, 9, 28),
        )
        db.session.add(case)
        db.session.commit()
        details = {"reference": "ALC-0002", "team_id": case.team_id, "social_worker_id": worker}
        with pytest.raises(records.StaleVersion):
            cases.update_case(manager, case, case.version + 1, **details)
        db.session.rollback()
        assert allocations(case.id) == []
