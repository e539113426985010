"""A minute-taker's My work: the conferences they are assigned to type in, and nothing of any
case beyond them (services/access.py)."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from conference.extensions import db
from conference.models import Case, Conference, User


def conferences_to_minute(user: User) -> list[Conference]:
    """The conferences not yet finalised that `user` is the minute-taker of, soonest first."""
    query = (
        select(Conference)
        .where(Conference.minute_taker_id == user.id, Conference.finalised_at.is_(None))
        .options(selectinload(Conference.case).selectinload(Case.children))
        .order_by(Conference.held_on, Conference.starts_at, Conference.id)
    )
    return list(db.session.scalars(query))
