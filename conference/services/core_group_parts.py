"""A core group meeting recorded in parts, each saved on its own by whoever records it: the date
and who came, each goal, each action, each agency's own update, and the views, scores and next
meeting. `CoreGroupSection` keeps who last saved which part and when, for the contents list.

Two people saving different parts both keep their work: each part writes only its own rows.
Two saving the same part: each page carries a fingerprint of the part as it was shown, and a
save whose part has changed since is refused (`PartChanged`) so the page can show the
difference. An agency's update is Versioned and refused the same way.

Every function that writes takes the acting user and adds its audit rows in the same
transaction; the caller commits.
"""

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from conference.domain import core_group_schedule as schedule_rules
from conference.domain import scaling
from conference.domain.views_acceptance import SCORE_ROLE
from conference.domain.vocabulary import ACTION_OUTCOMES, RATINGS
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import (
    ActionUpdate,
    AgencyUpdate,
    Case,
    CoreGroupAttendance,
    CoreGroupMeeting,
    CoreGroupScore,
    CoreGroupSection,
    GoalProgress,
    Plan,
    PlanAction,
    Role,
    User,
)
from conference.models.types import utc_now
from conference.services import audit, records
from conference.services import core_groups as meetings
from conference.services.conferences.scaling import Wording

ATTENDANCE, GOALS, ACTIONS, VIEWS = "attendance", "goals", "actions", "views"
AGENCY = "agency:"
# Internal staff have no agency of their own on their account: theirs is the council's.
OWN_SERVICE = "Children’s Social Care"
CAME, APOLOGIES, DID_NOT_COME = "attended", "apologies", "did_not_attend"
ATTENDANCE_CHOICES = {
    CAME: "Came",
    APOLOGIES: "Sent apologies",
    DID_NOT_COME: "Invited, did not come",
}


# The keys of a row of this meeting's record, and of one of the meeting before.
SAVED, LAST = "row-", "last-"
NOT_THEIR_OWN = (SAVED, LAST)


class PartChanged(Exception):
    """Someone else saved this part of the meeting after the page was shown."""


class MeetingComplete(Exception):
    """The meeting's record is complete: it is reopened before anything in it changes."""


# Starting a meeting.


def start_meeting(
    actor: User, case: Case, plan: Plan, held_on: date, chaired_by: str = ""
) -> CoreGroupMeeting:
    """A meeting with only its date (and who chaired, if given): the rest is recorded in parts.
    Not complete until `complete_meeting`."""
    meeting = CoreGroupMeeting(
        case_id=case.id,
        plan_id=plan.id,
        held_on=held_on,
        chaired_by=chaired_by.strip(),
        recorded_by_id=actor.id,
        completed_at=None,
    )
    db.session.add(meeting)
    changes = audit.changes_of(meeting)  # before the flush, which forgets what changed
    db.session.flush()
    audit.record(actor, "create", meeting, changes)
    return meeting


# The people to tick off.


@dataclass(frozen=True)
class Invitee:
    """Someone who may be at the meeting: `key` names their row on the form."""

    key: str
    name: str
    role: str = ""
    agency: str = ""
    user_id: int | None = None
    child_id: int | None = None
    is_parent: bool = False
    attendance: str | None = None  # as saved for this meeting, if it was
    apologies_reason: str = ""

    @property
    def label(self) -> str:
        where = ", ".join(part for part in (self.role, self.agency) if part)
        return f"{self.name} – {where}" if where else self.name


def invitees(meeting: CoreGroupMeeting) -> list[Invitee]:
    """Who to tick off, each once: whoever this meeting's record already lists; then the people
    at the last core group; the core group (the family's adults and the people the plan's
    conference named); the practitioners given access as members; and the children."""
    found: list[Invitee] = []
    for person in _candidates(meeting):
        if not person.name.strip():
            continue
        same = next((n for n, other in enumerate(found) if _same_person(person, other)), None)
        if same is None:
            found.append(person)
        elif found[same].key.startswith(NOT_THEIR_OWN) and not person.key.startswith(NOT_THEIR_OWN):
            # Named by who they are (in the family, the core group), not by a row: a page shown
            # before a save and one shown after it name the same person the same way, so a
            # save cannot list them twice.
            found[same] = replace(found[same], key=person.key)
    return found


def _candidates(meeting: CoreGroupMeeting):
    for row in meeting.attendance:
        yield _from_row(row, f"{SAVED}{row.id}", saved=True)
    last = meetings.previous_meeting(meeting.case, meeting)
    for row in last.attendance if last else []:
        yield _from_row(row, f"{LAST}{row.id}", saved=False)
    for member in meetings.core_group_of(meeting.plan):
        yield Invitee(
            member.key,
            member.name,
            member.role,
            member.agency,
            member.user_id,
            is_parent=member.is_parent,
        )
    for member in meeting.case.core_group:
        user = member.user
        if user.role == Role.ADMIN:
            continue  # administrators run the service; they are not offered as attendees
        yield Invitee(f"user-{user.id}", user.name, user.role_label, user.agency, user.id)
    for child in meeting.case.children:
        if child.date_of_birth is not None:  # an unborn baby does not attend
            yield Invitee(f"child-{child.id}", child.given_name, "Child", child_id=child.id)


def _same_person(one: Invitee, other: Invitee) -> bool:
    if one.child_id is not None or other.child_id is not None:
        return one.child_id == other.child_id
    if one.user_id is not None and one.user_id == other.user_id:
        return True
    return one.name.casefold() == other.name.casefold()


def _from_row(row: CoreGroupAttendance, key: str, saved: bool) -> Invitee:
    return Invitee(
        key,
        row.name,
        row.role,
        row.agency,
        row.user_id,
        row.child_id,
        row.is_parent,
        row.attendance if saved else None,
        row.apologies_reason if saved else "",
    )


@dataclass(frozen=True)
class Answered:
    attendance: str
    apologies_reason: str = ""


def save_attendance(
    actor: User,
    meeting: CoreGroupMeeting,
    shown: str,
    held_on: date,
    chaired_by: str,
    answers: dict[str, Answered],
) -> None:
    """The date, who chaired and who came. Whoever is not answered is not listed.

    :raise PartChanged: the part was saved by someone else since `shown`."""
    _check_unchanged(meeting, ATTENDANCE, shown)
    before = attendance_saved(meeting)
    people = {person.key: person for person in invitees(meeting)}
    meeting.held_on, meeting.chaired_by = held_on, chaired_by.strip()
    meeting.attendance = [
        CoreGroupAttendance(
            name=person.name,
            role=person.role,
            agency=person.agency,
            user_id=person.user_id,
            child_id=person.child_id,
            is_parent=person.is_parent,
            attendance=answer.attendance,
            apologies_reason=answer.apologies_reason.strip()
            if answer.attendance == APOLOGIES
            else "",
        )
        for key, answer in answers.items()
        if (person := people.get(key)) is not None
    ]
    _saved(actor, meeting, ATTENDANCE, before, attendance_saved(meeting))


def add_person(
    actor: User,
    meeting: CoreGroupMeeting,
    name: str,
    attendance: str,
    role: str = "",
    agency: str = "",
    apologies_reason: str = "",
) -> None:
    """Someone not on the list, in one short form."""
    lock(meeting)
    row = CoreGroupAttendance(
        name=name.strip(),
        role=role.strip(),
        agency=agency.strip(),
        attendance=attendance,
        apologies_reason=apologies_reason.strip() if attendance == APOLOGIES else "",
    )
    before = attendance_saved(meeting)
    meeting.attendance.append(row)
    _saved(actor, meeting, ATTENDANCE, before, attendance_saved(meeting))


def attendance_saved(meeting: CoreGroupMeeting) -> dict[str, str]:
    shown = {
        "Date of the meeting": long_date(meeting.held_on),
        "Who chaired the meeting": meeting.chaired_by,
    }
    for row in meeting.attendance:
        said = ATTENDANCE_CHOICES.get(row.attendance, row.attendance)
        reason = f": {row.apologies_reason}" if row.apologies_reason else ""
        shown[row.name] = said + reason
    return shown


# The goals.


@dataclass(frozen=True)
class GoalAnswer:
    discussed: bool
    where_now: str = ""
    rating: str | None = None
    evidence: str = ""
    said_by: str = ""


def save_goals(
    actor: User, meeting: CoreGroupMeeting, shown: str, answers: dict[int, GoalAnswer]
) -> None:
    """Each goal answered: discussed, with where things are now, or not discussed this time
    (no rating then). A goal left unanswered is not recorded yet.

    :raise PartChanged: the part was saved by someone else since `shown`."""
    _check_unchanged(meeting, GOALS, shown)
    before = goals_saved(meeting)
    saved = {row.goal_id: row for row in meeting.progress}
    kept = []
    for goal_id, answer in answers.items():
        row = saved.pop(goal_id, None) or GoalProgress(goal_id=goal_id)
        row.discussed = answer.discussed
        row.where_now = answer.where_now.strip() if answer.discussed else ""
        row.rating = answer.rating if answer.discussed else None
        row.evidence = answer.evidence.strip() if answer.discussed else ""
        row.said_by = answer.said_by.strip() if answer.discussed else ""
        row.recorded_by_id = actor.id
        kept.append(row)
    meeting.progress = kept
    _saved(actor, meeting, GOALS, before, goals_saved(meeting))


def goals_saved(meeting: CoreGroupMeeting) -> dict[str, str]:
    numbers = meetings.goal_numbers(meeting.plan)
    shown = {}
    for row in sorted(meeting.progress, key=lambda row: numbers.get(row.goal_id, 0)):
        label = f"Goal {numbers.get(row.goal_id, '')}"
        if not row.discussed:
            shown[label] = "Not discussed this time"
        else:
            shown[label] = f"{RATINGS.get(row.rating or '', row.rating)}: {row.where_now}"
            shown[f"{label}: the evidence"] = row.evidence
            shown[f"{label}: who said so"] = row.said_by
    return shown


# The actions.


@dataclass(frozen=True)
class ActionAnswer:
    status: str
    note: str = ""


def save_actions(
    actor: User,
    meeting: CoreGroupMeeting,
    shown: str,
    answers: dict[int, ActionAnswer],
    part: str = ACTIONS,
) -> None:
    """What happened to each action answered; the others are left as they were saved (another
    agency may have recorded them). Each action's status is brought up to date.

    :raise PartChanged: the part was saved by someone else since `shown`."""
    _check_unchanged(meeting, part, shown)
    before = actions_saved(meeting, set(answers))
    _write_actions(actor, meeting, answers)
    _saved(actor, meeting, part, before, actions_saved(meeting, set(answers)))
    meetings.bring_statuses_up_to_date(actor, set(answers))


def _write_actions(actor: User, meeting: CoreGroupMeeting, answers: dict[int, ActionAnswer]):
    saved = {row.action_id: row for row in meeting.action_updates}
    for action_id, answer in answers.items():
        row = saved.get(action_id)
        note = answer.note.strip()
        if row is not None and (row.status, row.note) == (answer.status, note):
            continue  # pre-filled and left as it was: still whoever recorded it
        if row is None:
            row = ActionUpdate(action_id=action_id, status=answer.status)
            meeting.action_updates.append(row)
        row.status, row.note, row.recorded_by_id = answer.status, note, actor.id


def actions_saved(meeting: CoreGroupMeeting, only: set[int] | None = None) -> dict[str, str]:
    shown = {}
    for row in sorted(meeting.action_updates, key=lambda row: row.action_id):
        if only is None or row.action_id in only:
            what = row.action.what if row.action else str(row.action_id)
            status = ACTION_OUTCOMES.get(row.status, row.status)
            shown[what] = f"{status}: {row.note}" if row.note else status
    return shown


def agency_actions(user: User, items: list[meetings.GoalItem]) -> list[tuple[int, PlanAction]]:
    """The actions of the goals in force that name the user or their agency in "who"."""
    names = [n.casefold() for n in (user.name, agency_of(user)) if n]
    return [
        (item.number, action)
        for item in items
        for _number, action in item.actions
        if any(name in (action.who or "").casefold() for name in names)
    ]


# Each agency's own update.


def agency_of(user: User) -> str:
    return (user.agency or "").strip() or OWN_SERVICE


def agency_update(meeting: CoreGroupMeeting, agency: str) -> AgencyUpdate | None:
    return db.session.scalar(
        select(AgencyUpdate).where(
            AgencyUpdate.meeting_id == meeting.id, AgencyUpdate.agency == agency
        )
    )


def agency_updates(meeting: CoreGroupMeeting) -> list[AgencyUpdate]:
    query = select(AgencyUpdate).where(AgencyUpdate.meeting_id == meeting.id)
    return list(db.session.scalars(query.order_by(AgencyUpdate.agency)))


def save_agency_update(
    actor: User,
    meeting: CoreGroupMeeting,
    version: int | None,
    summary: str,
    shown_actions: str,
    actions: dict[int, ActionAnswer],
) -> None:
    """The actor's agency's own update, and what happened to its actions.

    :raise records.StaleVersion: someone else saved the update since `version`.
    :raise PartChanged: someone else saved one of its actions since `shown_actions`."""
    lock(meeting)
    agency = agency_of(actor)
    update = agency_update(meeting, agency)
    if update is not None and version != update.version:
        raise records.StaleVersion(update)
    part = AGENCY + agency
    if _fingerprint(actions_saved(meeting, set(actions))) != shown_actions:
        raise PartChanged(part)
    label = f"Update from {agency}"
    before = {label: update.summary if update else ""} | actions_saved(meeting, set(actions))
    if update is None:
        update = AgencyUpdate(meeting_id=meeting.id, agency=agency)
        db.session.add(update)
    update.summary = summary.strip()
    update.recorded_by_id, update.recorded_at = actor.id, utc_now()
    _write_actions(actor, meeting, actions)
    after = {label: update.summary} | actions_saved(meeting, set(actions))
    # Audited against the meeting, so that it is in the case's history.
    _saved(actor, meeting, part, before, after, force=True)
    meetings.bring_statuses_up_to_date(actor, set(actions))


# The views, scores and the next meeting.


@dataclass(frozen=True)
class Scored:
    name: str
    role_label: str
    value: int
    reason: str
    is_parent: bool = False
    child_id: int | None = None


def save_views(
    actor: User,
    meeting: CoreGroupMeeting,
    shown: str,
    fields: dict,
    scores: list[Scored],
    wording: Wording,
) -> None:
    """The children's and parents' views, the scores, the next meeting and who gets the notes.

    :raise PartChanged: the part was saved by someone else since `shown`."""
    _check_unchanged(meeting, VIEWS, shown)
    before = views_saved(meeting)
    for name in ("child_views", "parents_views", "next_meeting_on", "notes_sent_to"):
        value = fields.get(name)
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    for score in scores:
        scaling.validate_score(score.value, wording.polarity)
    # A child's own score from their views before the meeting (views_acceptance.py) is not on
    # this form, which asks those who came: it stays.
    sent_before = [score for score in meeting.scores if score.role_label == SCORE_ROLE]
    meeting.scores = sent_before + [
        CoreGroupScore(
            person_name=s.name,
            role_label=s.role_label,
            is_parent=s.is_parent,
            child_id=s.child_id,
            value=s.value,
            reason=s.reason.strip(),
            question=wording.question,
            zero_means=wording.zero_means,
            ten_means=wording.ten_means,
            polarity=wording.polarity,
        )
        for s in scores
    ]
    _saved(actor, meeting, VIEWS, before, views_saved(meeting))


def views_saved(meeting: CoreGroupMeeting) -> dict[str, str]:
    shown = {
        "The children’s views": meeting.child_views,
        "The parents’ views": meeting.parents_views,
        "Date of the next meeting": long_date(meeting.next_meeting_on),
        "Who gets the notes": meeting.notes_sent_to,
    }
    for score in meeting.scores:
        shown[f"Score from {score.person_name}"] = f"{score.value}: {score.reason}"
    return shown


def review_comes_next(meeting: CoreGroupMeeting, interval_weeks: int) -> bool:
    """Whether the review conference comes before another core group would be due: then the
    meeting sets no date for the next one."""
    due = meetings.due_after(meeting.plan, meeting.held_on, interval_weeks, meeting)
    return due.reason == schedule_rules.review_first_reason(interval_weeks)


# Telling whether a part changed since it was shown.


def fingerprint(meeting: CoreGroupMeeting, part: str, only: set[int] | None = None) -> str:
    """What a page carries, to tell whether its part changed since it was shown."""
    return _fingerprint(_part_saved(meeting, part, only))


def differences(
    meeting: CoreGroupMeeting, part: str, typed: dict[str, str], only: set[int] | None = None
) -> list[dict]:
    """After a refused save: each line where what is saved now differs from what was typed."""
    saved = _part_saved(meeting, part, only)
    rows = []
    for label in dict.fromkeys([*saved, *typed]):
        now, yours = saved.get(label, ""), typed.get(label, "")
        if (now or "").strip() != (yours or "").strip():
            rows.append({"label": label, "saved": now, "yours": yours})
    return rows


def _part_saved(meeting, part: str, only: set[int] | None = None) -> dict[str, str]:
    if part == ATTENDANCE:
        return attendance_saved(meeting)
    if part == GOALS:
        return goals_saved(meeting)
    if part == VIEWS:
        return views_saved(meeting)
    return actions_saved(meeting, only)


def _fingerprint(saved: dict[str, str]) -> str:
    text = json.dumps(saved, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _check_unchanged(meeting: CoreGroupMeeting, part: str, shown: str) -> None:
    lock(meeting)
    if fingerprint(meeting, part) != shown:
        raise PartChanged(part)


def lock(meeting: CoreGroupMeeting, even_complete: bool = False) -> None:
    """Saves to one meeting wait for each other (PostgreSQL's row lock, SQLite's write lock),
    and what the session holds is read again once it is ours: two people saving the same part
    at once are told, rather than both passing the check on what was there
    before either saved (who came listed twice). Each part writes only its own fields and
    rows, so saves of different parts both keep their work. Called before a save changes
    anything.

    :raise MeetingComplete: the record is complete (read once the lock is held), unless
        `even_complete` (reopening it)."""
    records.write_lock_first()  # SQLite: a reader would otherwise check a stale list
    db.session.execute(
        select(CoreGroupMeeting.id).where(CoreGroupMeeting.id == meeting.id).with_for_update()
    )
    db.session.expire_all()
    if meeting.completed_at is not None and not even_complete:
        raise MeetingComplete(meeting)


def _saved(actor, meeting, part: str, before: dict, after: dict, force: bool = False) -> None:
    """Who saved the part and when, and the audit row of what changed."""
    changes = {label: [before.get(label), after.get(label)] for label in {*before, *after}}
    changes = {label: pair for label, pair in changes.items() if pair[0] != pair[1]}
    changes |= audit.changes_of(meeting)
    row = db.session.scalar(
        select(CoreGroupSection).where(
            CoreGroupSection.meeting_id == meeting.id, CoreGroupSection.section == part
        )
    )
    if row is None:
        row = CoreGroupSection(meeting_id=meeting.id, section=part)
        db.session.add(row)
    row.saved_by_id, row.saved_at = actor.id, utc_now()
    db.session.flush()
    if changes or force:
        audit.record(actor, "update", meeting, {"part": [None, part], **changes})
