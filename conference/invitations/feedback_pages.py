"""The family's feedback form after a meeting (public: the feedback code is their sign-in). A
feedback code opens /respond/start, which sends the person here: one page of questions, then a
thank-you page. Sent once: a later visit says it was received, and shows nothing of it. The
pages show the person's first name and the meeting's date, nothing else of the case."""

from flask import redirect, render_template, url_for

from conference.common.access import public
from conference.extensions import db
from conference.invitations import bp, language
from conference.invitations.feedback_forms import FamilyFeedbackForm
from conference.models.invitation import FEEDBACK
from conference.services import feedback, invitations


def _feedback_invitation():
    """The session's open invitation and None, or None and where to send the person instead:
    without one, back to the code; with a views invitation, to its own start."""
    invitation = invitations.responding()
    if invitation is None:
        invitations.stop_responding()
        return None, redirect(url_for(".respond"))
    if invitation.purpose != FEEDBACK:
        return None, redirect(url_for(".respond_start"))
    return invitation, None


@bp.route("/respond/feedback", methods=["GET", "POST"])
@public
def respond_feedback():
    """The questions, all on one page; "what would have helped" may be left empty."""
    invitation, elsewhere = _feedback_invitation()
    if invitation is None:
        return elsewhere
    if feedback.sent_with(invitation) is not None:
        return _page("feedback_received.html", invitation)
    form = FamilyFeedbackForm()
    if form.validate_on_submit():
        feedback.send(
            invitation, form.answers(), form.would_have_helped.data or "", language.current()
        )
        db.session.commit()
        return redirect(url_for(".feedback_thanks"))
    return _page("feedback_form.html", invitation, form=form)


@bp.route("/respond/feedback/thank-you")
@public
def feedback_thanks():
    """Said once the feedback is stored; before that, the questions."""
    invitation, elsewhere = _feedback_invitation()
    if invitation is None:
        return elsewhere
    if feedback.sent_with(invitation) is None:
        return redirect(url_for(".respond_feedback"))
    return _page("feedback_thanks.html", invitation)


def _page(template: str, invitation, **context):
    return render_template(
        f"views/family/{template}",
        first_name=invitation.person.given_name,
        meeting_on=invitation.meeting.held_on,
        **context,
    )
