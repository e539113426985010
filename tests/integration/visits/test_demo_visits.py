"""The demo family's statutory visits: Tolu's visit overdue, Kemi seen alone at the last visit,
the baby seen with Mum before the birth; each visit after the plan began and not in the
future."""

import pytest

from conference.domain import clock
from conference.domain.timescales import default_calendar
from conference.extensions import db
from conference.models import Case, Conference, StatutoryVisit
from conference.services.visits import children_status

PASSWORD = "demo password for tests"


@pytest.fixture
def demo(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def test_the_demo_family_has_one_child_overdue_and_one_seen_alone(app, demo):
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        rows = {
            row.child.given_name: row.status
            for row in children_status(case, clock.today(), default_calendar(), 10)
        }
        assert set(rows) == {"Kemi", "Tolu", "Baby"}
        assert rows["Tolu"].overdue
        assert not rows["Kemi"].overdue and rows["Kemi"].seen_alone_at_last_visit
        assert not rows["Baby"].overdue and rows["Baby"].seen_alone_at_last_visit is False


def test_the_baby_is_seen_with_mum_before_the_birth_and_every_visit_is_in_the_plan(app, demo):
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        baby = next(child for child in case.children if child.given_name == "Baby")
        initial = db.session.query(Conference).filter_by(case_id=case.id, conference_type="initial")
        started = initial.one().held_on
        visits = db.session.query(StatutoryVisit).filter_by(case_id=case.id).all()
        assert len(visits) >= 4
        for visit in visits:
            assert started < visit.visited_on <= clock.today()
            assert visit.by_lead_social_worker and visit.visitor_id == case.social_worker_id
            [part] = [p for p in visit.children if p.child_id == baby.id]
            assert part.seen and not part.seen_alone and not part.not_alone_reason
            born = baby.date_of_birth or baby.expected_date_of_birth
            assert visit.visited_on < born


def test_kemi_says_something_of_her_own_at_each_visit(app, demo):
    """No visit repeats what she said at an earlier one word for word."""
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        kemi = next(child for child in case.children if child.given_name == "Kemi")
        visits = db.session.query(StatutoryVisit).filter_by(case_id=case.id).all()
        said = [p.own_words for v in visits for p in v.children if p.child_id == kemi.id]
        assert len(said) == len(visits) >= 4
        assert all(said) and len(set(said)) == len(said)
