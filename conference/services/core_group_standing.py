"""Where a core group meeting recorded in parts stands (core_group_parts.py): the contents
list, each part with who saved it when and a state that is true to what is saved, and what is
still missing before the meeting can be completed, each with the page that puts it right.

A part's state is read from what is stored, not from who pressed which button: the actions
reviewed through an agency's own update count as reviewed, named by who recorded them.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from conference.domain.wording import and_list, count
from conference.extensions import db
from conference.models import AgencyUpdate, AuditEvent, CoreGroupMeeting, CoreGroupSection, User
from conference.models.types import utc_now
from conference.services import audit, stored_documents
from conference.services import core_group_parts as parts
from conference.services import core_group_visits as visits
from conference.services import core_groups as meetings
from conference.services.core_groups import GoalItem

REOPEN = "reopen"  # the audit action of reopening a completed meeting's record

# Status words as the contents list says them.
CAME_WORDS = {
    parts.CAME: "came",
    parts.APOLOGIES: "sent apologies",
    parts.DID_NOT_COME: "did not come",
}


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    endpoint: str
    saved: CoreGroupSection | None
    saved_by: str = ""
    state: str = ""
    anchor: str | None = None


@dataclass(frozen=True)
class Missing:
    """Something needed before the meeting is complete, and the page (and field) to fix it."""

    text: str
    endpoint: str
    anchor: str | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Standing:
    """The contents list: each part, who saved it when, and the overall state."""

    parts: list[Part]
    goals: str
    actions: str
    agencies: list[AgencyUpdate] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)


def standing(meeting: CoreGroupMeeting, interval_weeks: int) -> Standing:
    context = meetings.meeting_context(meeting.plan, meeting)
    sections = {row.section: row for row in _sections(meeting)}
    by_agency = [row for key, row in sections.items() if key.startswith(parts.AGENCY)]
    if by_agency:  # the agencies' part: as its latest save
        sections[parts.AGENCY] = max(by_agency, key=lambda row: row.saved_at)
    updates = parts.agency_updates(meeting)
    recorders = [row.recorded_by_id for row in meeting.action_updates]
    names = _user_names([*(row.saved_by_id for row in sections.values()), *recorders])
    goals, actions = goals_state(meeting, context.goals), actions_state(meeting, context, names)

    def part(key, title, endpoint, state="", anchor=None):
        row = sections.get(key)
        who = names.get(row.saved_by_id, "") if row and row.saved_by_id else ""
        return Part(key, title, endpoint, row, who, state, anchor)

    found = [
        part(
            parts.ATTENDANCE,
            "The date and who came",
            "core_groups.part_attendance",
            attendance_state(meeting),
        ),
        part(
            "visits",
            "Visits since the last meeting",
            "core_groups.show_meeting",
            visits.since_last_meeting(meeting).state,
            "visits",
        ),
        part(parts.GOALS, "The safety goals", "core_groups.part_goals", goals),
        part(parts.ACTIONS, "The actions", "core_groups.part_actions", actions),
        part(
            parts.AGENCY,
            "Each agency’s update",
            "core_groups.part_agency",
            "From " + and_list([u.agency for u in updates]) if updates else "",
        ),
        part(parts.VIEWS, "Views, scores and the next meeting", "core_groups.part_views"),
    ]
    return Standing(
        found, goals, actions, updates, _missing(meeting, context, goals, actions, interval_weeks)
    )


def attendance_state(meeting: CoreGroupMeeting) -> str:
    """ "Date saved; 6 came, 1 sent apologies, 1 did not come; chaired by Sam", or what is not
    recorded yet."""
    came = who_came(meeting) or "who came not recorded yet"
    chair = (
        f"chaired by {meeting.chaired_by}" if meeting.chaired_by else "who chaired not recorded yet"
    )
    return f"Date saved; {came}; {chair}"


def who_came(meeting: CoreGroupMeeting) -> str:
    """ "6 came, 1 sent apologies, 1 did not come": as recorded, or "" when nobody is."""
    said = Counter(row.attendance for row in meeting.attendance)
    return ", ".join(f"{said[key]} {words}" for key, words in CAME_WORDS.items() if said[key])


def goals_state(meeting: CoreGroupMeeting, items: list[GoalItem]) -> str:
    """ "2 of 6 goals discussed, 1 not discussed this time. Not yet answered: goal 3 (…)"."""
    answered = {row.goal_id: row for row in meeting.progress}
    discussed = sum(
        1 for item in items if item.goal.id in answered and answered[item.goal.id].discussed
    )
    not_discussed = sum(1 for item in items if item.goal.id in answered) - discussed
    said = f"{discussed} of {count(len(items), 'goal')} discussed"
    if not_discussed:
        said += f", {not_discussed} not discussed this time"
    waiting = [item for item in items if item.goal.id not in answered]
    if waiting:
        said += ". Not yet answered: " + ", ".join(
            f"goal {item.number} ({_short(item.goal.statement)})" for item in waiting
        )
    return said


def actions_state(meeting: CoreGroupMeeting, context, names: dict[int, str]) -> str:
    """ "3 of 9 actions reviewed at this meeting, by Priya Practitioner (2) and Sam (1)": every
    action of the goals in force counts, whichever page recorded it."""
    in_force = set(_action_ids(context))
    rows = [row for row in meeting.action_updates if row.action_id in in_force]
    said = f"{len(rows)} of {count(len(in_force), 'action')} reviewed at this meeting"
    by = Counter(names.get(row.recorded_by_id or 0, "someone no longer here") for row in rows)
    if by:
        most = sorted(by.items(), key=lambda pair: (-pair[1], pair[0]))  # ties by name: stable
        said += ", by " + and_list([f"{who} ({n})" for who, n in most])
    return said


def _missing(meeting, context, goals: str, actions: str, interval_weeks: int) -> list[Missing]:
    missing = []
    if not any(row.attended for row in meeting.attendance):
        missing.append(
            Missing("Record who came to the meeting", "core_groups.part_attendance", "who-came")
        )
    if not meeting.chaired_by:
        missing.append(
            Missing("Enter who chaired the meeting", "core_groups.part_attendance", "chaired_by")
        )
    answered = {row.goal_id for row in meeting.progress}
    waiting = [item.goal.id for item in context.goals if item.goal.id not in answered]
    if waiting:
        text = f"Record each safety goal as discussed or not discussed this time ({goals})"
        missing.append(Missing(text, "core_groups.part_goals", f"goal-{waiting[0]}-discussed"))
    reviewed = {row.action_id for row in meeting.action_updates}
    unreviewed = [a for a in _action_ids(context) if a not in reviewed]
    if unreviewed:
        text = f"Record what happened to each action ({actions})"
        missing.append(Missing(text, "core_groups.part_actions", f"action-{unreviewed[0]}-status"))
    if meeting.next_meeting_on is None and not parts.review_comes_next(meeting, interval_weeks):
        missing.append(
            Missing(
                "Enter the date of the next meeting", "core_groups.part_views", "next_meeting_on"
            )
        )
    return missing


def complete_meeting(actor: User, meeting: CoreGroupMeeting, interval_weeks: int) -> list[Missing]:
    """Mark the meeting complete when nothing is missing; else what is missing."""
    parts.lock(meeting)
    missing = standing(meeting, interval_weeks).missing
    if missing:
        return missing
    meeting.completed_at = utc_now()
    audit.record(actor, "update", meeting, audit.changes_of(meeting))
    db.session.flush()
    stored_documents.make_ahead(meeting)
    return []


@dataclass(frozen=True)
class AgencyNote:
    """An agency's update as the meeting page and the printed notes show it: who wrote it."""

    agency: str
    summary: str
    written_by: str


def agency_notes(meeting: CoreGroupMeeting) -> list[AgencyNote]:
    """Each agency's update, by agency, with who wrote it."""
    updates = parts.agency_updates(meeting)
    names = _user_names(row.recorded_by_id for row in updates)
    return [
        AgencyNote(row.agency, row.summary.strip(), names.get(row.recorded_by_id or 0, ""))
        for row in updates
    ]


def recorded_by(meeting: CoreGroupMeeting) -> list[str]:
    """Who recorded the meeting, each once: whoever started it, then whoever saved a part, in
    the order they first saved (an agency's update is a part of its own)."""
    sections = sorted(_sections(meeting), key=lambda row: (row.saved_at, row.id))
    ids = [meeting.recorded_by_id, *(row.saved_by_id for row in sections)]
    names = _user_names(ids)
    return list(dict.fromkeys(names[i] for i in ids if i in names))


def reopen_meeting(actor: User, meeting: CoreGroupMeeting) -> bool:
    """Reopen a completed meeting's record to correct it: its parts can be saved again until
    it is completed again. Audited as "reopen"; False if it was not complete."""
    parts.lock(meeting, even_complete=True)
    if meeting.completed_at is None:
        return False
    meeting.completed_at = None
    audit.record(actor, REOPEN, meeting, audit.changes_of(meeting))
    return True


@dataclass(frozen=True)
class Reopened:
    by: str
    at: datetime


def last_reopened(meeting: CoreGroupMeeting) -> Reopened | None:
    """Who last reopened the meeting's record and when, from the audit trail (the meeting keeps
    no field of its own for it)."""
    query = (
        select(AuditEvent)
        .where(
            AuditEvent.record_type == CoreGroupMeeting.__tablename__,
            AuditEvent.record_id == str(meeting.id),
            AuditEvent.action == REOPEN,
        )
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    )
    event = db.session.scalars(query.limit(1)).first()
    if event is None:
        return None
    name = _user_names([event.user_id]).get(event.user_id or 0, "someone no longer here")
    return Reopened(name, event.occurred_at)


def _action_ids(context) -> list[int]:
    """The actions of the goals in force, in the order the actions part asks about them."""
    return [action.id for item in context.goals for _n, action in item.actions]


def _short(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _sections(meeting: CoreGroupMeeting) -> list[CoreGroupSection]:
    query = select(CoreGroupSection).where(CoreGroupSection.meeting_id == meeting.id)
    return list(db.session.scalars(query))


def _user_names(ids) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u.name for u in db.session.scalars(select(User).where(User.id.in_(wanted)))}
