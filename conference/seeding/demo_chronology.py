"""The demo family's chronology and management oversight: who the cases were allocated to
(the family's passed from the duty manager to the social worker), significant events entered
by hand (one not for the family, one corrected with a dated amendment), and two supervisions
of the family's case, one of whose actions is overdue."""

from datetime import UTC, date, datetime, time, timedelta

from conference.models import (
    Allocation,
    Case,
    ChronologyAmendment,
    ChronologyEvent,
    Oversight,
    OversightAction,
)


def demo_allocations(family: Case, other: Case, manager, social_worker) -> list[Allocation]:
    """The family's case was with the duty manager for two days before it was allocated; the
    other family's has had no social worker since it opened."""
    return [
        Allocation(
            case_id=family.id,
            social_worker_id=manager.id,
            team_id=family.team_id,
            allocated_on=family.opened_on,
        ),
        Allocation(
            case_id=family.id,
            social_worker_id=social_worker.id,
            team_id=family.team_id,
            allocated_on=family.opened_on + timedelta(days=2),
        ),
        Allocation(
            case_id=other.id,
            social_worker_id=other.social_worker_id,
            team_id=other.team_id,
            allocated_on=other.opened_on,
        ),
    ]


def police_call_on(family: Case) -> date:
    """The night the police were called, three weeks before the referral: the chronology's
    first event, which the initial conference's map and the plan name."""
    return family.referral_date - timedelta(days=20)


def demo_events(family: Case, social_worker, today) -> list[ChronologyEvent]:
    """The events entered by hand. Read after the children's section 47 enquiries have their
    dates: what the police shared is dated the day after the strategy discussion."""
    kemi, tolu, _baby = family.children
    (enquiry,) = kemi.current_episode.enquiries
    police = ChronologyEvent(
        case_id=family.id,
        occurred_on=police_call_on(family),
        what_happened="Police called to the family home after neighbours heard shouting late at "
        "night. No arrests; both parents spoken to.",
        source="Police notification (Operation Encompass)",
        impact_on_child="Kemi told her form tutor the next morning that she had not slept and was "
        "worried about Mum.",
        child_ids=[kemi.id, tolu.id],
        recorded_by_id=social_worker.id,
    )
    disclosure = ChronologyEvent(
        case_id=family.id,
        occurred_on=enquiry.strategy_discussion_on + timedelta(days=1),
        what_happened="Information shared by the police at the multi-agency risk assessment "
        "conference about a previous partner of Mr Adebayo.",
        source="MARAC chair",
        impact_on_child="Not known yet: to be considered in the section 47 enquiry.",
        child_ids=[],
        not_for_family=True,
        recorded_by_id=social_worker.id,
    )
    school = ChronologyEvent(
        case_id=family.id,
        occurred_on=today - timedelta(days=21),
        what_happened="Tolu was collected late from school on three days this week.",
        source="Sample Primary School, designated safeguarding lead",
        impact_on_child="Tolu was upset and asked his teacher whether Mummy was coming.",
        child_ids=[tolu.id],
        recorded_by_id=social_worker.id,
        version=2,
    )
    corrected_on = today - timedelta(days=14)
    school.amendments = [
        ChronologyAmendment(
            before={
                "occurred_on": school.occurred_on.isoformat(),
                "what_happened": "Tolu was collected late from school on two days this week.",
                "source": "Sample Primary School",
                "impact_on_child": "Tolu was upset.",
                "child_ids": [tolu.id],
                "not_for_family": False,
            },
            reason="The school’s log shows three late collections, not two.",
            made_by_id=social_worker.id,
            made_at=datetime.combine(corrected_on, time(11), tzinfo=UTC),
        )
    ]
    return [police, disclosure, school]


def demo_oversight(family: Case, manager, social_worker, today) -> list[Oversight]:
    first = Oversight(
        case_id=family.id,
        held_on=today - timedelta(days=45),
        manager_id=manager.id,
        reflection="What is the children’s lived experience on the nights Dad drinks? We have "
        "Kemi’s view but not Tolu’s; are we relying on Mum’s account?",
        decision="The plan stays. Tolu to be seen alone at school before the next core group.",
        recorded_at=datetime.combine(today - timedelta(days=45), time(15), tzinfo=UTC),
    )
    first.actions = [
        OversightAction(
            description="See Tolu alone at school and record his words",
            owner_id=social_worker.id,
            due_on=today - timedelta(days=35),
            done_on=today - timedelta(days=37),
        )
    ]
    second = Oversight(
        case_id=family.id,
        held_on=today - timedelta(days=12),
        manager_id=manager.id,
        reflection="Progress on Kemi’s school attendance is real; the worry now is the baby. "
        "What will be different when the baby arrives?",
        decision="Pre-birth assessment to start; ask the midwife to join the core group.",
        recorded_at=datetime.combine(today - timedelta(days=12), time(10), tzinfo=UTC),
    )
    second.actions = [
        OversightAction(
            description="Invite the community midwife to the core group",
            owner_id=social_worker.id,
            due_on=today - timedelta(days=5),
        ),
        OversightAction(
            description="Start the pre-birth assessment",
            owner_id=social_worker.id,
            due_on=today + timedelta(days=14),
        ),
    ]
    return [first, second]
