"""Recording core group meetings: the family's list of meetings with when the next is due, one
meeting's record, and the form to record or change one.

Every route loads the case or the meeting through `access` first: whoever may see the case may
read its meetings; any member of the core group may record them (see access.py).
"""

from datetime import date

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.common.forms import conflict_rows
from conference.core_groups import bp
from conference.core_groups.forms import MEETING_LABELS, meeting_form
from conference.domain.vocabulary import ACTION_OUTCOMES, RATINGS
from conference.domain.wording import long_date
from conference.extensions import db
from conference.services import access, drafts, records
from conference.services import core_group_parts as parts
from conference.services import core_groups as services
from conference.services.conferences.scaling import Wording


def _interval() -> int:
    return current_app.config["CORE_GROUP_INTERVAL_WEEKS"]


@bp.route("/cases/<int:case_id>/core-groups")
@signed_in
def meetings(case_id: int):
    """The family's core group meetings, newest first, each on time or late with its progress,
    and when the next is due. Every view is audited.

    :raise 404: no such case, or one the user may not see.
    """
    case = access.case_to_view(current_user, case_id)
    services.view_meetings(current_user, case)
    db.session.commit()
    timings = services.timings(case, _interval())
    held = services.meetings_of(case)
    return render_template(
        "views/core_groups/list.html",
        case=case,
        schedule=services.schedule(case, _interval(), date.today()),
        rows=[(m, timings.get(m.id), services.summary_of(m)) for m in reversed(held)],
        may_record=access.may_record(current_user, case),
    )


@bp.route("/cases/<int:case_id>/core-groups/new", methods=["GET", "POST"])
@signed_in
def new_meeting(case_id: int):
    """Record a core group meeting against the family's plan in force.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but is not in its core group and may not change it.
    :raise 409: the family has no plan in force (an explanation page).
    """
    case = access.case_to_record(current_user, case_id)
    plan = services.current_plan(case)
    if plan is None:
        return render_template("views/core_groups/no_plan.html", case=case), 409
    context = services.meeting_context(plan)
    form = meeting_form(context)
    if not form.is_submitted():
        form.prefill_new()
    key = f"case-{case.id}-core-group-new"
    if form.validate_on_submit():
        wording = Wording.from_config(current_app.config)
        meeting = services.record_meeting(current_user, case, plan, form.answers(), wording)
        drafts.clear_draft(current_user, key)
        db.session.commit()
        flash("Core group meeting saved", "success")
        return redirect(url_for(".show_meeting", meeting_id=meeting.id))
    held_on = form.held_on.data or date.today()
    form.show_next_due(services.due_after(plan, held_on, _interval()))
    return _form_page(form, case, plan, None, key, None)


@bp.route("/core-groups/<int:meeting_id>")
@signed_in
def show_meeting(meeting_id: int):
    """What was recorded at one meeting. Every view is audited.

    :raise 404: no such meeting, or its case is not visible to the user.
    """
    meeting = access.meeting_to_view(current_user, meeting_id)
    services.view_meeting(current_user, meeting)
    db.session.commit()
    return meeting_page(meeting)


def meeting_page(meeting, missing: list[str] | None = None):
    """The meeting's record with the contents list of its parts; `missing`, after completing
    was refused, says what is still needed."""
    timing = services.timings(meeting.case, _interval()).get(meeting.id)
    may_record = access.may_record(current_user, meeting.case)
    return render_template(
        "views/core_groups/meeting.html",
        meeting=meeting,
        case=meeting.case,
        timing=timing,
        added=services.actions_added_at(meeting),
        numbers=services.goal_numbers(meeting.plan),
        ratings=RATINGS,
        outcomes=ACTION_OUTCOMES,
        may_record=may_record,
        standing=parts.standing(meeting, _interval()) if may_record else None,
        agency_updates=parts.agency_updates(meeting),
        missing=missing or [],
    )


@bp.route("/core-groups/<int:meeting_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_meeting(meeting_id: int):
    """Change what was recorded at a meeting. A save based on an older version is refused and
    shows what the other person changed.

    :raise 404: no such meeting, or its case is not visible to the user.
    :raise 403: the user may see the case but is not in its core group and may not change it.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    context = services.meeting_context(meeting.plan, meeting)
    form = meeting_form(context, obj=meeting)
    if not form.is_submitted():
        form.fill_from(meeting)
    key = f"case-{meeting.case_id}-core-group-{meeting.id}"
    conflict = None
    if form.validate_on_submit():
        wording = Wording.from_config(current_app.config)
        try:
            services.update_meeting(
                current_user, meeting, form.version.data, form.answers(), wording, context
            )
        except records.StaleVersion:
            conflict = _conflicts(form, meeting, context)
            form.refresh_version(meeting)
        else:
            drafts.clear_draft(current_user, key)
            db.session.commit()
            flash("Changes to the core group meeting saved", "success")
            return redirect(url_for(".show_meeting", meeting_id=meeting.id))
    held_on = form.held_on.data or meeting.held_on
    form.show_next_due(services.due_after(meeting.plan, held_on, _interval(), meeting))
    return _form_page(form, meeting.case, meeting.plan, meeting, key, conflict)


def _form_page(form, case, plan, meeting, key, conflict):
    return render_template(
        "views/core_groups/meeting_form.html",
        form=form,
        case=case,
        plan=plan,
        meeting=meeting,
        autosave_key=key,
        conflict=conflict,
        wording=Wording.from_config(current_app.config),
        ratings=RATINGS,
        outcomes=ACTION_OUTCOMES,
        back_url=(
            url_for(".show_meeting", meeting_id=meeting.id)
            if meeting is not None
            else url_for(".meetings", case_id=case.id)
        ),
    )


def _conflicts(form, meeting, context) -> list[dict]:
    """The meeting's own answers, then each goal's rating and each action's outcome, where what
    is saved now differs from what this user typed."""
    rows = conflict_rows(form, meeting, MEETING_LABELS, show=_shown)
    saved_ratings = {row.goal_id: row.rating for row in meeting.progress}
    saved_outcomes = {row.action_id: row.status for row in meeting.action_updates}
    for goal in form.goal_rows.forms:
        item, rating = goal.item, goal.rating.data
        saved = saved_ratings.get(item.goal.id)
        if saved != rating:
            rows.append(
                {
                    "label": f"Progress on goal {item.number}",
                    "saved": RATINGS.get(saved, ""),
                    "yours": RATINGS.get(rating, ""),
                }
            )
        for action in goal.actions.forms:
            saved = saved_outcomes.get(action.action.id)
            if saved != action.status.data:
                rows.append(
                    {
                        "label": f"Action {action.number} of goal {item.number}",
                        "saved": ACTION_OUTCOMES.get(saved, ""),
                        "yours": ACTION_OUTCOMES.get(action.status.data, ""),
                    }
                )
    return rows


def _shown(value) -> str:
    if isinstance(value, date):
        return long_date(value)
    return "" if value is None else str(value)
