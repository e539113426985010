"""Reading a case's chronology takes the same few queries however many rows it has."""

from datetime import date, timedelta

from sqlalchemy import event

from conference.extensions import db
from conference.models import (
    Case,
    ChronologyAmendment,
    ChronologyEvent,
    Oversight,
    StatutoryVisit,
    VisitChild,
)
from conference.services import chronology


def queries_to_read(app, case_id) -> int:
    with app.app_context():
        statements = []

        def count(*_):
            statements.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            case = db.session.get(Case, case_id)
            chronology.events_of(case, with_oversight=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)


def _add_rows(app, family, how_many: int) -> None:
    """Hand-entered events with an amendment, visits and oversight, `how_many` of each."""
    with app.app_context():
        for n in range(how_many):
            day = date(2026, 5, 1) + timedelta(days=n)
            hand = ChronologyEvent(
                case_id=family.case_id,
                occurred_on=day,
                what_happened=f"Event {n}",
                recorded_by_id=family.social_worker,
            )
            hand.amendments = [
                ChronologyAmendment(
                    before={"what_happened": "x"}, reason="r", made_by_id=family.manager
                )
            ]
            visit = StatutoryVisit(
                case_id=family.case_id, visited_on=day, visitor_id=family.other_worker
            )
            visit.children = [VisitChild(child_id=family.ada, seen=True)]
            oversight = Oversight(case_id=family.case_id, held_on=day, manager_id=family.manager)
            db.session.add_all([hand, visit, oversight])
        db.session.commit()


def test_more_rows_take_no_more_queries(app, family):
    _add_rows(app, family, 1)  # one of each, so that each kind is read once already
    before = queries_to_read(app, family.case_id)
    assert before <= 20
    _add_rows(app, family, 10)
    assert queries_to_read(app, family.case_id) == before
