"""Synthetic data includes families' feedback (issue 20), so the dashboard's feedback figures
show: feedback invitations and forms, online and on paper, for the last year's meetings, as the
models allow them."""

import re
from datetime import timedelta

from helpers import sign_in
from pages import select, texts
from sqlalchemy import func
from sqlalchemy import select as query

from conference.domain import clock
from conference.extensions import db
from conference.models import Conference, CoreGroupMeeting, FamilyFeedback, Invitation
from conference.seeding.synthetic import manager_email, seed
from conference.seeding.synthetic.feedback import COMMENTS, OFFERED_FOR_DAYS

PASSWORD = "synthetic password for the tests"


def test_synthetic_data_has_feedback_from_the_last_years_meetings(app, client):
    today = clock.today()
    with app.app_context():
        totals = seed(300, seed=5, password=PASSWORD, today=today)
        invitations = db.session.scalars(query(Invitation)).all()
        forms = db.session.scalars(query(FamilyFeedback)).all()
        held = {form.id: (form.conference or form.core_group_meeting).held_on for form in forms}
        sources = dict(
            db.session.execute(
                query(FamilyFeedback.source, func.count()).group_by(FamilyFeedback.source)
            ).all()
        )
        kinds = {form.conference_id is not None for form in forms}
        meetings = db.session.scalar(query(func.count(Conference.id))) + db.session.scalar(
            query(func.count(CoreGroupMeeting.id))
        )
        online = [form for form in forms if form.source == "online"]
        assert all(form.invitation.case_id == form.case_id for form in online)
    assert totals["invitation"] == len(invitations) > 0
    assert {invitation.purpose for invitation in invitations} == {"feedback"}
    assert sources["online"] > 0 and sources["paper"] > 0
    assert kinds == {True, False}  # after conferences and core group meetings
    assert len(forms) < len(invitations) + sources["paper"]
    assert len(forms) < meetings
    oldest = today - timedelta(days=OFFERED_FOR_DAYS)
    assert all(oldest <= day < today for day in held.values())
    said = {form.would_have_helped for form in forms} - {""}
    assert said and said <= set(COMMENTS)
    assert len({form.listened_to for form in forms}) > 2  # a spread of answers

    assert sign_in(client, manager_email(1), PASSWORD).status_code == 302
    html = client.get("/dashboard/").get_data(as_text=True)
    # The manager's own team, over the last 12 months: a response rate made of forms.
    rows = texts(select(html, 'table[data-feedback-by="team"]')[0], "tbody tr")
    assert len(rows) == 1
    assert re.search(r" \d+% \d+ of \d+ ", rows[0]), rows[0]
