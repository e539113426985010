from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import Email, InputRequired, Length, ValidationError
from wtforms.widgets import HiddenInput

from conference.domain.passwords import password_problems
from conference.models import ROLE_LABELS

ROLE_CHOICES = {role.value: label for role, label in ROLE_LABELS.items()}
NO_TEAM = ""


class UserForm(FlaskForm):
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
    agency = StringField(
        "Agency",
        widget=GovTextInput(),
        description="For example, Children’s Social Care, Riverside Primary School or Police",
        validators=[Length(max=200, message="Agency must be 200 characters or fewer")],
    )
    team_id = SelectField("Team", widget=GovSelect(), validate_choice=True)
    version = IntegerField(widget=HiddenInput(), default=0)
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, teams, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_id.choices = {NO_TEAM: "No team"} | {str(t.id): t.name for t in teams}


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


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""

    confirm = HiddenField(default="yes")
