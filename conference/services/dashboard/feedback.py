"""Families' feedback on the managers' dashboard (issue 20): the response rate and each
question's result month by month, and by team, pod and chair, in the team, pod and dates the
dashboard is filtered to; and the comments ("what would have helped"), a page at a time, of
the cases the reader may see, each page audited.

The feedback rows are few (one per form sent back), so the figures come from two grouped
queries over them (the forms, and the invitations that offered them), grouped by the meeting's
month, the case's team and pod and the meeting's chair: no running totals. The arithmetic is
conference/domain/feedback_figures.py.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, func, literal, or_, select

from conference.domain import feedback_figures as rules
from conference.domain import performance, targets
from conference.domain.feedback_figures import Tally
from conference.domain.wording import month_year
from conference.extensions import db
from conference.models import (
    CONFERENCE_TYPE_LABELS,
    Case,
    Conference,
    CoreGroupMeeting,
    FamilyFeedback,
    Invitation,
    Team,
    User,
)
from conference.models.invitation import FEEDBACK
from conference.services import access, audit
from conference.services.dashboard import teams as by_part
from conference.services.dashboard.figures import Figure
from conference.services.dashboard.rows import Filters, month_of, scoped

PER_PAGE = 50
CONFERENCE, CORE_GROUP = "conference", "core_group"
CORE_GROUP_ROW = "Core group meetings"
NO_CHAIR = "Conferences with no chair recorded"
# The section as a figure, so that managers can write commentary on it as on the others.
FIGURE = Figure(
    "families-feedback",
    "Families’ feedback",
    "Forms sent back (online and on paper) out of the people offered a form: the feedback "
    "invitations made for meetings held in the month (less those withdrawn before an answer) "
    "and the paper forms that came back without one. Each question: the share who said yes, "
    "of those who answered it.",
    counted=(),
    outcomes=(),
)


@dataclass(frozen=True)
class Results:
    """The feedback for the filters: each month's, the range's, and each team's, pod's and
    chair's over the range, as (name, tally)."""

    months: list[tuple[date, Tally]]
    total: Tally
    teams: list[tuple[str, Tally]]
    pods: list[tuple[str, Tally]]
    chairs: list[tuple[str, Tally]]

    @property
    def months_named(self) -> list[tuple[str, Tally]]:
        """("November 2026", its tally) for each month, for the month-by-month table."""
        return [(month_year(month), tally) for month, tally in self.months]

    def latest(self, complete_to: date | None) -> tuple[date, Tally] | None:
        """The latest complete month in which forms were offered, for the summary."""
        done = [
            (month, tally)
            for month, tally in self.months
            if complete_to is not None and month <= complete_to and tally.offered
        ]
        return done[-1] if done else None

    def direction(self, complete_to: date | None) -> targets.Direction:
        """Which way the response rate moved, as the summary judges the other figures (no
        target, so neither better nor worse)."""
        series = [
            tally.response_rate.value
            for month, tally in self.months
            if complete_to is not None and month <= complete_to
        ]
        return targets.direction(series, None)


def results(filters: Filters) -> Results:
    """The feedback for meetings held in the range, in the team or pod asked for."""
    # Made as they are first needed: at 50,000 children the queries give some 25,000 rows.
    by_month: defaultdict[str, Tally] = defaultdict(Tally)
    by_team: defaultdict[int, Tally] = defaultdict(Tally)
    by_pod: defaultdict[tuple[int, int], Tally] = defaultdict(Tally)
    by_chair: defaultdict[tuple[str, int | None], Tally] = defaultdict(Tally)

    def tallies_of(row) -> list[Tally]:
        found = [by_month[row.month], by_team[row.team_id], by_chair[(row.kind, row.chair_id)]]
        if row.pod_id is not None:
            found.append(by_pod[(row.team_id, row.pod_id)])
        return found

    for row in db.session.execute(_offered(filters)):
        for tally in tallies_of(row):
            tally.add_offered(int(row.n))
    for row in db.session.execute(_forms(filters)):
        answers = _answers_of(row)
        for tally in tallies_of(row):
            tally.add_forms(row.source, int(row.n), answers)
    months = [(m, by_month.get(performance.month_key(m), Tally())) for m in filters.months]
    # The same rows as the other figures' team and pod tables: no team rows for one pod.
    teams, pods = by_part._parts(filters)
    return Results(
        months=months,
        total=rules.combined(tally for _m, tally in months),
        teams=[(team.name, by_team.get(team.id, Tally())) for team in teams],
        pods=[
            (f"{pod.team.name}: {pod.name}", by_pod.get((pod.team_id, pod.id), Tally()))
            for pod in pods
        ],
        chairs=_chairs(by_chair),
    )


def _meeting_columns(record) -> tuple:
    """The month of the meeting, the case's team and pod, and the meeting's kind and chair."""
    held_on = func.coalesce(Conference.held_on, CoreGroupMeeting.held_on)
    kind = case((record.conference_id.is_(None), literal(CORE_GROUP)), else_=literal(CONFERENCE))
    return (
        month_of(held_on).label("month"),
        Case.team_id.label("team_id"),
        Case.pod_id.label("pod_id"),
        kind.label("kind"),
        Conference.chair_id.label("chair_id"),
    )


def _about_meetings(query: Select, record, filters: Filters) -> Select:
    """`query` over `record` (a feedback invitation or form) joined to its meeting and case,
    for meetings held in the range, in the team or pod asked for."""
    held_on = func.coalesce(Conference.held_on, CoreGroupMeeting.held_on)
    query = (
        query.join(Case, record.case_id == Case.id)
        .outerjoin(Conference, record.conference_id == Conference.id)
        .outerjoin(CoreGroupMeeting, record.core_group_meeting_id == CoreGroupMeeting.id)
        .where(held_on.between(filters.start, filters.end))
    )
    return scoped(query, filters)


def _offered(filters: Filters) -> Select:
    """Feedback invitations by month, team, pod and chair: all but those withdrawn with no
    answer (an invitation withdrawn after its form came back was still offered)."""
    columns = _meeting_columns(Invitation)
    query = (
        select(*columns, func.count().label("n"))
        .select_from(Invitation)
        .outerjoin(FamilyFeedback, FamilyFeedback.invitation_id == Invitation.id)
        .where(
            Invitation.purpose == FEEDBACK,
            or_(Invitation.withdrawn_at.is_(None), FamilyFeedback.id.is_not(None)),
        )
    )
    return _about_meetings(query, Invitation, filters).group_by(*columns)


def _forms(filters: Filters) -> Select:
    """Forms sent back by month, team, pod, chair and source, with how many gave each answer."""
    columns = (*_meeting_columns(FamilyFeedback), FamilyFeedback.source.label("source"))
    counts = [
        func.sum(case((getattr(FamilyFeedback, question) == answer, 1), else_=0)).label(
            f"{question}:{answer}"
        )
        for question, answers in rules.ANSWERS.items()
        for answer in answers
    ]
    query = select(*columns, func.count().label("n"), *counts).select_from(FamilyFeedback)
    return _about_meetings(query, FamilyFeedback, filters).group_by(*columns)


def _answers_of(row) -> dict[str, dict[str, int]]:
    """How many gave each answer, leaving out the answers nobody gave (most of them, row by
    row): each row is added to four tallies."""
    values = row._mapping
    given = {
        question: {answer: int(values[f"{question}:{answer}"] or 0) for answer in answers}
        for question, answers in rules.ANSWERS.items()
    }
    return {question: {a: n for a, n in counts.items() if n} for question, counts in given.items()}


def _chairs(by_chair: dict[tuple[str, int | None], Tally]) -> list[tuple[str, Tally]]:
    """Each conference chair's row by name; then conferences with no chair recorded, and core
    group meetings in one row (any member of the core group chairs those, and the record keeps
    only the name typed in, no account)."""
    ids = [chair_id for kind, chair_id in by_chair if kind == CONFERENCE and chair_id is not None]
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())
    rows = sorted(
        ((names[chair_id], tally) for (kind, chair_id), tally in by_chair.items() if chair_id),
        key=lambda named: named[0],
    )
    if (CONFERENCE, None) in by_chair:
        rows.append((NO_CHAIR, by_chair[(CONFERENCE, None)]))
    if (CORE_GROUP, None) in by_chair:
        rows.append((CORE_GROUP_ROW, by_chair[(CORE_GROUP, None)]))
    return rows


# The comments.


@dataclass(frozen=True)
class Comment:
    id: int
    case_id: int
    case_reference: str
    month: date
    meeting: str  # "Review child protection conference", "Core group meeting"
    team: str
    source: str  # "Online" or "On paper"
    text: str


@dataclass(frozen=True)
class Comments:
    rows: list[Comment]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PER_PAGE))


def comments(actor: User, filters: Filters, page: int) -> Comments:
    """A page of what families said would have helped, for meetings held in the range, in the
    team or pod asked for, of the cases `actor` may see (services/access.py), newest meeting
    first. Nothing names the person who wrote it."""
    held_on = func.coalesce(Conference.held_on, CoreGroupMeeting.held_on)
    query = _about_meetings(
        select(
            FamilyFeedback.id,
            FamilyFeedback.case_id,
            Case.reference,
            held_on.label("held_on"),
            Conference.conference_type,
            Team.name.label("team"),
            FamilyFeedback.source,
            FamilyFeedback.would_have_helped,
        )
        .select_from(FamilyFeedback)
        .where(and_(FamilyFeedback.would_have_helped != "", access.visible_cases(actor))),
        FamilyFeedback,
        filters,
    ).join(Team, Case.team_id == Team.id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page_rows = db.session.execute(
        query.order_by(held_on.desc(), FamilyFeedback.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    return Comments([_comment(row) for row in page_rows], total, page)


def _comment(row) -> Comment:
    meeting = (
        CONFERENCE_TYPE_LABELS.get(row.conference_type, "Conference")
        if row.conference_type
        else "Core group meeting"
    )
    return Comment(
        id=row.id,
        case_id=row.case_id,
        case_reference=row.reference,
        month=performance.first_of_month(row.held_on),
        meeting=meeting,
        team=row.team,
        source="Online" if row.source == rules.ONLINE else "On paper",
        text=row.would_have_helped,
    )


def record_view(actor: User, found: Comments, filters: Filters) -> None:
    """Families' own words, from their cases: each page read is audited with the filters and
    the ids of the forms and cases shown (never what they say)."""
    event = audit.record(
        actor,
        "view",
        changes={
            "feedback_ids": [row.id for row in found.rows],
            "case_ids": sorted({row.case_id for row in found.rows}),
            "page": found.page,
            "start": filters.start.isoformat(),
            "end": filters.end.isoformat(),
            "team_id": filters.team_id,
            "pod_id": filters.pod_id,
        },
    )
    event.record_type = "family_feedback"
