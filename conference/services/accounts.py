"""Managing the people who can sign in and their teams and pods; searching the audit trail.
Every change is audited in the same transaction."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from conference.common import sessions
from conference.common.routing import page_number
from conference.common.templating import LONDON
from conference.extensions import db
from conference.models import AuditEvent, Pod, Team, User
from conference.services import audit, records
from conference.services.sign_in import normalise_email

AUDIT_PAGE_SIZE = 50


class EmailTaken(Exception):
    """Another account already uses this email address."""


def list_users() -> list[User]:
    query = select(User).options(selectinload(User.team), selectinload(User.pod))
    return list(db.session.scalars(query.order_by(User.name)))


def list_teams() -> list[Team]:
    """Every team, with its pods loaded: the user form offers both."""
    query = select(Team).options(selectinload(Team.pods)).order_by(Team.name)
    return list(db.session.scalars(query))


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def create_user(
    actor: User | None,
    *,
    email,
    name,
    role,
    password,
    agency="",
    team_id=None,
    pod_id=None,
    senior_practitioner=False,
    phone="",
) -> User:
    """Create a user; raise EmailTaken if the address is already used."""
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise EmailTaken(email)
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        agency=agency.strip(),
        phone=phone.strip(),
        team_id=team_id,
        pod_id=pod_id,
        senior_practitioner=senior_practitioner,
    )
    user.set_password(password)
    db.session.add(user)
    audit.record(actor, "create", user, {"email": [None, email], "role": [None, role]})
    db.session.flush()
    return user


def update_user(actor: User, user: User, version: int, **fields) -> User:
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
    if not user.active:
        # A deactivated account is signed out everywhere, now.
        sessions.end_sessions_of(user.id)
    db.session.flush()
    return user


class NameTaken(Exception):
    """Another team (or pod in the team) already has this name."""


def list_teams_with_member_counts() -> list[tuple[Team, int]]:
    """Every team with its pods, and how many active accounts belong to it."""
    active_members = (
        select(func.count(User.id))
        .where(User.team_id == Team.id, User.active)
        .correlate(Team)
        .scalar_subquery()
    )
    query = select(Team, active_members).options(selectinload(Team.pods)).order_by(Team.name)
    return [(team, count) for team, count in db.session.execute(query)]


def get_team(team_id: int) -> Team | None:
    return db.session.get(Team, team_id)


def get_pod(team: Team, pod_id: int) -> Pod | None:
    """The pod, if it belongs to `team`."""
    pod = db.session.get(Pod, pod_id)
    return pod if pod is not None and pod.team_id == team.id else None


def create_team(actor: User, name: str) -> Team:
    """Create a team; raise NameTaken if another team has this name."""
    name = name.strip()
    _refuse_taken_name(Team, name)
    team = Team(name=name)
    db.session.add(team)
    audit.record(actor, "create", team, {"name": [None, name]})
    db.session.flush()
    return team


def rename_team(actor: User, team: Team, name: str) -> Team:
    """Rename a team; raise NameTaken if another team has this name."""
    name = name.strip()
    _refuse_taken_name(Team, name, Team.id != team.id)
    _rename(actor, team, name)
    return team


def create_pod(actor: User, team: Team, name: str) -> Pod:
    """Add a pod to a team; raise NameTaken if the team already has a pod with this name."""
    name = name.strip()
    _refuse_taken_name(Pod, name, Pod.team_id == team.id)
    pod = Pod(team=team, name=name)
    db.session.add(pod)
    audit.record(actor, "create", pod, {"team_id": [None, team.id], "name": [None, name]})
    db.session.flush()
    return pod


def rename_pod(actor: User, pod: Pod, name: str) -> Pod:
    """Rename a pod; raise NameTaken if another pod in its team has this name."""
    name = name.strip()
    _refuse_taken_name(Pod, name, Pod.team_id == pod.team_id, Pod.id != pod.id)
    _rename(actor, pod, name)
    return pod


def _refuse_taken_name(model, name: str, *where) -> None:
    # Names differing only in capitals would look like the same team or pod in every list.
    # Compared in Python: SQLite's lower() knows only A to Z, so "Î" would slip past it and then
    # break the unique constraint. A council has tens of teams, a team a few pods.
    taken = db.session.scalars(select(model.name).where(*where))
    if any(existing.casefold() == name.casefold() for existing in taken):
        raise NameTaken(name)


def _rename(actor: User, record, name: str) -> None:
    record.name = name
    changes = audit.changes_of(record)
    if changes:
        audit.record(actor, "update", record, changes)
    db.session.flush()


def search_audit_events(*, user_id=None, date_from=None, date_to=None, page=1):
    """A page of audit events, newest first, optionally only one user's and only between two
    dates (inclusive, as days in London).

    :raise 404: the page is past the last one.
    """
    query = select(AuditEvent).options(selectinload(AuditEvent.user))
    if user_id is not None:
        query = query.where(AuditEvent.user_id == user_id)
    if date_from is not None:
        query = query.where(AuditEvent.occurred_at >= _london_midnight(date_from))
    if date_to is not None:
        query = query.where(AuditEvent.occurred_at < _london_midnight(date_to + timedelta(days=1)))
    query = query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    return db.paginate(
        query, page=page_number(page), per_page=AUDIT_PAGE_SIZE, max_per_page=AUDIT_PAGE_SIZE
    )


def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=LONDON)
