"""The Strengthening Families map (docs/domain.md section 3).

The conference maps what it knows, on a screen everyone can see, under six headings, and the
family responds to each item in turn. Each item concerns one or several of the family's children
and records who raised it. Good worry statements say who is worried, about what behaviour or
event, and what could happen to the child if nothing changes; three or four at most.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

DANGER_HARM = "danger_harm"
WORRY = "worry"
COMPLICATING = "complicating"
SAFETY = "safety"
STRENGTHS = "strengths"
GREY = "grey"


@dataclass(frozen=True)
class Heading:
    key: str
    label: str
    meaning: str


# In the order the conference works through them.
HEADINGS = (
    Heading(
        DANGER_HARM,
        "Danger / harm",
        "What has happened to the child: specific events, dates, who, the impact on the child.",
    ),
    Heading(
        WORRY,
        "Worry statements",
        "What could happen to the child if nothing changes: who is worried, about what "
        "behaviour, what it could mean for the child.",
    ),
    Heading(
        COMPLICATING,
        "Complicating factors",
        "What makes things harder, including what professionals do, without being harm itself.",
    ),
    Heading(
        SAFETY,
        "Safety",
        "What the family already does that keeps the child safe when the danger is present.",
    ),
    Heading(
        STRENGTHS,
        "Strengths",
        "Resources, relationships and abilities that can be built on.",
    ),
    Heading(GREY, "Grey areas", "What is not known yet, or is disputed."),
)
HEADING_KEYS = tuple(heading.key for heading in HEADINGS)
_BY_KEY = {heading.key: heading for heading in HEADINGS}

# "Three or four at most": more than this many worry statements dilutes the plan.
MOST_WORRY_STATEMENTS = 4

WORRY_PARTS = (
    ("who_is_worried", "Who is worried"),
    ("worried_about", "About what"),
    ("could_happen", "What could happen to the child if nothing changes"),
)

UP = "up"
DOWN = "down"
DIRECTIONS = (UP, DOWN)


def heading(key: str) -> Heading:
    """The heading with this key. Raises KeyError for anything else."""
    return _BY_KEY[key]


def worry_statement_parts(who: str, about: str, could_happen: str) -> list[tuple[str, str]]:
    """The worry statement as labelled parts, (label, answer), leaving out unanswered parts."""
    answers = (who, about, could_happen)
    return [
        (label, answer.strip())
        for (_field, label), answer in zip(WORRY_PARTS, answers, strict=True)
        if answer and answer.strip()
    ]


def worry_statement_text(who: str, about: str, could_happen: str) -> str:
    """A worry statement on one line, from its three guided answers:
    "Who is worried: … / About what: … / What could happen to the child if nothing changes: …"."""
    parts = worry_statement_parts(who, about, could_happen)
    return " / ".join(f"{label}: {answer}" for label, answer in parts)


def worry_text(item) -> str:
    """What a worry statement (a map item, or anything with its fields) is called on every page
    and document: its guided answers on one line; or, for a statement written as one sentence
    before the guided questions (or copied from one), that sentence. Beside guided answers, the
    free text is a note of what else was said, not the statement itself."""
    guided = worry_statement_text(item.who_is_worried, item.worried_about, item.could_happen)
    return guided or item.text.strip()


def too_many_worries(count: int) -> bool:
    """Good practice is no more than four worry statements: more should be combined or
    prioritised."""
    return count > MOST_WORRY_STATEMENTS


def reorder(order: Sequence[K], item: K, direction: str) -> list[K]:
    """`order` with `item` swapped with its neighbour above ("up") or below ("down"). Moving
    the first item up or the last item down changes nothing. Raises ValueError for an item not
    in `order` or an unknown direction."""
    if direction not in DIRECTIONS:
        raise ValueError(f"Unknown direction {direction!r}: use {UP!r} or {DOWN!r}")
    moved = list(order)
    here = moved.index(item)
    there = here - 1 if direction == UP else here + 1
    if 0 <= there < len(moved):
        moved[here], moved[there] = moved[there], moved[here]
    return moved


def move_to_end(order: Sequence[K], item: K) -> list[K]:
    """`order` with `item` added at the end (moved there if it was already in it): an item moved
    to another heading goes to the end of that heading."""
    return [other for other in order if other != item] + [item]


def positions(order: Sequence[K]) -> dict[K, int]:
    """Each item's position, counting from 0, in the given order: stored so that every heading
    is numbered without gaps after a move."""
    return {item: number for number, item in enumerate(order)}
