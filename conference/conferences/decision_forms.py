"""The decision page for one child: each agency's view, the parents' view, the chair's decision
and what the conference names with it."""

from datetime import date

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import RadioField, SelectField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from conference.common.forms import (
    DateInputField,
    OnlyWhen,
    VersionedForm,
    attendee_label,
    conflict_rows,
)
from conference.domain.vocabulary import CATEGORIES, OUTCOMES, Outcome
from conference.domain.wording import long_date

NONE = ""
# The order of the questions on the page, after each agency's view: the error summary follows it.
PAGE_ORDER = (
    "parents_view",
    "outcome",
    "category",
    "reasons",
    "dissent",
    "lead_social_worker_id",
    "core_group",
    "contingency_plan",
    "first_core_group_on",
    "review_on",
)


class DecisionForm(VersionedForm):
    """`decision_form` adds the decision question, naming the child, and a recommendation and
    reasons for each agency giving a view."""

    parents_view = TextAreaField(
        "The parents’ view (optional)",
        widget=GovTextArea(),
        description="What the parents or carers think should happen, in their own words where "
        "you can",
    )
    category = RadioField(
        "Category of abuse",
        widget=GovRadioInput(),
        choices=CATEGORIES,
        validators=[
            OnlyWhen(
                "outcome",
                Outcome.CHILD_PROTECTION_PLAN,
                InputRequired("Select the category of abuse"),
            )
        ],
    )
    reasons = TextAreaField(
        "Reasons for the decision",
        widget=GovTextArea(),
        validators=[DataRequired("Enter the reasons for the decision")],
    )
    dissent = TextAreaField(
        "Dissent (optional)",
        widget=GovTextArea(),
        description="Who disagreed with the decision, and their reasons",
    )
    lead_social_worker_id = SelectField(
        "Lead social worker", widget=GovSelect(), validators=[Optional()]
    )
    core_group = SelectMultipleField(
        "Core group members",
        widget=GovCheckboxesInput(),
        description="Select everyone in the core group. People with an account in this service "
        "can then see the case.",
        # No Optional(): a blank value would stop the check that each one is a choice.
    )
    contingency_plan = TextAreaField(
        "Contingency plan",
        widget=GovTextArea(),
        description="What will happen if things do not change. Needed for a child protection plan.",
        validators=[
            OnlyWhen(
                "outcome",
                Outcome.CHILD_PROTECTION_PLAN,
                InputRequired(
                    "Enter the contingency plan: what will happen if things do not change"
                ),
            )
        ],
    )
    first_core_group_on = DateInputField(
        "Date of the first core group", name_in_messages="the date of the first core group"
    )
    review_on = DateInputField(
        "Date of the review conference", name_in_messages="the date of the review conference"
    )
    submit = SubmitField("Save the decision", widget=GovSubmitInput())

    agencies: list = []
    held_on: date

    def agency_fields(self):
        """(attendee, recommendation field, reasons field) for each agency giving a view."""
        for attendee in self.agencies:
            yield attendee, self[f"recommendation_{attendee.id}"], self[f"view_{attendee.id}"]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for attendee, recommendation, reasons in self.agency_fields():
            given = bool((reasons.data or "").strip())
            if given and not recommendation.data and not recommendation.errors:
                recommendation.errors.append(f"Select the recommendation of {attendee.name}")
                valid = False
            if recommendation.data and not given and not reasons.errors:
                reasons.errors.append(f"Enter the reasons for {attendee.name}’s recommendation")
                valid = False
        return valid

    def validate_first_core_group_on(self, field):
        if field.data and field.data <= self.held_on:
            raise ValidationError("The date of the first core group must be after the conference")

    def validate_review_on(self, field):
        if field.data and field.data <= self.held_on:
            raise ValidationError("The date of the review conference must be after the conference")

    def fill_from(self, decision, views: dict, attendees, default_social_worker_id) -> None:
        """Fill the answers that are not stored as they are asked: the saved decision (or, for
        a first decision, version 0 and the case's allocated worker), each agency's saved view
        and who is already in the core group."""
        if decision is None:
            self.version.data = 0
            self.lead_social_worker_id.data = str(default_social_worker_id or "")
        else:
            self.lead_social_worker_id.data = str(decision.lead_social_worker_id or "")
            self.category.data = decision.category
        for attendee, recommendation, reasons in self.agency_fields():
            view = views.get(attendee.id)
            if view is not None:
                recommendation.data, reasons.data = view.recommendation, view.reasons
        self.core_group.data = [str(a.id) for a in attendees if a.in_core_group]

    def decision_fields(self) -> dict:
        """The decision as stored: a category only for a child protection plan."""
        plan = self.outcome.data == Outcome.CHILD_PROTECTION_PLAN
        lead = self.lead_social_worker_id.data
        return {
            "outcome": self.outcome.data,
            "category": self.category.data if plan else None,
            "reasons": (self.reasons.data or "").strip(),
            "parents_view": (self.parents_view.data or "").strip(),
            "dissent": (self.dissent.data or "").strip(),
            "lead_social_worker_id": int(lead) if lead else None,
            "contingency_plan": (self.contingency_plan.data or "").strip(),
            "first_core_group_on": self.first_core_group_on.data,
            "review_on": self.review_on.data,
        }

    def views(self) -> dict[int, tuple[str | None, str]]:
        """{attendee id: (recommendation, reasons)} for each agency giving a view."""
        return {
            attendee.id: (recommendation.data or None, reasons.data or "")
            for attendee, recommendation, reasons in self.agency_fields()
        }

    def core_group_ids(self) -> set[int]:
        return {int(value) for value in self.core_group.data or []}


def decision_form(
    child, conference, agencies, social_workers, due_dates, *args, **kwargs
) -> DecisionForm:
    """The decision form for `child`, with a view for each of `agencies` (attendees)."""

    class ChildDecisionForm(DecisionForm):
        outcome = RadioField(
            "The chair’s decision",
            widget=GovRadioInput(),
            choices=OUTCOMES,
            validators=[InputRequired(f"Select the decision for {child.given_name}")],
        )

    for attendee in agencies:
        setattr(
            ChildDecisionForm,
            f"recommendation_{attendee.id}",
            RadioField(
                "Their recommendation",
                name=f"recommendation-{attendee.id}",
                widget=GovRadioInput(),
                choices=OUTCOMES,
                validators=[Optional()],
            ),
        )
        setattr(
            ChildDecisionForm,
            f"view_{attendee.id}",
            TextAreaField("Their reasons", name=f"view-{attendee.id}", widget=GovTextArea()),
        )
    form = ChildDecisionForm(*args, **kwargs)
    for name in PAGE_ORDER:
        form._fields.move_to_end(name)
    form.agencies = list(agencies)
    form.held_on = conference.held_on
    form.lead_social_worker_id.choices = {NONE: "Not chosen yet"} | {
        str(user.id): user.name for user in social_workers
    }
    form.core_group.choices = {
        str(attendee.id): attendee_label(attendee) for attendee in conference.attendees
    }
    form.first_core_group_on.description = (
        f"The first core group is {due_dates.first_core_group_text}. "
        f"For example, {_as_typed(due_dates.first_core_group)}"
    )
    form.review_on.description = (
        f"The review conference is {due_dates.review_text}. "
        f"For example, {_as_typed(due_dates.review)}"
    )
    return form


def _as_typed(day: date) -> str:
    """ "10 12 2026": how a date is typed into the day, month and year boxes."""
    return f"{day.day} {day.month} {day.year}"


DECISION_LABELS = {
    "outcome": "The chair’s decision",
    "category": "Category of abuse",
    "reasons": "Reasons for the decision",
    "parents_view": "The parents’ view",
    "dissent": "Dissent",
    "contingency_plan": "Contingency plan",
    "first_core_group_on": "Date of the first core group",
    "review_on": "Date of the review conference",
}


def decision_conflicts(form: DecisionForm, decision, views: dict) -> list[dict]:
    """Where the saved decision and agencies' views and this user's typed ones differ."""
    rows = conflict_rows(form, decision, DECISION_LABELS, _shown)
    for attendee, recommendation, reasons in form.agency_fields():
        view = views.get(attendee.id)
        saved = (view.recommendation, view.reasons) if view else (None, "")
        typed = (recommendation.data or None, (reasons.data or "").strip())
        if saved != typed:
            rows.append(
                {
                    "label": f"View of {attendee.name}",
                    "saved": _view(*saved),
                    "yours": _view(*typed),
                }
            )
    typed_lead = form.lead_social_worker_id.data or ""
    if str(decision.lead_social_worker_id or "") != typed_lead:
        choices = dict(form.lead_social_worker_id.choices)
        rows.append(
            {
                "label": "Lead social worker",
                "saved": choices.get(str(decision.lead_social_worker_id or ""), ""),
                "yours": choices.get(typed_lead, ""),
            }
        )
    return rows


def _view(recommendation: str | None, reasons: str) -> str:
    """ "Child in need plan: their reasons"."""
    label = OUTCOMES.get(recommendation, "") if recommendation else ""
    return ": ".join(part for part in (label, reasons) if part)


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return long_date(value)
    return OUTCOMES.get(value) or CATEGORIES.get(value) or str(value)
