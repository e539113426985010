"""Each person's own copy of the family plan (issue 19): the recording attached for it, and
the two things staff do that are audited: the chair (or a manager) agreeing that a young person
has their own copy, and staff confirming, before a copy is printed whose words are in English
for someone who reads another language, that an interpreter will go through it with them. The
caller commits."""

from sqlalchemy import select

from conference.extensions import db
from conference.models import AudioCopy, Child, Plan, Role, User
from conference.services import access, audit


def whose(kind: str, person_id: int) -> str:
    """How the audit trail and the print-plan command name a person: "adult:12", "child:7"."""
    return f"{kind}:{person_id}"


def audio_copy_for(plan: Plan, kind: str, person_id: int) -> AudioCopy | None:
    """The recording attached for this person's copy of the plan, if any."""
    column = AudioCopy.adult_id if kind == "adult" else AudioCopy.child_id
    query = select(AudioCopy).where(AudioCopy.plan_id == plan.id, column == person_id)
    return db.session.scalars(query.order_by(AudioCopy.id.desc())).first()


def may_agree_own_copy(user: User, plan: Plan) -> bool:
    """Only the chair of the conference that made the plan, or a manager of the case's team,
    agrees that a young person has their own copy: the chair weighs what the young person can
    safely keep."""
    if access.chairs(user, plan.conference):
        return True
    return user.role == Role.MANAGER and access.can_edit(user, plan.case)


def agree_own_copy(actor: User, child: Child, agreed: bool) -> bool:
    """Record whether `child` has their own copy; False when it was already so."""
    if child.own_copy == agreed:
        return False
    child.own_copy = agreed
    audit.record(actor, "update", child, audit.changes_of(child))
    return True


def confirm_interpreter(
    actor: User | None, plan: Plan, person: str, language: str, document: str = "family"
) -> None:
    """Record that the printer was told `document`'s words are in English and confirmed an
    interpreter will go through them with `person` ("adult:12"; `actor` None: the command
    line)."""
    audit.record(
        actor,
        "interpreter-confirmed",
        plan,
        {"for": [None, person], "language": [None, language], "document": [None, document]},
    )


def view_copy(actor: User, plan: Plan, person: str) -> None:
    """Audit a look at a person's copy before printing (who looked at whose)."""
    audit.record(actor, "view own copy", plan, {"for": [None, person]})
