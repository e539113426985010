"""Keeping and sending an invited person's views before their meeting (issue 20), from the
family's own pages: no user, the source is the invited person (as in services/invitations.py).

The answers are kept on every Continue, so a dropped connection loses at most the page being
typed, and the same code picks up where the person left off. Once sent, the row is never
changed again: staff read what was sent, nothing later. A withdrawn or expired code keeps
nothing. Each save and the send are audited; the audit row names the answers changed, never
what they say: a child's worries have no place in the audit trail."""

from datetime import UTC, datetime

from sqlalchemy import select

from conference.domain import family_views as questions
from conference.extensions import db
from conference.models import Invitation
from conference.models.family_voice import FamilyViews
from conference.services import audit

# The columns the pages fill (a younger child's pictures and `not_shared` apart).
ANSWER_COLUMNS = (
    "worries",
    "good_things",
    "hopes",
    "wishes",
    "score",
    "score_reason",
    "attending",
    "advocate",
    "helper",
    "agrees_with_report",
    "report_comment",
    "anything_else",
)


class Closed(Exception):
    """The invitation was withdrawn or has expired: nothing is kept."""


class AlreadySent(Exception):
    """The views were sent: they are never changed again."""


class NotFinished(Exception):
    """A question that must be answered is not: `page` is where."""

    def __init__(self, page: questions.Page):
        super().__init__(page.slug)
        self.page = page


def source(invitation: Invitation) -> str:
    return f"invited person, invitation {invitation.id}"


def views_of(invitation: Invitation) -> FamilyViews | None:
    return db.session.scalar(select(FamilyViews).where(FamilyViews.invitation_id == invitation.id))


def saved(views: FamilyViews | None) -> dict:
    """The answers kept so far, by column, as the question rules read them."""
    if views is None:
        return {}
    answers = {column: getattr(views, column) for column in ANSWER_COLUMNS}
    return {**answers, "pictures": dict(views.pictures or {}), "not_shared": views.not_shared}


def save(
    invitation: Invitation, page: questions.Page, reading: questions.Reading, language: str
) -> FamilyViews:
    """Keep a page's answers (checked already: `reading` has no errors).

    :raise Closed: the invitation was withdrawn or has expired.
    :raise AlreadySent: the views were sent.
    """
    now = _check_open(invitation)
    views = views_of(invitation)
    if views is None:
        views = FamilyViews(invitation=invitation, started_at=now)
        db.session.add(views)
    if views.sent:
        raise AlreadySent()
    before = saved(views)
    for column, value in reading.answers.items():
        setattr(views, column, value)
    if reading.pictures:
        views.pictures = {**(views.pictures or {}), **reading.pictures}
    on_page = {question.key for question in page.kept}
    kept_elsewhere = [key for key in (views.not_shared or []) if key not in on_page]
    views.not_shared = sorted({*kept_elsewhere, *reading.kept})
    views.language = language
    views.updated_at = now
    changed = sorted(key for key, value in saved(views).items() if before.get(key) != value)
    details = {"source": source(invitation), "page": page.slug, "answers changed": changed}
    audit.record(None, "family views saved", views, details)
    db.session.flush()
    return views


def send(invitation: Invitation) -> FamilyViews:
    """Send the views to the social worker and the chair: from now on they are never changed.

    :raise Closed: the invitation was withdrawn or has expired.
    :raise AlreadySent: they were sent already.
    :raise NotFinished: a question that must be answered is not.
    """
    now = _check_open(invitation)
    views = views_of(invitation)
    if views is not None and views.sent:
        raise AlreadySent()
    missing = questions.missing_before_sending(invitation.version, saved(views))
    if views is None or missing is not None:
        raise NotFinished(missing or questions.pages_of(invitation.version)[0])
    views.sent_at = now
    audit.record(None, "family views sent", views, {"source": source(invitation)})
    db.session.flush()
    return views


def _check_open(invitation: Invitation) -> datetime:
    now = datetime.now(UTC)
    if not invitation.open_at(now):
        raise Closed()
    return now
