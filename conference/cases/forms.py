from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    RequiredDate,
    ServiceForm,
    VersionedForm,
)
from conference.domain.vocabulary import CASE_STATUS_LABELS
from conference.services.cases import REFERENCE_PATTERN

STATUS_CHOICES = {status.value: label for status, label in CASE_STATUS_LABELS.items()}
NONE = ""


class CaseForm(VersionedForm):
    reference = StringField(
        "Case reference",
        widget=GovTextInput(),
        description="Letters, a hyphen and numbers, for example HAV-000123",
        filters=[lambda value: value.strip().upper() if isinstance(value, str) else value],
        validators=[
            InputRequired("Enter the case reference"),
            Regexp(REFERENCE_PATTERN, message="Enter a case reference like HAV-000123"),
        ],
    )
    team_id = SelectField("Team", widget=GovSelect(), validators=[InputRequired("Select a team")])
    pod_id = SelectField("Pod", widget=GovSelect(), validators=[Optional()])
    social_worker_id = SelectField("Allocated social worker", widget=GovSelect())
    address = TextAreaField(
        "Family’s address (optional)",
        widget=GovTextArea(),
        validators=[Length(max=500, message="Address must be 500 characters or fewer")],
    )
    referral_date = DateInputField(
        "Referral date",
        name_in_messages="the referral date",
        description="For example, 27 3 2026",
        validators=[RequiredDate(), NotInFuture()],
    )
    opened_on = DateInputField(
        "Date the case opened",
        name_in_messages="the date the case opened",
        description="For example, 27 3 2026",
        validators=[RequiredDate(), NotInFuture()],
    )
    status = RadioField(
        "Status",
        widget=GovRadioInput(),
        choices=STATUS_CHOICES,
        validators=[InputRequired("Select the status of the case")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def __init__(self, teams, pods, social_workers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_id.choices = {NONE: "Select a team"} | {str(t.id): t.name for t in teams}
        self.pod_id.choices = {NONE: "No pod"} | {
            str(p.id): f"{p.team.name} – {p.name}" for p in pods
        }
        self.social_worker_id.choices = {NONE: "Not allocated yet"} | {
            str(u.id): u.name for u in social_workers
        }
        self._pod_teams = {str(p.id): str(p.team_id) for p in pods}

    def validate_team_id(self, field):
        if not field.data:
            raise ValidationError("Select a team")

    def validate_pod_id(self, field):
        if field.data and self._pod_teams.get(field.data) != self.team_id.data:
            raise ValidationError("Select a pod in the team you chose")

    def validate_opened_on(self, field):
        if field.data and self.referral_date.data and field.data < self.referral_date.data:
            raise ValidationError("The date the case opened must be on or after the referral date")

    def details(self) -> dict:
        return {
            "reference": self.reference.data,
            "team_id": int(self.team_id.data),
            "pod_id": int(self.pod_id.data) if self.pod_id.data else None,
            "social_worker_id": (
                int(self.social_worker_id.data) if self.social_worker_id.data else None
            ),
            "address": self.address.data or "",
            "referral_date": self.referral_date.data,
            "opened_on": self.opened_on.data,
            "status": self.status.data,
        }


class CreateCaseForm(ServiceForm):
    """The check-your-answers page: its button creates the case."""

    submit = SubmitField("Create case", widget=GovSubmitInput())


class SearchForm(ServiceForm):
    class Meta:
        # The filters work as a bookmarkable GET; a search is POSTed (cases/views.py), with
        # the token CSRFProtect checks on every POST.
        csrf = False

    q = StringField(
        "Search by case reference, name or child’s date of birth",
        widget=GovTextInput(),
        description="For example HAV-000123, Adebayo, or 14/3/2019",
        validators=[Length(max=100, message="Search must be 100 characters or fewer")],
    )
    team = SelectField("Team", widget=GovSelect(), validators=[Optional()])
    pod = SelectField("Pod", widget=GovSelect(), validators=[Optional()])
    status = SelectField("Status", widget=GovSelect(), validators=[Optional()])
    submit = SubmitField("Search", widget=GovSubmitInput())

    def __init__(self, teams, pods, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team.choices = {NONE: "All teams"} | {str(t.id): t.name for t in teams}
        self.pod.choices = {NONE: "All pods"} | {
            str(p.id): f"{p.team.name} – {p.name}" for p in pods
        }
        self.status.choices = {NONE: "Any status"} | STATUS_CHOICES
