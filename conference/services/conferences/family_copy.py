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

from conference.domain import mapping
from conference.domain.identity import IDENTITY_PROMPTS
from conference.models import Conference, User
from conference.services import audit
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
)

CHILD, ADULT = "child", "adult"  # a child's or adult's own identity answers on the case record
KINDS = (MAP_ITEM, CHILD_VOICE, CONFERENCE_IDENTITY, CHILD, ADULT)
NOT_FOR_THE_FAMILY = "Not for the family’s copy"


@dataclass(frozen=True)
class Keepable:
    """One thing a family document could print, as the page lists it."""

    key: Key
    group: str
    label: str
    text: str
    reason: str  # why it is kept out of the family's copy; "" while it is in it

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
    found = [*_map(conference), *_words(conference), *_identity(conference), *_record(conference)]
    return [
        Keepable(key, group, label, text, kept.get(key, "")) for key, group, label, text in found
    ]


def find(conference: Conference, value: str) -> Keepable | None:
    """The thing a form or address names ("child_voice:3:own_words"), if it is this
    conference's; None for anything else."""
    return next((thing for thing in keepable(conference) if thing.value == value), None)


def _map(conference: Conference):
    for mapped in conference_map.map_of(conference):
        for shown in mapped.items:
            label = f"{mapped.heading.label} {shown.number}"
            yield (MAP_ITEM, shown.item.id, WHOLE), "The map", label, mapping.worry_text(shown.item)


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
        yield (CHILD_VOICE, voice.id, WHOLE), group, f"Everything {child.given_name} said", said
        for field, label, text in parts:
            yield (CHILD_VOICE, voice.id, field), group, f"{child.given_name}: {label}", text


def _identity(conference: Conference):
    for answers in conference.identity_reviews:
        for field in identity.FIELDS:
            if getattr(answers, field).strip():
                question = identity.question(field, answers.child.given_name)
                label = f"{answers.child.given_name}: {question}"
                key = (CONFERENCE_IDENTITY, answers.id, field)
                yield key, "Identity at the conference", label, getattr(answers, field)


def _record(conference: Conference):
    """The children's and adults' own identity answers on the case record that a family copy
    could print ("who the family are")."""
    case = conference.case
    people = [(CHILD, child) for child in case.children] + [(ADULT, a) for a in case.adults]
    for kind, person in people:
        for field, question, _hint in IDENTITY_PROMPTS:
            text = getattr(person, field) or ""
            if text.strip():
                label = f"{person.name}: {question}"
                yield (kind, person.id, field), "Identity on the case record", label, text


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
