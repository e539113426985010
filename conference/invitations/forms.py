"""Forms for invitations: whom to invite and for how long (staff), and the code (the family)."""

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from conference.common.forms import ServiceForm, max_length
from conference.models.invitation import VERSION_LABELS
from conference.services.invitations import LONGEST_DAYS

CHOOSE_PERSON = "Select who you are inviting"
CHOOSE_VERSION = "Select which questions they are asked"
DAYS = f"Enter the number of days as a whole number from 1 to {LONGEST_DAYS}"


class InviteForm(ServiceForm):
    """`person.choices` are the case's adults and children, set by the view."""

    person = RadioField(
        "Who are you inviting?",
        widget=GovRadioInput(),
        validators=[InputRequired(CHOOSE_PERSON)],
    )
    version = RadioField(
        "Which questions should they be asked?",
        widget=GovRadioInput(),
        description="Choose by their age and what they need. A young person writes their "
        "worries, the good things and their hopes in their own words; a younger child answers "
        "with pictures, with an adult they trust helping.",
        choices=dict(VERSION_LABELS),
        validators=[InputRequired(CHOOSE_VERSION)],
    )
    days = StringField(
        "How many days should the code last? (optional)",
        widget=GovTextInput(),
        validators=[max_length(3, "The number of days")],
    )
    submit = SubmitField("Make the invitation", widget=GovSubmitInput())

    def validate_days(self, field) -> None:
        typed = (field.data or "").strip()
        if field.errors or not typed:
            return
        if not typed.isascii() or not typed.isdigit() or not 1 <= int(typed) <= LONGEST_DAYS:
            raise ValidationError(DAYS)

    @property
    def number_of_days(self) -> int | None:
        typed = (self.days.data or "").strip()
        return int(typed) if typed else None


class WithdrawForm(ServiceForm):
    submit = SubmitField("Withdraw the invitation", widget=GovSubmitInput())


class CodeForm(ServiceForm):
    code = StringField(
        "Your code",
        widget=GovTextInput(),
        description="It is on your letter, or your social worker gave it to you. "
        "For example, K7QM 3XRT 9HWP C2DA.",
        validators=[max_length(40, "Your code")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())
