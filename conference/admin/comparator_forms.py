"""The form for a published comparator: England's or statistical neighbours' value for a figure,
with its year and where it was published."""

import re
from datetime import date

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from conference.common.forms import VersionedForm, max_length
from conference.domain import clock
from conference.domain.targets import too_precise, typed_value
from conference.models.benchmark import COMPARISONS, ENGLAND

YEAR = re.compile(r"^(\d{4})-(\d{2})$")
URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def financial_year_start(today: date) -> int:
    """The calendar year the current financial year (April to March) began in."""
    return today.year if today.month >= 4 else today.year - 1


class ComparatorForm(VersionedForm):
    figure = SelectField(
        "Figure",
        widget=GovSelect(),
        description=(
            "Only the figures that are percentages: England’s number of children on a plan "
            "says nothing about one council’s"
        ),
        validate_choice=False,
    )
    comparison = RadioField(
        "Compared with",
        widget=GovRadioInput(),
        choices=COMPARISONS,
        validators=[InputRequired("Select England or statistical neighbours")],
    )
    neighbour_group = StringField(
        "Name of the statistical neighbour group (optional)",
        widget=GovTextInput(),
        description="For example, the 10 closest statistical neighbours (CIPFA)",
        validators=[max_length(200, "The name of the group")],
    )
    year = StringField(
        "Year",
        widget=GovTextInput(),
        description="The year the figure is for, like 2024-25",
        validators=[max_length(7, "The year")],
    )
    value = StringField("Value", widget=GovTextInput(), validators=[max_length(20, "The value")])
    source = StringField(
        "Source",
        widget=GovTextInput(),
        description="The publication, like ‘Characteristics of children in need, 2024-25’",
        validators=[InputRequired("Enter the source"), max_length(200, "The source")],
    )
    source_url = StringField(
        "Web address of the source (optional)",
        widget=GovTextInput(),
        validators=[max_length(500, "The web address")],
    )
    submit = SubmitField("Save comparator", widget=GovSubmitInput())

    def __init__(self, figures: dict[str, str], *args, today: date | None = None, **kwargs):
        """`figures`: {key: title}, the percentages only (a count of children, as England's
        count, cannot be compared with one council's)."""
        super().__init__(*args, **kwargs)
        self.figure.choices = [("", "Choose a figure"), *figures.items()]
        self._latest_year = financial_year_start(today or clock.today())
        self.number: float | None = None

    def validate_figure(self, field):
        if field.data not in dict(field.choices) or not field.data:
            raise ValidationError("Select a figure from the list")

    def validate_neighbour_group(self, field):
        if (field.data or "").strip() and self.comparison.data == ENGLAND:
            raise ValidationError(
                "Leave the group blank for England, or select statistical neighbours"
            )

    def validate_year(self, field):
        match = YEAR.match((field.data or "").strip())
        if not (field.data or "").strip():
            raise ValidationError("Enter the year")
        if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
            raise ValidationError("Enter the year like 2024-25")
        # Published figures are for a year begun: a later one is a slip of the keyboard.
        if int(match.group(1)) > self._latest_year:
            latest = f"{self._latest_year}-{(self._latest_year + 1) % 100:02d}"
            raise ValidationError(f"The year must be {latest} or earlier")

    def validate_value(self, field):
        if not (field.data or "").strip():
            raise ValidationError("Enter the value")
        value = typed_value(field.data)
        if value is None and too_precise(field.data):
            raise ValidationError("Enter the value with up to one decimal place, like 85.5")
        if value is None:
            raise ValidationError("Enter the value as a number, like 85.5")
        if value > 100:
            raise ValidationError("The value must be between 0% and 100%")
        self.number = value

    def validate_source_url(self, field):
        if (field.data or "").strip() and not URL.match(field.data.strip()):
            raise ValidationError("Enter a web address starting https://, like https://www.gov.uk")
