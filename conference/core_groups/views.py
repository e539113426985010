"""Core group meetings: the family's list of meetings with when the next is due, and one
meeting's record with the contents list of its parts (recorded in parts.py).

Every route loads the case or the meeting through `access` first: whoever may see the case may
read its meetings; any member of the core group may record them (see access.py).
"""

from flask import current_app, render_template
from flask_login import current_user

from conference.common.access import signed_in
from conference.core_groups import bp
from conference.domain import clock
from conference.domain.vocabulary import ACTION_OUTCOMES, RATINGS
from conference.extensions import db
from conference.pdf import notes_for_family
from conference.services import access, core_group_standing, core_group_visits
from conference.services import core_groups as services


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
        schedule=services.schedule(case, _interval(), clock.today()),
        rows=[(m, timings.get(m.id), services.summary_of(m)) for m in reversed(held)],
        may_record=access.may_record(current_user, case),
        notes_language=notes_for_family.notes_language(case),
    )


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


def meeting_page(meeting, missing: list | None = None):
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
        standing=core_group_standing.standing(meeting, _interval()) if may_record else None,
        visits=core_group_visits.since_last_meeting(meeting),
        attendance=core_group_standing.who_came(meeting),
        agency_updates=core_group_standing.agency_notes(meeting),
        reopened=core_group_standing.last_reopened(meeting),
        missing=missing or [],
        notes_language=notes_for_family.notes_language(meeting.case),
    )
