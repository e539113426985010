"""Forms for what the family's copy leaves out: keeping one thing out, with the reason, and
putting it back."""

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from conference.common.forms import ServiceForm

CHOOSE = "Select what the family’s copy should leave out"
REASON_REQUIRED = "Enter why this is not for the family’s copy"
CHOOSE_BACK = "Select what the family’s copy should include again"


class KeepFromFamilyForm(ServiceForm):
    """`offered` ({form value: label}) is what may be kept out: set by the view from the
    conference's own records before the form is checked."""

    offered: dict[str, str] = {}

    # Radios when the page was opened without a thing chosen; a hidden value when it was.
    item = RadioField(
        "What should the family’s copy leave out?",
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[InputRequired(CHOOSE)],
    )
    # DataRequired: a reason of spaces alone says nothing on the professional record.
    reason = TextAreaField(
        "Why is this not for the family’s copy?",
        widget=GovTextArea(),
        description="The reason is printed on the professional record beside it, never on a "
        "family’s copy. For example: Tolu asked that this is not told to his dad.",
        validators=[DataRequired(REASON_REQUIRED)],
    )
    submit = SubmitField("Keep it out of the family’s copy", widget=GovSubmitInput())

    def validate_item(self, field) -> None:
        if field.data not in self.offered:
            raise ValidationError(CHOOSE)


class PutBackForm(ServiceForm):
    """`offered` as for KeepFromFamilyForm."""

    offered: dict[str, str] = {}

    item = RadioField(
        "What should the family’s copy include again?",
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[InputRequired(CHOOSE_BACK)],
    )
    submit = SubmitField("Put it back in the family’s copy", widget=GovSubmitInput())

    def validate_item(self, field) -> None:
        if field.data not in self.offered:
            raise ValidationError(CHOOSE_BACK)
