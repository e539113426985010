"""The plan figures: how long plans last, second plans, and the stored checks on each plan and
safety goal (with each goal's graded reading: outcome, mixed or task).

A child's plan starts at a finalised initial or transfer-in conference that decided on a child
protection plan for them, and ends at the first later finalised review that decided otherwise.
The plan-length figures and second plans share their rows (plans_in_range: one pass of
episodes()), and so are counted together.
"""

from typing import Any

from sqlalchemy import Select, and_, case, func, literal, or_, select

from conference.domain import performance as rules
from conference.domain import timescales
from conference.domain.vocabulary import GOAL_GRADES
from conference.models import Case, Child, ChildDecision, Conference, Plan, SafetyGoal, Team
from conference.services.dashboard.figures import MET, NOT_MET
from conference.services.dashboard.rows import (
    CASE_KEYS,
    CP_PLAN,
    STARTING_TYPES,
    Counting,
    Filters,
    about_a_child,
    as_stored,
    case_columns,
    child_columns,
    finalised_in_range,
    scoped,
)

# The rows.


def episodes(filters: Filters) -> Select:
    """Each child's plans: when each started and ended (None while it goes on), the category it
    started under, and whether the child had a plan before (here, or elsewhere as recorded).

    One pass over the children's finalised decisions in date order, with window functions: a
    plan's end is the first later review that decided otherwise, and "a plan before" is an
    earlier plan decision. (Correlated subqueries for the same took seconds at 5,000 children.)"""
    per_child: dict[str, Any] = {
        "partition_by": ChildDecision.child_id,
        "order_by": (Conference.held_on, Conference.id),
    }
    ends_plan = and_(
        ChildDecision.outcome != CP_PLAN, Conference.conference_type == timescales.REVIEW
    )
    starts_plan = and_(
        ChildDecision.outcome == CP_PLAN, Conference.conference_type.in_(STARTING_TYPES)
    )
    decisions = about_a_child(
        select(
            *case_columns(),
            Child.id.label("child_id"),
            *child_columns(),
            Child.previous_plans_elsewhere.label("previous_plans_elsewhere"),
            ChildDecision.category.label("category"),
            Conference.held_on.label("held_on"),
            starts_plan.label("starts_plan"),
            func.min(case((ends_plan, Conference.held_on)))
            .over(**per_child, rows=(1, None))
            .label("ended_on"),
            func.max(case((starts_plan, 1), else_=0))
            .over(**per_child, rows=(None, -1))
            .label("plan_before_here"),
        ),
        ChildDecision,
    ).where(Conference.finalised_at.is_not(None))
    rows = scoped(decisions, filters).subquery()
    plan_before = or_(rows.c.previous_plans_elsewhere > 0, rows.c.plan_before_here == 1)
    return select(
        rows.c.case_reference,
        rows.c.team,
        *(rows.c[name] for name in CASE_KEYS),
        rows.c.child_id,
        rows.c.local_child_id,
        rows.c.date_of_birth,
        rows.c.ethnicity_code,
        rows.c.category,
        rows.c.held_on.label("started_on"),
        rows.c.ended_on,
        case((plan_before, MET), else_=NOT_MET).label("plan_before"),
    ).where(rows.c.starts_plan, rows.c.held_on <= filters.end)


def plans_in_range(filters: Filters) -> Select:
    """Plans that started or ended in the range, saying which: the rows of the plan-length
    figures and second plans together, so they are counted from one pass over episodes()."""
    plans = episodes(filters).subquery()
    started = plans.c.started_on.between(filters.start, filters.end)
    ended = plans.c.ended_on.between(filters.start, filters.end)
    return select(
        plans.c.case_reference,
        plans.c.team,
        *(plans.c[name] for name in CASE_KEYS),
        plans.c.child_id,
        plans.c.local_child_id,
        plans.c.started_on,
        plans.c.ended_on,
        plans.c.plan_before,
        case((started, 1), else_=0).label("started_in_range"),
        case((ended, 1), else_=0).label("ended_in_range"),
    ).where(or_(started, ended))


def ended_plan_rows(filters: Filters) -> Select:
    plans = plans_in_range(filters).subquery()
    return select(plans).where(plans.c.ended_in_range == 1)


def started_plan_rows(filters: Filters) -> Select:
    plans = plans_in_range(filters).subquery()
    return select(plans).where(plans.c.started_in_range == 1)


def _yes_no(condition):
    """MET, NOT_MET, or None (not checked yet) from a nullable stored yes or no."""
    return case((condition.is_(None), None), (condition, MET), else_=NOT_MET)


def _plan_query(filters: Filters, *columns) -> Select:
    query = (
        select(*case_columns(), literal("").label("local_child_id"), *columns)
        .select_from(Plan)
        .join(Conference, Plan.conference_id == Conference.id)
        .join(Case, Plan.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
        .where(finalised_in_range(Conference, filters))
    )
    return scoped(query, filters)


GOAL_CHECKS = {
    "goals-measurable": SafetyGoal.measurable,
}
# The figures of the checker's graded reading: each counts its own grade among every grade.
GRADE_FIGURES = ("goals-outcome-focused", "goals-mixed", "goals-task")
PLAN_CHECKS = {
    "worries-answered": Plan.worries_all_answered,
    "identity-considered": Plan.identity_considered,
    "child-views-recorded": Plan.child_views_recorded,
}


def _grade_label(grade):
    """The grade's words as the dashboard shows them, or None (not graded yet)."""
    return case(*((grade == code, label) for code, label in GOAL_GRADES.items()), else_=None)


def goal_rows(filters: Filters) -> Select:
    """Each safety goal, with every stored goal check as a column named by its figure, and its
    graded reading (`outcome_grade`) in words."""
    return _plan_query(
        filters,
        Plan.number.label("plan_version"),
        (SafetyGoal.position + 1).label("goal_number"),
        Conference.held_on.label("event_on"),
        *(_yes_no(stored).label(key) for key, stored in GOAL_CHECKS.items()),
        _grade_label(SafetyGoal.outcome_grade).label("outcome_grade"),
    ).join(SafetyGoal, SafetyGoal.plan_id == Plan.id)


def plan_rows(filters: Filters) -> Select:
    """Each plan, with every stored plan check as a column named by its figure."""
    return _plan_query(
        filters,
        Plan.number.label("plan_version"),
        Conference.held_on.label("event_on"),
        *(_yes_no(stored).label(key) for key, stored in PLAN_CHECKS.items()),
    )


# How each is judged.


def _plan_length(_filters, key):
    return rules.plan_length(*key)


ENDED = Counting(
    ended_plan_rows,
    ("started_on", "ended_on"),
    _plan_length,
    (("started_on", "Plan started"), ("ended_on", "Plan ended")),
    month="ended_on",
    source=plans_in_range,
    member="ended_in_range",
)


COUNTINGS = {
    "ended-within-3-months": ENDED,
    "ended-within-6-months": ENDED,
    "lasted-2-years": ENDED,
    "second-plans": Counting(
        started_plan_rows,
        ("plan_before",),
        as_stored,
        (("started_on", "Plan started"), ("plan_before", "Plan before")),
        month="started_on",
        source=plans_in_range,
        member="started_in_range",
    ),
    **{
        key: Counting(
            goal_rows,
            (key,),
            as_stored,
            (
                ("plan_version", "Plan version"),
                ("goal_number", "Safety goal"),
                ("event_on", "Conference"),
                (key, "Outcome"),
            ),
        )
        for key in GOAL_CHECKS
    },
    **{
        key: Counting(
            goal_rows,
            ("outcome_grade",),
            as_stored,
            (
                ("plan_version", "Plan version"),
                ("goal_number", "Safety goal"),
                ("event_on", "Conference"),
                ("outcome_grade", "The checker’s reading"),
            ),
        )
        for key in GRADE_FIGURES
    },
    **{
        key: Counting(
            plan_rows,
            (key,),
            as_stored,
            (("plan_version", "Plan version"), ("event_on", "Conference"), (key, "Outcome")),
        )
        for key in PLAN_CHECKS
    },
}
