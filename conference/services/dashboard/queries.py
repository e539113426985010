"""The dashboard's figures, counted in the database.

Every figure has one function giving its rows: one per child (or per conference, core group,
plan or goal, where the figure is about those), with the dates it is judged on, in the team or
pod and the date range asked for. The same rows are streamed as the figure's CSV file. Counting
groups the rows in SQL by month and by the few columns the figure is judged on, so only the
distinct groups come back (a few hundred for most figures; for the plan lengths, which compare
calendar months, one per distinct pair of start and end dates: about 15,000 at 50,000 children).

Where the judgement needs the working-day calendar (the ICPC bands, core groups, reports) the
groups are by the dates themselves (for a core group after another meeting, by the days
between them, all its rule needs), and the calendar in conference/domain is applied to each
distinct group in Python. That keeps one calendar, the tested one, instead of a copy in SQL or a
table of working days to keep filled; distinct pairs of dates are few, because conferences and
meetings fall on working days. Judgements that need no calendar (twilight, quorum, stored plan
checks, ages) are made in SQL with CASE.

A child's plan starts at a finalised initial or transfer-in conference that decided on a child
protection plan for them, and ends at the first later finalised review that decided otherwise.

The page counts figures that share their rows from one query (count_figures): the three
plan-length figures and second plans from plans_in_range (one pass of episodes()), the four
voice figures, the two goal checks and the three plan checks. No figure's rows use a correlated
subquery: a review's previous conference is the one recorded on it (previous_conference_id), a
core group's previous meeting comes from LAG over its plan's meeting days, the quorum from one
grouped pass over the attendees, the first core group from one grouped pass over meetings.
count_figure(key) and csv_rows(key) still give one figure alone, from the same rows.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import Date, Integer, Select, and_, case, cast, extract, func, literal, or_, select
from sqlalchemy.orm import aliased

from conference.domain import performance as rules
from conference.domain import quorum, timescales
from conference.domain.identity import ETHNICITY_CODES
from conference.domain.participation import OFFERED, PARTICIPATION_CODES
from conference.extensions import db
from conference.models import (
    Attendee,
    Case,
    Child,
    ChildDecision,
    ChildVoice,
    Conference,
    CoreGroupMeeting,
    Plan,
    PlanEpisode,
    SafetyGoal,
    Team,
)
from conference.services.dashboard.figures import FIGURES, MET, NOT_MET, ON_PLAN, Figure

CP_PLAN = "cp_plan"
CATEGORIES = {
    "NEG": "Neglect",
    "PHY": "Physical abuse",
    "EMO": "Emotional abuse",
    "SAB": "Sexual abuse",
    "MUL": "Multiple",
}
NOT_RECORDED = "Not recorded"
STARTING_TYPES = (timescales.INITIAL, timescales.TRANSFER_IN)
ATTENDING_CODES = ("PN1", "PN2", "PN3", "PN4")
CASE_KEYS = ("case_id", "team_id", "pod_id")  # every figure's rows have these, for the tallies
ADVOCATE_CODES = ("PN2", "PN5")


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    today: date
    team_id: int | None = None
    pod_id: int | None = None
    case_ids: tuple[int, ...] | None = None  # only these cases (the tallies' refresh)

    @property
    def months(self) -> list[date]:
        return rules.months_between(self.start, self.end)

    @property
    def as_of(self) -> date:
        """The day "now" means: the end of the range, or today if that is sooner."""
        return min(self.end, self.today)

    @property
    def scope(self) -> str:
        """The part of the service, as commentary is kept: "pod:3", "team:2" or "all"."""
        if self.pod_id is not None:
            return f"pod:{self.pod_id}"
        if self.team_id is not None:
            return f"team:{self.team_id}"
        return "all"


@dataclass(frozen=True)
class Month:
    month: date
    count: int
    denominator: int

    @property
    def percentage(self) -> rules.Percentage:
        return rules.Percentage(self.count, self.denominator)


@dataclass(frozen=True)
class Result:
    figure: Figure
    count: int
    denominator: int
    months: list[Month]
    outcomes: list[tuple[str, int]] = field(default_factory=list)

    @property
    def percentage(self) -> rules.Percentage:
        return rules.Percentage(self.count, self.denominator)


@dataclass(frozen=True)
class Breakdown:
    title: str
    rows: list[tuple[str, int]]


@dataclass(frozen=True)
class OnPlan:
    figure: Figure
    count: int
    months: list[Month]  # children on a plan at the end of each month (count = denominator)
    breakdowns: list[Breakdown]


def month_of(column):
    """The month a date falls in, as "2026-11": SQLite and PostgreSQL name it differently."""
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.date_trunc("month", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def days_between(later, earlier):
    """The number of days from one date to another (None when either is)."""
    if db.engine.dialect.name == "postgresql":
        return later - earlier
    return cast(func.julianday(later) - func.julianday(earlier), Integer)


def calendar() -> timescales.WorkingDayCalendar:
    return timescales.default_calendar()


# The rows behind each figure.


def _scoped(query: Select, filters: Filters) -> Select:
    if filters.team_id is not None:
        query = query.where(Case.team_id == filters.team_id)
    if filters.pod_id is not None:
        query = query.where(Case.pod_id == filters.pod_id)
    if filters.case_ids is not None:
        query = query.where(Case.id.in_(filters.case_ids))
    return query


def _finalised_in_range(conference, filters: Filters):
    return and_(
        conference.finalised_at.is_not(None), conference.held_on.between(filters.start, filters.end)
    )


def _case_columns():
    return (
        Case.reference.label("case_reference"),
        Team.name.label("team"),
        Case.id.label("case_id"),
        Case.team_id.label("team_id"),
        Case.pod_id.label("pod_id"),
    )


def _child_columns():
    """What the plan figures need to know of a child."""
    return (
        Child.local_child_id.label("local_child_id"),
        Child.date_of_birth.label("date_of_birth"),
        Child.ethnicity_code.label("ethnicity_code"),
    )


def _about_a_child(query: Select, record) -> Select:
    """`query` over a record kept per child per conference (a decision, a child's voice), joined
    to its conference, the child, the case and the case's team."""
    return (
        query.select_from(record)
        .join(Conference, record.conference_id == Conference.id)
        .join(Child, record.child_id == Child.id)
        .join(Case, Conference.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
    )


def _child_decisions(filters: Filters, *columns) -> Select:
    """Children with a decision at a finalised conference held in the range."""
    query = _about_a_child(
        select(*_case_columns(), Child.local_child_id.label("local_child_id"), *columns),
        ChildDecision,
    ).where(_finalised_in_range(Conference, filters))
    return _scoped(query, filters)


def episodes(filters: Filters) -> Select:
    """Each child's plans: when each started and ended (None while it goes on), the category it
    started under, and whether the child had a plan before (here, or elsewhere as recorded).

    One pass over the children's finalised decisions in date order, with window functions: a
    plan's end is the first later review that decided otherwise, and "a plan before" is an
    earlier plan decision. (Correlated subqueries for the same took seconds at 5,000 children.)"""
    per_child = {
        "partition_by": ChildDecision.child_id,
        "order_by": (Conference.held_on, Conference.id),
    }
    ends_plan = and_(
        ChildDecision.outcome != CP_PLAN, Conference.conference_type == timescales.REVIEW
    )
    starts_plan = and_(
        ChildDecision.outcome == CP_PLAN, Conference.conference_type.in_(STARTING_TYPES)
    )
    decisions = _about_a_child(
        select(
            *_case_columns(),
            Child.id.label("child_id"),
            *_child_columns(),
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
    rows = _scoped(decisions, filters).subquery()
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


def icpc_rows(filters: Filters) -> Select:
    return _child_decisions(
        filters,
        Conference.strategy_discussion_on.label("strategy_discussion_on"),
        Conference.held_on.label("event_on"),
    ).where(Conference.conference_type == timescales.INITIAL)


def first_core_group_rows(filters: Filters) -> Select:
    """The first core group of each initial conference's plan: one grouped pass over the
    meetings of the plans from initial conferences in the range, joined on."""
    first = (
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
            _finalised_in_range(Conference, filters),
        )
        .group_by(Plan.conference_id)
    )
    first = _scoped(first, filters).subquery()
    return (
        _child_decisions(
            filters, Conference.held_on.label("event_on"), first.c.on.label("first_core_group_on")
        )
        .outerjoin(first, first.c.conference_id == Conference.id)
        .where(Conference.conference_type == timescales.INITIAL, ChildDecision.outcome == CP_PLAN)
    )


def core_group_rows(filters: Filters) -> Select:
    """Each core group in the range with the plan's meeting before it (on an earlier day): LAG
    over the distinct meeting days of the plans that met in the range, up to its last day."""
    last_day = min(filters.end, filters.today)
    met_in_range = _scoped(
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
            *_case_columns(),
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
    return _scoped(query, filters)


def review_rows(filters: Filters) -> Select:
    """Each review with the conference it follows on from: the one the app recorded as its
    previous conference when the review was arranged (the case's latest finalised one then)."""
    before = aliased(Conference)
    return (
        _child_decisions(
            filters,
            before.conference_type.label("previous_type"),
            before.held_on.label("previous_on"),
            Conference.held_on.label("event_on"),
        )
        .outerjoin(before, Conference.previous_conference_id == before.id)
        .where(Conference.conference_type == timescales.REVIEW)
    )


def _conference_rows(filters: Filters, *columns) -> Select:
    query = (
        select(*_case_columns(), literal("").label("local_child_id"), *columns)
        .select_from(Conference)
        .join(Case, Conference.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
        .where(_finalised_in_range(Conference, filters))
    )
    return _scoped(query, filters)


def report_rows(filters: Filters) -> Select:
    return _conference_rows(
        filters,
        Conference.conference_type.label("conference_type"),
        Conference.held_on.label("event_on"),
        Conference.report_shared_on.label("report_shared_on"),
    ).where(Conference.conference_type.in_((timescales.INITIAL, timescales.REVIEW)))


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
        select(*_case_columns(), literal("").label("local_child_id"), *columns)
        .select_from(Plan)
        .join(Conference, Plan.conference_id == Conference.id)
        .join(Case, Plan.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
        .where(_finalised_in_range(Conference, filters))
    )
    return _scoped(query, filters)


GOAL_CHECKS = {
    "goals-outcome-focused": SafetyGoal.outcome_focused,
    "goals-measurable": SafetyGoal.measurable,
}
PLAN_CHECKS = {
    "worries-answered": Plan.worries_all_answered,
    "identity-considered": Plan.identity_considered,
    "child-views-recorded": Plan.child_views_recorded,
}


def goal_rows(filters: Filters) -> Select:
    """Each safety goal, with every stored goal check as a column named by its figure."""
    return _plan_query(
        filters,
        Plan.number.label("plan_version"),
        (SafetyGoal.position + 1).label("goal_number"),
        Conference.held_on.label("event_on"),
        *(_yes_no(stored).label(key) for key, stored in GOAL_CHECKS.items()),
    ).join(SafetyGoal, SafetyGoal.plan_id == Plan.id)


def plan_rows(filters: Filters) -> Select:
    """Each plan, with every stored plan check as a column named by its figure."""
    return _plan_query(
        filters,
        Plan.number.label("plan_version"),
        Conference.held_on.label("event_on"),
        *(_yes_no(stored).label(key) for key, stored in PLAN_CHECKS.items()),
    )


def _aged_at_least(born, on, years: int):
    """Whether someone born on `born` is `years` old on `on`, from the year, month and day as
    numbers (yyyymmdd), which works the same in SQLite and PostgreSQL."""

    def number(day):
        return extract("year", day) * 10000 + extract("month", day) * 100 + extract("day", day)

    return number(on) - number(born) >= years * 10000


def voice_rows(filters: Filters) -> Select:
    query = _about_a_child(
        select(
            *_case_columns(),
            Child.local_child_id.label("local_child_id"),
            Conference.held_on.label("event_on"),
            ChildVoice.participation_code.label("participation_code"),
            ChildVoice.advocacy_offered.label("advocacy_offered"),
            case(
                (_aged_at_least(Child.date_of_birth, Conference.held_on, 12), MET), else_=NOT_MET
            ).label("aged_12_or_over"),
        ),
        ChildVoice,
    ).where(_finalised_in_range(Conference, filters))
    return _scoped(query, filters)


def twilight_rows(filters: Filters) -> Select:
    return _conference_rows(
        filters,
        Conference.held_on.label("event_on"),
        case((Conference.twilight, MET), else_=NOT_MET).label("outcome"),
    )


def quorum_rows(filters: Filters) -> Select:
    """The rules of conference/domain/quorum.py, in SQL: children's social care attended, and
    how many other kinds of agency did, leaving out the family and anyone "other" who came for
    the family (as conferences/attendance.py decides who that is). One grouped pass over the
    attendees of the range's conferences, joined on."""
    for_the_family = or_(
        Attendee.is_parent,
        Attendee.is_supporter,
        Attendee.adult_id.is_not(None),
        Attendee.relationship_to_family != "",
    )
    counts_as_other = and_(
        Attendee.agency_type.not_in((quorum.CHILDRENS_SOCIAL_CARE, quorum.FAMILY)),
        ~and_(Attendee.agency_type == quorum.OTHER, for_the_family),
    )
    attended = (
        select(
            Attendee.conference_id.label("conference_id"),
            func.max(
                case((Attendee.agency_type == quorum.CHILDRENS_SOCIAL_CARE, 1), else_=0)
            ).label("social_care"),
            func.count(func.distinct(case((counts_as_other, Attendee.agency_type)))).label(
                "others"
            ),
        )
        .select_from(Attendee)
        .join(Conference, Attendee.conference_id == Conference.id)
        .join(Case, Conference.case_id == Case.id)
        .where(Attendee.attendance == quorum.ATTENDED, _finalised_in_range(Conference, filters))
        .group_by(Attendee.conference_id)
    )
    attended = _scoped(attended, filters).subquery()
    quorate = and_(attended.c.social_care == 1, attended.c.others >= quorum.OTHER_AGENCIES_NEEDED)
    return _conference_rows(
        filters,
        Conference.held_on.label("event_on"),
        case((quorate, MET), else_=NOT_MET).label("outcome"),
    ).outerjoin(attended, attended.c.conference_id == Conference.id)


# How each figure judges its rows: the columns it groups by, and the outcome of each group.


@dataclass(frozen=True)
class Counting:
    """A figure's rows (also its CSV), the columns it is judged on, and its month's column.

    Figures with the same `source` are counted together from one grouped query over it (the
    union of their columns): `member`, where set, is the source's 0/1 column saying which of its
    rows are this figure's (the same rows `rows` gives)."""

    rows: Callable[[Filters], Select]
    keys: tuple[str, ...]
    outcome: Callable[[Filters, tuple], str | None]
    columns: tuple[tuple[str, str], ...]  # the CSV's (column, heading) after the case columns
    month: str = "event_on"
    source: Callable[[Filters], Select] | None = None
    member: str | None = None
    # For a row whose outcome waits on a due date (a first core group not held yet): the day
    # it starts to count, for the tallies, which judge it as if that day had come. None for
    # the rest, which count from their month.
    counts_from: Callable[[tuple], date | None] | None = None

    @property
    def shared(self) -> Callable[[Filters], Select]:
        return self.source or self.rows


def _as_stored(_filters, key):
    return key[0]


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
    config = current_app.config
    return rules.report_timing(
        *key,
        calendar(),
        config["REPORT_DAYS_BEFORE_INITIAL"],
        config["REPORT_DAYS_BEFORE_REVIEW"],
    )


def _plan_length(_filters, key):
    return rules.plan_length(*key)


def _conveyed(_filters, key):
    code = key[0]
    return code if code in PARTICIPATION_CODES and code != "PN0" else None


def _offered(_filters, key):
    return {OFFERED: MET, "no": NOT_MET}.get(key[0])


def _advocacy_used(_filters, key):
    offered, code = key
    if offered != OFFERED:
        return None
    return MET if code in ADVOCATE_CODES else NOT_MET


def _attending(_filters, key):
    aged_12, code = key
    if aged_12 != MET or code not in PARTICIPATION_CODES:
        return None
    return MET if code in ATTENDING_CODES else NOT_MET


OUTCOME = (("outcome", "Outcome"),)
ENDED = Counting(
    ended_plan_rows,
    ("started_on", "ended_on"),
    _plan_length,
    (("started_on", "Plan started"), ("ended_on", "Plan ended")),
    month="ended_on",
    source=plans_in_range,
    member="ended_in_range",
)
VOICE_COLUMNS = (
    ("event_on", "Conference date"),
    ("participation_code", "Participation code"),
    ("advocacy_offered", "Advocacy offered"),
    ("aged_12_or_over", "Aged 12 or over"),
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
    "ended-within-3-months": ENDED,
    "ended-within-6-months": ENDED,
    "lasted-2-years": ENDED,
    "second-plans": Counting(
        started_plan_rows,
        ("plan_before",),
        _as_stored,
        (("started_on", "Plan started"), ("plan_before", "Plan before")),
        month="started_on",
        source=plans_in_range,
        member="started_in_range",
    ),
    **{
        key: Counting(
            goal_rows,
            (key,),
            _as_stored,
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
            plan_rows,
            (key,),
            _as_stored,
            (("plan_version", "Plan version"), ("event_on", "Conference"), (key, "Outcome")),
        )
        for key in PLAN_CHECKS
    },
    "views-conveyed": Counting(voice_rows, ("participation_code",), _conveyed, VOICE_COLUMNS),
    "advocacy-offered": Counting(voice_rows, ("advocacy_offered",), _offered, VOICE_COLUMNS),
    "advocacy-used": Counting(
        voice_rows, ("advocacy_offered", "participation_code"), _advocacy_used, VOICE_COLUMNS
    ),
    "over-12-attending": Counting(
        voice_rows, ("aged_12_or_over", "participation_code"), _attending, VOICE_COLUMNS
    ),
    "twilight": Counting(
        twilight_rows, ("outcome",), _as_stored, (("event_on", "Conference"), *OUTCOME)
    ),
    "quorate": Counting(
        quorum_rows, ("outcome",), _as_stored, (("event_on", "Conference"), *OUTCOME)
    ),
}


# Counting.


def count_figure(key: str, filters: Filters) -> Result:
    """The figure's count and denominator over the range, month by month, and (for figures
    with a breakdown) how many rows had each outcome."""
    return _counted(key, filters, judge(COUNTINGS[key].rows, [key], filters)[key])


def count_figures(keys, filters: Filters) -> dict[str, Result]:
    """count_figure for each key, with the figures that share a source counted from one
    grouped query over it."""
    results = {}
    for source, members in by_source(keys).items():
        for key, judged in judge(source, members, filters).items():
            results[key] = _counted(key, filters, judged)
    return {key: results[key] for key in keys}


def by_source(keys) -> dict[Callable, list[str]]:
    """The figures' keys by the query their rows come from."""
    sources: dict[Callable, list[str]] = {}
    for key in keys:
        sources.setdefault(COUNTINGS[key].shared, []).append(key)
    return sources


def judge(
    source, keys: list[str], filters: Filters, by: tuple[str, ...] = ()
) -> dict[str, list[tuple[dict, str, int]]]:
    """One grouped query over the source (also grouped `by` these columns) for the figures
    `keys`: for each, its groups with the outcome each was judged to have, as (the group's
    values, outcome, number of rows). Groups a figure does not count are left out. Figures
    judged the same way (the plan lengths) judge each group once."""
    countings = [COUNTINGS[key] for key in keys]
    groups = _grouped(source, countings, filters, by)
    judged: dict[tuple, str | None] = {}
    results = {}
    for key, counting in zip(keys, countings, strict=True):
        if counting.member is not None and counting.shared is source:
            mine = [(row, n) for row, n in groups if row[counting.member] == 1]
        else:
            mine = groups
        results[key] = []
        for row, n in mine:
            values = tuple(row[name] for name in counting.keys)
            judging = (counting.outcome, counting.keys, values)
            if judging not in judged:
                judged[judging] = counting.outcome(filters, values)
            if judged[judging] is not None:
                results[key].append((row, judged[judging], n))
    return results


def _grouped(source, countings, filters: Filters, by=()) -> list[tuple[dict, int]]:
    """The source's rows grouped by the countings' months and columns (and membership, when
    counting from a shared source): each group as ({name: value}, number of rows)."""
    rows = source(filters).subquery()
    names = list(by)
    for counting in countings:
        wanted = list(counting.keys)
        if counting.member is not None and source is counting.source:
            wanted.append(counting.member)
        names += [name for name in wanted if name not in names]
    months = [counting.month for counting in countings]
    month_names = [name for i, name in enumerate(months) if name not in months[:i]]
    columns = [month_of(rows.c[name]).label(f"month:{name}") for name in month_names]
    columns += [rows.c[name] for name in names]
    grouped = db.session.execute(select(*columns, func.count()).group_by(*columns)).all()
    labels = [f"month:{name}" for name in month_names] + names
    return [(dict(zip(labels, values, strict=True)), n) for *values, n in grouped]


def _counted(key: str, filters: Filters, judged: list[tuple[dict, str, int]]) -> Result:
    month = f"month:{COUNTINGS[key].month}"
    return tallied(key, filters, ((row[month], outcome, n) for row, outcome, n in judged))


def tallied(key: str, filters: Filters, counts) -> Result:
    """The figure's Result from (month as "2026-11", outcome, number) for the range's months."""
    figure = FIGURES[key]
    counted, seen, outcomes = Counter(), Counter(), Counter()
    for month_key, outcome, n in counts:
        seen[month_key] += n
        outcomes[outcome] += n
        if outcome in figure.counted:
            counted[month_key] += n
    months = [
        Month(m, counted[rules.month_key(m)], seen[rules.month_key(m)]) for m in filters.months
    ]
    return Result(
        figure,
        sum(counted.values()),
        sum(seen.values()),
        months,
        [(outcome, outcomes[outcome]) for outcome in figure.outcomes],
    )


def csv_rows(key: str, filters: Filters):
    """(headings, number of rows, the rows as lists), each row with its outcome, streamed."""
    counting = COUNTINGS[key]
    query = counting.rows(filters)
    subquery = query.subquery()
    total = db.session.scalar(select(func.count()).select_from(subquery))
    headings = ["Case reference", "Child's local ID", "Team"]
    headings += [heading for _name, heading in counting.columns] + ["Result"]

    def rows():
        result = db.session.execute(query.execution_options(yield_per=1000)).mappings()
        for row in result:
            outcome = counting.outcome(filters, tuple(row[name] for name in counting.keys))
            yield [
                row["case_reference"],
                row["local_child_id"],
                row["team"],
                *(_shown(row[name]) for name, _heading in counting.columns),
                outcome if outcome is not None else "Not counted",
            ]

    return headings, total, rows()


def _shown(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


# Children on a plan now.


def stored_episodes(filters: Filters) -> Select:
    """The plans kept in PlanEpisode (dashboard/tallies.py), with the columns of episodes()."""
    query = (
        select(
            *_case_columns(),
            *_child_columns(),
            PlanEpisode.category.label("category"),
            PlanEpisode.started_on.label("started_on"),
            PlanEpisode.ended_on.label("ended_on"),
        )
        .select_from(PlanEpisode)
        .join(Child, PlanEpisode.child_id == Child.id)
        .join(Case, PlanEpisode.case_id == Case.id)
        .join(Team, Case.team_id == Team.id)
        .where(PlanEpisode.started_on <= filters.end)
    )
    return _scoped(query, filters)


def on_plan(filters: Filters, source: Callable[[Filters], Select] = episodes) -> OnPlan:
    """One query over the plans (episodes(), or stored_episodes()): those on at any month end
    or now, grouped by category, age band (now), ethnicity and team together, with how many of
    each group were on a plan at each month end and now (the month counts and each breakdown
    add up those few groups)."""
    plans = source(filters).subquery()

    def on_plan_at(day: date):
        return and_(
            plans.c.started_on <= day, or_(plans.c.ended_on.is_(None), plans.c.ended_on > day)
        )

    as_of = filters.as_of
    month_ends = [
        min(rules.last_of_month(m), filters.today) for m in filters.months if m <= filters.today
    ]
    days = [as_of, *month_ends]
    sums = [func.sum(case((on_plan_at(day), 1), else_=0)) for day in days]
    age_band = case(
        (plans.c.date_of_birth.is_(None), rules.UNBORN),
        *(
            (plans.c.date_of_birth <= rules.born_on_or_before(as_of, youngest), label)
            for youngest, label in rules.AGE_BANDS
        ),
        else_=rules.UNBORN,  # born after the day counted: not born yet then
    ).label("age_band")
    dimensions = (plans.c.category, age_band, plans.c.ethnicity_code, plans.c.team)
    groups = db.session.execute(
        select(*dimensions, *sums)
        # (The first condition says the same as the second for the earliest day, in a form an
        # index on the end date can answer: only the plans of these months are read.)
        .where(or_(plans.c.ended_on.is_(None), plans.c.ended_on > min(days)))
        .where(or_(*(on_plan_at(day) for day in days)))
        .group_by(*dimensions)
    ).all()
    tallies = [Counter() for _ in dimensions]
    by_month = [0] * len(filters.months)
    for group in groups:
        values, (now, *at_month_ends) = group[: len(dimensions)], group[len(dimensions) :]
        for i, n in enumerate(at_month_ends):
            by_month[i] += int(n or 0)
        if now:
            for tally, value in zip(tallies, values, strict=True):
                tally[value] += int(now)
    months = [Month(m, n, n) for m, n in zip(filters.months, by_month, strict=True)]
    categories, ages, ethnicities, teams = tallies

    def labelled(tally: Counter, labels: Callable[[str | None], str]) -> list[tuple[str, int]]:
        ordered = sorted(tally.items(), key=lambda item: (item[0] is None, item[0] or ""))
        return [(labels(value), n) for value, n in ordered]

    breakdowns = [
        Breakdown("By category of abuse", labelled(categories, _category)),
        Breakdown(
            "By age",
            [(label, ages[label]) for _y, label in reversed(rules.AGE_BANDS) if label in ages]
            + ([(rules.UNBORN, ages[rules.UNBORN])] if rules.UNBORN in ages else []),
        ),
        Breakdown("By ethnicity", labelled(ethnicities, _ethnicity)),
        Breakdown("By team", labelled(teams, str)),
    ]
    return OnPlan(ON_PLAN, sum(teams.values()), months, breakdowns)


def on_plan_rows(filters: Filters, source: Callable[[Filters], Select] = episodes) -> Select:
    plans = source(filters).subquery()
    as_of = filters.as_of
    return select(
        plans.c.case_reference,
        plans.c.local_child_id,
        plans.c.team,
        plans.c.category,
        plans.c.started_on,
    ).where(plans.c.started_on <= as_of, or_(plans.c.ended_on.is_(None), plans.c.ended_on > as_of))


def _category(code: str | None) -> str:
    return CATEGORIES.get(code, NOT_RECORDED) if code else NOT_RECORDED


def _ethnicity(code: str | None) -> str:
    return ETHNICITY_CODES.get(code, code) if code else NOT_RECORDED
