"""The social worker's report for the review conference, for the parents: the core group's view
of the progress since the last conference (docs/domain.md section 8)."""

from dataclasses import dataclass
from datetime import date

from conference.domain import review as rules
from conference.domain.vocabulary import GOAL_STATES
from conference.models import Conference
from conference.pdf.parts import children_names, children_on_plan
from conference.pdf.render import render_pdf
from conference.services import progress as progress_services
from conference.services.contacts import family_contacts
from conference.services.review import progress_summary, report_sharing

REPORT_TEMPLATE = "review_report.html"


@dataclass(frozen=True)
class GoalReport:
    number: int
    statement: str
    state: str  # "" while the goal is worked to
    measure: str
    target: str
    was: str  # where things were at the conference: the baseline
    now: str
    rating: str
    evidence: str
    said_by: str
    story: str  # every core group's rating, in order


def review_report_context(conference: Conference, *, today: date | None = None) -> dict:
    """Everything pdf_templates/review_report.html needs: the core group's collective view of
    the progress since the last conference, for `render_pdf(REPORT_TEMPLATE, **context)`."""
    case = conference.case
    summary = progress_summary(case, conference, chart_id="report-chart")
    previous = summary.last_conference
    children = children_on_plan(previous) if previous is not None else list(case.children)
    return {
        "lang": "en",
        # The report is a report, not the conference's record: it is a draft until it is
        # shared with the parents, whether or not the review conference has been finalised.
        "draft": conference.report_shared_on is None,
        "large_print": False,
        "children_names": children_names(children),
        "document_date": conference.held_on,
        "printed_on": today or date.today(),
        "reference": case.reference,
        "conference": conference,
        "previous": previous,
        "plan_number": summary.plan.number if summary.plan else None,
        "social_worker": case.social_worker.name if case.social_worker else "",
        "contacts": family_contacts(case, conference).lines,
        "sharing": report_sharing(conference, today),
        "timings": summary.timings,
        "timeliness": summary.timeliness_text,
        "goals": [_goal_report(row) for row in summary.goals],
        "actions": summary.actions,
        "actions_text": summary.actions_text,
        "scaling": summary.scaling,
        "views": summary.views,
        "still_to_change": summary.still_to_change,
        # What the social worker makes of the evidence, and what the parents said about it.
        "analysis": conference.review_analysis.strip(),
        "recommendation": conference.review_recommendation.strip(),
        "parents_comments": conference.parents_comments.strip(),
    }


def _goal_report(row: progress_services.GoalRow) -> GoalReport:
    latest = row.timeline.latest
    goal = row.goal
    return GoalReport(
        number=row.number,
        statement=goal.statement.strip(),
        state="" if rules.is_active(goal.state) else GOAL_STATES.get(goal.state, goal.state),
        measure=goal.measure.strip(),
        target=goal.target.strip(),
        was=row.timeline.steps[0].where_now,
        now=latest.where_now if latest else "",
        rating=latest.rating_label if latest else "Not rated yet",
        evidence=latest.evidence if latest else "",
        said_by=latest.said_by if latest else "",
        story=row.timeline.summary,
    )


def review_report_pdf(conference: Conference) -> bytes:
    return render_pdf(REPORT_TEMPLATE, **review_report_context(conference))
