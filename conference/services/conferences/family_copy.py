"""What the family's copy leaves out (issue 19): everything a family document could print from a
conference that may be kept out of it, each with the reason when it is kept (the rows and the
writes are in kept_from_family.py).

A child's words can be kept out whole or one part at a time (what they said in their own words
but not their house of dreams, say); a map item whole; an identity answer one at a time, the
conference's or the child's or adult's own on the case record. Pictures have their own consent
to share (voice pages), so they are not listed here; a child's words kept out whole keep their
pictures out too.
"""

from dataclasses import dataclass

from conference.domain import mapping, repeated_words
from conference.domain.identity import IDENTITY_PROMPTS
from conference.models import Conference, User
from conference.services import audit, plans
from conference.services.conferences import identity, kept_from_family
from conference.services.conferences import map as conference_map
from conference.services.conferences.kept_from_family import Key
from conference.services.conferences.wall import (
    CHILD_VOICE,
    CONFERENCE_IDENTITY,
    MAP_ITEM,
    VOICE_PARTS,
    WHOLE,
    excerpt,
    kept_off,
)

CHILD, ADULT = "child", "adult"  # a child's or adult's own identity answers on the case record
KINDS = (MAP_ITEM, CHILD_VOICE, CONFERENCE_IDENTITY, CHILD, ADULT)
NOT_FOR_THE_FAMILY = "Not for the family’s copy"

# The identity answers a family document prints (conference/pdf/family_plan_parts.py, its
# PERSON_FIELDS and CONFERENCE_FIELDS; a test keeps the two alike): of a child's own record,
# or of a parent's; the others (immigration status, nationality, racism, …) never are.
PRINTED_RECORD_FIELDS = ("ethnicity_own_words", "religion", "faith_practices", "first_language")
PRINTED_CONFERENCE_FIELDS = (
    "heritage_connection",
    "community_safety_network",
    "interpreter_and_translation",
)
# The parts of a safety goal a family document prints (the plan, the child's plan, the review
# report), as the warning about repeated words names them.
GOAL_PARTS = (
    ("statement", "Goal {n}"),
    ("baseline", "Goal {n}’s baseline"),
    ("measure", "Goal {n}’s measure"),
    ("target", "Goal {n}’s target"),
    ("family_words", "Goal {n}: the family’s words"),
    ("child_words", "Goal {n} in the child’s words"),
    ("contingency_if", "Goal {n}’s contingency"),
    ("contingency_then", "Goal {n}’s contingency"),
)


@dataclass(frozen=True)
class Keepable:
    """One thing a family document could print, as the page lists it."""

    key: Key
    group: str
    label: str
    text: str
    reason: str  # why it is kept out of the family's copy; "" while it is in it
    printed: bool = True  # False: no family document prints it, so there is nothing to keep
    off_screen: bool = False  # kept off the live screen (the room), whatever the family's copy
    parts_kept: tuple[str, ...] = ()  # a child's words: the parts kept out, when not whole

    @property
    def value(self) -> str:
        """The key as a form value: "map_item:12:" or "child_voice:3:own_words"."""
        return ":".join(str(part) for part in self.key)

    @property
    def kept(self) -> bool:
        return bool(self.reason)

    @property
    def choice_label(self) -> str:
        """The thing as a choice names it: "Tolu: In their own words: “Daddy shouted…”"."""
        return f"{self.label}: “{excerpt(self.text)}”"


def keepable(conference: Conference) -> list[Keepable]:
    """Everything the family's copy could print from this conference, in the record's order:
    the map, the children's words, the conference's identity answers, then the family's own
    identity answers on the case record."""
    kept = kept_from_family.withheld(conference)
    off = kept_off(conference)
    found = [*_map(conference), *_words(conference), *_identity(conference), *_record(conference)]
    return [
        Keepable(
            key,
            group,
            label,
            text,
            kept.get(key, ""),
            printed=printed,
            off_screen=key in off,
            parts_kept=_parts_kept(key, kept),
        )
        for key, group, label, text, printed in found
    ]


def _parts_kept(key: Key, kept: dict[Key, str]) -> tuple[str, ...]:
    """The headings of a child's words kept out one part at a time ("In their own words")."""
    kind, record_id, field = key
    if kind != CHILD_VOICE or field != WHOLE:
        return ()
    return tuple(label for part, label in VOICE_PARTS if (kind, record_id, part) in kept)


def find(conference: Conference, value: str) -> Keepable | None:
    """The thing a form or address names ("child_voice:3:own_words"), if it is this
    conference's; None for anything else."""
    return next((thing for thing in keepable(conference) if thing.value == value), None)


def _map(conference: Conference):
    for mapped in conference_map.map_of(conference):
        for shown in mapped.items:
            label = f"{mapped.heading.label} {shown.number}"
            text = mapping.worry_text(shown.item)
            yield (MAP_ITEM, shown.item.id, WHOLE), "The map", label, text, True


def _words(conference: Conference):
    """Each child's words whole, then each part of them with anything in it. A record with no
    words (a baby's) has nothing to keep."""
    voices = {voice.child_id: voice for voice in conference.voices}
    group = "The children’s words"
    for child in conference.case.children:
        voice = voices.get(child.id)
        if voice is None:
            continue
        parts = [(f, label, getattr(voice, f)) for f, label in VOICE_PARTS]
        parts = [(f, label, text) for f, label, text in parts if text.strip()]
        if not parts:
            continue
        said = " ".join(text for _f, _label, text in parts)
        everything = f"Everything {child.given_name} said"
        yield (CHILD_VOICE, voice.id, WHOLE), group, everything, said, True
        for field, label, text in parts:
            yield (CHILD_VOICE, voice.id, field), group, f"{child.given_name}: {label}", text, True


def _identity(conference: Conference):
    for answers in conference.identity_reviews:
        for field in identity.FIELDS:
            if getattr(answers, field).strip():
                question = identity.question(field, answers.child.given_name)
                label = f"{answers.child.given_name}: {question}"
                key = (CONFERENCE_IDENTITY, answers.id, field)
                text, printed = getattr(answers, field), field in PRINTED_CONFERENCE_FIELDS
                yield key, "Identity at the conference", label, text, printed


def _record(conference: Conference):
    """The children's and adults' own identity answers on the case record, each saying
    whether a family copy prints it ("who the family are"): only some answers of a child or
    of an adult with parental responsibility are."""
    case = conference.case
    people = [(CHILD, child) for child in case.children] + [(ADULT, a) for a in case.adults]
    for kind, person in people:
        for field, question, _hint in IDENTITY_PROMPTS:
            text = getattr(person, field) or ""
            if text.strip():
                label = f"{person.name}: {question}"
                printed = field in PRINTED_RECORD_FIELDS and (kind == CHILD or _parent(person))
                yield (kind, person.id, field), "Identity on the case record", label, text, printed


def _parent(adult) -> bool:
    """Only the adults with parental responsibility are in a family copy's "who you are"."""
    return any(link.parental_responsibility for link in adult.relationships)


def repeated_elsewhere(
    conference: Conference, thing: Keepable, things: list[Keepable] | None = None
) -> list[str]:
    """What else a family copy still prints that repeats words of `thing`
    (conference/domain/repeated_words.py): the map items not kept out, and the parts of the
    conference's safety goals, by name ("Danger / harm 1", "Goal 1's baseline"). Only for a
    child's words: what a child said is quoted; a map item's facts (a date, a name) are
    rightly repeated elsewhere. `things`: the conference's keepable things, when the caller
    has them already."""
    if thing.key[0] != CHILD_VOICE:
        return []
    others = [
        (other.label, other.text)
        for other in (things if things is not None else keepable(conference))
        if other.key[0] == MAP_ITEM and other.key != thing.key and not other.kept
    ]
    plan = plans.plan_of_conference(conference)
    for number, goal in enumerate(plan.goals if plan is not None else [], start=1):
        others += [(name.format(n=number), getattr(goal, part) or "") for part, name in GOAL_PARTS]
    return list(dict.fromkeys(repeated_words.repeated_in(thing.text, others)))


def view(actor: User, conference: Conference) -> None:
    audit.record(actor, "view what the family's copy leaves out", conference)


def kept_for(conference: Conference, kind: str, record_id: int | None) -> list[tuple[str, str]]:
    """(what, why) for each part of one record kept from the family, for the page that shows
    the record to say so."""
    return [
        (thing.label, thing.reason)
        for thing in keepable(conference)
        if thing.kept and thing.key[0] == kind and thing.key[1] == record_id
    ]


def kept_map_items(conference: Conference) -> dict[int, str]:
    """{map item id: why it is not for the family's copy}, for the map page."""
    kept = kept_from_family.withheld(conference)
    return {record_id: reason for (kind, record_id, _f), reason in kept.items() if kind == MAP_ITEM}
