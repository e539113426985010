from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from conference.common.forms import ServiceForm
from conference.domain.passwords import password_problems


class SignInForm(ServiceForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[InputRequired("Enter your email address"), Length(max=254)],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your password"), Length(max=1024)],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class CodeForm(ServiceForm):
    code = StringField(
        "Enter the 6-digit code from your authenticator app",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the 6-digit code from your authenticator app"),
            Regexp(r"^\s*\d{6}\s*$", message="Enter the code as 6 digits, like 123456"),
        ],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ChangePasswordForm(ServiceForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your current password"), Length(max=1024)],
    )
    new_password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description="At least 12 characters. A few unrelated words together make a good one.",
        validators=[InputRequired("Enter a new password")],
    )
    confirm_password = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your new password again")],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())

    def __init__(self, email: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._email = email

    def validate_new_password(self, field):
        problems = password_problems(field.data or "", self._email)
        if problems:
            raise ValidationError(problems[0])
        if field.data == self.current_password.data:
            raise ValidationError(
                "New password must be different from the password you signed in with"
            )

    def validate_confirm_password(self, field):
        if field.data != self.new_password.data:
            raise ValidationError("Passwords must match")
