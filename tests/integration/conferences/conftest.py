"""Fixtures shared by the conference pages' tests. (test_conference_live.py and
test_conference_map.py make their own conference, with its own children and map.)"""

from datetime import UTC, date, datetime, time
from types import SimpleNamespace

import pytest

from conference.extensions import db
from conference.models import Adult, AdultChildRelationship, Child, Conference


@pytest.fixture
def make_conference(app, make_case):
    """`make_conference(social_worker_id=…)`: a case in Team A with Lily and her mother Dana
    (who has parental responsibility), and an initial conference on 26 November 2026."""

    def make(social_worker_id=None, finalised=False):
        case_id = make_case(team="Team A", social_worker_id=social_worker_id)
        with app.app_context():
            child = Child(
                case_id=case_id,
                given_name="Lily",
                family_name="Jones",
                date_of_birth=date(2019, 4, 3),
                local_child_id=f"LC-{case_id}",
            )
            adult = Adult(case_id=case_id, given_name="Dana", family_name="Jones")
            adult.relationships = [
                AdultChildRelationship(
                    child=child, relationship_to_child="Mother", parental_responsibility=True
                )
            ]
            conference = Conference(
                case_id=case_id,
                conference_type="initial",
                held_on=date(2026, 11, 26),
                starts_at=time(10, 0),
                finalised_at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC) if finalised else None,
            )
            db.session.add_all([child, adult, conference])
            db.session.commit()
            return SimpleNamespace(
                case_id=case_id,
                id=conference.id,
                child_id=child.id,
                adult_id=adult.id,
                url=f"/conferences/{conference.id}/attendance",
            )

    return make
