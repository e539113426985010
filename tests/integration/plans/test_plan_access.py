"""The access matrix for every plan route: each kind of user, with and without a reason to see
the case. Adding a plan route without an entry here fails the first test."""

import pytest
from access_world import CAN_EDIT, CAN_VIEW, PEOPLE
from flask import url_for
from helpers import Client, sign_in

from conference.extensions import db
from conference.models import (
    AudioCopy,
    Child,
    ChildDecision,
    Conference,
    MapItem,
    Plan,
    PlanAction,
    Role,
    SafetyGoal,
    StoredFile,
)

# What each route needs: "view", "change", "chair-change" (finalising) or "post" (POST only).
ROUTES = {
    "plans.new_plan": "post",
    "plans.show_plan": "view",
    "plans.edit_plan": "change",
    "plans.finalise_plan": "chair-change",
    "plans.plan_versions": "view",
    "plans.compare_plans": "view",
    "plans.new_goal": "change",
    "plans.edit_goal": "change",
    "plans.keep_as_action": "change",
    "plans.check_goal": "post",
    "plans.move_goal": "post",
    "plans.remove_goal": "change",
    "plans.new_action": "change",
    "plans.edit_action": "change",
    "plans.remove_action": "change",
    "plans.export_translation": "change",
    "plans.import_translation": "change",
    "plans.audio_copies": "view",
    "plans.audio_copy": "view",
    "plans.remove_audio_copy": "change",
    "plans.check_child_words": "post",
}


def expected(person: str, needs: str) -> int:
    if needs == "post":
        return 405
    if needs == "chair-change" and PEOPLE[person][0] != Role.CHAIR:
        return 403
    if person not in CAN_VIEW:
        return 404
    if needs in ("change", "chair-change") and person not in CAN_EDIT:
        return 403
    return 200


def test_every_plan_route_is_in_the_matrix(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("plans.")}
    assert endpoints == set(ROUTES)


@pytest.fixture
def plan_world(app, world):
    """A plan with a goal and an action, from a conference of the case in team A."""
    from datetime import date, time

    with app.app_context():
        conference = Conference(
            case_id=world["case_id"],
            conference_type="initial",
            held_on=date(2026, 11, 20),
            starts_at=time(10, 0),
        )
        conference.decisions = [
            ChildDecision(child_id=world["child_id"], outcome="cp_plan", category="NEG")
        ]
        conference.map_items = [MapItem(heading="worry", text="A worry", child_ids=[])]
        goal = SafetyGoal(statement="Ada goes to school every day", child_ids=[world["child_id"]])
        goal.actions = [PlanAction(what="Walk Ada to school", who="Bo Test")]
        plan = Plan(case_id=world["case_id"], conference=conference, number=1, goals=[goal])
        recording = StoredFile.holding(b"ID3" + b"\0" * 16, "audio/mpeg")
        audio = AudioCopy(plan=plan, child_id=world["child_id"], file=recording)
        db.session.add_all([plan, audio])
        db.session.get(Child, world["child_id"]).own_copy = True  # the chair agreed it
        db.session.commit()
        ids = {
            "conference_id": conference.id,
            "plan_id": plan.id,
            "goal_id": goal.id,
            "action_id": goal.actions[0].id,
            "audio_copy_id": audio.id,
        }
    return {**world, **ids}


def _url(app, endpoint, values):
    rule = next(app.url_map.iter_rules(endpoint))
    with app.test_request_context():
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


@pytest.mark.parametrize("person", list(PEOPLE))
def test_plan_access_matrix(app, plan_world, person):
    client = Client(app.test_client())
    assert sign_in(client, plan_world["users"][person]).status_code == 302
    seen = {e: client.get(_url(app, e, plan_world)).status_code for e in ROUTES}
    assert seen == {endpoint: expected(person, needs) for endpoint, needs in ROUTES.items()}


DOCUMENTS = ["documents.family_plan", "documents.professional_plan", "documents.conference_record"]
# Each person's own copy (Bo, the adult, reads English; Ada, the child, has her own copy): the
# page before the download and each document, for anyone who sees the case.
OWN_COPIES = [
    "documents.adult_copy",
    "documents.adult_copy_pdf",
    "documents.adult_easy_read_pdf",
    "documents.child_copy",
    "documents.child_copy_pdf",
    "documents.child_plan_pdf",
]


def test_every_document_route_is_in_the_matrix(app):
    endpoints = {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("documents.")
    }
    assert endpoints == {*DOCUMENTS, *OWN_COPIES, "documents.agree_own_copy"}


@pytest.mark.parametrize("person", list(PEOPLE))
def test_documents_only_for_those_who_see_the_case(app, plan_world, person):
    client = Client(app.test_client())
    sign_in(client, plan_world["users"][person])
    seen = {e: client.get(_url(app, e, plan_world)).status_code for e in DOCUMENTS}
    assert seen == dict.fromkeys(DOCUMENTS, 200 if person in CAN_VIEW else 404)


@pytest.mark.parametrize("person", list(PEOPLE))
def test_own_copies_only_for_those_who_see_the_case(app, plan_world, person):
    client = Client(app.test_client())
    sign_in(client, plan_world["users"][person])
    seen = {e: client.get(_url(app, e, plan_world)).status_code for e in OWN_COPIES}
    assert seen == dict.fromkeys(OWN_COPIES, 200 if person in CAN_VIEW else 404)


@pytest.mark.parametrize("person", list(PEOPLE))
def test_only_a_manager_of_the_team_agrees_a_young_persons_copy_here(app, plan_world, person):
    """The plan's conference has no chair named, so any chair may pick it up; of the others
    who see the case, only the team's manager may agree."""
    client = Client(app.test_client())
    sign_in(client, plan_world["users"][person])
    status = client.get(_url(app, "documents.agree_own_copy", plan_world)).status_code
    if person not in CAN_VIEW:
        assert status == 404
    else:
        assert status == (200 if person in ("manager_a", "chair") else 403)
