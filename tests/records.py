"""Records stored straight into the database, for tests that need them in place before they use
the page under test: children and adults of a case, people invited to a conference, and reading
back a record or the audit events; and the dashboard tests' two teams and families."""

from datetime import date

from conference.extensions import db
from conference.models import (
    Adult,
    AdultChildRelationship,
    Attendee,
    AuditEvent,
    Case,
    Child,
    ChildEpisode,
    Pod,
    Section47Enquiry,
    Team,
)


def add_child(app, case_id, given_name="Lily", local_child_id="LC-1001", **fields) -> int:
    with app.app_context():
        child = Child(
            case_id=case_id,
            given_name=given_name,
            family_name=fields.pop("family_name", "Jones"),
            date_of_birth=fields.pop("date_of_birth", date(2020, 4, 3)),
            local_child_id=local_child_id,
            **fields,
        )
        # Every child has an episode from the family's referral, as adding one on the page does.
        child.episodes.append(
            ChildEpisode(referral_date=db.session.get(Case, case_id).referral_date)
        )
        db.session.add(child)
        db.session.commit()
        return child.id


def add_episode(app, child_id, referral_date, **fields) -> int:
    """Another episode for the child (close the last one first, with `closed_on`)."""
    with app.app_context():
        episode = ChildEpisode(child_id=child_id, referral_date=referral_date, **fields)
        db.session.add(episode)
        db.session.commit()
        return episode.id


def add_enquiry(app, child_id, started_on, **fields) -> int:
    """A section 47 enquiry in the child's latest episode (one from `started_on` if none)."""
    with app.app_context():
        child = db.session.get(Child, child_id)
        episode = child.current_episode
        if episode is None:
            episode = ChildEpisode(child=child, referral_date=started_on)
        enquiry = Section47Enquiry(started_on=started_on, **fields)
        episode.enquiries.append(enquiry)
        db.session.add(episode)
        db.session.commit()
        return enquiry.id


def add_adult(app, case_id, given_name="Dana", relationships=()) -> int:
    """`relationships`: (child id, relationship, parental responsibility) for each child."""
    with app.app_context():
        adult = Adult(case_id=case_id, given_name=given_name, family_name="Jones")
        adult.relationships = [
            AdultChildRelationship(
                child_id=child_id, relationship_to_child=relationship, parental_responsibility=pr
            )
            for child_id, relationship, pr in relationships
        ]
        db.session.add(adult)
        db.session.commit()
        return adult.id


def get(app, model, record_id):
    with app.app_context():
        record = db.session.get(model, record_id)
        db.session.expunge(record)
        return record


def events(app, action, **where) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter_by(action=action, **where).all()
        db.session.expunge_all()
        return found


def add_attendee(app, conference_id, name, agency_type, attendance="attended", **fields):
    with app.app_context():
        position = db.session.query(Attendee).filter_by(conference_id=conference_id).count() + 1
        attendee = Attendee(
            conference_id=conference_id,
            name=name,
            agency_type=agency_type,
            attendance=attendance,
            position=position,
            **fields,
        )
        db.session.add(attendee)
        db.session.commit()
        return attendee.id


def dashboard_families(b_referred_on: date) -> tuple[Team, Team, Pod, Case, Case]:
    """Team A with Pod 1, Team B, and a family in each (call it in an app context; the teams are
    flushed for their ids, the cases not yet added): DASH-A in the pod, referred on 20 January
    2025, and DASH-B, referred on `b_referred_on`."""
    team_a, team_b = Team(name="Team A"), Team(name="Team B")
    pod = Pod(team=team_a, name="Pod 1")
    db.session.add_all([team_a, team_b, pod])
    db.session.flush()
    family_a = Case(
        reference="DASH-A",
        team_id=team_a.id,
        pod_id=pod.id,
        opened_on=date(2025, 1, 20),
        referral_date=date(2025, 1, 20),
    )
    family_b = Case(
        reference="DASH-B",
        team_id=team_b.id,
        opened_on=b_referred_on,
        referral_date=b_referred_on,
    )
    return team_a, team_b, pod, family_a, family_b
