"""What managers write about a figure for a month, kept with the month, the figure and the part
of the service (all, a team or a pod). Every change is audited; a save based on an older version
is refused (conference/records.py)."""

from datetime import date

from flask import abort
from sqlalchemy import select

from conference.extensions import db
from conference.models import Commentary, Pod, User
from conference.services import access, audit, records


def commentary_for(figure: str, month: date, scope: str) -> Commentary | None:
    return db.session.scalar(
        select(Commentary).where(
            Commentary.figure == figure, Commentary.month == month, Commentary.scope == scope
        )
    )


def commentaries(months: list[date], scope: str) -> dict[tuple[str, date], Commentary]:
    """Every commentary of the range for this part of the service: {(figure, month): it}."""
    if not months:
        return {}
    found = db.session.scalars(
        select(Commentary).where(
            Commentary.scope == scope, Commentary.month.between(months[0], months[-1])
        )
    )
    return {(c.figure, c.month): c for c in found}


def may_write(actor: User, scope: str) -> bool:
    """Whether `actor` may write commentary for this part of the service ("pod:3", "team:2" or
    "all", as kept): services/access.py says who answers for which figures."""
    kind, _, number = scope.partition(":")
    if kind == "pod":
        pod = db.session.get(Pod, int(number))
        return pod is not None and access.may_comment(actor, pod.team_id)
    return access.may_comment(actor, int(number) if kind == "team" else None)


def save(actor: User, figure: str, month: date, scope: str, version: int, text: str) -> Commentary:
    """Write or change the commentary. `version` is the one the form was loaded at, 0 when
    there was none.

    :raise 403: the actor may not write commentary for this part of the service.
    :raise records.StaleVersion: someone else saved a commentary for it since.
    """
    if not may_write(actor, scope):
        abort(403)
    existing = commentary_for(figure, month, scope)
    if existing is not None:
        records.update(actor, existing, version, text=text, written_by_id=actor.id)
        db.session.flush()
        return existing
    # Two managers writing the first commentary for it at the same moment: the second is told.
    with records.saved_first(lambda: commentary_for(figure, month, scope)):
        commentary = Commentary(
            figure=figure, month=month, scope=scope, text=text.strip(), written_by_id=actor.id
        )
        db.session.add(commentary)
        audit.record(actor, "create", commentary, audit.changes_of(commentary))
    return commentary
