"""The timeliness figures: initial conferences within 15 working days of the strategy
discussion, first and later core groups, reviews and reports shared on time.

Their judgements need the working-day calendar, so the rows are grouped by the dates themselves
(for a core group after another meeting, by the days between them, all its rule needs), and the
calendar in conference/domain is applied to each distinct group in Python (see counting.py).
"""

from datetime import date

from flask import current_app
from sqlalchemy import Date, Select, and_, case, func, literal, select
from sqlalchemy.orm import aliased

from conference.domain import performance as rules
from conference.domain import timescales
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
    """Each core group in the range with the plan's meeting before it (on an earlier day): LAG
    over the distinct meeting days of the plans that met in the range, up to its last day."""
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
    query = (
        select(
            *case_columns(),
            literal("").label("local_child_id"),
            Conference.conference_type.label("conference_type"),
            Conference.held_on.label("conference_on"),
            previous.label("previous_meeting_on"),
            CoreGroupMeeting.held_on.label("event_on"),
            # What the judgement needs: the days since the meeting before, or (for the first)
            # the conference and the meeting's date. So the groups are few.
            days_between(CoreGroupMeeting.held_on, previous).label("days_since_previous"),
            *(
                case((previous.is_(None), column)).label(name)
                for name, column in (
                    ("first_after_type", Conference.conference_type),
                    ("first_after_on", Conference.held_on),
                    ("first_on", CoreGroupMeeting.held_on),
                )
            ),
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
        .where(CoreGroupMeeting.held_on.between(filters.start, last_day))
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
    days_since_previous, conference_type, conference_on, held_on = key
    weeks = current_app.config["CORE_GROUP_INTERVAL_WEEKS"]
    if days_since_previous is not None:
        return rules.core_group_interval_timing(days_since_previous, weeks)
    return rules.core_group_timing(conference_type, conference_on, None, held_on, calendar(), weeks)


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
        ("days_since_previous", "first_after_type", "first_after_on", "first_on"),
        _core_group,
        (
            ("conference_on", "Conference"),
            ("previous_meeting_on", "Previous core group"),
            ("event_on", "Core group"),
        ),
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
