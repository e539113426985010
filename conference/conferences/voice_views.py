"""The child's voice at the conference: what each child said and how, how they took part, and
pictures of their work.

Everyone who may see the case sees the page; those who may change the conference get the forms.
"""

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.common.forms import conflict_rows
from conference.conferences import bp
from conference.conferences.voice_forms import (
    PARTICIPATION_CHOICES,
    VOICE_LABELS,
    PictureForm,
    voice_form,
)
from conference.domain.participation import ADVOCACY_ANSWERS, ATTENDED, VIEW_METHODS
from conference.domain.wording import long_date
from conference.extensions import db
from conference.services import access, drafts, pictures, records, visits
from conference.services.conferences import family_copy
from conference.services.conferences import voice as services


@bp.route("/conferences/<int:conference_id>/voice/<int:child_id>", methods=["GET", "POST"])
@signed_in
def voice(conference_id: int, child_id: int):
    """The child's voice: their own words, how their views were gathered, how they took part.

    :raise 404: the conference is not visible to the user, or the child is not in its family.
    :raise 403: a save by someone who may see the conference but not change it.
    :raise ConferenceFinalised: a save to a finalised conference.
    """
    if request.method == "POST":
        conference = access.conference_to_change(current_user, conference_id)
    else:
        conference = access.conference_to_view(current_user, conference_id)
    child = access.child_of(conference, child_id)
    record = services.voice_of(conference, child)
    form = _voice_form(conference, child, record, submitted=True)
    conflict = None
    words = visits.words_for_conference(conference, child)
    if request.method == "POST" and "bring_words" in request.form:
        # Added to what was typed, not saved: saving the form (version-checked) keeps them.
        chosen = next((w for w in words if str(w.part_id) == request.form["bring_words"]), None)
        if chosen is not None:
            form.own_words.data = visits.with_words_added(form.own_words.data or "", chosen)
        return _page(
            conference, child, record, form, _picture_form(False), form, words=words, added=chosen
        )
    if form.validate_on_submit():
        try:
            services.save_voice(
                current_user, conference, child, form.version.data, **form.answers()
            )
        except records.StaleVersion as stale:
            db.session.rollback()  # nothing of this save is kept; the form keeps what was typed
            conflict = _conflicts(form, stale.record)
            form.refresh_version(stale.record)
            record = stale.record
        else:
            drafts.clear_draft(current_user, f"conference-{conference.id}-voice-{child.id}")
            db.session.commit()
            flash(f"{child.given_name}’s voice saved", "success")
            return redirect(url_for("conferences.show_conference", conference_id=conference.id))
    elif request.method == "GET":
        services.view_voice(current_user, conference, child, record)
        db.session.commit()
    return _page(
        conference, child, record, form, _picture_form(submitted=False), form, conflict, words
    )


@bp.route("/conferences/<int:conference_id>/voice/<int:child_id>/pictures", methods=["POST"])
@signed_in
def upload_picture(conference_id: int, child_id: int):
    """Add a picture of the child's work. Only images are kept, judged by their content.

    :raise 404: the conference is not visible to the user, or the child is not in its family.
    :raise 403: the user may see the conference but not change it.
    :raise ConferenceFinalised: the conference is finalised.
    """
    conference = access.conference_to_change(current_user, conference_id)
    child = access.child_of(conference, child_id)
    upload = _picture_form(submitted=True)
    if upload.validate_on_submit():
        services.add_picture(
            current_user,
            conference,
            child,
            upload.checked_picture,
            upload.picture_description.data,
            upload.consent_to_share.data == "yes",
        )
        db.session.commit()
        flash("Picture uploaded", "success")
        return redirect(_voice_url(conference, child) + "#pictures")
    record = services.voice_of(conference, child)
    form = _voice_form(conference, child, record, submitted=False)
    return _page(conference, child, record, form, upload, upload)


@bp.route("/conferences/<int:conference_id>/pictures/<int:picture_id>")
@signed_in
def picture(conference_id: int, picture_id: int):
    """The picture itself, for those who may see the case. Every view is audited.

    :raise 404: the conference is not visible to the user, the picture is not one of this
        conference's, or its bytes are not what was stored.
    """
    conference = access.conference_to_view(current_user, conference_id)
    found = services.picture_in(conference, picture_id) or abort(404)
    data = services.view_picture(current_user, conference, found)
    db.session.commit()
    if data is None:
        abort(404)
    return pictures.image_response(data, found.content_type)


@bp.route(
    "/conferences/<int:conference_id>/pictures/<int:picture_id>/remove", methods=["GET", "POST"]
)
@signed_in
def remove_picture(conference_id: int, picture_id: int):
    """Ask, then remove a picture: its record and its file, together.

    :raise 404: the conference is not visible to the user, or the picture is not one of its.
    :raise 403: the user may see the conference but not change it.
    :raise ConferenceFinalised: the conference is finalised.
    """
    conference = access.conference_to_change(current_user, conference_id)
    found = services.picture_in(conference, picture_id) or abort(404)
    child = found.voice.child
    if request.method == "POST":
        services.remove_picture(current_user, conference, found)
        db.session.commit()
        flash("Picture removed", "success")
        return redirect(_voice_url(conference, child) + "#pictures")
    return render_template(
        "views/conferences/voice_remove_picture.html",
        conference=conference,
        child=child,
        picture=found,
        back_url=_voice_url(conference, child),
    )


def _voice_form(conference, child, record, submitted: bool):
    """The voice form: from the request when `submitted`, else from the record, with the
    suggested participation code chosen if none is recorded yet."""
    age = services.age_on_the_day(child, conference)
    advocacy_age = current_app.config["ADVOCACY_AGE"]
    kwargs = {"obj": record} if submitted else {"obj": record, "formdata": None}
    form = voice_form(child.given_name, age, advocacy_age, **kwargs)
    if not (submitted and form.is_submitted()):
        form.version.data = record.version if record else services.NOT_SAVED_YET
        if record is None or record.participation_code is None:
            form.participation_code.data = services.suggested_code(age, record)
        # The attendance list is where attending is recorded: a child it lists as attended
        # is shown as attending here too.
        methods = list(form.methods.data or [])
        if services.attended_by_the_list(conference, child) and ATTENDED not in methods:
            form.methods.data = [*methods, ATTENDED]
    return form


def _picture_form(submitted: bool) -> PictureForm:
    kwargs = {} if submitted else {"formdata": None}
    return PictureForm(max_bytes=current_app.config["MAX_PICTURE_BYTES"], **kwargs)


def _page(
    conference, child, record, form, upload, form_with_errors, conflict=None, words=None, added=None
):
    editable = access.may_change(current_user, conference) and not conference.finalised
    if words is None:
        words = visits.words_for_conference(conference, child)
    age = services.age_on_the_day(child, conference)
    return render_template(
        "views/conferences/voice.html",
        conference=conference,
        child=child,
        voice=record,
        editable=editable,
        voice_form=form,
        upload_form=upload,
        form=form_with_errors,
        conflict=conflict,
        age=age,
        suggestion=PARTICIPATION_CHOICES[services.suggested_code(age, record)],
        pictures=record.pictures if record else [],
        methods=VIEW_METHODS,
        codes=PARTICIPATION_CHOICES,
        advocacy_answers=ADVOCACY_ANSWERS,
        visit_words=words,
        words_added=added,
        kept_from_family=family_copy.kept_for(conference, "child_voice", record and record.id),
    )


def _voice_url(conference, child) -> str:
    return url_for("conferences.voice", conference_id=conference.id, child_id=child.id)


def _conflicts(form, record) -> list[dict]:
    """What the other person saved and what this user typed, each shown as the page asks it."""
    advocacy = {"advocacy_offered": VOICE_LABELS["advocacy_offered"]}
    answers = {field: label for field, label in VOICE_LABELS.items() if field not in advocacy}
    return conflict_rows(form, record, answers, show=_shown) + conflict_rows(
        form, record, advocacy, show=lambda answer: ADVOCACY_ANSWERS.get(answer, "")
    )


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(VIEW_METHODS.get(item, item) for item in value)
    if isinstance(value, date):
        return long_date(value)
    return "" if value is None else str(value)
