"""The demo's 13-year-old, whose voice page says she attended the initial conference, is on its
attendance list as attended (issue 18): the list and every child's voice page agree."""

from helpers import Client, sign_in
from pages import text_of
from sqlalchemy import select

from conference.domain.participation import ATTENDED
from conference.extensions import db
from conference.models import Attendee, ChildVoice
from conference.seeding import demo

PASSWORD = "a demo password for the attendance test"


def test_every_demo_child_who_attended_is_listed_and_every_listed_child_attended(app):
    with app.app_context():
        demo.seed(PASSWORD)
        voices = db.session.scalars(select(ChildVoice)).all()
        said = {(v.conference_id, v.child_id) for v in voices if ATTENDED in (v.methods or [])}
        children = db.session.scalars(select(Attendee).where(Attendee.child_id.is_not(None)))
        listed = {(a.conference_id, a.child_id) for a in children if a.attendance == ATTENDED}
        assert said == listed
        (kemi,) = [v for v in voices if ATTENDED in (v.methods or [])]
        conference_id, name = kemi.conference_id, kemi.child.name
        assert kemi.participation_code == "PN1"
    client = Client(app.test_client())
    assert sign_in(client, "chair@demo.example", PASSWORD).status_code == 302
    page = text_of(client.get(f"/conferences/{conference_id}/attendance").get_data(as_text=True))
    assert f"{name} Family Child Attended" in page
