"""The record of a child protection conference (docs/domain.md sections 3 to 5): who attended and
whether the conference was quorate, the Strengthening Families map with the family's response
to each item, every scaling score with its reason and the summary, each child's voice (their own
words exactly as given), identity, the agencies' views, the decision for each child with any
dissent, and the amendments made after it was finalised, each dated and printed beside the part
of the record it corrects (the original is never changed).

`conference_record_context(conference)` builds everything `pdf_templates/conference_record.html`
needs, including the `attachments` (drawings the child agreed to share) that `render_pdf` takes.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from conference.common.templating import local_datetime
from conference.domain import clock, mapping, participation, scaling, wording
from conference.domain.quorum import AGENCY_TYPES, ATTENDANCE, EXCLUDED
from conference.domain.vocabulary import OUTCOMES
from conference.domain.wording import and_list
from conference.pdf.parts import children_names as names_of
from conference.pdf.parts import (
    conference_identity_answers,
    core_group,
    decision_rows,
    scale_wording,
)
from conference.pdf.render import type_scale
from conference.pdf.score_chart import ScoreRow, score_chart
from conference.services import stored_files
from conference.services.conferences import scaling as scaling_service
from conference.services.conferences import wall
from conference.services.conferences.attendance import quorum_status
from conference.services.conferences.identity import PROMPTS as IDENTITY_PROMPTS
from conference.services.conferences.identity import not_known_on_record
from conference.services.conferences.kept_from_family import reason_withheld, withheld
from conference.services.conferences.voice import age_on_the_day

TEMPLATE = "conference_record.html"

# The professional record shows everything, marking what the chair kept off the live screen
# (so whoever reads it knows the room did not see it, and why it may not be repeated there).
NOT_ON_SCREEN = "Not shown on the screen in the room"
# And what is kept from the family (issue 19), with the reason, so whoever prints a family copy
# from another system, or reads the record to a parent, knows what must not be repeated.
NOT_FOR_FAMILY = "Not for the family’s copy"

# The parts of the record an amendment can sit beside, and the words that name them. Chairs
# write which part an amendment corrects in their own words ("Map: worry statement 2",
# "Decision for Tolu"); the word that comes first places it.
SECTION_WORDS = {
    "attendance": "attendance attendee quorum quorate interpreter",
    "map": "map worry danger harm complicating safety strength grey",
    "scaling": "scaling score scale",
    "voice": "voice own words house participation advocacy advocate drawing picture",
    "identity": "identity ethnicity culture religion faith language heritage",
    "agency_views": "agency agencies recommendation",
    "decisions": "decision category dissent contingency core group review",
}


@dataclass(frozen=True)
class AttendeeRow:
    name: str
    role: str
    agency: str
    attendance: str
    notes: list[str]


@dataclass(frozen=True)
class MapEntry:
    number: int
    text: str
    parts: list[tuple[str, str]]  # a worry statement written with the guided questions
    raised_by: str
    children: str
    family_response: str
    kept_off_screen: bool = False
    kept_from_family: str = ""  # why it is not for the family's copy


@dataclass(frozen=True)
class MapSection:
    label: str
    meaning: str
    items: list[MapEntry]


@dataclass(frozen=True)
class ScoreRound:
    """The scores for the situation overall, or for one worry statement, and their summary on
    the scale they were given on."""

    title: str
    rows: list[ScoreRow]
    count: int
    lowest: str
    highest: str
    median: str
    spread: str
    wide: bool
    flagged: list[str]


@dataclass(frozen=True)
class Drawing:
    url: str
    description: str


@dataclass(frozen=True)
class VoiceBlock:
    name: str
    age: str
    own_words: str
    houses: list[tuple[str, str]]
    methods: list[str]
    seen_alone_on: date | None
    participation: str
    advocacy: str
    observations: str
    observed_by: str
    not_recorded_reason: str
    drawings: list[Drawing]
    drawings_kept: int  # pictures on the record not printed (no consent to share)
    kept_off_screen: bool = False
    # Why what they said is not for the family's copy: "" for all of it, "own_words", or a
    # house's label for one part.
    kept_from_family: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IdentityBlock:
    name: str
    answers: list
    not_known_on_record: list[str]
    kept_off_screen: frozenset[str] = frozenset()  # the questions kept off the live screen
    kept_from_family: dict[str, str] = field(default_factory=dict)  # question: why


@dataclass(frozen=True)
class AgencyViewRow:
    person: str
    agency: str
    recommendation: str
    reasons: str


@dataclass(frozen=True)
class AmendmentRow:
    section: str
    text: str
    made: str  # "26 November 2026, 1:47pm by Charlie Chair"
    place: str | None  # the SECTIONS key it is printed beside, or None


def conference_record_context(conference, *, today: date | None = None) -> dict:
    """Everything the conference record template needs, for `render_pdf(TEMPLATE, **context)`.
    Call it inside an application context (drawings are read from the database)."""
    today = today or clock.today()
    attachments: dict[str, tuple[bytes, str]] = {}
    quorum = quorum_status(conference)
    amendments = amendment_rows(conference)
    overall = overall_round(conference)
    return {
        "attachments": attachments,
        "lang": "en",
        "draft": conference.finalised_at is None,
        "large_print": False,
        "children_names": names_of(conference.case.children),
        "document_date": conference.held_on,
        "printed_on": today,
        "reference": conference.case.reference,
        "details": details(conference),
        "attendees": attendee_rows(conference),
        "quorate": quorum["quorate"],
        "quorum_agencies": quorum["agencies"],
        "quorum_message": quorum["message"],
        "not_on_screen": NOT_ON_SCREEN,
        "not_for_family": NOT_FOR_FAMILY,
        "map_sections": map_sections(conference),
        "scale": scale_wording(conference),
        "polarity": _polarity(conference),
        "overall": overall,
        "chart": _chart(overall),
        "worry_rounds": worry_rounds(conference),
        "scores_hidden": scores_hidden(conference),
        "voices": voice_blocks(conference, attachments),
        "identities": identity_blocks(conference),
        "agency_views": agency_views(conference),
        "decisions": decision_rows(conference, conference.held_on),
        "contingency": _contingency(conference),
        "core_group": core_group(conference),
        "amendments": amendments,
        "amendments_at": {key: [a for a in amendments if a.place == key] for key in SECTION_WORDS},
    }


def details(conference) -> list[tuple[str, str]]:
    when = f"{wording.long_date(conference.held_on)} at {wording.clock_time(conference.starts_at)}"
    rows = [
        ("Conference", conference.type_label),
        ("Date and time", when),
        ("Where", _where(conference)),
        ("Chair", conference.chair.name if conference.chair else "Not recorded"),
    ]
    if conference.strategy_discussion_on:
        rows.append(("Strategy discussion", wording.long_date(conference.strategy_discussion_on)))
    if conference.finalised_at:
        by = f" by {conference.finalised_by.name}" if conference.finalised_by else ""
        rows.append(("Finalised", f"{local_datetime(conference.finalised_at)}{by}"))
    else:
        rows.append(("Status", "Draft: not finalised"))
    return rows


def _where(conference) -> str:
    parts = [conference.venue.strip()] if conference.venue.strip() else []
    if conference.online:
        parts.append("online")
    if conference.twilight:
        parts.append("a twilight conference, after school")
    return ", ".join(parts) or "Not recorded"


def attendee_rows(conference) -> list[AttendeeRow]:
    rows = []
    for a in conference.attendees:
        attendance = ATTENDANCE.get(a.attendance, a.attendance)
        notes = []
        if a.attendance == EXCLUDED and a.exclusion_reason.strip():
            notes.append(f"Excluded because: {a.exclusion_reason.strip()}")
        if a.interpreter_present:
            language = ", ".join(
                part for part in (a.interpreter_language, a.interpreter_dialect) if part
            )
            notes.append(f"Interpreter: {language}" if language else "Interpreter present")
        if a.is_advocate:
            notes.append("Advocate")
        if a.is_supporter:
            notes.append("Supporter")
        if a.in_core_group:
            notes.append("Core group")
        agency = a.agency or AGENCY_TYPES.get(a.agency_type, "")
        rows.append(
            AttendeeRow(a.name, a.role or a.relationship_to_family, agency, attendance, notes)
        )
    return rows


def map_sections(conference) -> list[MapSection]:
    names = {child.id: child.given_name for child in conference.case.children}
    everyone = set(names)
    hidden = wall.kept_off(conference)
    family = withheld(conference)
    sections = []
    for heading in mapping.HEADINGS:
        items = sorted(
            (item for item in conference.map_items if item.heading == heading.key),
            key=lambda item: (item.position, item.id),
        )
        entries = []
        for number, item in enumerate(items, start=1):
            parts = (
                []
                if item.text.strip()
                else mapping.worry_statement_parts(
                    item.who_is_worried, item.worried_about, item.could_happen
                )
            )
            about = [i for i in item.child_ids if i in names]
            children = (
                "All the children"
                if len(everyone) > 1 and set(about) == everyone
                else and_list([names[i] for i in about])
            )
            entries.append(
                MapEntry(
                    number,
                    item.text.strip(),
                    parts,
                    item.raised_by.strip(),
                    children,
                    item.family_response.strip(),
                    (wall.MAP_ITEM, item.id, wall.WHOLE) in hidden,
                    reason_withheld(family, wall.MAP_ITEM, item.id),
                )
            )
        sections.append(MapSection(heading.label, heading.meaning, entries))
    return sections


def _polarity(conference) -> str:
    overall = [s for s in conference.scores if s.worry_item_id is None]
    return overall[0].polarity if overall else scaling.SAFE_AT_10


def score_round(title: str, rows, summary: scaling.ScalingSummary, polarity: str) -> ScoreRound:
    """One round of scores with its summary on the scale it was given on: where 10 means the
    highest risk, the lowest safety is the highest score (scaling_service.in_scale)."""
    shown = scaling_service.in_scale(summary, polarity)
    number = wording.number
    return ScoreRound(
        title=title,
        rows=[ScoreRow(r.person_name, r.role_label, r.value, r.reason.strip()) for r in rows],
        count=summary.count,
        lowest=number(shown["lowest"]),
        highest=number(shown["highest"]),
        median=number(shown["median"]),
        spread=number(summary.spread),
        wide=scaling.spread_is_wide(summary),
        flagged=[f"{s.name} ({s.role}): {s.value}" for s in summary.flagged],
    )


def overall_round(conference) -> ScoreRound:
    """Everyone's overall scores; none, on a draft printed before the chair reveals them to the
    room (each person scores without seeing anyone else's)."""
    title = "The situation overall"
    if not scaling_service.round_of(conference).revealed:
        return score_round(title, [], scaling.summarise([]), _polarity(conference))
    return score_round(
        title,
        scaling_service.in_order(conference),
        scaling_service.scaling_summary(conference),
        _polarity(conference),
    )


def scores_hidden(conference) -> bool:
    """Scores were given, but the chair has not revealed them yet."""
    overall = [s for s in conference.scores if s.worry_item_id is None]
    return bool(overall) and not scaling_service.round_of(conference).revealed


def worry_rounds(conference) -> list[ScoreRound]:
    """The scores given for each worry statement, for the statements anyone scored and the
    chair has revealed."""
    rounds = []
    for number, item in enumerate(scaling_service.worry_statements(conference), start=1):
        rows = scaling_service.in_order(conference, item)
        if rows and scaling_service.round_of(conference, item).revealed:
            title = f"Worry {number}: {mapping.worry_text(item)}"
            summary = scaling_service.worry_summary(conference, item)
            rounds.append(score_round(title, rows, summary, rows[0].polarity))
    return rounds


def _chart(overall: ScoreRound):
    if not overall.rows:
        return ""
    rows = [ScoreRow(r.name, r.role, r.value, r.reason) for r in overall.rows]
    return score_chart(rows, type_scale(False)["body"])


HOUSES = (
    ("house_of_worries", "House of worries"),
    ("house_of_good_things", "House of good things"),
    ("house_of_dreams", "House of dreams"),
)


def voice_blocks(conference, attachments: dict) -> list[VoiceBlock]:
    """Each child's voice. Own words and houses are printed exactly as given (no trimming);
    drawings only when consent to share was given, their bytes put in `attachments`."""
    voices = {voice.child_id: voice for voice in conference.voices}
    hidden = wall.kept_off(conference)
    family = withheld(conference)
    blocks = []
    for child in conference.case.children:
        voice = voices.get(child.id)
        age = age_on_the_day(child, conference)
        age_text = "Unborn" if child.unborn else (f"{age} on the day" if age is not None else "")
        if voice is None:
            blocks.append(
                VoiceBlock(child.name, age_text, "", [], [], None, "", "", "", "", "", [], 0)
            )
            continue
        drawings = _drawings(voice, attachments)
        methods = [participation.VIEW_METHODS.get(m, m) for m in voice.methods or [] if m]
        if voice.method_other.strip():
            methods = [m for m in methods if m != participation.VIEW_METHODS["other"]]
            methods.append(f"Other: {voice.method_other.strip()}")
        code = voice.participation_code
        blocks.append(
            VoiceBlock(
                name=child.name,
                age=age_text,
                own_words=voice.own_words,
                houses=[
                    (label, getattr(voice, name))
                    for name, label in HOUSES
                    if getattr(voice, name).strip()
                ],
                methods=methods,
                seen_alone_on=voice.seen_alone_on,
                participation=(
                    f"{code}: {participation.PARTICIPATION_CODES.get(code, '')}" if code else ""
                ),
                advocacy=participation.ADVOCACY_ANSWERS.get(voice.advocacy_offered or "", ""),
                observations=voice.observations,
                observed_by=voice.observed_by.strip(),
                not_recorded_reason=voice.not_recorded_reason.strip(),
                drawings=drawings,
                drawings_kept=len(voice.pictures) - len(drawings),
                kept_off_screen=(wall.CHILD_VOICE, voice.id, wall.WHOLE) in hidden,
                kept_from_family=_voice_kept_from_family(family, voice.id),
            )
        )
    return blocks


def _voice_kept_from_family(family: dict, voice_id: int) -> dict[str, str]:
    """Why a child's words (all of them: "", or one part, by its field or house label) are
    not for the family's copy."""
    parts = [("", ""), ("own_words", "own_words"), *HOUSES]
    reasons = {label: family.get((wall.CHILD_VOICE, voice_id, name), "") for name, label in parts}
    return {label: reason for label, reason in reasons.items() if reason}


def _drawings(voice, attachments: dict) -> list[Drawing]:
    drawings = []
    for picture in voice.pictures:
        if not picture.consent_to_share:
            continue
        data = stored_files.content_of(picture.file)
        if data is None:
            continue
        name = f"picture-{picture.id}"
        attachments[name] = (data, picture.content_type)
        drawings.append(Drawing(f"attachment:{name}", picture.description.strip()))
    return drawings


def identity_blocks(conference) -> list[IdentityBlock]:
    reviews = {identity.child_id: identity for identity in conference.identity_reviews}
    hidden = wall.kept_off(conference)
    family = withheld(conference)
    return [
        IdentityBlock(
            child.name,
            conference_identity_answers(reviews.get(child.id), child.given_name),
            [question for _field, question in not_known_on_record(child)],
            _identity_kept_off(reviews.get(child.id), child.given_name, hidden),
            _identity_kept_from_family(reviews.get(child.id), child.given_name, family),
        )
        for child in conference.case.children
    ]


def _identity_kept_off(answers, first_name: str, hidden: set) -> frozenset[str]:
    """The questions whose answers the chair kept off the live screen."""
    if answers is None:
        return frozenset()
    return frozenset(
        question.format(first_name=first_name)
        for field, question, _hint in IDENTITY_PROMPTS
        if (wall.CONFERENCE_IDENTITY, answers.id, field) in hidden
    )


def _identity_kept_from_family(answers, first_name: str, family: dict) -> dict[str, str]:
    """Why each answer not for the family's copy is kept from it, by its question."""
    if answers is None:
        return {}
    reasons = {
        question.format(first_name=first_name): reason_withheld(
            family, wall.CONFERENCE_IDENTITY, answers.id, name
        )
        for name, question, _hint in IDENTITY_PROMPTS
    }
    return {question: reason for question, reason in reasons.items() if reason}


def agency_views(conference) -> list[tuple[str, list[AgencyViewRow]]]:
    """(child's name, each agency's recommendation and reasons) for every child."""
    found = []
    for child in conference.case.children:
        views = sorted(
            (v for v in conference.agency_views if v.child_id == child.id),
            key=lambda v: (v.attendee.position, v.attendee.id),
        )
        rows = [
            AgencyViewRow(
                v.attendee.name,
                v.attendee.agency or AGENCY_TYPES.get(v.attendee.agency_type, ""),
                OUTCOMES.get(v.recommendation, v.recommendation),
                v.reasons.strip(),
            )
            for v in views
        ]
        found.append((child.name, rows))
    return found


def _contingency(conference) -> list[tuple[str, str]]:
    """The contingency plan for each child; one entry when it is the same for all of them."""
    plans = [
        (d.child.name, d.contingency_plan.strip())
        for d in conference.decisions
        if d.contingency_plan.strip()
    ]
    if plans and len({text for _name, text in plans}) == 1:
        return [("", plans[0][1])]
    return plans


def amendment_rows(conference) -> list[AmendmentRow]:
    return [
        AmendmentRow(
            section=a.section.strip(),
            text=a.text,
            made=f"{local_datetime(a.made_at)} by {a.made_by.name}",
            place=place_of(a.section),
        )
        for a in sorted(conference.amendments, key=lambda a: (a.made_at, a.id))
    ]


def place_of(section: str) -> str | None:
    """The part of the record an amendment corrects, from how the chair named it ("Map: worry
    statement 2" → "map", "Decision for Tolu" → "decisions"): the part whose words come first
    in the text. None when nothing matches: it is then printed with the other amendments
    only."""
    text = section.casefold()
    found = None
    for key, words in SECTION_WORDS.items():
        for word in words.split():
            match = re.search(rf"\b{re.escape(word)}", text)
            if match and (found is None or match.start() < found[0]):
                found = (match.start(), key)
    return found[1] if found else None
