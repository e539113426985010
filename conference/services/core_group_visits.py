"""The visits since the last core group, read from the family's visit records (visits.py)
rather than typed again at the meeting: who visited, when, which children were seen and which
were seen alone. Nothing is saved for this part of a meeting; it is what the records say.

The visits counted are those after the family's previous core group (or from the start of the
run of plans, for the first) up to and including the meeting's day; once the meeting is
completed, only those recorded by then, so that its notes stay as the meeting saw them.

Meetings recorded on the old one-page form kept visits typed at the meeting; any of those that
is not also in the visit records (the same day and visitor) is listed with them, so nothing
recorded then is lost.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from conference.domain.wording import and_list, count, long_date
from conference.extensions import db
from conference.models import CoreGroupMeeting, StatutoryVisit
from conference.services import core_groups as meetings


@dataclass(frozen=True)
class VisitSeen:
    """One visit as the meeting reads it; the children by their given names."""

    visited_on: date
    visitor: str
    place: str
    seen: list[str]
    seen_alone: list[str]
    not_seen: list[str]


@dataclass(frozen=True)
class VisitsSince:
    since: date
    visits: list[VisitSeen]

    @property
    def state(self) -> str:
        """ "2 visits since the last meeting, on 3 and 12 November 2026"."""
        if not self.visits:
            return f"No visits recorded since {long_date(self.since)}"
        days = and_list([long_date(visit.visited_on) for visit in self.visits])
        return f"{count(len(self.visits), 'visit')} since the last meeting, on {days}"


def since_last_meeting(meeting: CoreGroupMeeting) -> VisitsSince:
    """The family's visits between the previous core group (or the plan's start) and the
    meeting, earliest first."""
    last = meetings.previous_meeting(meeting.case, meeting)
    started = meetings.plan_run(meeting.plan)[0].conference.held_on
    query = (
        select(StatutoryVisit)
        .where(
            StatutoryVisit.case_id == meeting.case_id,
            StatutoryVisit.visited_on <= meeting.held_on,
        )
        .options(selectinload(StatutoryVisit.children))
        .order_by(StatutoryVisit.visited_on, StatutoryVisit.id)
    )
    if meeting.completed_at is not None:  # the notes stay what the meeting saw when completed
        query = query.where(StatutoryVisit.recorded_at <= meeting.completed_at)
    if last is not None:
        since = last.held_on
        query = query.where(StatutoryVisit.visited_on > since)
    else:
        since = started
        query = query.where(StatutoryVisit.visited_on >= since)
    names = {child.id: child.given_name for child in meeting.case.children}
    found = [_seen(visit, names) for visit in db.session.scalars(query)]
    found += _typed_at_the_meeting(meeting, found, names)
    return VisitsSince(since, sorted(found, key=lambda visit: visit.visited_on))


def _seen(visit: StatutoryVisit, names: dict[int, str]) -> VisitSeen:
    def named(rows) -> list[str]:
        return [names.get(row.child_id, "") for row in rows]

    return VisitSeen(
        visit.visited_on,
        visit.visitor_label,
        visit.place,
        named(row for row in visit.children if row.seen),
        named(row for row in visit.children if row.seen and row.seen_alone),
        named(row for row in visit.children if not row.seen),
    )


def _typed_at_the_meeting(
    meeting: CoreGroupMeeting, recorded: list[VisitSeen], names: dict[int, str]
) -> list[VisitSeen]:
    """The old form's visits that the visit records do not have. That form asked whether "the
    child" was seen, so the children are named only where it kept them."""
    known = {(visit.visited_on, visit.visitor.casefold()) for visit in recorded}
    typed = []
    for visit in meeting.visits:
        visitor = visit.visitor.strip()
        if any(
            on == visit.visited_on and name.startswith(visitor.casefold()) for on, name in known
        ):
            continue
        children = [names[i] for i in visit.child_ids or [] if i in names] or ["the child"]
        typed.append(
            VisitSeen(
                visit.visited_on,
                visitor,
                visit.place,
                children if visit.child_seen else [],
                children if visit.seen_alone else [],
                [] if visit.child_seen else children,
            )
        )
    return typed
