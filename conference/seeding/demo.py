"""Fictional demo data, created only by `flask --app wsgi seed-demo`."""

import secrets
from datetime import date

from flask import current_app
from sqlalchemy import select

from conference.domain import clock
from conference.domain.vocabulary import CaseStatus
from conference.extensions import db
from conference.models import Case, EnquiryOutcome, Pod, Role, Team, User
from conference.seeding.demo_chronology import demo_allocations, demo_events, demo_oversight
from conference.seeding.demo_conference import (
    demo_conferences,
    kept_from_the_family,
    kept_off_the_wall,
)
from conference.seeding.demo_contacts import PHONES, seed_contacts
from conference.seeding.demo_core_groups import demo_core_groups
from conference.seeding.demo_family import demo_cases
from conference.seeding.demo_feedback import demo_feedback
from conference.seeding.demo_plan import demo_next_version, demo_plan, finalise_demo_plan
from conference.seeding.demo_translation import import_demo_translation
from conference.seeding.demo_views import demo_views
from conference.seeding.demo_visits import demo_visits
from conference.services.accounts import create_user

DEMO_TEAM = "Demo Assessment Team"
OTHER_TEAM = "Demo Family Support Team"
DEMO_POD = "Pod A"
# Business support belongs to no social work team: they see only the conferences they minute.
NO_TEAM = {"admin@demo.example", "headofservice@demo.example", "minutetaker@demo.example"}

DEMO_USERS = [
    ("admin@demo.example", "Ada Admin", Role.ADMIN, "Children’s Services"),
    ("manager@demo.example", "Morgan Manager", Role.MANAGER, "Children’s Social Care"),
    # A manager with no team answers for the whole service and makes the statutory returns.
    ("headofservice@demo.example", "Hana Head-of-Service", Role.MANAGER, "Children’s Services"),
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
    (
        "minutetaker@demo.example",
        "Mina Minute-Taker",
        Role.MINUTE_TAKER,
        "Business Support",
    ),
]


def seed(password: str | None, today: date | None = None) -> str | None:
    """Create whatever demo data is missing. With `password`, every demo user gets it; without,
    new users get a generated one, which is returned so it can be shown once. The demo's dates
    are relative to `today` (default: today's date); tests pass a fixed day."""
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
                team_id=None if email in NO_TEAM else team.id,
                phone=PHONES.get(email, ""),
            )
        elif password is not None and not user.check_password(password):
            user.set_password(password)
    seed_contacts(team)
    _seed_cases(team, today or clock.today())
    db.session.commit()
    return generated


def _seed_cases(team: Team, today: date) -> None:
    if db.session.scalar(select(Case.id).where(Case.reference == "DEMO-0001")) is not None:
        return
    pod = _pod(team, DEMO_POD)
    social_worker = _user("socialworker@demo.example")
    social_worker.pod_id, social_worker.senior_practitioner = pod.id, True
    practitioner = _user("practitioner@demo.example")
    family, other = demo_cases(today, team, _team(OTHER_TEAM), pod, social_worker, practitioner)
    db.session.add_all([family, other])
    db.session.flush()
    users = {
        "chair": _user("chair@demo.example"),
        "socialworker": social_worker,
        "practitioner": practitioner,
    }
    initial, review = demo_conferences(family, users, today)
    # The review being prepared is the one business support will type in the room.
    review.minute_taker = _user("minutetaker@demo.example")
    db.session.add_all([initial, review])
    db.session.flush()
    db.session.add_all(kept_off_the_wall(initial, users["chair"]))
    db.session.add_all(kept_from_the_family(initial, users["chair"]))
    for child in family.children:
        # The enquiry led to the initial conference, and started with its strategy discussion.
        for enquiry in child.current_episode.enquiries:
            enquiry.started_on = enquiry.strategy_discussion_on = initial.strategy_discussion_on
            enquiry.completed_on, enquiry.conference_id = initial.held_on, initial.id
            enquiry.outcome = EnquiryOutcome.CONFERENCE
    plan = demo_plan(initial, users)
    db.session.flush()
    finalise_demo_plan(plan, users["chair"], current_app.config["PLAN_ACTIONS_CEILING"])
    meetings = demo_core_groups(family, users)
    db.session.flush()
    demo_next_version(plan, review, meetings[-1].held_on)
    demo_views(review, social_worker, users["chair"], today)  # issue 20
    db.session.add_all(demo_feedback(meetings[-1], social_worker, today))  # issue 20
    manager = _user("manager@demo.example")
    db.session.add_all(demo_allocations(family, other, manager, social_worker))
    db.session.add_all(demo_events(family, social_worker, today))
    db.session.add_all(demo_oversight(family, manager, social_worker, today))
    db.session.add_all(demo_visits(family, initial, social_worker, today))
    family.status = CaseStatus.CHILD_PROTECTION_PLAN
    db.session.flush()
    # The agreed plan (version 1) is translated, not the review's draft: the family's own copies
    # are of the plan in force, and a draft's words may still change before it is agreed (its
    # copies still ask for an interpreter, as a real draft's would). Last, once the core groups
    # have added their actions to it.
    import_demo_translation(plan, social_worker, meetings[-1].held_on, today)


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _pod(team: Team, name: str) -> Pod:
    pod = db.session.scalar(select(Pod).where(Pod.team_id == team.id, Pod.name == name))
    if pod is None:
        pod = Pod(team_id=team.id, name=name)
        db.session.add(pod)
        db.session.flush()
    return pod


def _team(name: str) -> Team:
    team = db.session.scalar(select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
    return team
