"""Forms for the plan as a whole: its own statements, and finalising it."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, IntegerField, SubmitField, TextAreaField
from wtforms.validators import StopValidation

from conference.common.forms import ServiceForm, VersionedForm

DETAIL_LABELS = {
    "contingency_plan": "Contingency plan",
    "child_seen": "When will each child be seen, and seen alone, and by whom?",
    "identity_statement": "How did the children’s ethnicity, culture, religion and language "
    "shape this plan?",
    "child_views_statement": "How does this plan use what the children said?",
}

VISIT_INTERVAL_LABEL = "How often the social worker visits each child (working days) (optional)"
FEWEST_WORKING_DAYS, MOST_WORKING_DAYS = 1, 40


class WorkingDaysField(IntegerField):
    """A whole number of working days, or blank; said in the Design System's words when it is
    not one."""

    widget = GovTextInput()

    def process_formdata(self, valuelist):
        typed = str(valuelist[0]).strip() if valuelist else ""
        if not typed:
            self.data = None
            return
        if not (typed.isascii() and typed.isdigit()):
            self.data = None
            raise ValueError(
                "Enter how often the social worker visits as a whole number of working days, "
                "like 10"
            )
        self.data = int(typed)


class WorkingDaysBetween:
    def __call__(self, form, field):
        if field.data is not None and not FEWEST_WORKING_DAYS <= field.data <= MOST_WORKING_DAYS:
            raise StopValidation(
                f"How often the social worker visits must be between {FEWEST_WORKING_DAYS} and "
                f"{MOST_WORKING_DAYS} working days"
            )


class PlanDetailsForm(VersionedForm):
    contingency_plan = TextAreaField(
        DETAIL_LABELS["contingency_plan"],
        widget=GovTextArea(),
        description="What will happen if things do not change. It is needed before the plan "
        "is finalised.",
    )
    child_seen = TextAreaField(
        DETAIL_LABELS["child_seen"],
        widget=GovTextArea(),
        description="For example, Sam Jones (social worker) sees Lily alone at school every "
        "2 weeks",
    )
    identity_statement = TextAreaField(
        DETAIL_LABELS["identity_statement"],
        widget=GovTextArea(),
        description="Say what will happen because of them, not only who the family are: for "
        "example an interpreter at every meeting, the plan in the family’s language, help from "
        "their church, mosque or community, and how the plan keeps the children connected to "
        "their heritage. If they did not shape it, give the family’s own reason.",
    )
    child_views_statement = TextAreaField(
        DETAIL_LABELS["child_views_statement"],
        widget=GovTextArea(),
        description="Which goals answer what the children said they want or worry about, "
        "or why their views are not known yet",
    )
    visit_interval_working_days = WorkingDaysField(
        VISIT_INTERVAL_LABEL, validators=[WorkingDaysBetween()]
    )
    submit = SubmitField("Save changes", widget=GovSubmitInput())

    def __init__(self, *args, default_interval: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit_interval_working_days.description = (
            f"Leave blank to use the council’s setting: every {default_interval} working days. "
            "Each child on the plan is seen at least this often, and seen alone."
        )

    def details(self) -> dict:
        return {name: self[name].data or "" for name in DETAIL_LABELS} | {
            "visit_interval_working_days": self.visit_interval_working_days.data
        }


class ReasonRequired:
    """A reason is needed only when findings are outstanding."""

    def __call__(self, form, field):
        if form.needs_reason and not (field.data or "").strip():
            raise StopValidation("Enter why the plan is being finalised with findings outstanding")


class FinalisePlanForm(ServiceForm):
    reason = TextAreaField(
        "Why is the plan being finalised with these findings outstanding?",
        widget=GovTextArea(),
        description="This is kept with the plan, with the findings you accept",
        validators=[ReasonRequired()],
    )
    # The findings the chair saw: if they change before the form is sent, it is not accepted.
    fingerprint = HiddenField()
    submit = SubmitField("Finalise the plan", widget=GovSubmitInput())

    def __init__(self, needs_reason: bool, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_reason = needs_reason
