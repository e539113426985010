"""The demo's live screen keeps Mum's immigration status (no recourse to public funds) off the
wall: it stays on the map the professionals read, which says it is kept off."""

from helpers import Client, sign_in
from pages import text_of
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Conference, KeptOffWall
from conference.seeding import demo

PASSWORD = "a demo password for the wall test"


def test_the_demo_keeps_mums_immigration_status_off_the_wall(app):
    with app.app_context():
        demo.seed(PASSWORD)
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        initial = db.session.scalar(
            select(Conference).where(
                Conference.case_id == case.id, Conference.conference_type == "initial"
            )
        )
        conference_id = initial.id
        kept = db.session.scalars(select(KeptOffWall)).all()
        assert [(k.conference_id, k.kind, k.field) for k in kept] == [
            (conference_id, "map_item", "")
        ]
    client = Client(app.test_client())
    assert sign_in(client, "chair@demo.example", PASSWORD).status_code == 302
    wall = text_of(client.get(f"/conferences/{conference_id}/live").get_data(as_text=True))
    data = text_of(client.get(f"/conferences/{conference_id}/live.json").get_json()["html"])
    for shown in (wall, data):
        assert "no recourse to public funds" not in shown
        assert "Leave to remain" not in shown
        assert "Earlier meetings were held without a Yoruba interpreter" in shown
    the_map = text_of(client.get(f"/conferences/{conference_id}/map").get_data(as_text=True))
    assert (
        "Mum has no recourse to public funds until next year, so money is very tight. "
        "Raised by Sam (social worker)"
    ) in the_map
    assert the_map.count("Kept off the live screen: the room does not see it") == 1
