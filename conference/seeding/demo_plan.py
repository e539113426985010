"""The demo family's plan, written at the end of the initial conference and still in draft: mostly
good safety goals, one deliberately task-based and one deliberately unmeasurable, so the plan
checker's findings can be seen (fictional)."""

from datetime import timedelta

from conference.extensions import db
from conference.models import Plan, PlanAction, SafetyGoal
from conference.services.plan_checks import store_checks


def demo_plan(conference, users: dict) -> Plan:
    kemi, tolu, baby = (child.id for child in conference.case.children)
    violence, school, pregnancy = (
        item.id for item in conference.map_items if item.heading == "worry"
    )
    review_on = conference.decisions[0].review_on
    soon = conference.held_on + timedelta(days=21)
    sam, nurse = users["socialworker"].name, users["practitioner"].name
    plan = Plan(
        case=conference.case,
        conference=conference,
        number=1,
        contingency_plan=conference.decisions[0].contingency_plan,
        child_seen=f"{sam} sees Kemi and Tolu at home every 10 working days, and each of them "
        "alone at least every 4 weeks. The midwife sees Mum every 2 weeks until the birth.",
        identity_statement="The plan is in Yoruba and English, a female Yoruba interpreter comes "
        "to every meeting, and the family's church is part of the safety network.",
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
            baseline="Police were called on 3 October; Tolu hides when Dad shouts",
            target="No shouting, throwing or pushing reported, and the children's scale at 7 or "
            "more, at every visit",
            sustained="6 months",
            review_on=review_on,
            owner="Funmilayo and Olumide Adebayo",
            family_words="Mum: “We want the children to feel calm at home.”",
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
            baseline="Grandma has done this twice since October",
            target="Every time Dad has been drinking, the children are with Grandma",
            sustained="6 months",
            review_on=review_on,
            owner="Abosede Adeyemi",
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
            baseline="3 appointments missed since September",
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
