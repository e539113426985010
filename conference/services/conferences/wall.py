"""The live screen (the wall) the room watches during the conference, and what is kept off it.

The wall shows this conference's map, the children's own words, the conference's identity
answers, the safety goals as they are drafted, the scaling and the decisions. Anything said in
confidence can be kept off it: a map item, a child's words, or one identity answer (a KeptOffWall
row). What is kept off is left out before the page is rendered, so it is in neither the page nor
the data the page polls. The case record's own identity answers (an adult's immigration status,
say) are never on the wall: the room needs the conference's answers, not the record.

The chair shows one stage of the meeting at a time (conference/domain/wall_stages.py: the map,
the children's voices, …, or everything), so each fits the room's screen; the stage is a
WallStage row, and the wall follows it at its next poll.

Every change takes the acting user and adds its audit row in the same transaction; the view
commits. The audit rows name records by id, never by what they say.
"""

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from conference.domain import mapping, scaling, wall_stages
from conference.domain.wording import number
from conference.extensions import db
from conference.models import Conference, KeptOffWall, SafetyGoal, User, WallStage
from conference.models.types import utc_now
from conference.services import audit, plans, records
from conference.services import plan_checks as checks
from conference.services.conferences import decisions, identity, kept_from_family
from conference.services.conferences import map as conference_map
from conference.services.conferences import scaling as scaling_service

MAP_ITEM, CHILD_VOICE, CONFERENCE_IDENTITY = "map_item", "child_voice", "conference_identity"
WHOLE = ""  # the field of a record kept off whole

# The parts of a child's voice the wall shows, with their headings.
VOICE_PARTS = (
    ("own_words", "In their own words"),
    ("house_of_worries", "House of worries"),
    ("house_of_good_things", "House of good things"),
    ("house_of_dreams", "House of dreams"),
)

Key = tuple[str, int, str]  # (kind, record id, field)


@dataclass(frozen=True)
class Keepable:
    """One thing the wall would show, as the "what the room sees" page lists it."""

    key: Key
    group: str
    label: str
    text: str
    kept_off: bool
    # Why it is kept from the family (so never on the screen either); "" when it is not.
    kept_from_family: str = ""
    parts_kept_from_family: tuple[str, ...] = ()  # a child's words, one part at a time

    @property
    def value(self) -> str:
        """The key as a form value: "map_item:12:" or "conference_identity:3:heritage"."""
        return ":".join(str(part) for part in self.key)

    @property
    def checkbox_label(self) -> str:
        """What ticking the box keeps off the screen, in words the room would recognise:
        "Keep off the screen: Complicating factors 1, “Mum has no recourse to…”"."""
        return f"Keep off the screen: {self.label}, “{excerpt(self.text)}”"


EXCERPT = 80  # characters of an item's words in its checkbox label; the hint has the rest


def excerpt(text: str) -> str:
    """The start of the text, cut at a word, so each label names the words it keeps off."""
    text = " ".join(text.split())
    if len(text) <= EXCERPT:
        return text
    return text[:EXCERPT].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


@dataclass(frozen=True)
class ChildOnWall:
    name: str
    given_name: str
    said: list[tuple[str, str]]  # (heading, what they said), exactly as given
    score: scaling.Score | None  # their own overall score, once the round is revealed


@dataclass(frozen=True)
class LiveScaling:
    """Everyone's overall score as they gave it, and the lowest, highest and median on the
    area's own scale, once the chair has revealed the round. `flagged` scores are so low the
    children may not be safe at home."""

    wording: scaling_service.Wording
    round: scaling_service.Round
    scores: tuple[scaling.Score, ...]
    flagged: tuple[scaling.Score, ...]
    numbers: dict[str, str]


def kept_off(conference: Conference) -> set[Key]:
    query = select(KeptOffWall).where(KeptOffWall.conference_id == conference.id)
    return {(row.kind, row.record_id, row.field) for row in db.session.scalars(query)}


def kept_off_map_items(conference: Conference) -> set[int]:
    """The ids of the map items kept off the wall, for the map page to say so."""
    return {record_id for kind, record_id, _field in kept_off(conference) if kind == MAP_ITEM}


def live_content(conference: Conference, wording: scaling_service.Wording) -> dict:
    """What the wall shows: this conference's own records, nothing kept off, no score of a
    round the chair has not revealed. What the family may not see is kept off too: a parent
    in the room would read it on the screen."""
    hidden = kept_off(conference) | set(kept_from_family.withheld(conference))
    scaling_ = _live_scaling(conference, wording)
    stage = stage_of(conference)
    return {
        "stage": stage,
        "parts": wall_stages.parts(stage),
        "headings": [
            conference_map.MappedHeading(
                mapped.heading,
                [s for s in mapped.items if (MAP_ITEM, s.item.id, WHOLE) not in hidden],
            )
            for mapped in conference_map.map_of(conference)
        ],
        "children": _children(conference, hidden, scaling_),
        "identity": _identity(conference, hidden),
        "goals": _goals(conference),
        "scaling": scaling_,
        "decisions": decisions.decision_summary(conference),
    }


def stage_of(conference: Conference) -> str:
    """The stage the screen shows the room now. A finalised conference's screen shows
    everything: the stage can no longer be changed, so it must not stay on one part."""
    if conference.finalised:
        return wall_stages.EVERYTHING
    row = _stage_row(conference)
    return row.stage if row is not None else wall_stages.UNCHOSEN


def choose_stage(actor: User, conference: Conference, stage: str) -> bool:
    """Show the room `stage` (a key of wall_stages.STAGES, checked by the form). Returns
    whether the screen changed; choosing the stage already shown changes and audits nothing."""
    row = _stage_row(conference)
    was = row.stage if row is not None else wall_stages.UNCHOSEN
    if stage == was:
        return False
    if row is None:
        row = WallStage(conference_id=conference.id)
        db.session.add(row)
    row.stage, row.chosen_by_id, row.chosen_at = stage, actor.id, utc_now()
    db.session.flush()
    audit.record(actor, "choose what the live screen shows", conference, {"stage": [was, stage]})
    return True


def _stage_row(conference: Conference) -> WallStage | None:
    query = select(WallStage).where(WallStage.conference_id == conference.id)
    return db.session.scalar(query)


def _live_scaling(conference: Conference, wording: scaling_service.Wording) -> LiveScaling:
    round_ = scaling_service.round_of(conference)
    if not round_.revealed:
        return LiveScaling(wording, round_, (), (), {})
    summary = scaling_service.scaling_summary(conference)
    numbers = scaling_service.in_scale(summary, wording.polarity)
    return LiveScaling(
        wording=wording,
        round=round_,
        scores=summary.scores_in_order,
        flagged=summary.flagged,
        numbers={key: number(value) for key, value in numbers.items()},
    )


def _children(conference: Conference, hidden: set[Key], scaling_: LiveScaling) -> list:
    """Each child who said anything (and whose words are not kept off), with their own score
    when they gave one and the round is revealed."""
    voices = {voice.child_id: voice for voice in conference.voices}
    shown = []
    for child in conference.case.children:
        voice = voices.get(child.id)
        if voice is None or (CHILD_VOICE, voice.id, WHOLE) in hidden:
            continue
        said = [
            (label, getattr(voice, field))
            for field, label in VOICE_PARTS
            if (CHILD_VOICE, voice.id, field) not in hidden  # one part kept from the family
        ]
        said = [(label, text) for label, text in said if text.strip()]
        score = _own_score(conference, child.id) if scaling_.round.revealed else None
        if said or score is not None:
            shown.append(ChildOnWall(child.name, child.given_name, said, score))
    return shown


def _own_score(conference: Conference, child_id: int) -> scaling.Score | None:
    attendees = {a.id for a in conference.attendees if a.child_id == child_id}
    for row in conference.scores:
        if row.worry_item_id is None and row.attendee_id in attendees:
            return scaling.Score(
                row.person_name, row.role_label, False, row.value, row.reason, row.polarity
            )
    return None


def _identity(conference: Conference, hidden: set[Key]) -> list[tuple[str, list]]:
    """Each child's answers to the conference's identity questions: (name, [(question,
    answer)]). A question not known yet is a grey area on the map already."""
    shown = []
    for answers in conference.identity_reviews:
        child = answers.child
        rows = [
            (identity.question(field, child.given_name), getattr(answers, field))
            for field in identity.FIELDS
            if getattr(answers, field).strip()
            and field not in (answers.not_known or [])
            and (CONFERENCE_IDENTITY, answers.id, field) not in hidden
            and (CONFERENCE_IDENTITY, answers.id, WHOLE) not in hidden
        ]
        if rows:
            shown.append((child.name, rows))
    return shown


def _goals(conference: Conference) -> list[SafetyGoal]:
    """The plan's safety goals as they are being drafted at this conference."""
    plan = plans.plan_of_conference(conference)
    return checks.goals_in_order(plan) if plan is not None else []


# What can be kept off, and keeping it off.


def keepable(conference: Conference) -> list[Keepable]:
    """Everything the wall can show that may be kept off it, in the order the wall shows it."""
    hidden = kept_off(conference)
    family = kept_from_family.withheld(conference)
    found = []
    for mapped in conference_map.map_of(conference):
        for shown in mapped.items:
            text = mapping.worry_text(shown.item)
            label = f"{mapped.heading.label} {shown.number}"
            found.append(((MAP_ITEM, shown.item.id, WHOLE), "The map", label, text))
    voices = {voice.child_id: voice for voice in conference.voices}
    for child in conference.case.children:
        voice = voices.get(child.id)
        if voice is None:
            continue
        said = " ".join(getattr(voice, field) for field, _label in VOICE_PARTS).strip()
        # The parts the family may not see are not on the screen: the page shows the rest.
        shown_parts = [f for f, _label in VOICE_PARTS if (CHILD_VOICE, voice.id, f) not in family]
        said = " ".join(getattr(voice, f) for f in shown_parts).strip() or said
        if said:  # a baby's record with no words has nothing on the screen to keep off
            label = f"what {child.given_name} said"
            found.append(((CHILD_VOICE, voice.id, WHOLE), "The children’s words", label, said))
    for answers in conference.identity_reviews:
        for field in identity.FIELDS:
            if getattr(answers, field).strip():
                question = identity.question(field, answers.child.given_name)
                label = f"{answers.child.given_name}’s identity answer to “{question}”"
                key = (CONFERENCE_IDENTITY, answers.id, field)
                found.append((key, "Identity", label, getattr(answers, field)))
    return [
        Keepable(
            key,
            group,
            label,
            text,
            key in hidden,
            kept_from_family.reason_withheld(family, *key),
            _parts_kept_from_family(family, key),
        )
        for key, group, label, text in found
    ]


def _parts_kept_from_family(family: dict[Key, str], key: Key) -> tuple[str, ...]:
    """The headings of a child's words kept from the family one part at a time: the rest of
    what they said is still on the screen."""
    kind, record_id, _field = key
    if kind != CHILD_VOICE:
        return ()
    return tuple(label for f, label in VOICE_PARTS if (kind, record_id, f) in family)


def change_kept_off(actor: User, conference: Conference, keep: set[Key], was_kept: set[Key]) -> int:
    """Keep off what was ticked and show again what was unticked, changing only what this
    person changed on their page (`was_kept` is what it showed as kept off), so two people
    changing different items never undo each other. Returns how many things changed.
    Keys that are not this conference's are ignored."""
    stored = kept_off(conference)
    changed = 0
    for key in (thing.key for thing in keepable(conference)):
        if key in keep and key not in was_kept and key not in stored:
            if _keep_off(actor, conference, key):
                _audit(actor, conference, "keep off the live screen", key)
                changed += 1
        elif key not in keep and key in was_kept and key in stored:
            _show_again(conference, key)
            _audit(actor, conference, "show on the live screen", key)
            changed += 1
    db.session.flush()
    return changed


def _show_again(conference: Conference, key: Key) -> None:
    kind, record_id, field = key
    db.session.execute(
        delete(KeptOffWall).where(
            KeptOffWall.conference_id == conference.id,
            KeptOffWall.kind == kind,
            KeptOffWall.record_id == record_id,
            KeptOffWall.field == field,
        )
    )


def _keep_off(actor: User, conference: Conference, key: Key) -> bool:
    """Add the row; False when someone else kept the same thing off a moment ago."""
    kind, record_id, field = key
    row = KeptOffWall(
        conference_id=conference.id,
        kind=kind,
        record_id=record_id,
        field=field,
        kept_by_id=actor.id,
    )
    try:
        with records.savepoint():
            db.session.add(row)
    except IntegrityError:
        return False
    return True


def parse_key(value: str) -> Key | None:
    """A form value back into a key; None when it is not one."""
    kind, _, rest = value.partition(":")
    record_id, _, field = rest.partition(":")
    if kind not in (MAP_ITEM, CHILD_VOICE, CONFERENCE_IDENTITY) or not (
        record_id.isascii() and record_id.isdigit() and len(record_id) <= 9
    ):
        return None
    return (kind, int(record_id), field)


def view_what_the_room_sees(actor: User, conference: Conference) -> None:
    audit.record(actor, "view what the room sees", conference)


def _audit(actor: User, conference: Conference, action: str, key: Key) -> None:
    kind, record_id, field = key
    audit.record(
        actor,
        action,
        conference,
        {"kind": [None, kind], "record_id": [None, record_id]}
        | ({"field": [None, field]} if field else {}),
    )
