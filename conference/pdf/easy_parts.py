"""Parts shared by the easy-read plan and the child's own plan (issue 19; docs/domain.md
section 11), so that neither document imports the other.

Both follow the UK's easy-read guidance ("Making written information easier to understand for
people with learning disabilities", Department of Health and Mencap): short sentences, one idea a
line, a picture beside each point, large type and plenty of white space. Each document is a list
of `Section`s, each a heading and its `Point`s: a picture and the lines beside it.

The pictures are the project's own drawings in static/pictures/ (its README says how they are
licensed), printed through the `app-static:` fetcher, each with the text alternative that the
tagged PDF carries.
"""

from dataclasses import dataclass, field
from datetime import date

from conference.domain import mapping
from conference.domain.wording import long_date
from conference.pdf.parts import children_on_plan
from conference.services.conferences import kept_from_family

# Easy read asks for at least 14 to 16 point type: these documents print nothing smaller.
BODY_PT = 18
SMALLEST_PT = 16


@dataclass(frozen=True)
class Picture:
    url: str  # served by the documents' fetcher (render.StaticOnlyFetcher)
    alt: str


def _picture(name: str, alt: str) -> Picture:
    return Picture(f"app-static:/pictures/{name}.svg", alt)


PICTURES = {
    "worried": _picture("worried", "A worried face"),
    "going_well": _picture("going_well", "A smiling face"),
    "to_do": _picture("to_do", "A list with ticks"),
    "person": _picture("person", "A person"),
    "calendar": _picture("calendar", "A calendar with a day circled"),
    "meeting": _picture("meeting", "People meeting round a table"),
    "phone": _picture("phone", "A phone"),
    "talk": _picture("talk", "A speech bubble"),
    "emergency": _picture("emergency", "999 in a red circle"),
    "home": _picture("home", "A house"),
}


@dataclass(frozen=True)
class Point:
    """One point: a picture, and the short lines beside it (one idea a line)."""

    picture: Picture
    lines: list[str]


@dataclass(frozen=True)
class Section:
    """A heading and its points, in groups that are never split across pages (a goal's what,
    who and when stay together); most groups are one point."""

    heading: str
    groups: list[list[Point]] = field(default_factory=list)


def section(heading: str, *points: Point) -> Section:
    """A section whose points each stand alone."""
    return Section(heading, [[one] for one in points])


def point(picture: str, *lines: str) -> Point:
    """A point with the named picture, leaving out empty lines."""
    return Point(PICTURES[picture], [line for line in lines if line])


def withheld(conference) -> dict:
    """What must not reach any family copy (conference/services/conferences/kept_from_family)."""
    return kept_from_family.withheld(conference)


def worries(conference, keys) -> list[list[str]]:
    """The worry statements in the map's order, each as lines: one a guided answer ("Who is
    worried: …"), or the one sentence it was written as (mapping.worry_text). Those kept from
    the family are left out."""
    items = _map_items(conference, keys, (mapping.WORRY,))
    return [_worry_lines(item) for item in items]


def _worry_lines(item) -> list[str]:
    parts = mapping.worry_statement_parts(
        item.who_is_worried, item.worried_about, item.could_happen
    )
    return [f"{label}: {answer}" for label, answer in parts] or [mapping.worry_text(item)]


def working_well(conference, keys) -> list[str]:
    """What is already keeping the children safe, then the family's strengths."""
    return [item.text.strip() for item in _map_items(conference, keys, WORKING_WELL)]


WORKING_WELL = (mapping.SAFETY, mapping.STRENGTHS)


def _map_items(conference, keys, headings) -> list:
    items = [
        item
        for item in conference.map_items
        if item.heading in headings
        and not kept_from_family.is_withheld(keys, "map_item", item.id)
        and (item.text.strip() or item.heading == mapping.WORRY)
    ]
    items.sort(key=lambda item: (headings.index(item.heading), item.position, item.id))
    return items


def decisions_on_plan(conference) -> list:
    children = {child.id for child in children_on_plan(conference)}
    return [d for d in conference.decisions if d.child_id in children]


def earliest(dates) -> date | None:
    return min((day for day in dates if day is not None), default=None)


def check_lines(review_on: date | None, sustained_for: str) -> list[str]:
    """One date a reader can follow: when it is checked, and how long it must keep happening
    ("We will check on 18 December 2026.", "This needs to keep happening for 6 months.")."""
    lines = [f"We will check on {long_date(review_on)}." if review_on else ""]
    how_long = sustained_for.strip().rstrip(".")
    if how_long:
        first, _, rest = how_long.partition(" ")
        if first.lower() in SAYS_HOW_LONG:  # "Until the birth": no "for" before it
            how_long = f"{first.lower()} {rest}".strip()
        else:
            how_long = f"for {how_long}"
        lines.append(f"This needs to keep happening {how_long}.")
    return [line for line in lines if line]


SAYS_HOW_LONG = ("until", "till", "for", "always", "every", "at", "from")
