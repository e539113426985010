"""The dashboard's running totals (conference/dashboard/tallies.py) give exactly the figures that
counting the records gives: after seeding, after each kind of change to the records, for every
team and pod and range, and as days pass; the page uses them, and counts the records where they
cannot answer (part months, or records from before the totals were kept)."""

from datetime import date, time, timedelta

import pytest
from flask_migrate import upgrade
from helpers import as_it_was, make_config
from sqlalchemy import delete, func, insert, select
from tally_world import (
    PASSWORD,
    TODAY,
    _ranges,
    assert_totals_match_the_records,
    at_the_same_moment,
    count,
)

from conference import create_app
from conference.domain import performance as rules
from conference.domain import quorum, timescales
from conference.extensions import db
from conference.models import (
    Attendee,
    Case,
    CaseTally,
    Child,
    ChildDecision,
    ChildVoice,
    Conference,
    CoreGroupMeeting,
    FamilyFeedback,
    Invitation,
    Oversight,
    Plan,
    PlanEpisode,
    Pod,
    SafetyGoal,
    StatutoryVisit,
    Tally,
    TallyRebuild,
    Team,
)
from conference.seeding.synthetic import manager_email
from conference.services.dashboard import counting, tallies
from conference.services.dashboard.rows import Filters


def test_the_totals_after_seeding_match_counting_the_records(seeded):
    with seeded.app_context():
        assert tallies.built()
        assert count(CaseTally) > 0 and count(Tally) > 0 and count(PlanEpisode) > 0
        # The totals are much smaller than the records they count.
        assert count(Tally) < count(CaseTally)
        assert_totals_match_the_records()


def test_every_figure_has_totals(seeded):
    with seeded.app_context():
        kept = set(db.session.scalars(select(Tally.figure).distinct()))
        assert kept == set(tallies.kept_figures())
        assert set(tallies.on_a_day_figures()) == {
            "seen-within-timescale",
            "seen-alone",
            "oversight-within-interval",
        }


def _a_case_with_a_plan_and_core_groups():
    return db.session.scalar(
        select(Case)
        .join(CoreGroupMeeting, CoreGroupMeeting.case_id == Case.id)
        .where(Case.pod_id.is_not(None))
        .order_by(Case.id)
        .limit(1)
    )


def _change(change):
    change()
    db.session.commit()
    assert_totals_match_the_records()


def _delete_meeting(meeting: CoreGroupMeeting) -> None:
    """A core group meeting, with the families' feedback on it that refers to it (the
    synthetic data offers feedback after some of the last year's meetings)."""
    for record in (FamilyFeedback, Invitation):
        db.session.execute(delete(record).where(record.core_group_meeting_id == meeting.id))
    db.session.delete(meeting)


def test_moving_a_case_to_another_team_moves_its_figures(seeded):
    with seeded.app_context():
        case = _a_case_with_a_plan_and_core_groups()
        other = db.session.scalar(select(Pod).where(Pod.team_id != case.team_id).limit(1))
        before = tallies.count_figures(
            ["core-groups-on-time"], Filters(*_ranges()[1], TODAY, team_id=other.team_id)
        )["core-groups-on-time"]

        def move():
            case.team_id, case.pod_id = other.team_id, other.id

        _change(move)
        after = tallies.count_figures(
            ["core-groups-on-time"], Filters(*_ranges()[1], TODAY, team_id=other.team_id)
        )["core-groups-on-time"]
        assert after.denominator > before.denominator


def test_changing_a_core_group_date_or_deleting_one_is_counted(seeded):
    with seeded.app_context():
        meetings = db.session.scalars(
            select(CoreGroupMeeting).order_by(CoreGroupMeeting.held_on.desc()).limit(2)
        ).all()

        def later():
            meetings[0].held_on = meetings[0].held_on - timedelta(days=40)

        _change(later)
        _change(lambda: _delete_meeting(meetings[1]))


def test_changes_to_children_are_counted(seeded):
    with seeded.app_context():
        voice_child = db.session.scalar(
            select(Child).join(ChildVoice, ChildVoice.child_id == Child.id).limit(1)
        )
        planned = db.session.scalar(
            select(Child).join(PlanEpisode, PlanEpisode.child_id == Child.id).limit(1)
        )

        def older():  # aged 12 or over at their conferences now
            voice_child.date_of_birth = date(1990, 1, 1)

        def elsewhere():  # a plan before, in another area
            planned.previous_plans_elsewhere = 1
            planned.ethnicity_code = "WIRI"

        _change(older)
        _change(elsewhere)


def test_visits_and_management_oversight_are_counted_as_they_change(seeded):
    """A visit moved back, a child's part in one changed, one removed, and an oversight removed:
    each month's end kept in the totals still says what judging the records says."""
    with seeded.app_context():
        visits_of = (
            select(StatutoryVisit)
            .join(PlanEpisode, PlanEpisode.case_id == StatutoryVisit.case_id)
            .where(PlanEpisode.ended_on.is_(None))
            .order_by(StatutoryVisit.visited_on.desc())
            .limit(3)
        )
        latest, second, third = db.session.scalars(visits_of).all()
        oversight = db.session.scalar(select(Oversight).order_by(Oversight.held_on.desc()).limit(1))

        def moved_back():
            latest.visited_on = latest.visited_on - timedelta(days=45)

        def not_alone():
            for part in second.children:
                part.seen_alone = not part.seen_alone

        _change(moved_back)
        _change(not_alone)
        _change(lambda: db.session.delete(third))
        _change(lambda: db.session.delete(oversight))


def test_changes_to_a_finalised_conference_are_counted(seeded):
    with seeded.app_context():
        review = db.session.scalar(
            select(Conference)
            .join(ChildDecision, ChildDecision.conference_id == Conference.id)
            .where(Conference.conference_type == "review", ChildDecision.outcome == "cp_plan")
            .order_by(Conference.held_on.desc())
            .limit(1)
        )
        quorate = db.session.scalar(
            select(Attendee).where(Attendee.agency_type == "health").limit(1)
        )
        goal = db.session.scalar(select(SafetyGoal).where(SafetyGoal.measurable).limit(1))
        plan = db.session.scalar(select(Plan).where(Plan.identity_considered).limit(1))

        def end_the_plans():
            for decision in review.decisions:
                decision.outcome, decision.category = "nfa", None

        def report_late():
            review.report_shared_on = review.held_on
            review.twilight = not review.twilight

        def checks():
            goal.measurable = False
            goal.outcome_grade = "task" if goal.outcome_grade == "mixed" else "mixed"
            plan.identity_considered = False

        _change(end_the_plans)
        _change(report_late)
        _change(lambda: setattr(quorate, "attendance", quorum.APOLOGIES))
        _change(checks)


def test_a_conference_not_finalised_changes_nothing_until_it_is(seeded):
    with seeded.app_context():
        conference = db.session.scalar(
            select(Conference)
            .where(Conference.conference_type == "initial", Conference.finalised_at.is_not(None))
            .order_by(Conference.held_on.desc())
            .limit(1)
        )
        finalised_at = conference.finalised_at

        def reopen():
            conference.finalised_at = None

        _change(reopen)  # (the app never does this; the totals still follow the records)

        def finalise_again():
            conference.finalised_at = finalised_at

        _change(finalise_again)


def test_a_rollback_leaves_the_totals_alone(seeded):
    with seeded.app_context():
        case = _a_case_with_a_plan_and_core_groups()
        totals = db.session.scalar(select(func.sum(Tally.n)))
        case.team_id = db.session.scalar(select(Team.id).where(Team.id != case.team_id).limit(1))
        db.session.flush()
        db.session.rollback()
        db.session.commit()
        assert db.session.scalar(select(func.sum(Tally.n))) == totals
        assert_totals_match_the_records()


def test_a_first_core_group_not_held_counts_once_it_is_overdue(seeded):
    with seeded.app_context():
        conference = db.session.scalar(
            select(Conference)
            .join(Plan, Plan.conference_id == Conference.id)
            .join(CoreGroupMeeting, CoreGroupMeeting.plan_id == Plan.id)
            .where(Conference.conference_type == "initial")
            .order_by(Conference.held_on.desc())
            .limit(1)
        )
        for meeting in db.session.scalars(
            select(CoreGroupMeeting)
            .join(Plan, CoreGroupMeeting.plan_id == Plan.id)
            .where(Plan.conference_id == conference.id)
        ):
            _delete_meeting(meeting)
        db.session.commit()
        children = db.session.scalar(
            select(func.count()).where(
                ChildDecision.conference_id == conference.id, ChildDecision.outcome == "cp_plan"
            )
        )
        due = timescales.first_core_group_due(conference.held_on, timescales.default_calendar())
        month = (rules.first_of_month(conference.held_on), rules.last_of_month(conference.held_on))
        key = "first-core-group-on-time"
        overdue = []
        for today in (due, due + timedelta(days=1)):
            filters = Filters(*month, today, team_id=conference.case.team_id)
            kept = tallies.count_figures([key], filters)[key]
            assert kept == counting.count_figures([key], filters)[key]
            overdue.append(dict(kept.outcomes)[rules.NOT_HELD_OVERDUE])
        assert children > 0
        assert overdue[1] - overdue[0] >= children


def test_rebuilding_gives_the_same_totals(seeded):
    with seeded.app_context():
        kept = db.session.execute(
            select(Tally.figure, Tally.month, Tally.outcome, Tally.n).where(Tally.n != 0)
        ).all()
        tallies.rebuild()
        db.session.commit()
        again = db.session.execute(
            select(Tally.figure, Tally.month, Tally.outcome, Tally.n).where(Tally.n != 0)
        ).all()
        assert sorted(again) == sorted(kept)


def test_records_from_before_the_totals_are_counted_until_rebuilt(seeded, client):
    """A database upgraded with records in it is marked by the migration: the page counts the
    records (the same figures), and `rebuild-dashboard` builds the totals and clears the mark."""
    with seeded.app_context():
        db.session.execute(delete(Tally))
        db.session.add(TallyRebuild())
        db.session.commit()
        assert not tallies.built()
    client.post("/sign-in", data={"email": manager_email(1), "password": PASSWORD})
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert "0 out of 0" not in page.get_data(as_text=True).split("Quorate conferences")[1][:400]
    result = seeded.test_cli_runner().invoke(args=["rebuild-dashboard"])
    assert result.exit_code == 0, result.output
    assert "The dashboard's totals are built" in result.output
    with seeded.app_context():
        assert tallies.built()
        assert count(Tally) > 0
        assert_totals_match_the_records()


def test_only_whole_months_are_answered_from_the_totals(seeded):
    with seeded.app_context():
        filters = Filters(date(TODAY.year - 1, 3, 10), date(TODAY.year - 1, 9, 20), TODAY)
        assert not tallies.whole_months(filters)
        whole = Filters(date(TODAY.year - 1, 3, 1), date(TODAY.year - 1, 9, 30), TODAY)
        assert tallies.whole_months(whole)


def test_two_people_saving_the_same_case_at_once_lose_no_count(seeded):
    """Two core group meetings of one case changed at the same moment, again and again, by two
    people (threads with their own connections): the totals still match the records."""
    with seeded.app_context():
        case_id = db.session.scalar(
            select(CoreGroupMeeting.case_id)
            .group_by(CoreGroupMeeting.case_id)
            .having(func.count() >= 2)
            .order_by(CoreGroupMeeting.case_id)
            .limit(1)
        )
        meetings = db.session.scalars(
            select(CoreGroupMeeting.id).where(CoreGroupMeeting.case_id == case_id).limit(2)
        ).all()

    def save(meeting_id):
        def work():
            for turn in range(6):
                meeting = db.session.get(CoreGroupMeeting, meeting_id)
                meeting.held_on += timedelta(days=-15 if turn % 2 == 0 else 14)
                db.session.commit()

        return work

    assert not at_the_same_moment(seeded, *(save(meeting) for meeting in meetings))
    with seeded.app_context():
        assert_totals_match_the_records()


@pytest.mark.parametrize("with_records", [True, False])
def test_the_migration_marks_records_from_before_the_totals(tmp_path, with_records):
    """Upgrading a database that holds conferences leaves the mark (the totals are built by
    rebuild-dashboard); a new, empty one has none. (On a SQLite file whatever the suite's
    database: the migration's SQL is the same on both.)"""
    app = create_app(make_config(f"sqlite:///{tmp_path / 'upgraded.sqlite'}"))
    with app.app_context():
        upgrade(revision="0007")
        if with_records:
            with db.engine.begin() as connection:
                teams = as_it_was(connection, Team)
                team = connection.execute(insert(teams).values(name="Team")).lastrowid
                case = connection.execute(
                    insert(as_it_was(connection, Case)).values(
                        reference="OLD-1",
                        team_id=team,
                        opened_on=date(2025, 1, 6),
                        referral_date=date(2025, 1, 6),
                    )
                ).lastrowid
                connection.execute(
                    insert(as_it_was(connection, Conference)).values(
                        case_id=case,
                        conference_type="initial",
                        held_on=date(2025, 2, 3),
                        starts_at=time(10),
                    )
                )
        upgrade()
        assert tallies.built() is not with_records
        db.engine.dispose()
