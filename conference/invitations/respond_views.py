"""The family's entry (public: no staff sign-in). A right code opens a session holding the
invitation's id alone; a wrong, expired or withdrawn code gets one plain message that says
nothing about which. An address throttled for wrong codes is told so, and when to try again:
"we could not find that code" for a right code would send the family to check it over and
over, or to give up."""

from flask import current_app, redirect, render_template, request, session, url_for

from conference.common.access import PUBLIC, access_rule_of, public
from conference.extensions import db
from conference.invitations import bp, language
from conference.invitations.forms import CodeForm
from conference.pdf.i18n import N_
from conference.services import family_views, invitations

NOT_FOUND = N_(
    "We could not find that code. Check it and try again, or ask your social worker for a new one."
)
ENTER_CODE = N_("Enter your code")
# The only message of the form's own a person can meet (CodeForm's is English).
CODE_TOO_LONG = N_("Your code must be 40 characters or fewer")
# Says nothing about any code: it is given before any code is checked.
TOO_MANY = N_(
    "You have tried too many codes. Wait %(minutes)s minutes, then try again, or ask your social "
    "worker for help."
)


@bp.before_request
def family_language():
    """The family's pages (public: their code is their sign-in) in their language; the staff's
    pages in this blueprint stay in English."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and access_rule_of(view) == PUBLIC:
        language.use(language.for_request())


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
            form.code.errors.append(language.gettext(TOO_MANY, minutes=invitations.WAIT_MINUTES))
            return render_template("views/invitations/respond.html", form=form)
        if invitation is not None:
            # A language chosen on this page before any code was given is kept; otherwise the
            # pages open in the person's own. (A code given before in this session, on a phone
            # handed from one person to the next, keeps nothing of theirs.)
            kept = None if invitations.SESSION_KEY in session else language.chosen()
            invitations.start_responding(invitation)
            language.choose(kept or language.for_person(invitation.person))
            db.session.commit()
            return redirect(url_for(".respond_start"))
        db.session.commit()  # the refusal's audit row and the throttle's count
        form.code.errors.append(language.gettext(NOT_FOUND if typed else ENTER_CODE))
    elif form.is_submitted():
        if form.code.errors:
            form.code.errors = [language.gettext(CODE_TOO_LONG)]
    else:
        form.code.data = request.args.get("code", "")[:40]
    return render_template("views/invitations/respond.html", form=form)


@bp.route("/respond/start")
@public
def respond_start():
    """The person's first name and the meeting's date, nothing else of the case. Without an
    open invitation in the session (never given, withdrawn or expired since), back to the code;
    with views sent already, to the page that says so."""
    invitation = invitations.responding()
    if invitation is None:
        invitations.stop_responding()
        return redirect(url_for(".respond"))
    if invitation.purpose == invitations.FEEDBACK:  # feedback after a meeting: feedback_pages.py
        return redirect(url_for(".respond_feedback"))
    views = family_views.views_of(invitation)
    if views is not None and views.sent:  # nothing to start: what happens next, straight away
        return redirect(url_for(".respond_views_sent"))
    return render_template(
        "views/invitations/respond_start.html",
        first_name=invitation.person.given_name,
        meeting_on=invitation.meeting.held_on,
    )
