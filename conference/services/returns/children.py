"""The children the statutory returns describe, gathered from the database: each child with
their case, the finalised conferences' decisions about them, and their plan periods."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from conference.domain import cin_rules
from conference.extensions import db
from conference.models import Case, Child, ChildEpisode, Conference, Plan, Section47Enquiry


@dataclass
class ChildRecord:
    case: Case
    child: Child
    position: int  # the child's place in the family, from 1, as named in messages
    periods: list[cin_rules.PlanPeriod]
    initial_conferences: list[Conference]  # finalised, with a decision about this child

    @property
    def label(self) -> str:
        """Names the child without personal data: "DEMO-0001, child 2"."""
        return f"{self.case.reference}, child {self.position}"


def child_records(as_at: date) -> list[ChildRecord]:
    """Every child whose family had a section 47 enquiry (a child's) or a finalised conference,
    with what the finalised conferences held by `as_at` decided, ordered by case and child."""
    conferences = list(
        db.session.scalars(
            select(Conference)
            .where(Conference.finalised_at.is_not(None), Conference.held_on <= as_at)
            .options(selectinload(Conference.decisions))
            .order_by(Conference.held_on, Conference.id)
        )
    )
    decisions = defaultdict(list)
    initials = defaultdict(list)
    for conference in conferences:
        for decision in conference.decisions:
            decisions[decision.child_id].append(cin_rules.Decision.of(conference, decision))
            if conference.conference_type in cin_rules.STARTS_A_PLAN:
                initials[decision.child_id].append(conference)
    plan_ends: defaultdict[int, list[date]] = defaultdict(list)
    for case_id, ended_on in db.session.execute(
        select(Plan.case_id, Plan.ended_on).where(Plan.ended_on <= as_at)
    ):
        if ended_on is not None:  # always, as `<=` leaves out the plans not ended
            plan_ends[case_id].append(ended_on)
    cases = db.session.scalars(
        select(Case)
        .where(
            or_(
                Case.id.in_(
                    select(Child.case_id)
                    .join(ChildEpisode, ChildEpisode.child_id == Child.id)
                    .join(Section47Enquiry, Section47Enquiry.episode_id == ChildEpisode.id)
                ),
                Case.id.in_({conference.case_id for conference in conferences}),
            )
        )
        .options(
            selectinload(Case.children)
            .selectinload(Child.episodes)
            .selectinload(ChildEpisode.enquiries)
        )
        .order_by(Case.reference)
    )
    return [
        ChildRecord(
            case=case,
            child=child,
            position=position,
            periods=cin_rules.plan_periods(decisions[child.id], plan_ends[case.id]),
            initial_conferences=initials[child.id],
        )
        for case in cases
        for position, child in enumerate(case.children, start=1)
    ]
