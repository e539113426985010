"""A core group meeting recorded in parts: start it with its date, then each part on its own
page, saved by whoever records it; the meeting page lists the parts with who saved each and
when (views.py). Completing the meeting checks that nothing needed is missing.

Every route loads the case or the meeting through `access` first: whoever may record the case's
meetings may record any part (a core group member, see access.py); a member's agency update is
always their own agency's.
"""

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.core_groups import bp
from conference.core_groups.part_forms import (
    ActionsForm,
    AddPersonForm,
    AgencyForm,
    AttendanceForm,
    GoalsForm,
    StartForm,
    ViewsForm,
)
from conference.core_groups.views import meeting_page
from conference.domain.vocabulary import ACTION_OUTCOMES, RATINGS
from conference.extensions import db
from conference.services import access, core_group_standing, records
from conference.services import core_group_parts as parts
from conference.services import core_groups as services
from conference.services.conferences.scaling import Wording


def _interval() -> int:
    return current_app.config["CORE_GROUP_INTERVAL_WEEKS"]


def _to_meeting(meeting, message: str):
    flash(message, "success")
    return redirect(url_for(".show_meeting", meeting_id=meeting.id, _anchor="contents"))


@bp.route("/cases/<int:case_id>/core-groups/start", methods=["GET", "POST"])
@signed_in
def start_meeting(case_id: int):
    """Start recording a meeting with only its date.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but may not record its meetings.
    :raise 409: the family has no plan in force (an explanation page).
    """
    case = access.case_to_record(current_user, case_id)
    plan = services.current_plan(case)
    if plan is None:
        return render_template("views/core_groups/no_plan.html", case=case), 409
    form = StartForm()
    if form.validate_on_submit():
        meeting = parts.start_meeting(
            current_user, case, plan, form.held_on.data, form.chaired_by.data or ""
        )
        db.session.commit()
        return _to_meeting(meeting, "Core group meeting started: record each part below")
    return render_template("views/core_groups/part_start.html", form=form, case=case, plan=plan)


@bp.route("/core-groups/<int:meeting_id>/attendance", methods=["GET", "POST"])
@signed_in
def part_attendance(meeting_id: int):
    """The date, who chaired, and who came, sent apologies or did not come.

    :raise 404: not visible. :raise 403: the user may not record meetings for the case.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    form = AttendanceForm(parts.invitees(meeting))
    return _record_part(
        meeting,
        form,
        parts.ATTENDANCE,
        fill=lambda: form.fill(meeting),
        save=lambda: parts.save_attendance(
            current_user,
            meeting,
            form.shown.data,
            form.held_on.data,
            form.chaired_by.data or "",
            form.answers(),
        ),
        saved="Who came saved",
        template="part_attendance.html",
    )


@bp.route("/core-groups/<int:meeting_id>/attendance/add", methods=["GET", "POST"])
@signed_in
def add_attendee(meeting_id: int):
    """Add someone not on the list, in one short form.

    :raise 404: not visible. :raise 403: the user may not record meetings for the case.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    if meeting.completed_at is not None:
        return _complete_page(meeting)
    form = AddPersonForm()
    if form.validate_on_submit():
        parts.add_person(
            current_user,
            meeting,
            form.name.data,
            form.came.data,
            form.role.data or "",
            form.agency.data or "",
            form.apologies_reason.data or "",
        )
        db.session.commit()
        flash(f"{form.name.data.strip()} added to who came", "success")
        return redirect(url_for(".part_attendance", meeting_id=meeting.id))
    return _page("part_add_person.html", form, meeting, None)


@bp.route("/core-groups/<int:meeting_id>/goals", methods=["GET", "POST"])
@signed_in
def part_goals(meeting_id: int):
    """Each safety goal: discussed, with where things are now, or not discussed this time.

    :raise 404: not visible. :raise 403: the user may not record meetings for the case.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    context = services.meeting_context(meeting.plan, meeting)
    form = GoalsForm(context.goals)
    return _record_part(
        meeting,
        form,
        parts.GOALS,
        fill=lambda: form.fill(meeting),
        save=lambda: parts.save_goals(current_user, meeting, form.shown.data, form.answers()),
        saved="Progress on the goals saved",
        template="part_goals.html",
        context=context,
    )


@bp.route("/core-groups/<int:meeting_id>/actions", methods=["GET", "POST"])
@signed_in
def part_actions(meeting_id: int):
    """What happened to each action, starting from what the last core group recorded.

    :raise 404: not visible. :raise 403: the user may not record meetings for the case.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    context = services.meeting_context(meeting.plan, meeting)
    actions = [(item.number, action) for item in context.goals for _n, action in item.actions]
    form = ActionsForm(actions, context)
    carried = _carried(context)

    def fill():
        form.fill_actions(meeting, carried)
        form.fill_new_actions()

    def save():
        parts.save_actions(current_user, meeting, form.shown.data, form.action_answers())
        services.save_new_actions(current_user, meeting, context, form.new_actions())

    return _record_part(
        meeting,
        form,
        parts.ACTIONS,
        fill=fill,
        save=save,
        saved="What happened to the actions saved",
        template="part_actions.html",
        context=context,
        carried=carried,
    )


@bp.route("/core-groups/<int:meeting_id>/agency", methods=["GET", "POST"])
@signed_in
def part_agency(meeting_id: int):
    """The user's own agency's update, and what happened to its actions: all a member with five
    minutes needs to see.

    :raise 404: not visible. :raise 403: the user may not record meetings for the case.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    context = services.meeting_context(meeting.plan, meeting)
    agency = parts.agency_of(current_user)
    mine = parts.agency_actions(current_user, context.goals)
    form = AgencyForm(agency, mine)
    ids = {action.id for _n, action in mine}
    carried = _carried(context)

    def fill():
        update = parts.agency_update(meeting, agency)
        form.summary.data = update.summary if update else ""
        form.version.data = update.version if update else 0
        form.fill_actions(meeting, carried)

    return _record_part(
        meeting,
        form,
        parts.ACTIONS,
        fill=fill,
        save=lambda: parts.save_agency_update(
            current_user,
            meeting,
            form.version.data,
            form.summary.data or "",
            form.shown.data,
            form.action_answers(),
        ),
        saved=f"The update from {agency} saved",
        template="part_agency.html",
        only=ids,
        refused=lambda: _agency_refused(form, meeting, agency, ids),
        context=context,
        agency=agency,
        carried=carried,
    )


@bp.route("/core-groups/<int:meeting_id>/views", methods=["GET", "POST"])
@signed_in
def part_views(meeting_id: int):
    """The children's and parents' views, the scores of those who came, and the next meeting
    (not needed when the review conference comes next).

    :raise 404: not visible. :raise 403: the user may not record meetings for the case.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    # Parents and children are asked first.
    came = sorted(
        (row for row in meeting.attendance if row.attended),
        key=lambda row: not (row.is_parent or row.child_id),
    )
    form = ViewsForm(came, meeting.held_on)
    wording = Wording.from_config(current_app.config)
    return _record_part(
        meeting,
        form,
        parts.VIEWS,
        fill=lambda: form.fill(meeting),
        save=lambda: parts.save_views(
            current_user, meeting, form.shown.data, form.fields(), _scores(form), wording
        ),
        saved="Views, scores and the next meeting saved",
        template="part_views.html",
        wording=wording,
        review_next=parts.review_comes_next(meeting, _interval()),
        due=services.due_after(meeting.plan, meeting.held_on, _interval(), meeting),
    )


def _scores(form: ViewsForm) -> list[parts.Scored]:
    return [
        parts.Scored(
            row.name,
            ", ".join(part for part in (row.role, row.agency) if part),
            value,
            reason,
            row.is_parent,
            row.child_id,
        )
        for row, value, reason in form.scored()
    ]


@bp.route("/core-groups/<int:meeting_id>/complete", methods=["POST"])
@signed_in
def complete_meeting(meeting_id: int):
    """Mark the meeting complete, or say what is still missing.

    :raise 404: not visible. :raise 403: the user may not record meetings for the case.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    try:
        missing = core_group_standing.complete_meeting(current_user, meeting, _interval())
    except parts.MeetingComplete:  # pressed twice: it is complete already
        db.session.rollback()
        return _to_meeting(meeting, "The meeting is complete")
    if missing:
        db.session.rollback()
        return meeting_page(meeting, missing=missing)  # says what is missing
    db.session.commit()
    return _to_meeting(meeting, "The meeting is complete")


@bp.route("/core-groups/<int:meeting_id>/reopen", methods=["POST"])
@signed_in
def reopen_meeting(meeting_id: int):
    """Reopen a completed meeting's record to correct it. Audited; the meeting page says who
    reopened it and when.

    :raise 404: not visible. :raise 403: the user may not record meetings for the case.
    """
    meeting = access.meeting_to_change(current_user, meeting_id)
    if core_group_standing.reopen_meeting(current_user, meeting):
        db.session.commit()
        return _to_meeting(meeting, "The record is reopened: correct it, then complete it again")
    db.session.rollback()
    return _to_meeting(meeting, "The record is open already")


def _complete_page(meeting):
    """A save to a completed meeting's record is refused, and nothing changed (409)."""
    return render_template(
        "views/core_groups/part_complete.html", meeting=meeting, case=meeting.case
    ), 409


def _carried(context) -> dict[int, str]:
    """Each action's status at the last core group, to start from."""
    carried: dict[int, str] = {}
    for item in context.goals:
        carried |= item.last_outcomes
    return carried


def _record_part(
    meeting,
    form,
    part: str,
    *,
    fill,
    save,
    saved: str,
    template: str,
    only=None,
    refused=None,
    **extra,
):
    """The shape every part's page shares: shown filled from what is saved, with the part's
    fingerprint; saved and back to the contents list; or, when someone else saved the part
    since the page was shown, the page again with what they changed and what was typed.

    `fill` fills the form from what is saved; `save` saves what was typed (and raises
    PartChanged or StaleVersion); `only` narrows the fingerprint to some actions; `refused`
    gives the differences after a refused save. A completed meeting's parts are shown as
    recorded, and a save to one is refused (`_complete_page`)."""
    if meeting.completed_at is not None:
        if form.is_submitted():
            return _complete_page(meeting)
        fill()
        return _page(template, form, meeting, None, read_only=True, **extra)
    if not form.is_submitted():
        fill()
        form.shown.data = parts.fingerprint(meeting, part, only)
    conflict = None
    if form.validate_on_submit():
        try:
            save()
        except parts.MeetingComplete:  # completed while the page was open
            db.session.rollback()
            return _complete_page(meeting)
        except (parts.PartChanged, records.StaleVersion):
            db.session.rollback()
            conflict = refused() if refused else _refused(form, meeting, part)
        else:
            db.session.commit()
            return _to_meeting(meeting, saved)
    return _page(template, form, meeting, conflict, **extra)


def _refused(form, meeting, part: str) -> list[dict]:
    """The differences to show, and the page moved on to what is saved now: saving again
    knowingly replaces the other person's changes."""
    conflict = parts.differences(meeting, part, form.typed())
    form.shown.data = parts.fingerprint(meeting, part)
    return conflict


def _agency_refused(form, meeting, agency: str, ids: set[int]) -> list[dict]:
    """As `_refused`, with the agency's own update first."""
    update = parts.agency_update(meeting, agency)
    conflict = parts.differences(meeting, parts.ACTIONS, form.typed(), ids)
    saved = update.summary if update else ""
    if saved.strip() != (form.summary.data or "").strip():
        label = f"Update from {agency}"
        conflict.insert(0, {"label": label, "saved": saved, "yours": form.summary.data})
    form.version.data, form.version.raw_data = (update.version if update else 0), None
    form.shown.data = parts.fingerprint(meeting, parts.ACTIONS, ids)
    return conflict


def _page(template: str, form, meeting, conflict, **extra):
    return render_template(
        f"views/core_groups/{template}",
        form=form,
        meeting=meeting,
        case=meeting.case,
        plan=meeting.plan,
        conflict=conflict,
        ratings=RATINGS,
        outcomes=ACTION_OUTCOMES,
        back_url=url_for(".show_meeting", meeting_id=meeting.id, _anchor="contents"),
        **extra,
    )
