"""The conference hub's own forms: finalising, and dated amendments after it is finalised."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from conference.common.forms import ServiceForm


class FinaliseForm(ServiceForm):
    submit = SubmitField("Finalise the conference", widget=GovSubmitInput())


class AmendmentForm(ServiceForm):
    section = StringField(
        "Which part of the record does this correct?",
        widget=GovTextInput(),
        description="For example, Map: worry statement 2, or Decision for Tolu",
        validators=[
            InputRequired("Enter which part of the record this corrects"),
            Length(max=100, message="This must be 100 characters or fewer"),
        ],
    )
    text = TextAreaField(
        "The correction",
        widget=GovTextArea(),
        description="The original stays on the record; this is shown beside it, with the date.",
        validators=[InputRequired("Enter the correction")],
    )
    submit = SubmitField("Add the amendment", widget=GovSubmitInput())
