from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError
from wtforms.widgets import HiddenInput

from conference.common.forms import DateInputField, PlainForm, ServiceForm
from conference.domain.contacts import PHONE_EXAMPLE, is_phone_number
from conference.domain.passwords import password_problems
from conference.models import ROLE_LABELS

ROLE_CHOICES = {role.value: label for role, label in ROLE_LABELS.items()}
NO_TEAM = ""
NO_POD = ""
ANYONE = ""
YES_NO = {"yes": "Yes", "no": "No"}


class UserForm(ServiceForm):
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[InputRequired("Enter the person’s full name"), Length(max=200)],
    )
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter an email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email("Enter an email address in the correct format, like name@example.org"),
        ],
    )
    role = RadioField(
        "Role",
        widget=GovRadioInput(),
        choices=ROLE_CHOICES,
        validators=[InputRequired("Select a role")],
    )
    phone = StringField(
        "Phone number (optional)",
        widget=GovTextInput(),
        description="Printed on the family’s documents when this person is their social worker",
        validators=[Length(max=40, message="Phone number must be 40 characters or fewer")],
    )
    agency = StringField(
        "Agency",
        widget=GovTextInput(),
        description="For example, Children’s Social Care, Riverside Primary School or Police",
        validators=[Length(max=200, message="Agency must be 200 characters or fewer")],
    )
    team_id = SelectField("Team", widget=GovSelect(), validate_choice=True)
    pod_id = SelectField("Pod", widget=GovSelect(), validate_choice=True)
    senior_practitioner = RadioField(
        "Is this person a senior practitioner?",
        widget=GovRadioInput(),
        description="A senior practitioner leads a pod",
        choices=YES_NO,
        validators=[InputRequired("Select whether this person is a senior practitioner")],
    )
    version = IntegerField(widget=HiddenInput(), default=0)
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, teams, *args, **kwargs):
        """`teams` with their pods loaded."""
        super().__init__(*args, **kwargs)
        self.team_id.choices = {NO_TEAM: "No team"} | {str(t.id): t.name for t in teams}
        self.pod_id.choices = {NO_POD: "No pod"} | {
            str(p.id): f"{t.name} – {p.name}" for t in teams for p in t.pods
        }
        self._team_of_pod = {str(p.id): str(t.id) for t in teams for p in t.pods}

    def validate_phone(self, field):
        if (field.data or "").strip() and not is_phone_number(field.data):
            raise ValidationError(f"Enter a phone number, {PHONE_EXAMPLE}")

    def validate_pod_id(self, field):
        if field.data and self._team_of_pod.get(field.data) != self.team_id.data:
            raise ValidationError("Select a pod in the team you chose")


class NewUserForm(UserForm):
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        description="At least 12 characters. A few unrelated words together make a good one.",
        validators=[InputRequired("Enter a password")],
    )

    def validate_password(self, field):
        problems = password_problems(field.data or "", self.email.data or "")
        if problems:
            raise ValidationError(problems[0])


class EditUserForm(UserForm):
    active = RadioField(
        "Can this person sign in?",
        widget=GovRadioInput(),
        choices={"yes": "Yes, the account is active", "no": "No, deactivate the account"},
        validators=[InputRequired("Select whether this person can sign in")],
    )


class ResetPasswordForm(ServiceForm):
    # The account's version when the edit page was opened: the same form sent again (a reload of
    # the page showing the temporary password) must not reset the password a second time.
    version = HiddenField()
    forget_second_factor = BooleanField(
        "They have lost their authenticator app: they will set it up again",
        widget=GovCheckboxInput(),
    )
    submit = SubmitField("Reset password", widget=GovSubmitInput())


class TeamForm(ServiceForm):
    name = StringField(
        "Team name",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter a team name"),
            Length(max=120, message="Team name must be 120 characters or fewer"),
        ],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class PodForm(ServiceForm):
    name = StringField(
        "Pod name",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter a pod name"),
            Length(max=120, message="Pod name must be 120 characters or fewer"),
        ],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class AuditSearchForm(PlainForm):
    """Filters for the audit trail. A GET form: searching changes nothing, so it needs no CSRF
    token, and the filters stay in the URL for the pagination links."""

    user_id = SelectField("Who", widget=GovSelect(), default=ANYONE, validate_choice=True)
    date_from = DateInputField("Date from", description="For example, 27 3 2026")
    date_to = DateInputField("Date to", description="For example, 27 3 2026")

    def __init__(self, users, formdata):
        super().__init__(formdata)
        self.user_id.choices = {ANYONE: "Anyone"} | {
            str(u.id): f"{u.name} ({u.email})" for u in users
        }

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("Date to must be the same as or after date from")
