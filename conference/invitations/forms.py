"""Forms for invitations: whom to invite and for how long (staff), and the code (the family)."""

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import HiddenField, RadioField, StringField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from conference.common.forms import ServiceForm, max_length
from conference.models import Adult
from conference.models.invitation import VERSION_LABELS
from conference.services import invitations
from conference.services.invitations import LONGEST_DAYS

CHOOSE_PERSON = "Select who you are inviting"
CHOOSE_VERSION = "Select which questions they are asked"
DAYS = f"Enter the number of days as a whole number from 1 to {LONGEST_DAYS}"
UNBORN = "{name} is not born yet: select someone who can give their views"
FOR_AN_ADULT = "{name} is an adult: select the questions for a parent or carer"
FOR_A_CHILD = "{name} is a child: select the questions for a young person or a younger child"
INVITED = (
    "{name} is invited already. If their code was lost, withdraw that invitation first, "
    "then invite them again"
)


class CodeLasts:
    """A form's optional `days` field: how many days a code lasts (empty: the form's default)."""

    def validate_days(self, field) -> None:
        typed = (field.data or "").strip()
        if field.errors or not typed:
            return
        if not typed.isascii() or not typed.isdigit() or not 1 <= int(typed) <= LONGEST_DAYS:
            raise ValidationError(DAYS)

    @property
    def number_of_days(self) -> int | None:
        typed = (self.days.data or "").strip()
        return int(typed) if typed else None


class InviteForm(CodeLasts, ServiceForm):
    """`people` are the case's adults and children by the form's value ("adult:3"); only those
    who may be invited are offered, and only the questions that fit someone offered. `invited`
    are the values of those whose invitation is open: a new one would silently stop the code
    they were given (Back on the code page, then the button again, did that)."""

    person = RadioField(
        "Who are you inviting?",
        widget=GovRadioInput(),
        validators=[InputRequired(CHOOSE_PERSON)],
        validate_choice=False,  # validate_person says what is wrong
    )
    version = RadioField(
        "Which questions should they be asked?",
        widget=GovRadioInput(),
        description="Choose by their age and what they need. A parent or carer is asked what "
        "is working well, what worries them, what needs to happen and what they think of the "
        "report. A young person writes their worries, the good things and their hopes in their "
        "own words, and gives a score. A younger child answers with pictures, with an adult "
        "they trust helping.",
        validators=[InputRequired(CHOOSE_VERSION)],
        validate_choice=False,  # validate_version says what is wrong
    )
    days = StringField(
        "How many days should the code last? (optional)",
        widget=GovTextInput(),
        validators=[max_length(3, "The number of days")],
    )
    # The form's one use (once.py): not the code, which is never kept.
    once = HiddenField()
    submit = SubmitField("Make the invitation", widget=GovSubmitInput())

    def __init__(self, *args, people: dict | None = None, invited=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people, self.invited = people or {}, invited
        offered = [(value, p) for value, p in self.people.items() if invitations.may_be_invited(p)]
        self.person.choices = [(value, p.name) for value, p in offered]
        fitting = {version for _value, p in offered for version in invitations.versions_for(p)}
        self.version.choices = [
            (version, label) for version, label in VERSION_LABELS.items() if version in fitting
        ]

    @property
    def chosen(self):
        """The person chosen, when the choice is one of the case's people."""
        return self.people.get(self.person.data)

    def validate_person(self, field) -> None:
        person = self.chosen
        if person is None:
            raise ValidationError(CHOOSE_PERSON)
        if not invitations.may_be_invited(person):
            raise ValidationError(
                UNBORN.format(name=person.name) if person.unborn else CHOOSE_PERSON
            )
        if field.data in self.invited:
            raise ValidationError(INVITED.format(name=person.name))

    def validate_version(self, field) -> None:
        if field.data not in dict(self.version.choices):
            raise ValidationError(CHOOSE_VERSION)
        person = self.chosen
        if person is None or field.data in invitations.versions_for(person):
            return
        message = FOR_AN_ADULT if isinstance(person, Adult) else FOR_A_CHILD
        raise ValidationError(message.format(name=person.name))


class WithdrawForm(ServiceForm):
    submit = SubmitField("Withdraw the invitation", widget=GovSubmitInput())


class LetterForm(ServiceForm):
    """The code page's button for the printed letter: the code goes back with it (it is never
    kept, so the letter can only be made while it is known) and is checked against the
    invitation's hash."""

    code = HiddenField()


class CodeForm(ServiceForm):
    code = StringField(
        "Your code",
        widget=GovTextInput(),
        description="It is on your letter, or your social worker gave it to you. "
        "For example, K7QM 3XRT 9HWP C2DA.",
        validators=[max_length(40, "Your code")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())
