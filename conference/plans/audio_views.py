"""Audio copies of the agreed plan (issue 19): for each person who asked for their plan as
audio, the recording (the interpreter reading it, say), attached, replaced, removed and
downloaded with the same access and audit as the printed plans.

Everyone who may see the case sees the page and downloads the recordings; whoever may change the
case (services/audio_copies.may_attach) attaches and removes them.
"""

from pathlib import PurePath

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, StopValidation, ValidationError

from conference.common.access import signed_in
from conference.common.forms import ServiceForm, max_length
from conference.domain import audio as rules
from conference.extensions import db
from conference.models import Plan
from conference.pdf.i18n import LANGUAGE_CODES, language_code
from conference.pdf.parts import filename
from conference.plans import bp
from conference.services import access
from conference.services import audio_copies as services

# The languages a recording may be in: those the printed plans know, by their English names.
_NAMES = {code: name.title() for name, code in reversed(LANGUAGE_CODES.items())}
LANGUAGES = dict(sorted(_NAMES.items(), key=lambda item: item[1]))


class AudioCopyForm(ServiceForm):
    """A recording of the agreed plan for one person. The file is judged by its content."""

    person = RadioField(
        "Who is the recording for?",
        widget=GovRadioInput(),
        validators=[InputRequired("Select who the recording is for")],
    )
    language = SelectField(
        "Which language is the recording in?",
        widget=GovSelect(),
        choices={"": "Choose a language"} | LANGUAGES,
        validators=[InputRequired("Select the language of the recording")],
    )
    read_by = StringField(
        "Who read the plan aloud?",
        widget=GovTextInput(),
        description="For example, ‘Grace Okafor, Yoruba interpreter’",
        validators=[
            InputRequired("Enter who read the plan aloud"),
            max_length(200, "Who read the plan aloud"),
        ],
    )
    recording = FileField("Upload the recording", widget=GovFileInput())
    submit = SubmitField("Attach the recording", widget=GovSubmitInput())

    def __init__(self, people: list[services.Person], *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.person.choices = [(person.key, person.name) for person in people]
        self.max_bytes = max_bytes
        self.data_read: bytes = b""
        self.kind: rules.AudioKind | None = None
        self.recording.description = (
            "An MP3, M4A, OGG, WAV or WebM file smaller than " + rules.megabytes(max_bytes)
        )

    def validate_recording(self, field):
        if not field.data:
            raise StopValidation("Select a recording to upload")
        # One byte more than allowed is enough to tell that a file is too big.
        self.data_read = field.data.stream.read(self.max_bytes + 1)
        try:
            self.kind = rules.check(self.data_read, self.max_bytes)
        except rules.AudioRefused as refused:
            raise ValidationError(refused.message) from None


def _form(plan: Plan) -> AudioCopyForm:
    """The form from the request; on the page's first showing, with the person chosen (the one
    `?for=adult-3` names, as each person's copy links here, or the only one who asked for audio)
    and the language their plan is asked for in."""
    people = services.people_asking(plan)
    form = AudioCopyForm(people, max_bytes=current_app.config["MAX_AUDIO_BYTES"])
    wanted = request.args.get("for", "")
    chosen = [p for p in people if p.key == wanted] or (people if len(people) == 1 else [])
    if not form.is_submitted() and chosen:
        [person] = chosen
        form.person.data = person.key
        code = language_code(person.record.plan_language)
        form.language.data = code if code in LANGUAGES else ""
    return form


def _plan_to_attach(plan_id: int) -> Plan:
    """:raise 404: not visible. :raise 403: the user may not change the case."""
    plan = access.plan_on_record_to_view(current_user, plan_id)
    if not services.may_attach(current_user, plan):
        abort(403)
    return plan


@bp.route("/plans/<int:plan_id>/audio", methods=["GET", "POST"])
@signed_in
def audio_copies(plan_id: int):
    """Who asked for the plan as audio, their recordings, and attaching one (which replaces the
    person's recording if they have one).

    :raise 404: no such plan, or its case is not visible to the user.
    :raise 403: a save by someone who may see the case but not change it.
    """
    if request.method == "POST":
        plan = _plan_to_attach(plan_id)
    else:
        plan = access.plan_on_record_to_view(current_user, plan_id)
    form = _form(plan)
    if plan.finalised and form.validate_on_submit():
        person = services.person_by_key(plan, form.person.data)
        if person is None or form.kind is None:  # the choices and the check say otherwise
            abort(400)
        services.attach(
            current_user,
            plan,
            person,
            form.data_read,
            form.kind,
            form.language.data,
            form.read_by.data,
        )
        db.session.commit()
        flash(f"Recording of the plan for {person.name} attached", "success")
        return redirect(url_for(".audio_copies", plan_id=plan.id))
    if request.method == "GET":
        services.view_copies(current_user, plan)
        db.session.commit()
    status = 409 if request.method == "POST" and not plan.finalised else 200
    return _page(plan, form), status


def _page(plan: Plan, form: AudioCopyForm):
    return render_template(
        "views/plans/audio.html",
        plan=plan,
        form=form,
        owed=services.owed(plan),
        can_attach=services.may_attach(current_user, plan) and plan.finalised,
        may_attach=services.may_attach(current_user, plan),
        languages=LANGUAGES,
    )


@bp.route("/plans/<int:plan_id>/audio/<int:audio_copy_id>")
@signed_in
def audio_copy(plan_id: int, audio_copy_id: int):
    """The recording, as an attachment named by the case's reference. Every download is
    audited, as every print of a plan is.

    :raise 404: the plan is not visible to the user, the recording is not one of this plan's,
        or its bytes are not what was stored.
    """
    plan = access.plan_on_record_to_view(current_user, plan_id)
    copy = services.copy_in(plan, audio_copy_id) or abort(404)
    data = services.download(current_user, plan, copy)
    db.session.commit()
    if data is None:
        abort(404)
    kind = rules.KINDS.get(copy.file.media_type, rules.MP3)
    response = Response(data, mimetype=kind.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{_file_name(plan, copy)}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _file_name(plan: Plan, copy) -> str:
    """ "DEMO-0001-plan-audio-v1-3.mp3": the printed documents' rule, never a person's name."""
    name = filename(plan.case.reference, "plan-audio", f"v{plan.number}-{copy.id}")
    kind = rules.KINDS.get(copy.file.media_type, rules.MP3)
    return str(PurePath(name).with_suffix(f".{kind.extension}"))


@bp.route("/plans/<int:plan_id>/audio/<int:audio_copy_id>/remove", methods=["GET", "POST"])
@signed_in
def remove_audio_copy(plan_id: int, audio_copy_id: int):
    """Ask, then remove a recording: its record and its file, together.

    :raise 404: the plan is not visible to the user, or the recording is not one of its.
    :raise 403: the user may see the case but not change it.
    """
    plan = _plan_to_attach(plan_id)
    copy = services.copy_in(plan, audio_copy_id) or abort(404)
    person = services.person_by_key(plan, services.key_of(copy))
    if request.method == "POST":
        services.remove(current_user, plan, copy)
        db.session.commit()
        flash("Recording removed", "success")
        return redirect(url_for(".audio_copies", plan_id=plan.id))
    return render_template(
        "views/plans/audio_remove.html",
        plan=plan,
        copy=copy,
        person=person,
        language=LANGUAGES.get(copy.language, copy.language),
    )
