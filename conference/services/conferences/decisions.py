"""The decision for each child: the agencies' views, the parents' view, the chair's decision,
and what the conference names with it (lead social worker, core group, contingency plan, the
dates of the first core group and the review).

Every function that changes data takes the acting user and writes its audit rows in the same
transaction; the view commits.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from conference.domain import core_group_schedule, timescales
from conference.domain.quorum import ATTENDED, FAMILY, REPORT_SENT
from conference.domain.vocabulary import CATEGORIES, OUTCOMES, Outcome
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import AgencyView, Attendee, ChildDecision, Conference, CoreGroupMember, User
from conference.services import audit, records
from conference.services.conferences.attendance import record_in_case

MULTIPLE_WARNING = (
    "The Department for Education discourages the multiple category: record the main category "
    "if you can"
)
NOT_DECIDED = "Not decided yet"


@dataclass(frozen=True)
class ChildOutcome:
    """What was decided for one child, for the hub, the decisions page and the live screen."""

    child: object
    decision: ChildDecision | None
    outcome: str | None
    outcome_label: str
    category: str | None
    category_label: str | None

    @property
    def label(self) -> str:
        """ "Child protection plan (Neglect)", "No further action" or "Not decided yet"."""
        if self.category_label:
            return f"{self.outcome_label} ({self.category_label})"
        return self.outcome_label


def decision_summary(conference: Conference) -> list[ChildOutcome]:
    """For each child of the case, in order, the outcome decided and its category."""
    decisions = {decision.child_id: decision for decision in conference.decisions}
    summary = []
    for child in conference.case.children:
        decision = decisions.get(child.id)
        outcome = decision.outcome if decision else None
        category = decision.category if decision else None
        summary.append(
            ChildOutcome(
                child=child,
                decision=decision,
                outcome=outcome,
                outcome_label=OUTCOMES.get(outcome, NOT_DECIDED) if outcome else NOT_DECIDED,
                category=category,
                category_label=CATEGORIES.get(category) if category else None,
            )
        )
    return summary


def next_core_group_after_review(
    conference: Conference, decision: ChildDecision | None, interval_weeks: int
) -> core_group_schedule.Due | None:
    """When a review keeps the child's plan, the next core group is due by the same rule every
    page follows (counted from the review); when the plan ends, or nothing is decided, none is."""
    if decision is None or decision.outcome != Outcome.CHILD_PROTECTION_PLAN:
        return None
    return core_group_schedule.next_core_group_due(
        conference.held_on,
        [],
        decision.review_on,
        timescales.default_calendar(),
        interval_weeks,
        [conference.held_on],
    )


@dataclass(frozen=True)
class DueDates:
    """The statutory dates that follow from the conference (docs/domain.md section 2)."""

    first_core_group: date
    review: date
    review_months: int

    @property
    def first_core_group_text(self) -> str:
        return (
            f"due by {long_date(self.first_core_group)} "
            f"({timescales.FIRST_CORE_GROUP_WORKING_DAYS} working days after the conference)"
        )

    @property
    def review_text(self) -> str:
        return f"due by {long_date(self.review)} ({self.review_months} months after the conference)"

    def warnings(self, first_core_group_on: date | None, review_on: date | None) -> list[str]:
        """A date later than the statutory one may be saved (the chair may have reasons), but
        never without the chair being told."""
        found = []
        if first_core_group_on and timescales.is_late(first_core_group_on, self.first_core_group):
            found.append(
                f"The first core group on {long_date(first_core_group_on)} would be late: it is "
                f"{self.first_core_group_text}"
            )
        if review_on and timescales.is_late(review_on, self.review):
            found.append(
                f"The review conference on {long_date(review_on)} would be late: it is "
                f"{self.review_text}"
            )
        return found


def due_dates(conference: Conference) -> DueDates:
    months = (
        timescales.LATER_REVIEW_MONTHS
        if conference.conference_type == timescales.REVIEW
        else timescales.FIRST_REVIEW_MONTHS
    )
    return DueDates(
        first_core_group=timescales.first_core_group_due(
            conference.held_on, timescales.default_calendar()
        ),
        review=timescales.review_due(conference.conference_type, conference.held_on),
        review_months=months,
    )


def decision_for(conference: Conference, child) -> ChildDecision | None:
    query = select(ChildDecision).where(
        ChildDecision.conference_id == conference.id, ChildDecision.child_id == child.id
    )
    return db.session.scalar(query)


def agencies_giving_views(conference: Conference) -> list[Attendee]:
    """Each agency at the conference, or that sent a report, is asked for its view."""
    return [
        attendee
        for attendee in conference.attendees
        if attendee.attendance in (ATTENDED, REPORT_SENT) and attendee.agency_type != FAMILY
    ]


def agency_views_for(conference: Conference, child) -> dict[int, AgencyView]:
    """{attendee id: their view} for this child."""
    query = select(AgencyView).where(
        AgencyView.conference_id == conference.id, AgencyView.child_id == child.id
    )
    return {view.attendee_id: view for view in db.session.scalars(query)}


def save_decision(
    actor: User,
    conference: Conference,
    child,
    version: int,
    fields: dict,
    views: dict[int, tuple[str | None, str]],
    core_group_ids: set[int],
) -> ChildDecision:
    """Store the decision for `child`, the agencies' views `{attendee id: (recommendation,
    reasons)}` and the core group (the ids of the attendees in it), in one transaction.

    `version` is the decision's version when the form was loaded, 0 if there was none then.
    :raise records.StaleVersion: someone else saved a decision for this child since.
    """
    decision = decision_for(conference, child)
    if decision is not None and version != decision.version:
        raise records.StaleVersion(decision)
    # Two people recording the first decision for this child at the same moment: the second
    # is told, as for any stale save.
    with records.saved_first(lambda: decision_for(conference, child)):
        if decision is None:
            decision = ChildDecision(conference_id=conference.id, child_id=child.id, **fields)
            db.session.add(decision)
            record_in_case(actor, "create", decision, conference, audit.changes_of(decision))
            changed = True
        else:
            for key, value in fields.items():
                setattr(decision, key, value)
            changes = audit.changes_of(decision)
            if changes:
                record_in_case(actor, "update", decision, conference, changes)
            changed = bool(changes)
        views_changed = _save_views(actor, conference, child, views)
        core_group_changed = _save_core_group(actor, conference, core_group_ids)
        if (views_changed or core_group_changed) and not changed:
            # The views and the core group are other rows: move the decision's version on too, so
            # anyone still editing this page is told that it changed.
            flag_modified(decision, "reasons")
    return decision


def _save_views(actor: User, conference: Conference, child, views: dict) -> bool:
    """Store each agency's view; a view cleared on the form is removed. Returns whether any
    view changed."""
    saved = agency_views_for(conference, child)
    changed = False
    for attendee in agencies_giving_views(conference):
        recommendation, reasons = views.get(attendee.id, (None, ""))
        view = saved.get(attendee.id)
        if not recommendation:
            if view is not None:
                cleared = {
                    "recommendation": [view.recommendation, None],
                    "reasons": [view.reasons, None],
                }
                record_in_case(actor, "delete", view, conference, cleared)
                db.session.delete(view)
                changed = True
            continue
        if view is None:
            view = AgencyView(
                conference_id=conference.id,
                child_id=child.id,
                attendee_id=attendee.id,
                recommendation=recommendation,
                reasons=reasons.strip(),
            )
            db.session.add(view)
            record_in_case(actor, "create", view, conference, audit.changes_of(view))
            changed = True
            continue
        view.recommendation, view.reasons = recommendation, reasons.strip()
        changes = audit.changes_of(view)
        if changes:
            record_in_case(actor, "update", view, conference, changes)
            changed = True
    return changed


def _save_core_group(actor: User, conference: Conference, core_group_ids: set[int]) -> bool:
    """Mark who the conference put in the core group, and give those with an account access to
    the case through a core group membership. Returns whether anything changed.

    Unticking someone does not remove a membership this or an earlier conference added: access
    to a case is never taken away silently, as a side effect of a box left unticked. Removing a
    member is a decision of its own.
    """
    changed = False
    members = {member.user_id for member in conference.case.core_group}
    for attendee in conference.attendees:
        attendee.in_core_group = attendee.id in core_group_ids
        changes = audit.changes_of(attendee)
        if changes:
            record_in_case(actor, "update", attendee, conference, changes)
            changed = True
        if attendee.in_core_group and attendee.user_id and attendee.user_id not in members:
            member = CoreGroupMember(case_id=conference.case_id, user_id=attendee.user_id)
            db.session.add(member)
            audit.record(actor, "create", member, audit.changes_of(member))
            members.add(attendee.user_id)
            changed = True
    return changed
