"""Forms for accepting a family's views before a meeting, or leaving them out (staff)."""

from collections.abc import Callable

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, ValidationError

from conference.common.forms import ServiceForm
from conference.domain import mapping
from conference.domain import views_acceptance as rules

ENTER_REASON = "Enter why these views are not used"
PLACE = "Select where to add ‘{question}’, or select Do not add"
# Their view of the report: at a review it sits best beside the report it is about; elsewhere
# (or when they dispute it) the map's grey areas are for what is disputed.
REPORT_HINT = (
    "Where they disagree with the report, grey areas are for what is disputed. At a review, "
    "their comments on the report can go with the report."
)


class AcceptForm(ServiceForm):
    """A button; for a parent's views at a conference, a place for each answer."""

    submit = SubmitField("Accept", widget=GovSubmitInput())

    def places(self) -> dict[str, str]:
        """{answer: where it goes} for each answer placed."""
        prefix = "place_"
        return {
            name.removeprefix(prefix): field.data
            for name, field in self._fields.items()
            if name.startswith(prefix)
        }

    def place_fields(self) -> list:
        return [field for name, field in self._fields.items() if name.startswith("place_")]


def accept_form(answers: dict[str, str], is_review: bool, label: Callable[[str], str]):
    """The accept form, with a choice of place for each of a parent's answers: a heading of
    the map, the parents' comments on the review report (their view of it, at a review), or
    nowhere. Nothing is chosen for them: each answer is placed on purpose."""
    headings = [(heading.key, heading.label) for heading in mapping.HEADINGS]

    class Form(AcceptForm):
        """This form's own class: WTForms takes fields from the class, and each parent's
        answers differ, so the place fields are added here, never to AcceptForm itself."""

    for answer in answers:
        places = rules.places_for(answer, headings, is_review)
        message = PLACE.format(question=label(answer))
        field = RadioField(
            f"Where should ‘{label(answer)}’ go?",
            description=REPORT_HINT if answer == "report" else "",
            choices=dict(places),
            widget=GovRadioInput(),
            validators=[InputRequired(message), AnyOf([key for key, _l in places], message)],
            validate_choice=False,
        )
        setattr(Form, f"place_{answer}", field)
    return Form()


class NotUsedForm(ServiceForm):
    reason = TextAreaField(
        "Why are these views not used?",
        widget=GovTextArea(),
        description="For example, they were sent for the wrong meeting. The reason is kept with "
        "the views.",
        validators=[InputRequired(ENTER_REASON)],
    )
    submit = SubmitField("Do not use these views", widget=GovSubmitInput())

    def validate_reason(self, field) -> None:
        if not (field.data or "").strip():  # spaces alone are no reason
            raise ValidationError(ENTER_REASON)
