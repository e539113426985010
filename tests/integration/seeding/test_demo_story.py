"""The demo tells one story in time, whatever day it is seeded on: what a conference discusses
happened before it (the referral, the assessment and the section 47 enquiry, the chronology's
events, the children seen alone); core groups fall between the conferences and report visits
made since the meeting before, as the statutory visits record them; and nothing is dated after
today except what is scheduled."""

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Date, select

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    Case,
    ChronologyEvent,
    Conference,
    CoreGroupMeeting,
    Oversight,
    Plan,
    StatutoryVisit,
)
from conference.models.types import UTCDateTime
from conference.seeding import demo

# The days the demo is seeded on: today, the first working day of a year, a leap day.
DAYS = [clock.today(), date(2027, 1, 4), date(2028, 2, 29)]
# What may be dated after today: what is expected or scheduled, never what happened.
SCHEDULED = {
    "child.expected_date_of_birth",
    "conference.held_on",  # the review, booked (checked below to be in draft)
    "child_decision.review_on",
    "child_decision.first_core_group_on",
    "safety_goal.review_on",
    "plan_action.by_when",
    "oversight_action.due_on",
    "core_group_meeting.next_meeting_on",
}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "3 August 2026", or a date or month left without its year ("3 October", "since September").
FULL_DATE = re.compile(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b")
MONTH = re.compile(rf"\b({MONTHS})\b")


@pytest.fixture(params=DAYS, ids=lambda day: day.isoformat())
def seeded(request, app):
    """The demo as seeded on the day, and the family's case."""
    with app.app_context():
        demo.seed("a demo password for the tests", today=request.param)
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        yield request.param, case


def conferences(case) -> tuple[Conference, Conference]:
    initial, review = sorted(
        db.session.scalars(select(Conference).where(Conference.case_id == case.id)),
        key=lambda c: c.held_on,
    )
    assert (initial.conference_type, review.conference_type) == ("initial", "review")
    return initial, review


def test_nothing_is_dated_after_today_except_what_is_scheduled(seeded):
    today, case = seeded
    now = datetime.now(UTC)
    future = set()
    for table in db.metadata.sorted_tables:
        if table.name.startswith("dashboard_"):
            continue  # running totals, kept by month ahead of when they count: not the story
        for column in table.columns:
            if isinstance(column.type, Date):
                if db.session.execute(select(column).where(column > today).limit(1)).first():
                    future.add(f"{table.name}.{column.name}")
            elif isinstance(column.type, UTCDateTime):
                # Times recorded on a day are that day's, never later than the seeding.
                values = db.session.scalars(select(column).where(column.is_not(None))).all()
                late = [v for v in values if v.date() > max(today, now.date())]
                assert not late, f"{table.name}.{column.name}: {late}"
    assert future <= SCHEDULED, future - SCHEDULED
    _initial, review = conferences(case)
    assert review.held_on > today and review.finalised_at is None


def test_the_referral_assessment_and_enquiry_come_before_the_initial_conference(seeded):
    _today, case = seeded
    initial, _review = conferences(case)
    assert case.referral_date <= case.opened_on < initial.strategy_discussion_on < initial.held_on
    for child in case.children:
        episode = child.current_episode
        assert episode.referral_date == case.referral_date, child.given_name
        assert episode.referral_date <= episode.assessment_started_on, child.given_name
        assert episode.assessment_started_on <= episode.assessment_authorised_on
        assert episode.assessment_authorised_on < initial.held_on, child.given_name
        for enquiry in episode.enquiries:
            assert enquiry.started_on == initial.strategy_discussion_on
            assert enquiry.completed_on == initial.held_on


def test_what_a_conference_records_happened_before_it(seeded):
    """The children were seen alone before it, and every date its map and its plan name is a
    whole date before it (a day and month with no year would go wrong as the demo ages)."""
    today, case = seeded
    events = {
        event.occurred_on
        for event in db.session.scalars(
            select(ChronologyEvent).where(ChronologyEvent.case_id == case.id)
        )
    }
    for conference in conferences(case):
        texts = [
            value
            for item in conference.map_items
            for value in (item.text, item.family_response, item.worried_about, item.could_happen)
        ]
        for plan in db.session.scalars(select(Plan).where(Plan.conference_id == conference.id)):
            texts += [t for goal in plan.goals for t in (goal.baseline, goal.measure, goal.target)]
        for voice in conference.voices:
            if voice.seen_alone_on is not None:
                assert voice.seen_alone_on < conference.held_on
        for text in texts:
            for day, month, year in FULL_DATE.findall(text or ""):
                named = datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
                assert named < conference.held_on, text
                assert named in events, f"{text!r}: no chronology event on {named}"
            without_years = FULL_DATE.sub("", text or "")
            assert not MONTH.search(without_years), f"a date without its year: {text!r}"
    assert all(day <= today for day in events)


def test_core_groups_fall_between_the_conferences_and_report_the_visits_since_the_last(seeded):
    today, case = seeded
    initial, review = conferences(case)
    meetings = list(
        db.session.scalars(
            select(CoreGroupMeeting)
            .where(CoreGroupMeeting.case_id == case.id)
            .order_by(CoreGroupMeeting.held_on)
        )
    )
    assert meetings
    since = initial.held_on
    for number, meeting in enumerate(meetings):
        assert since < meeting.held_on <= today
        assert meeting.held_on < review.held_on
        assert meeting.completed_at.date() == meeting.held_on
        if number + 1 < len(meetings):
            assert meeting.next_meeting_on == meetings[number + 1].held_on
        for visit in meeting.visits:
            assert since < visit.visited_on <= meeting.held_on, (meeting.held_on, visit.visited_on)
        since = meeting.held_on


def test_the_social_workers_visits_at_core_groups_are_the_statutory_visits_recorded(seeded):
    """A home visit the core group hears of is one the visit records have, and the children it
    says were seen were seen at it."""
    _today, case = seeded
    recorded = {
        visit.visited_on: {part.child_id for part in visit.children if part.seen}
        for visit in db.session.scalars(
            select(StatutoryVisit).where(StatutoryVisit.case_id == case.id)
        )
    }
    heard_of = [
        visit
        for meeting in db.session.scalars(
            select(CoreGroupMeeting).where(CoreGroupMeeting.case_id == case.id)
        )
        for visit in meeting.visits
        if visit.visitor == case.social_worker.name and visit.place.startswith("Home")
    ]
    assert heard_of
    for visit in heard_of:
        assert visit.visited_on in recorded, visit.visited_on
        assert set(visit.child_ids) <= recorded[visit.visited_on], visit.visited_on


def test_visits_and_oversight_follow_the_plan_and_go_no_later_than_today(seeded):
    today, case = seeded
    initial, _review = conferences(case)
    visits = db.session.scalars(select(StatutoryVisit).where(StatutoryVisit.case_id == case.id))
    for visit in visits:
        assert initial.held_on < visit.visited_on <= today
        assert visit.recorded_at.date() >= visit.visited_on
    for oversight in db.session.scalars(select(Oversight).where(Oversight.case_id == case.id)):
        assert case.opened_on <= oversight.held_on <= today
        for action in oversight.actions:
            assert action.due_on > oversight.held_on
            assert action.done_on is None or oversight.held_on <= action.done_on <= today
