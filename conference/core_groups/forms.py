"""The form for a core group meeting: one page, in the order the meeting runs. Who came, the
visits since the last meeting, each safety goal with its actions, new actions, the views, the
optional scaling and the next meeting (docs/domain.md section 8).

The repeated parts are rows (meeting_rows.py), each named by the record it is about: a goal's
row is `goal-<goal id>-…` and is only ever read into that goal, whatever else was posted.
"""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import FormField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    RequiredDate,
    VersionedForm,
    fail,
    max_length,
    text,
)
from conference.common.keyed_rows import KeyedRows
from conference.core_groups.meeting_rows import (
    CHOOSE_GOAL,
    SHORT,
    GoalRow,
    NewActionRow,
    OtherPersonRow,
    ScoreRow,
    VisitRow,
    filled,
)
from conference.domain.core_group_schedule import Due
from conference.domain.vocabulary import ActionStatus
from conference.domain.wording import long_date
from conference.services.core_groups import (
    MeetingAnswers,
    MeetingContext,
    Member,
    Person,
    ScoreGiven,
)

OTHER_ROWS = 3
VISIT_ROWS = 4
NEW_ACTION_ROWS = 3
MEETING_LABELS = {
    "held_on": "Date of the meeting",
    "chaired_by": "Who chaired the meeting",
    "child_views": "The children’s views",
    "parents_views": "The parents’ views",
    "next_meeting_on": "Date of the next meeting",
    "notes_sent_to": "Who gets the notes",
}


def _as_typed(day) -> str:
    return f"{day.day} {day.month} {day.year}"


def _short(text: str, most: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


class MeetingForm(VersionedForm):
    """A meeting, for the goals, actions and people of `context`. The lists of rows are named
    apart from the meeting's own attributes (`visits`, `scores`): when changing a meeting it is
    passed as `obj`, whose attributes would otherwise fill the rows."""

    held_on = DateInputField(
        MEETING_LABELS["held_on"],
        name_in_messages="the date of the meeting",
        description="For example, 27 3 2027",
        validators=[RequiredDate(), NotInFuture()],
    )
    chaired_by = StringField(
        MEETING_LABELS["chaired_by"],
        widget=GovTextInput(),
        description="Anyone in the core group can chair",
        validators=[
            DataRequired("Enter who chaired the meeting"),
            max_length(SHORT, "Who chaired"),
        ],
    )
    attended = SelectMultipleField(
        "Who came from the core group",
        widget=GovCheckboxesInput(),
        description="Select everyone who came",
    )
    other_people = KeyedRows(FormField(OtherPersonRow), name="other")
    visit_rows = KeyedRows(FormField(VisitRow), name="visit")
    goal_rows = KeyedRows(FormField(GoalRow), name="goal")
    new_action_rows = KeyedRows(FormField(NewActionRow), name="new")
    child_views = TextAreaField(
        MEETING_LABELS["child_views"],
        widget=GovTextArea(),
        description="In their own words where you can: what they said, and how it was heard",
    )
    parents_views = TextAreaField(
        MEETING_LABELS["parents_views"],
        widget=GovTextArea(),
        description="Include their view even when it differs from everyone else’s",
    )
    member_scores = KeyedRows(FormField(ScoreRow), name="member")
    # The scores of other people who came: `other-<n>-score`, beside `other-<n>-name`.
    other_scores = KeyedRows(FormField(ScoreRow), name="other")
    next_meeting_on = DateInputField(
        MEETING_LABELS["next_meeting_on"],
        name_in_messages="the date of the next meeting",
        validators=[RequiredDate()],
    )
    notes_sent_to = TextAreaField(
        MEETING_LABELS["notes_sent_to"],
        widget=GovTextArea(),
        description="For example, everyone in the core group, and the family in Yoruba and English",
    )
    submit = SubmitField("Save the meeting", widget=GovSubmitInput())

    def __init__(self, context: MeetingContext, **kwargs):
        super().__init__(**kwargs, **_rows(context))
        self.context = context
        self.attended.choices = {m.key: m.label for m in context.members}

    def has_others(self) -> bool:
        """Whether anyone else who came is recorded, or a row needs correcting."""
        return any(filled(row) for row in self.other_people.forms)

    def has_more_visits(self) -> bool:
        """Whether a visit after the first is recorded, or a row needs correcting."""
        return any(filled(row) for row in self.visit_rows.forms[1:])

    def has_new_actions(self) -> bool:
        """Whether a new action is recorded, or a row needs correcting."""
        return any(filled(row) for row in self.new_action_rows.forms)

    def others_scoring(self):
        """Each row of someone else who came, with the row of their score."""
        return zip(self.other_people.forms, self.other_scores.forms, strict=True)

    # Checking.

    def validate(self, extra_validators=None) -> bool:
        self._tell_rows()
        valid = super().validate(extra_validators)
        checks = [self._check_who_came(), self._check_next_meeting()]
        return valid and all(checks)

    def _tell_rows(self) -> None:
        """Give the rows what they are checked against from elsewhere on the page."""
        came = set(self.attended.data or [])
        for visit in self.visit_rows.forms:
            visit.meeting_on = self.held_on.data
        for score in self.member_scores.forms:
            score.present = score.member.key in came
        for person, score in self.others_scoring():
            person.scored = score.typed()
            score.who = text(person.name) or f"other person {person.number}"

    def _check_who_came(self) -> bool:
        named = any(text(person.name) for person in self.other_people.forms)
        if not self.attended.data and not named:
            return fail(self.attended, "Select who came to the meeting")
        return True

    def _check_next_meeting(self) -> bool:
        held, following = self.held_on.data, self.next_meeting_on.data
        if self.held_on.errors or self.next_meeting_on.errors:
            return True
        if held and following and following <= held:
            return fail(
                self.next_meeting_on,
                "The date of the next meeting must be after the date of this meeting",
            )
        return True

    # Reading and filling.

    def show_next_due(self, due: Due) -> None:
        reason = due.reason[0].lower() + due.reason[1:]
        self.next_meeting_on.description = (
            f"The next core group is due by {long_date(due.on)} ({reason}). "
            f"For example, {_as_typed(due.on)}"
        )

    def answers(self) -> MeetingAnswers:
        came = set(self.attended.data or [])
        people = [
            Person(m.name, m.role, m.agency, m.user_id, m.is_parent, m.key in came)
            for m in self.context.members
        ] + [
            Person(text(p.name), text(p.role), text(p.agency))
            for p in self.other_people.forms
            if text(p.name)
        ]
        goals = self.goal_rows.forms
        return MeetingAnswers(
            fields={name: self[name].data for name in MEETING_LABELS},
            people=people,
            visits=[visit for row in self.visit_rows.forms if (visit := row.visit()) is not None],
            progress={goal.item.goal.id: goal.progress() for goal in goals},
            actions={a.action.id: a.reviewed() for goal in goals for a in goal.actions.forms},
            new_actions=[row.new_action() for row in self.new_action_rows.forms],
            scores=self._scores(came),
        )

    def _scores(self, came: set[str]) -> list[ScoreGiven]:
        given = [
            ScoreGiven(m.name, m.role_label, m.is_parent, row.value(), text(row.reason))
            for row in self.member_scores.forms
            if (m := row.member).key in came and text(row.score)
        ]
        for person, row in self.others_scoring():
            if text(person.name) and text(row.score):
                role = ", ".join(part for part in (text(person.role), text(person.agency)) if part)
                given.append(
                    ScoreGiven(text(person.name), role, False, row.value(), text(row.reason))
                )
        return given

    def prefill_new(self) -> None:
        """A new meeting starts with the actions already done or no longer needed marked so:
        the rest are asked afresh."""
        for goal in self.goal_rows.forms:
            for row in goal.actions.forms:
                if row.action.status in (ActionStatus.DONE, ActionStatus.NO_LONGER_NEEDED):
                    row.status.data = row.action.status

    def fill_from(self, meeting) -> None:
        """Show what was recorded at the meeting, to change it."""
        self._fill_people(meeting)
        self._fill_visits(meeting)
        self._fill_goals(meeting)
        for row, action in zip(self.new_action_rows.forms, self.context.added, strict=False):
            row.goal.data, row.what.data = str(action.goal_id), action.what
            row.who.data, row.by_when.data = action.who, action.by_when
        self._fill_scores(meeting)

    def _fill_people(self, meeting) -> None:
        """Members who came are ticked; anyone else fills the rows of other people."""
        came, others = [], []
        for row in meeting.attendance:
            member = _member_for(row, self.context.members)
            if member is None:
                others.append(row)
            elif row.attended:
                came.append(member.key)
        self.attended.data = came
        for person, row in zip(self.other_people.forms, others, strict=False):
            person.name.data, person.role.data, person.agency.data = row.name, row.role, row.agency

    def _fill_visits(self, meeting) -> None:
        for row, visit in zip(self.visit_rows.forms, meeting.visits, strict=False):
            row.on.data, row.visitor.data, row.place.data = (
                visit.visited_on,
                visit.visitor,
                visit.place,
            )
            row.child_seen.data = "yes" if visit.child_seen else "no"
            row.seen_alone.data = "yes" if visit.seen_alone else "no"

    def _fill_goals(self, meeting) -> None:
        """Each goal's progress and each action's outcome, where the meeting recorded them."""
        progress = {row.goal_id: row for row in meeting.progress}
        updates = {row.action_id: row for row in meeting.action_updates}
        for goal in self.goal_rows.forms:
            saved = progress.get(goal.item.goal.id)
            if saved is not None:
                goal.where_now.data, goal.rating.data = saved.where_now, saved.rating
                goal.evidence.data, goal.said_by.data = saved.evidence, saved.said_by
            for row in goal.actions.forms:
                update = updates.get(row.action.id)
                if update is not None:
                    row.status.data, row.note.data = update.status, update.note

    def _fill_scores(self, meeting) -> None:
        scores = {row.person_name: row for row in meeting.scores}
        for row in self.member_scores.forms:
            _show_score(row, scores.pop(row.member.name, None))
        for person, row in self.others_scoring():
            _show_score(row, scores.pop(text(person.name), None) if text(person.name) else None)


def meeting_form(context: MeetingContext, **kwargs) -> MeetingForm:
    """The meeting form for the goals in force, their actions and the core group."""
    return MeetingForm(context, **kwargs)


def new_action_rows(context: MeetingContext) -> dict:
    """The rows for new actions agreed at a meeting (also on the actions part, part_forms.py)."""
    return _rows(context)["new_action_rows"]


def _rows(context: MeetingContext) -> dict[str, dict]:
    """The rows the page asks about, by list: each row's key and what it is built with."""
    goals = {CHOOSE_GOAL: "Choose a goal"} | {
        str(item.goal.id): f"Goal {item.number}: {_short(item.goal.statement)}"
        for item in context.goals
    }
    added = context.added
    return {
        "other_people": {n: {"number": n} for n in range(1, OTHER_ROWS + 1)},
        "visit_rows": {n: {"number": n} for n in range(1, VISIT_ROWS + 1)},
        "goal_rows": {item.goal.id: {"item": item} for item in context.goals},
        "new_action_rows": {
            n: {
                "number": n,
                "goals": goals,
                "kept": n <= len(added) and added[n - 1].id in context.kept,
            }
            for n in range(1, NEW_ACTION_ROWS + 1)
        },
        "member_scores": {m.key: {"who": m.name, "member": m} for m in context.members},
        "other_scores": {n: {"who": f"other person {n}"} for n in range(1, OTHER_ROWS + 1)},
    }


def _show_score(row: ScoreRow, saved) -> None:
    if saved is not None:
        row.score.data, row.reason.data = str(saved.value), saved.reason


def _member_for(row, members: list[Member]) -> Member | None:
    """The core group member an attendance row records: by their account, else by name."""
    for member in members:
        if row.user_id is not None and member.user_id == row.user_id:
            return member
    for member in members:
        if member.name.casefold() == row.name.casefold():
            return member
    return None
