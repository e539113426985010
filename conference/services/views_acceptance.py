"""Staff reading a family's views before a meeting, and accepting them into the record or
leaving them out (issue 20). The rules of what goes where are in
conference/domain/views_acceptance.py.

Who reads them: whoever may see the meeting (conference/services/access.py). Who decides: the
people who may invite for it (services/invitations.py: the case's social worker, whoever else
may change the case, and the conference's chair). Only views that were sent show their answers.

A finalised conference is never changed: its views can be read, not accepted. A completed core
group meeting is reopened first. Views are decided once: the first decision claims the row (a
conditional update), so a second press of the button, or someone else's at the same moment,
changes nothing. Every read and decision is audited; the writes it makes are audited as the
pages that make them by hand audit theirs. The caller commits.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import abort
from sqlalchemy import select, update

from conference.domain import mapping
from conference.domain import views_acceptance as rules
from conference.extensions import db
from conference.models import (
    ChildVoice,
    Conference,
    CoreGroupMeeting,
    CoreGroupScore,
    Invitation,
    MapItem,
    User,
)
from conference.models.family_voice import FamilyViews
from conference.models.invitation import VIEWS
from conference.services import access, audit, invitations
from conference.services.conferences import kept_from_family
from conference.services.conferences import voice as voices

Meeting = Conference | CoreGroupMeeting


@dataclass(frozen=True)
class Listed:
    """One invitation to give views, as the meeting's page lists it."""

    invitation: Invitation
    status: str
    sent: bool


def views_of(invitation: Invitation) -> FamilyViews | None:
    query = select(FamilyViews).where(FamilyViews.invitation_id == invitation.id)
    return db.session.scalar(query)


def own_scores(conference: Conference) -> list[rules.OwnScore]:
    """The children's own scores from their views accepted into the conference, in the order
    they were sent, for the scaling page (staff only: kept-back parts are marked, not left out)."""
    query = (
        select(FamilyViews)
        .join(Invitation, FamilyViews.invitation_id == Invitation.id)
        .where(Invitation.conference_id == conference.id, Invitation.purpose == VIEWS)
        .where(Invitation.version.in_(rules.CHILD_VERSIONS), Invitation.child_id.is_not(None))
        .where(FamilyViews.outcome == rules.ACCEPTED, FamilyViews.score.is_not(None))
        .order_by(FamilyViews.sent_at, FamilyViews.id)
    )
    found = [
        rules.own_score(views, views.invitation.person.name) for views in db.session.scalars(query)
    ]
    return [score for score in found if score is not None]


def listed(meeting: Meeting) -> list[Listed]:
    """The meeting's invitations to give views, newest first, each with where its views are
    at. A withdrawn invitation with nothing sent is left out: a new one replaced it."""
    found = []
    for invitation in invitations.invitations_for(meeting):
        if invitation.purpose != VIEWS:
            continue
        views = views_of(invitation)
        sent = views is not None and views.sent
        if invitation.withdrawn and not sent:
            continue
        outcome = views.outcome if views is not None else rules.WAITING
        found.append(Listed(invitation, rules.status(views is not None, sent, outcome), sent))
    return found


# Whose they are to read and to decide.


def invitation_to_read(user: User, invitation_id: int) -> Invitation:
    """:raise 404: no such invitation to give views, or its meeting is not visible."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.purpose != VIEWS:
        abort(404)
    if invitation.conference_id is not None:
        access.conference_to_view(user, invitation.conference_id)
    else:
        access.meeting_to_view(user, invitation.core_group_meeting_id or 0)
    return invitation


def invitation_to_decide(user: User, invitation_id: int) -> Invitation:
    """:raise 404: as for reading. :raise 403: visible, but not theirs to accept."""
    invitation = invitation_to_read(user, invitation_id)
    if not invitations.may_invite(user, invitation.meeting):
        abort(403)
    return invitation


def may_decide(user: User, invitation: Invitation) -> bool:
    return invitations.may_invite(user, invitation.meeting)


def read(actor: User, invitation: Invitation) -> None:
    """Each showing of the answers is audited."""
    event = audit.record(actor, "view views before the meeting", invitation)
    event.case_id = invitation.case_id


def why_not_decidable(invitation: Invitation, views: FamilyViews | None) -> str | None:
    """Why nothing can be decided now, in words for the page; None when it can."""
    if views is None or not views.sent:
        return "They have not sent their views yet."
    if views.outcome != rules.WAITING:
        return "These views were decided already. Nothing was changed."
    meeting = invitation.meeting
    if isinstance(meeting, Conference) and meeting.finalised:
        return "The conference is finalised: its record is never changed."
    if isinstance(meeting, CoreGroupMeeting) and meeting.completed_at is not None:
        return "The meeting’s record is complete. Reopen it first."
    return None


# Deciding.


def _claim(actor: User, views: FamilyViews, outcome: str, note: str = "") -> bool:
    """Mark the views decided, if nobody has yet: False (nothing changed) otherwise."""
    done = db.session.execute(
        update(FamilyViews)
        .where(FamilyViews.id == views.id, FamilyViews.outcome == rules.WAITING)
        .where(FamilyViews.sent_at.is_not(None))
        .values(
            outcome=outcome,
            outcome_note=note,
            decided_by_id=actor.id,
            decided_at=datetime.now(UTC),
        )
    )
    db.session.expire(views)
    return bool(done.rowcount)  # type: ignore[attr-defined]


def _audit_decision(actor: User, invitation: Invitation, views: FamilyViews, added: list) -> None:
    """Names what was added by kind and id, never by what it says."""
    changes: dict[str, list] = {"outcome": [rules.WAITING, views.outcome]}
    if added:
        changes["added"] = [None, added]
    action = "accept views" if views.outcome == rules.ACCEPTED else "do not use views"
    event = audit.record(actor, action, views, changes)
    event.case_id = invitation.case_id


def not_used(actor: User, invitation: Invitation, views: FamilyViews, reason: str) -> bool:
    """Leave the views out of the record, for `reason`. False: decided already."""
    if not _claim(actor, views, rules.NOT_USED, reason.strip()):
        return False
    _audit_decision(actor, invitation, views, [])
    return True


def accept(
    actor: User, invitation: Invitation, views: FamilyViews, places: dict[str, str] | None = None
) -> bool:
    """Accept the views into the record: a child's into their voice (their own score into
    their own words, never among the conference's scores: see own_scores), a parent's into
    the places chosen (`places`: answer -> heading key, PARENTS_COMMENTS or DO_NOT_ADD); at
    a core group meeting, a child's score only. False: decided already.

    :raise access.ConferenceFinalised: the conference is finalised (checked first by the page).
    """
    meeting = invitation.meeting
    if isinstance(meeting, Conference) and meeting.finalised:
        raise access.ConferenceFinalised(meeting)
    if not _claim(actor, views, rules.ACCEPTED):
        return False
    if isinstance(meeting, CoreGroupMeeting):
        added = _core_group_score(actor, invitation, meeting, views)
    elif invitation.version in rules.CHILD_VERSIONS:
        added = _child_into(actor, invitation, meeting, views)
    else:
        added = _parent_into(actor, invitation, meeting, views, places or {})
    _audit_decision(actor, invitation, views, added)
    db.session.flush()
    return True


def _child_into(actor, invitation, conference, views) -> list:
    child = invitation.child
    pieces = rules.child_pieces(views, child.given_name, True)
    added = []
    if pieces:
        voice = _voice_of(actor, conference, child)
        for piece in pieces:
            setattr(voice, piece.field, rules.appended(getattr(voice, piece.field), piece.text))
        methods = list(voice.methods or [])
        voice.methods = methods + [m for m in ("houses", "app") if m not in methods]
        changes = audit.changes_of(voice)
        if changes:
            _audit_voice(actor, "update", voice, conference, changes)
        db.session.flush()
        added.append(["child_voice", voice.id])
        for piece in pieces:
            if piece.not_shared:
                key = ("child_voice", voice.id, piece.field)
                kept_from_family.keep(actor, conference, key, rules.kept_reason(child.given_name))
    # Their own score is in their own words (rules.own_words_said) and stays data on their
    # views (own_scores): never one of the conference's scores, asked differently, before it.
    return added


def _voice_of(actor, conference: Conference, child) -> ChildVoice:
    """The child's voice at the conference, made if there is none yet."""
    voice = voices.voice_of(conference, child)
    if voice is None:
        voice = ChildVoice(conference_id=conference.id, child_id=child.id)
        db.session.add(voice)
        db.session.flush()
        _audit_voice(actor, "create", voice, conference, {"child_id": [None, child.id]})
    return voice


def _audit_voice(actor, action: str, voice: ChildVoice, conference, changes: dict) -> None:
    """As the voice page audits it: under the conference's case."""
    event = audit.record(actor, action, voice, changes)
    event.case_id = conference.case_id


def _wording(version: str) -> dict:
    """The question the child was asked, which their score keeps (domain rules)."""
    wording = rules.child_score_wording(version)
    return {
        "question": wording.question,
        "zero_means": wording.zero_means,
        "ten_means": wording.ten_means,
        "polarity": wording.polarity,
    }


def _scored(score) -> dict:
    return {"person": score.person_name, "value": score.value, "polarity": score.polarity}


def _parent_into(actor, invitation, conference, views, places: dict[str, str]) -> list:
    adult = invitation.adult
    added = []
    for answer, text in rules.parent_answers(views).items():
        place = places.get(answer, rules.DO_NOT_ADD)
        if place == rules.PARENTS_COMMENTS:
            piece = rules.parents_comment(adult.given_name, True, text)
            conference.parents_comments = rules.appended(conference.parents_comments, piece)
            audit.record(actor, "update", conference, audit.changes_of(conference))
            added.append(["conference", conference.id, "parents_comments"])
        elif place in mapping.HEADING_KEYS:
            item = _map_item(actor, conference, views, answer, text, place, adult.name)
            added.append(["map_item", item.id])
    return added


def _map_item(actor, conference, views, answer, text, heading, raised_by) -> MapItem:
    under = [item.position for item in conference.map_items if item.heading == heading]
    item = MapItem(
        conference=conference,
        heading=heading,
        text=text,
        raised_by=raised_by,
        child_ids=[],
        source=rules.map_source(views.id, answer),
        position=max(under, default=-1) + 1,
    )
    db.session.add(item)
    db.session.flush()
    event = audit.record(actor, "create", item, audit.changes_of(item) or None)
    event.case_id = conference.case_id
    return item


def _core_group_score(actor, invitation, meeting, views) -> list:
    """At a core group meeting nothing is accepted into a conference: a child's own score is
    recorded as their score at the meeting, and the views are marked accepted (read)."""
    if invitation.child is None or not rules.score_goes_in(views):
        return []
    score = CoreGroupScore(
        meeting=meeting,
        child_id=invitation.child.id,
        person_name=invitation.child.given_name,
        role_label=rules.SCORE_ROLE,
        value=views.score,
        reason=rules.score_reason(views),
        **_wording(invitation.version),
    )
    db.session.add(score)
    db.session.flush()
    audit.record(actor, "score", meeting, {"scores": [None, [_scored(score)]]})
    return [["core_group_score", score.id]]
