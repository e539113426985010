"""The family's entry (public: no staff sign-in). A right code opens a session holding the
invitation's id alone; a wrong, expired or withdrawn code gets one plain message that says
nothing about which. An address throttled for wrong codes is told so, and when to try again:
"we could not find that code" for a right code would send the family to check it over and
over, or to give up."""

from flask import redirect, render_template, request, url_for

from conference.common.access import public
from conference.extensions import db
from conference.invitations import bp
from conference.invitations.forms import CodeForm
from conference.services import invitations

NOT_FOUND = (
    "We could not find that code. Check it and try again, or ask your social worker for a new one."
)
ENTER_CODE = "Enter your code"
# Says nothing about any code: it is given before any code is checked.
TOO_MANY = (
    f"You have tried too many codes. Wait {invitations.WAIT_MINUTES} minutes, then try again, "
    "or ask your social worker for help."
)


@bp.route("/respond", methods=["GET", "POST"])
@public
def respond():
    """Ask for the code. The QR code's address carries it (`?code=`): the box is filled in, and
    nothing is checked until the person presses Continue."""
    form = CodeForm()
    if form.validate_on_submit():
        typed = (form.code.data or "").strip()
        try:
            invitation = invitations.redeem(typed, request.remote_addr or "") if typed else None
        except invitations.Throttled:
            form.code.errors.append(TOO_MANY)
            return render_template("views/invitations/respond.html", form=form)
        if invitation is not None:
            invitations.start_responding(invitation)
            db.session.commit()
            return redirect(url_for(".respond_start"))
        db.session.commit()  # the refusal's audit row and the throttle's count
        form.code.errors.append(NOT_FOUND if typed else ENTER_CODE)
    elif not form.is_submitted():
        form.code.data = request.args.get("code", "")[:40]
    return render_template("views/invitations/respond.html", form=form)


@bp.route("/respond/start")
@public
def respond_start():
    """The person's first name and the meeting's date, nothing else of the case. Without an
    open invitation in the session (never given, withdrawn or expired since), back to the code."""
    invitation = invitations.responding()
    if invitation is None:
        invitations.stop_responding()
        return redirect(url_for(".respond"))
    return render_template(
        "views/invitations/respond_start.html",
        first_name=invitation.person.given_name,
        meeting_on=invitation.meeting.held_on,
    )
