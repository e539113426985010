"""Forms for the child's voice: what they said and how, and pictures of their work."""

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Optional, StopValidation, ValidationError

from conference.common.forms import (
    TEXT_CEILING,
    DateInputField,
    NotInFuture,
    OnlyWhen,
    RequiredDate,
    ServiceForm,
    VersionedForm,
    max_length,
)
from conference.domain import participation
from conference.domain.participation import (
    ADVOCACY_ANSWERS,
    OTHER,
    PARTICIPATION_CODES,
    SEEN_ALONE,
    VIEW_METHODS,
)
from conference.services import pictures

YES_NO = {"yes": "Yes", "no": "No"}
PARTICIPATION_CHOICES = {code: f"{label} ({code})" for code, label in PARTICIPATION_CODES.items()}


class ExactTextArea(GovTextArea):
    """A text box that gives back exactly what was in it. Browsers drop one line break straight
    after <textarea>, so one is added: text that starts with a blank line keeps it."""

    def __call__(self, field, **kwargs):
        kwargs["value"] = "\n" + field._value()
        return super().__call__(field, **kwargs)


class VoiceForm(VersionedForm):
    """The checks and answers of the voice form. `voice_form` makes one for a child, with its
    questions worded with their name."""

    age: int | None
    advocacy_age: int

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        code = self.participation_code
        if code.data and not code.errors and not participation.code_fits_age(code.data, self.age):
            code.errors.append(
                "‘Child under 4’ (PN0) is only for children under 4 on the day of the conference"
            )
            valid = False
        advocacy = self.advocacy_offered
        if not advocacy.errors and not participation.advocacy_answer_allowed(
            advocacy.data, self.age, self.advocacy_age
        ):
            advocacy.errors.append(
                f"Advocacy must be offered to children aged {self.advocacy_age} or over"
            )
            valid = False
        return valid

    def answers(self) -> dict:
        """What to store. The seen-alone date and the other way of gathering views are kept only
        when they apply; the child's words exactly as typed."""
        methods = list(self.methods.data or [])
        return {
            "own_words": self.own_words.data or "",
            "house_of_worries": self.house_of_worries.data or "",
            "house_of_good_things": self.house_of_good_things.data or "",
            "house_of_dreams": self.house_of_dreams.data or "",
            "methods": methods,
            "method_other": (self.method_other.data or "") if OTHER in methods else "",
            "seen_alone_on": self.seen_alone_on.data if SEEN_ALONE in methods else None,
            "participation_code": self.participation_code.data,
            "advocacy_offered": self.advocacy_offered.data or None,
            "observations": self.observations.data or "",
            "observed_by": self.observed_by.data or "",
            "not_recorded_reason": self.not_recorded_reason.data or "",
        }


def voice_form(name: str, age: int | None, advocacy_age: int, **kwargs) -> VoiceForm:
    """The voice form for a child called `name` (their first name), `age` on the day of the
    conference (None if not born by then). Fields are in the order of the page, so the error
    summary is too."""

    class ChildVoiceForm(VoiceForm):
        own_words = TextAreaField(
            f"{name}’s own words",
            widget=ExactTextArea(),
            description=f"Write down exactly what {name} said, in their words",
        )
        house_of_worries = TextAreaField("House of worries", widget=ExactTextArea())
        house_of_good_things = TextAreaField("House of good things", widget=ExactTextArea())
        house_of_dreams = TextAreaField("House of dreams", widget=ExactTextArea())
        methods = SelectMultipleField(
            f"How were {name}’s views gathered?",
            widget=GovCheckboxesInput(),
            description="Select all that apply",
            choices=VIEW_METHODS,
        )
        seen_alone_on = DateInputField(
            f"Date {name} was seen alone",
            name_in_messages=f"the date {name} was seen alone",
            description="For example, 27 3 2026",
            validators=[OnlyWhen("methods", SEEN_ALONE, RequiredDate(), NotInFuture())],
        )
        method_other = StringField(
            "Other way their views were gathered",
            widget=GovTextInput(),
            validators=[
                OnlyWhen(
                    "methods",
                    OTHER,
                    InputRequired(f"Enter the other way {name}’s views were gathered"),
                    max_length(200, "Other way"),
                )
            ],
        )
        participation_code = RadioField(
            f"How did {name} take part in the conference?",
            widget=GovRadioInput(),
            choices=PARTICIPATION_CHOICES,
            validators=[InputRequired(f"Select how {name} took part in the conference")],
        )
        advocacy_offered = RadioField(
            f"Has {name} been offered an advocate?",
            widget=GovRadioInput(),
            description=f"Advocacy must be offered to children aged {advocacy_age} or over",
            choices=ADVOCACY_ANSWERS,
            validators=[Optional()],
        )
        observations = TextAreaField(
            f"Observations of {name} (a day in the life)",
            widget=GovTextArea(),
            description="For babies and children who cannot speak for themselves: what their "
            "day is like, and how they respond to the people caring for them",
        )
        observed_by = StringField(
            f"Who observed {name}",
            widget=GovTextInput(),
            description="Their name and role",
            validators=[max_length(200, "Who observed")],
        )
        not_recorded_reason = TextAreaField(
            "If the child’s views or observations are not recorded, why not",
            widget=GovTextArea(),
            validators=[max_length(TEXT_CEILING, "Why the views or observations are not recorded")],
        )
        submit = SubmitField("Save", widget=GovSubmitInput())

        def validate_observed_by(self, field):
            if (self.observations.data or "").strip() and not (field.data or "").strip():
                raise StopValidation(f"Enter who observed {name}")

    form = ChildVoiceForm(**kwargs)
    form.age, form.advocacy_age = age, advocacy_age
    return form


VOICE_LABELS = {
    "own_words": "Own words",
    "house_of_worries": "House of worries",
    "house_of_good_things": "House of good things",
    "house_of_dreams": "House of dreams",
    "methods": "How views were gathered",
    "method_other": "Other way views were gathered",
    "seen_alone_on": "Date seen alone",
    "participation_code": "Participation",
    "advocacy_offered": "Advocacy offered",
    "observations": "Observations",
    "observed_by": "Who observed",
    "not_recorded_reason": "Why views or observations are not recorded",
}


class PictureForm(ServiceForm):
    """A picture of the child's work. The file is checked by its content (see `pictures`)."""

    picture = FileField("Upload a picture", widget=GovFileInput())
    picture_description = StringField(
        "Describe the picture",
        widget=GovTextInput(),
        description="For example, ‘Drawing of her house of dreams’. People who cannot see the "
        "picture hear this instead.",
        validators=[
            InputRequired("Enter a description of the picture"),
            max_length(300, "Description"),
        ],
    )
    consent_to_share = RadioField(
        "Has consent been given to share this picture in the plan?",
        widget=GovRadioInput(),
        choices=YES_NO,
        validators=[
            InputRequired("Select whether consent has been given to share this picture in the plan")
        ],
    )
    submit = SubmitField("Upload picture", widget=GovSubmitInput())

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.checked_picture = None
        self.picture.description = (
            "A photo or scan of a drawing or other work: a PNG, JPG, GIF or WebP file smaller "
            f"than {pictures.megabytes(max_bytes)}"
        )

    def validate_picture(self, field):
        if not field.data:
            raise StopValidation("Select a picture to upload")
        data = pictures.read_upload(field.data.stream, self.max_bytes)
        try:
            self.checked_picture = pictures.check(data, self.max_bytes)
        except pictures.PictureRefused as refused:
            raise ValidationError(refused.message) from None
