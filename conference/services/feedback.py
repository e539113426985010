"""Families' feedback after a meeting (issue 20): offered with a feedback invitation's code (the
same code machinery as the views before a meeting, services/invitations.py), answered online
once, or typed in by staff from a paper form; listed for whoever may view the meeting.

Every step is audited: the offer (the invitation made, its purpose "feedback"), each online
answer with its source the invited person, each paper form entered, and each showing of the
list, which names who answered and what they wrote."""

from datetime import UTC, datetime

from sqlalchemy import select

from conference.domain import clock
from conference.domain import feedback as rules
from conference.extensions import db
from conference.models import Adult, Child, Conference, Invitation, User
from conference.models.family_voice import ONLINE, PAPER, FamilyFeedback
from conference.models.invitation import FEEDBACK
from conference.services import access, audit, invitations
from conference.services.invitations import Meeting, Person


class AlreadySent(Exception):
    """The invitation's feedback was sent already: it is sent once."""


class NotHeld(Exception):
    """Feedback is asked for after a meeting: this one is not held yet."""


class AlreadyAnswered(ValueError):
    """The person's feedback on the meeting is in already (online or on paper): one person's
    feedback counts once on the dashboard."""


# Finding the meeting


def meeting_to_view(user: User, kind: str, meeting_id: int) -> Meeting:
    """The conference ("conference") or core group meeting ("core_group") whose feedback the user
    may read: whoever may view the meeting. :raise 404: not visible."""
    if kind == "conference":
        return access.conference_to_view(user, meeting_id)
    return access.meeting_to_view(user, meeting_id)


def meeting_to_ask_for(user: User, kind: str, meeting_id: int) -> Meeting:
    """The meeting the user may offer feedback for, or enter a paper form for: whoever may invite
    for it. :raise 404: not visible. :raise 403: may not invite."""
    if kind == "conference":
        return invitations.conference_to_invite_for(user, meeting_id)
    return invitations.core_group_meeting_to_invite_for(user, meeting_id)


def may_ask(user: User, meeting: Meeting) -> bool:
    return invitations.may_invite(user, meeting)


def asked_online(person: Person) -> bool:
    """Whether the person may be offered a feedback code: an adult, or a child aged
    rules.ONLINE_FROM_AGE or over today. A younger child is asked with their trusted adult,
    and staff type it in as a paper form."""
    if not invitations.may_be_invited(person):
        return False
    if isinstance(person, Adult):
        return True
    return rules.asked_online(person.date_of_birth, clock.today())


# Offering


def offer(
    actor: User, meeting: Meeting, person: Person, days: int | None = None
) -> tuple[Invitation, str]:
    """A feedback invitation and its code, to be shown once, working `days` days from today
    (rules.DEFAULT_DAYS unless given). The person's open feedback code for this meeting, if
    any, is withdrawn: one code that works. The invitation's `version` is the first that fits
    the person: the feedback form is the same for everyone.

    :raise invitations.NotInvitable: the meeting is not held yet, or the person cannot be asked
        (a child younger than rules.ONLINE_FROM_AGE is asked on paper).
    """
    if not asked_online(person):
        raise invitations.NotInvitable("feedback online is for adults and children of 12 or over")
    version = invitations.versions_for(person)[0]
    return invitations.invite(
        actor, meeting, person, version, days or rules.DEFAULT_DAYS, purpose=FEEDBACK
    )


def open_offers(meeting: Meeting) -> list[Invitation]:
    """The meeting's feedback invitations whose code still works and whose form has not come
    back, newest first."""
    now = datetime.now(UTC)
    return [
        each
        for each in invitations.invitations_for(meeting, FEEDBACK)
        if each.open_at(now) and sent_with(each) is None
    ]


# Answering


def sent_with(invitation: Invitation) -> FamilyFeedback | None:
    return db.session.scalar(
        select(FamilyFeedback).where(FamilyFeedback.invitation_id == invitation.id)
    )


def send(
    invitation: Invitation, answers: dict[str, str | None], comment: str, language: str
) -> FamilyFeedback:
    """Store the invited person's feedback, once. Audited with its source the invited person.

    :raise AlreadySent: they sent it before. :raise ValueError: an answer no question takes.
    """
    if invitation.purpose != FEEDBACK:
        raise ValueError("the invitation is not for feedback")
    if sent_with(invitation) is not None:
        raise AlreadySent()
    feedback = _stored(invitation.meeting, invitation.person, answers, comment)
    feedback.source, feedback.invitation_id, feedback.language = ONLINE, invitation.id, language
    db.session.add(feedback)
    db.session.flush()
    source = f"invited person, invitation {invitation.id}"
    audit.record(None, "feedback sent", feedback, {"source": source, "language": language})
    return feedback


def enter_paper(
    actor: User, meeting: Meeting, person: Person | None, answers: dict, comment: str
) -> FamilyFeedback:
    """A paper feedback form, typed in by `actor`; `person` None when the form gave no name.

    A named person's open feedback code is withdrawn: their feedback is in, and an online
    answer too would count them twice.

    :raise NotHeld: the meeting is not held yet. :raise AlreadyAnswered: the person's feedback
        on the meeting is in already. :raise ValueError: an answer no question takes, someone
        not of the meeting's case, or an empty form.
    """
    if not invitations.held(meeting):
        raise NotHeld()
    if person is not None and person.case_id != meeting.case_id:
        raise ValueError("the person is not of the meeting's case")
    if person is not None and person in who_answered(meeting):
        raise AlreadyAnswered()
    if rules.empty(answers, comment):
        raise ValueError("an empty form: nothing to store")
    for invitation in open_offers(meeting):
        if invitation.person is person:
            invitations.withdraw(actor, invitation)
    feedback = _stored(meeting, person, answers, comment)
    feedback.source, feedback.entered_by_id = PAPER, actor.id
    db.session.add(feedback)
    db.session.flush()
    who = person.name if person is not None else "not given"
    audit.record(actor, "paper feedback entered", feedback, {"from": who})
    return feedback


def _stored(meeting: Meeting, person: Person | None, answers: dict, comment: str):
    for question in rules.QUESTIONS:
        if not rules.known_answer(question.field, answers.get(question.field)):
            raise ValueError(f"no such answer to {question.field}")
    is_conference = isinstance(meeting, Conference)
    return FamilyFeedback(
        case_id=meeting.case_id,
        conference_id=meeting.id if is_conference else None,
        core_group_meeting_id=None if is_conference else meeting.id,
        adult_id=person.id if isinstance(person, Adult) else None,
        child_id=person.id if isinstance(person, Child) else None,
        would_have_helped=comment.strip(),
        received_at=datetime.now(UTC),
        **{question.field: answers.get(question.field) for question in rules.QUESTIONS},
    )


# Reading


def feedback_for(meeting: Meeting) -> list[FamilyFeedback]:
    """The meeting's feedback, online and paper, oldest first."""
    column = (
        FamilyFeedback.conference_id
        if isinstance(meeting, Conference)
        else FamilyFeedback.core_group_meeting_id
    )
    return list(
        db.session.scalars(
            select(FamilyFeedback)
            .where(column == meeting.id)
            .order_by(FamilyFeedback.received_at, FamilyFeedback.id)
        )
    )


def who_answered(meeting: Meeting) -> list[Person]:
    """The people of the case whose feedback on the meeting we have (a nameless paper form
    names nobody)."""
    people: list[Person | None] = [each.adult or each.child for each in feedback_for(meeting)]
    return [person for person in people if person is not None]


def viewed(actor: User, meeting: Meeting) -> None:
    """The list names who answered and shows what they wrote: each showing is audited."""
    audit.record(actor, "feedback viewed", meeting)
