"""Scaling, and identity in the conference: each person's score from 0 to 10, and the identity
questions the conference answers for each child."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common import identity as identity_display
from conference.common.access import signed_in
from conference.common.forms import conflict_rows
from conference.conferences import bp
from conference.conferences.scaling_forms import ConferenceIdentityForm, score_form
from conference.domain.mapping import worry_text
from conference.domain.wording import and_list, number
from conference.extensions import db
from conference.services import access, drafts, records, views_acceptance
from conference.services.access import can_edit
from conference.services.conferences import family_copy
from conference.services.conferences import identity as identities
from conference.services.conferences import scaling as scaling_service
from conference.services.conferences.scaling import Wording

ESCALATE = "consider whether the children are safe at home tonight and whether to escalate"


@bp.route("/conferences/<int:conference_id>/scaling")
@signed_in
def scaling(conference_id: int):
    """The scaling question, everyone present with their score, and the summary.

    :raise 404: the conference's case is not visible to the user.
    """
    conference = access.conference_to_view(current_user, conference_id)
    scaling_service.view_scaling(current_user, conference)
    db.session.commit()
    wording = Wording.from_config(current_app.config)
    summary = scaling_service.scaling_summary(conference)
    # Each round's values stay hidden until the chair reveals it: the template shows only who
    # has scored before then.
    worries = [
        (
            item,
            scaling_service.in_order(conference, item),
            _numbers(conference, item, wording),
            scaling_service.round_of(conference, item),
        )
        for item in scaling_service.worry_statements(conference)
    ]
    return render_template(
        "views/conferences/scaling.html",
        conference=conference,
        wording=wording,
        present=scaling_service.present(conference),
        overall=scaling_service.overall_scores(conference),
        summary=summary,
        every_score=scaling_service.in_order(conference),
        numbers=_shown(scaling_service.in_scale(summary, wording.polarity)),
        flags=[f"{s.name} scored {s.value}: {ESCALATE}" for s in summary.flagged],
        worries=worries,
        worry_text=worry_text,
        can_change=access.may_record_scores(current_user, conference) and not conference.finalised,
        overall_round=scaling_service.round_of(conference),
        can_reveal=access.chairs(current_user, conference) and not conference.finalised,
        own_scores=views_acceptance.own_scores(conference),
    )


@bp.route("/conferences/<int:conference_id>/scaling/<int:attendee_id>", methods=["GET", "POST"])
@signed_in
def record_score(conference_id: int, attendee_id: int):
    """Record one person's score and reason, overall and for each worry statement. Scoring
    again replaces what they gave before.

    :raise 404: not visible, or the person did not attend this conference.
    :raise 403: the user is not the conference's chair or minute-taker.
    :raise ConferenceFinalised: the conference is finalised (409).
    """
    conference = access.conference_to_score(current_user, conference_id)
    attendee = scaling_service.attendee_present(conference, attendee_id) or abort(404)
    worries = scaling_service.worry_statements(conference)
    form = score_form(worries)
    if not form.is_submitted():
        form.fill_from(scaling_service.scores_of(conference, attendee))
    conflict = None
    if form.validate_on_submit():
        wording = Wording.from_config(current_app.config)
        try:
            scaling_service.record_scores(
                current_user,
                conference,
                attendee,
                form.version.data,
                form.overall(),
                form.worries(),
                wording,
            )
        except records.StaleVersion as stale:
            db.session.rollback()  # nothing of this save is kept; the form keeps what was typed
            conflict = _score_conflicts(form, scaling_service.scores_of(conference, attendee))
            form.refresh_version(stale.record)
        else:
            drafts.clear_draft(current_user, f"conference-{conference.id}-scaling-{attendee.id}")
            db.session.commit()
            # The scores stay hidden until the chair reveals them, and the room may see this
            # screen: the banner gives the score only once they are revealed.
            hidden = not scaling_service.round_of(conference).revealed
            flash(
                f"Score from {attendee.name} saved. The room sees it when the chair reveals the "
                "scores."
                if hidden
                else f"Score from {attendee.name} saved: {form.overall().value}",
                "success",
            )
            return redirect(url_for(".scaling", conference_id=conference.id))
    waiting = [] if attendee.is_parent else scaling_service.parents_not_scored(conference)
    return render_template(
        "views/conferences/scaling_score.html",
        form=form,
        conflict=conflict,
        conference=conference,
        attendee=attendee,
        role=scaling_service.role_label(attendee),
        wording=Wording.from_config(current_app.config),
        parents_first=_parents_first(waiting),
        worry_text=worry_text,
    )


@bp.route("/conferences/<int:conference_id>/identity/<int:child_id>", methods=["GET", "POST"])
@signed_in
def conference_identity(conference_id: int, child_id: int):
    """The child's identity from the case record, and the conference's own identity questions.
    Those who may not change the conference see the answers only.

    :raise 404: not visible, or the child is not in this conference's family.
    :raise 403: a change by a user who may not change the conference.
    :raise ConferenceFinalised: a change to a finalised conference (409).
    """
    if request.method == "POST":
        conference = access.conference_to_change(current_user, conference_id)
    else:
        conference = access.conference_to_view(current_user, conference_id)
    child = access.child_of(conference, child_id)
    saved = identities.identity_of(conference, child)
    can_change = access.may_change(current_user, conference) and not conference.finalised
    form, conflict = None, None
    if can_change:
        form = ConferenceIdentityForm(child.given_name, obj=saved)
        if not form.is_submitted():
            _fill(form, saved)
    if form is not None and form.validate_on_submit():
        try:
            identities.save_identity(
                current_user,
                conference,
                child,
                form.version.data,
                form.answers(),
                form.not_known(),
            )
        except records.StaleVersion as stale:
            db.session.rollback()  # nothing of this save is kept; the form keeps what was typed
            conflict = _identity_conflicts(form, stale.record, child)
            form.refresh_version(stale.record)
        else:
            drafts.clear_draft(current_user, f"conference-{conference.id}-identity-{child.id}")
            db.session.commit()
            flash(f"Identity answers for {child.given_name} saved", "success")
            return redirect(url_for(".show_conference", conference_id=conference.id))
    if request.method == "GET":
        identities.view(current_user, child)
        db.session.commit()
    return render_template(
        "views/conferences/identity.html",
        form=form,
        conflict=conflict,
        conference=conference,
        child=child,
        saved=saved,
        prompts=identities.FIELDS,
        answers=_answers(saved, child),
        adults=[_languages(adult) for adult in conference.case.adults],
        record_not_known=identities.not_known_on_record(child),
        can_edit_record=can_edit(current_user, conference.case),
        kept_from_family=family_copy.kept_for(conference, "child", child.id)
        + family_copy.kept_for(conference, "conference_identity", saved and saved.id),
    )


def _score_conflicts(form, saved) -> list[dict]:
    """The scores and reasons as the other person saved them beside those typed here."""
    rows = {row.worry_item_id: row for row in saved}
    given = [(None, "Score", "Reason for this score", form.score, form.reason)]
    given += [
        (item.id, score.label.text, reason.label.text, score, reason)
        for _number, item, score, reason in form.worry_fields()
    ]
    conflict = []
    for item_id, score_label, reason_label, score, reason in given:
        row = rows.get(item_id)
        stored = (str(row.value), row.reason) if row is not None else ("", "")
        typed = (score.data or "", (reason.data or "").strip())
        for label, saved_now, yours in zip((score_label, reason_label), stored, typed, strict=True):
            if saved_now != yours:
                conflict.append({"label": label, "saved": saved_now, "yours": yours})
    return conflict


def _numbers(conference, item, wording) -> dict:
    summary = scaling_service.worry_summary(conference, item)
    return _shown(scaling_service.in_scale(summary, wording.polarity))


def _shown(numbers: dict) -> dict:
    return {key: number(value) for key, value in numbers.items()}


def _parents_first(waiting) -> str:
    """Parents score first: the reminder when someone else is about to score before them."""
    if not waiting:
        return ""
    names = [parent.name for parent in waiting]
    return (
        f"Parents are asked first: {and_list(names)} "
        f"{'has' if len(names) == 1 else 'have'} not scored yet"
    )


def _fill(form, saved) -> None:
    if saved is None:
        form.version.data = identities.NOT_SAVED_YET
    else:
        form.fill_from(saved)


def _identity_conflicts(form, saved, child) -> list[dict]:
    labels = {field: identities.question(field, child.given_name) for field in identities.FIELDS}
    rows = conflict_rows(form, saved, labels)
    questions = dict(labels)
    stored = [questions[field] for field in saved.not_known or [] if field in questions]
    typed = [questions[field] for field in form.not_known()]
    if stored != typed:
        rows.append(
            {"label": "Not known yet", "saved": "; ".join(stored), "yours": "; ".join(typed)}
        )
    return rows


def _answers(saved, child) -> list[dict]:
    """Summary list rows of the conference's answers, for those who may only read them."""
    rows = []
    for field in identities.FIELDS:
        if saved is None:
            answer = identity_display.NOT_ASKED
        elif field in (saved.not_known or []):
            answer = identity_display.NOT_KNOWN
        else:
            answer = getattr(saved, field) or identity_display.NOT_ASKED
        rows.append(
            {
                "key": {"text": identities.question(field, child.given_name)},
                "value": {"text": answer},
            }
        )
    return rows


def _languages(adult) -> dict:
    return {
        "name": adult.name,
        "first_language": identity_display.answer(adult, "first_language"),
        "interpreter": identity_display.interpreter(adult),
        "written_plan": identity_display.written_plan(adult),
    }
