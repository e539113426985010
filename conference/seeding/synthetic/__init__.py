"""Synthetic data at scale, for trying the dashboard and the returns on realistic volumes:
`flask --app wsgi seed-synthetic --children 50000 [--seed 1]`.

Every record is fictional (invented family names, references "SYN-…", users
@synthetic.example) and the same seed gives the same records for the same day. The rows are
inserted in bulk with SQLAlchemy Core, not as ORM objects, so 50,000 children take minutes.
"""

import os
import random
import secrets
import time
from collections.abc import Callable
from datetime import date

import click
from flask.cli import with_appcontext
from sqlalchemy import or_, select, text
from werkzeug.security import generate_password_hash

from conference.domain import clock
from conference.extensions import db
from conference.models import Case, Role, Team, User
from conference.seeding.synthetic import texts
from conference.seeding.synthetic.generator import Generator, Staff
from conference.seeding.synthetic.writer import Writer
from conference.services.dashboard import tallies

# How many children a family has: (children, weight).
FAMILY_SIZES = ((1, 35), (2, 30), (3, 22), (4, 13))
FAMILIES_PER_FLUSH = 1000


class AlreadySeeded(Exception):
    """Synthetic data is in the database already."""


def exists() -> bool:
    """Whether any synthetic record is in the database."""
    found = (
        db.session.scalar(
            select(Case.id).where(Case.reference.like(f"{texts.REFERENCE_PREFIX}%")).limit(1)
        ),
        db.session.scalar(
            select(User.id).where(User.email.like(f"%@{texts.EMAIL_DOMAIN}")).limit(1)
        ),
        db.session.scalar(
            select(Team.id)
            .where(or_(*(Team.name == texts.TEAM_PREFIX + name for name in texts.TEAMS)))
            .limit(1)
        ),
    )
    return any(value is not None for value in found)


def manager_email(team: int = 1) -> str:
    """The email of the synthetic manager of the team numbered `team` (from 1)."""
    return f"manager{team}@{texts.EMAIL_DOMAIN}"


def seed(
    children: int,
    seed: int = 1,
    password: str | None = None,
    today: date | None = None,
    echo: Callable[[str], None] = lambda line: None,
) -> dict[str, int]:
    """Create the synthetic teams, pods, users and about `children` children (a family is not
    split, so a few more) with their history, in one transaction. Every user gets `password`
    (a random one when none is given: nobody can sign in). Returns the rows written per table.

    :raise AlreadySeeded: synthetic data exists already.
    """
    if exists():
        raise AlreadySeeded()
    rng = random.Random(seed)  # noqa: S311 (made-up records, not secrets)
    today = today or clock.today()
    started = time.perf_counter()
    writer = Writer()
    staff = _staff(writer, rng, children, password or secrets.token_urlsafe(24))
    generator = Generator(writer, staff, rng, today)
    made = families = 0
    while made < children:
        families += 1
        made += generator.family(families, min(generator.pick(FAMILY_SIZES), children - made))
        if families % FAMILIES_PER_FLUSH == 0:
            writer.flush()
            echo(f"  {made:,} children in {families:,} families ({_since(started)})")
    writer.flush()
    writer.move_sequences_on()
    db.session.commit()
    _analyze()
    echo(f"  building the dashboard's totals ({_since(started)})")
    tallies.rebuild(echo)
    db.session.commit()
    _analyze()
    echo(f"  done: {made:,} children in {families:,} families ({_since(started)})")
    return dict(writer.totals)


def _analyze() -> None:
    """Gather the statistics the query planner chooses its indexes by (PostgreSQL's autovacuum
    would within a minute or so; SQLite only when asked), so that the queries after seeding are
    planned as they will be later. Without them, building the dashboard's totals at 50,000
    children took three times as long on PostgreSQL, and refreshing one case's totals on SQLite
    scanned every conference of a type (0.23 s instead of 0.03 s)."""
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def _staff(writer: Writer, rng: random.Random, children: int, password: str) -> Staff:
    """Six teams of two or three pods each; a manager per team and a service manager; social
    workers in every pod (one of them the senior practitioner), enough for the caseload;
    chairs; practitioners from other agencies."""
    password_hash = generate_password_hash(password, method="scrypt")
    counter = iter(range(1, 1_000_000))

    def user(role: Role, email: str, agency: str, team_id=None, pod_id=None, senior=False):
        user_id = writer.next_id("user_account")
        name = f"{rng.choice(texts.GIVEN_NAMES)} {rng.choice(texts.FAMILY_NAMES)}"
        writer.add(
            "user_account",
            {
                "id": user_id,
                "email": email,
                "name": name,
                "role": role.value,
                "agency": agency,
                "team_id": team_id,
                "pod_id": pod_id,
                "senior_practitioner": senior,
                "active": True,
                "password_hash": password_hash,
                "version": 1,
            },
        )
        return user_id, name

    social_care = "Children’s Social Care"
    pods = []
    n_pods = 0
    team_pods = []
    managers = {}
    for number, name in enumerate(texts.TEAMS, start=1):
        team_id = writer.next_id("team")
        writer.add("team", {"id": team_id, "name": texts.TEAM_PREFIX + name})
        managers[team_id] = user(Role.MANAGER, manager_email(number), social_care, team_id)[0]
        size = 3 if number % 2 else 2
        n_pods += size
        team_pods.append((team_id, texts.PODS[:size]))
    per_pod = max(3, min(60, children // (n_pods * 120)))
    for team_id, pod_names in team_pods:
        for pod_name in pod_names:
            pod_id = writer.next_id("pod")
            writer.add("pod", {"id": pod_id, "team_id": team_id, "name": pod_name})
            workers = [
                user(
                    Role.SOCIAL_WORKER,
                    f"socialworker{next(counter)}@{texts.EMAIL_DOMAIN}",
                    social_care,
                    team_id,
                    pod_id,
                    senior=n == 0,
                )
                for n in range(per_pod)
            ]
            pods.append((team_id, pod_id, workers))
    user(Role.MANAGER, f"servicemanager@{texts.EMAIL_DOMAIN}", social_care)
    chairs = [
        user(Role.CHAIR, f"chair{n}@{texts.EMAIL_DOMAIN}", "Safeguarding and Quality Assurance")
        for n in range(1, max(4, children // 2500) + 1)
    ]
    practitioners = []
    for n in range(1, 3 * len(texts.TEAMS) + 1):
        agency_type, _role, agency = texts.AGENCIES[n % len(texts.AGENCIES)]
        user_id, name = user(Role.PRACTITIONER, f"practitioner{n}@{texts.EMAIL_DOMAIN}", agency)
        practitioners.append((user_id, name, agency_type, agency))
    return Staff(chairs=chairs, practitioners=practitioners, pods=pods, managers=managers)


@click.command("seed-synthetic")
@with_appcontext
@click.option("--children", type=click.IntRange(1, 1_000_000), required=True)
@click.option("--seed", "seed_value", type=int, default=1, show_default=True)
def seed_synthetic_command(children, seed_value):
    """Create fictional teams, users and about CHILDREN children with five years of history.
    Users get the password in SYNTHETIC_PASSWORD, or a random one nobody knows."""
    if os.environ.get("CONFERENCE_ENV", "").lower() == "production":
        raise click.ClickException(
            "Refusing to create synthetic data: CONFERENCE_ENV is production"
        )
    click.echo(f"Creating about {children:,} synthetic children (seed {seed_value})")
    try:
        totals = seed(
            children,
            seed_value,
            password=os.environ.get("SYNTHETIC_PASSWORD") or None,
            echo=click.echo,
        )
    except AlreadySeeded:
        raise click.ClickException(
            "Synthetic data exists already: start from an empty database"
        ) from None
    for table, rows in totals.items():
        click.echo(f"  {table:26} {rows:>10,}")
    click.echo(f"  {'all tables':26} {sum(totals.values()):>10,}")
