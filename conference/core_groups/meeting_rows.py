"""The repeated rows of the core group parts' forms (part_forms.py): a new action agreed at
the meeting, and a score. A row is built for the record or place it is about, so its labels and
messages can name it ("new action 2", "the score from Kemi"). A row that may be left blank is
ignored when blank and explained when partly filled.
"""

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextArea, GovTextInput
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from conference.common.forms import DateInputField, PlainForm, fail, max_length, text
from conference.services.core_groups import MeetingContext, NewAction

CHOOSE_GOAL = ""
SHORT = 200
NEW_ACTION_ROWS = 3


def filled(row: PlainForm) -> bool:
    """Whether anything was typed in the row, or it needs correcting."""
    return any(field.errors or any(field.raw_data or []) or field.data for field in row)


def _length(what: str):
    return max_length(SHORT, what)


class NewActionRow(PlainForm):
    """An action agreed at the meeting. `kept` says the action this row shows was reviewed at a
    later core group, so the row may not be emptied."""

    goal = SelectField(widget=GovSelect(), default=CHOOSE_GOAL, validators=[Optional()])
    what = TextAreaField("What will be done", widget=GovTextArea())
    who = StringField(
        "Who will do it",
        widget=GovTextInput(),
        description="A named person or agency",
        validators=[_length("Who will do it")],
    )
    by_when = DateInputField("By when", name="by-when")

    def __init__(self, *args, number: int, goals: dict[str, str], kept: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.number, self.kept = number, kept
        self.goal.label.text = f"Which goal is new action {number} for?"
        self.goal.choices = goals
        self.goal.invalid_choice_message = f"Select the goal new action {number} is for"
        self.by_when.name_in_messages = f"the date for new action {number}"

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        n = self.number
        if not (
            self.goal.data or text(self.what) or text(self.who) or any(self.by_when.raw_data or [])
        ):
            if self.kept:
                valid = fail(
                    self.what,
                    f"New action {n} was reviewed at a later core group, so it cannot be "
                    "removed here",
                )
            return valid
        for field, message in (
            (self.goal, f"Select the goal new action {n} is for"),
            (self.what, f"Enter what will be done for new action {n}"),
            (self.who, f"Enter who will do new action {n}"),
        ):
            if not text(field):
                valid = fail(field, message)
        if self.by_when.data is None:
            valid = fail(self.by_when, f"Enter the date new action {n} will be done by")
        return valid

    def new_action(self) -> NewAction | None:
        if not self.goal.data:
            return None
        return NewAction(int(self.goal.data), text(self.what), text(self.who), self.by_when.data)


class ScoreRow(PlainForm):
    """A score on the scaling question, with its reason, from someone who came: `who` names
    them in messages."""

    score = StringField(widget=GovTextInput())
    reason = TextAreaField(widget=GovTextArea())

    def __init__(self, *args, who: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.who = who
        self.score.label.text = f"Score from {who}"
        self.reason.label.text = f"Reason for the score from {who}"

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        given, why, who = text(self.score), text(self.reason), self.who
        if given and self.value() is None:
            self.score.errors = []  # says more than the ceiling on typed text (common/forms.py)
            valid = fail(self.score, f"The score from {who} must be a whole number from 0 to 10")
        elif why and not given:
            valid = fail(self.score, f"Enter a score from 0 to 10 for {who}")
        elif given and not why:
            valid = fail(self.reason, f"Enter the reason for the score from {who}")
        return valid

    def value(self) -> int | None:
        """0 to 10, or None. Checked as text first: "²".isdigit() is true, and Python refuses
        to read a number of more than 4,300 digits."""
        given = text(self.score)
        if not (given.isascii() and given.isdigit() and len(given) <= 2):
            return None
        value = int(given)
        return value if value <= 10 else None


def new_action_rows(context: MeetingContext, rows: int = NEW_ACTION_ROWS) -> dict:
    """The rows for new actions agreed at a meeting, each offered every goal in force; a row
    showing an action a later meeting reviewed is `kept`."""
    goals = {CHOOSE_GOAL: "Choose a goal"} | {
        str(item.goal.id): f"Goal {item.number}: {_short(item.goal.statement)}"
        for item in context.goals
    }
    added = context.added
    return {
        n: {
            "number": n,
            "goals": goals,
            "kept": n <= len(added) and added[n - 1].id in context.kept,
        }
        for n in range(1, rows + 1)
    }


def _short(words: str, most: int = 70) -> str:
    words = " ".join(words.split())
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"
