"""The demo family's feedback on their last core group (issue 20): the mother's, sent online in
Yorùbá with a feedback code, and the grandmother's paper form, typed in by the social worker;
both on the meeting's feedback page, marked."""

from helpers import Client, sign_in
from pages import text_of, texts
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, CoreGroupMeeting
from conference.models.family_voice import FamilyFeedback
from conference.seeding import demo
from conference.seeding.demo_feedback import GRANDMOTHER_WROTE, MOTHER_WROTE

PASSWORD = "a demo password for the feedback test"


def test_the_demo_has_feedback_from_the_last_core_group(app):
    with app.app_context():
        demo.seed(PASSWORD)
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        meetings = db.session.scalars(
            select(CoreGroupMeeting)
            .where(CoreGroupMeeting.case_id == case.id)
            .order_by(CoreGroupMeeting.held_on)
        ).all()
        stored = db.session.scalars(select(FamilyFeedback)).all()
        assert {each.core_group_meeting_id for each in stored} == {meetings[-1].id}
        assert sorted((each.source, each.language) for each in stored) == [
            ("online", "yo"),
            ("paper", "en"),
        ]
        assert all(each.received_at.date() > meetings[-1].held_on for each in stored)
        meeting_id = meetings[-1].id
    client = Client(app.test_client())
    assert sign_in(client, "socialworker@demo.example", PASSWORD).status_code == 302
    html = client.get(f"/core-groups/{meeting_id}/feedback").get_data(as_text=True)
    assert texts(html, ".govuk-summary-card__title") == [
        "Funmilayo Adebayo Online",
        "Abosede Adeyemi Paper",
    ]
    words = text_of(html)
    assert MOTHER_WROTE in words and GRANDMOTHER_WROTE in words
    assert "in Yorùbá" in words and "typed in by Sam Social-Worker" in words
