"""The progress of one plan across its core groups: each safety goal's timeline from the
conference to now, each action's latest status, and everyone's scaling scores over time with the
trend chart. The rules are in conference/domain/progress.py and conference/domain/charts.py;
this module reads the records and hands them over as plain values.

Reading writes nothing but the audit row of the view; the caller commits.
"""

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup
from sqlalchemy import select

from conference.domain import charts
from conference.domain import progress as rules
from conference.domain.vocabulary import action_status_label
from conference.extensions import db
from conference.models import CoreGroupMeeting, Plan, PlanAction, SafetyGoal, User
from conference.services import audit

CHART_TITLE = "Scaling scores over time, from 0 to 10"


def meetings_of(plan: Plan, up_to: CoreGroupMeeting | None = None) -> list[CoreGroupMeeting]:
    """The plan's core group meetings, earliest first; with `up_to`, only that meeting and
    those before it (what its notes can report)."""
    query = select(CoreGroupMeeting).where(CoreGroupMeeting.plan_id == plan.id)
    meetings = db.session.scalars(query.order_by(CoreGroupMeeting.held_on, CoreGroupMeeting.id))
    if up_to is None:
        return list(meetings)
    last = (up_to.held_on, up_to.id)
    return [m for m in meetings if (m.held_on, m.id) <= last]


def view_progress(actor: User, plan: Plan) -> None:
    audit.record(actor, "view progress", plan)


def goals_in_order(plan: Plan) -> list[SafetyGoal]:
    return sorted(plan.goals, key=lambda goal: (goal.position, goal.id))


@dataclass(frozen=True)
class ActionRow:
    action: PlanAction
    status: rules.ActionStatus
    added_on: date | None  # the core group that added it, if one did

    @property
    def status_label(self) -> str:
        return action_status_label(self.status.status)


@dataclass(frozen=True)
class GoalRow:
    number: int
    goal: SafetyGoal
    timeline: rules.GoalTimeline
    actions: list[ActionRow]


@dataclass(frozen=True)
class Scaling:
    trend: rules.ScalingTrend
    description: str
    question: str
    zero_means: str
    ten_means: str
    chart: Markup  # empty when nobody has scored


@dataclass(frozen=True)
class PlanProgress:
    meetings: list[CoreGroupMeeting]
    goals: list[GoalRow]
    scaling: Scaling


def plan_progress(
    plan: Plan,
    up_to: CoreGroupMeeting | None = None,
    *,
    chart_id: str = "trend-chart",
    fit_width: bool = False,
) -> PlanProgress:
    """Everything the progress page and the notes need. `chart_id` keeps the chart's title and
    description ids unique on the page; `fit_width` lets a page scale the chart to its column
    (a PDF keeps its fixed size)."""
    meetings = meetings_of(plan, up_to)
    return PlanProgress(
        meetings, goal_rows(plan, meetings), scaling(plan, meetings, chart_id, fit_width)
    )


def goal_rows(plan: Plan, meetings: list[CoreGroupMeeting]) -> list[GoalRow]:
    progress: dict[int, list[rules.ProgressAt]] = {}
    updates: dict[int, list[tuple[date, str, str]]] = {}
    # Looked up with the meeting an action was added at: None for one added at the conference.
    held: dict[int | None, date] = {meeting.id: meeting.held_on for meeting in meetings}
    for meeting in meetings:
        for p in meeting.progress:
            if p.rating is None:
                continue  # "not discussed this time": nothing to show against the goal
            progress.setdefault(p.goal_id, []).append(
                rules.ProgressAt(
                    meeting.held_on, p.where_now, p.rating, p.evidence, p.said_by, meeting.id
                )
            )
        for update in meeting.action_updates:
            updates.setdefault(update.action_id, []).append(
                (meeting.held_on, update.status, update.note)
            )
    rows = []
    for number, goal in enumerate(goals_in_order(plan), start=1):
        actions = [
            ActionRow(
                action,
                rules.latest_status(action.status, updates.get(action.id, [])),
                held.get(action.added_at_meeting_id),
            )
            for action in sorted(goal.actions, key=lambda a: (a.position, a.id))
            if action.added_at_meeting_id is None or action.added_at_meeting_id in held
        ]
        timeline = rules.goal_timeline(
            plan.conference.held_on, goal.baseline, progress.get(goal.id, [])
        )
        rows.append(GoalRow(number, goal, timeline, actions))
    return rows


def _scorer(score, children: dict[int, str]) -> str:
    """Who gave the score: a child's own score is theirs even when no name was typed."""
    child_id = getattr(score, "child_id", None)  # only a core group's scores have one
    if child_id is None:
        return score.person_name
    return score.person_name.strip() or children.get(child_id, "")


def scaling(
    plan: Plan, meetings: list[CoreGroupMeeting], chart_id: str, fit_width: bool
) -> Scaling:
    """Everyone's overall scores: the plan's conference first, then each core group's."""
    conference = plan.conference
    children = {child.id: child.given_name for child in plan.case.children}
    dated = [(conference.held_on, s) for s in conference.scores if s.worry_item_id is None]
    dated += [(meeting.held_on, s) for meeting in meetings for s in meeting.scores]
    trend = rules.scaling_trend(
        (
            rules.ScoreGiven(
                on,
                _scorer(s, children),
                s.role_label,
                s.is_parent,
                s.value,
                s.polarity,
                # A child's own score at a core group: data beside everyone else's.
                getattr(s, "child_id", None) is not None,
            )
            for on, s in dated
        ),
        conference_on=conference.held_on,
    )
    zero_means, ten_means = rules.axis_meanings(
        [rules.Wording(s.polarity, s.zero_means, s.ten_means) for _on, s in dated]
    )
    description = rules.describe_trend(trend)
    chart = Markup("")
    if trend.occasions:
        geometry = charts.trend_chart(
            rules.chart_labels(trend),
            rules.chart_series(trend),
            title=CHART_TITLE,
            description=description,
            zero_means=zero_means,
            ten_means=ten_means,
        )
        # to_svg escapes every piece of text it writes.
        chart = Markup(charts.to_svg(geometry, chart_id, fit_width=fit_width))  # noqa: S704
    question = dated[-1][1].question if dated else ""
    return Scaling(trend, description, question, zero_means, ten_means, chart)
