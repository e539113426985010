"""The Strengthening Families map: reading it, adding, changing and moving its items (the live
screen shows it with the rest of the conference: services/conferences/wall.py).

Every function that writes takes the acting user and adds its audit row in the same transaction;
the view commits. A map item has no case of its own, so its audit rows are given the conference's
case: the case's history then shows who changed its map.
"""

from dataclasses import dataclass

from sqlalchemy import update

from conference.domain import mapping
from conference.extensions import db
from conference.models import Conference, MapItem, User
from conference.services import audit, records


@dataclass(frozen=True)
class ShownItem:
    """A map item as the map and the live screen show it."""

    item: MapItem
    number: int  # counting from 1 under its heading
    worry_parts: list[tuple[str, str]]
    text: str
    raised_by: str
    children: list[str]
    family_response: str


@dataclass(frozen=True)
class MappedHeading:
    heading: mapping.Heading
    items: list[ShownItem]


def item_in(conference: Conference, item_id: int) -> MapItem | None:
    """The item, if it is on this conference's map."""
    item = db.session.get(MapItem, item_id)
    return item if item is not None and item.conference_id == conference.id else None


def items_under(conference: Conference, heading: str) -> list[MapItem]:
    """The items under one heading, in their order."""
    items = [item for item in conference.map_items if item.heading == heading]
    return sorted(items, key=lambda item: (item.position, item.id))


def map_of(conference: Conference) -> list[MappedHeading]:
    """All six headings in order, each with its items as they are shown."""
    names = {child.id: child.name for child in conference.case.children}
    return [
        MappedHeading(
            heading,
            [
                _shown(item, number, names)
                for number, item in enumerate(items_under(conference, heading.key), start=1)
            ],
        )
        for heading in mapping.HEADINGS
    ]


def _shown(item: MapItem, number: int, names: dict[int, str]) -> ShownItem:
    return ShownItem(
        item=item,
        number=number,
        # Shown under any heading: a worry statement moved to grey areas keeps its answers.
        worry_parts=mapping.worry_statement_parts(
            item.who_is_worried, item.worried_about, item.could_happen
        ),
        text=item.text,
        raised_by=item.raised_by,
        children=[names[child_id] for child_id in item.child_ids or [] if child_id in names],
        family_response=item.family_response,
    )


def too_many_worries(conference: Conference) -> bool:
    return mapping.too_many_worries(len(items_under(conference, mapping.WORRY)))


def view_map(actor: User, conference: Conference) -> None:
    _audit(actor, "view map", conference, None)


def view_live(actor: User, conference: Conference) -> None:
    _audit(actor, "view live screen", conference, None)


def add_item(actor: User, conference: Conference, **fields) -> MapItem:
    """Add an item at the end of its heading."""
    fields = _stripped(fields)
    position = _end_of(conference, fields["heading"])
    item = MapItem(conference_id=conference.id, conference=conference, position=position, **fields)
    db.session.add(item)
    _audit(actor, "create", item, audit.changes_of(item))
    db.session.flush()
    return item


def update_item(actor: User, item: MapItem, version: int | None, **fields) -> None:
    """Change an item, if nobody has saved it since `version`. An item given another heading
    goes to the end of that heading.

    :raise records.StaleVersion: someone else saved it first.
    """
    # Not records.update: its audit row would have no case (see the module's docstring).
    if version != item.version:
        raise records.StaleVersion(item)
    fields = _stripped(fields)
    old_heading = item.heading
    if fields["heading"] != old_heading:
        fields["position"] = _end_of(item.conference, fields["heading"])
    for key, value in fields.items():
        setattr(item, key, value)
    changes = audit.changes_of(item)
    if changes:
        _audit(actor, "update", item, changes)
    if item.heading != old_heading:
        _close_gap(item.conference, old_heading)  # after the audit: this flushes the changes
    db.session.flush()


def move_item(actor: User, item: MapItem, direction: str | None = None, heading: str | None = None):
    """Move an item up or down within its heading (swapping places with its neighbour), or to
    the end of another heading. Moving the first item up, or the last down, changes nothing."""
    before = {"heading": item.heading, "position": item.position}
    if direction:
        order = [other.id for other in items_under(item.conference, item.heading)]
        _number(item.conference, item.heading, mapping.reorder(order, item.id, direction))
    elif heading in mapping.HEADING_KEYS:
        if heading != item.heading:
            _to_end_of(item, heading)
    else:
        raise ValueError(f"Move {item.id} up, down or to a heading, not {heading!r}")
    changes = {
        field: [old, getattr(item, field)]
        for field, old in before.items()
        if getattr(item, field) != old
    }
    if changes:
        _audit(actor, "move", item, changes)
    db.session.flush()


def _to_end_of(item: MapItem, heading: str) -> None:
    """Give `item` a new heading, at its end. The heading is a change to the item: someone
    editing it must see a conflict."""
    old_heading = item.heading
    item.position = _end_of(item.conference, heading)
    item.heading = heading
    _close_gap(item.conference, old_heading)


def _close_gap(conference: Conference, heading: str) -> None:
    """Number a heading's items again after one has left it."""
    _number(conference, heading, [item.id for item in items_under(conference, heading)])


def _number(conference: Conference, heading: str, order: list[int]) -> None:
    """Store the order of a heading's items. Written without raising the items' versions: a
    reorder by the chair must not turn the minute-taker's open edit of a neighbouring item into
    a conflict, as positions are not on the edit form."""
    wanted = mapping.positions(order)
    for item in items_under(conference, heading):
        position = wanted.get(item.id, item.position)
        if item.position != position:
            db.session.execute(
                update(MapItem.__table__)
                .where(MapItem.__table__.c.id == item.id)
                .values(position=position)
            )
            db.session.expire(item, ["position"])


def _end_of(conference: Conference, heading: str) -> int:
    under = items_under(conference, heading)
    return under[-1].position + 1 if under else 0


def _stripped(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _audit(actor: User, action: str, record, changes: dict | None) -> None:
    event = audit.record(actor, action, record, changes)
    if isinstance(record, MapItem):
        event.case_id = record.conference.case_id
