"""The synthetic data's allocations and management oversight are consistent with the cases."""

from sqlalchemy import func, select

from conference.domain import clock
from conference.extensions import db
from conference.models import Allocation, Case, Oversight, OversightAction, Role, User
from conference.seeding.synthetic import seed


def test_every_case_is_allocated_and_many_have_monthly_oversight(app):
    with app.app_context():
        seed(150, seed=5, password="synthetic password for the tests")
        cases = {case.id: case for case in db.session.scalars(select(Case))}
        allocations = db.session.scalars(select(Allocation).order_by(Allocation.id)).all()
        latest = {}
        for allocation in allocations:
            assert allocation.allocated_on <= clock.today()
            assert allocation.team_id == cases[allocation.case_id].team_id
            latest[allocation.case_id] = allocation
        assert set(latest) == set(cases)
        # The latest allocation is the case's social worker; some cases changed worker.
        assert all(a.social_worker_id == cases[i].social_worker_id for i, a in latest.items())
        assert len(allocations) > len(cases)

        overseen = db.session.scalar(select(func.count(func.distinct(Oversight.case_id))))
        assert 0.2 * len(cases) < overseen < len(cases)
        managers = dict(
            db.session.execute(
                select(User.team_id, User.id).where(
                    User.role == Role.MANAGER, User.team_id.is_not(None)
                )
            ).all()
        )
        for oversight in db.session.scalars(select(Oversight)):
            case = cases[oversight.case_id]
            assert case.opened_on <= oversight.held_on <= clock.today()
            assert oversight.manager_id == managers[case.team_id]
        owners = db.session.execute(
            select(OversightAction.owner_id, Case.social_worker_id)
            .join(OversightAction.oversight)
            .join(Case, Case.id == Oversight.case_id)
        ).all()
        assert owners and all(owner == worker for owner, worker in owners)
        open_actions = db.session.scalar(
            select(func.count()).where(OversightAction.done_on.is_(None))
        )
        assert 0 < open_actions < len(owners)
