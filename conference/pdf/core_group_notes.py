"""The notes of one core group meeting as a PDF (docs/domain.md section 8), in two versions:

- for the record: who came, the visits since the last meeting, where things are against each
  safety goal with the evidence and who said so (and the rating last time), what happened to each
  action, the new actions, each agency's update with who wrote it, the children's and the
  parents' views, the scores and the trend chart, the next meeting and who the notes were sent
  to;
- for the family: the same meeting in plain words (docs/domain.md section 7: short sentences, "you"
  and "we", no jargon): how things are going for each goal, what the children and the parents
  said, the scores over time, what happens next and the date of the next meeting. It is in the
  case's family language and English, as the case copy of the family plan (notes_for_family.py):
  the fixed text translated with its English under or after it, the goals in the plan's imported
  translation, and what people typed at the meeting in English, marked as English.

Both follow the rules of every printed document (pdf_templates/_base.html): PDF/UA-1, A4,
"Page X of Y", the children and the date on every page, OFFICIAL-SENSITIVE, and a DRAFT
watermark until the meeting is completed. The file name carries the case reference, never a
child's name.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select

from conference.domain import clock
from conference.domain import progress as rules
from conference.domain.scaling import RISK_AT_10, as_safety
from conference.domain.wording import and_list
from conference.extensions import db
from conference.models import AuditEvent, CoreGroupMeeting, SafetyGoal
from conference.pdf import i18n
from conference.pdf import notes_for_family as for_family
from conference.pdf.parts import children_names, children_on_plan
from conference.services import core_group_standing, core_group_visits
from conference.services import progress as services
from conference.services.contacts import family_contacts
from conference.services.translations import words as translated_words

TEMPLATE = "core_group_notes.html"
FAMILY = "family"
RECORD = "record"
# Each version and the document name the audit trail keeps for its prints.
VERSIONS = {FAMILY: "core-group-notes-family", RECORD: "core-group-notes-record"}
FINISHED = ("done", "no_longer_needed")


@dataclass(frozen=True)
class GoalNote:
    number: int
    statement: str
    family_words: str
    measure: str
    target: str
    discussed: bool
    where_now: str
    rating: str
    rating_label: str
    rating_for_family: str
    evidence: str
    said_by: str
    last_time: str  # the rating at the core group before, or ""
    summary: str  # every core group's rating so far


@dataclass(frozen=True)
class ActionNote:
    goal: int
    what: str
    who: str
    by_when: date | None
    status: str
    status_label: str
    note: str
    updated_here: bool  # this meeting recorded what happened to it
    new: bool  # this meeting added it


@dataclass(frozen=True)
class VisitNote:
    on: date
    visitor: str
    place: str
    seen: str  # the children seen, by name
    seen_alone: str
    not_seen: str


@dataclass(frozen=True)
class ScoreNote:
    name: str
    role: str
    is_parent: bool
    given: int
    safety: int
    risk_scale: bool  # given where 10 means the highest risk
    reason: str


def notes_context(meeting: CoreGroupMeeting, version: str, *, today: date | None = None) -> dict:
    """Everything `core_group_notes.html` needs for the version (FAMILY or RECORD)."""
    plan, case = meeting.plan, meeting.case
    progress = services.plan_progress(plan, up_to=meeting, chart_id="notes-chart")
    children = children_on_plan(plan.conference)
    rows = goals_then(meeting, progress.goals)
    goals = goal_notes(meeting, rows)
    actions = action_notes(meeting, rows)
    context = {
        "lang": "en",
        "draft": meeting.completed_at is None,
        "large_print": False,
        "children_names": children_names(children),
        "document_date": meeting.held_on,
        "version": version,
        "printed_on": today or clock.today(),
        "reference": case.reference,
        "plan_number": plan.number,
        "conference_label": plan.conference.type_label,
        "conference_on": plan.conference.held_on,
        "meeting_number": len(progress.meetings),
        "chaired_by": meeting.chaired_by.strip(),
        "recorded_by": ", ".join(core_group_standing.recorded_by(meeting)),
        "attendance": list(meeting.attendance),
        "came": [a for a in meeting.attendance if a.attended],
        "visits": visit_notes(meeting),
        "goals": goals,
        "actions": [a for a in actions if not a.new],
        "new_actions": [a for a in actions if a.new],
        "agency_updates": core_group_standing.agency_notes(meeting),
        "next_steps": [a for a in actions if a.status not in FINISHED],
        "child_views": meeting.child_views.strip(),
        "parents_views": meeting.parents_views.strip(),
        "scores": score_notes(meeting),
        "question": meeting.scores[-1].question if meeting.scores else "",
        "scaling": progress.scaling,
        "next_meeting_on": meeting.next_meeting_on,
        "notes_sent_to": meeting.notes_sent_to.strip(),
        "social_worker": case.social_worker.name if case.social_worker else "",
        "contacts": family_contacts(case, plan.conference).lines if version == FAMILY else [],
    }
    if version == FAMILY:
        context |= family_language_context(meeting, progress.scaling.trend)
    return context


def family_language_context(meeting: CoreGroupMeeting, trend) -> dict:
    """What the family's version adds to print in the family's language (English for an English
    family, printed as before): the translations `render_pdf` takes, the plan's own words in
    that language, and the fixed text built in Python. The record is never translated."""
    lang = for_family.family_language(meeting.case)
    translations = i18n.translations_for(lang)
    family_words = translated_words(meeting.plan, lang)
    return {
        "translations": translations,
        "lang": lang,
        "translated": lang != i18n.ENGLISH,
        "page_label_css": i18n.page_label_css(translations, lang),
        # The plan's own words (goals, actions) in this language, where they were translated.
        "family_words": family_words,
        "family_words_dir": i18n.direction(lang),
        "local_date": lambda day: i18n.local_date(day, lang),
        "children_list": for_family.children_list(children_on_plan(meeting.plan.conference)),
        "rating_words": for_family.rating_words,
        "occasion_words": for_family.OCCASIONS,
        "family_trend": for_family.trend_sentences(trend, translations, lang),
    }


def goals_then(meeting: CoreGroupMeeting, rows: list[services.GoalRow]) -> list[services.GoalRow]:
    """The goals as the meeting knew them, numbered as they were then: the notes are what the
    meeting recorded, frozen at the time. A goal is in them when the meeting recorded something
    against it (discussed or not), or when it was in the plan when the meeting was completed
    (goals copied or seeded into the plan have no creation of their own: they were there from
    the start). A draft meeting's notes follow the plan as it is now."""
    recorded = {p.goal_id for p in meeting.progress}
    created = _goals_created(row.goal.id for row in rows)
    completed = meeting.completed_at
    kept = [
        row
        for row in rows
        if row.goal.id in recorded
        or completed is None
        or created.get(row.goal.id) is None
        or created[row.goal.id] <= completed
    ]
    return [replace(row, number=number) for number, row in enumerate(kept, start=1)]


def _goals_created(goal_ids) -> dict[int, datetime]:
    """When each goal was added to the plan, from its audit row."""
    ids = [str(goal_id) for goal_id in goal_ids]
    if not ids:
        return {}
    query = (
        select(AuditEvent.record_id, func.min(AuditEvent.occurred_at))
        .where(
            AuditEvent.record_type == SafetyGoal.__tablename__,
            AuditEvent.action == "create",
            AuditEvent.record_id.in_(ids),
        )
        .group_by(AuditEvent.record_id)
    )
    return {int(record_id): at for record_id, at in db.session.execute(query)}


def goal_notes(meeting: CoreGroupMeeting, rows: list[services.GoalRow]) -> list[GoalNote]:
    """Each goal as this meeting found it, with the rating the core group before gave it."""
    notes = []
    # "Not discussed this time" is printed as that, whatever else the row holds.
    not_discussed = {p.goal_id for p in meeting.progress if p.discussed is False}
    for row in rows:
        rated = row.timeline.rated
        here = next((step for step in rated if step.meeting_id == meeting.id), None)
        if row.goal.id in not_discussed:
            here = None
        before = [step for step in rated if step.meeting_id != meeting.id]
        goal = row.goal
        notes.append(
            GoalNote(
                number=row.number,
                statement=goal.statement.strip(),
                family_words=goal.family_words.strip(),
                measure=goal.measure.strip(),
                target=goal.target.strip(),
                discussed=here is not None,
                where_now=here.where_now if here else "",
                rating=(here.rating or "") if here else "",
                rating_label=here.rating_label if here else "",
                rating_for_family=rules.rating_for_family(here.rating or "") if here else "",
                evidence=here.evidence if here else "",
                said_by=here.said_by if here else "",
                last_time=before[-1].rating_label if before else "",
                summary=row.timeline.summary,
            )
        )
    return notes


def action_notes(meeting: CoreGroupMeeting, rows: list[services.GoalRow]) -> list[ActionNote]:
    """Every action of the plan as it stood after this meeting (`rows` are read up to it)."""
    updated = {update.action_id for update in meeting.action_updates}
    return [
        ActionNote(
            goal=row.number,
            what=item.action.what.strip(),
            who=item.action.who.strip(),
            by_when=item.action.by_when,
            status=item.status.status,
            status_label=item.status_label,
            note=item.status.note if item.action.id in updated else "",
            updated_here=item.action.id in updated,
            new=item.action.added_at_meeting_id == meeting.id,
        )
        for row in rows
        for item in row.actions
    ]


def visit_notes(meeting: CoreGroupMeeting) -> list[VisitNote]:
    """The visits since the last meeting, from the visit records (as the meeting's page)."""
    return [
        VisitNote(
            on=visit.visited_on,
            visitor=visit.visitor.strip(),
            place=visit.place.strip(),
            seen=and_list(visit.seen),
            seen_alone=and_list(visit.seen_alone),
            not_seen=and_list(visit.not_seen),
        )
        for visit in core_group_visits.since_last_meeting(meeting).visits
    ]


def score_notes(meeting: CoreGroupMeeting) -> list[ScoreNote]:
    """The scores given at this meeting, parents first as they are asked first, then the
    children's own (named and called "Child" when nothing else was typed), then everyone
    else's."""
    names = {child.id: child.given_name for child in meeting.case.children}
    rows = sorted(meeting.scores, key=lambda s: (not s.is_parent, s.child_id is None, s.id))
    return [
        ScoreNote(
            name=s.person_name.strip() or names.get(s.child_id or 0, ""),
            role=s.role_label.strip() or (rules.CHILD_ROLE if s.child_id else ""),
            is_parent=s.is_parent,
            given=s.value,
            safety=as_safety(s.value, s.polarity),
            risk_scale=s.polarity == RISK_AT_10,
            reason=s.reason.strip(),
        )
        for s in rows
    ]
