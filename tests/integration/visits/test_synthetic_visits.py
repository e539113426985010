"""The synthetic data's statutory visits: each to children on a plan on the day, never in the
future, mostly on time with some late, and some children not seen alone; a baby not born yet
is never seen alone."""

from collections import defaultdict
from itertools import pairwise

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from conference.domain import clock
from conference.domain.timescales import default_calendar
from conference.extensions import db
from conference.models import Case, Conference, Plan, StatutoryVisit
from conference.seeding.synthetic import seed
from conference.services.visits import plan_periods_of


@pytest.fixture
def visits(app):
    """Each visit's (case, day, [(child, seen, seen alone, born by then)]), and each case's
    plan periods."""
    with app.app_context():
        seed(200, seed=5, password="synthetic password for the tests")
        found = []
        for visit in db.session.scalars(
            select(StatutoryVisit).options(selectinload(StatutoryVisit.children))
        ):
            parts = [
                (
                    part.child_id,
                    part.seen,
                    part.seen_alone,
                    part.child.date_of_birth is not None
                    and part.child.date_of_birth <= visit.visited_on,
                )
                for part in visit.children
            ]
            found.append((visit.case_id, visit.visited_on, visit.by_lead_social_worker, parts))
        periods = {}
        for case in db.session.scalars(select(Case)):
            conferences = db.session.scalars(
                select(Conference)
                .where(Conference.case_id == case.id)
                .options(selectinload(Conference.decisions))
            ).all()
            plans = db.session.scalars(select(Plan).where(Plan.case_id == case.id)).all()
            periods.update(plan_periods_of(case.children, conferences, plans, clock.today()))
        return found, periods


def test_every_visit_is_to_children_on_a_plan_that_day_and_not_in_the_future(visits):
    found, periods = visits
    assert len(found) > 100
    for _case, day, by_lead, parts in found:
        assert day <= clock.today() and by_lead and parts
        for child_id, *_ in parts:
            assert any(
                period.start < day and (period.end is None or day < period.end)
                for period in periods[child_id]
            ), (child_id, day)


def test_most_visits_are_on_time_some_late_and_some_children_not_seen_alone(visits):
    found, _ = visits
    calendar = default_calendar()
    days = defaultdict(list)
    seen_alone = []
    for _case, day, _by_lead, parts in found:
        for child_id, seen, alone, born in parts:
            days[child_id].append(day)
            if not born:
                assert not alone, "a baby not born yet is never seen alone"
            elif seen:
                seen_alone.append(alone)
    gaps = [
        calendar.working_days_between(earlier, later)
        for each in days.values()
        for earlier, later in pairwise(sorted(each))
    ]
    on_time = sum(gap <= 10 for gap in gaps) / len(gaps)
    assert 0.6 < on_time < 1
    assert 0.5 < sum(seen_alone) / len(seen_alone) < 1
