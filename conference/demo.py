"""Fictional demo data, created only by `flask --app wsgi seed-demo`."""

import secrets

from sqlalchemy import select

from conference.admin.services import create_user
from conference.extensions import db
from conference.models import Role, Team, User

DEMO_TEAM = "Demo Assessment Team"

DEMO_USERS = [
    ("admin@demo.example", "Ada Admin", Role.ADMIN, "Children’s Services"),
    ("manager@demo.example", "Morgan Manager", Role.MANAGER, "Children’s Social Care"),
    ("chair@demo.example", "Charlie Chair", Role.CHAIR, "Safeguarding and Quality Assurance"),
    (
        "socialworker@demo.example",
        "Sam Social-Worker",
        Role.SOCIAL_WORKER,
        "Children’s Social Care",
    ),
    (
        "practitioner@demo.example",
        "Priya Practitioner",
        Role.PRACTITIONER,
        "School Nursing Service",
    ),
]


def seed(password: str | None) -> str | None:
    """Create whatever demo data is missing. With `password`, every demo user gets it; without,
    new users get a generated one, which is returned so it can be shown once."""
    generated = None
    team = _team(DEMO_TEAM)
    for email, name, role, agency in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            if password is None:
                generated = generated or secrets.token_urlsafe(12)
            create_user(
                None,
                email=email,
                name=name,
                role=role.value,
                password=password or generated,
                agency=agency,
                team_id=team.id if role is not Role.ADMIN else None,
            )
        elif password is not None and not user.check_password(password):
            user.set_password(password)
    db.session.commit()
    return generated


def _team(name: str) -> Team:
    team = db.session.scalar(select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
    return team
