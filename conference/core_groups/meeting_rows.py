"""The repeated parts of the core group meeting form, a small form for each row: someone else
who came, a visit, a safety goal with its actions, a new action, a score. A row is built for the
record or place it is about, so its labels and messages can name it ("visit 2", "goal 3").

A row that may be left blank (someone else, a visit, a new action, a score) is ignored when
blank and explained when partly filled. What a row is checked against from elsewhere on the page
(the date of the meeting, who came) is given to it by the meeting form before it is checked.
"""

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import FormField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    PlainForm,
    fail,
    max_length,
    text,
)
from conference.common.keyed_rows import KeyedRows
from conference.domain.vocabulary import ACTION_OUTCOMES, RATINGS
from conference.services.core_groups import (
    ActionReviewed,
    GoalItem,
    Member,
    NewAction,
    Progress,
    VisitMade,
)

YES_NO = {"yes": "Yes", "no": "No"}
CHOOSE_GOAL = ""
SHORT = 200


def filled(row: PlainForm) -> bool:
    """Whether anything was typed in the row, or it needs correcting."""
    return any(field.errors or any(field.raw_data or []) or field.data for field in row)


def _length(what: str) -> Length:
    return max_length(SHORT, what)


def _yes_no(name: str) -> RadioField:
    return RadioField(name=name, widget=GovRadioInput(), choices=YES_NO, validators=[Optional()])


class OtherPersonRow(PlainForm):
    """Someone who came who is not in the core group. Their score is in `other_scores`, further
    down the page: `scored` says whether one was given."""

    name = StringField(widget=GovTextInput(), validators=[_length("The name")])
    role = StringField("Their role", widget=GovTextInput(), validators=[_length("The role")])
    agency = StringField(
        "Their agency, or how they know the family",
        widget=GovTextInput(),
        validators=[_length("The agency")],
    )

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.number, self.scored = number, False
        self.name.label.text = f"Name of other person {number}"

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not text(self.name) and (text(self.role) or text(self.agency) or self.scored):
            valid = fail(self.name, f"Enter the name of other person {self.number}")
        return valid


class VisitRow(PlainForm):
    """A visit since the last meeting. `meeting_on` is the date of the meeting, if given."""

    on = DateInputField(validators=[NotInFuture()])
    visitor = StringField("Who visited", widget=GovTextInput(), validators=[_length("Who visited")])
    place = StringField(
        "Where",
        widget=GovTextInput(),
        description="For example, at home, or at school",
        validators=[_length("Where")],
    )
    child_seen = _yes_no("child-seen")
    seen_alone = _yes_no("seen-alone")

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.number, self.meeting_on = number, None
        self.on.label.text = f"Date of visit {number}"
        self.on.name_in_messages = f"the date of visit {number}"
        self.child_seen.label.text = f"Was the child seen on visit {number}?"
        self.seen_alone.label.text = f"Was the child seen alone on visit {number}?"

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        n, seen, alone = self.number, self.child_seen.data, self.seen_alone.data
        typed = any(self.on.raw_data or []) or text(self.visitor) or text(self.place)
        if not (typed or seen or alone):
            return valid
        if self.on.data is None:
            valid = fail(self.on, f"Enter the date of visit {n}")
        elif self.meeting_on and self.on.data > self.meeting_on:
            valid = fail(self.on, f"The date of visit {n} must be on or before the meeting")
        if not text(self.visitor):
            valid = fail(self.visitor, f"Enter who made visit {n}")
        if not text(self.place):
            valid = fail(self.place, f"Enter where visit {n} took place")
        if not seen:
            valid = fail(self.child_seen, f"Select whether the child was seen on visit {n}")
        if not alone:
            valid = fail(self.seen_alone, f"Select whether the child was seen alone on visit {n}")
        elif seen == "no" and alone == "yes":
            valid = fail(self.seen_alone, f"The child was not seen on visit {n}, so not seen alone")
        return valid

    def visit(self) -> VisitMade | None:
        if self.on.data is None:
            return None
        return VisitMade(
            self.on.data,
            text(self.visitor),
            text(self.place),
            self.child_seen.data == "yes",
            self.seen_alone.data == "yes",
        )


class ActionRow(PlainForm):
    """What happened to one action of a goal since the last core group."""

    status = RadioField(
        widget=GovRadioInput(), choices=ACTION_OUTCOMES, validators=[InputRequired()]
    )
    note = TextAreaField("What changed, or why not (optional)", widget=GovTextArea())

    def __init__(self, *args, number: int, goal_number: int, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.number, self.action = number, action
        what = f"action {number} of goal {goal_number}"
        self.status.label.text = f"What happened to {what}"
        self.status.invalid_choice_message = f"Select what happened to {what}"
        self.status.validators = [InputRequired(f"Select what happened to {what}")]

    def reviewed(self) -> ActionReviewed:
        return ActionReviewed(self.status.data, text(self.note))


class GoalRow(PlainForm):
    """Progress on one safety goal in force, and what happened to each of its actions (named
    `goal-<goal id>-action-<action id>-…`)."""

    where_now = TextAreaField(name="where-now", widget=GovTextArea(), validators=[DataRequired()])
    rating = RadioField(widget=GovRadioInput(), choices=RATINGS, validators=[InputRequired()])
    evidence = TextAreaField(
        "The evidence",
        widget=GovTextArea(),
        description="What was seen, counted or said, for example the school register or a visit",
    )
    said_by = StringField(
        "Who said so", name="said-by", widget=GovTextInput(), validators=[_length("Who said so")]
    )
    actions = KeyedRows(FormField(ActionRow), name="action")

    def __init__(self, *args, item: GoalItem, **kwargs):
        n = item.number
        actions = {
            action.id: {"number": number, "goal_number": n, "action": action}
            for number, action in item.actions
        }
        super().__init__(*args, actions=actions, **kwargs)
        self.item = item
        self.where_now.label.text = f"Where things are now for goal {n}"
        self.where_now.description = "Against how we will know, above" if item.goal.measure else ""
        self.where_now.validators = [DataRequired(f"Enter where things are now for goal {n}")]
        self.rating.label.text = f"Progress on goal {n} since the last core group"
        self.rating.invalid_choice_message = f"Select the progress on goal {n}"
        self.rating.validators = [InputRequired(f"Select the progress on goal {n}")]

    def progress(self) -> Progress:
        return Progress(
            text(self.where_now), self.rating.data, text(self.evidence), text(self.said_by)
        )


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
    """A score on the scaling question, with its reason: from a member of the core group, or
    from someone else who came. `who` names them in messages, and `present` says whether
    they are recorded as having come."""

    score = StringField(widget=GovTextInput())
    reason = TextAreaField(widget=GovTextArea())

    def __init__(self, *args, who: str, member: Member | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.who, self.member, self.present = who, member, True
        self.score.label.text = f"Score from {who}"
        self.reason.label.text = f"Reason for the score from {who}"
        if member is not None:
            self.score.description = "From 0 to 10 (optional)"

    def typed(self) -> bool:
        return bool(text(self.score) or text(self.reason))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        given, why, who = text(self.score), text(self.reason), self.who
        if (given or why) and not self.present:
            valid = fail(self.score, f"Select {who} under who came, or clear their score")
        elif given and self.value() is None:
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
