"""The demo's minute-taker (issue 18): business support, signed in with the demo password,
assigned to the review being prepared, who sees that conference and not the family's case."""

from helpers import Client, sign_in
from pages import text_of
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Conference, User
from conference.seeding import demo

PASSWORD = "a demo password for the minute-taker test"


def test_the_demo_minute_taker_minutes_the_review_being_prepared(app):
    with app.app_context():
        demo.seed(PASSWORD)
        minute_taker = db.session.scalar(
            select(User).where(User.email == "minutetaker@demo.example")
        )
        assert (minute_taker.role, minute_taker.team_id) == ("minute_taker", None)
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        [assigned] = db.session.scalars(
            select(Conference).where(Conference.minute_taker_id == minute_taker.id)
        ).all()
        assert (assigned.case_id, assigned.conference_type, assigned.finalised) == (
            case.id,
            "review",
            False,
        )
        conference_id, case_id = assigned.id, case.id
    client = Client(app.test_client())
    response = sign_in(client, "minutetaker@demo.example", PASSWORD)
    assert response.headers["Location"].startswith("/my-work")
    work = client.get("/my-work/").get_data(as_text=True)
    assert f'href="/conferences/{conference_id}"' in work
    assert "Review child protection conference" in text_of(work)
    assert client.get(f"/conferences/{conference_id}").status_code == 200
    assert client.get(f"/cases/{case_id}").status_code == 404
