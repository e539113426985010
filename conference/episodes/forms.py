"""The forms of a child's episode of need and of a section 47 enquiry in it. The rules that
need only the form's own answers are checked here (domain/episodes.py); those that need the
child's other records are checked again by the services, which refuse the save."""

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectField, SubmitField
from wtforms.validators import Optional

from conference.common.forms import DateInputField, NotInFuture, RequiredDate, VersionedForm
from conference.domain import episodes as rules
from conference.domain.cin_codes import CLOSURE_REASONS, PRIMARY_NEED_CODES, REFERRAL_SOURCES
from conference.models.episode import ENQUIRY_OUTCOME_LABELS

NONE = ""
YES_NO = {"yes": "Yes", "no": "No"}
EXAMPLE = "For example, 27 3 2026"
EPISODE_LABELS = {
    "referral_date": "Referral date",
    "referral_source": "Referral source",
    "primary_need_code": "Primary need",
    "assessment_started_on": "Assessment started",
    "assessment_authorised_on": "Assessment authorised",
    "cin_plan_started_on": "Child in need plan started",
    "cin_plan_ended_on": "Child in need plan ended",
    "closed_on": "Episode closed",
    "closure_reason": "Reason for closure",
}
ENQUIRY_LABELS = {
    "strategy_discussion_on": "Strategy discussion",
    "started_on": "Enquiry started",
    "completed_on": "Enquiry completed",
    "outcome": "Outcome",
}
OUTCOMES = {outcome.value: label for outcome, label in ENQUIRY_OUTCOME_LABELS.items()}


def _date(label: str, name: str, *validators, hint: str = EXAMPLE) -> DateInputField:
    return DateInputField(
        label, name_in_messages=name, description=hint, validators=[*validators, NotInFuture()]
    )


class EpisodeForm(VersionedForm):
    referral_date = _date("Referral date", "the referral date", RequiredDate())
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
        "Was the referral closed with no further action?",
        widget=GovRadioInput(),
        choices=YES_NO,
        default="no",
        validators=[Optional()],
    )
    assessment_started_on = _date(
        "Date the assessment started (optional)", "the date the assessment started"
    )
    assessment_authorised_on = _date(
        "Date the assessment was authorised (optional)",
        "the date the assessment was authorised",
        hint="When the manager signed it off, for example 27 3 2026",
    )
    cin_plan_started_on = _date(
        "Date the child in need plan started (optional)",
        "the date the child in need plan started",
    )
    cin_plan_ended_on = _date(
        "Date the child in need plan ended (optional)", "the date the child in need plan ended"
    )
    closed_on = _date(
        "Date the episode closed (optional)",
        "the date the episode closed",
        hint="Leave blank while the episode is open, for example 27 3 2026",
    )
    closure_reason = SelectField(
        "Reason for closure",
        widget=GovSelect(),
        description="Needed when the episode has closed",
        choices={NONE: "Select a reason"} | CLOSURE_REASONS,
        validate_choice=False,  # checked below, so that a missing answer is not "invalid"
    )
    submit = SubmitField("Save episode", widget=GovSubmitInput())

    def fill_from(self, episode) -> None:
        """Fill the answers that are not stored as they are asked."""
        self.referral_nfa.data = "yes" if episode.referral_nfa else "no"
        self.closure_reason.data = episode.closure_reason or NONE

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.closure_reason.data and self.closure_reason.data not in CLOSURE_REASONS:
            self.closure_reason.errors = [
                *self.closure_reason.errors,
                "Select a reason for closure from the list",
            ]
            valid = False
        if not valid:
            return False
        return add_errors(self, rules.episode_problems(*self._dates()))

    def _dates(self):
        return (
            self.referral_date.data,
            self.assessment_started_on.data,
            self.assessment_authorised_on.data,
            self.cin_plan_started_on.data,
            self.cin_plan_ended_on.data,
            self.closed_on.data,
            self.closure_reason.data or None,
        )

    def details(self) -> dict:
        return {
            "referral_date": self.referral_date.data,
            "referral_source": self.referral_source.data or None,
            "primary_need_code": self.primary_need_code.data or None,
            "referral_nfa": self.referral_nfa.data == "yes",
            "assessment_started_on": self.assessment_started_on.data,
            "assessment_authorised_on": self.assessment_authorised_on.data,
            "cin_plan_started_on": self.cin_plan_started_on.data,
            "cin_plan_ended_on": self.cin_plan_ended_on.data,
            "closed_on": self.closed_on.data,
            "closure_reason": self.closure_reason.data or None,
        }


class EnquiryForm(VersionedForm):
    strategy_discussion_on = _date(
        "Date of the strategy discussion (optional)",
        "the date of the strategy discussion",
        hint="The discussion that decided to start the enquiry, for example 27 3 2026",
    )
    started_on = _date("Date the enquiry started", "the date the enquiry started", RequiredDate())
    completed_on = _date(
        "Date the enquiry was completed (optional)",
        "the date the enquiry was completed",
        hint="Leave blank while the enquiry is going on, for example 27 3 2026",
    )
    outcome = RadioField(
        "What did the enquiry conclude? (optional while it is going on)",
        widget=GovRadioInput(),
        choices=OUTCOMES,
        validators=[Optional()],
    )
    submit = SubmitField("Save enquiry", widget=GovSubmitInput())

    def __init__(self, episode, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._episode = episode

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        problems = rules.enquiry_problems(
            self.strategy_discussion_on.data,
            self.started_on.data,
            self.completed_on.data,
            self.outcome.data or None,
            self._episode.referral_date,
            self._episode.closed_on,
        )
        return add_errors(self, problems)

    def details(self) -> dict:
        return {
            "strategy_discussion_on": self.strategy_discussion_on.data,
            "started_on": self.started_on.data,
            "completed_on": self.completed_on.data,
            "outcome": self.outcome.data or None,
        }


def add_errors(form, problems) -> bool:
    """Put each (field, message) by its field; True when there were none."""
    for field, message in problems:
        if message not in form[field].errors:
            form[field].errors = [*form[field].errors, message]
    return not problems
