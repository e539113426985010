"""The staff's side of the views a family sends before a meeting (issue 20): the list on the
meeting's page, one person's sent views in full, accepting them into the conference (or, at a
core group meeting, reading them and recording a child's score) and leaving them out."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.domain import family_views as questions
from conference.domain import views_acceptance as rules
from conference.extensions import db
from conference.invitations import bp, language
from conference.invitations.accept_forms import NotUsedForm, accept_form
from conference.invitations.views import _meeting_name, _meeting_url
from conference.models import Conference
from conference.services import views_acceptance as services


@bp.app_template_global()
def views_sent_before(meeting) -> list:
    """For the conference's and the core group meeting's pages: each invitation to give views
    and where its views are at (names and states only: the answers are on their own page)."""
    return services.listed(meeting)


@bp.route("/invitations/<int:invitation_id>/views")
@signed_in
def sent_views(invitation_id: int):
    """One person's views before the meeting, in full once sent, with what the child asked
    not to be shared with their parents marked. Each showing is audited.

    :raise 404: no such invitation to give views, or its meeting is not visible.
    """
    invitation = services.invitation_to_read(current_user, invitation_id)
    views = services.views_of(invitation)
    services.read(current_user, invitation)
    db.session.commit()
    may_decide = services.may_decide(current_user, invitation)
    return render_template(
        "views/invitations/views_sent.html",
        invitation=invitation,
        views=views if views is not None and views.sent else None,
        started=views is not None,
        rows=_answer_rows(invitation, views) if views is not None and views.sent else [],
        answered_in=language.ENGLISH_NAMES.get(views.language, views.language) if views else "",
        refusal=services.why_not_decidable(invitation, views),
        may_decide=may_decide,
        at_conference=isinstance(invitation.meeting, Conference),
        meeting_name=_meeting_name(invitation.meeting),
        back=_meeting_url(invitation.meeting),
    )


@bp.route("/invitations/<int:invitation_id>/views/accept", methods=["GET", "POST"])
@signed_in
def accept_views(invitation_id: int):
    """Say what goes where, then accept: a child's views into their voice and their score, a
    parent's answers onto the map where the person accepting puts each. Once only.

    :raise 404: not visible. :raise 403: not theirs to accept (as inviting).
    """
    invitation = services.invitation_to_decide(current_user, invitation_id)
    views = services.views_of(invitation)
    refusal = services.why_not_decidable(invitation, views)
    if refusal is not None or views is None:
        return _refused(invitation, refusal)
    meeting = invitation.meeting
    at_conference = isinstance(meeting, Conference)
    answers = rules.parent_answers(views) if invitation.version == rules.PARENT else {}
    choosing = answers if at_conference else {}
    is_review = at_conference and meeting.conference_type == "review"
    form = accept_form(choosing, is_review, _place_label)
    if form.validate_on_submit():
        if not services.accept(current_user, invitation, views, form.places()):
            db.session.rollback()
            return _refused(invitation, services.why_not_decidable(invitation, views))
        db.session.commit()
        flash(f"The views of {invitation.person.name} are accepted", "success")
        return redirect(url_for(".sent_views", invitation_id=invitation.id))
    return render_template(
        "views/invitations/views_accept.html",
        form=form,
        invitation=invitation,
        views=views,
        answers=answers,
        pieces=_child_pieces(invitation, views, at_conference),
        score=_score_line(views),
        at_conference=at_conference,
        meeting_name=_meeting_name(meeting),
        back=url_for(".sent_views", invitation_id=invitation.id),
    )


@bp.route("/invitations/<int:invitation_id>/views/not-used", methods=["GET", "POST"])
@signed_in
def views_not_used(invitation_id: int):
    """Leave the views out of the record, with the reason. Once only.

    :raise 404: not visible. :raise 403: not theirs to decide (as inviting).
    """
    invitation = services.invitation_to_decide(current_user, invitation_id)
    views = services.views_of(invitation)
    refusal = services.why_not_decidable(invitation, views)
    if refusal is not None or views is None:
        return _refused(invitation, refusal)
    form = NotUsedForm()
    if form.validate_on_submit():
        if not services.not_used(current_user, invitation, views, form.reason.data or ""):
            db.session.rollback()
            return _refused(invitation, services.why_not_decidable(invitation, views))
        db.session.commit()
        flash(f"The views of {invitation.person.name} are not used", "success")
        return redirect(url_for(".sent_views", invitation_id=invitation.id))
    return render_template(
        "views/invitations/views_not_used.html",
        form=form,
        invitation=invitation,
        meeting_name=_meeting_name(invitation.meeting),
        back=url_for(".sent_views", invitation_id=invitation.id),
    )


def _refused(invitation, refusal: str | None):
    """Nothing to decide: not sent, decided already, or the record may not change."""
    return render_template(
        "views/invitations/views_refused.html",
        invitation=invitation,
        refusal=refusal or "There is nothing to decide.",
        meeting_name=_meeting_name(invitation.meeting),
        back=url_for(".sent_views", invitation_id=invitation.id),
    )


def _place_label(answer: str) -> str:
    return rules.PARENT_QUESTIONS[answer]


def _answer_rows(invitation, views) -> list[dict]:
    """The sent answers, as the views page lists them: (question, answer, kept back)."""
    if invitation.version == rules.PARENT:
        fields = ["good_things", "worries", "wishes", "agrees_with_report", "report_comment"]
        fields.append("anything_else")
        labels = {
            **rules.PARENT_QUESTIONS,
            "agrees_with_report": "Do they agree with the report?",
            "report_comment": "Why (about the report)",
        }
    else:
        fields = ["worries", "good_things", "hopes", "score", "score_reason", "wishes"]
        fields += ["attending", "advocate"]
        labels = rules.CHILD_QUESTIONS
    asked = questions.asked(invitation.version)  # a younger child is asked fewer
    return [_row(views, field, labels[field]) for field in fields if field in asked]


def _row(views, field: str, label: str) -> dict:
    value = getattr(views, field)
    if field in ("attending", "advocate", "agrees_with_report"):
        shown = rules.answer_label(field, value)
    else:
        shown = "" if value is None else str(value).strip()
    if field in rules.HOUSES:
        codes = (views.pictures or {}).get(field, [])
        pictures = rules.pictures_as_words(codes, rules.PICTURE_WORDS)
        shown = " ".join(part for part in (pictures, shown) if part)
    return {"label": label, "text": shown, "kept": rules.not_shared_answer(views, field)}


def _child_pieces(invitation, views, at_conference: bool):
    if invitation.version == rules.PARENT or not at_conference:
        return []
    name = invitation.person.given_name
    labels = dict(VOICE_LABELS)
    return [(labels[p.field], p) for p in rules.child_pieces(views, name, True)]


VOICE_LABELS = (
    ("own_words", "In their own words"),
    ("house_of_worries", "House of worries"),
    ("house_of_good_things", "House of good things"),
    ("house_of_dreams", "House of dreams"),
)


def _score_line(views) -> str:
    """What becomes of the child's score, for the accept page."""
    if views.score is None:
        return ""
    if not rules.score_goes_in(views):
        return "They asked us not to share their score with their parents: it is not added."
    reason = rules.score_reason(views)
    line = f"{views.score} out of 10" + (f", because: {reason}" if reason else "")
    if views.score_reason and rules.not_shared_answer(views, "score_reason"):
        line += ". Their reason is left out: they asked us not to share it with their parents."
    return line
