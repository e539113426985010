"""One world for the security tests: a user of each role, and two cases with one of every record a
URL can address, so that every route in the url map can be built with real ids.

"own" is the case in Team A: allocated to the social worker, managed by the manager (Team A), with
the practitioner in its core group and the minute-taker assigned to its review conference (they
see that conference, never the case). "other" is a case in Team C with no link to anyone. Chairs
see both; administrators neither.
"""

from datetime import UTC, date, datetime, time

from flask import url_for
from helpers import PASSWORD, Client, sign_in, team_id
from images import png
from sqlalchemy import func, select

from conference.extensions import db
from conference.models import (
    Adult,
    Attendee,
    AudioCopy,
    Case,
    Child,
    ChildDecision,
    ChildEpisode,
    ChildPicture,
    ChildVoice,
    ChronologyEvent,
    Comparator,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    Invitation,
    Job,
    MapItem,
    Oversight,
    OversightAction,
    Plan,
    PlanAction,
    Pod,
    Role,
    SafetyGoal,
    Section47Enquiry,
    StatutoryVisit,
    StoredFile,
    Team,
    User,
)
from conference.models.family_voice import FamilyViews

ROLES = ["admin", "manager", "chair", "social_worker", "practitioner", "minute_taker"]
TEAMS = {"admin": None, "manager": "Team A", "chair": "Chairs", "social_worker": "Team A"}
OWNERSHIPS = ["own", "other"]

# The world key that fills a URL argument, where it is not the argument's own name.
ARGUMENT_SOURCES = {"conference_id": "review_id"}
# Routes whose records must be in another state: an amendment is to a finalised conference.
ENDPOINT_SOURCES = {"conferences.new_amendment": {"conference_id": "initial_id"}}


def build_world(app) -> dict:
    """Store the users and both cases; return their ids: {"users": {role: email},
    "user_ids": {role: id}, "own": {argument: id}, "other": {argument: id}}."""
    with app.app_context():
        users = {}
        for role in ROLES:
            user = User(
                email=f"{role}@example.org",
                name=f"Test {Role(role).label}",
                role=role,
                team_id=team_id(TEAMS.get(role)),
            )
            user.set_password(PASSWORD)
            db.session.add(user)
            users[role] = user
        # Not one of ROLES: a manager with no team answers for the whole service (the returns).
        head = User(email="head@example.org", name="Test Head of service", role="manager")
        head.set_password(PASSWORD)
        db.session.add(head)
        users["head_of_service"] = head
        db.session.flush()
        own = _case("SEC-000001", "Team A", users["social_worker"])
        own["review"].minute_taker_id = users["minute_taker"].id
        other = _case("SEC-000002", "Team C", None)
        db.session.add(CoreGroupMember(case_id=own["case"].id, user_id=users["practitioner"].id))
        db.session.commit()
        team = db.session.query(Team).filter_by(name="Team A").one()
        pod = Pod(name="Pod 1", team_id=team.id)
        # A published comparator for the dashboard (entered by an administrator).
        comparator = Comparator(
            figure="twilight", comparison="england", year="2024-25", value=8, source="CIN census"
        )
        # A return the head of service asked for and was made (issue 22): only they see it.
        made = Job(
            kind="cin",
            requested_by_id=head.id,
            state="done",
            file=StoredFile.holding(b"<Message/>", "application/xml"),
            filename="cin-census-2027.xml",
            summary={"return": "cin", "year": 2027, "children": 1},
            finished_at=datetime.now(UTC),
        )
        db.session.add_all([pod, comparator, made])
        db.session.commit()
        common = {
            "user_id": users["chair"].id,
            "team_id": team.id,
            "pod_id": pod.id,
            "comparator_id": comparator.id,
            "job_id": made.id,
        }
        return {
            "users": {role: user.email for role, user in users.items()},
            "user_ids": {role: user.id for role, user in users.items()},
            "own": {**common, **_ids(own)},
            "other": {**common, **_ids(other)},
        }


def _case(reference, team, social_worker) -> dict:
    case = Case(
        reference=reference,
        team_id=team_id(team),
        social_worker_id=social_worker.id if social_worker else None,
        opened_on=date(2026, 6, 1),
        referral_date=date(2026, 5, 28),
    )
    child = Child(
        given_name="Ada",
        family_name="Test",
        date_of_birth=date(2019, 1, 1),
        local_child_id=f"{reference}-C1",
        own_copy=True,  # the chair agreed her own copy of the plan (issue 19)
    )
    child.episodes.append(
        ChildEpisode(
            referral_date=date(2026, 5, 28),
            enquiries=[Section47Enquiry(started_on=date(2026, 6, 2))],
        )
    )
    adult = Adult(given_name="Bo", family_name="Test")
    case.children.append(child)
    case.adults.append(adult)
    db.session.add(case)
    db.session.flush()
    initial = Conference(
        case_id=case.id, conference_type="initial", held_on=date(2026, 7, 1), starts_at=time(10)
    )
    initial.decisions = [ChildDecision(child_id=child.id, outcome="cp_plan", category="NEG")]
    initial.map_items = [MapItem(heading="worry", text="A worry", child_ids=[])]
    goal = SafetyGoal(statement="Ada goes to school every day", child_ids=[child.id])
    goal.actions = [PlanAction(what="Walk Ada to school", who="Bo Test")]
    plan = Plan(case_id=case.id, conference=initial, number=1, goals=[goal])
    meeting = CoreGroupMeeting(case_id=case.id, plan=plan, held_on=date(2026, 7, 10))
    review = Conference(
        case_id=case.id,
        conference_type="review",
        held_on=date(2026, 10, 1),
        starts_at=time(10),
        previous_conference=initial,
    )
    review.attendees = [
        Attendee(name="Bo Test", agency_type="family", attendance="attended", is_parent=True)
    ]
    review.map_items = [MapItem(heading="worry", text="A worry", child_ids=[])]
    review.decisions = [ChildDecision(child_id=child.id, outcome="cp_plan", category="NEG")]
    voice = ChildVoice(child_id=child.id)
    voice.pictures = [ChildPicture(file=StoredFile.holding(png(), "image/png"))]
    review.voices = [voice]
    visit = StatutoryVisit(
        case_id=case.id, visited_on=date(2026, 7, 8), place="Home", observations="Tidy"
    )
    event = ChronologyEvent(
        case_id=case.id, occurred_on=date(2026, 7, 2), what_happened="An event", child_ids=[]
    )
    oversight = Oversight(case_id=case.id, held_on=date(2026, 7, 3), decision="Carry on")
    oversight.actions = [
        OversightAction(
            description="An action",
            owner_id=social_worker.id if social_worker else None,
            due_on=date(2026, 7, 20),
        )
    ]
    # A recording of the plan for the adult (who asked for audio): issue 19.
    adult.plan_formats = ["audio"]
    recording = StoredFile.holding(b"ID3" + b"\0" * 16, "audio/mpeg")
    audio = AudioCopy(plan=plan, adult_id=adult.id, file=recording)
    db.session.add_all([plan, meeting, review, visit, event, oversight, audio])
    db.session.flush()
    # The adult invited to give their views before the review (issue 20); not a real code's HMAC.
    invitation = Invitation(
        case_id=case.id,
        conference_id=review.id,
        adult_id=adult.id,
        version="parent",
        code_hash=f"{reference:0>64}",
        expires_at=datetime(2099, 1, 1, tzinfo=UTC),
    )
    db.session.add(invitation)
    db.session.flush()
    # The views they sent, waiting for staff to accept them (issue 20).
    db.session.add(
        FamilyViews(
            invitation_id=invitation.id,
            good_things="The children go to school",
            worries="The damp",
            sent_at=datetime(2026, 7, 4, 12, tzinfo=UTC),
        )
    )
    db.session.flush()
    initial.finalised_at = datetime(2026, 7, 1, 12, tzinfo=UTC)
    return {
        "case": case,
        "child": child,
        "adult": adult,
        "initial": initial,
        "review": review,
        "plan": plan,
        "goal": goal,
        "meeting": meeting,
        "visit": visit,
        "event": event,
        "oversight_action": oversight.actions[0],
        "picture": voice.pictures[0],
        "audio_copy": audio,
        "invitation": invitation,
    }


def _ids(records) -> dict:
    review = records["review"]
    return {
        "case_id": records["case"].id,
        "child_id": records["child"].id,
        "episode_id": records["child"].episodes[0].id,
        "enquiry_id": records["child"].episodes[0].enquiries[0].id,
        "adult_id": records["adult"].id,
        "initial_id": records["initial"].id,
        "review_id": review.id,
        "attendee_id": review.attendees[0].id,
        "item_id": review.map_items[0].id,
        "picture_id": records["picture"].id,
        "audio_copy_id": records["audio_copy"].id,
        "plan_id": records["plan"].id,
        "goal_id": records["goal"].id,
        "action_id": records["goal"].actions[0].id,
        "meeting_id": records["meeting"].id,
        "visit_id": records["visit"].id,
        "event_id": records["event"].id,
        "oversight_action_id": records["oversight_action"].id,
        "invitation_id": records["invitation"].id,
        "key": f"conference-{review.id}-map-item-new",
        "filename": "src/app.mjs",
        "figure": "on-plan",
        "month": "2026-10",
        "slug": "worries",  # a page of the family's views (issue 20)
    }


# What a page keeps of what it worked out from the records, not a record: a team manager's My
# work keeps the day's items it worked out (services/my_work/kept.py), deleted with any change.
WORKED_OUT = ("kept_work", "kept_work_item")


def database_snapshot(app, audit: bool = False, versions: bool = False) -> dict:
    """The number of rows in each table (the audit log only if `audit`), and with `versions`
    the (id, version) of every versioned record: equal snapshots mean nothing changed."""
    snapshot = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            if table.name == "audit_event" and not audit:
                continue
            if table.name in WORKED_OUT:
                continue
            snapshot[table.name] = db.session.scalar(select(func.count()).select_from(table))
            if versions and "version" in table.c:
                query = select(table.c.id, table.c.version).order_by(table.c.id)
                snapshot[f"{table.name} versions"] = db.session.execute(query).all()
    return snapshot


def url_of(app, rule, values: dict) -> str:
    """The rule's URL with the world's ids for `values` ("own" or "other")."""
    sources = {**ARGUMENT_SOURCES, **ENDPOINT_SOURCES.get(rule.endpoint, {})}
    arguments = {name: values[sources.get(name, name)] for name in rule.arguments}
    with app.test_request_context():
        return url_for(rule.endpoint, **arguments)


def client_for(app, world, role: str | None) -> Client:
    """A fresh client, signed in as `role` (None: signed out)."""
    client = Client(app.test_client())
    if role is not None:
        assert sign_in(client, world["users"][role]).status_code == 302
    return client
