"""Forms for scaling, and for the identity questions the conference answers for each child."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import BooleanField, RadioField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional

from conference.common.forms import VersionedForm
from conference.services.conferences.identity import PROMPTS, question
from conference.services.conferences.scaling import NOT_SAVED_YET, Given

SCORES = {str(value): str(value) for value in range(11)}
SELECT_SCORE = "Select a score from 0 to 10"


class ScoreForm(VersionedForm):
    """One person's score. `score_form` adds an optional score for each worry statement. It
    carries the version of the person's overall score (NOT_SAVED_YET before they scored)."""

    score = RadioField(
        "Score",
        widget=GovRadioInput(),
        choices=SCORES,
        invalid_choice_message=SELECT_SCORE,
        validators=[InputRequired(SELECT_SCORE)],
    )
    reason = TextAreaField(
        "Reason for this score",
        widget=GovTextArea(),
        description="In their own words",
        validators=[DataRequired("Enter the reason for this score")],
    )
    submit = SubmitField("Save score", widget=GovSubmitInput())

    worry_items: list = []

    def worry_fields(self):
        """(number, map item, score field, reason field) for each worry statement."""
        for number, item in enumerate(self.worry_items, start=1):
            yield number, item, self[f"worry_{item.id}_score"], self[f"worry_{item.id}_reason"]

    def validate(self, extra_validators=None) -> bool:
        """A worry statement may be left unscored, but a score needs its reason and a reason
        its score."""
        valid = super().validate(extra_validators)
        for number, _item, score, reason in self.worry_fields():
            has_score = bool(score.data) and not score.errors
            has_reason = bool((reason.data or "").strip())
            if has_score and not has_reason:
                reason.errors.append(f"Enter the reason for the score for worry statement {number}")
                valid = False
            if has_reason and not score.data:
                score.errors.append(f"{SELECT_SCORE} for worry statement {number}")
                valid = False
        return valid

    def fill_from(self, scores) -> None:
        """Show the scores the person gave before, to change them."""
        self.version.data = NOT_SAVED_YET
        for row in scores:
            if row.worry_item_id is None:
                self.score.data, self.reason.data = str(row.value), row.reason
                self.version.data = row.version
            elif f"worry_{row.worry_item_id}_score" in self:
                self[f"worry_{row.worry_item_id}_score"].data = str(row.value)
                self[f"worry_{row.worry_item_id}_reason"].data = row.reason

    def overall(self) -> Given:
        return Given(int(self.score.data), self.reason.data or "")

    def worries(self) -> dict[int, Given]:
        """The scores given for worry statements, by map item id."""
        return {
            item.id: Given(int(score.data), reason.data or "")
            for _number, item, score, reason in self.worry_fields()
            if score.data
        }


def score_form(worry_items, *args, **kwargs) -> ScoreForm:
    """The score form with an optional score and reason for each worry statement."""

    class ScoreWithWorriesForm(ScoreForm):
        """The score form with a field pair added below for each worry statement."""

    for number, item in enumerate(worry_items, start=1):
        setattr(
            ScoreWithWorriesForm,
            f"worry_{item.id}_score",
            RadioField(
                f"Score for worry statement {number} (optional)",
                name=f"worry-{item.id}-score",
                widget=GovRadioInput(),
                choices=SCORES,
                invalid_choice_message=f"{SELECT_SCORE} for worry statement {number}",
                # Blank (even spaces) is no score: Optional() would stop the choice check.
                filters=[lambda value: (value or "").strip() or None],
                validators=[Optional()],
            ),
        )
        setattr(
            ScoreWithWorriesForm,
            f"worry_{item.id}_reason",
            TextAreaField(
                f"Reason for the score for worry statement {number} (optional)",
                name=f"worry-{item.id}-reason",
                widget=GovTextArea(),
            ),
        )
    form = ScoreWithWorriesForm(*args, **kwargs)
    form.worry_items = list(worry_items)
    return form


BOTH_ANSWERED = "Clear the answer or untick ‘Not known yet’"
NOT_ANSWERED = "Answer this question or select ‘Not known yet’"


class ConferenceIdentityForm(VersionedForm):
    """The conference's identity questions for one child (docs/domain.md section 5). Each has its
    own "Not known yet" box, `<field>_not_known` (added below the class)."""

    submit = SubmitField("Save answers", widget=GovSubmitInput())

    def __init__(self, first_name: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, _question, _hint in PROMPTS:
            self[field].label.text = question(field, first_name)

    def validate(self, extra_validators=None) -> bool:
        """Each question is answered or marked not known yet: never both, never neither."""
        valid = super().validate(extra_validators)
        for field, _question, _hint in PROMPTS:
            answer, not_known = self[field], self[f"{field}_not_known"]
            typed = bool((answer.data or "").strip())
            if typed and not_known.data:
                answer.errors.append(BOTH_ANSWERED)
                valid = False
            elif not typed and not not_known.data:
                answer.errors.append(NOT_ANSWERED)
                valid = False
        return valid

    def fill_from(self, identity) -> None:
        not_known = set(identity.not_known or [])
        for field, _question, _hint in PROMPTS:
            self[f"{field}_not_known"].data = field in not_known

    def answers(self) -> dict[str, str]:
        return {field: (self[field].data or "").strip() for field, _question, _hint in PROMPTS}

    def not_known(self) -> list[str]:
        return [field for field, _question, _hint in PROMPTS if self[f"{field}_not_known"].data]


def _add_prompts(form_class) -> None:
    """A text box for each question, with its hint and its "Not known yet" box."""
    for field, text, hint in PROMPTS:
        setattr(form_class, field, TextAreaField(text, widget=GovTextArea(), description=hint))
        setattr(
            form_class,
            f"{field}_not_known",
            BooleanField("Not known yet", widget=GovCheckboxInput()),
        )


_add_prompts(ConferenceIdentityForm)
