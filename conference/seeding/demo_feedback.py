"""The demo family's feedback on their last core group meeting (issue 20): Funmilayo, the
mother, answered online in Yorùbá with the feedback code her social worker gave her; Abosede,
the grandmother, filled in the paper form, which the social worker typed in. Fictional."""

from datetime import UTC, date, datetime, time, timedelta

from conference.domain import feedback as rules
from conference.models import CoreGroupMeeting, Invitation, User
from conference.models.family_voice import ONLINE, PAPER, FamilyFeedback
from conference.models.invitation import FEEDBACK, PARENT
from conference.services.invitations import code_hash, end_of_day, new_code

MOTHER, GRANDMOTHER = "Funmilayo", "Abosede"
# "The papers came the day before: send them earlier, so that I have time to read them."
MOTHER_WROTE = (
    "Ìwé náà dé ní ọjọ́ kan ṣáájú ìpàdé. Ẹ fi ránṣẹ́ ní kùtùkùtù, kí n lè ní àkókò láti kà á."
)
GRANDMOTHER_WROTE = (
    "The papers in large print. A meeting after 10 o’clock, so I can come on the bus."
)


def demo_feedback(meeting: CoreGroupMeeting, social_worker: User, today: date) -> list:
    """The invitation and the two answers, to be added to the session: offered the day after
    the meeting, answered within the week (the demo's last core group is about two weeks before
    its today, conference/seeding/demo_core_groups.py). The code was made for a week, and has
    expired by `today`: nothing in the demo is dated after it."""
    adults = {adult.given_name: adult for adult in meeting.case.adults}
    offered = datetime.combine(meeting.held_on + timedelta(days=1), time(10), tzinfo=UTC)
    sent = offered + timedelta(days=1, hours=9)
    invitation = Invitation(
        case_id=meeting.case_id,
        core_group_meeting=meeting,
        adult=adults[MOTHER],
        version=PARENT,
        purpose=FEEDBACK,
        code_hash=code_hash(new_code()),  # a code nobody was shown: the demo's is fictional
        expires_at=min(
            end_of_day(offered.date() + timedelta(days=7)),
            datetime.combine(today, time(), tzinfo=UTC),
        ),
        created_by_id=social_worker.id,
        created_at=offered,
        last_used_at=sent,
    )
    online = FamilyFeedback(
        case_id=meeting.case_id,
        core_group_meeting=meeting,
        invitation=invitation,
        adult=adults[MOTHER],
        source=ONLINE,
        language="yo",
        listened_to=rules.YES,
        understood_decisions=rules.YES,
        understood_next_steps=rules.PARTLY,
        documents_in_time=rules.NO,
        documents_readable=rules.YES,
        advocate=rules.HAD_ONE,
        would_have_helped=MOTHER_WROTE,
        received_at=sent,
    )
    paper = FamilyFeedback(
        case_id=meeting.case_id,
        core_group_meeting=meeting,
        adult=adults[GRANDMOTHER],
        source=PAPER,
        language="en",
        listened_to=rules.PARTLY,
        understood_decisions=rules.YES,
        understood_next_steps=rules.YES,
        documents_in_time=rules.YES,
        documents_readable=rules.PARTLY,
        advocate=rules.DID_NOT_WANT,
        would_have_helped=GRANDMOTHER_WROTE,
        received_at=sent + timedelta(days=3),
        entered_by_id=social_worker.id,
    )
    return [invitation, online, paper]
