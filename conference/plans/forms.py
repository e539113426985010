"""Forms for the plan as a whole: its own statements, and finalising it."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import StopValidation

from conference.common.forms import ServiceForm, VersionedForm

DETAIL_LABELS = {
    "contingency_plan": "Contingency plan",
    "child_seen": "When will each child be seen, and seen alone, and by whom?",
    "identity_statement": "How did the children’s ethnicity, culture, religion and language "
    "shape this plan?",
    "child_views_statement": "How does this plan use what the children said?",
}


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
        description="For example, the language the plan is written in, faith and community "
        "in the safety network, and how the plan keeps the children connected to their "
        "heritage. If they did not shape it, say why.",
    )
    child_views_statement = TextAreaField(
        DETAIL_LABELS["child_views_statement"],
        widget=GovTextArea(),
        description="Which goals answer what the children said they want or worry about, "
        "or why their views are not known yet",
    )
    submit = SubmitField("Save changes", widget=GovSubmitInput())

    def details(self) -> dict:
        return {name: self[name].data or "" for name in DETAIL_LABELS}


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
