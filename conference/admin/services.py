"""Managing the people who can sign in. Every change is audited in the same transaction."""

from sqlalchemy import select

from conference import audit, records
from conference.auth.services import normalise_email
from conference.extensions import db
from conference.models import Team, User


class EmailTaken(Exception):
    pass


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.name)))


def list_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def create_user(actor, *, email, name, role, password, agency="", team_id=None) -> User:
    """Create a user; raise EmailTaken if the address is already used."""
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise EmailTaken(email)
    user = User(email=email, name=name.strip(), role=role, agency=agency.strip(), team_id=team_id)
    user.set_password(password)
    db.session.add(user)
    audit.record(actor, "create", user, {"email": [None, email], "role": [None, role]})
    db.session.commit()
    return user


def update_user(actor, user: User, version: int, **fields) -> User:
    """Change a user's details. Refuse if the form was loaded before someone else's save."""
    if version != user.version:
        raise records.StaleVersion(user)
    fields["email"] = normalise_email(fields["email"])
    clash = db.session.scalar(
        select(User.id).where(User.email == fields["email"], User.id != user.id)
    )
    if clash is not None:
        raise EmailTaken(fields["email"])
    records.update(actor, user, version, **fields)
    db.session.commit()
    return user
