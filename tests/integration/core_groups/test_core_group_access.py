"""The access matrix for every core group and review route: each kind of user, with and without
a reason to see the case. Adding a route without an entry here fails the first test."""

from datetime import date, time

import pytest
from access_world import CAN_EDIT, CAN_VIEW, PEOPLE
from flask import url_for
from helpers import Client, sign_in

from conference.extensions import db
from conference.models import (
    ChildDecision,
    Conference,
    CoreGroupMeeting,
    MapItem,
    Plan,
    PlanAction,
    Role,
    SafetyGoal,
)

# "view", "record" (core group members too), "change" (may change the case, or a chair),
# "post" (POST only).
ROUTES = {
    "core_groups.meetings": "view",
    "core_groups.show_meeting": "view",
    "core_groups.start_meeting": "record",
    "core_groups.part_attendance": "record",
    "core_groups.add_attendee": "record",
    "core_groups.part_goals": "record",
    "core_groups.part_actions": "record",
    "core_groups.part_agency": "record",
    "core_groups.part_views": "record",
    "core_groups.complete_meeting": "post",
    "core_groups.reopen_meeting": "post",
    "core_groups.progress": "view",
    "core_groups.notes_pdf": "view",
    "core_groups.start_review": "change",
    "core_groups.prefill_review": "post",
    "core_groups.review_progress": "view",
    "core_groups.review_report": "view",
    "core_groups.report_shared": "change",
    "core_groups.review_analysis": "change",
    "core_groups.parents_comments": "change",
    "core_groups.review_outcome": "decide",  # the chair's alone (issue 18)
    "core_groups.goal_continuation": "change",
    "core_groups.apply_review": "post",
}
CORE_GROUP = {"practitioner_in_core_group", "admin_in_core_group"}


def expected(person: str, needs: str) -> int:
    if needs == "post":
        return 405
    if person not in CAN_VIEW:
        return 404
    if needs == "record" and person not in CAN_EDIT | CORE_GROUP:
        return 403
    if needs == "change" and person not in CAN_EDIT:
        return 403
    if needs == "decide" and PEOPLE[person][0] != Role.CHAIR:
        return 403
    return 200


def test_every_core_group_route_is_in_the_matrix(app):
    endpoints = {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("core_groups.")
    }
    assert endpoints == set(ROUTES)


@pytest.fixture
def core_group_world(app, world):
    """A finalised initial conference with a plan and a core group meeting, and a draft review."""
    with app.app_context():
        initial = Conference(
            case_id=world["case_id"],
            conference_type="initial",
            held_on=date(2026, 9, 1),
            starts_at=time(10, 0),
            finalised_at=None,
        )
        initial.decisions = [
            ChildDecision(child_id=world["child_id"], outcome="cp_plan", category="NEG")
        ]
        initial.map_items = [MapItem(heading="worry", text="A worry", child_ids=[])]
        goal = SafetyGoal(statement="Ada goes to school every day", child_ids=[world["child_id"]])
        goal.actions = [PlanAction(what="Walk Ada to school", who="Bo Test")]
        plan = Plan(case_id=world["case_id"], conference=initial, number=1, goals=[goal])
        meeting = CoreGroupMeeting(case_id=world["case_id"], plan=plan, held_on=date(2026, 9, 10))
        review = Conference(
            case_id=world["case_id"],
            conference_type="review",
            held_on=date(2026, 12, 1),
            starts_at=time(10, 0),
            previous_conference=initial,
        )
        db.session.add_all([plan, meeting, review])
        db.session.flush()
        from datetime import UTC, datetime

        initial.finalised_at = datetime(2026, 9, 1, 12, tzinfo=UTC)
        db.session.commit()
        values = {
            "plan_id": plan.id,
            "meeting_id": meeting.id,
            "conference_id": review.id,
        }
    return {**world, **values}


def _url(app, endpoint, values):
    rule = next(app.url_map.iter_rules(endpoint))
    with app.test_request_context():
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


@pytest.mark.parametrize("person", list(PEOPLE))
def test_core_group_access_matrix(app, core_group_world, person):
    client = Client(app.test_client())
    assert sign_in(client, core_group_world["users"][person]).status_code == 302
    seen = {e: client.get(_url(app, e, core_group_world)).status_code for e in ROUTES}
    assert seen == {endpoint: expected(person, needs) for endpoint, needs in ROUTES.items()}
