"""A review's plan is often drafted weeks before the review, and core groups meet in between:
the draft's copy of each action then takes what the latest meeting recorded, unless the draft
itself has changed that action's status (a trial found version 2 showing older statuses than
version 1)."""

from core_group_demo import action_answers, saved_part, signed_in_as, start

from conference.extensions import db
from conference.models import Conference, Plan, PlanAction, SafetyGoal
from conference.services.plan_checks import goals_in_order


def _draft_next_version(app, demo) -> dict[int, int]:
    """Version 2 drafted for the review, copied from version 1 as the service copies it; the
    id of each version 1 action's copy."""
    with app.app_context():
        first = db.session.get(Plan, demo.plan_id)
        review = db.session.query(Conference).filter_by(
            case_id=demo.case_id, conference_type="review"
        )
        second = Plan(case_id=demo.case_id, conference=review.one(), number=2, previous_plan=first)
        pairs = []
        for goal in goals_in_order(first):
            copy = SafetyGoal(
                origin_goal_id=goal.id, statement=goal.statement, position=goal.position
            )
            for action in goal.actions:
                twin = PlanAction(
                    what=action.what, who=action.who, status=action.status, position=action.position
                )
                copy.actions.append(twin)
                pairs.append((action, twin))
            second.goals.append(copy)
        db.session.add(second)
        db.session.commit()
        return {action.id: twin.id for action, twin in pairs}


def _statuses(app, ids) -> list[str]:
    with app.app_context():
        return [db.session.get(PlanAction, action_id).status for action_id in ids]


def test_the_draft_plan_takes_the_statuses_the_core_group_recorded(app, demo):
    copies = _draft_next_version(app, demo)
    flat = [action for actions in demo.action_ids for action in actions]
    changed_in_the_draft = copies[flat[1]]
    with app.app_context():
        db.session.get(PlanAction, changed_in_the_draft).status = "not_done"
        db.session.commit()
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    saved_part(worker, f"/core-groups/{meeting_id}/actions", action_answers(demo))
    recorded = _statuses(app, flat)
    assert recorded == ["done", "in_progress", "not_done", "done", "in_progress", "done", "done"]
    drafted = _statuses(app, [copies[action] for action in flat])
    assert drafted == [*recorded[:1], "not_done", *recorded[2:]]
