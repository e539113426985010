"""The forms of a core group meeting recorded in parts (parts.py): starting one with its date,
who came, the goals, the actions, an agency's own update, and the views, scores and next
meeting. Each is short and asks only about its part; nothing on one part is required by
another. Each carries `shown`, the fingerprint of its part as the page showed it, so that a
save over someone else's is refused (services/core_group_parts.py).
"""

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import FormField, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Optional

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    PlainForm,
    RequiredDate,
    ServiceForm,
    VersionedForm,
    fail,
    max_length,
    text,
)
from conference.common.keyed_rows import KeyedRows
from conference.core_groups.meeting_rows import (
    SHORT,
    NewActionRow,
    ScoreRow,
    filled,
    new_action_rows,
)
from conference.domain.vocabulary import ACTION_OUTCOMES, RATINGS
from conference.domain.wording import long_date
from conference.services.core_group_parts import (
    APOLOGIES,
    ATTENDANCE_CHOICES,
    CAME,
    ActionAnswer,
    Answered,
    GoalAnswer,
    Invitee,
)

NOT_THERE = "not_listed"
DISCUSSED = {"yes": "Discussed", "no": "Not discussed this time"}


def _held_on() -> DateInputField:
    return DateInputField(
        "Date of the meeting",
        name_in_messages="the date of the meeting",
        description="For example, 27 3 2027",
        validators=[RequiredDate(), NotInFuture()],
    )


def _chaired_by() -> StringField:
    return StringField(
        "Who chaired the meeting",
        widget=GovTextInput(),
        description="Anyone in the core group can chair",
        validators=[max_length(SHORT, "Who chaired")],
    )


class StartForm(ServiceForm):
    """Only the date is needed to start: the rest is recorded in parts."""

    held_on = _held_on()
    chaired_by = _chaired_by()
    submit = SubmitField("Start recording the meeting", widget=GovSubmitInput())


class PartForm(ServiceForm):
    shown = HiddenField()
    submit = SubmitField("Save this part", widget=GovSubmitInput())


# Who came.


class PersonRow(PlainForm):
    came = RadioField(widget=GovRadioInput(), validators=[Optional()])
    apologies_reason = StringField(
        name="reason",
        widget=GovTextInput(),
        validators=[max_length(SHORT, "The reason for apologies")],
    )

    def __init__(self, *args, person: Invitee, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.came.label.text = person.label
        self.came.choices = ATTENDANCE_CHOICES | {NOT_THERE: "Not part of this meeting"}
        self.came.invalid_choice_message = f"Select whether {person.name} came"
        self.apologies_reason.label.text = f"Why {person.name} sent apologies (optional)"

    def answered(self) -> Answered | None:
        if self.came.data in (None, "", NOT_THERE):
            return None
        return Answered(self.came.data, text(self.apologies_reason))


class AttendanceForm(PartForm):
    held_on = _held_on()
    chaired_by = _chaired_by()
    people = KeyedRows(FormField(PersonRow), name="person")

    def __init__(self, invitees: list[Invitee], **kwargs):
        super().__init__(**kwargs, people={p.key: {"person": p} for p in invitees})

    def fill(self, meeting) -> None:
        self.held_on.data, self.chaired_by.data = meeting.held_on, meeting.chaired_by
        for row in self.people.forms:
            row.came.data = row.person.attendance
            row.apologies_reason.data = row.person.apologies_reason

    def answers(self) -> dict[str, Answered]:
        found = {row.person.key: row.answered() for row in self.people.forms}
        return {key: answer for key, answer in found.items() if answer is not None}

    def typed(self) -> dict[str, str]:
        shown = {
            "Date of the meeting": long_date(self.held_on.data),
            "Who chaired the meeting": text(self.chaired_by),
        }
        for row in self.people.forms:
            answer = row.answered()
            if answer is not None:
                reason = f": {answer.apologies_reason}" if answer.apologies_reason else ""
                shown[row.person.name] = ATTENDANCE_CHOICES[answer.attendance] + (
                    reason if answer.attendance == APOLOGIES else ""
                )
        return shown


class AddPersonForm(ServiceForm):
    """Someone not on the list: a name and whether they came; the rest optional."""

    name = StringField(
        "Their name",
        widget=GovTextInput(),
        validators=[DataRequired("Enter their name"), max_length(SHORT, "The name")],
    )
    came = RadioField(
        "Did they come?",
        widget=GovRadioInput(),
        choices=ATTENDANCE_CHOICES,
        default=CAME,
        validators=[DataRequired("Select whether they came")],
    )
    role = StringField(
        "Their role (optional)", widget=GovTextInput(), validators=[max_length(SHORT, "The role")]
    )
    agency = StringField(
        "Their agency, or how they know the family (optional)",
        widget=GovTextInput(),
        validators=[max_length(SHORT, "The agency")],
    )
    apologies_reason = StringField(
        "Why they sent apologies (optional)",
        name="reason",
        widget=GovTextInput(),
        validators=[max_length(SHORT, "The reason for apologies")],
    )
    submit = SubmitField("Add to the list", widget=GovSubmitInput())


# The goals.


class GoalPartRow(PlainForm):
    discussed = RadioField(widget=GovRadioInput(), choices=DISCUSSED, validators=[Optional()])
    where_now = TextAreaField(name="where-now", widget=GovTextArea())
    rating = RadioField(widget=GovRadioInput(), choices=RATINGS, validators=[Optional()])
    evidence = TextAreaField(
        "The evidence (optional)",
        widget=GovTextArea(),
        description="What was seen, counted or said, for example the school register or a visit",
    )
    said_by = StringField(
        "Who said so (optional)",
        name="said-by",
        widget=GovTextInput(),
        validators=[max_length(SHORT, "Who said so")],
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        n = self.number = item.number
        self.item = item
        self.discussed.label.text = f"Was goal {n} discussed at this meeting?"
        self.discussed.invalid_choice_message = f"Select whether goal {n} was discussed"
        self.where_now.label.text = f"Where things are now for goal {n}"
        self.rating.label.text = f"Progress on goal {n} since the last core group"
        self.rating.invalid_choice_message = f"Select the progress on goal {n}"

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        n = self.number
        if self.discussed.data == "yes":
            if not text(self.where_now):
                valid = fail(self.where_now, f"Enter where things are now for goal {n}")
            if not self.rating.data:
                valid = fail(self.rating, f"Select the progress on goal {n}")
        elif not self.discussed.data and (text(self.where_now) or self.rating.data):
            valid = fail(self.discussed, f"Select whether goal {n} was discussed")
        return valid

    def answer(self) -> GoalAnswer | None:
        if not self.discussed.data:
            return None
        if self.discussed.data == "no":
            return GoalAnswer(False)
        return GoalAnswer(
            True, text(self.where_now), self.rating.data, text(self.evidence), text(self.said_by)
        )


class GoalsForm(PartForm):
    goals = KeyedRows(FormField(GoalPartRow), name="goal")

    def __init__(self, items, **kwargs):
        super().__init__(**kwargs, goals={item.goal.id: {"item": item} for item in items})

    def fill(self, meeting) -> None:
        saved = {row.goal_id: row for row in meeting.progress}
        for row in self.goals.forms:
            progress = saved.get(row.item.goal.id)
            if progress is None:
                continue
            row.discussed.data = "yes" if progress.discussed else "no"
            row.where_now.data, row.rating.data = progress.where_now, progress.rating
            row.evidence.data, row.said_by.data = progress.evidence, progress.said_by

    def answers(self) -> dict[int, GoalAnswer]:
        found = {row.item.goal.id: row.answer() for row in self.goals.forms}
        return {goal_id: answer for goal_id, answer in found.items() if answer is not None}

    def typed(self) -> dict[str, str]:
        shown = {}
        for row in self.goals.forms:
            answer, label = row.answer(), f"Goal {row.number}"
            if answer is None:
                continue
            if not answer.discussed:
                shown[label] = "Not discussed this time"
                continue
            shown[label] = f"{RATINGS.get(answer.rating or '', answer.rating)}: {answer.where_now}"
            shown[f"{label}: the evidence"] = answer.evidence
            shown[f"{label}: who said so"] = answer.said_by
        return shown


# The actions.


class ActionPartRow(PlainForm):
    status = RadioField(widget=GovRadioInput(), choices=ACTION_OUTCOMES, validators=[Optional()])
    note = TextAreaField("What changed, or why not (optional)", widget=GovTextArea())

    def __init__(self, *args, goal_number: int, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action, self.goal_number = action, goal_number
        self.status.label.text = f"What happened to: {action.what}"
        self.status.invalid_choice_message = f"Select what happened to the action ‘{action.what}’"

    def answer(self) -> ActionAnswer | None:
        return ActionAnswer(self.status.data, text(self.note)) if self.status.data else None


class ActionRows:
    """Shared by the actions page and an agency's page: each action's status, carried forward
    from the last core group when this meeting has not recorded it yet."""

    actions: KeyedRows

    def fill_actions(self, meeting, carried: dict[int, str]) -> None:
        saved = {row.action_id: row for row in meeting.action_updates}
        for row in self.actions.forms:
            update = saved.get(row.action.id)
            if update is not None:
                row.status.data, row.note.data = update.status, update.note
            else:
                row.status.data = carried.get(row.action.id)

    def action_answers(self) -> dict[int, ActionAnswer]:
        found = {row.action.id: row.answer() for row in self.actions.forms}
        return {action_id: answer for action_id, answer in found.items() if answer is not None}

    def typed(self) -> dict[str, str]:
        shown = {}
        for row in self.actions.forms:
            answer = row.answer()
            if answer is not None:
                status = ACTION_OUTCOMES.get(answer.status, answer.status)
                shown[row.action.what] = f"{status}: {answer.note}" if answer.note else status
        return shown

    def action_ids(self) -> set[int]:
        return {row.action.id for row in self.actions.forms}


def _action_rows(actions) -> dict:
    return {action.id: {"goal_number": number, "action": action} for number, action in actions}


class ActionsForm(ActionRows, PartForm):
    """Each action's status, and the new actions agreed at the meeting (added to the plan)."""

    actions = KeyedRows(FormField(ActionPartRow), name="action")
    new_action_rows = KeyedRows(FormField(NewActionRow), name="new")

    def __init__(self, actions: list, context, **kwargs):
        rows = new_action_rows(context)
        super().__init__(**kwargs, actions=_action_rows(actions), new_action_rows=rows)
        self.context = context

    def fill_new_actions(self) -> None:
        for row, action in zip(self.new_action_rows.forms, self.context.added, strict=False):
            row.goal.data, row.what.data = str(action.goal_id), action.what
            row.who.data, row.by_when.data = action.who, action.by_when

    def new_actions(self) -> list:
        return [row.new_action() for row in self.new_action_rows.forms]

    def has_new_actions(self) -> bool:
        return any(filled(row) for row in self.new_action_rows.forms)


class AgencyForm(ActionRows, VersionedForm):
    """One agency's own update, and what happened to its actions."""

    summary = TextAreaField(
        widget=GovTextArea(),
        description="What your agency has done and seen since the last core group",
        validators=[max_length(10_000, "Your update")],
    )
    shown = HiddenField()
    actions = KeyedRows(FormField(ActionPartRow), name="action")
    submit = SubmitField("Save your update", widget=GovSubmitInput())

    def __init__(self, agency: str, actions: list, **kwargs):
        super().__init__(**kwargs, actions=_action_rows(actions))
        self.summary.label.text = f"Update from {agency}"

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not text(self.summary):
            valid = fail(self.summary, "Enter your agency’s update")
        return valid


# The views, scores and next meeting.


class ViewsForm(PartForm):
    child_views = TextAreaField(
        "The children’s views",
        widget=GovTextArea(),
        description="In their own words where you can: what they said, and how it was heard",
    )
    parents_views = TextAreaField(
        "The parents’ views",
        widget=GovTextArea(),
        description="Include their view even when it differs from everyone else’s",
    )
    scores = KeyedRows(FormField(ScoreRow), name="score")
    next_meeting_on = DateInputField(
        "Date of the next meeting", name_in_messages="the date of the next meeting"
    )
    notes_sent_to = TextAreaField(
        "Who gets the notes (optional)",
        widget=GovTextArea(),
        description="For example, everyone in the core group, and the family in Yoruba and English",
    )

    def __init__(self, came: list, held_on, **kwargs):
        """`came`: the attendance rows of those who came, each asked for a score."""
        rows = {row.id: {"who": row.name} for row in came}
        super().__init__(**kwargs, scores=rows)
        self.came = {row.id: row for row in came}
        self.held_on = held_on

    def fill(self, meeting) -> None:
        for name in ("child_views", "parents_views", "next_meeting_on", "notes_sent_to"):
            self[name].data = getattr(meeting, name)
        given = {score.person_name: score for score in meeting.scores}
        for row in self.scores.forms:
            score = given.get(row.who)
            if score is not None:
                row.score.data, row.reason.data = str(score.value), score.reason

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        following = self.next_meeting_on.data
        if following and self.held_on and following <= self.held_on:
            valid = fail(
                self.next_meeting_on,
                "The date of the next meeting must be after the date of this meeting",
            )
        return valid

    def fields(self) -> dict:
        return {
            "child_views": text(self.child_views),
            "parents_views": text(self.parents_views),
            "next_meeting_on": self.next_meeting_on.data,
            "notes_sent_to": text(self.notes_sent_to),
        }

    def scored(self) -> list[tuple[object, int, str]]:
        """(attendance row, score, reason) for each score given."""
        found = []
        for person, row in zip(self.came.values(), self.scores.forms, strict=True):
            value = row.value()
            if value is not None:
                found.append((person, value, text(row.reason)))
        return found

    def typed(self) -> dict[str, str]:
        following = self.next_meeting_on.data
        shown = {
            "The children’s views": text(self.child_views),
            "The parents’ views": text(self.parents_views),
            "Date of the next meeting": long_date(following),
            "Who gets the notes": text(self.notes_sent_to),
        }
        for row in self.scores.forms:
            if row.value() is not None:
                shown[f"Score from {row.who}"] = f"{row.value()}: {text(row.reason)}"
        return shown
