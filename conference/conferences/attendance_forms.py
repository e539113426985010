"""The form for one person invited to a conference."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, StopValidation

from conference.common.forms import OnlyWhen, VersionedForm, conflict_rows, max_length
from conference.domain.quorum import AGENCY_TYPES, ATTENDANCE, EXCLUDED

YES_NO = {"yes": "Yes", "no": "No"}
NONE = ""


class AttendeeForm(VersionedForm):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        description="If you link a family member or an account below, you can leave this blank "
        "and their name is used",
        validators=[max_length(200, "Name")],
    )
    role = StringField(
        "Role (optional)",
        widget=GovTextInput(),
        description="For example, Class teacher",
        validators=[max_length(200, "Role")],
    )
    agency = StringField(
        "Agency or organisation (optional)",
        widget=GovTextInput(),
        description="For example, Sample Primary School",
        validators=[max_length(200, "Agency")],
    )
    agency_type = RadioField(
        "Type of agency",
        widget=GovRadioInput(),
        choices=AGENCY_TYPES,
        validators=[InputRequired("Select the type of agency")],
    )
    adult_id = SelectField(
        "Family member on the case (optional)",
        widget=GovSelect(),
        description="Links this person to their record on the case. Someone with parental "
        "responsibility for any of the children is recorded as a parent.",
    )
    relationship_to_family = StringField(
        "Relationship to the family (optional)",
        widget=GovTextInput(),
        description="For family members and supporters, for example Maternal grandmother or "
        "Mum’s friend",
        validators=[max_length(200, "Relationship to the family")],
    )
    is_parent = RadioField(
        "Is this person a parent or carer of the children?",
        widget=GovRadioInput(),
        description="Parents and carers are asked to scale first",
        choices=YES_NO,
        default="no",
        validators=[InputRequired("Select whether this person is a parent or carer")],
    )
    is_supporter = RadioField(
        "Is this person a supporter of a parent or carer?",
        widget=GovRadioInput(),
        description="A solicitor attends only as a supporter of a parent, not as a "
        "representative at the conference",
        choices=YES_NO,
        default="no",
        validators=[InputRequired("Select whether this person is a supporter")],
    )
    is_advocate = RadioField(
        "Is this person an advocate?",
        widget=GovRadioInput(),
        description="Someone who speaks for the child or a parent, at their request",
        choices=YES_NO,
        default="no",
        validators=[InputRequired("Select whether this person is an advocate")],
    )
    user_id = SelectField(
        "Account in this service (optional)",
        widget=GovSelect(),
        description="If the conference puts this person in the core group, their account can "
        "then see the case",
    )
    attendance = RadioField(
        "Attendance",
        widget=GovRadioInput(),
        choices=ATTENDANCE,
        default="invited",
        validators=[InputRequired("Select whether this person attended")],
    )
    exclusion_reason = TextAreaField(
        "Why was this person excluded?",
        widget=GovTextArea(),
        validators=[
            OnlyWhen(
                "attendance", EXCLUDED, DataRequired("Enter the reason this person was excluded")
            )
        ],
    )
    interpreter_present = RadioField(
        "Was an interpreter present for this person?",
        widget=GovRadioInput(),
        choices=YES_NO,
        default="no",
        validators=[InputRequired("Select whether an interpreter was present")],
    )
    interpreter_language = StringField(
        "Language",
        widget=GovTextInput(),
        validators=[
            OnlyWhen(
                "interpreter_present",
                "yes",
                DataRequired("Enter the language the interpreter spoke"),
                max_length(100, "Language"),
            )
        ],
    )
    interpreter_dialect = StringField(
        "Dialect (optional)",
        widget=GovTextInput(),
        validators=[OnlyWhen("interpreter_present", "yes", max_length(100, "Dialect"))],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, adults, users, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.adult_id.choices = {NONE: "Not linked"} | {str(a.id): a.name for a in adults}
        self.user_id.choices = {NONE: "No account"} | {
            str(u.id): f"{u.name} – {u.agency}" if u.agency else u.name for u in users
        }
        if not self.is_submitted() and "obj" in kwargs:
            self.fill_from(kwargs["obj"])

    def fill_from(self, attendee) -> None:
        """Fill the answers that are not stored as they are asked."""
        self.adult_id.data = str(attendee.adult_id or "")
        self.user_id.data = str(attendee.user_id or "")
        for name in ("is_parent", "interpreter_present", "is_advocate", "is_supporter"):
            self[name].data = "yes" if getattr(attendee, name) else "no"

    def validate_name(self, field):
        if not (field.data or "").strip() and not self.adult_id.data and not self.user_id.data:
            raise StopValidation("Enter the person’s name")

    def details(self) -> dict:
        """The attendee's answers as stored; only the answers that apply are kept."""
        interpreter = self.interpreter_present.data == "yes"
        excluded = self.attendance.data == EXCLUDED
        return {
            "name": self.name.data or "",
            "role": self.role.data or "",
            "agency": self.agency.data or "",
            "agency_type": self.agency_type.data,
            "relationship_to_family": self.relationship_to_family.data or "",
            "is_parent": self.is_parent.data == "yes",
            "adult_id": int(self.adult_id.data) if self.adult_id.data else None,
            "user_id": int(self.user_id.data) if self.user_id.data else None,
            "attendance": self.attendance.data,
            "exclusion_reason": (self.exclusion_reason.data or "") if excluded else "",
            "interpreter_present": interpreter,
            "interpreter_language": (self.interpreter_language.data or "") if interpreter else "",
            "interpreter_dialect": (self.interpreter_dialect.data or "") if interpreter else "",
            "is_advocate": self.is_advocate.data == "yes",
            "is_supporter": self.is_supporter.data == "yes",
        }


ATTENDEE_LABELS = {
    "name": "Name",
    "role": "Role",
    "agency": "Agency or organisation",
    "agency_type": "Type of agency",
    "relationship_to_family": "Relationship to the family",
    "attendance": "Attendance",
    "exclusion_reason": "Why they were excluded",
    "interpreter_language": "Interpreter’s language",
    "interpreter_dialect": "Interpreter’s dialect",
}

YES_NO_LABELS = {
    "is_parent": "Parent or carer",
    "interpreter_present": "Interpreter present",
    "is_advocate": "Advocate",
    "is_supporter": "Supporter",
}


def attendee_conflicts(form: AttendeeForm, attendee) -> list[dict]:
    """Where the saved answers about this person and this user's typed ones differ."""
    rows = conflict_rows(form, attendee, ATTENDEE_LABELS, _shown)
    for name, label in YES_NO_LABELS.items():
        saved, typed = getattr(attendee, name), form[name].data == "yes"
        if saved != typed:
            rows.append({"label": label, "saved": _yes_no(saved), "yours": _yes_no(typed)})
    return rows


def _shown(value) -> str:
    """Agency types and attendance as their labels; other answers as typed."""
    if value is None:
        return ""
    return AGENCY_TYPES.get(value) or ATTENDANCE.get(value) or str(value)


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"
