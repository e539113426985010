"""The forms around printing a person's own copy of the family plan."""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovRadioInput, GovSubmitInput
from wtforms import BooleanField, RadioField, SubmitField
from wtforms.validators import DataRequired, InputRequired

from conference.common.forms import ServiceForm


class InterpreterForm(ServiceForm):
    """Before a copy whose own words are still in English is printed for someone who reads
    another language: the person printing confirms an interpreter will go through it."""

    confirmed = BooleanField(widget=GovCheckboxInput())
    submit = SubmitField("Confirm and download (PDF)", widget=GovSubmitInput())

    def __init__(self, *args, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirmed.label.text = f"An interpreter will go through the plan with {name}"
        self.confirmed.validators = [
            DataRequired(f"Confirm that an interpreter will go through the plan with {name}")
        ]


class OwnCopyForm(ServiceForm):
    """The chair (or a manager) agrees whether a young person has their own copy."""

    own_copy = RadioField(
        widget=GovRadioInput(),
        choices={"yes": "Yes", "no": "No"},
        validators=[InputRequired("Select yes if they should have their own copy")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, *args, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_copy.label.text = f"Should {name} have their own copy of the plan?"
