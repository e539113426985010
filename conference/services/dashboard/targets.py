"""The council's targets for the dashboard's figures, and the published comparators (England's
and statistical neighbours' values) read beside them. Set, changed and removed only by those
services/access.py names, every change audited; a save based on an older version is refused."""

from flask import abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.extensions import db
from conference.models import Comparator, FigureTarget, User
from conference.services import access, audit, records


class ComparatorTaken(Exception):
    """The figure already has a comparator of this kind for this year."""


# Targets.


def targets() -> dict[str, FigureTarget]:
    """Every figure's target: {figure key: target}."""
    return {target.figure: target for target in db.session.scalars(select(FigureTarget))}


def target_for(figure: str) -> FigureTarget | None:
    return db.session.scalar(select(FigureTarget).where(FigureTarget.figure == figure))


def set_target(
    actor: User, figure: str, version: int, value: float, higher_is_better: bool
) -> FigureTarget:
    """Set or change a figure's target. `version` is the one the form was loaded at, 0 when
    there was none.

    :raise 403: the actor does not set the targets.
    :raise records.StaleVersion: someone else saved a target for the figure since.
    """
    if not access.sets_the_targets(actor):
        abort(403)
    existing = target_for(figure)
    if existing is not None:
        fields = {"value": value, "higher_is_better": higher_is_better, "set_by_id": actor.id}
        records.update(actor, existing, version, **fields)
        db.session.flush()
        return existing
    with records.saved_first(lambda: target_for(figure)):
        target = FigureTarget(
            figure=figure, value=value, higher_is_better=higher_is_better, set_by_id=actor.id
        )
        db.session.add(target)
        audit.record(actor, "create", target, audit.changes_of(target))
    return target


def remove_target(actor: User, target: FigureTarget) -> None:
    """:raise 403: the actor does not set the targets."""
    if not access.sets_the_targets(actor):
        abort(403)
    audit.record(actor, "delete", target, _removed(target))
    db.session.delete(target)
    db.session.flush()


# Comparators.


def comparators() -> list[Comparator]:
    """Every comparator, by figure, kind and latest year first."""
    return list(
        db.session.scalars(
            select(Comparator).order_by(
                Comparator.figure, Comparator.comparison, Comparator.year.desc()
            )
        )
    )


def latest_comparators() -> dict[tuple[str, str], Comparator]:
    """The latest year's comparator of each kind for each figure: {(figure, comparison): it}.
    ("2024-25" sorts after "2023-24", so the latest is the greatest.)"""
    latest: dict[tuple[str, str], Comparator] = {}
    for comparator in comparators():
        latest.setdefault((comparator.figure, comparator.comparison), comparator)
    return latest


def comparator(comparator_id: int) -> Comparator | None:
    return db.session.get(Comparator, comparator_id)


def add_comparator(actor: User, **fields) -> Comparator:
    """:raise 403: the actor does not enter comparators.
    :raise ComparatorTaken: the figure has one of this kind for this year already."""
    _may_enter(actor)
    fields = _stripped(fields)
    if _taken(fields):
        raise ComparatorTaken
    found = Comparator(**fields, entered_by_id=actor.id)
    try:
        # Someone else entering the same figure, kind and year at the same moment: the unique
        # constraint refuses the second, which is told so, as if the check above had found it.
        with records.savepoint():
            db.session.add(found)
            audit.record(actor, "create", found, audit.changes_of(found))
    except IntegrityError:
        raise ComparatorTaken from None
    return found


def change_comparator(actor: User, found: Comparator, version: int, **fields) -> Comparator:
    """:raise 403: the actor does not enter comparators.
    :raise ComparatorTaken: another has this figure, kind and year.
    :raise records.StaleVersion: someone else changed it since."""
    _may_enter(actor)
    fields = _stripped(fields)
    if _taken(fields, Comparator.id != found.id):
        raise ComparatorTaken
    try:
        records.update(actor, found, version, **fields, entered_by_id=actor.id)
    except IntegrityError:
        raise ComparatorTaken from None
    return found


def remove_comparator(actor: User, found: Comparator) -> None:
    """:raise 403: the actor does not enter comparators."""
    _may_enter(actor)
    audit.record(actor, "delete", found, _removed(found))
    db.session.delete(found)
    db.session.flush()


def _may_enter(actor: User) -> None:
    if not access.enters_comparators(actor):
        abort(403)


def _stripped(fields: dict) -> dict:
    return {
        key: value.strip() if isinstance(value, str) else value for key, value in fields.items()
    }


def _taken(fields: dict, *other) -> bool:
    query = select(Comparator.id).where(
        Comparator.figure == fields["figure"],
        Comparator.comparison == fields["comparison"],
        Comparator.year == fields["year"],
        *other,
    )
    return db.session.scalar(query) is not None


def _removed(record) -> dict:
    """What a removed record held, as the audit trail keeps a change: {field: [old, None]}."""
    columns = [column.key for column in record.__table__.columns if column.key != "version"]
    return {key: [audit.plain(getattr(record, key)), None] for key in columns if key != "id"}
