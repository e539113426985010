"""The staff's side of invitations: invite someone of the case to give their views before a
conference or a core group meeting, see the code once, list the meeting's invitations and
withdraw one."""

from datetime import UTC, datetime

import segno
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.common.templating import long_date
from conference.extensions import db
from conference.invitations import bp, language, once
from conference.invitations.forms import InviteForm, LetterForm, WithdrawForm
from conference.models import Invitation
from conference.pdf import documents, invitation_letter
from conference.pdf.download import download
from conference.pdf.invitation_letter import respond_link
from conference.services import invitations


@bp.app_template_global()
def may_invite(user, meeting) -> bool:
    """For the conference's and the core group meeting's pages: whether to offer inviting."""
    return user.is_authenticated and invitations.may_invite(user, meeting)


@bp.app_template_global()
def views_still_asked(meeting) -> bool:
    """Whether views can still be asked for before the meeting: its day is not over."""
    return not invitations.held(meeting)


@bp.app_template_global()
def letter_language(person) -> str:
    """For the code page: the languages the person's letter prints in ("Yoruba and English")."""
    return invitation_letter.letter_language(person)


@bp.route("/conferences/<int:conference_id>/invitations")
@signed_in
def conference_invitations(conference_id: int):
    """The conference's invitations, with "Withdraw" for those still open.

    :raise 404: not visible. :raise 403: may not invite for it.
    """
    conference = invitations.conference_to_invite_for(current_user, conference_id)
    return _list(conference)


@bp.route("/core-groups/<int:meeting_id>/invitations")
@signed_in
def core_group_invitations(meeting_id: int):
    """The core group meeting's invitations.

    :raise 404: not visible. :raise 403: may not invite for it.
    """
    meeting = invitations.core_group_meeting_to_invite_for(current_user, meeting_id)
    return _list(meeting)


@bp.route("/conferences/<int:conference_id>/invite", methods=["GET", "POST"])
@signed_in
def invite_to_conference(conference_id: int):
    """Invite one of the family to give their views before the conference; the code is shown
    on the page that answers, once.

    :raise 404: not visible. :raise 403: may not invite for it.
    """
    conference = invitations.conference_to_invite_for(current_user, conference_id)
    return _invite(conference)


@bp.route("/core-groups/<int:meeting_id>/invite", methods=["GET", "POST"])
@signed_in
def invite_to_core_group(meeting_id: int):
    """As for a conference, before a core group meeting.

    :raise 404: not visible. :raise 403: may not invite for it.
    """
    meeting = invitations.core_group_meeting_to_invite_for(current_user, meeting_id)
    return _invite(meeting)


@bp.route("/invitations/<int:invitation_id>/withdraw", methods=["GET", "POST"])
@signed_in
def withdraw(invitation_id: int):
    """Ask "are you sure", then withdraw the invitation: its code opens nothing any more.

    :raise 404: not visible. :raise 403: may not invite for its meeting.
    """
    invitation = invitations.invitation_to_withdraw(current_user, invitation_id)
    back = _list_for(invitation)
    if invitation.withdrawn:
        return redirect(back)
    form = WithdrawForm()
    if form.validate_on_submit():
        invitations.withdraw(current_user, invitation)
        db.session.commit()
        flash(f"The invitation for {invitation.person.name} is withdrawn", "success")
        return redirect(back)
    return render_template(
        "views/invitations/withdraw.html",
        form=form,
        invitation=invitation,
        meeting_name=_meeting_name(invitation.meeting),
        back=back,
    )


@bp.route("/invitations/<int:invitation_id>/letter", methods=["POST"])
@signed_in
def letter(invitation_id: int):
    """The printed letter in the person's language, from the page that shows the code once: the
    code comes back with the button (it is never kept) and must be this invitation's, still
    open. Otherwise nothing is printed; the attempt is audited.

    :raise 404: not visible. :raise 403: may not invite for its meeting.
    """
    invitation = invitations.invitation_to_print(current_user, invitation_id)
    form = LetterForm()
    code = (form.code.data or "").strip() if form.validate_on_submit() else ""
    document = documents.letter(invitation, code, _respond_address())
    refused = _letter_refused(invitation, code)
    if refused:
        documents.record_not_made(current_user, invitation, document, refused)
        db.session.commit()
        return render_template(
            "views/invitations/letter_refused.html",
            back=_list_for(invitation),
            back_text=_BACK_TO[invitation.purpose],
        ), 400
    response = download(document, invitation, current_user)
    db.session.commit()
    return response


def _letter_refused(invitation: Invitation, code: str) -> str | None:
    """Why the letter is not printed (for the audit trail), or None."""
    if not invitations.is_its_code(invitation, code):
        return "not the invitation's code"
    if not invitation.open_at(_now()):
        return "withdrawn" if invitation.withdrawn else "expired"
    return None


def _respond_address() -> str:
    """The family's page as the public reaches it: printed on the letter, shown on the page."""
    return url_for("invitations.respond", _external=True)


def _invite(meeting):
    if invitations.held(meeting):
        return _held_page(meeting)
    people = dict(invitations.people_of(meeting.case))
    now = _now()
    holding = [each.person for each in invitations.invitations_for(meeting) if each.open_at(now)]
    invited = {value for value, person in people.items() if person in holding}
    form = InviteForm(people=people, invited=invited)
    made = once.made_with(form.once.data) if form.is_submitted() else None
    if made is not None:  # the same form again: the code page reloaded
        return _already_made(db.session.get(Invitation, made))
    if form.validate_on_submit():
        invitation, code = invitations.invite(
            current_user, meeting, form.chosen, form.version.data, form.number_of_days
        )
        once.spend(form.once.data, invitation.id)
        db.session.commit()
        return _views_code_page(invitation, code)
    if not once.is_open(form.once.data):
        form.once.data = once.new_token()
    return render_template(
        "views/invitations/invite.html",
        form=form,
        meeting=meeting,
        meeting_name=_meeting_name(meeting),
        longest_days=invitations.LONGEST_DAYS,
        invited=invited,
        list_url=_list_url(meeting),
        back=_meeting_url(meeting),
    )


def _held_page(meeting):
    """A meeting already held: views are asked for before a meeting, so no form. A form shown
    before the day and sent after it is refused here too, nothing stored."""
    return render_template(
        "views/invitations/held.html",
        meeting=meeting,
        meeting_name=_meeting_name(meeting),
        refused=request.method == "POST",
        back=_list_url(meeting),
    )


def _already_made(invitation: Invitation | None):
    """The code was shown once, on the page that answered the first POST: never again."""
    if invitation is None:
        abort(404)
    return render_template(
        "views/invitations/already_made.html",
        invitation=invitation,
        meeting_name=_meeting_name(invitation.meeting),
        back=_list_url(invitation.meeting),
    )


def code_page(invitation, code: str, back: str, back_text: str):
    """The code, the address and the QR code, on the page that answers the POST (for views or
    for feedback): the code is never stored, and no page is cached
    (conference/common/security.py), so leaving it loses it."""
    address = _respond_address()
    # The page opens in the person's language, as their letter is.
    qr = segno.make(respond_link(address, code, language.for_person(invitation.person)), error="m")
    return render_template(
        "views/invitations/code.html",
        invitation=invitation,
        code=code,
        address=address,
        qr_svg=qr.svg_inline(scale=5, omitsize=False, svgclass="app-invitation-qr"),
        meeting_name=_meeting_name(invitation.meeting),
        back=back,
        back_text=back_text,
    )


def _list(meeting):
    listed = invitations.invitations_for(meeting)
    invitations.viewed(current_user, meeting)
    db.session.commit()
    return render_template(
        "views/invitations/list.html",
        meeting=meeting,
        invitations=listed,
        now=_now(),
        held=invitations.held(meeting),
        meeting_name=_meeting_name(meeting),
        invite_url=_invite_url(meeting),
        back=_meeting_url(meeting),
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _meeting_name(meeting) -> str:
    """ "Review conference on 18 December 2026", "Core group meeting on 3 March 2027"."""
    kind = meeting.type_label if _is_conference(meeting) else "Core group meeting"
    return f"{kind} on {long_date(meeting.held_on)}"


def _is_conference(meeting) -> bool:
    return meeting.__tablename__ == "conference"


def _meeting_url(meeting) -> str:
    if _is_conference(meeting):
        return url_for("conferences.show_conference", conference_id=meeting.id)
    return url_for("core_groups.show_meeting", meeting_id=meeting.id)


_BACK_TO = {
    invitations.VIEWS: "Back to the meeting’s invitations",
    invitations.FEEDBACK: "Back to the meeting’s feedback",
}


def _list_for(invitation: Invitation) -> str:
    """The list the invitation is on: the meeting's invitations, or its feedback."""
    if invitation.purpose == invitations.FEEDBACK:
        from conference.invitations.feedback_views import list_url

        return list_url(invitation.meeting)
    return _list_url(invitation.meeting)


def _list_url(meeting) -> str:
    if _is_conference(meeting):
        return url_for(".conference_invitations", conference_id=meeting.id)
    return url_for(".core_group_invitations", meeting_id=meeting.id)


def _invite_url(meeting) -> str:
    if _is_conference(meeting):
        return url_for(".invite_to_conference", conference_id=meeting.id)
    return url_for(".invite_to_core_group", meeting_id=meeting.id)


def _views_code_page(invitation, code: str):
    return code_page(
        invitation, code, _list_url(invitation.meeting), "Back to the meeting’s invitations"
    )
