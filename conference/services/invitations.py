"""Invitations without accounts (issue 20): a named person of a case, invited for one meeting, given
a code instead of an account.

The code is shown once, when it is made, and stored only as an HMAC-SHA256 under the app's
secret key: a copy of the database reveals no code and cannot be checked against guesses
offline. 16 characters from an alphabet of 32 (no 0, 1, I or O, which are read as one another)
give 80 bits: guessing is hopeless, and wrong codes are throttled per address besides.

Who may invite: whoever may change the case (its social worker, a manager of its team, chairs)
and, for a conference, its chair (conference/services/access.py). A wrong, expired or withdrawn
code is refused alike: the person is told nothing about which.
"""

import hashlib
import hmac
import secrets
from datetime import UTC, date, datetime, time, timedelta

from flask import abort, current_app, session
from flask_login import current_user
from sqlalchemy import delete, func, select

from conference.common import sessions
from conference.domain import clock
from conference.extensions import db
from conference.models import (
    Adult,
    Case,
    Child,
    Conference,
    CoreGroupMeeting,
    Invitation,
    SignInFailure,
    User,
)
from conference.models.invitation import (
    FEEDBACK,
    LONDON,
    PARENT,
    VIEWS,
    YOUNG_PERSON,
    YOUNGER_CHILD,
)
from conference.services import access, audit, sign_in

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 5 bits each
CODE_LENGTH = 16  # 80 bits
GROUP = 4
# Typed with spaces or dashes (any kind a phone's keyboard gives) between the groups.
SEPARATORS = dict.fromkeys(map(ord, " -\u2010\u2011\u2012\u2013\u2014\u00a0\t"))
LONGEST_DAYS = 90
# Wrong codes from one address in WINDOW before every code from it is refused unchecked. The
# window is sign_in.CODE_WINDOW: failures older than that are cleared from the shared store.
WRONG_CODES_PER_ADDRESS = 10
WINDOW = sign_in.CODE_WINDOW
WAIT_MINUTES = int(WINDOW.total_seconds() // 60)
# The session's key: the invitation's id, nothing else about the person.
SESSION_KEY = "invitation"

Meeting = Conference | CoreGroupMeeting
Person = Adult | Child


class Throttled(Exception):
    """This address gave too many wrong codes lately: no code from it is checked for now."""


class NotInvitable(ValueError):
    """An invitation that makes no sense (an unborn baby, the wrong questions, a meeting already
    held): refused, nothing stored."""


# The code


def new_code() -> str:
    """A fresh code as printed: "K7QM-3XRT-9HWP-C2DA"."""
    characters = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(characters[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def normalise(typed: str) -> str:
    """The code as typed, in capitals, without the spaces and dashes between its groups."""
    return typed.translate(SEPARATORS).upper()


def code_hash(code: str, secret_key: str | bytes | None = None) -> str:
    """The HMAC-SHA256 of the code under the app's secret key (or `secret_key`)."""
    key = secret_key if secret_key is not None else current_app.config["SECRET_KEY"]
    key_bytes = key.encode() if isinstance(key, str) else key
    message = f"invitation code {normalise(code)}".encode()
    return hmac.new(key_bytes, message, hashlib.sha256).hexdigest()


def well_formed(code: str) -> bool:
    normal = normalise(code)
    return len(normal) == CODE_LENGTH and all(character in ALPHABET for character in normal)


# Who may invite


def may_invite(user: User, meeting: Meeting) -> bool:
    """The case's social worker and whoever else may change the case; for a conference, also
    its chair."""
    if isinstance(meeting, Conference):
        return access.may_change(user, meeting)
    return access.can_edit(user, meeting.case)


def conference_to_invite_for(user: User, conference_id: int) -> Conference:
    """:raise 404: not visible. :raise 403: visible, but the user may not invite for it."""
    conference = access.conference_to_view(user, conference_id)
    if not may_invite(user, conference):
        abort(403)
    return conference


def core_group_meeting_to_invite_for(user: User, meeting_id: int) -> CoreGroupMeeting:
    """:raise 404: not visible. :raise 403: visible, but the user may not invite for it."""
    meeting = access.meeting_to_view(user, meeting_id)
    if not may_invite(user, meeting):
        abort(403)
    return meeting


def invitation_to_withdraw(user: User, invitation_id: int) -> Invitation:
    """:raise 404: no such invitation, or its meeting is not visible. :raise 403: visible, but
    the user may not invite for its meeting."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None:
        abort(404)
    if invitation.conference_id is not None:
        conference_to_invite_for(user, invitation.conference_id)
    else:
        core_group_meeting_to_invite_for(user, invitation.core_group_meeting_id or 0)
    return invitation


def invitation_to_print(user: User, invitation_id: int) -> Invitation:
    """An invitation whose letter `user` may print: as `invitation_to_withdraw`, whoever may
    invite for its meeting.

    :raise 404: no such invitation, or its meeting is not visible. :raise 403: may not invite.
    """
    return invitation_to_withdraw(user, invitation_id)


def is_its_code(invitation: Invitation, code: str) -> bool:
    """Whether `code` is the invitation's own (its HMAC, compared in constant time): the code
    page sends it back to print the letter, and the code itself is never kept."""
    return well_formed(code) and hmac.compare_digest(code_hash(code), invitation.code_hash)


# Making and withdrawing


def people_of(case: Case) -> list[tuple[str, Person]]:
    """Whom an invitation may name: the case's adults, then its children, each with the value
    a form gives them ("adult:3", "child:5")."""
    return [(f"adult:{adult.id}", adult) for adult in case.adults] + [
        (f"child:{child.id}", child) for child in case.children
    ]


def may_be_invited(person: Person) -> bool:
    """An adult, or a child who is born and alive: an unborn baby has no views to give."""
    return isinstance(person, Adult) or (not person.unborn and person.died_on is None)


def versions_for(person: Person) -> tuple[str, ...]:
    """The parent's questions for an adult; a child's (chosen by age and need) for a child."""
    return (PARENT,) if isinstance(person, Adult) else (YOUNG_PERSON, YOUNGER_CHILD)


def held(meeting: Meeting, today: date | None = None) -> bool:
    """Whether the meeting's day is over: views are asked for before a meeting only."""
    return meeting.held_on < (today or clock.today())


def end_of_day(day: date) -> datetime:
    """Midnight in the UK at the end of `day`, in UTC."""
    return datetime.combine(day + timedelta(days=1), time(), LONDON).astimezone(UTC)


def expiry(meeting: Meeting, days: int | None, today: date, purpose: str = VIEWS) -> datetime:
    """The end of the meeting's day, or of the day `days` days from today. Views are asked for
    before the meeting, so a code for views never outlasts the meeting's day."""
    if days is None:
        return end_of_day(meeting.held_on)
    last_day = today + timedelta(days=days)
    return end_of_day(min(last_day, meeting.held_on) if purpose == VIEWS else last_day)


def invitations_for(meeting: Meeting, purpose: str = VIEWS) -> list[Invitation]:
    """The meeting's invitations for `purpose` (views before it, or feedback after), newest
    first."""
    return list(
        db.session.scalars(
            select(Invitation)
            .where(_of_meeting(meeting), Invitation.purpose == purpose)
            .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        )
    )


def invite(
    actor: User,
    meeting: Meeting,
    person: Person,
    version: str,
    days: int | None = None,
    purpose: str = VIEWS,
) -> tuple[Invitation, str]:
    """A new invitation and its code, to be shown once. An invitation the person still had for
    this meeting and purpose is withdrawn: one person, one meeting, one code that works. A
    feedback invitation (`purpose` FEEDBACK) is for a meeting already held.

    :raise NotInvitable: the invitation makes no sense (the forms refuse these first).
    """
    _check_invitable(meeting, person, version, purpose)
    now = datetime.now(UTC)
    for earlier in invitations_for(meeting, purpose):
        if earlier.person is person and earlier.open_at(now):
            withdraw(actor, earlier)
    code = new_code()
    invitation = Invitation(
        case_id=meeting.case_id,
        conference_id=meeting.id if isinstance(meeting, Conference) else None,
        core_group_meeting_id=meeting.id if isinstance(meeting, CoreGroupMeeting) else None,
        adult_id=person.id if isinstance(person, Adult) else None,
        child_id=person.id if isinstance(person, Child) else None,
        version=version,
        purpose=purpose,
        code_hash=code_hash(code),
        expires_at=expiry(meeting, days, clock.today(), purpose),
        created_by_id=actor.id,
        created_at=now,
    )
    db.session.add(invitation)
    db.session.flush()
    changes = {
        "person": person.name,
        "version": version,
        "expires_at": audit.plain(invitation.expires_at),
    }
    if purpose != VIEWS:
        changes["purpose"] = purpose
    audit.record(actor, "invitation made", invitation, changes)
    return invitation, code


def _check_invitable(meeting: Meeting, person: Person, version: str, purpose: str) -> None:
    if person.case_id != meeting.case_id:
        raise NotInvitable("the person is not of the meeting's case")
    if not may_be_invited(person):
        raise NotInvitable("an unborn baby or a child who died is never invited")
    if version not in versions_for(person):
        raise NotInvitable(f"the {version} questions are not for this person")
    if purpose == FEEDBACK:
        if not held(meeting):
            raise NotInvitable("the meeting is not held yet: feedback is asked for after it")
    elif held(meeting):
        raise NotInvitable("the meeting was held: views are asked for before a meeting")


def withdraw(actor: User, invitation: Invitation) -> bool:
    """Withdraw the invitation: its code opens nothing from now on. False if it was already."""
    if invitation.withdrawn:
        return False
    invitation.withdrawn_at = datetime.now(UTC)
    invitation.withdrawn_by_id = actor.id
    audit.record(actor, "invitation withdrawn", invitation)
    db.session.flush()
    return True


def viewed(actor: User, meeting: Meeting) -> None:
    """The list names the people invited: each showing is audited."""
    audit.record(actor, "invitations viewed", meeting)


def _of_meeting(meeting: Meeting):
    if isinstance(meeting, Conference):
        return Invitation.conference_id == meeting.id
    return Invitation.core_group_meeting_id == meeting.id


# Using the code (the family's side: no account, no staff sign-in)


def _throttle_key(address: str) -> str:
    """A stand-in for the address in the shared store of failures: no personal data there."""
    return hashlib.sha256(f"invitation codes {address}".encode()).hexdigest()


def throttled(address: str) -> bool:
    """Whether this address gave too many wrong codes lately: its codes are refused unchecked."""
    since = datetime.now(UTC) - WINDOW
    recent = SignInFailure.key == _throttle_key(address), SignInFailure.failed_at > since
    return (db.session.scalar(select(func.count()).where(*recent)) or 0) >= WRONG_CODES_PER_ADDRESS


def _count_failure(address: str, now: datetime) -> None:
    db.session.execute(delete(SignInFailure).where(SignInFailure.failed_at <= now - WINDOW))
    db.session.add(SignInFailure(key=_throttle_key(address), failed_at=now))
    db.session.flush()


def redeem(code: str, address: str) -> Invitation | None:
    """The invitation the code opens, or None: a wrong code, an expired or withdrawn
    invitation, alike. Each use and each refusal is audited, its source the invited person (no
    user).

    :raise Throttled: too many wrong codes from this address lately. The code is not checked,
        and the try is not counted: counting it would keep a family locked out as they retry.
    """
    if throttled(address):
        raise Throttled()
    now = datetime.now(UTC)
    found = None
    if well_formed(code):
        found = db.session.scalar(select(Invitation).where(Invitation.code_hash == code_hash(code)))
    if found is None or not found.open_at(now):
        _count_failure(address, now)
        why = "no such code" if found is None else "withdrawn" if found.withdrawn else "expired"
        audit.record(None, "invitation code refused", found, {"source": "a code typed", "why": why})
        return None
    found.last_used_at = now
    audit.record(None, "invitation used", found, {"source": _source(found)})
    return found


def _source(invitation: Invitation) -> str:
    return f"invited person, invitation {invitation.id}"


def start_responding(invitation: Invitation) -> None:
    """A new session holding the invitation's id alone. Whoever was signed in on this browser
    (a worker's phone handed over) is signed out first: a family's pages never run inside a
    staff login, and a staff page never opens with an invitation."""
    if current_user.is_authenticated:
        sign_in.sign_out(current_user)
    session.clear()
    sessions.renew()
    session[SESSION_KEY] = invitation.id


def responding() -> Invitation | None:
    """The invitation this browser's session was opened with, while it is still open."""
    invitation_id = session.get(SESSION_KEY)
    if not isinstance(invitation_id, int):
        return None
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not invitation.open_at(datetime.now(UTC)):
        return None
    return invitation


def stop_responding() -> None:
    session.pop(SESSION_KEY, None)
