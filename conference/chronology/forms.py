"""The chronology's filters (a GET form: filtering changes nothing), a significant event entered
by hand and its correction, and management oversight with its actions."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional, ValidationError

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    PlainForm,
    RequiredDate,
    ServiceForm,
    VersionedForm,
    max_length,
)
from conference.common.keyed_rows import KeyedRows
from conference.domain.chronology import KIND_LABELS, Filters, Kind

ACTION_ROWS = 3
EVENT_LABELS = {
    "occurred_on": "Date of the event",
    "what_happened": "What happened",
    "source": "Source",
    "impact_on_child": "Impact on the child",
    "child_ids": "Who it is about",
    "not_for_family": "Not for the family",
}


class FilterForm(ServiceForm):
    class Meta:
        csrf = False  # a search: it changes nothing, and its address can be shared

    child = SelectField("Child", widget=GovSelect(), default="", validate_choice=False)
    kind = SelectField(
        "Type of event",
        widget=GovSelect(),
        default="",
        choices={"": "All types of event"}
        | {kind.value: label for kind, label in KIND_LABELS.items()},
        validate_choice=False,
    )
    start = DateInputField("From", name_in_messages="the ‘from’ date")
    end = DateInputField("To", name_in_messages="the ‘to’ date")
    submit = SubmitField("Show events", widget=GovSubmitInput())

    def __init__(self, formdata, children, with_oversight: bool = True, **kwargs):
        super().__init__(formdata, **kwargs)
        self.child.choices = {"": "Every child and the family"} | {
            str(child.id): child.name for child in children
        }
        if not with_oversight:  # not offered to whoever may not see it (services/access.py)
            self.kind.choices = {
                value: label
                for value, label in self.kind.choices.items()
                if value != Kind.OVERSIGHT
            }

    def validate_child(self, field):
        if field.data and field.data not in field.choices:
            raise ValidationError("Select a child from the list")

    def validate_kind(self, field):
        if field.data and field.data not in field.choices:
            raise ValidationError("Select a type of event from the list")

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError("The ‘to’ date must be the same as or after the ‘from’ date")

    def filters(self) -> Filters:
        """What was asked for; call only once the form is valid."""
        return Filters(
            child_id=int(self.child.data) if self.child.data else None,
            kinds=(Kind(self.kind.data),) if self.kind.data else (),
            from_on=self.start.data,
            to_on=self.end.data,
        )


class EventForm(VersionedForm):
    occurred_on = DateInputField(
        EVENT_LABELS["occurred_on"],
        name_in_messages="the date of the event",
        description="For example, 27 3 2026",
        validators=[RequiredDate(), NotInFuture()],
    )
    what_happened = TextAreaField(
        EVENT_LABELS["what_happened"],
        widget=GovTextArea(),
        description="A summary of the significant event, not a running record",
        validators=[InputRequired("Enter what happened")],
    )
    source = StringField(
        EVENT_LABELS["source"],
        widget=GovTextInput(),
        description="Where this is known from: for example, the school’s designated "
        "safeguarding lead, a police notification, the health visitor",
        validators=[InputRequired("Enter where this is known from"), max_length(200, "Source")],
    )
    impact_on_child = TextAreaField(
        EVENT_LABELS["impact_on_child"],
        widget=GovTextArea(),
        description="What this meant for the child or children, as far as is known",
        validators=[InputRequired("Enter the impact on the child")],
    )
    child_ids = SelectMultipleField(
        "Which children is it about?",
        widget=GovCheckboxesInput(),
        description="Select none if it is about the whole family",
        coerce=int,
        validators=[Optional()],
    )
    not_for_family = BooleanField(
        "Not for the family: a family member must not see this event",
        widget=GovCheckboxInput(),
    )
    submit = SubmitField("Save event", widget=GovSubmitInput())

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_ids.choices = {child.id: child.name for child in children}
        self.child_ids.invalid_choice_message = "Select children in this family"

    def fill_from(self, event) -> None:
        self.child_ids.data = list(event.child_ids or [])

    def details(self) -> dict:
        return {
            "occurred_on": self.occurred_on.data,
            "what_happened": self.what_happened.data,
            "source": self.source.data,
            "impact_on_child": self.impact_on_child.data,
            "child_ids": list(self.child_ids.data or []),
            "not_for_family": bool(self.not_for_family.data),
        }


class CorrectionForm(EventForm):
    reason = TextAreaField(
        "Why are you correcting it?",
        widget=GovTextArea(),
        description="The earlier wording is kept, with your reason, and the chronology shows "
        "the event was amended",
        validators=[InputRequired("Enter why you are correcting the event")],
    )
    submit = SubmitField("Save correction", widget=GovSubmitInput())


class ActionRow(PlainForm):
    """One action from the supervision. A row left blank is not an action."""

    description = TextAreaField("What needs to be done", widget=GovTextArea())
    owner = SelectField("Who will do it", widget=GovSelect(), default="", validate_choice=False)
    due_on = DateInputField("By when", name="due-on")

    def __init__(self, *args, number: int, owners: list, **kwargs):
        self.number = number  # before the post is read: `process` names the date with it
        super().__init__(*args, **kwargs)
        self.owner.choices = {"": "Choose who will do it"} | {
            str(user.id): user.name for user in owners
        }

    def process(self, *args, **kwargs) -> None:
        # A date that is not real is refused while the post is read, so its message must name
        # the action by then ("The date for action 2 must be a real date", not "By when ...").
        self.due_on.name_in_messages = f"the date for action {self.number}"
        super().process(*args, **kwargs)

    @property
    def blank(self) -> bool:
        return not (
            (self.description.data or "").strip()
            or self.owner.data
            or any(self.due_on.raw_data or [])
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.blank:
            return valid
        n = self.number
        if not (self.description.data or "").strip():
            self.description.errors.append(f"Enter what needs to be done for action {n}")
            valid = False
        if not self.owner.data or self.owner.data not in self.owner.choices:
            self.owner.errors.append(f"Select who will do action {n}")
            valid = False
        if self.due_on.data is None and not self.due_on.errors:
            self.due_on.errors.append(f"Enter the date for action {n}")
            valid = False
        return valid


class OversightForm(ServiceForm):
    held_on = DateInputField(
        "Date of the supervision",
        name_in_messages="the date of the supervision",
        description="For example, 27 3 2026",
        validators=[RequiredDate(), NotInFuture()],
    )
    reflection = TextAreaField(
        "What was reflected on",
        widget=GovTextArea(),
        description="The critical challenge: what is working, what is worrying, what has not "
        "been tried, the child’s lived experience",
        validators=[InputRequired("Enter what was reflected on")],
    )
    decision = TextAreaField(
        "The decision",
        widget=GovTextArea(),
        validators=[InputRequired("Enter the decision")],
    )
    action_rows = KeyedRows(FormField(ActionRow), name="action")
    submit = SubmitField("Save oversight", widget=GovSubmitInput())

    def __init__(self, *args, owners: list, **kwargs):
        rows = {n: {"number": n, "owners": owners} for n in range(1, ACTION_ROWS + 1)}
        super().__init__(*args, action_rows=rows, **kwargs)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        held_on = self.held_on.data
        for row in self.action_rows.forms:
            due = row.due_on.data
            if held_on and due and due < held_on and not row.due_on.errors:
                row.due_on.errors.append(
                    f"The date for action {row.number} must be the same as or after the date "
                    "of the supervision"
                )
                valid = False
        return valid

    def details(self) -> dict:
        return {
            "held_on": self.held_on.data,
            "reflection": self.reflection.data,
            "decision": self.decision.data,
        }

    def actions(self) -> list[dict]:
        """The description, owner and date of each action filled in."""
        return [
            {
                "description": row.description.data,
                "owner_id": int(row.owner.data),
                "due_on": row.due_on.data,
            }
            for row in self.action_rows.forms
            if not row.blank
        ]


class ActionDoneForm(VersionedForm):
    submit = SubmitField("Mark as done", widget=GovSubmitInput())
