"""The dashboard's filters (a GET form: nothing is changed by filtering), the commentary form and
the targets' forms."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from conference.common.forms import DateInputField, ServiceForm, VersionedForm, max_length
from conference.domain.targets import too_precise, typed_value

MAX_MONTHS = 36
COMMENTARY_MAX = 5000
MOST_CHILDREN = 100_000
BETTER_CHOICES = {"higher": "Higher is better", "lower": "Lower is better"}


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


class TargetForm(VersionedForm):
    """A figure's target: `percentage` says whether the figure is a percentage (most) or a
    number of children (children on a plan)."""

    value = StringField("Target", widget=GovTextInput(), validators=[max_length(20, "The target")])
    higher_is_better = RadioField(
        "Which is better for this figure?",
        widget=GovRadioInput(),
        choices=BETTER_CHOICES,
        validators=[InputRequired("Select whether a higher or a lower figure is better")],
    )
    submit = SubmitField("Save target", widget=GovSubmitInput())

    def __init__(self, *args, percentage: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.percentage = percentage

    def validate_value(self, field):
        if not (field.data or "").strip():
            raise ValidationError("Enter the target")
        value = typed_value(field.data)
        if value is None and too_precise(field.data):
            raise ValidationError("Enter the target with up to one decimal place, like 85.5")
        if value is None:
            raise ValidationError("Enter the target as a number, like 85.5")
        if self.percentage and value > 100:
            raise ValidationError("The target must be between 0% and 100%")
        # The size first: a number too long for a float is infinity, which int() refuses.
        if not self.percentage and (value > MOST_CHILDREN or value != int(value)):
            raise ValidationError(f"The target must be a whole number up to {MOST_CHILDREN:,}")
        self.number = value


class RemoveForm(VersionedForm):
    submit = SubmitField("Remove the target", widget=GovSubmitInput())
