"""What others changed in a conference's map, plan, scores and attendance, read from the audit
trail, so that the chair sees what changed and by whom before finalising (issue 18): a score
changed after the chair revealed it, or an apology's reason corrected, is listed like a goal's
new wording.

Others (the social worker, the team manager, core group members, the minute-taker) may propose
changes to the map and the plan before and during the meeting; the decision stays the chair's.
Every change they make is already audited with its before and after; this reads those rows back
for one conference, from when it was arranged, leaving out the chair's own.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from conference.domain import mapping
from conference.domain.quorum import AGENCY_TYPES, ATTENDANCE
from conference.domain.vocabulary import action_status_label
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import (
    Attendee,
    AuditEvent,
    Conference,
    MapItem,
    PlanAction,
    SafetyGoal,
    User,
)
from conference.services.plans import plan_of_conference

CHANGES = ("create", "update", "move", "delete", "score")
WHAT_HAPPENED = {
    "create": "Added",
    "update": "Changed",
    "move": "Moved",
    "delete": "Removed",
    "score": "Scored",
}
# How each changed answer is named; anything else is left out (order, links between records).
FIELD_LABELS = {
    "heading": "Heading",
    "text": "What was said",
    "who_is_worried": "Who is worried",
    "worried_about": "Worried about",
    "could_happen": "What could happen",
    "raised_by": "Raised by",
    "family_response": "The family’s response",
    "child_ids": "Children",
    "statement": "Safety goal",
    "worry_item_ids": "Worries it answers",
    "measure": "How progress is measured",
    "baseline": "Where things are now",
    "target": "Target",
    "sustained_for": "Sustained for",
    "review_on": "Review by",
    "owner": "Owner",
    "family_words": "In the family’s words",
    "contingency_if": "If the goal is not met",
    "contingency_then": "Then",
    "what": "Action",
    "who": "Who",
    "by_when": "By when",
    "status": "Status",
    "contingency_plan": "Contingency plan",
    "child_seen": "How the children are seen",
    "identity_statement": "Identity",
    "child_views_statement": "The children’s views",
    "name": "Name",
    "role": "Role",
    "agency": "Agency",
    "agency_type": "Type of agency",
    "attendance": "Attendance",
    "apologies_reason": "Why they sent apologies",
}
HEADING_LABELS = {heading.key: heading.label for heading in mapping.HEADINGS}
# A coded answer is shown in the words its form offers ("Sent apologies", not "apologies").
CODED = {
    "heading": HEADING_LABELS,
    "attendance": ATTENDANCE,
    "agency_type": AGENCY_TYPES,
}
BLANK: tuple[None, str, list] = (None, "", [])
DATES = ("review_on", "by_when")


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    who: str
    when: datetime
    what: str  # "Added", "Changed", …
    item: str  # which map item, goal, action or the plan
    fields: list[FieldChange]


def changes_by_others(conference: Conference, chair: User) -> list[Change]:
    """The changes to `conference`'s map and plan made by anyone but `chair` since the
    conference was arranged, oldest first."""
    query = (
        select(AuditEvent)
        .where(
            AuditEvent.case_id == conference.case_id,
            AuditEvent.occurred_at >= conference.created_at,
            AuditEvent.action.in_(CHANGES),
            AuditEvent.record_type.in_(_RECORD_TYPES),
            AuditEvent.user_id != chair.id,
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    belongs = _records_of(conference)
    names = _Names(
        {child.id: child.name for child in conference.case.children},
        {item.id: item.text or item.worried_about for item in conference.map_items},
    )
    changes = [
        _change(event, names) for event in db.session.scalars(query) if _is_ours(event, belongs)
    ]
    # A move within a heading changes only the order: not worth the chair's attention.
    return [change for change in changes if change.fields or change.what != "Moved"]


@dataclass(frozen=True)
class _Names:
    children: dict[int, str]
    map_items: dict[int, str]


_RECORD_TYPES = (
    "map_item",
    "protection_plan",
    "safety_goal",
    "plan_action",
    "attendee",
    "conference",  # its scores (audited as the conference's "score")
)


def _records_of(conference: Conference) -> dict[str, set[str]]:
    """The ids of the conference's map items and of its plan, goals and actions."""
    plan = plan_of_conference(conference)
    goals = plan.goals if plan is not None else []
    return {
        "map_item": {str(item.id) for item in conference.map_items},
        "protection_plan": {str(plan.id)} if plan is not None else set(),
        "safety_goal": {str(goal.id) for goal in goals},
        "plan_action": {str(action.id) for goal in goals for action in goal.actions},
        "attendee": {str(person.id) for person in conference.attendees},
        "conference": {str(conference.id)},
    }


def _is_ours(event: AuditEvent, belongs: dict[str, set[str]]) -> bool:
    """A goal or action removed since has no record left to place it: one of the case's that no
    longer exists is taken as this plan's, the only plan being drafted. Of the conference's own
    rows, only its scores."""
    if event.record_type == "conference":
        return event.action == "score" and event.record_id in belongs["conference"]
    if event.record_id in belongs[event.record_type]:
        return True
    gone = {
        "safety_goal": SafetyGoal,
        "plan_action": PlanAction,
    }.get(event.record_type)
    return gone is not None and db.session.get(gone, int(event.record_id)) is None


def _change(event: AuditEvent, names: _Names) -> Change:
    return Change(
        who=event.user.name if event.user is not None else "Unknown",
        when=event.occurred_at,
        what=WHAT_HAPPENED[event.action],
        item=_item_name(event),
        fields=_fields(event, names),
    )


def _item_name(event: AuditEvent) -> str:
    changes = event.changes or {}

    def said(field: str) -> str:
        before, after = changes.get(field, [None, None])
        return str(after or before or "")

    if event.record_type == "map_item":
        item = db.session.get(MapItem, int(event.record_id))
        heading = item.heading if item is not None else said("heading")
        text = (item.text or item.worried_about) if item is not None else said("text")
        return f"Map, {HEADING_LABELS.get(heading, 'an item')}: {_short(text)}"
    if event.record_type == "safety_goal":
        goal = db.session.get(SafetyGoal, int(event.record_id))
        return f"Safety goal: {_short(goal.statement if goal else said('statement'))}"
    if event.record_type == "plan_action":
        action = db.session.get(PlanAction, int(event.record_id))
        return f"Action: {_short(action.what if action else said('what'))}"
    if event.record_type == "conference":
        people = {row["person"] for rows in changes.get("scores", []) for row in rows or []}
        return f"Scores from {', '.join(sorted(people))}"
    if event.record_type == "attendee":
        person = db.session.get(Attendee, int(event.record_id))
        return f"Attendance: {person.name if person else said('name')}"
    return "The plan’s details"


def _fields(event: AuditEvent, names: _Names) -> list[FieldChange]:
    if event.record_type == "conference":
        before, after = (event.changes or {}).get("scores", [None, None])
        return [FieldChange("Scores", _scores(before, names), _scores(after, names))]
    # A field blank before and after (a new record's unanswered ones) is not news.
    return [
        FieldChange(FIELD_LABELS[field], _shown(field, before, names), _shown(field, after, names))
        for field, (before, after) in (event.changes or {}).items()
        if field in FIELD_LABELS and not (before in BLANK and after in BLANK)
    ]


def _shown(field: str, value, names: _Names) -> str:
    if value in BLANK:
        return "(blank)"
    if field in CODED:
        return CODED[field].get(value, str(value))
    if field == "status":
        return action_status_label(str(value))
    if field == "child_ids":
        return ", ".join(names.children.get(child_id, "a child") for child_id in value)
    if field == "worry_item_ids":
        return "; ".join(_short(names.map_items.get(item_id, "a worry")) for item_id in value)
    if field in DATES:  # kept as "2026-12-18" by the audit trail; shown "18 December 2026"
        return long_date(date.fromisoformat(str(value)))
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    return str(value)


def _scores(given: list[dict] | None, names: _Names) -> str:
    """ "Overall 6 (Because); 'Dad shouts…' 4 (…)": a person's scores as the audit kept them."""
    if not given:
        return "(none)"

    def about(row: dict) -> str:
        worry = row["worry_item_id"]
        return _short(names.map_items.get(worry, "a worry"), 30) if worry else "Overall"

    return "; ".join(
        f"{about(row)} {row['value']} ({row['reason'] or 'no reason'})" for row in given
    )


def _short(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
