"""The records the statutory returns read, as plain rows rather than ORM objects: building
tens of thousands of Case, Child, episode and conference objects (and their identity map) was
40% of the census's time. Each row carries the model's own attribute names, so the returns
read a row as they would read the model."""

from collections import defaultdict
from dataclasses import MISSING, dataclass, field, fields
from datetime import date

from sqlalchemy import select

from conference.domain import cin_rules
from conference.extensions import db
from conference.models import (
    Case,
    Child,
    ChildDecision,
    ChildEpisode,
    Conference,
    EnquiryOutcome,
    Section47Enquiry,
    Team,
    User,
)


@dataclass(slots=True)
class EnquiryRow:
    """A section 47 enquiry, as `Section47Enquiry`."""

    id: int
    strategy_discussion_on: date | None
    started_on: date
    completed_on: date | None
    outcome: str | None
    conference_id: int | None

    @property
    def icpc_not_required(self) -> bool:  # as Section47Enquiry.icpc_not_required
        return self.outcome in (EnquiryOutcome.CHILD_IN_NEED, EnquiryOutcome.NO_FURTHER_ACTION)


@dataclass(slots=True)
class EpisodeRow:
    """An episode of need, as `ChildEpisode`, with its enquiries (earliest first)."""

    id: int
    referral_date: date
    referral_source: str | None
    primary_need_code: str | None
    referral_nfa: bool
    assessment_started_on: date | None
    assessment_authorised_on: date | None
    cin_plan_started_on: date | None
    cin_plan_ended_on: date | None
    closed_on: date | None
    closure_reason: str | None
    enquiries: list[EnquiryRow] = field(default_factory=list)


@dataclass(slots=True)
class ChildRow:
    """What the returns read of a child, as `Child`, with their episodes (earliest first)."""

    id: int
    local_child_id: str
    sex: str
    ethnicity_code: str | None
    date_of_birth: date | None
    expected_date_of_birth: date | None
    disabilities: list | None
    emergency_protection_on: date | None
    previous_plans_elsewhere: int
    upn: str
    upn_unknown_reason: str | None
    died_on: date | None
    episodes: list[EpisodeRow] = field(default_factory=list)


@dataclass(slots=True)
class FamilyRow:
    """A case: its reference, allocation and children (in the order they were added)."""

    id: int
    reference: str
    team_name: str
    social_worker_name: str | None  # None: no social worker allocated
    children: list[ChildRow] = field(default_factory=list)


@dataclass(slots=True)
class DecisionRow:
    child_id: int
    outcome: str


@dataclass(slots=True)
class ConferenceRow:
    """An initial or transfer-in conference, as `Conference`: who it decided about and what,
    without the words of each decision."""

    id: int
    held_on: date
    conference_type: str
    strategy_discussion_on: date | None
    decisions: list[DecisionRow] = field(default_factory=list)


def family_rows(batch: list[int]) -> list[FamilyRow]:
    """The cases with their children, each child with their episodes and enquiries, in the
    models' orders (children by id, episodes by referral, enquiries by start)."""
    cases = {
        row.id: FamilyRow(*row)
        for row in db.session.execute(
            select(Case.id, Case.reference, Team.name, User.name)
            .join(Team, Case.team_id == Team.id)
            .outerjoin(User, Case.social_worker_id == User.id)
            .where(Case.id.in_(batch))
            .order_by(Case.id)
        )
    }
    children = {}
    for case_id, *row in db.session.execute(
        select(Child.case_id, *_columns(ChildRow, Child))
        .where(Child.case_id.in_(batch))
        .order_by(Child.id)
    ):
        children[row[0]] = child = ChildRow(*row)
        cases[case_id].children.append(child)
    episodes = {}
    of_children = select(Child.id).where(Child.case_id.in_(batch))
    for child_id, *row in db.session.execute(
        select(ChildEpisode.child_id, *_columns(EpisodeRow, ChildEpisode))
        .where(ChildEpisode.child_id.in_(of_children))
        .order_by(ChildEpisode.referral_date, ChildEpisode.id)
    ):
        episodes[row[0]] = episode = EpisodeRow(*row)
        children[child_id].episodes.append(episode)
    for episode_id, *row in db.session.execute(
        select(Section47Enquiry.episode_id, *_columns(EnquiryRow, Section47Enquiry))
        .join(ChildEpisode, Section47Enquiry.episode_id == ChildEpisode.id)
        .where(ChildEpisode.child_id.in_(of_children))
        .order_by(Section47Enquiry.started_on, Section47Enquiry.id)
    ):
        episodes[episode_id].enquiries.append(EnquiryRow(*row))
    return list(cases.values())


def _columns(row_type, model) -> list:
    """The model's columns named as the row type's fields, in their order; the lists after
    them (a child's episodes, say) are filled in afterwards."""
    return [
        getattr(model, column.name)
        for column in fields(row_type)
        if column.default_factory is MISSING
    ]


def initial_conference_rows(batch: list[int], as_at: date) -> defaultdict[int, list[ConferenceRow]]:
    """Each child's finalised initial and transfer-in conferences held by `as_at`, earliest
    first, each with who it decided about and what (Annex A asks whether it decided a plan)."""
    initials: defaultdict[int, list[ConferenceRow]] = defaultdict(list)
    conferences: dict[int, ConferenceRow] = {}
    rows = db.session.execute(
        select(
            Conference.id,
            Conference.held_on,
            Conference.conference_type,
            Conference.strategy_discussion_on,
            ChildDecision.child_id,
            ChildDecision.outcome,
        )
        .join(ChildDecision, ChildDecision.conference_id == Conference.id)
        .where(
            Conference.case_id.in_(batch),
            Conference.finalised_at.is_not(None),
            Conference.held_on <= as_at,
            Conference.conference_type.in_(cin_rules.STARTS_A_PLAN),
        )
        .order_by(Conference.held_on, Conference.id, ChildDecision.id)
    )
    for conference_id, held_on, conference_type, strategy_on, child_id, outcome in rows:
        conference = conferences.get(conference_id)
        if conference is None:
            conference = ConferenceRow(conference_id, held_on, conference_type, strategy_on)
            conferences[conference_id] = conference
        conference.decisions.append(DecisionRow(child_id, outcome))
        initials[child_id].append(conference)
    return initials
