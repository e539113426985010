"""Every family document prints the same goals, in the same order, with the same numbers: the
goals still worked to, a goal kept with changes among them (issue 19). A trial found a changed
goal missing from the family plan, which renumbered the rest against the easy-read plan."""

import pytest
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Plan
from conference.pdf import easy_read
from conference.pdf.family_plan import family_goals
from conference.pdf.parts import children_on_plan
from conference.services.translation_segments import family_segments


@pytest.fixture
def plan_with_a_review(app):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", "demo password for the goals")
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        plan = db.session.scalars(
            select(Plan).join(Case).where(Case.reference == "DEMO-0001").order_by(Plan.number)
        ).first()
        goals = sorted(plan.goals, key=lambda goal: (goal.position, goal.id))
        assert len(goals) >= 4
        for goal, state in zip(goals, ("changed", "achieved", "kept", "dropped"), strict=False):
            goal.state = state
        db.session.flush()
        yield plan, goals
        db.session.rollback()


def test_the_family_plan_easy_read_and_translation_number_the_same_goals(plan_with_a_review):
    plan, goals = plan_with_a_review
    worked_to = [goals[0], goals[2], *goals[4:]]
    expected = [goal.statement.strip() for goal in worked_to]
    in_family_plan = family_goals(plan, children_on_plan(plan.conference))
    assert [(goal.number, goal.statement) for goal in in_family_plan] == list(
        enumerate(expected, start=1)
    )
    mum = next(adult for adult in plan.case.adults if adult.given_name == "Funmilayo")
    [section] = [
        s
        for s in easy_read.easy_read_context(plan, mum)["sections"]
        if s.heading.en == "What needs to happen"
    ]
    assert [group[0].lines[0].en.striptags() for group in section.groups] == [
        f"Goal {number}: {statement}" for number, statement in enumerate(expected, start=1)
    ]
    labels = {s.id: s.label for s in family_segments(plan)}
    assert [labels[f"goal-{goal.id}-statement"] for goal in worked_to] == [
        f"Goal {number}: what needs to happen" for number in range(1, len(worked_to) + 1)
    ]
    assert f"goal-{goals[1].id}-statement" not in labels
    assert f"goal-{goals[3].id}-statement" not in labels
