"""Forms for families' feedback after a meeting: the family's own form (every text in their
language), the staff's paper form (the same questions, and whom it is from), and the offer of a
feedback code. The questions and their answers are conference/domain/feedback.py's."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from conference.common.forms import MaxLength, ServiceForm, max_length
from conference.domain import feedback as rules
from conference.invitations.forms import CodeLasts
from conference.invitations.language import gettext
from conference.pdf.i18n import N_
from conference.services import feedback, invitations

# The family's messages, in their language (an unanswered question's is the question's own).
TOO_LONG = N_("What you wrote must be %(limit)s characters or fewer")
YOU_CAN_WRITE = N_("You can write up to %(limit)s characters. You do not have to write anything.")
SEND = N_("Send your feedback")

# The staff's messages.
NOT_GIVEN = "not_given"
CHOOSE_WHO = "Select who the form is from, or that no name was given"
EMPTY_FORM = "Enter at least one answer, or what would have helped"
SELECT_STAFF_ANSWER = "Select one of the answers, or leave the question blank"
CHOOSE_PERSON = "Select who you are asking for feedback"
OFFERED = (
    "{name} has a feedback code already. If it was lost, withdraw it first, then offer a new one"
)
SENT_ALREADY = "{name} has sent their feedback for this meeting already"
ANSWERED_ALREADY = (
    "{name} has given feedback for this meeting already. Select who else the form is from, "
    "or that no name was given"
)
YOUNGER_CHILD = (
    "{name} is under {age}. Ask a younger child with their trusted adult, and type it in as a "
    "paper form"
)


class _FamilyTextArea(GovTextArea):
    """A plain text box: the character count's words are English, and set by script."""


def _question(field: str) -> RadioField:
    """The domain's question stored in `field`, as radios: its words and answers are set when
    the form is made (translated for the family)."""
    return RadioField(rules.question(field).text, widget=GovRadioInput(), validate_choice=False)


class _Answers:
    """What the question fields give, for the services: {column: code or None}."""

    def answers(self) -> dict[str, str | None]:
        return {q.field: getattr(self, q.field).data or None for q in rules.QUESTIONS}

    def question_fields(self):
        return [getattr(self, q.field) for q in rules.QUESTIONS]


class FamilyFeedbackForm(_Answers, ServiceForm):
    """The family's form: every question answered, "what would have helped" optional. Built in
    the request, after the page's language is set: its words are translated then."""

    listened_to = _question("listened_to")
    understood_decisions = _question("understood_decisions")
    understood_next_steps = _question("understood_next_steps")
    documents_in_time = _question("documents_in_time")
    documents_readable = _question("documents_readable")
    advocate = _question("advocate")
    would_have_helped = TextAreaField(rules.COMMENT_QUESTION, widget=_FamilyTextArea())
    submit = SubmitField(SEND, widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in rules.QUESTIONS:
            field = getattr(self, question.field)
            field.label.text = gettext(question.text)
            field.description = gettext(question.hint) if question.hint else ""
            field.choices = [(code, gettext(words)) for code, words in question.answers]
        comment = self.would_have_helped
        comment.label.text = gettext(rules.COMMENT_QUESTION)
        comment.description = gettext(YOU_CAN_WRITE, limit=f"{rules.LONGEST_COMMENT:,}")
        too_long = gettext(TOO_LONG, limit=f"{rules.LONGEST_COMMENT:,}")
        comment.validators = [MaxLength(max=rules.LONGEST_COMMENT, message=too_long)]
        self.submit.label.text = gettext(SEND)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for question in rules.QUESTIONS:
            field = getattr(self, question.field)
            if field.data not in dict(field.choices):
                field.errors = [gettext(question.unanswered)]
                valid = False
        return valid


class PaperFeedbackForm(_Answers, ServiceForm):
    """A paper form typed in by staff: whom it is from (or no name), and the answers as written,
    any of them left blank. `people` are the case's people by the form's value ("adult:3");
    `answered` the values of those whose feedback is in already: refused, or they count twice."""

    person = RadioField(
        "Who is the form from?",
        widget=GovRadioInput(),
        validators=[InputRequired(CHOOSE_WHO)],
        validate_choice=False,
    )
    listened_to = _question("listened_to")
    understood_decisions = _question("understood_decisions")
    understood_next_steps = _question("understood_next_steps")
    documents_in_time = _question("documents_in_time")
    documents_readable = _question("documents_readable")
    advocate = _question("advocate")
    would_have_helped = TextAreaField(
        f"{rules.COMMENT_LABEL} (optional)",
        widget=GovTextArea(),
        validators=[max_length(rules.LONGEST_COMMENT, rules.COMMENT_LABEL)],
    )
    submit = SubmitField("Save the feedback", widget=GovSubmitInput())

    def __init__(self, *args, people: dict | None = None, answered=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people, self.answered = people or {}, answered
        offered = [(v, p.name) for v, p in self.people.items() if invitations.may_be_invited(p)]
        self.person.choices = [*offered, (NOT_GIVEN, "No name was given")]
        for question in rules.QUESTIONS:
            field = getattr(self, question.field)
            field.label.text = f"{question.staff_label} (optional)"
            field.choices = list(question.answers)

    @property
    def chosen(self):
        """The person chosen, or None for "no name was given"."""
        return self.people.get(self.person.data)

    def validate_person(self, field) -> None:
        if field.data != NOT_GIVEN and field.data not in dict(self.person.choices):
            raise ValidationError(CHOOSE_WHO)
        if field.data in self.answered:
            raise ValidationError(ANSWERED_ALREADY.format(name=self.chosen.name))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self.question_fields():
            if field.data and field.data not in dict(field.choices):
                field.errors = [SELECT_STAFF_ANSWER]
                valid = False
        if valid and rules.empty(self.answers(), self.would_have_helped.data or ""):
            self.would_have_helped.errors = [EMPTY_FORM]
            valid = False
        return valid


class OfferFeedbackForm(CodeLasts, ServiceForm):
    """Whom to ask for feedback, and for how long the code works. `offered` are the values of
    those with a code that still works, `answered` of those who sent their feedback: a new
    code would stop the one they were given, or ask again what they have told us. Only those
    who may be asked online are offered (`asked_online`): not a child under 12."""

    person = RadioField(
        "Who are you asking for feedback?",
        widget=GovRadioInput(),
        validators=[InputRequired(CHOOSE_PERSON)],
        validate_choice=False,
    )
    days = StringField(
        "How many days should the code last? (optional)",
        widget=GovTextInput(),
        validators=[max_length(3, "The number of days")],
    )
    once = HiddenField()
    submit = SubmitField("Make the feedback code", widget=GovSubmitInput())

    def __init__(self, *args, people=None, offered=frozenset(), answered=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people, self.offered, self.answered = people or {}, offered, answered
        self.person.choices = [
            (value, p.name) for value, p in self.people.items() if feedback.asked_online(p)
        ]
        # The children born and alive, too young to be asked online: asked on paper instead.
        self.younger = [
            p
            for p in self.people.values()
            if invitations.may_be_invited(p) and not feedback.asked_online(p)
        ]

    @property
    def chosen(self):
        return self.people.get(self.person.data)

    def validate_person(self, field) -> None:
        person = self.chosen
        if person in self.younger:
            raise ValidationError(YOUNGER_CHILD.format(name=person.name, age=rules.ONLINE_FROM_AGE))
        if person is None or field.data not in dict(self.person.choices):
            raise ValidationError(CHOOSE_PERSON)
        if field.data in self.answered:
            raise ValidationError(SENT_ALREADY.format(name=person.name))
        if field.data in self.offered:
            raise ValidationError(OFFERED.format(name=person.name))
