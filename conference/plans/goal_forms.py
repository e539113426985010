"""Forms for the plan's safety goals and the actions under them, and reading the checker's
request as a goal is typed."""

import re
from datetime import date

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, StopValidation

from conference.common.forms import (
    TEXT_CEILING,
    DateInputField,
    RequiredDate,
    ServiceForm,
    VersionedForm,
    attendee_label,
    conflict_rows,
    max_length,
)
from conference.domain.mapping import DIRECTIONS
from conference.domain.vocabulary import ACTION_STATUSES, ActionStatus
from conference.domain.wording import long_date

SOMEONE_ELSE = "someone-else"
CHECKED_FIELDS = ("statement", "measure", "target", "review_on", "owner", "sustained_for")
LONGEST_ANSWER = TEXT_CEILING  # what the checker reads while typing: what the form takes
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MOST_WORRIES_CHECKED = 100  # far more than any map has: a longer list is not from the page


def _text(value) -> str:
    return (value or "").strip()


class WhenThereAreWorries:
    """Every worry statement must be answered by a goal (docs/domain.md section 6), so a goal
    answers at least one, once the conference has any (a worry statement offered only because a
    carried-over goal answered it at an earlier conference does not count)."""

    def __call__(self, form, field):
        if form.map_has_worries and not field.data:
            raise StopValidation("Select the worry statements this goal answers")


class GoalForm(VersionedForm):
    statement = TextAreaField(
        "What will be different for the child?",
        widget=GovTextArea(),
        description="Say what the child will experience, or what an adult will do that the "
        "child will notice. For example: For at least 6 months, adults at home sort out "
        "disagreements calmly.",
        validators=[DataRequired("Enter what will be different for the child")],
    )
    child_ids = SelectMultipleField(
        "Which children is this goal for?",
        widget=GovCheckboxesInput(),
        description="Select all that apply",
        validators=[InputRequired("Select which children this goal is for")],
    )
    worry_item_ids = SelectMultipleField(
        "Which worry statements does this goal answer?",
        widget=GovCheckboxesInput(),
        description="Select all that apply. Every worry statement needs a goal that answers it.",
        validators=[WhenThereAreWorries()],
    )
    measure = TextAreaField(
        "How we will know",
        widget=GovTextArea(),
        description="The evidence that will show it, for example Mum’s diary, the school "
        "register, two unannounced visits, or the child’s own scale",
    )
    baseline = TextAreaField(
        "Where things are now",
        widget=GovTextArea(),
        description="For example, in bed by 7:30pm on 2 of 7 nights last week",
    )
    target = TextAreaField(
        "The target",
        widget=GovTextArea(),
        description="What will be seen, how much or how often, for example in bed by 7:30pm on "
        "at least 6 of 7 nights",
    )
    sustained_for = StringField(
        "How long it must last",
        widget=GovTextInput(),
        description="For example, 6 months",
        validators=[max_length(200, "How long it must last")],
    )
    review_on = DateInputField(
        "Review date",
        name_in_messages="the review date",
        description="When the core group will check this. For example, 27 3 2027",
    )
    owner = StringField(
        "Who is responsible",
        widget=GovTextInput(),
        description="A named person or agency, for example Mum or Sam Jones (social worker)",
        validators=[max_length(200, "Who is responsible")],
    )
    family_words = TextAreaField(
        "What the family say about it (optional)",
        widget=GovTextArea(),
        description="In their own words, even if they disagree",
    )
    # The goal's own contingency, printed in the family's copy as "If … then …" (issue 19).
    contingency_if = TextAreaField(
        "If this happens",
        widget=GovTextArea(),
        description="What would show the goal is not being met, in words the family can follow. "
        "For example: Dad has been drinking and is at home with the children",
        validators=[max_length(TEXT_CEILING, "What would show the goal is not being met")],
    )
    contingency_then = TextAreaField(
        "Then this will happen",
        widget=GovTextArea(),
        description="What everyone will do. For example: Mum rings Grandma, who takes the "
        "children to her flat that night, and the social worker visits the next working day",
        validators=[max_length(TEXT_CEILING, "What will happen then")],
    )
    # The goal in words a child understands, for the child's own plan once the chair has
    # checked them (issue 19): changing them takes the check away.
    child_words = TextAreaField(
        "Words for the child’s plan (optional)",
        widget=GovTextArea(),
        description="The goal as you would say it to the child, in short sentences. For "
        "example: Mum and Dad will talk calmly. Nobody will shout or push. The chair checks "
        "these words before they go in the child’s own plan.",
        validators=[max_length(TEXT_CEILING, "Words for the child’s plan")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    held_on: date
    map_has_worries: bool
    # The goal's review date as saved: a save never drops it without saying so.
    stored_review_on: date | None = None

    def validate_review_on(self, field):
        if field.data and field.data <= self.held_on:
            raise StopValidation("The review date must be after the conference")
        left_blank = field.data is None and not field.errors and not any(field.raw_data or [])
        if left_blank and self.stored_review_on is not None:
            raise StopValidation(
                f"Enter the review date: it was {long_date(self.stored_review_on)}. A goal "
                "keeps its review date; it can be changed, not taken away"
            )

    # "If … then …" is one sentence to the family: half of it says nothing.
    def validate_contingency_if(self, field):
        if _text(self.contingency_then.data) and not _text(field.data):
            raise StopValidation("Enter what would show the goal is not being met")

    def validate_contingency_then(self, field):
        if _text(self.contingency_if.data) and not _text(field.data):
            raise StopValidation("Enter what will happen then")

    def carry_over(
        self, worry_item_ids: list[int], next_review: date | None, copied: bool = True
    ) -> None:
        """Fill in a goal (`copied` from an earlier version of the plan) as it now reads: its
        worry statements as this conference's map carries them, and, when its review date is
        not after this conference (it was the date of this review), the next review
        conference's date if one is set after it, or nothing, with a hint that says why."""
        self.worry_item_ids.data = [str(item_id) for item_id in worry_item_ids]
        old = self.review_on.data
        if old is None or old > self.held_on:
            return
        after = review_date_after(old, self.held_on, next_review)
        where = ", from the last version of the plan" if copied else ""
        if after is None:
            # No date to offer: the old date stays in the boxes with an error, so that
            # saving the form (to add the child's words, say) never drops it unsaid.
            self.review_on.errors = [
                f"The review date must be after the conference: this goal’s was "
                f"{long_date(old)}{where}. Enter when the core group will check this goal"
            ]
            return
        self.review_on.data = after
        self.review_on.description = (
            f"This goal’s review date was {long_date(old)}{where}: it must be after this "
            f"conference. The date of the next review conference, {long_date(after)}, is "
            "filled in instead."
        )

    def details(self) -> dict:
        """The goal as stored."""
        return {
            "statement": _text(self.statement.data),
            "child_ids": [int(value) for value in self.child_ids.data or []],
            "worry_item_ids": [int(value) for value in self.worry_item_ids.data or []],
            "measure": _text(self.measure.data),
            "baseline": _text(self.baseline.data),
            "target": _text(self.target.data),
            "sustained_for": _text(self.sustained_for.data),
            "review_on": self.review_on.data,
            "owner": _text(self.owner.data),
            "family_words": _text(self.family_words.data),
            "contingency_if": _text(self.contingency_if.data),
            "contingency_then": _text(self.contingency_then.data),
            "child_words": _text(self.child_words.data),
        }

    def checked(self) -> dict:
        """What the checker reads, as typed so far (a review date only once it is valid), with
        the worry statements ticked so far (only those offered)."""
        typed = {
            name: self[name].data if name == "review_on" else _text(self[name].data)
            for name in CHECKED_FIELDS
        }
        offered = dict(self.worry_item_ids.choices or {})
        ticked = [str(value) for value in self.worry_item_ids.data or []]
        return typed | {"worry_item_ids": [int(value) for value in ticked if value in offered]}


def review_date_after(stored: date | None, held_on: date, next_review: date | None):
    """A goal's review date to offer at the conference held on `held_on`: the stored one when it
    is after the conference; otherwise (a goal carried over keeps the last plan's date, which
    was this review's) the next review conference's date when one is set after it, or None."""
    if stored is not None and stored > held_on:
        return stored
    return next_review if next_review is not None and next_review > held_on else None


def goal_form(
    children, worry_statements, held_on: date, *args, earlier=(), stored_review_on=None, **kwargs
) -> GoalForm:
    """The goal form, offering the case's `children` and the conference's
    `worry_statements` ([(item id, text)]), then the `earlier` worry statements ([(item id,
    text)]) of earlier conferences that the goal still answers and this map does not carry.
    `stored_review_on` is the goal's saved review date, which a save may change but not drop."""
    form = GoalForm(*args, **kwargs)
    form.stored_review_on = stored_review_on
    form.child_ids.choices = {str(child.id): child.name for child in children}
    form.worry_item_ids.choices = {
        str(item_id): text for item_id, text in [*worry_statements, *earlier]
    }
    form.map_has_worries = bool(worry_statements)
    form.held_on = held_on
    return form


GOAL_LABELS = {
    "statement": "What will be different for the child",
    "measure": "How we will know",
    "baseline": "Where things are now",
    "target": "The target",
    "sustained_for": "How long it must last",
    "owner": "Who is responsible",
    "family_words": "What the family say about it",
    "contingency_if": "If this happens",
    "contingency_then": "Then this will happen",
    "child_words": "Words for the child’s plan",
}


def goal_conflicts(form: GoalForm, goal) -> list[dict]:
    """Where the saved goal and what this user typed differ, for the conflict table."""
    rows = conflict_rows(form, goal, GOAL_LABELS)
    rows += _choices_row(form.child_ids, goal.child_ids, "Which children")
    rows += _choices_row(form.worry_item_ids, goal.worry_item_ids, "Which worry statements")
    if form.review_on.data != goal.review_on:
        rows.append(
            {
                "label": "Review date",
                "saved": long_date(goal.review_on),
                "yours": long_date(form.review_on.data),
            }
        )
    return rows


def _choices_row(field, saved_ids, label: str) -> list[dict]:
    typed = list(field.data or [])
    saved = [str(value) for value in saved_ids or []]
    if set(typed) == set(saved):
        return []
    names = dict(field.choices)
    return [
        {
            "label": label,
            "saved": ", ".join(names.get(value, "") for value in saved),
            "yours": ", ".join(names.get(value, "") for value in typed),
        }
    ]


class CheckChildWordsForm(VersionedForm):
    """The chair's button that marks a goal's words for the child's plan as checked, at the
    version of the goal the chair read."""


class MoveGoalForm(ServiceForm):
    """The buttons that move a goal up or down the plan."""

    direction = HiddenField(validators=[AnyOf(DIRECTIONS, message="Select up or down")])


class ActionForm(VersionedForm):
    what = TextAreaField(
        "What will be done",
        widget=GovTextArea(),
        description="For example, Mum will go to the 10-week parenting course at the family hub",
        validators=[DataRequired("Enter what will be done")],
    )
    who = SelectField(
        "Who will do this",
        widget=GovSelect(),
        description="Choose someone from the conference, or Someone else",
        validators=[InputRequired("Select who will do this")],
    )
    someone_else = StringField(
        "If someone else, who?",
        widget=GovTextInput(),
        description="A named person or agency, for example Dr Patel (GP)",
        validators=[max_length(200, "Who will do this")],
    )
    by_when = DateInputField(
        "By when",
        name_in_messages="the date this will be done by",
        description="For example, 15 1 2027",
        validators=[RequiredDate()],
    )
    status = RadioField(
        "Status",
        widget=GovRadioInput(),
        choices=ACTION_STATUSES,
        validators=[InputRequired("Select the status of this action")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate_someone_else(self, field):
        if self.who.data == SOMEONE_ELSE and not _text(field.data):
            raise StopValidation("Enter who will do this")

    def fill_who(self, stored_who: str) -> None:
        """Choose the attendee whose label is stored; anything else typed is someone else."""
        by_label = {label: value for value, label in self.who.choices.items() if value}
        if stored_who in by_label and by_label[stored_who] != SOMEONE_ELSE:
            self.who.data = by_label[stored_who]
        elif stored_who:
            self.who.data, self.someone_else.data = SOMEONE_ELSE, stored_who

    def who_text(self) -> str:
        if self.who.data == SOMEONE_ELSE:
            return _text(self.someone_else.data)
        return self.who.choices.get(self.who.data, "")

    def details(self) -> dict:
        """The action as stored: who is kept as text, so the plan still says who after the
        attendance list changes."""
        return {
            "what": _text(self.what.data),
            "who": self.who_text(),
            "by_when": self.by_when.data,
            "status": self.status.data,
        }


class KeepAsActionForm(ActionForm):
    """A goal the checker reads as a task, turned round in one step: the outcome the task serves
    becomes the goal, and the task an action under it. The goal's measure and target were
    written for the task, so they are offered again to change. `version` is the goal's."""

    # The goal's fields keep their place before the action's (WTForms orders fields by when they
    # were made), so the error summary follows the page.
    statement = GoalForm.statement
    measure = GoalForm.measure
    target = GoalForm.target
    status = None  # a new action has not started
    submit = SubmitField("Keep it as an action under this outcome", widget=GovSubmitInput())

    def goal_details(self) -> dict:
        return {
            "statement": _text(self.statement.data),
            "measure": _text(self.measure.data),
            "target": _text(self.target.data),
        }

    def details(self) -> dict:
        """The new action as stored."""
        return {
            "what": _text(self.what.data),
            "who": self.who_text(),
            "by_when": self.by_when.data,
            "status": ActionStatus.NOT_STARTED,
        }


def keep_as_action_form(attendees, *args, **kwargs) -> KeepAsActionForm:
    form = KeepAsActionForm(*args, **kwargs)
    form.who.choices = _who_choices(attendees)
    return form


def _who_choices(attendees) -> dict[str, str]:
    return (
        {"": "Select who"}
        | {str(attendee.id): attendee_label(attendee) for attendee in attendees}
        | {SOMEONE_ELSE: "Someone else"}
    )


KEEP_LABELS = {
    "statement": "What will be different for the child",
    "measure": "How we will know",
    "target": "The target",
}


def action_form(attendees, *args, **kwargs) -> ActionForm:
    """The action form, offering the conference's `attendees`, then someone else."""
    form = ActionForm(*args, **kwargs)
    form.who.choices = _who_choices(attendees)
    return form


def action_conflicts(form: ActionForm, action) -> list[dict]:
    rows = conflict_rows(form, action, {"what": "What will be done"})
    if form.who_text() != action.who:
        rows.append({"label": "Who will do this", "saved": action.who, "yours": form.who_text()})
    if form.by_when.data != action.by_when:
        rows.append(
            {
                "label": "By when",
                "saved": long_date(action.by_when),
                "yours": long_date(form.by_when.data),
            }
        )
    if form.status.data != action.status:
        rows.append(
            {
                "label": "Status",
                "saved": ACTION_STATUSES.get(action.status, ""),
                "yours": ACTION_STATUSES.get(form.status.data, ""),
            }
        )
    return rows


class InvalidCheck(ValueError):
    """A request to the checker that is not in the expected shape; the message says why."""


def parse_check(body) -> dict:
    """The checker's arguments from the JSON body {statement, measure, target, review_on
    ("YYYY-MM-DD" or ""), owner, worry_item_ids ([id, ...], optional)}; a missing answer counts
    as blank.

    :raise InvalidCheck: the body is not an object of text, or the date is not a real one.
    """
    if not isinstance(body, dict):
        raise InvalidCheck("Send the goal as a JSON object")
    values = {name: body.get(name) or "" for name in CHECKED_FIELDS}
    if not all(isinstance(value, str) for value in values.values()):
        raise InvalidCheck("Each answer must be text")
    if any(len(value) > LONGEST_ANSWER for value in values.values()):
        raise InvalidCheck(f"Each answer must be {LONGEST_ANSWER:,} characters or fewer")
    review_on = values["review_on"].strip()
    if review_on and not ISO_DATE.fullmatch(review_on):
        raise InvalidCheck("The review date must be a real date, as YYYY-MM-DD")
    try:
        values["review_on"] = date.fromisoformat(review_on) if review_on else None
    except ValueError:
        raise InvalidCheck("The review date must be a real date, as YYYY-MM-DD") from None
    checked = {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }
    return checked | {"worry_item_ids": _worry_ids(body.get("worry_item_ids"))}


def _worry_ids(value) -> list[int]:
    """The worry statements ticked so far: a list of ids (as numbers or digits); none when
    missing. Ids not on the plan's map are ignored by the checker.

    :raise InvalidCheck: not a list of ids."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MOST_WORRIES_CHECKED:
        raise InvalidCheck("The worry statements must be a list of ids")
    ids = []
    for item in value:
        text = str(item) if isinstance(item, int) and not isinstance(item, bool) else item
        if not isinstance(text, str) or not text.isdigit() or len(text) > 18:
            raise InvalidCheck("The worry statements must be a list of ids")
        ids.append(int(text))
    return ids
