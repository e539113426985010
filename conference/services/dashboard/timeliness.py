"""The timeliness figures: initial conferences within 15 working days of the strategy
discussion, first and later core groups, plans finalised by the first core group, reviews and
reports shared on time.

Their judgements need the working-day calendar, so the rows are grouped by the dates themselves
(for a core group after another meeting, by the days between them, and the next review's date
only when it is near enough to matter), and the calendar in conference/domain is applied to each
distinct group in Python (see counting.py).
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Date, Select, String, and_, case, cast, func, literal, select
from sqlalchemy.orm import aliased

from conference.domain import performance as rules
from conference.domain import timescales
from conference.extensions import db
from conference.models import Case, ChildDecision, Conference, CoreGroupMeeting, Plan, Team
from conference.services.dashboard.rows import (
    CP_PLAN,
    Counting,
    Filters,
    calendar,
    case_columns,
    child_decisions,
    conference_rows,
    days_between,
    finalised_in_range,
    scoped,
)

LONDON = ZoneInfo("Europe/London")

# The rows.


def icpc_rows(filters: Filters) -> Select:
    return child_decisions(
        filters,
        Conference.strategy_discussion_on.label("strategy_discussion_on"),
        Conference.held_on.label("event_on"),
    ).where(Conference.conference_type == timescales.INITIAL)


def first_core_group_rows(filters: Filters) -> Select:
    """The first core group of each initial conference's plan: one grouped pass over the
    meetings of the plans from initial conferences in the range, joined on."""
    first_meetings = (
        select(
            Plan.conference_id.label("conference_id"),
            func.min(CoreGroupMeeting.held_on).label("on"),
        )
        .select_from(CoreGroupMeeting)
        .join(Plan, CoreGroupMeeting.plan_id == Plan.id)
        .join(Conference, Plan.conference_id == Conference.id)
        .join(Case, Conference.case_id == Case.id)
        .where(
            CoreGroupMeeting.held_on <= filters.today,
            Conference.conference_type == timescales.INITIAL,
            finalised_in_range(Conference, filters),
        )
        .group_by(Plan.conference_id)
    )
    first = scoped(first_meetings, filters).subquery()
    return (
        child_decisions(
            filters, Conference.held_on.label("event_on"), first.c.on.label("first_core_group_on")
        )
        .outerjoin(first, first.c.conference_id == Conference.id)
        .where(Conference.conference_type == timescales.INITIAL, ChildDecision.outcome == CP_PLAN)
    )


def core_group_rows(filters: Filters) -> Select:
    """Each core group in the range with the plan's meeting before it (on an earlier day), from
    LAG over the distinct meeting days of the plans that met in the range, up to its last day;
    and the next review conference, as the core group pages take it (next_reviews)."""
    last_day = min(filters.end, filters.today)
    met_in_range = scoped(
        select(CoreGroupMeeting.plan_id)
        .join(Case, CoreGroupMeeting.case_id == Case.id)
        .where(CoreGroupMeeting.held_on.between(filters.start, last_day))
        .distinct(),
        filters,
    )
    days = (
        select(CoreGroupMeeting.plan_id.label("plan_id"), CoreGroupMeeting.held_on.label("held_on"))
        .where(CoreGroupMeeting.plan_id.in_(met_in_range), CoreGroupMeeting.held_on <= last_day)
        .distinct()
        .subquery()
    )
    lagged = select(
        days.c.plan_id,
        days.c.held_on,
        func.lag(days.c.held_on, type_=Date)
        .over(partition_by=days.c.plan_id, order_by=days.c.held_on)
        .label("previous_on"),
    ).subquery()
    previous = lagged.c.previous_on
    booked, set_at_conference = next_reviews(filters, met_in_range)
    # With none booked, while the plan is in force: the date its conference set for the
    # review, else the statutory date (as core_groups.review_set_or_due).
    expected = func.coalesce(
        set_at_conference.c.on, review_due(Conference.conference_type, Conference.held_on)
    )
    in_force = and_(Plan.ended_on.is_(None), expected >= CoreGroupMeeting.held_on)
    review_on = func.coalesce(booked.c.on, case((in_force, expected)))
    before_review = days_between(review_on, CoreGroupMeeting.held_on)
    near = before_review <= rules.REVIEW_NEAR_DAYS
    query = (
        select(
            *case_columns(),
            literal("").label("local_child_id"),
            Conference.conference_type.label("conference_type"),
            Conference.held_on.label("conference_on"),
            previous.label("previous_meeting_on"),
            CoreGroupMeeting.held_on.label("event_on"),
            review_on.label("next_review_on"),
            # What the judgement needs: the days since the meeting before, or (for the first)
            # the conference and the meeting's date; and the next review only when it is near
            # enough to matter (with the days to it). So the groups are few.
            days_between(CoreGroupMeeting.held_on, previous).label("days_since_previous"),
            *(
                case((previous.is_(None), column)).label(name)
                for name, column in (
                    ("first_after_type", Conference.conference_type),
                    ("first_after_on", Conference.held_on),
                    ("first_on", CoreGroupMeeting.held_on),
                )
            ),
            case((near, review_on)).label("near_review_on"),
            case((near, before_review)).label("days_before_review"),
        )
        .select_from(CoreGroupMeeting)
        .join(Plan, CoreGroupMeeting.plan_id == Plan.id)
        .join(Conference, Plan.conference_id == Conference.id)
        .join(Case, CoreGroupMeeting.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
        .join(
            lagged,
            and_(
                lagged.c.plan_id == CoreGroupMeeting.plan_id,
                lagged.c.held_on == CoreGroupMeeting.held_on,
            ),
        )
        .outerjoin(booked, booked.c.meeting_id == CoreGroupMeeting.id)
        .outerjoin(set_at_conference, set_at_conference.c.conference_id == Conference.id)
        .where(CoreGroupMeeting.held_on.between(filters.start, last_day))
    )
    return scoped(query, filters)


def next_reviews(filters: Filters, plans: Select):
    """The review conference after each core group of these plans, as the core group pages
    take it (core_groups.timings): the family's first review conference, held or booked, on or
    after the meeting; with none booked, the date the plan's conference set for the review.
    Two grouped passes, joined on by the meeting and by the plan's conference."""
    review = aliased(Conference)
    booked = scoped(
        select(CoreGroupMeeting.id.label("meeting_id"), func.min(review.held_on).label("on"))
        .select_from(CoreGroupMeeting)
        .join(Case, CoreGroupMeeting.case_id == Case.id)
        .join(
            review,
            and_(
                review.case_id == CoreGroupMeeting.case_id,
                review.conference_type == timescales.REVIEW,
                review.held_on >= CoreGroupMeeting.held_on,
            ),
        )
        .where(
            CoreGroupMeeting.plan_id.in_(plans),
            CoreGroupMeeting.held_on.between(filters.start, min(filters.end, filters.today)),
        )
        .group_by(CoreGroupMeeting.id),
        filters,
    ).subquery()
    set_at_conference = (
        select(
            ChildDecision.conference_id.label("conference_id"),
            func.min(ChildDecision.review_on).label("on"),
        )
        .where(
            ChildDecision.conference_id.in_(select(Plan.conference_id).where(Plan.id.in_(plans)))
        )
        .group_by(ChildDecision.conference_id)
        .subquery()
    )
    return booked, set_at_conference


def review_due(conference_type, held_on):
    """timescales.review_due in SQL: 3 calendar months after an initial or transfer-in
    conference, 6 after a review, the last of the month when that is shorter (SQLite and
    PostgreSQL write it differently)."""
    months = case((conference_type == timescales.REVIEW, 6), else_=3)
    if db.engine.dialect.name == "postgresql":
        return cast(held_on + func.make_interval(0, months), Date)

    def shifted(*modifiers):
        return func.date(held_on, *modifiers, type_=Date)

    def by(n):
        return literal("+") + cast(n, String) + literal(" months")

    # date() runs on into the next month (31 August + 6 months is 3 March), hence the min().
    return func.min(shifted(by(months)), shifted("start of month", by(months + 1), "-1 day"))


def plan_finalised_rows(filters: Filters) -> Select:
    """Each plan written at a conference finalised in the range, with when it was finalised
    (None while in draft) and the family's first core group after the conference: one grouped
    pass over the meetings, joined on."""
    first_meetings = scoped(
        select(Plan.id.label("plan_id"), func.min(CoreGroupMeeting.held_on).label("on"))
        .select_from(Plan)
        .join(Conference, Plan.conference_id == Conference.id)
        .join(Case, Plan.case_id == Case.id)
        .join(
            CoreGroupMeeting,
            and_(
                CoreGroupMeeting.case_id == Plan.case_id,
                CoreGroupMeeting.held_on > Conference.held_on,
                CoreGroupMeeting.held_on <= filters.today,
            ),
        )
        .where(finalised_in_range(Conference, filters))
        .group_by(Plan.id),
        filters,
    ).subquery()
    query = (
        select(
            *case_columns(),
            literal("").label("local_child_id"),
            Plan.number.label("plan_version"),
            Conference.conference_type.label("conference_type"),
            Conference.held_on.label("event_on"),
            first_meetings.c.on.label("first_core_group_on"),
            Plan.finalised_at.label("plan_finalised_at"),
        )
        .select_from(Plan)
        .join(Conference, Plan.conference_id == Conference.id)
        .join(Case, Plan.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
        .outerjoin(first_meetings, first_meetings.c.plan_id == Plan.id)
        .where(finalised_in_range(Conference, filters))
    )
    return scoped(query, filters)


def review_rows(filters: Filters) -> Select:
    """Each review with the conference it follows on from: the one the app recorded as its
    previous conference when the review was arranged (the case's latest finalised one then)."""
    before = aliased(Conference)
    return (
        child_decisions(
            filters,
            before.conference_type.label("previous_type"),
            before.held_on.label("previous_on"),
            Conference.held_on.label("event_on"),
        )
        .outerjoin(before, Conference.previous_conference_id == before.id)
        .where(Conference.conference_type == timescales.REVIEW)
    )


def report_rows(filters: Filters) -> Select:
    return conference_rows(
        filters,
        Conference.conference_type.label("conference_type"),
        Conference.held_on.label("event_on"),
        Conference.report_shared_on.label("report_shared_on"),
    ).where(Conference.conference_type.in_((timescales.INITIAL, timescales.REVIEW)))


# How each is judged.


def _icpc(_filters, key):
    return rules.icpc_band(key[0], key[1], calendar())


def _first_core_group(filters, key):
    return rules.first_core_group_timing(key[0], key[1], filters.today, calendar())


def _first_core_group_overdue_from(key) -> date | None:
    initial_conference, first_core_group = key
    if first_core_group is not None:
        return None
    return rules.first_core_group_overdue_from(initial_conference, calendar())


def _core_group(_filters, key):
    days_since_previous, conference_type, conference_on, held_on, review_on, before_review = key
    weeks = current_app.config["CORE_GROUP_INTERVAL_WEEKS"]
    if days_since_previous is not None:
        return rules.core_group_interval_timing(
            days_since_previous, weeks, before_review, review_on, calendar()
        )
    return rules.core_group_timing(
        conference_type, conference_on, None, held_on, calendar(), weeks, review_on
    )


def _finalised_on(finalised_at: datetime | None) -> date | None:
    """The day in England a plan was finalised."""
    return finalised_at.astimezone(LONDON).date() if finalised_at is not None else None


def _plan_finalised(filters, key):
    conference_type, conference_on, first_core_group, finalised_at = key
    return rules.plan_finalised_timing(
        conference_type,
        conference_on,
        first_core_group,
        _finalised_on(finalised_at),
        filters.today,
        calendar(),
        current_app.config["CORE_GROUP_INTERVAL_WEEKS"],
    )


def _plan_overdue_from(key) -> date | None:
    conference_type, conference_on, first_core_group, finalised_at = key
    if finalised_at is not None:
        return None
    weeks = current_app.config["CORE_GROUP_INTERVAL_WEEKS"]
    by = rules.plan_finalised_by(
        conference_type, conference_on, first_core_group, calendar(), weeks
    )
    return by + timedelta(days=1)


def _review(_filters, key):
    return rules.review_timing(*key)


def _report(_filters, key):
    conference_type, held_on, shared_on = key
    config = current_app.config
    return rules.report_timing(
        conference_type,
        held_on,
        shared_on,
        calendar(),
        config["REPORT_DAYS_BEFORE_INITIAL"],
        config["REPORT_DAYS_BEFORE_REVIEW"],
    )


COUNTINGS = {
    "icpc-within-15-days": Counting(
        icpc_rows,
        ("strategy_discussion_on", "event_on"),
        _icpc,
        (("strategy_discussion_on", "Strategy discussion"), ("event_on", "Initial conference")),
    ),
    "first-core-group-on-time": Counting(
        first_core_group_rows,
        ("event_on", "first_core_group_on"),
        _first_core_group,
        (("event_on", "Initial conference"), ("first_core_group_on", "First core group")),
        counts_from=_first_core_group_overdue_from,
    ),
    "core-groups-on-time": Counting(
        core_group_rows,
        (
            "days_since_previous",
            "first_after_type",
            "first_after_on",
            "first_on",
            "near_review_on",
            "days_before_review",
        ),
        _core_group,
        (
            ("conference_on", "Conference"),
            ("previous_meeting_on", "Previous core group"),
            ("event_on", "Core group"),
            ("next_review_on", "Next review conference"),
        ),
    ),
    "plans-finalised-by-first-core-group": Counting(
        plan_finalised_rows,
        ("conference_type", "event_on", "first_core_group_on", "plan_finalised_at"),
        _plan_finalised,
        (
            ("plan_version", "Plan version"),
            ("event_on", "Conference"),
            ("first_core_group_on", "First core group after it"),
            ("plan_finalised_at", "Plan finalised"),
        ),
        counts_from=_plan_overdue_from,
    ),
    "reviews-on-time": Counting(
        review_rows,
        ("previous_type", "previous_on", "event_on"),
        _review,
        (
            ("previous_type", "Previous conference type"),
            ("previous_on", "Previous conference"),
            ("event_on", "Review conference"),
        ),
    ),
    "reports-shared-on-time": Counting(
        report_rows,
        ("conference_type", "event_on", "report_shared_on"),
        _report,
        (
            ("conference_type", "Conference type"),
            ("event_on", "Conference"),
            ("report_shared_on", "Report shared"),
        ),
    ),
}
