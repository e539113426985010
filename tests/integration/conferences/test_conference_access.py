"""The access matrix for every conference route: each kind of user, with and without a reason to
see the case. Adding a conference route without an entry here fails the first test."""

from datetime import UTC, datetime

import pytest
from access_world import CAN_EDIT, CAN_VIEW, MINUTE_TAKER, PEOPLE
from flask import url_for
from helpers import Client, sign_in

from conference.extensions import db
from conference.models import (
    Attendee,
    ChildPicture,
    ChildVoice,
    Conference,
    Invitation,
    MapItem,
    Role,
    StoredFile,
)
from conference.models.family_voice import FamilyViews

# What each route needs: "view", "change", "schedule", "chair-change" (finalise),
# "chair-finalised" (amendments: 404 until finalised), "own" (the user's own drafts),
# or "post" (POST only: a GET is not allowed). Also (issue 18): "record" (attendance and the map:
# whoever may change it, and its minute-taker), "score" (the chair or the minute-taker) and
# "decide" (the chair alone).
ROUTES = {
    "conferences.new_conference": "schedule",
    "conferences.show_conference": "view",
    "conferences.edit_conference": "change",
    "conferences.finalise": "chair-change",
    "conferences.new_amendment": "chair-finalised",
    "conferences.attendance": "view",
    "conferences.new_attendee": "record",
    "conferences.attendance_register": "record",
    "conferences.edit_attendee": "record",
    "conferences.decisions": "view",
    "conferences.edit_decision": "decide",
    "conferences.map": "view",
    "conferences.new_map_item": "record",
    "conferences.edit_map_item": "record",
    "conferences.move_map_item": "post",
    "conferences.live": "view",
    "conferences.live_data": "view",
    "conferences.what_the_room_sees": "record",
    "conferences.family_copy_leaves_out": "change",
    "conferences.keep_from_family": "change",
    "conferences.put_back_in_family_copy": "change",
    "conferences.live_stage": "post",
    "conferences.reveal_scores": "decide",
    "conferences.scaling": "view",
    "conferences.record_score": "score",
    "conferences.conference_identity": "view",
    "conferences.voice": "view",
    "conferences.upload_picture": "post",
    "conferences.picture": "view",
    "conferences.remove_picture": "change",
    "conferences.save_draft": "post",
    "conferences.get_draft": "own",
    "conferences.discard_draft": "post",
    # The views a family sent before the conference (issue 20): read by whoever sees it,
    # accepted or left out by whoever may change it (as inviting).
    "invitations.sent_views": "view",
    "invitations.accept_views": "change",
    "invitations.views_not_used": "change",
    # The family's feedback after the conference: read by whoever sees it, offered or typed in
    # from paper by whoever may change it (as inviting).
    "invitations.conference_feedback": "view",
    "invitations.offer_conference_feedback": "change",
    "invitations.paper_conference_feedback": "change",
}
# The routes of other areas addressing a conference's records, listed here too.
ELSEWHERE = {"invitations.sent_views", "invitations.accept_views", "invitations.views_not_used"}
ELSEWHERE |= {
    "invitations.conference_feedback",
    "invitations.offer_conference_feedback",
    "invitations.paper_conference_feedback",
}


def expected(person: str, needs: str) -> int:
    role = PEOPLE[person][0]
    if needs == "post":
        return 405
    if needs == "own":
        return 204
    if needs in ("chair-change", "chair-finalised"):
        if role != Role.CHAIR:
            return 403
        return 200 if needs == "chair-change" else 404
    if person == MINUTE_TAKER:
        # They see the conference assigned to them, never the case (so not scheduling one).
        if needs == "schedule":
            return 404
        return 200 if needs in ("view", "record", "score") else 403
    if person not in CAN_VIEW:
        return 404
    if needs == "decide" or needs == "score":
        return 200 if role == Role.CHAIR else 403
    if needs in ("change", "schedule", "record") and person not in CAN_EDIT:
        return 403
    return 200


def test_every_conference_route_is_in_the_matrix(app):
    endpoints = {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("conferences.")
    }
    assert endpoints | ELSEWHERE == set(ROUTES)


@pytest.fixture
def conference_world(app, world):
    """A conference of the case in team A, with one of each record the routes address."""
    with app.app_context():
        from datetime import date, time

        conference = Conference(
            case_id=world["case_id"],
            conference_type="initial",
            held_on=date(2026, 11, 20),
            starts_at=time(10, 0),
            strategy_discussion_on=date(2026, 11, 2),
            minute_taker_id=world["user_ids"][MINUTE_TAKER],
        )
        conference.attendees = [
            Attendee(name="Bo Test", agency_type="family", attendance="attended", is_parent=True)
        ]
        conference.map_items = [MapItem(heading="worry", text="A worry", child_ids=[])]
        voice = ChildVoice(child_id=world["child_id"])
        picture = StoredFile.holding(b"\x89PNG\r\n\x1a\n" + b"\0" * 16, "image/png")
        voice.pictures = [ChildPicture(file=picture)]
        conference.voices = [voice]
        db.session.add(conference)
        db.session.flush()
        # The adult's views before the conference, sent and waiting (not a real code's HMAC).
        invitation = Invitation(
            case_id=world["case_id"],
            conference_id=conference.id,
            adult_id=world["adult_id"],
            version="parent",
            code_hash="0" * 64,
            expires_at=datetime(2099, 1, 1, tzinfo=UTC),
        )
        db.session.add(invitation)
        db.session.flush()
        db.session.add(
            FamilyViews(invitation_id=invitation.id, worries="The damp", sent_at=datetime.now(UTC))
        )
        db.session.commit()
        ids = {
            "conference_id": conference.id,
            "attendee_id": conference.attendees[0].id,
            "item_id": conference.map_items[0].id,
            "picture_id": voice.pictures[0].id,
            "key": "conference-1-map-item-new",
            "invitation_id": invitation.id,
        }
    return {**world, **ids}


def _url(app, endpoint, values):
    rule = next(app.url_map.iter_rules(endpoint))
    with app.test_request_context():
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


@pytest.mark.parametrize("person", list(PEOPLE))
def test_conference_access_matrix(app, conference_world, person):
    client = Client(app.test_client())
    assert sign_in(client, conference_world["users"][person]).status_code == 302
    seen = {e: client.get(_url(app, e, conference_world)).status_code for e in ROUTES}
    assert seen == {endpoint: expected(person, needs) for endpoint, needs in ROUTES.items()}
