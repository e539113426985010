"""The staff's side of families' feedback after a meeting (a conference or a core group meeting):
the meeting's feedback, online and paper, for whoever may view the meeting; offering a person a
feedback code and typing in a paper form, for whoever may invite for it. Both only once the
meeting is held."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.common.templating import long_date
from conference.domain import feedback as rules
from conference.extensions import db
from conference.invitations import bp, language, once
from conference.invitations.feedback_forms import (
    ANSWERED_ALREADY,
    OfferFeedbackForm,
    PaperFeedbackForm,
)
from conference.invitations.views import code_page
from conference.models import Invitation
from conference.services import feedback, invitations
from conference.services.invitations import LONGEST_DAYS

CONFERENCE, CORE_GROUP = "conference", "core_group"


@bp.route("/conferences/<int:conference_id>/feedback")
@signed_in
def conference_feedback(conference_id: int):
    """The conference's feedback. :raise 404: not visible."""
    return _list(feedback.meeting_to_view(current_user, CONFERENCE, conference_id))


@bp.route("/core-groups/<int:meeting_id>/feedback")
@signed_in
def core_group_feedback(meeting_id: int):
    """The core group meeting's feedback. :raise 404: not visible."""
    return _list(feedback.meeting_to_view(current_user, CORE_GROUP, meeting_id))


@bp.route("/conferences/<int:conference_id>/feedback/offer", methods=["GET", "POST"])
@signed_in
def offer_conference_feedback(conference_id: int):
    """:raise 404: not visible. :raise 403: may not invite for it."""
    return _offer(feedback.meeting_to_ask_for(current_user, CONFERENCE, conference_id))


@bp.route("/core-groups/<int:meeting_id>/feedback/offer", methods=["GET", "POST"])
@signed_in
def offer_core_group_feedback(meeting_id: int):
    """:raise 404: not visible. :raise 403: may not invite for it."""
    return _offer(feedback.meeting_to_ask_for(current_user, CORE_GROUP, meeting_id))


@bp.route("/conferences/<int:conference_id>/feedback/paper", methods=["GET", "POST"])
@signed_in
def paper_conference_feedback(conference_id: int):
    """:raise 404: not visible. :raise 403: may not invite for it."""
    return _paper(feedback.meeting_to_ask_for(current_user, CONFERENCE, conference_id))


@bp.route("/core-groups/<int:meeting_id>/feedback/paper", methods=["GET", "POST"])
@signed_in
def paper_core_group_feedback(meeting_id: int):
    """:raise 404: not visible. :raise 403: may not invite for it."""
    return _paper(feedback.meeting_to_ask_for(current_user, CORE_GROUP, meeting_id))


def _list(meeting):
    received = feedback.feedback_for(meeting)
    feedback.viewed(current_user, meeting)
    db.session.commit()
    return render_template(
        "views/feedback/list.html",
        meeting=meeting,
        received=received,
        questions=rules.QUESTIONS,
        comment_label=rules.COMMENT_LABEL,
        languages=language.LANGUAGES,
        offers=feedback.open_offers(meeting),
        held=invitations.held(meeting),
        may_ask=feedback.may_ask(current_user, meeting),
        meeting_name=meeting_name(meeting),
        urls=_urls(meeting),
    )


def _offer(meeting):
    if not invitations.held(meeting):
        return _not_held(meeting)
    people = dict(invitations.people_of(meeting.case))
    offered = _values(people, [each.person for each in feedback.open_offers(meeting)])
    answered = _values(people, feedback.who_answered(meeting))
    form = OfferFeedbackForm(people=people, offered=offered, answered=answered)
    made = once.made_with(form.once.data) if form.is_submitted() else None
    if made is not None:  # the same form again: the code page reloaded
        return _already_made(db.session.get(Invitation, made))
    if form.validate_on_submit():
        invitation, code = feedback.offer(current_user, meeting, form.chosen, form.number_of_days)
        once.spend(form.once.data, invitation.id)
        db.session.commit()
        return _code_page(invitation, code)
    if not once.is_open(form.once.data):
        form.once.data = once.new_token()
    return render_template(
        "views/feedback/offer.html",
        form=form,
        meeting=meeting,
        meeting_name=meeting_name(meeting),
        default_days=rules.DEFAULT_DAYS,
        online_from_age=rules.ONLINE_FROM_AGE,
        longest_days=LONGEST_DAYS,
        urls=_urls(meeting),
    )


def _paper(meeting):
    if not invitations.held(meeting):
        return _not_held(meeting)
    people = dict(invitations.people_of(meeting.case))
    answered = _values(people, feedback.who_answered(meeting))
    form = PaperFeedbackForm(people=people, answered=answered)
    if form.validate_on_submit():
        try:
            feedback.enter_paper(
                current_user,
                meeting,
                form.chosen,
                form.answers(),
                form.would_have_helped.data or "",
            )
        except feedback.AlreadyAnswered:  # another form for them was saved a moment before
            db.session.rollback()
            form.person.errors = [ANSWERED_ALREADY.format(name=form.chosen.name)]
        else:
            db.session.commit()
            flash("The paper feedback form is saved", "success")
            return redirect(list_url(meeting))
    return render_template(
        "views/feedback/paper.html",
        form=form,
        meeting=meeting,
        meeting_name=meeting_name(meeting),
        urls=_urls(meeting),
    )


def _values(people: dict, persons: list) -> set[str]:
    """The form's values of these people of the case."""
    return {value for value, person in people.items() if person in persons}


def _not_held(meeting):
    """Feedback is asked for after a meeting: before its day is over, no form. A form sent
    then is refused here too, nothing stored."""
    return render_template(
        "views/feedback/not_held.html",
        meeting=meeting,
        meeting_name=meeting_name(meeting),
        refused=request.method == "POST",
        urls=_urls(meeting),
    )


def _already_made(invitation: Invitation | None):
    """The code was shown once, on the page that answered the first POST: never again."""
    if invitation is None:
        abort(404)
    return render_template(
        "views/feedback/already_made.html",
        invitation=invitation,
        meeting_name=meeting_name(invitation.meeting),
        urls=_urls(invitation.meeting),
    )


def _code_page(invitation: Invitation, code: str):
    """The code page, with the way back to the meeting's feedback."""
    back = _urls(invitation.meeting)["list"]
    return code_page(invitation, code, back, "Back to the meeting’s feedback")


def _is_conference(meeting) -> bool:
    return meeting.__tablename__ == "conference"


def meeting_name(meeting) -> str:
    """ "Review conference on 18 December 2026", "Core group meeting on 3 March 2027"."""
    kind = meeting.type_label if _is_conference(meeting) else "Core group meeting"
    return f"{kind} on {long_date(meeting.held_on)}"


def list_url(meeting) -> str:
    return _urls(meeting)["list"]


def _urls(meeting) -> dict[str, str]:
    """The meeting's page and its feedback pages."""
    if _is_conference(meeting):
        values, prefix = {"conference_id": meeting.id}, "conference"
        page = url_for("conferences.show_conference", **values)
    else:
        values, prefix = {"meeting_id": meeting.id}, "core_group"
        page = url_for("core_groups.show_meeting", **values)
    return {
        "meeting": page,
        "list": url_for(f".{prefix}_feedback", **values),
        "offer": url_for(f".offer_{prefix}_feedback", **values),
        "paper": url_for(f".paper_{prefix}_feedback", **values),
    }
