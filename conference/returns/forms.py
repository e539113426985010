from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput
from wtforms import SelectField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from conference.common.forms import ServiceForm

YEARS_OFFERED = 3


class ReturnsForm(ServiceForm):
    """The census year, and a button for each return."""

    year = SelectField(
        "Census year",
        widget=GovSelect(),
        description="The Children in Need census covers 1 April to 31 March",
        validate_choice=False,
        validators=[InputRequired("Select the census year")],
    )
    check = SubmitField("Check the census", widget=GovSubmitInput())
    cin = SubmitField("Make the Children in Need census (XML)", widget=GovSubmitInput())
    cin_report = SubmitField("Make the census report (CSV)", widget=GovSubmitInput())
    annex_a = SubmitField("Make Annex A, Lists 5 and 7 (Excel)", widget=GovSubmitInput())

    def __init__(self, latest_year: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(latest_year, latest_year - YEARS_OFFERED, -1)
        self.year.choices = {str(y): f"1 April {y - 1} to 31 March {y}" for y in years}
        if self.year.data is None:
            self.year.data = str(latest_year)

    def offers(self, year: str | None) -> bool:
        return year in dict(self.year.choices)

    def validate_year(self, field):
        if field.data not in dict(self.year.choices):
            raise ValidationError("Select a census year from the list")
