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
from conference.domain.cin_codes import CLOSURE_REASONS, PRIMARY_NEED_CODES, REFERRAL_SOURCES
from conference.domain.vocabulary import CASE_STATUS_LABELS
from conference.domain.wording import long_date
from conference.services.cases import REFERENCE_PATTERN

STATUS_CHOICES = {status.value: label for status, label in CASE_STATUS_LABELS.items()}
NONE = ""
YES_NO = {"yes": "Yes", "no": "No"}
# The fields the Children in Need census needs, in the order the form asks them.
CENSUS_FIELDS = (
    "referral_source",
    "primary_need_code",
    "referral_nfa",
    "section_47_started_on",
    "icpc_not_required",
    "closed_on",
    "closure_reason",
)
CENSUS_LABELS = {
    "referral_source": "Referral source",
    "primary_need_code": "Primary need",
    "referral_nfa": "Referral with no further action",
    "section_47_started_on": "Section 47 enquiry started",
    "icpc_not_required": "Initial conference not needed",
    "closed_on": "Date the case closed",
    "closure_reason": "Reason for closure",
}


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
    referral_source = SelectField(
        "Referral source (optional)",
        widget=GovSelect(),
        description="Who made the referral, as the Children in Need census records it",
        choices={NONE: "Not recorded yet"} | REFERRAL_SOURCES,
        validators=[Optional()],
    )
    primary_need_code = RadioField(
        "Primary need (optional)",
        widget=GovRadioInput(),
        description="The main reason the child needs services, as found at assessment",
        choices=PRIMARY_NEED_CODES,
        validators=[Optional()],
    )
    referral_nfa = RadioField(
        "Was the referral closed with no further action? (optional)",
        widget=GovRadioInput(),
        choices=YES_NO,
        validators=[Optional()],
    )
    section_47_started_on = DateInputField(
        "Date the section 47 enquiry started (optional)",
        name_in_messages="the date the section 47 enquiry started",
        description="The date of the strategy discussion that started it, for example 27 3 2026",
        validators=[NotInFuture()],
    )
    icpc_not_required = RadioField(
        "Did the section 47 enquiry end without an initial conference being needed? (optional)",
        widget=GovRadioInput(),
        choices=YES_NO,
        validators=[Optional()],
    )
    closed_on = DateInputField(
        "Date the case closed (optional)",
        name_in_messages="the date the case closed",
        description="For example, 27 3 2026",
        validators=[NotInFuture()],
    )
    closure_reason = SelectField(
        "Reason for closure",
        widget=GovSelect(),
        description="Needed when the case has closed",
        choices={NONE: "Select a reason"} | CLOSURE_REASONS,
        validate_choice=False,  # checked below, so that a missing answer is not "invalid"
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

    def validate_section_47_started_on(self, field):
        if field.data and self.referral_date.data and field.data < self.referral_date.data:
            raise ValidationError(
                "The date the section 47 enquiry started must be on or after the referral date"
            )

    def validate_closed_on(self, field):
        if field.data and self.referral_date.data and field.data < self.referral_date.data:
            raise ValidationError("The date the case closed must be on or after the referral date")

    def validate_closure_reason(self, field):
        if field.data and field.data not in CLOSURE_REASONS:
            raise ValidationError("Select a reason for closure from the list")
        if self.closed_on.data and not field.data:
            raise ValidationError("Select the reason the case closed")

    def fill_from(self, case) -> None:
        """Fill the answers that are not stored as they are asked."""
        self.referral_nfa.data = "yes" if case.referral_nfa else "no"
        self.icpc_not_required.data = "yes" if case.icpc_not_required else "no"

    def details(self) -> dict:
        closed = self.closed_on.data is not None
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
            "referral_source": self.referral_source.data or None,
            "primary_need_code": self.primary_need_code.data or None,
            "referral_nfa": self.referral_nfa.data == "yes",
            "section_47_started_on": self.section_47_started_on.data,
            "icpc_not_required": self.icpc_not_required.data == "yes",
            "closed_on": self.closed_on.data,
            "closure_reason": (self.closure_reason.data or None) if closed else None,
        }


def census_answers(details: dict) -> list[tuple[str, str, str]]:
    """(field, label, shown value) for the census answers of a case, stored or being checked."""
    shown = {
        "referral_source": REFERRAL_SOURCES.get(details.get("referral_source") or ""),
        "primary_need_code": PRIMARY_NEED_CODES.get(details.get("primary_need_code") or ""),
        "referral_nfa": "Yes" if details.get("referral_nfa") else "No",
        "section_47_started_on": _date(details.get("section_47_started_on")),
        "icpc_not_required": "Yes" if details.get("icpc_not_required") else "No",
        "closed_on": _date(details.get("closed_on")) or "Open",
        "closure_reason": CLOSURE_REASONS.get(details.get("closure_reason") or ""),
    }
    return [
        (field, CENSUS_LABELS[field], shown[field] or "Not recorded") for field in CENSUS_FIELDS
    ]


def _date(day) -> str | None:
    return long_date(day) if day else None


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
