"""The demo family's plan (fictional). Version 1, written at the end of the initial conference:
mostly good safety goals, one deliberately task-based and one deliberately unmeasurable, so the
plan checker's findings can be seen; the chair finalised it two working days after the
conference, accepting those findings, before the first core group. Version 2, in draft for the
review conference: the core groups reworded the task-based goal into an outcome for the children,
so comparing the versions shows the change."""

from datetime import UTC, datetime, time, timedelta

from conference.domain import timescales
from conference.domain.vocabulary import GoalState
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Plan, PlanAction, SafetyGoal
from conference.seeding.demo_chronology import police_call_on
from conference.services.plan_checks import goals_in_order, outstanding, store_checks
from conference.services.plans import COPIED_ACTION_FIELDS, COPIED_GOAL_FIELDS, DETAIL_FIELDS

ACCEPTED_REASON = (
    "Goals 5 and 6 are in the family's own words. The core group will make them say what will "
    "be different for the children, and how everyone will know, at its first meetings."
)
IDENTITY_STATEMENT = (
    "The plan is in Yoruba and English, a female Yoruba interpreter comes to every meeting, and "
    "the family's church is part of the safety network. Sam books the interpreter, who speaks "
    "the Oyo dialect, for every home visit too. Two women from church do the school runs when "
    "Mum is unwell, so that Kemi does not stay at home to look after Tolu."
)
REWORDED = {
    "statement": "The children only spend time with Dad when he is sober: every night he has "
    "been drinking, he sleeps at Grandad's.",
    "measure": "Grandma's diary, and what Kemi and Tolu say at each visit",
    "baseline": "Dad slept at Grandad's on 2 of the 5 nights he drank in the last month",
    "target": "Every night Dad has been drinking, he sleeps at Grandad's",
    "sustained_for": "3 months",
}


def demo_plan(conference, users: dict) -> Plan:
    kemi, tolu, baby = (child.id for child in conference.case.children)
    violence, school, pregnancy = (
        item.id for item in conference.map_items if item.heading == "worry"
    )
    review_on = conference.decisions[0].review_on
    soon = conference.held_on + timedelta(days=21)
    police_on = long_date(police_call_on(conference.case))
    sam, nurse = users["socialworker"].name, users["practitioner"].name
    plan = Plan(
        case=conference.case,
        conference=conference,
        number=1,
        contingency_plan=conference.decisions[0].contingency_plan,
        child_seen=f"{sam} sees Kemi and Tolu at home every 10 working days, and each of them "
        "alone at least every 4 weeks. The midwife sees Mum every 2 weeks until the birth.",
        # What good looks like (issue 21): what will happen because of the family's language
        # and faith, not who they are.
        identity_statement=IDENTITY_STATEMENT,
        child_views_statement="Kemi said she wants things at home to be calm and to go to school: "
        "goals 1 and 3 come from what she said. Tolu's worry about shouting is goal 1.",
    )
    plan.goals = [
        _goal(
            0,
            "For at least 6 months, adults at home sort out disagreements calmly: no shouting, "
            "throwing things or pushing.",
            [kemi, tolu, baby],
            [violence],
            measure="Kemi's and Tolu's own 0-10 scale at each visit, and police call-out records",
            baseline=f"Police were called on {police_on}; Tolu's teacher sees that he is "
            "frightened and quiet after arguments at home",
            target="No shouting, throwing or pushing reported, and the children's scale at 7 or "
            "more, at every visit",
            sustained="6 months",
            review_on=review_on,
            owner="Funmilayo and Olumide Adebayo",
            family_words="Mum: “We want the children to feel calm at home.”",
            contingency_if="Dad has been drinking and there is shouting at home",
            contingency_then="Mum takes the children to Grandma's flat that night and rings "
            "Sam, who visits the next working day",
            child_words="The grown-ups at home will talk calmly. Nobody will shout, throw "
            "things or push.",
            actions=[
                ("Go to the first appointment at the alcohol service", "Olumide Adebayo", soon),
                ("Talk with Kemi and Tolu alone about home", sam, soon),
            ],
        ),
        _goal(
            1,
            "If Dad has been drinking, he does not look after the children: Grandma Abosede takes "
            "them to her flat, every time.",
            [kemi, tolu],
            [violence],
            measure="Grandma's diary and Kemi's weekly check-in with the social worker",
            baseline="Grandma has done this twice since the police were called",
            target="Every time Dad has been drinking, the children are with Grandma",
            sustained="6 months",
            review_on=review_on,
            owner="Abosede Adeyemi",
            contingency_if="Grandma cannot take the children",
            contingency_then="Mum rings Pastor Adeyemi's wife, who has agreed to have them",
            child_words="If Dad has been drinking, Grandma will look after you at her flat.",
            actions=[("Keep a diary of the nights the children stay", "Abosede Adeyemi", soon)],
        ),
        _goal(
            2,
            "Kemi goes to school every day: her attendance is at least 95% each half term.",
            [kemi],
            [school],
            measure="The school attendance register",
            baseline="78% this term (18 days missed)",
            target="At least 95% each half term",
            sustained="Until the review conference",
            review_on=review_on,
            owner="Funmilayo Adebayo",
            contingency_if="Mum is unwell in the morning",
            contingency_then="Sister Bisi from church takes Tolu to school, so Kemi goes to "
            "school as usual",
            actions=[
                ("Ring the school by 9am if Kemi is ill", "Funmilayo Adebayo", soon),
                ("See Kemi at school every 2 weeks", nurse, soon),
            ],
        ),
        _goal(
            3,
            "The baby grows well before birth: Mum keeps every antenatal appointment until "
            "the birth.",
            [baby],
            [pregnancy],
            measure="The midwife's records",
            baseline="3 appointments missed in the last 3 months",
            target="All appointments kept until the birth",
            sustained="Until the birth",
            review_on=review_on,
            owner="Funmilayo Adebayo",
            actions=[("Book the interpreter for every appointment", "Midwife", soon)],
        ),
        _goal(
            4,
            "Dad will engage with the alcohol service.",
            [kemi, tolu, baby],
            [violence],
            owner="Olumide Adebayo",
            review_on=review_on,
            actions=[("Refer Dad to the alcohol service", sam, soon)],
        ),
        _goal(
            5,
            "Tolu feels safe and happy at home.",
            [tolu],
            [violence],
            owner="Funmilayo and Olumide Adebayo",
            review_on=review_on,
            actions=[],
        ),
    ]
    # The checker's answers are stored as the app stores them, so the dashboard counts them.
    db.session.add(plan)
    store_checks(plan)
    return plan


def _goal(position, statement, children, worries, actions, sustained="", **fields) -> SafetyGoal:
    goal = SafetyGoal(
        position=position,
        statement=statement,
        child_ids=children,
        worry_item_ids=worries,
        sustained_for=sustained,
        **fields,
    )
    goal.actions = [
        PlanAction(position=n, what=what, who=who, by_when=by_when)
        for n, (what, who, by_when) in enumerate(actions)
    ]
    return goal


def finalise_demo_plan(plan: Plan, chair, ceiling: int) -> None:
    """The chair finalises version 1 two working days after the conference (the first core
    group is seven working days after it), accepting the checker's findings with a reason.
    Needs the goals flushed, for their ids."""
    calendar = timescales.default_calendar()
    day = calendar.add_working_days(plan.conference.held_on, 2)
    plan.accepted_findings = outstanding(plan, ceiling=ceiling).accepted()
    plan.accepted_findings_reason = ACCEPTED_REASON
    plan.finalised_at = datetime.combine(day, time(16, 0), tzinfo=UTC)
    plan.finalised_by_id = chair.id
    # The chair checked the words for the children's own plans before finalising.
    for goal in plan.goals:
        if goal.child_words:
            goal.child_words_checked_at = plan.finalised_at
            goal.child_words_checked_by_id = chair.id
    # And agreed that Kemi and Tolu, whose records ask for easy read, each have their own plan.
    for child in plan.case.children:
        child.own_copy = not child.unborn


def demo_next_version(plan: Plan, review, last_core_group) -> Plan:
    """Version 2, in draft for the review conference: a copy of version 1 as the core groups
    left it, each goal remembering the goal it was copied from, with goal 5 reworded as the
    last core group suggested."""
    draft = Plan(
        case=plan.case,
        conference=review,
        number=plan.number + 1,
        previous_plan=plan,
        created_at=datetime.combine(last_core_group, time(18, 0), tzinfo=UTC),
        **{name: getattr(plan, name) for name in DETAIL_FIELDS},
    )
    # Version 1's goals were to be checked by this review: the chair's draft gives each goal
    # a date after it, the next review's (a goal's date is never the review's own day).
    check_on = _working_day_on_or_before(timescales.later_review_due(review.held_on))
    for goal in goals_in_order(plan):
        copy = SafetyGoal(origin_goal_id=goal.id, **_copied(goal, COPIED_GOAL_FIELDS))
        if copy.review_on is None or copy.review_on <= review.held_on:
            copy.review_on = check_on
        copy.actions = [
            PlanAction(**_copied(action, COPIED_ACTION_FIELDS))
            for action in sorted(goal.actions, key=lambda action: (action.position, action.id))
        ]
        if goal.position == 4:
            for name, value in REWORDED.items():
                setattr(copy, name, value)
            copy.state = GoalState.CHANGED.value
        draft.goals.append(copy)
    db.session.add(draft)
    store_checks(draft)
    return draft


def _working_day_on_or_before(day):
    calendar = timescales.default_calendar()
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _copied(record, names) -> dict:
    return {
        name: list(value) if isinstance(value := getattr(record, name), list) else value
        for name in names
    }
