"""Forms for the Strengthening Families map: an item, and moving it."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, StopValidation

from conference.common.forms import ServiceForm, VersionedForm, conflict_rows
from conference.domain.mapping import DIRECTIONS, HEADINGS, WORRY, heading

HEADING_CHOICES = {h.key: h.label for h in HEADINGS}

# The answers typed as free text, as the conflict table names them.
TEXT_LABELS = {
    "text": "What was said",
    "who_is_worried": "Who is worried",
    "worried_about": "About what behaviour or event",
    "could_happen": "What could happen to the child if nothing changes",
    "raised_by": "Raised by",
    "family_response": "The family’s response",
}


def _blank(value) -> bool:
    return not (value or "").strip()


class ForWorryStatement:
    """Required for a worry statement, and only for one: the guided questions."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if form.heading.data == WORRY and _blank(field.data):
            raise StopValidation(self.message)


class ForOtherHeadings:
    """Required under every heading except worry statements, whose guided questions say it."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if form.heading.data != WORRY and _blank(field.data):
            raise StopValidation(self.message)


class MapItemForm(VersionedForm):
    heading = RadioField(
        "Heading",
        widget=GovRadioInput(),
        choices=HEADING_CHOICES,
        validators=[InputRequired("Select the heading this goes under")],
    )
    who_is_worried = TextAreaField(
        "Who is worried",
        widget=GovTextArea(),
        description="Name each person and their role, for example Sam (social worker)",
        validators=[ForWorryStatement("Enter who is worried")],
    )
    worried_about = TextAreaField(
        "About what behaviour or event",
        widget=GovTextArea(),
        description="The behaviour itself, not a label such as “neglect”: what happens, when, "
        "and how anyone knows",
        validators=[ForWorryStatement("Enter what behaviour or event they are worried about")],
    )
    could_happen = TextAreaField(
        "What could happen to the child if nothing changes",
        widget=GovTextArea(),
        validators=[ForWorryStatement("Enter what could happen to the child if nothing changes")],
    )
    text = TextAreaField(
        "What was said",
        widget=GovTextArea(),
        description="In the words used in the room. For a worry statement this is optional: "
        "use it for anything said beyond the three answers.",
        validators=[ForOtherHeadings("Enter what was said")],
    )
    raised_by = StringField(
        "Raised by (optional)",
        widget=GovTextInput(),
        description="Who said it, for example Ms Jones (school) or Mum",
        validators=[Length(max=200, message="Raised by must be 200 characters or fewer")],
    )
    child_ids = SelectMultipleField(
        "Which children is this about?",
        widget=GovCheckboxesInput(),
        description="Select all that apply",
        validators=[InputRequired("Select which children this is about")],
    )
    family_response = TextAreaField(
        "The family’s response (optional)",
        widget=GovTextArea(),
        description="What the family said about this, in their own words, even if they disagree",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, children, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_ids.choices = {str(child.id): child.name for child in children}

    def details(self) -> dict:
        return {
            "heading": self.heading.data,
            "text": self.text.data or "",
            "who_is_worried": self.who_is_worried.data or "",
            "worried_about": self.worried_about.data or "",
            "could_happen": self.could_happen.data or "",
            "raised_by": self.raised_by.data or "",
            "child_ids": [int(child_id) for child_id in self.child_ids.data],
            "family_response": self.family_response.data or "",
        }


def conflicts(form: MapItemForm, item, children) -> list[dict]:
    """Where the saved item and what this user typed differ, for the conflict table."""
    rows = []
    if form.heading.data != item.heading:
        rows.append(
            {
                "label": "Heading",
                "saved": heading(item.heading).label,
                "yours": HEADING_CHOICES.get(form.heading.data, ""),
            }
        )
    rows += conflict_rows(form, item, TEXT_LABELS)
    typed = {int(child_id) for child_id in form.child_ids.data or []}
    if typed != set(item.child_ids or []):
        names = {child.id: child.name for child in children}
        rows.append(
            {
                "label": "Which children",
                "saved": ", ".join(names.get(i, "") for i in item.child_ids or []),
                "yours": ", ".join(names[i] for i in sorted(typed) if i in names),
            }
        )
    return rows


class MoveForm(ServiceForm):
    """The small buttons beside each item: up or down within its heading, or to the end of
    another heading. Exactly one of the two is sent."""

    direction = HiddenField()
    heading = SelectField("Move to", choices=HEADING_CHOICES, validate_choice=False)

    def validate_direction(self, field):
        if field.data and field.data not in DIRECTIONS:
            raise StopValidation("Select up or down")

    def validate_heading(self, field):
        if self.direction.data:
            return
        if field.data not in HEADING_CHOICES:
            raise StopValidation("Select the heading to move this to")
