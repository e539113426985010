"""The demo family's views before the review conference (issue 20), fictional: Kemi (13)
answered the young person's questions with the code her social worker gave her, and the chair
accepted them into the review (her houses, her wishes and her own score; what worries her is
kept from her parents, as she asked). Funmilayo, the mother, answered the parent's questions in
Yorùbá; her views wait for the social worker and the chair to read."""

from datetime import UTC, date, datetime, time, timedelta

from conference.extensions import db
from conference.models import Conference, FamilyViews, Invitation, User
from conference.models.invitation import PARENT, VIEWS, YOUNG_PERSON
from conference.services import views_acceptance
from conference.services.invitations import code_hash, end_of_day, new_code

KEMI, MOTHER = "Kemi", "Funmilayo"


def demo_views(review: Conference, social_worker: User, chair: User, today: date) -> None:
    """Invited nine days before `today`, answered within the week; Kemi's views accepted by the
    chair two days before `today`. The codes stopped working at `today` at the latest: nothing
    in the demo is dated after it but what is scheduled."""
    invited = datetime.combine(today - timedelta(days=9), time(15), tzinfo=UTC)
    kemi = next(child for child in review.case.children if child.given_name == KEMI)
    mother = next(adult for adult in review.case.adults if adult.given_name == MOTHER)
    hers = _sent(review, social_worker, invited, {"child": kemi}, YOUNG_PERSON, _kemi_said())
    _sent(review, social_worker, invited, {"adult": mother}, PARENT, _mother_said())
    views_acceptance.accept(chair, hers.invitation, hers)
    hers.decided_at = datetime.combine(today - timedelta(days=2), time(11), tzinfo=UTC)


def _sent(review, social_worker, invited, person, version, answers) -> FamilyViews:
    invitation = Invitation(
        case_id=review.case_id,
        conference=review,
        version=version,
        purpose=VIEWS,
        code_hash=code_hash(new_code()),  # a code nobody was shown: the demo's is fictional
        expires_at=min(end_of_day(review.held_on), end_of_day(invited.date() + timedelta(days=8))),
        created_by_id=social_worker.id,
        created_at=invited,
        last_used_at=invited + timedelta(days=2, hours=4),
        **person,
    )
    views = FamilyViews(
        invitation=invitation,
        started_at=invited + timedelta(days=1, hours=4),
        updated_at=invited + timedelta(days=2, hours=4),
        sent_at=invited + timedelta(days=2, hours=4),
        **answers,
    )
    db.session.add_all([invitation, views])
    db.session.flush()
    return views


def _kemi_said() -> dict:
    return {
        "language": "en",
        "worries": "Mum and Dad still argue at night sometimes. I worry Dad will come back "
        "angry and Tolu will be scared again.",
        "good_things": "Dad doesn't come round when he's been drinking now. Grandma picks us up "
        "on Thursdays. I went to youth group every week.",
        "hopes": "That we can all have tea together without anyone shouting.",
        "wishes": "I want to keep seeing Dad but only at Grandma's. I want my own worker to "
        "talk to.",
        "score": 6,
        "score_reason": "It is better than before because it is calmer but it is not fixed yet.",
        "attending": "part",
        "advocate": "yes",
        "not_shared": ["worries"],
    }


def _mother_said() -> dict:
    # In Yorùbá, as she answered: what is working, what worries her, what needs to happen.
    return {
        "language": "yo",
        "good_things": "Àwọn ọmọ ń lọ sí ilé-ìwé lójoojúmọ́. Màmá mi ń ràn mí lọ́wọ́ ní ọjọ́ Ẹtì.",
        "worries": "Mo ń bẹ̀rù pé wọ́n máa gba àwọn ọmọ mi lọ́wọ́ mi.",
        "wishes": "Mo fẹ́ kí ẹnìkan ràn mí lọ́wọ́ pẹ̀lú owó ilé àti àwọn ìwé láti ilé-ẹjọ́.",
        "agrees_with_report": "partly",
        "report_comment": "Ìròyìn náà kò sọ pé mo ti lọ sí gbogbo ìpàdé.",
        "anything_else": "Ẹ jọ̀ọ́, ẹ fi ìwé ránṣẹ́ sí mi ní èdè Yorùbá.",
    }
