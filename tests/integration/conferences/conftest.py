"""Fixtures shared by the conference pages' tests. (test_conference_live.py and
test_conference_map.py make their own conference, with its own children and map.)"""

from datetime import UTC, date, datetime, time
from types import SimpleNamespace

import pytest
from helpers import Client, sign_in
from records import add_adult, add_child

from conference.extensions import db
from conference.models import Attendee, Conference, User


@pytest.fixture
def another(app, make_user):
    """`another(role, email=…, team=…, name=…)`: a second user, signed in on a client (a
    browser) of their own beside the test's `client`; `.user_id` is theirs."""

    def sign_in_as(role, **fields):
        user_id = make_user(role, **fields)
        client = Client(app.test_client())
        with app.app_context():
            email = db.session.get(User, user_id).email
        assert sign_in(client, email).status_code == 302
        client.user_id = user_id
        return client

    return sign_in_as


@pytest.fixture
def attend(app):
    """`attend(conference_id, people, agency="")`: the people, each (name, role, is parent,
    attendance), on the conference's list in that order: parents as family, everyone else
    from children's social care (of `agency`). Returns their attendee ids by name."""

    def add(conference_id, people, agency=""):
        with app.app_context():
            attendees = [
                Attendee(
                    conference_id=conference_id,
                    name=name,
                    role=role,
                    agency="" if parent else agency,
                    agency_type="family" if parent else "childrens_social_care",
                    is_parent=parent,
                    attendance=attendance,
                    position=position,
                )
                for position, (name, role, parent, attendance) in enumerate(people)
            ]
            db.session.add_all(attendees)
            db.session.commit()
            return {a.name: a.id for a in attendees}

    return add


@pytest.fixture
def make_conference(app, make_case):
    """`make_conference(social_worker_id=…)`: a case in Team A with Lily and her mother Dana
    (who has parental responsibility), and an initial conference on 26 November 2026."""

    def make(social_worker_id=None, finalised=False):
        case_id = make_case(team="Team A", social_worker_id=social_worker_id)
        born = date(2019, 4, 3)
        child_id = add_child(app, case_id, local_child_id=f"LC-{case_id}", date_of_birth=born)
        adult_id = add_adult(app, case_id, relationships=[(child_id, "Mother", True)])
        with app.app_context():
            conference = Conference(
                case_id=case_id,
                conference_type="initial",
                held_on=date(2026, 11, 26),
                starts_at=time(10, 0),
                finalised_at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC) if finalised else None,
            )
            db.session.add(conference)
            db.session.commit()
            return SimpleNamespace(
                case_id=case_id,
                id=conference.id,
                child_id=child_id,
                adult_id=adult_id,
                url=f"/conferences/{conference.id}/attendance",
            )

    return make
