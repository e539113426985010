"""The chronology (docs/domain.md section 10): a summary of the significant events in each
child's life and the family's history, not a running record. Each event has a date, what
happened, where it is known from (the source), its impact on the child and who recorded it.
Most are read from the record (referrals, enquiries, conferences, plans, core groups, visits,
changes of worker, oversight); the rest are entered by hand and corrected only by a dated
amendment, never silently.

An event about the whole family names no child; a child's chronology is their own events and
the family's. Events are in date order, and on the same day in the order the work happens
(a referral before its strategy discussion, a conference before its decisions).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from conference.domain.visits import SEEN_BEFORE_BIRTH
from conference.domain.wording import count


class Kind(StrEnum):
    """The kinds of event, in the order they are listed on the same day."""

    REFERRAL = "referral"
    STRATEGY_DISCUSSION = "strategy_discussion"
    SECTION_47 = "section_47"
    ASSESSMENT = "assessment"
    CONFERENCE = "conference"
    DECISION = "decision"
    PLAN = "plan"
    CHILD_IN_NEED_PLAN = "cin_plan"
    CORE_GROUP = "core_group"
    VISIT = "visit"
    ALLOCATION = "allocation"
    OVERSIGHT = "oversight"
    PLAN_ENDED = "plan_ended"
    CLOSURE = "closure"
    SIGNIFICANT = "significant"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.REFERRAL: "Referral",
    Kind.STRATEGY_DISCUSSION: "Strategy discussion",
    Kind.SECTION_47: "Section 47 enquiry",
    Kind.ASSESSMENT: "Assessment",
    Kind.CONFERENCE: "Conference",
    Kind.DECISION: "Conference decision",
    Kind.PLAN: "Plan version",
    Kind.CHILD_IN_NEED_PLAN: "Child in need plan",
    Kind.CORE_GROUP: "Core group meeting",
    Kind.VISIT: "Statutory visit",
    Kind.ALLOCATION: "Change of worker or team",
    Kind.OVERSIGHT: "Management oversight",
    Kind.PLAN_ENDED: "Plan ended",
    Kind.CLOSURE: "Closure",
    Kind.SIGNIFICANT: "Significant event",
}
_RANK = {kind: position for position, kind in enumerate(Kind)}


@dataclass(frozen=True)
class Amendment:
    """A correction of a hand-entered event: when, by whom, why, and what it said before."""

    made_on: date
    made_by: str
    reason: str
    before: str  # the earlier wording of what happened
    before_on: date | None = None
    before_source: str = ""
    before_impact: str = ""


@dataclass(frozen=True)
class Event:
    """One line of the chronology. `child_ids` empty: the whole family. `event_id` is the
    hand-entered event's id (None for an event read from the record)."""

    on: date
    kind: Kind
    what: str
    source: str = ""
    impact: str = ""
    child_ids: tuple[int, ...] = ()
    recorded_by: str = ""
    not_for_family: bool = False
    event_id: int | None = None
    version: int | None = None
    amendments: tuple[Amendment, ...] = field(default_factory=tuple)

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def for_whole_family(self) -> bool:
        return not self.child_ids

    @property
    def amended(self) -> bool:
        return bool(self.amendments)

    @property
    def last_amendment(self) -> Amendment | None:
        return self.amendments[-1] if self.amendments else None


@dataclass(frozen=True)
class Filters:
    """What to show: one child's events and the family's (None: everyone's), some kinds (empty:
    every kind), and a date range (either end open)."""

    child_id: int | None = None
    kinds: tuple[Kind, ...] = ()
    from_on: date | None = None
    to_on: date | None = None

    @property
    def any(self) -> bool:
        return bool(self.child_id or self.kinds or self.from_on or self.to_on)


def in_order(events: Iterable[Event]) -> list[Event]:
    """Oldest first; on the same day, in the order the work happens (`Kind`'s order)."""
    return sorted(events, key=lambda event: (event.on, _RANK[event.kind]))


def shown(events: Iterable[Event], filters: Filters) -> list[Event]:
    """The events the filters keep, in order. A child's events include the whole family's."""
    return [event for event in in_order(events) if _kept(event, filters)]


def _kept(event: Event, filters: Filters) -> bool:
    if filters.child_id is not None and event.child_ids and filters.child_id not in event.child_ids:
        return False
    if filters.kinds and event.kind not in filters.kinds:
        return False
    if filters.from_on is not None and event.on < filters.from_on:
        return False
    return filters.to_on is None or event.on <= filters.to_on


def merged(events: Iterable[Event]) -> list[Event]:
    """One line for what happened to several children at once (a strategy discussion about
    each child, the same day, from the record): the same date, kind and wording, with their
    children together. Events entered by hand are never merged."""
    kept: dict[tuple, Event] = {}
    result: list[Event] = []
    for event in events:
        if event.event_id is not None or not event.child_ids:
            result.append(event)
            continue
        key = (event.on, event.kind, event.what, event.source, event.impact, event.recorded_by)
        earlier = kept.get(key)
        if earlier is None:
            kept[key] = event
            result.append(event)
            continue
        children = earlier.child_ids + tuple(
            c for c in event.child_ids if c not in earlier.child_ids
        )
        joined = replace(earlier, child_ids=children)
        result[result.index(earlier)] = kept[key] = joined
    return result


def latest(events: Iterable[Event], how_many: int) -> list[Event]:
    """The last `how_many` events, newest first: the summary shown while preparing a
    conference or a review."""
    return list(reversed(in_order(events)))[:how_many]


def seen_wording(name: str, seen: bool, seen_alone: bool, born: bool = True) -> str:
    """How a visit reads for one child: "Ada seen alone", "Ben seen (not alone)", "Cy not
    seen"; a baby visited before the birth was not asked about, so not "(not alone)": "Dee seen
    with their mother before the birth"."""
    if not seen:
        return f"{name} not seen"
    if not born:
        return f"{name} {SEEN_BEFORE_BIRTH}"
    return f"{name} seen alone" if seen_alone else f"{name} seen (not alone)"


# A strategy discussion is read from the section 47 enquiry that followed it.
STRATEGY_DISCUSSION_WORDING = "Strategy discussion: a section 47 enquiry to start"


def core_group_wording(came: int, invited: int, goals: str) -> str:
    """How a core group meeting reads: "Core group meeting: 3 of 5 people came; safety goals:
    1 achieved, 2 some progress". `goals` is the meeting's summary of its goals' ratings ("" if
    none was rated)."""
    parts = []
    if invited:
        parts.append(f"{came} of {count(invited, 'person', 'people')} came")
    if goals:
        parts.append(f"safety goals: {goals}")
    return "Core group meeting: " + ("; ".join(parts) or "who came and the progress not recorded")
