"""The plan's family-facing text as pieces for a translator (issue 19): every text people typed
that the family's copy of the plan prints, each with an id that stays the same while its record
does ("goal-12-measure", "voice-7-own_words"), in the order the family plan prints them.

What is kept from the family (conference/services/conferences/kept_from_family.py) is never a
piece: it must not leave the council in a translator's file either. The parts follow the family
plan (conference/pdf/family_plan.py and family_plan_parts.py): the worries, what is working well,
the goals and their actions, the contingency, who the family are, the children's words and what
the family told us. A piece the family plan does not print costs the translator a sentence; a
piece it prints and this misses is printed in English only.
"""

from dataclasses import dataclass

from conference.domain import mapping
from conference.domain.review import goals_worked_to
from conference.domain.vocabulary import Outcome
from conference.models import Plan
from conference.services import xliff
from conference.services.conferences import kept_from_family

MAP_ITEM, CHILD_VOICE, CONFERENCE_IDENTITY = "map_item", "child_voice", "conference_identity"
WORRY_PARTS = (
    ("who_is_worried", "who", "who is worried"),
    ("worried_about", "about", "what they are worried about"),
    ("could_happen", "could_happen", "what could happen if nothing changes"),
)
GOAL_PARTS = (
    ("statement", "what needs to happen"),
    ("family_words", "in the family’s words"),
    ("measure", "how we will know"),
    ("target", "what we want to see"),
    ("sustained_for", "for how long"),
    ("contingency_if", "if this happens"),
    ("contingency_then", "then"),
    ("child_words", "in the children’s words"),
)
# The parts of a child's voice the family's documents print, as the wall names them.
VOICE_PARTS = (
    ("own_words", "in their own words"),
    ("house_of_worries", "house of worries"),
    ("house_of_good_things", "house of good things"),
    ("house_of_dreams", "house of dreams"),
)
# How a child or parent describes themselves: the family plan prints these from their record.
PERSON_PARTS = (
    ("ethnicity_own_words", "how they describe their background"),
    ("religion", "faith"),
    ("faith_practices", "what matters day to day"),
    ("first_language", "first language"),
)
CONFERENCE_IDENTITY_PARTS = (
    ("heritage_connection", "connection to their heritage"),
    ("community_safety_network", "people from the community or faith who can help"),
    ("interpreter_and_translation", "interpreters and translation"),
)


@dataclass(frozen=True)
class Segment:
    """One piece of the plan's family-facing text: its unit id, what it is (for the translator
    and for messages; never a child's name), and the English as `xliff.plain` gives it."""

    id: str
    label: str
    source: str


def family_segments(plan: Plan) -> list[Segment]:
    """Every text people typed that the family's documents print, in the family plan's order,
    without what is kept from the family and without empty texts."""
    conference = plan.conference
    keys = kept_from_family.withheld(conference)
    children = children_on_plan(conference)
    found = [
        *_worries(conference, keys),
        *_working_well(conference, keys),
        *_goals(plan),
        Segment("contingency", "What happens if things do not change", plan.contingency_plan),
        Segment("identity", "Who the family are", plan.identity_statement),
        *_people(plan.case, children, keys),
        *_conference_identity(conference, children, keys),
        *_voices(conference, children, keys),
        *_told_us(conference, children, keys),
    ]
    plain = [Segment(s.id, s.label, xliff.plain(s.source)) for s in found]
    return [segment for segment in plain if segment.source]


def _worries(conference, keys) -> list[Segment]:
    found = []
    for number, item in enumerate(_worry_items(conference, keys), start=1):
        parts = (item.who_is_worried, item.worried_about, item.could_happen)
        if not mapping.worry_statement_parts(*parts):
            found.append(Segment(f"worry-{item.id}", f"Worry {number}", mapping.worry_text(item)))
            continue
        for field, suffix, label in WORRY_PARTS:
            text = getattr(item, field)
            found.append(Segment(f"worry-{item.id}-{suffix}", f"Worry {number}: {label}", text))
    return found


def _worry_items(conference, keys) -> list:
    items = [
        item
        for item in conference.map_items
        if item.heading == mapping.WORRY
        and not kept_from_family.is_withheld(keys, MAP_ITEM, item.id)
    ]
    return sorted(items, key=lambda item: (item.position, item.id))


def _working_well(conference, keys) -> list[Segment]:
    wanted = (mapping.SAFETY, mapping.STRENGTHS)
    items = [
        item
        for item in conference.map_items
        if item.heading in wanted and not kept_from_family.is_withheld(keys, MAP_ITEM, item.id)
    ]
    items.sort(key=lambda item: (wanted.index(item.heading), item.position, item.id))
    return [
        Segment(f"working-well-{item.id}", f"What is working well {number}", item.text)
        for number, item in enumerate(items, start=1)
    ]


def _goals(plan: Plan) -> list[Segment]:
    """The goals the family plan prints (those still worked to, numbered as in every family
    document), their parts, then their actions."""
    goals = goals_worked_to(plan.goals)
    found = []
    for number, goal in enumerate(goals, start=1):
        for field, label in GOAL_PARTS:
            text = getattr(goal, field)
            found.append(Segment(f"goal-{goal.id}-{field}", f"Goal {number}: {label}", text))
        actions = sorted(goal.actions, key=lambda a: (a.position, a.id or 0))
        for count, action in enumerate(actions, start=1):
            label = f"Goal {number}, action {count}"
            found.append(Segment(f"action-{action.id}-what", label, action.what))
    return found


def children_on_plan(conference) -> list:
    """The children the conference decided need a child protection plan; every child of the case
    while no decision is recorded (as the family plan, conference/pdf/parts.py)."""
    on_plan = {
        d.child_id for d in conference.decisions if d.outcome == Outcome.CHILD_PROTECTION_PLAN
    }
    children = list(conference.case.children)
    return [child for child in children if child.id in on_plan] or children


def _people(case, children, keys) -> list[Segment]:
    """How each child on the plan, then each adult with parental responsibility for one,
    describes themselves (what they said is not known is not printed)."""
    ids = {child.id for child in children}
    parents = [
        adult
        for adult in case.adults
        if any(
            link.parental_responsibility and link.child_id in ids for link in adult.relationships
        )
    ]
    people = [
        *(("child", n, child) for n, child in enumerate(children, start=1)),
        *(("adult", n, adult) for n, adult in enumerate(parents, start=1)),
    ]
    found = []
    for kind, number, person in people:
        not_known = set(person.identity_not_known or [])
        for field, label in PERSON_PARTS:
            if field in not_known or kept_from_family.is_withheld(keys, kind, person.id, field):
                continue
            text = getattr(person, field)
            label = f"{'Child' if kind == 'child' else 'Parent'} {number}: {label}"
            found.append(Segment(f"{kind}-{person.id}-{field}", label, text))
    return found


def _conference_identity(conference, children, keys) -> list[Segment]:
    on_plan = {child.id: number for number, child in enumerate(children, start=1)}
    found = []
    for answers in sorted(conference.identity_reviews, key=lambda a: a.id):
        number = on_plan.get(answers.child_id)
        if number is None:
            continue
        for field, label in CONFERENCE_IDENTITY_PARTS:
            if field in (answers.not_known or []) or kept_from_family.is_withheld(
                keys, CONFERENCE_IDENTITY, answers.id, field
            ):
                continue
            text = getattr(answers, field)
            found.append(
                Segment(f"identity-{answers.id}-{field}", f"Child {number}: {label}", text)
            )
    return found


def _voices(conference, children, keys) -> list[Segment]:
    """Each child's words (the children on the plan, in the case's order), and the descriptions
    of the pictures they agreed to share; never a part kept from the family."""
    voices = {voice.child_id: voice for voice in conference.voices}
    found = []
    for number, child in enumerate(children, start=1):
        voice = voices.get(child.id)
        if voice is None or kept_from_family.is_withheld(keys, CHILD_VOICE, voice.id):
            continue
        for field, label in VOICE_PARTS:
            if not kept_from_family.is_withheld(keys, CHILD_VOICE, voice.id, field):
                text = getattr(voice, field)
                found.append(Segment(f"voice-{voice.id}-{field}", f"Child {number}: {label}", text))
        for picture in voice.pictures:
            if picture.consent_to_share:
                label = f"Child {number}: a picture’s description"
                found.append(Segment(f"picture-{picture.id}", label, picture.description))
    return found


def _told_us(conference, children, keys) -> list[Segment]:
    """What the family told us: their responses on the map, the reasons given for scores, the
    parents' view of each decision and the reasons for what they recommended."""
    items = sorted(conference.map_items, key=lambda item: (item.position, item.id))
    found = [
        Segment(f"map-{item.id}-family_response", "What you told us: a response on the map", text)
        for item in items
        if (text := item.family_response)
        and not kept_from_family.is_withheld(keys, MAP_ITEM, item.id)
    ]
    shown_worries = {item.id for item in _worry_items(conference, keys)}
    for row in sorted(conference.scores, key=lambda row: row.id):
        if row.worry_item_id is None or row.worry_item_id in shown_worries:
            found.append(Segment(f"score-{row.id}-reason", "The reason for a score", row.reason))
    on_plan = {child.id for child in children}
    for decision in sorted(conference.decisions, key=lambda d: d.id):
        if decision.child_id in on_plan:
            label = "What you told us: the parents’ view of the decision"
            found.append(
                Segment(f"decision-{decision.id}-parents_view", label, decision.parents_view)
            )
    for view in sorted(conference.agency_views, key=lambda v: v.id):
        if view.child_id in on_plan and view.attendee.is_parent:
            label = "What you told us: the reasons for a recommendation"
            found.append(Segment(f"view-{view.id}-reasons", label, view.reasons))
    return found
