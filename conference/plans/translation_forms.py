"""Forms for the translation round trip: which language to export, and the translated file with
who translated and checked it (conference/services/translations.py)."""

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import AnyOf, InputRequired, StopValidation

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    PlainForm,
    RequiredDate,
    ServiceForm,
    max_length,
    text,
)
from conference.pdf import i18n
from conference.services.pictures import megabytes, read_upload


def _language_names() -> dict[str, str]:
    """Each language the family's documents can be translated into, by code, named in English:
    the first English name i18n knows for it ("yo": "Yoruba")."""
    names: dict[str, str] = {}
    for name, code in i18n.LANGUAGE_CODES.items():
        if code != i18n.ENGLISH and name.isascii():
            names.setdefault(code, name.title())
    return dict(sorted(names.items(), key=lambda item: item[1]))


LANGUAGES = _language_names()


def _language_chosen(what: str) -> AnyOf:
    """One of LANGUAGES, or "Select the language {what}" (in the Design System's words, where
    WTForms would say "Not a valid choice")."""
    return AnyOf(list(LANGUAGES), message=f"Select the language {what}")


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


class ExportForm(PlainForm):
    """Sent as a GET: the download is a read of the plan, audited as an export."""

    language = RadioField(
        "Which language is the text to be translated into?",
        widget=GovRadioInput(),
        choices=LANGUAGES,
        validate_choice=False,
        validators=[_language_chosen("the text is to be translated into")],
    )
    submit = SubmitField("Download the text to translate", widget=GovSubmitInput())


class ImportForm(ServiceForm):
    translation = FileField("Upload the translated file", widget=GovFileInput())
    language = RadioField(
        "Which language is it translated into?",
        widget=GovRadioInput(),
        choices=LANGUAGES,
        validate_choice=False,
        validators=[_language_chosen("the file is translated into")],
    )
    translated_by = StringField(
        "Who translated it",
        widget=GovTextInput(),
        description="Their name, and their company or service",
        validators=[InputRequired("Enter who translated it"), max_length(200, "Who translated it")],
    )
    translated_on = DateInputField(
        "When was it translated?",
        name_in_messages="the date it was translated",
        description="For example, 27 3 2026",
        validators=[RequiredDate(), NotInFuture()],
    )
    checked_by = StringField(
        "Who checked it (optional)",
        widget=GovTextInput(),
        description="A qualified translator who checked the translation. Leave this blank if "
        "no one has checked it yet: staff are then told it is not checked.",
        validators=[max_length(200, "Who checked it")],
    )
    checked_on = DateInputField(
        "When was it checked? (optional)",
        name_in_messages="the date it was checked",
        validators=[NotInFuture()],
    )
    submit = SubmitField("Import the translation", widget=GovSubmitInput())

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.data_of_file = b""
        self.translation.description = (
            "The XLIFF file (.xlf or .xliff) the translator sent back, smaller than "
            f"{megabytes(max_bytes)}"
        )

    def validate_translation(self, field):
        if not field.data:
            raise StopValidation("Select the translated file")
        data = read_upload(field.data.stream, self.max_bytes)
        if len(data) > self.max_bytes:
            size = megabytes(self.max_bytes)
            raise StopValidation(f"The selected file must be smaller than {size}")
        if not data.strip():
            raise StopValidation("The selected file is empty")
        self.data_of_file = data

    def validate_checked_on(self, field):
        if field.data is None and text(self.checked_by):
            raise StopValidation("Enter the date it was checked")
        if field.data is not None and not text(self.checked_by):
            raise StopValidation("Enter who checked it, or leave the date blank")
        translated_on = self.translated_on.data
        if field.data and translated_on and field.data < translated_on:
            raise StopValidation(
                "The date it was checked must be on or after the date it was translated"
            )
