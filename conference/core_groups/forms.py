"""The form for a core group meeting: one page, in the order the meeting runs. Who came, the
visits since the last meeting, each safety goal with its actions, new actions, the views, the
optional scaling and the next meeting (DOMAIN.md section 8).

Rows that may be left blank (other people who came, visits, new actions, scores) are checked in
`validate`: a blank row is ignored, a partly filled one is explained.
"""

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
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    RequiredDate,
    VersionedForm,
    max_length,
)
from conference.common.templating import long_date
from conference.domain.core_group_schedule import (
    ACTION_OUTCOMES,
    DONE,
    NO_LONGER_NEEDED,
    RATINGS,
    Due,
)
from conference.services.core_groups import (
    ActionReviewed,
    MeetingAnswers,
    MeetingContext,
    Member,
    NewAction,
    Person,
    Progress,
    ScoreGiven,
    VisitMade,
)

OTHER_ROWS = 3
VISIT_ROWS = 4
NEW_ACTION_ROWS = 3
YES_NO = {"yes": "Yes", "no": "No"}
CHOOSE_GOAL = ""
MEETING_LABELS = {
    "held_on": "Date of the meeting",
    "chaired_by": "Who chaired the meeting",
    "child_views": "The children’s views",
    "parents_views": "The parents’ views",
    "next_meeting_on": "Date of the next meeting",
    "notes_sent_to": "Who gets the notes",
}
SHORT = 200


def _length(what: str, max_chars: int = SHORT) -> Length:
    return max_length(max_chars, what)


def _text(field) -> str:
    return (field.data or "").strip()


def _fail(field, message: str) -> bool:
    """Add the message unless the field already has one; always False, for `valid = …`."""
    if not field.errors:
        field.errors = [message]
    return False


def _filled(field) -> bool:
    return bool(field.errors) or any(field.raw_data or []) or bool(field.data)


def _as_typed(day: date) -> str:
    return f"{day.day} {day.month} {day.year}"


def _short(text: str, most: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


class MeetingForm(VersionedForm):
    """The fields every meeting has. `meeting_form` adds those for its goals, actions and
    people, and the rows below are added after the class."""

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
        validators=[DataRequired("Enter who chaired the meeting"), _length("Who chaired")],
    )
    attended = SelectMultipleField(
        "Who came from the core group",
        widget=GovCheckboxesInput(),
        description="Select everyone who came",
    )
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

    context: MeetingContext

    # Groups of fields, for the template.

    def others(self):
        """(number, name, role, agency) for each row of someone else who came."""
        for n in range(1, OTHER_ROWS + 1):
            yield n, self[f"other_{n}_name"], self[f"other_{n}_role"], self[f"other_{n}_agency"]

    def visits(self):
        """(number, date, who, where, child seen, seen alone) for each row of visits."""
        for n in range(1, VISIT_ROWS + 1):
            yield (n, *(self[f"visit_{n}_{part}"] for part in VISIT_PARTS))

    def goal_fields(self):
        """(goal item, where now, rating, evidence, said by, [(number, action, status, note)])."""
        for item in self.context.goals:
            prefix = f"goal_{item.goal.id}"
            actions = [
                (
                    number,
                    action,
                    self[f"action_{action.id}_status"],
                    self[f"action_{action.id}_note"],
                )
                for number, action in item.actions
            ]
            yield (
                item,
                self[f"{prefix}_where_now"],
                self[f"{prefix}_rating"],
                self[f"{prefix}_evidence"],
                self[f"{prefix}_said_by"],
                actions,
            )

    def new_actions(self):
        """(number, goal, what, who, by when) for each row of new actions."""
        for n in range(1, NEW_ACTION_ROWS + 1):
            yield (n, *(self[f"new_{n}_{part}"] for part in NEW_ACTION_PARTS))

    def member_scores(self):
        """(member, score, reason) for each member of the core group."""
        for member in self.context.members:
            yield member, self[_score_name(member)], self[_reason_name(member)]

    def other_scores(self):
        """(number, name given or None, score, reason) for each row of someone else."""
        for n in range(1, OTHER_ROWS + 1):
            yield (
                n,
                _text(self[f"other_{n}_name"]),
                self[f"other_{n}_score"],
                self[f"other_{n}_reason"],
            )

    def has_others(self) -> bool:
        """Whether anyone else who came is recorded, or a row needs correcting."""
        return any(_filled(field) for _n, *fields in self.others() for field in fields)

    def has_more_visits(self) -> bool:
        """Whether a visit after the first is recorded, or a row needs correcting."""
        return any(_filled(field) for n, *fields in self.visits() if n > 1 for field in fields)

    def has_new_actions(self) -> bool:
        """Whether a new action is recorded, or a row needs correcting."""
        return any(_filled(field) for _n, *fields in self.new_actions() for field in fields)

    # Checking.

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        checks = [
            self._check_people(),
            self._check_visits(),
            self._check_new_actions(),
            self._check_scores(),
            self._check_next_meeting(),
        ]
        return valid and all(checks)

    def _check_people(self) -> bool:
        valid = True
        named = False
        for n, name, role, agency in self.others():
            score, reason = self[f"other_{n}_score"], self[f"other_{n}_reason"]
            if _text(name):
                named = True
            elif any(_text(f) for f in (role, agency, score, reason)):
                valid = _fail(name, f"Enter the name of other person {n}")
        if not self.attended.data and not named:
            valid = _fail(self.attended, "Select who came to the meeting")
        return valid

    def _check_visits(self) -> bool:
        valid = True
        for n, on, visitor, place, seen, alone in self.visits():
            typed = any(on.raw_data or []) or any(_text(f) for f in (visitor, place))
            if not (typed or seen.data or alone.data):
                continue
            if on.data is None:
                valid = _fail(on, f"Enter the date of visit {n}")
            elif self.held_on.data and on.data > self.held_on.data:
                valid = _fail(on, f"The date of visit {n} must be on or before the meeting")
            for field, message in (
                (visitor, f"Enter who made visit {n}"),
                (place, f"Enter where visit {n} took place"),
            ):
                if not _text(field):
                    valid = _fail(field, message)
            if not seen.data:
                valid = _fail(seen, f"Select whether the child was seen on visit {n}")
            if not alone.data:
                valid = _fail(alone, f"Select whether the child was seen alone on visit {n}")
            elif seen.data == "no" and alone.data == "yes":
                valid = _fail(alone, f"The child was not seen on visit {n}, so not seen alone")
        return valid

    def _check_new_actions(self) -> bool:
        valid = True
        added = self.context.added
        for n, goal, what, who, when in self.new_actions():
            typed = goal.data or _text(what) or _text(who) or any(when.raw_data or [])
            if not typed:
                existing = added[n - 1] if n <= len(added) else None
                if existing is not None and existing.id in self.context.kept:
                    valid = _fail(
                        what,
                        f"New action {n} was reviewed at a later core group, so it cannot be "
                        "removed here",
                    )
                continue
            for field, message in (
                (goal, f"Select the goal new action {n} is for"),
                (what, f"Enter what will be done for new action {n}"),
                (who, f"Enter who will do new action {n}"),
            ):
                if not _text(field):
                    valid = _fail(field, message)
            if when.data is None:
                valid = _fail(when, f"Enter the date new action {n} will be done by")
        return valid

    def _check_scores(self) -> bool:
        valid = True
        came = set(self.attended.data or [])
        people = [
            (member.name, score, reason, member.key in came)
            for member, score, reason in self.member_scores()
        ] + [
            (name or f"other person {n}", score, reason, True)
            for n, name, score, reason in self.other_scores()
        ]
        for name, score, reason, present in people:
            given, why = _text(score), _text(reason)
            if (given or why) and not present:
                valid = _fail(score, f"Select {name} under who came, or clear their score")
            elif given and _score(given) is None:
                valid = _fail(score, f"The score from {name} must be a whole number from 0 to 10")
            elif why and not given:
                valid = _fail(score, f"Enter a score from 0 to 10 for {name}")
            elif given and not why:
                valid = _fail(reason, f"Enter the reason for the score from {name}")
        return valid

    def _check_next_meeting(self) -> bool:
        held, following = self.held_on.data, self.next_meeting_on.data
        if self.held_on.errors or self.next_meeting_on.errors:
            return True
        if held and following and following <= held:
            return _fail(
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
        context = self.context
        came = set(self.attended.data or [])
        people = [
            Person(m.name, m.role, m.agency, m.user_id, m.is_parent, m.key in came)
            for m in context.members
        ] + [
            Person(_text(name), _text(role), _text(agency))
            for _n, name, role, agency in self.others()
            if _text(name)
        ]
        return MeetingAnswers(
            fields={name: self[name].data for name in MEETING_LABELS},
            people=people,
            visits=[
                VisitMade(
                    on.data, _text(visitor), _text(place), seen.data == "yes", alone.data == "yes"
                )
                for _n, on, visitor, place, seen, alone in self.visits()
                if on.data is not None
            ],
            progress={
                item.goal.id: Progress(_text(where), rating.data, _text(evidence), _text(said_by))
                for item, where, rating, evidence, said_by, _actions in self.goal_fields()
            },
            actions={
                action.id: ActionReviewed(status.data, _text(note))
                for *_goal, actions in self.goal_fields()
                for _number, action, status, note in actions
            },
            new_actions=[
                NewAction(int(goal.data), _text(what), _text(who), when.data) if goal.data else None
                for _n, goal, what, who, when in self.new_actions()
            ],
            scores=self._scores(came),
        )

    def _scores(self, came: set[str]) -> list[ScoreGiven]:
        given = [
            ScoreGiven(m.name, m.role_label, m.is_parent, _score(_text(score)), _text(reason))
            for m, score, reason in self.member_scores()
            if m.key in came and _text(score)
        ]
        for n, name, score, reason in self.other_scores():
            if name and _text(score):
                parts = (_text(self[f"other_{n}_role"]), _text(self[f"other_{n}_agency"]))
                role = ", ".join(part for part in parts if part)
                given.append(ScoreGiven(name, role, False, _score(_text(score)), _text(reason)))
        return given

    def prefill_new(self) -> None:
        """A new meeting starts with the actions already done or no longer needed marked so:
        the rest are asked afresh."""
        for *_goal, actions in self.goal_fields():
            for _number, action, status, _note in actions:
                if action.status in (DONE, NO_LONGER_NEEDED):
                    status.data = action.status

    def fill_from(self, meeting) -> None:
        """Show what was recorded at the meeting, to change it."""
        came, others = [], []
        for row in meeting.attendance:
            member = _member_for(row, self.context.members)
            if member is None:
                others.append(row)
            elif row.attended:
                came.append(member.key)
        self.attended.data = came
        for (_n, name, role, agency), row in zip(self.others(), others, strict=False):
            name.data, role.data, agency.data = row.name, row.role, row.agency
        for (_n, *fields), visit in zip(self.visits(), meeting.visits, strict=False):
            on, visitor, place, seen, alone = fields
            on.data, visitor.data, place.data = visit.visited_on, visit.visitor, visit.place
            seen.data = "yes" if visit.child_seen else "no"
            alone.data = "yes" if visit.seen_alone else "no"
        progress = {row.goal_id: row for row in meeting.progress}
        updates = {row.action_id: row for row in meeting.action_updates}
        for item, where, rating, evidence, said_by, actions in self.goal_fields():
            row = progress.get(item.goal.id)
            if row is not None:
                where.data, rating.data = row.where_now, row.rating
                evidence.data, said_by.data = row.evidence, row.said_by
            for _number, action, status, note in actions:
                update = updates.get(action.id)
                if update is not None:
                    status.data, note.data = update.status, update.note
        for (_n, goal, what, who, when), action in zip(
            self.new_actions(), self.context.added, strict=False
        ):
            goal.data, what.data = str(action.goal_id), action.what
            who.data, when.data = action.who, action.by_when
        self._fill_scores(meeting)

    def _fill_scores(self, meeting) -> None:
        scores = {row.person_name: row for row in meeting.scores}
        for member, score, reason in self.member_scores():
            row = scores.pop(member.name, None)
            if row is not None:
                score.data, reason.data = str(row.value), row.reason
        for _n, name, score, reason in self.other_scores():
            row = scores.pop(name, None) if name else None
            if row is not None:
                score.data, reason.data = str(row.value), row.reason


def _member_for(row, members: list[Member]) -> Member | None:
    """The core group member an attendance row records: by their account, else by name."""
    for member in members:
        if row.user_id is not None and member.user_id == row.user_id:
            return member
    for member in members:
        if member.name.casefold() == row.name.casefold():
            return member
    return None


def _score(text: str) -> int | None:
    """0 to 10, or None. Checked as text first: "²".isdigit() is true, and Python refuses to read
    a number of more than 4,300 digits."""
    if not (text.isascii() and text.isdigit() and len(text) <= 2):
        return None
    value = int(text)
    return value if value <= 10 else None


def _score_name(member: Member) -> str:
    return f"score_{member.key.replace('-', '_')}"


def _reason_name(member: Member) -> str:
    return f"reason_{member.key.replace('-', '_')}"


VISIT_PARTS = ("on", "visitor", "place", "child_seen", "seen_alone")
NEW_ACTION_PARTS = ("goal", "what", "who", "by_when")


def _add_rows(form_class) -> None:
    """The rows of other people who came, visits and new actions: the same on every meeting."""
    for n in range(1, OTHER_ROWS + 1):
        fields = {
            "name": StringField(f"Name of other person {n}", validators=[_length("The name")]),
            "role": StringField("Their role", validators=[_length("The role")]),
            "agency": StringField(
                "Their agency, or how they know the family", validators=[_length("The agency")]
            ),
            "score": StringField(f"Score from other person {n}", widget=GovTextInput()),
            "reason": TextAreaField(
                f"Reason for the score from other person {n}", widget=GovTextArea()
            ),
        }
        for part, unbound in fields.items():
            unbound.kwargs.setdefault("widget", GovTextInput())
            unbound.name = f"other-{n}-{part}"
            setattr(form_class, f"other_{n}_{part}", unbound)
    for n in range(1, VISIT_ROWS + 1):
        fields = {
            "on": DateInputField(
                f"Date of visit {n}",
                name_in_messages=f"the date of visit {n}",
                validators=[NotInFuture()],
            ),
            "visitor": StringField(
                "Who visited", widget=GovTextInput(), validators=[_length("Who visited")]
            ),
            "place": StringField(
                "Where",
                widget=GovTextInput(),
                description="For example, at home, or at school",
                validators=[_length("Where")],
            ),
            "child_seen": _yes_no(f"Was the child seen on visit {n}?"),
            "seen_alone": _yes_no(f"Was the child seen alone on visit {n}?"),
        }
        for part, unbound in fields.items():
            unbound.name = f"visit-{n}-{part.replace('_', '-')}"
            setattr(form_class, f"visit_{n}_{part}", unbound)
    for n in range(1, NEW_ACTION_ROWS + 1):
        fields = {
            "goal": SelectField(
                f"Which goal is new action {n} for?",
                widget=GovSelect(),
                default=CHOOSE_GOAL,
                invalid_choice_message=f"Select the goal new action {n} is for",
                validators=[Optional()],
            ),
            "what": TextAreaField("What will be done", widget=GovTextArea()),
            "who": StringField(
                "Who will do it",
                widget=GovTextInput(),
                description="A named person or agency",
                validators=[_length("Who will do it")],
            ),
            "by_when": DateInputField("By when", name_in_messages=f"the date for new action {n}"),
        }
        for part, unbound in fields.items():
            unbound.name = f"new-{n}-{part.replace('_', '-')}"
            setattr(form_class, f"new_{n}_{part}", unbound)


def _yes_no(label: str) -> RadioField:
    return RadioField(label, widget=GovRadioInput(), choices=YES_NO, validators=[Optional()])


_add_rows(MeetingForm)


def meeting_form(context: MeetingContext, *args, **kwargs) -> MeetingForm:
    """The meeting form with the questions for each goal in force and its actions, and a score
    for each member of the core group."""

    class ThisMeetingForm(MeetingForm):
        """The meeting form with fields added below for this plan's goals and actions."""

    order = ["held_on", "chaired_by", "attended"]
    order += [
        f"other_{n}_{p}" for n in range(1, OTHER_ROWS + 1) for p in ("name", "role", "agency")
    ]
    order += [f"visit_{n}_{p}" for n in range(1, VISIT_ROWS + 1) for p in VISIT_PARTS]
    for item in context.goals:
        order += _add_goal(ThisMeetingForm, item)
    order += [f"new_{n}_{p}" for n in range(1, NEW_ACTION_ROWS + 1) for p in NEW_ACTION_PARTS]
    order += ["child_views", "parents_views"]
    for member in context.members:
        order += _add_score(ThisMeetingForm, member)
    order += [f"other_{n}_{p}" for n in range(1, OTHER_ROWS + 1) for p in ("score", "reason")]
    order += ["next_meeting_on", "notes_sent_to", "submit"]

    form = ThisMeetingForm(*args, **kwargs)
    for name in order:
        form._fields.move_to_end(name)
    form.context = context
    form.attended.choices = {m.key: m.label for m in context.members}
    goals = {CHOOSE_GOAL: "Choose a goal"} | {
        str(item.goal.id): f"Goal {item.number}: {_short(item.goal.statement)}"
        for item in context.goals
    }
    for _n, goal, *_rest in form.new_actions():
        goal.choices = goals
    return form


def _add_goal(form_class, item) -> list[str]:
    n, goal = item.number, item.goal
    prefix = f"goal_{goal.id}"
    fields = {
        "where_now": TextAreaField(
            f"Where things are now for goal {n}",
            widget=GovTextArea(),
            description="Against how we will know, above" if goal.measure else "",
            validators=[DataRequired(f"Enter where things are now for goal {n}")],
        ),
        "rating": RadioField(
            f"Progress on goal {n} since the last core group",
            widget=GovRadioInput(),
            choices=RATINGS,
            invalid_choice_message=f"Select the progress on goal {n}",
            validators=[InputRequired(f"Select the progress on goal {n}")],
        ),
        "evidence": TextAreaField(
            "The evidence",
            widget=GovTextArea(),
            description="What was seen, counted or said, for example the school register or "
            "a visit",
        ),
        "said_by": StringField(
            "Who said so", widget=GovTextInput(), validators=[_length("Who said so")]
        ),
    }
    names = []
    for part, unbound in fields.items():
        unbound.name = f"goal-{goal.id}-{part.replace('_', '-')}"
        setattr(form_class, f"{prefix}_{part}", unbound)
        names.append(f"{prefix}_{part}")
    for number, action in item.actions:
        what = f"action {number} of goal {n}"
        setattr(
            form_class,
            f"action_{action.id}_status",
            RadioField(
                f"What happened to {what}",
                name=f"action-{action.id}-status",
                widget=GovRadioInput(),
                choices=ACTION_OUTCOMES,
                invalid_choice_message=f"Select what happened to {what}",
                validators=[InputRequired(f"Select what happened to {what}")],
            ),
        )
        setattr(
            form_class,
            f"action_{action.id}_note",
            TextAreaField(
                "What changed, or why not (optional)",
                name=f"action-{action.id}-note",
                widget=GovTextArea(),
            ),
        )
        names += [f"action_{action.id}_status", f"action_{action.id}_note"]
    return names


def _add_score(form_class, member: Member) -> list[str]:
    score, reason = _score_name(member), _reason_name(member)
    setattr(
        form_class,
        score,
        StringField(
            f"Score from {member.name}",
            name=score.replace("_", "-"),
            widget=GovTextInput(),
            description="From 0 to 10 (optional)",
        ),
    )
    setattr(
        form_class,
        reason,
        TextAreaField(
            f"Reason for the score from {member.name}",
            name=reason.replace("_", "-"),
            widget=GovTextArea(),
        ),
    )
    return [score, reason]
