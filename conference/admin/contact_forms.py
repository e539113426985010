"""The form for the contacts families get, for the whole service or for one team: one box a
setting (conference/domain/contacts.py), each checked for what it must hold."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import ValidationError

from conference.common.forms import ServiceForm, max_length
from conference.domain import contacts as rules


class ContactCheck:
    """The domain's check for the setting's value (a phone number, an email address)."""

    def __init__(self, key: str):
        self.setting = rules.KEYS[key]

    def __call__(self, form, field):
        found = rules.problem(self.setting, field.data or "")
        if found:
            raise ValidationError(found)


def _box(key: str, kind=TextAreaField, widget=None):
    setting = rules.KEYS[key]
    return kind(
        f"{setting.label} (optional)",
        widget=widget or GovTextArea(),
        description=setting.hint,
        validators=[max_length(setting.max_length, setting.label), ContactCheck(key)],
    )


class ContactsForm(ServiceForm):
    # The settings as the form was loaded (services.contacts.fingerprint): a save by someone
    # else in between is shown, not overwritten.
    loaded = HiddenField()
    team_phone = _box("team_phone", StringField, GovTextInput())
    out_of_hours = _box("out_of_hours")
    chair_contact = _box("chair_contact")
    advocacy = _box("advocacy")
    interpreter = _box("interpreter")
    complaints = _box("complaints")
    submit = SubmitField("Save contacts", widget=GovSubmitInput())

    def values(self) -> dict[str, str]:
        return {key: (self[key].data or "").strip() for key in rules.KEYS}
