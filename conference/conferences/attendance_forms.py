"""The form for one person invited to a conference."""

import re

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, StopValidation

from conference.common.forms import (
    OnlyWhen,
    PlainForm,
    ServiceForm,
    VersionedForm,
    conflict_rows,
    max_length,
    record_id,
)
from conference.common.keyed_rows import KeyedRows
from conference.domain.quorum import (
    AGENCY_TYPES,
    APOLOGIES,
    ATTENDANCE,
    ATTENDED,
    EXCLUDED,
    INVITED,
    REPORT_SENT,
)

YES_NO = {"yes": "Yes", "no": "No"}
NONE = ""


class AttendeeForm(VersionedForm):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        description="If you link a family member, a child or an account under ‘More about this "
        "person’, you can leave this blank and their name is used",
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
    child_id = SelectField(
        "A child in the family (optional)",
        widget=GovSelect(),
        default=NONE,
        description="A child or young person who comes, or sends apologies, is on the list too. "
        "Their voice page then says whether they attended.",
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
    apologies_reason = TextAreaField(
        "Why they could not come (optional)",
        widget=GovTextArea(),
        validators=[OnlyWhen("attendance", APOLOGIES, max_length(1000, "Why they could not come"))],
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

    def __init__(self, adults, users, children, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.adult_id.choices = {NONE: "Not linked"} | {str(a.id): a.name for a in adults}
        self.child_id.choices = {NONE: "Not a child in the family"} | {
            str(c.id): c.name for c in children
        }
        self.user_id.choices = {NONE: "No account"} | {
            str(u.id): f"{u.name} – {u.agency}" if u.agency else u.name for u in users
        }
        if not self.is_submitted() and "obj" in kwargs:
            self.fill_from(kwargs["obj"])
        if not self.child_id.raw_data:  # not posted: the link as it is stored, if any
            self.child_id.data = str(getattr(kwargs.get("obj"), "child_id", None) or "")

    def fill_from(self, attendee) -> None:
        """Fill the answers that are not stored as they are asked."""
        self.adult_id.data = str(attendee.adult_id or "")
        self.user_id.data = str(attendee.user_id or "")
        self.child_id.data = str(attendee.child_id or "")
        for name in ("is_parent", "interpreter_present", "is_advocate", "is_supporter"):
            self[name].data = "yes" if getattr(attendee, name) else "no"

    def validate_name(self, field):
        linked = self.adult_id.data or self.user_id.data or self.child_id.data
        if not (field.data or "").strip() and not linked:
            raise StopValidation("Enter the person’s name")

    def details(self) -> dict:
        """The attendee's answers as stored; only the answers that apply are kept."""
        interpreter = self.interpreter_present.data == "yes"
        excluded = self.attendance.data == EXCLUDED
        apologies = self.attendance.data == APOLOGIES
        return {
            "name": self.name.data or "",
            "role": self.role.data or "",
            "agency": self.agency.data or "",
            "agency_type": self.agency_type.data,
            "relationship_to_family": self.relationship_to_family.data or "",
            "is_parent": self.is_parent.data == "yes",
            "adult_id": int(self.adult_id.data) if self.adult_id.data else None,
            "user_id": int(self.user_id.data) if self.user_id.data else None,
            "child_id": int(self.child_id.data) if self.child_id.data else None,
            "attendance": self.attendance.data,
            "apologies_reason": (self.apologies_reason.data or "") if apologies else "",
            "exclusion_reason": (self.exclusion_reason.data or "") if excluded else "",
            "interpreter_present": interpreter,
            "interpreter_language": (self.interpreter_language.data or "") if interpreter else "",
            "interpreter_dialect": (self.interpreter_dialect.data or "") if interpreter else "",
            "is_advocate": self.is_advocate.data == "yes",
            "is_supporter": self.is_supporter.data == "yes",
        }


MORE_DETAIL = (
    "agency",
    "adult_id",
    "child_id",
    "relationship_to_family",
    "is_parent",
    "is_supporter",
    "is_advocate",
    "user_id",
    "interpreter_present",
    "interpreter_language",
    "interpreter_dialect",
)


def more_detail_has_errors(form: AttendeeForm) -> bool:
    """Whether "More about this person" must be open, to show an error inside it."""
    return any(form[name].errors for name in MORE_DETAIL)


# The register: who came, ticked for everyone at once.
REGISTER_CHOICES = {
    ATTENDED: "Came",
    APOLOGIES: "Sent apologies",
    INVITED: "Invited, did not come",
    REPORT_SENT: "Sent a report",
}
NOT_INVITED_CHOICE = {"not_invited": "Not invited"}


# The name a register's answer for someone offered is posted under ("person-member-7-attendance").
OFFERED_ANSWER = re.compile(r"person-(?P<key>(?:previous|member|child)-\d+)-attendance")


class RegisterRow(PlainForm):
    """One person on the register. Someone offered (not on the list yet) can be left off it."""

    attendance = RadioField(widget=GovRadioInput(), validate_choice=False)
    apologies_reason = StringField(
        "Why they could not come (optional)",
        widget=GovTextInput(),
        # The ceiling holds whatever was chosen (the box is in the page either way); the reason
        # is kept only with apologies (`record_register`).
        validators=[max_length(500, "Why they could not come")],
    )
    version = HiddenField()

    def __init__(self, *args, invitee, **kwargs):
        self.invitee = invitee
        super().__init__(*args, **kwargs)
        offered = invitee.attendee is None
        self.attendance.choices = REGISTER_CHOICES | (NOT_INVITED_CHOICE if offered else {})
        # Whatever was not posted is as recorded (or, for someone offered, left off the list).
        attendee = invitee.attendee
        recorded = {
            "attendance": "not_invited" if offered else attendee.attendance,
            "apologies_reason": "" if offered else attendee.apologies_reason,
            "version": "" if offered else str(attendee.version),
        }
        for name, value in recorded.items():
            if not self[name].raw_data:
                self[name].data = value

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.attendance.errors and self.attendance.data not in self.attendance.choices:
            self.attendance.errors.append(f"Select whether {self.invitee.name} came")
            valid = False
        return valid

    def answer(self) -> tuple[str, str, int | None]:
        version = record_id(self.version.data)
        return (self.attendance.data, self.apologies_reason.data or "", version)


class RegisterForm(ServiceForm):
    people = KeyedRows(FormField(RegisterRow), name="person")
    submit = SubmitField("Save attendance", widget=GovSubmitInput())

    def __init__(self, invitees, *args, **kwargs):
        rows = {invitee.key: {"invitee": invitee} for invitee in invitees}
        super().__init__(*args, people=rows, **kwargs)

    def answers(self) -> dict:
        return {row.invitee.key: row.answer() for row in self.people.forms}

    def ticked_since_listed(self, formdata) -> dict:
        """Answers posted for people offered when the page was loaded whom the register no
        longer offers (someone else put them on the list meanwhile), as `answers` gives them:
        the service refuses the save rather than list them twice."""
        shown = {row.invitee.key for row in self.people.forms}
        found = {}
        for name, value in formdata.items():
            match = OFFERED_ANSWER.fullmatch(name)
            if match and match["key"] not in shown and value in REGISTER_CHOICES:
                found[match["key"]] = (value, "", None)
        return found

    def refresh_versions(self, invitees) -> None:
        """After a conflict: saving again knowingly replaces the other person's changes."""
        current = {i.key: i.attendee.version for i in invitees if i.attendee is not None}
        for row in self.people.forms:
            if row.invitee.key in current:
                row.version.data, row.version.raw_data = str(current[row.invitee.key]), None


def register_conflicts(people: list[tuple[str, str]], conference) -> list[dict]:
    """For each person (name, what was ticked) this register ticked whom someone else put on
    the list meanwhile: what is saved now, and what this person ticked."""
    saved = {attendee.name: attendee for attendee in conference.attendees}
    return [
        {
            "label": name,
            "saved": REGISTER_CHOICES.get(saved[name].attendance, "") if name in saved else "",
            "yours": REGISTER_CHOICES.get(ticked, ticked),
        }
        for name, ticked in people
    ]


ATTENDEE_LABELS = {
    "name": "Name",
    "role": "Role",
    "agency": "Agency or organisation",
    "agency_type": "Type of agency",
    "relationship_to_family": "Relationship to the family",
    "attendance": "Attendance",
    "apologies_reason": "Why they could not come",
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
