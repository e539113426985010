"""The dashboard's filters (a GET form: nothing is changed by filtering) and the commentary form."""

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextArea
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from conference.common.forms import DateInputField, ServiceForm, VersionedForm, max_length

MAX_MONTHS = 36
COMMENTARY_MAX = 5000


class FilterForm(ServiceForm):
    class Meta:
        csrf = False  # a search: it changes nothing, and its address can be shared

    team = SelectField("Team", widget=GovSelect(), default="", validate_choice=False)
    pod = SelectField("Pod", widget=GovSelect(), default="", validate_choice=False)
    start = DateInputField("From", name_in_messages="the start date")
    end = DateInputField("To", name_in_messages="the end date")
    submit = SubmitField("Show figures", widget=GovSubmitInput())

    def __init__(self, formdata, teams, pods, **kwargs):
        super().__init__(formdata, **kwargs)
        self.team.choices = [("", "All teams")] + [(str(t.id), t.name) for t in teams]
        self.pod.choices = [("", "All pods")] + [
            (str(p.id), f"{p.team.name}: {p.name}") for p in pods
        ]
        self._pod_teams = {str(p.id): str(p.team_id) for p in pods}

    def validate_end(self, field):
        if self.start.data and field.data:
            if field.data < self.start.data:
                raise ValidationError("The end date must be the same as or after the start date")
            months = (field.data.year - self.start.data.year) * 12 + field.data.month
            if months - self.start.data.month >= MAX_MONTHS:
                raise ValidationError(f"The range must be {MAX_MONTHS} months or shorter")

    def validate_team(self, field):
        if field.data and field.data not in dict(field.choices):
            raise ValidationError("Select a team from the list")

    def validate_pod(self, field):
        if field.data and field.data not in self._pod_teams:
            raise ValidationError("Select a pod from the list")
        if field.data and self.team.data and self._pod_teams.get(field.data) != self.team.data:
            raise ValidationError("Select a pod in the team you chose, or all pods")


class CommentaryForm(VersionedForm):
    text = TextAreaField(
        "Commentary",
        widget=GovTextArea(),
        description="What explains the figure this month, and what is being done about it",
        validators=[
            InputRequired("Enter the commentary"),
            max_length(COMMENTARY_MAX, "The commentary"),
        ],
    )
    submit = SubmitField("Save commentary", widget=GovSubmitInput())
