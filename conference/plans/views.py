"""The plan as a whole: writing it at the end of the conference, its page with the plan-level
checks and the readability of what the family will read, its own statements, finalising, and
the versions of the family's plan side by side.

Every route loads the plan through `access` first: `plan_to_view` to read, `plan_to_change` to
change (a finalised plan then answers 409 through `finalised`).
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from conference.common.access import roles_required, signed_in
from conference.common.forms import conflict_rows, record_id
from conference.domain import plan_checks
from conference.domain.mapping import worry_text
from conference.domain.vocabulary import ACTION_STATUSES
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Role
from conference.pdf import own_copies
from conference.plans import bp, translation_views
from conference.plans.forms import (
    DETAIL_LABELS,
    VISIT_INTERVAL_LABEL,
    FinalisePlanForm,
    PlanDetailsForm,
)
from conference.services import access, child_words, drafts, records
from conference.services import access as conference_access
from conference.services import own_copies as own_copy_services
from conference.services import plan_checks as checks
from conference.services import plans as services
from conference.services.access import PlanFinalised, case_to_view
from conference.services.conferences.decisions import decision_summary

# Where the plan page shows each of the plan's own statements.
SECTIONS = {
    plan_checks.CONTINGENCY: "contingency",
    plan_checks.CHILD_VIEWS: "child-views",
    plan_checks.IDENTITY: "identity",
}


@bp.app_errorhandler(PlanFinalised)
def finalised(error):
    return render_template("views/plans/finalised.html", plan=error.plan), 409


@bp.route("/conferences/<int:conference_id>/plan", methods=["POST"])
@signed_in
def new_plan(conference_id: int):
    """Write the plan at the end of the conference: the family's first plan, or the next
    version of it, copied from the latest. A conference that has a plan already goes to it.

    :raise 404: the conference's case is not visible to the user.
    :raise 403: the user may see the conference but not change it.
    :raise 409: the conference decided on no plan for any child (an explanation page).
    """
    conference = conference_access.conference_to_view(current_user, conference_id)
    if not conference_access.may_change(current_user, conference):
        abort(403)
    try:
        plan = services.create_plan(current_user, conference)
        db.session.commit()
    except services.NoPlanDecided:
        return render_template("views/plans/new.html", conference=conference), 409
    except IntegrityError:
        # Someone wrote a plan for this family at the same moment.
        db.session.rollback()
        plan = services.plan_of_conference(conference)
        if plan is None:
            raise
    else:
        what = "Plan written" if plan.number == 1 else f"Version {plan.number} of the plan written"
        flash(what, "success")
    return redirect(url_for("plans.show_plan", plan_id=plan.id))


@bp.route("/plans/<int:plan_id>")
@signed_in
def show_plan(plan_id: int):
    """The plan: its checks, each safety goal with the checker's reading and its actions, and
    the plan's own statements. Every view is audited.

    :raise 404: no such plan, or its case is not visible to the user.
    """
    plan = access.plan_to_view(current_user, plan_id)
    services.view_plan(current_user, plan)
    db.session.commit()
    can_change = access.may_change(current_user, plan) and not plan.finalised
    assessments = checks.goal_assessments(plan)
    checked = checks.check_plan(plan, assessments, ceiling=_actions_ceiling())
    carried = checks.carried_worries(plan.conference)
    return render_template(
        "views/plans/show.html",
        plan=plan,
        can_change=can_change,
        outcomes=decision_summary(plan.conference),
        goals=checks.goals_in_order(plan),
        assessments=assessments,
        score=checked.score,
        findings=[(f, _href(f.where, plan, can_change)) for f in checked.findings],
        worries=checks.worry_statements(plan),
        worries_in_brief=_worries_in_brief(plan, carried),
        answered={goal.id: checks.answered_worry_ids(goal, carried) for goal in plan.goals},
        statuses=ACTION_STATUSES,
        worry_texts=services.worry_texts(plan),
        names={child.id: child.name for child in plan.case.children},
        readability=services.readability(plan),
        child_plans=child_words.goals_ready(plan),
        translations=translation_views.on_plan_page(plan),
        own_copies=own_copies.on_page(
            plan, own_copy_services.may_agree_own_copy(current_user, plan)
        ),
    )


def _worries_in_brief(plan, carried: dict[int, int]) -> dict[int, str]:
    """Each worry statement by id, as a goal's card names it: "worry 2: When Dad drinks …".
    A statement written with the guided questions is named by what the worry is about. An
    earlier conference's statement that a carried-over goal answers, and this map does not
    carry forward, is named with the conference's date."""
    items = {item.id: item for item in plan.conference.map_items}
    brief = {
        item_id: f"worry {number}: {plan_checks.in_brief(items[item_id].worried_about or text)}"
        for number, (item_id, text) in enumerate(checks.worry_statements(plan), start=1)
    }
    for item_id, item in checks.earlier_worries(plan, carried).items():
        when = long_date(item.conference.held_on)
        words = plan_checks.in_brief(item.worried_about or worry_text(item))
        brief[item_id] = f"a worry from the conference on {when}: {words}"
    return brief


@bp.route("/plans/<int:plan_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_plan(plan_id: int):
    """Change the plan's own statements: the contingency plan, when the children will be seen,
    and how identity and the children's views shaped the plan.

    :raise 404: not visible. :raise 403: may not change it.
    :raise PlanFinalised: the plan is finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    form = PlanDetailsForm(
        obj=plan, default_interval=current_app.config["STATUTORY_VISIT_WORKING_DAYS"]
    )
    key = f"case-{plan.case_id}-plan-{plan.id}-details"
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_details(current_user, plan, form.version.data, **form.details())
        except records.StaleVersion:
            labels = DETAIL_LABELS | {"visit_interval_working_days": VISIT_INTERVAL_LABEL}
            conflict = conflict_rows(form, plan, labels)
            form.refresh_version(plan)
        else:
            drafts.clear_draft(current_user, key)
            db.session.commit()
            flash("Changes to the plan saved", "success")
            return redirect(url_for("plans.show_plan", plan_id=plan.id))
    return render_template(
        "views/plans/edit.html",
        plan=plan,
        form=form,
        conflict=conflict,
        autosave_key=key,
        readability=services.readability(plan, form.contingency_plan.data or ""),
    )


@bp.route("/plans/<int:plan_id>/finalise", methods=["GET", "POST"])
@roles_required(Role.CHAIR.value)
def finalise_plan(plan_id: int):
    """The chair finalises the plan. Findings still outstanding are accepted only with a reason;
    the contingency plan is always needed.

    :raise 404: not visible. :raise PlanFinalised: already finalised (409).
    """
    plan = access.plan_to_change(current_user, plan_id)
    found = checks.outstanding(plan, ceiling=_actions_ceiling())
    form = FinalisePlanForm(found.has_findings)
    changed = False
    if not form.is_submitted():
        form.fingerprint.data = found.fingerprint
    elif form.fingerprint.data != found.fingerprint:
        changed = True
        form.fingerprint.data = found.fingerprint
    if not changed and not found.contingency_missing and form.validate_on_submit():
        services.finalise_plan(current_user, plan, found, form.reason.data or "")
        db.session.commit()
        flash("The plan is finalised. It can no longer be changed.", "success")
        return redirect(url_for("plans.show_plan", plan_id=plan.id))
    return render_template(
        "views/plans/finalise.html",
        plan=plan,
        form=form,
        found=found,
        changed=changed,
        hrefs=[_href(f.where, plan, True) for f in found.plan_findings],
    )


@bp.route("/cases/<int:case_id>/plans")
@signed_in
def plan_versions(case_id: int):
    """Every version of the family's plan, with its conference, date and status.

    :raise 404: no such case, or one the user may not see.
    """
    case = case_to_view(current_user, case_id)
    services.view_versions(current_user, case)
    db.session.commit()
    return render_template(
        "views/plans/versions.html", case=case, plans=services.plans_of_case(case)
    )


@bp.route("/plans/<int:plan_id>/compare")
@signed_in
def compare_plans(plan_id: int):
    """What changed between this version and another of the same family's plan (`?with=<plan
    id>`), by default the previous version. Audited.

    :raise 404: not visible, or `with` is not another version of this family's plan.
    """
    plan = access.plan_on_record_to_view(current_user, plan_id)
    asked = request.args.get("with")
    other_id = None
    if asked is not None:
        other_id = record_id(asked)
        if other_id is None:
            abort(404)
    other = services.other_version(plan, other_id)
    if other is None and other_id is not None:
        abort(404)
    comparison = services.compare(current_user, plan, other) if other else None
    db.session.commit()
    return render_template(
        "views/plans/compare.html",
        plan=plan,
        comparison=comparison,
        versions=[p for p in services.plans_of_case(plan.case) if p.id != plan.id],
        names={child.id: child.name for child in plan.case.children},
    )


def _href(where: plan_checks.Where, plan, can_change: bool) -> str:
    """Where a finding is put right: the page that changes it for those who may, otherwise
    the place on the plan page that shows it."""
    show = url_for("plans.show_plan", plan_id=plan.id)
    at = {"plan_id": plan.id}
    if where.kind == plan_checks.PLAN_FIELD:
        if can_change:
            return url_for("plans.edit_plan", **at, _anchor=where.field)
        return f"{show}#{SECTIONS[where.field]}"
    if where.kind == plan_checks.WORRY:
        if can_change:
            return url_for("plans.new_goal", **at)
        return f"{show}#worry-{where.record_id}"
    if where.kind == plan_checks.GOAL_ACTIONS:
        if can_change:
            return url_for("plans.new_action", **at, goal_id=where.record_id)
        return f"{show}#goal-{where.record_id}-actions"
    if where.kind == plan_checks.ACTION:
        if can_change:
            return url_for("plans.edit_action", **at, action_id=where.record_id)
        return f"{show}#action-{where.record_id}"
    if where.kind == plan_checks.GOAL:
        return f"{show}#goal-{where.record_id}-{where.field}"
    return f"{show}#goals"


def _actions_ceiling() -> int:
    return current_app.config["PLAN_ACTIONS_CEILING"]
