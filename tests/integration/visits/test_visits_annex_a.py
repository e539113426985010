"""Annex A's "Date of the Last Statutory Visit" and "Was the Child Seen Alone?" come from the
statutory visits: the latest by the lead social worker at which the child was seen. A visit
another agency mentioned at a core group, or one by someone else, does not count."""

import io
from datetime import timedelta

import openpyxl

from conference.domain import clock
from conference.domain.timescales import default_calendar
from conference.extensions import db
from conference.models import (
    CoreGroupMeeting,
    Plan,
    StatutoryVisit,
    Visit,
    VisitChild,
)
from conference.services.returns.annex_a import LIST_7, LIST_7_HEADINGS, annex_a
from conference.services.visits import LastVisit, last_statutory_visit, last_statutory_visits

TODAY = clock.today()
CALENDAR = default_calendar()


def list_7(app) -> dict[str, dict]:
    with app.app_context():
        export = annex_a(TODAY)
    sheet = openpyxl.load_workbook(io.BytesIO(export.content))[LIST_7]
    rows = [dict(zip(LIST_7_HEADINGS, row, strict=True)) for row in sheet.iter_rows(2)]
    return {row["Child Unique ID"].value: row for row in rows}


def test_the_last_statutory_visit_by_the_lead_social_worker_at_which_the_child_was_seen(
    app, family, add_visit
):
    earlier = CALENDAR.subtract_working_days(TODAY, 9)
    later = CALENDAR.subtract_working_days(TODAY, 4)
    latest = CALENDAR.subtract_working_days(TODAY, 1)
    add_visit(earlier, [("mia", True, True), ("baby", True, False)])
    add_visit(later, [("mia", True, False)])
    add_visit(latest, [("mia", False, False)])  # Mia not seen: does not count
    add_visit(latest, [("baby", True, True)], by_lead=False)  # someone else's
    with app.app_context():  # a visit the school nurse told the core group about
        plan = db.session.query(Plan).filter_by(case_id=family["case_id"]).one()
        meeting = CoreGroupMeeting(case_id=family["case_id"], plan=plan, held_on=latest)
        meeting.visits = [
            Visit(
                visited_on=latest,
                visitor="School nurse",
                child_ids=[family["mia"], family["baby"]],
                child_seen=True,
                seen_alone=True,
            )
        ]
        db.session.add(meeting)
        db.session.commit()

    rows = list_7(app)

    mia, baby = rows["LC-1"], rows["LC-2"]
    assert mia["Date of the Last Statutory Visit"].value.date() == later
    assert mia["Was the Child Seen Alone?"].value == "b) No"
    assert baby["Date of the Last Statutory Visit"].value.date() == earlier
    assert baby["Was the Child Seen Alone?"].value == "c) Unknown"  # seen before the birth


def test_a_child_never_visited_has_no_date(app, family):
    rows = list_7(app)

    assert rows["LC-1"]["Date of the Last Statutory Visit"].value is None
    assert rows["LC-1"]["Was the Child Seen Alone?"].value is None


def test_a_visit_after_the_day_of_the_return_is_not_counted(app, family, add_visit):
    add_visit(TODAY - timedelta(days=1), [("mia", True, True)])
    with app.app_context():
        export = annex_a(TODAY - timedelta(days=2))
    sheet = openpyxl.load_workbook(io.BytesIO(export.content))[LIST_7]
    [row] = [r for r in sheet.iter_rows(2, values_only=True) if r[0] == "LC-1"]
    assert row[LIST_7_HEADINGS.index("Date of the Last Statutory Visit")] is None


def test_the_last_visits_in_bulk_follow_the_rule_where_the_alternatives_differ(
    app, family, make_case
):
    """The last visit of each child in each case: the latest by date, and of two on the same
    day the one recorded later, even when the child was seen alone only at the earlier (the
    dashboard's key would take that one). A visit at which the child was not seen, one by
    someone else and one after the day do not count."""
    day = CALENDAR.subtract_working_days(TODAY, 3)
    other_case = make_case(team="Team A")

    def part(on, seen=True, alone=False, by_lead=True, case_id=family["case_id"]) -> int:
        with app.app_context():
            visit = StatutoryVisit(case_id=case_id, visited_on=on, by_lead_social_worker=by_lead)
            visit.children = [VisitChild(child_id=family["mia"], seen=seen, seen_alone=alone)]
            db.session.add(visit)
            db.session.commit()
            return visit.children[0].id

    part(day - timedelta(days=7), alone=True)
    seen_alone_first = part(day, alone=True)
    recorded_later = part(day, alone=False)
    part(day + timedelta(days=1), seen=False)
    part(day + timedelta(days=1), alone=True, by_lead=False)
    part(TODAY + timedelta(days=1), alone=True)
    in_other_case = part(day - timedelta(days=20), alone=True, case_id=other_case)

    with app.app_context():
        found = last_statutory_visits([family["mia"], family["baby"]], TODAY)
        one = last_statutory_visit(family["case_id"], family["mia"], TODAY)

    assert seen_alone_first != recorded_later
    assert found == {
        (family["case_id"], family["mia"]): LastVisit(recorded_later, day, False),
        (other_case, family["mia"]): LastVisit(in_other_case, day - timedelta(days=20), True),
    }
    assert one is not None and one.id == recorded_later
