"""The plan's safety goals and their actions, with the checker's findings beside each goal as it
is written (on the page, and again after each pause in typing through `check_goal`).

Every route loads the plan through `access` first: `plan_to_view` to read, `plan_to_change` to
change (a finalised plan then answers 409). A goal or action not in that plan is not found.
"""

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from conference.common.access import roles_required, signed_in
from conference.common.forms import conflict_rows
from conference.domain.mapping import worry_text
from conference.domain.plan_quality import MIXED, suggested_outcome
from conference.domain.readability import assess_readability
from conference.domain.vocabulary import GOAL_GRADES, ActionStatus
from conference.domain.wording import and_list
from conference.extensions import db
from conference.models import Role
from conference.plans import bp
from conference.plans.goal_forms import (
    KEEP_LABELS,
    CheckChildWordsForm,
    InvalidCheck,
    MoveGoalForm,
    action_conflicts,
    action_form,
    goal_conflicts,
    goal_form,
    keep_as_action_form,
    parse_check,
    review_date_after,
)
from conference.services import access, child_words, drafts, goals, plan_checks, records
from conference.services.plans import from_conference

# Safety goals


@bp.app_template_global()
def goal_grade(grade: str) -> str:
    """The tag for the checker's graded reading of a goal: "Outcome", "Outcome with actions
    mixed in" or "Task, not an outcome"."""
    return GOAL_GRADES.get(grade, grade)


@bp.app_template_global()
def quoted_parts(parts) -> str:
    """A goal's parts as written, each in quotes: "“Mum will stay off drink”"."""
    return and_list([f"“{part}”" for part in parts])


@bp.route("/plans/<int:plan_id>/goals/new", methods=["GET", "POST"])
@signed_in
def new_goal(plan_id: int):
    """Add a safety goal to the plan. The checker's findings are advice: only the statement,
    the children and (when the conference has any) the worry statements are required.

    :raise 404: not visible. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    form = _goal_form(plan)
    if not form.is_submitted() and len(plan.case.children) == 1:
        form.child_ids.data = [str(plan.case.children[0].id)]
    key = _goal_key(plan, "new")
    if form.validate_on_submit():
        goal = goals.add_goal(current_user, plan, **form.details())
        drafts.clear_draft(current_user, key)
        db.session.commit()
        flash("Safety goal added", "success")
        return _to_plan(plan, goal)
    return _goal_page(plan, form, None, None, key)


@bp.route("/plans/<int:plan_id>/goals/<int:goal_id>", methods=["GET", "POST"])
@signed_in
def edit_goal(plan_id: int, goal_id: int):
    """Change a safety goal.

    :raise 404: not visible, or the goal is not in this plan. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    goal = access.goal_of(plan, goal_id)
    form = _goal_form(plan, goal, obj=goal)
    if not form.is_submitted():
        carried = plan_checks.carried_worries(plan.conference)
        form.carry_over(
            plan_checks.answered_worry_ids(goal, carried),
            plan_checks.next_review(plan),
            copied=goal.origin_goal_id is not None,
        )
    key = _goal_key(plan, str(goal.id))
    conflict = None
    if form.validate_on_submit():
        try:
            goals.update_goal(current_user, goal, form.version.data, **form.details())
        except records.StaleVersion:
            conflict = goal_conflicts(form, goal)
            form.refresh_version(goal)
        else:
            drafts.clear_draft(current_user, key)
            db.session.commit()
            flash("Changes to the safety goal saved", "success")
            return _to_plan(plan, goal)
    return _goal_page(plan, form, goal, conflict, key)


@bp.route("/plans/<int:plan_id>/goals/<int:goal_id>/keep-as-action", methods=["GET", "POST"])
@signed_in
def keep_as_action(plan_id: int, goal_id: int):
    """When the checker reads a goal as a task: in one step, write the outcome the task serves
    (offered an example that answers the goal's worry statements) and keep the task as an
    action under it, with who will do it and by when. When it reads the goal as an outcome with
    actions mixed in, the same step moves the actions out: the outcome's own words are offered as
    the goal, and the actions' words as the action.

    :raise 404: not visible, or the goal is not in this plan. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    goal = access.goal_of(plan, goal_id)
    form = keep_as_action_form(plan.conference.attendees)
    texts = plan_checks.goal_worry_texts(plan)
    reading = plan_checks.goal_assessment(goal, plan_checks.next_review(plan), texts)
    mixed = reading.grade == MIXED  # its actions are moved out, not the whole goal
    if not form.is_submitted():
        _fill_keep_as_action(form, plan, goal, reading, texts)
    key = _goal_key(plan, f"keep-{goal.id}")
    conflict = None
    if form.validate_on_submit() and (mixed or not _example_kept(form, goal, texts)):
        try:
            goals.keep_task_as_action(
                current_user, goal, form.version.data, form.goal_details(), form.details()
            )
        except records.StaleVersion:
            conflict = conflict_rows(form, goal, KEEP_LABELS)
            form.refresh_version(goal)
        else:
            drafts.clear_draft(current_user, key)
            db.session.commit()
            flash(
                "Action moved out of the safety goal"
                if mixed
                else "Safety goal changed to an outcome, with the task kept as an action",
                "success",
            )
            return _to_plan(plan, goal)
    return render_template(
        "views/plans/goal_keep_as_action.html",
        plan=plan,
        goal=goal,
        mixed=mixed,
        number=plan_checks.goals_in_order(plan).index(goal) + 1,
        worries=plan_checks.worries_answered(goal.worry_item_ids or (), texts),
        form=form,
        conflict=conflict,
        autosave_key=key,
        back_url=_plan_url(plan, goal),
    )


def _fill_keep_as_action(form, plan, goal, reading, worry_texts) -> None:
    """The example outcome to start from, the task as the action, and the goal's owner and
    review date as who will do it and by when. For a goal with actions mixed in: its outcome's
    words and its actions', and nobody guessed: the goal's owner is the outcome's, and the
    actions may name other people and dates."""
    form.measure.data, form.target.data = goal.measure, goal.target
    form.version.data = goal.version
    if reading.grade == MIXED:
        form.statement.data = and_list(reading.outcome_parts)
        form.what.data = and_list(reading.action_parts)
        return
    form.statement.data = _example_outcome(goal, worry_texts)
    form.what.data = goal.statement
    form.fill_who(goal.owner)
    # "Sam Smith (social worker)" is Sam Smith from the conference, however the role was typed.
    named = [a for a in plan.conference.attendees if a.name and a.name in goal.owner]
    if named:
        form.who.data, form.someone_else.data = str(named[0].id), ""
    form.by_when.data = review_date_after(
        goal.review_on, plan.conference.held_on, plan_checks.next_review(plan)
    )


def _example_outcome(goal, worry_texts) -> str:
    worries = plan_checks.worries_answered(goal.worry_item_ids or (), worry_texts)
    return suggested_outcome(goal.statement, worries)


def _example_kept(form, goal, worry_texts) -> bool:
    """The example outcome saved as it was offered says nothing of this child: refused, with
    what was typed kept."""
    if " ".join(form.statement.data.split()) != _example_outcome(goal, worry_texts):
        return False
    form.statement.errors = [
        *form.statement.errors,
        "Change the example to say what will be different for the child in this family",
    ]
    return True


@bp.route("/plans/<int:plan_id>/goals/check", methods=["POST"])
@signed_in
def check_goal(plan_id: int):
    """The checker's findings for a goal as typed so far, for static/src/plan-check.mjs. The
    body is JSON {statement, measure, target, review_on ("YYYY-MM-DD" or ""), owner,
    sustained_for}; the answer is {outcome_focused, measurable, grade, outcome_parts,
    action_parts, findings: [{code, message, suggestion}]}: `grade` is "outcome", "mixed" or
    "task", and the parts are the statement's words, as written, that are outcomes and actions.
    Nothing is stored, so nothing is audited: the save that follows is.

    :raise 404: the plan is not visible to the user.
    :raise 400: the body is not in that shape, or the CSRF token is missing.
    """
    plan = access.plan_to_view(current_user, plan_id)
    try:
        typed = parse_check(request.get_json(silent=True))
    except InvalidCheck as error:
        return jsonify(error=str(error)), 400
    found = plan_checks.assessment(**typed, plan=plan)
    return jsonify(
        outcome_focused=found.outcome_focused,
        measurable=found.measurable,
        grade=found.grade,
        outcome_parts=list(found.outcome_parts),
        action_parts=list(found.action_parts),
        findings=[
            {"code": f.code, "message": f.message, "suggestion": f.suggestion}
            for f in found.findings
        ],
    )


@bp.route("/plans/<int:plan_id>/goals/<int:goal_id>/child-words/check", methods=["POST"])
@roles_required(Role.CHAIR.value)
def check_child_words(plan_id: int, goal_id: int):
    """The chair marks a goal's words for the child's plan as checked: the child's own plan
    prints only checked words. Changing the words afterwards takes the check away.

    :raise 403: not a chair. :raise 404: not visible, or the goal is not in this plan.
    :raise PlanFinalised: the plan is finalised (409). :raise 400: no version was given.
    """
    plan = access.plan_to_change(current_user, plan_id)
    goal = access.goal_of(plan, goal_id)
    form = CheckChildWordsForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        goals.check_child_words(current_user, goal, form.version.data)
    except records.StaleVersion:
        flash("Someone changed this goal since you loaded the page: read its words again")
        return _to_plan(plan, goal)
    except ValueError:
        flash("This goal has no words for the child’s plan to check")
        return _to_plan(plan, goal)
    db.session.commit()
    flash("Words for the child’s plan checked", "success")
    return _to_plan(plan, goal)


@bp.route("/plans/<int:plan_id>/goals/<int:goal_id>/move", methods=["POST"])
@signed_in
def move_goal(plan_id: int, goal_id: int):
    """Move a goal up or down the plan (`direction=up|down`).

    :raise 404: not visible, or the goal is not in this plan. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409). :raise 400: no direction was given.
    """
    plan = access.plan_to_change(current_user, plan_id)
    goal = access.goal_of(plan, goal_id)
    form = MoveGoalForm()
    if not form.validate_on_submit():
        abort(400)
    goals.move_goal(current_user, goal, form.direction.data)
    db.session.commit()
    flash(f"Safety goal moved {form.direction.data}", "success")
    return _to_plan(plan, goal)


@bp.route("/plans/<int:plan_id>/goals/<int:goal_id>/remove", methods=["GET", "POST"])
@signed_in
def remove_goal(plan_id: int, goal_id: int):
    """Ask, then remove a safety goal and the actions under it.

    :raise 404: not visible, or the goal is not in this plan. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    goal = access.goal_of(plan, goal_id)
    if request.method == "POST":
        goals.remove_goal(current_user, goal)
        db.session.commit()
        flash("Safety goal removed", "success")
        return redirect(url_for("plans.show_plan", plan_id=plan.id))
    return render_template(
        "views/plans/goal_remove.html", plan=plan, goal=goal, back_url=_plan_url(plan, goal)
    )


# Actions


@bp.route("/plans/<int:plan_id>/goals/<int:goal_id>/actions/new", methods=["GET", "POST"])
@signed_in
def new_action(plan_id: int, goal_id: int):
    """Add an action under a safety goal.

    :raise 404: not visible, or the goal is not in this plan. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    goal = access.goal_of(plan, goal_id)
    form = action_form(plan.conference.attendees)
    if not form.is_submitted():
        form.status.data = ActionStatus.NOT_STARTED
    key = _action_key(plan, f"new-{goal.id}")
    if form.validate_on_submit():
        action = goals.add_action(current_user, goal, **form.details())
        drafts.clear_draft(current_user, key)
        db.session.commit()
        flash("Action added", "success")
        return redirect(_action_url(plan, action))
    return _action_page(plan, goal, form, None, None, key)


@bp.route("/plans/<int:plan_id>/actions/<int:action_id>", methods=["GET", "POST"])
@signed_in
def edit_action(plan_id: int, action_id: int):
    """Change an action: what, who, by when, and how it is going.

    :raise 404: not visible, or the action is not in this plan. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    action = access.action_of(plan, action_id)
    form = action_form(plan.conference.attendees, obj=action)
    if not form.is_submitted():
        form.fill_who(action.who)
    key = _action_key(plan, str(action.id))
    conflict = None
    if form.validate_on_submit():
        try:
            goals.update_action(current_user, action, form.version.data, **form.details())
        except records.StaleVersion:
            conflict = action_conflicts(form, action)
            form.refresh_version(action)
        else:
            drafts.clear_draft(current_user, key)
            db.session.commit()
            flash("Changes to the action saved", "success")
            return redirect(_action_url(plan, action))
    return _action_page(plan, action.goal, form, action, conflict, key)


@bp.route("/plans/<int:plan_id>/actions/<int:action_id>/remove", methods=["GET", "POST"])
@signed_in
def remove_action(plan_id: int, action_id: int):
    """Ask, then remove an action.

    :raise 404: not visible, or the action is not in this plan. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    action = access.action_of(plan, action_id)
    goal = action.goal
    if request.method == "POST":
        goals.remove_action(current_user, action)
        db.session.commit()
        flash("Action removed", "success")
        return _to_plan(plan, goal)
    return render_template(
        "views/plans/action_remove.html",
        plan=plan,
        goal=goal,
        action=action,
        back_url=_plan_url(plan, goal),
    )


def _goal_form(plan, goal=None, **kwargs):
    """The goal form; changing a goal carried over from an earlier version also offers the
    earlier worry statements it answers that this conference's map does not carry forward."""
    earlier = {}
    if goal is not None:
        carried = plan_checks.carried_worries(plan.conference)
        found = plan_checks.earlier_worries(plan, carried)
        earlier = {i: found[i] for i in goal.worry_item_ids or [] if i in found}
    return goal_form(
        plan.case.children,
        plan_checks.worry_statements(plan),
        plan.conference.held_on,
        earlier=[(i, _earlier_label(item)) for i, item in earlier.items()],
        stored_review_on=goal.review_on if goal is not None else None,
        **kwargs,
    )


def _earlier_label(item) -> str:
    return f"{worry_text(item)} ({from_conference(item)}: it is not on this conference’s map)"


def _goal_page(plan, form, goal, conflict, key: str):
    return render_template(
        "views/plans/goal_form.html",
        plan=plan,
        goal=goal,
        form=form,
        conflict=conflict,
        assessment=plan_checks.assessment(**form.checked(), plan=plan),
        words_readability=assess_readability(form.child_words.data or ""),
        words_checked_by=child_words.checked_by(goal),
        autosave_key=key,
        back_url=_plan_url(plan, goal),
    )


def _action_page(plan, goal, form, action, conflict, key: str):
    actions = plan_checks.actions_in(plan)
    ceiling = current_app.config["PLAN_ACTIONS_CEILING"]
    return render_template(
        "views/plans/action_form.html",
        plan=plan,
        goal=goal,
        action=action,
        form=form,
        conflict=conflict,
        # A goal with no actions needs one whatever the count: no warning to contradict that.
        too_many_actions=action is None and actions >= ceiling and bool(goal.actions),
        actions=actions,
        ceiling=ceiling,
        autosave_key=key,
        back_url=_plan_url(plan, goal),
    )


def _plan_url(plan, goal=None) -> str:
    anchor = f"goal-{goal.id}" if goal is not None else None
    return url_for("plans.show_plan", plan_id=plan.id, _anchor=anchor)


def _action_url(plan, action) -> str:
    return url_for("plans.show_plan", plan_id=plan.id, _anchor=f"action-{action.id}")


def _to_plan(plan, goal):
    return redirect(_plan_url(plan, goal))


def _goal_key(plan, which: str) -> str:
    return f"case-{plan.case_id}-plan-{plan.id}-goal-{which}"


def _action_key(plan, which: str) -> str:
    return f"case-{plan.case_id}-plan-{plan.id}-action-{which}"
