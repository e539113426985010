"""The statutory visit form: when, who visited, where, announced or not, then each child's part
in the visit (a row per child of the family), the observations and what happens next."""

import re
from datetime import date, datetime, time

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import FormField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    PlainForm,
    RequiredDate,
    VersionedForm,
    fail,
    max_length,
    text,
)
from conference.common.keyed_rows import KeyedRows
from conference.common.templating import LONDON
from conference.domain import visits as rules
from conference.domain.wording import clock_time, long_date
from conference.services.visits import ChildPart, VisitAnswers

YES_NO = {"yes": "Yes", "no": "No"}
BEDROOM = {"yes": "Yes", "no": "No", "not_relevant": "Not relevant this time"}
SOCIAL_WORKER, SOMEONE_ELSE = "social_worker", "someone_else"
SHORT = 200
TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def local_now() -> datetime:
    """The time now in the UK, where visits happen (one place for tests to set it)."""
    return datetime.now(LONDON)


def _yes_no(label: str = "") -> RadioField:
    return RadioField(label, widget=GovRadioInput(), choices=YES_NO, validators=[Optional()])


def _as_bool(answer: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(answer or "")


def _as_answer(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def unborn_on(child, day: date | None) -> bool:
    """Whether the child was still unborn on the day of the visit: the visit saw the mother."""
    return not rules.can_be_seen_alone(child.date_of_birth, day)


class ChildRow(PlainForm):
    """One child's part in the visit, named after the child in its labels and messages."""

    visited = _yes_no()
    seen = _yes_no()
    not_seen_reason = TextAreaField(widget=GovTextArea())
    seen_alone = _yes_no()
    not_alone_reason = TextAreaField(widget=GovTextArea())
    bedroom_seen = RadioField(widget=GovRadioInput(), choices=BEDROOM, validators=[Optional()])
    own_words = TextAreaField(
        widget=GovTextArea(),
        description="Write down what they said as they said it, and how they said it",
    )

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child, self.visited_on = child, None
        # Set by the visit form before it is checked: the first row carries the message when
        # no child was part of the visit (a row's errors are gathered as it is checked).
        self.none_visited = False
        name = child.name
        self.visited.label.text = f"Was {name} part of this visit?"
        self.seen.label.text = f"Was {name} seen?"
        self.not_seen_reason.label.text = f"Why was {name} not seen?"
        self.seen_alone.label.text = f"Was {name} seen alone?"
        self.not_alone_reason.label.text = f"Why was {name} not seen alone?"
        self.bedroom_seen.label.text = f"Was {name}’s bedroom seen?"
        self.own_words.label.text = f"What {name} said, in their own words (optional)"

    @property
    def unborn(self) -> bool:
        return unborn_on(self.child, self.visited_on)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        name = self.child.name
        if not self.visited.data:
            return fail(self.visited, f"Select whether {name} was part of this visit")
        if self.visited.data == "no":
            if self.none_visited:
                return fail(self.visited, "Select at least one child who was part of the visit")
            return valid
        if not self.seen.data:
            valid = fail(self.seen, f"Select whether {name} was seen")
        elif self.seen.data == "no" and not text(self.not_seen_reason):
            valid = fail(self.not_seen_reason, f"Enter why {name} was not seen")
        if self.seen.data == "yes" and not self.unborn:
            if not self.seen_alone.data:
                valid = fail(self.seen_alone, f"Select whether {name} was seen alone")
            elif self.seen_alone.data == "no" and not text(self.not_alone_reason):
                valid = fail(self.not_alone_reason, f"Enter why {name} was not seen alone")
        if not self.bedroom_seen.data:
            valid = fail(self.bedroom_seen, f"Select whether {name}’s bedroom was seen")
        return valid

    def part(self) -> ChildPart | None:
        """The child's part, or None when they were not part of the visit. Answers that do
        not apply (why not seen, when they were) are not kept."""
        if self.visited.data != "yes":
            return None
        seen = self.seen.data == "yes"
        alone = seen and not self.unborn and self.seen_alone.data == "yes"
        asked_alone = seen and not self.unborn and not alone
        return ChildPart(
            child_id=self.child.id,
            seen=seen,
            not_seen_reason="" if seen else text(self.not_seen_reason),
            seen_alone=alone,
            not_alone_reason=text(self.not_alone_reason) if asked_alone else "",
            bedroom_seen=_as_bool(self.bedroom_seen.data),
            # Not asked of a baby not born yet (the form does not show it).
            own_words="" if self.child.unborn else text(self.own_words),
        )

    def fill_from(self, row) -> None:
        self.visited.data = "yes" if row is not None else "no"
        if row is None:
            return
        self.seen.data = _as_answer(row.seen)
        self.not_seen_reason.data = row.not_seen_reason
        self.seen_alone.data = _as_answer(row.seen_alone) if row.seen else None
        self.not_alone_reason.data = row.not_alone_reason
        self.bedroom_seen.data = _as_answer(row.bedroom_seen) or "not_relevant"
        self.own_words.data = row.own_words


class VisitForm(VersionedForm):
    visited_on = DateInputField(
        "Date of the visit",
        name_in_messages="the date of the visit",
        description="For example, 27 3 2027",
        validators=[RequiredDate(), NotInFuture()],
    )
    visited_at = StringField(
        "Time of the visit (optional)",
        widget=GovTextInput(),
        description="Use the 24-hour clock, for example 14:30",
        validators=[max_length(5, "The time of the visit")],
    )
    visitor = RadioField(
        "Who visited",
        widget=GovRadioInput(),
        validators=[InputRequired("Select who visited")],
    )
    visitor_name = StringField(
        "Their name", widget=GovTextInput(), validators=[max_length(SHORT, "Their name")]
    )
    visitor_role = StringField(
        "Their role",
        widget=GovTextInput(),
        description="For example, social work assistant, or a manager covering the case",
        validators=[max_length(SHORT, "Their role")],
    )
    place = StringField(
        "Where",
        widget=GovTextInput(),
        description="For example, at home, or at school",
        validators=[DataRequired("Enter where the visit took place"), max_length(SHORT, "Where")],
    )
    announced = RadioField(
        "Was the visit announced?",
        widget=GovRadioInput(),
        choices={"yes": "Yes, the family knew it was coming", "no": "No, it was unannounced"},
        validators=[InputRequired("Select whether the visit was announced")],
    )
    child_rows = KeyedRows(FormField(ChildRow), name="child")
    observations = TextAreaField(
        "Observations",
        widget=GovTextArea(),
        description="What you saw and heard: the home, the care, how the children and adults were",
        validators=[DataRequired("Enter what you observed")],
    )
    next_steps = TextAreaField(
        "What happens next (optional)",
        widget=GovTextArea(),
        description="Who will do what, and by when",
    )
    submit = SubmitField("Save the visit", widget=GovSubmitInput())

    def __init__(self, case, **kwargs):
        super().__init__(**kwargs, child_rows={c.id: {"child": c} for c in case.children})
        self.case = case
        worker = case.social_worker
        choices = {SOMEONE_ELSE: "Someone else"}
        if worker is not None:
            choices = {SOCIAL_WORKER: f"{worker.name}, the family’s social worker"} | choices
        self.visitor.choices = choices
        if not self.is_submitted() and worker is not None and not self.visitor.data:
            self.visitor.data = SOCIAL_WORKER

    def validate(self, extra_validators=None) -> bool:
        rows = self.child_rows.forms
        for number, row in enumerate(rows):
            row.visited_on = self.visited_on.data
            row.none_visited = number == 0 and all(each.visited.data == "no" for each in rows)
        valid = super().validate(extra_validators)
        if text(self.visited_at) and self._time() is None:
            valid = fail(
                self.visited_at, "Enter the time of the visit as hours and minutes, like 14:30"
            )
        elif self._later_today():
            valid = fail(self.visited_at, "The time of the visit must be now or earlier")
        if self.visitor.data == SOMEONE_ELSE:
            if not text(self.visitor_name):
                valid = fail(self.visitor_name, "Enter the name of the person who visited")
            if not text(self.visitor_role):
                valid = fail(self.visitor_role, "Enter the role of the person who visited")
        return self._after_referral() and valid

    def _after_referral(self) -> bool:
        """A child cannot be visited, as a child in need of protection, before their referral."""
        day = self.visited_on.data
        if day is None:
            return True
        for row in self.child_rows.forms:
            episode = row.child.current_episode
            referred = episode.referral_date if episode is not None else None
            if row.visited.data == "yes" and referred is not None and day < referred:
                return fail(
                    self.visited_on,
                    f"The date of the visit must be on or after {row.child.name}’s referral "
                    f"on {long_date(referred)}",
                )
        return True

    def _later_today(self) -> bool:
        """A visit today at a time not reached yet (UK time) has not happened."""
        at, now = self._time(), local_now()
        if at is None or self.visited_on.data != now.date():
            return False
        return at > now.time().replace(second=0, microsecond=0)

    def _time(self) -> time | None:
        match = TIME.match(text(self.visited_at))
        return time(int(match[1]), int(match[2])) if match else None

    def answers(self) -> VisitAnswers:
        """What to store, from a form that passed its checks."""
        day = self.visited_on.data
        if day is None:
            raise ValueError("a visit is stored only with its date")
        someone_else = self.visitor.data == SOMEONE_ELSE
        return VisitAnswers(
            visited_on=day,
            visited_at=self._time(),
            visitor_id=None if someone_else else self.case.social_worker_id,
            visitor_name=text(self.visitor_name) if someone_else else "",
            visitor_role=text(self.visitor_role) if someone_else else "",
            place=text(self.place),
            announced=_as_bool(self.announced.data),
            observations=text(self.observations),
            next_steps=text(self.next_steps),
            children=[part for row in self.child_rows.forms if (part := row.part()) is not None],
        )

    def fill_from(self, visit) -> None:
        """The saved visit, to change it."""
        self.visited_on.data = visit.visited_on
        self.visited_at.data = visit.visited_at.strftime("%H:%M") if visit.visited_at else ""
        worker_visited = visit.visitor_id is not None and visit.visitor_id == (
            self.case.social_worker_id
        )
        self.visitor.data = SOCIAL_WORKER if worker_visited else SOMEONE_ELSE
        if not worker_visited:
            self.visitor_name.data = visit.visitor.name if visit.visitor else visit.visitor_name
            self.visitor_role.data = visit.visitor_role
        self.place.data = visit.place
        self.announced.data = _as_answer(visit.announced)
        self.observations.data = visit.observations
        self.next_steps.data = visit.next_steps
        parts = {row.child_id: row for row in visit.children}
        for row in self.child_rows.forms:
            row.fill_from(parts.get(row.child.id))


def visit_conflicts(answers: VisitAnswers, visit, names: dict[int, str]) -> list[dict]:
    """What is saved now and what this user typed, where the two differ."""
    saved = {
        "Date of the visit": long_date(visit.visited_on),
        "Time of the visit": clock_time(visit.visited_at) if visit.visited_at else "",
        "Who visited": visit.visitor_label,
        "Where": visit.place,
        "Was the visit announced?": _yes_no_text(visit.announced),
        "Observations": visit.observations,
        "What happens next": visit.next_steps,
    }
    yours = {
        "Date of the visit": long_date(answers.visited_on),
        "Time of the visit": clock_time(answers.visited_at) if answers.visited_at else "",
        "Who visited": _visitor_label(answers, visit.case),
        "Where": answers.place,
        "Was the visit announced?": _yes_no_text(answers.announced),
        "Observations": answers.observations,
        "What happens next": answers.next_steps,
    }
    saved_parts = {row.child_id: _part_text(row) for row in visit.children}
    typed_parts = {part.child_id: _part_text(part) for part in answers.children}
    for child_id, name in names.items():
        saved[name] = saved_parts.get(child_id, "Not part of the visit")
        yours[name] = typed_parts.get(child_id, "Not part of the visit")
    return [
        {"label": label, "saved": saved[label], "yours": yours[label]}
        for label in saved
        if saved[label] != yours[label]
    ]


def _visitor_label(answers: VisitAnswers, case) -> str:
    if answers.visitor_id is not None and case.social_worker is not None:
        return case.social_worker.name
    name = answers.visitor_name
    return f"{name} ({answers.visitor_role})" if answers.visitor_role else name


def _yes_no_text(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def _part_text(part) -> str:
    """One child's part in a line: "Seen, seen alone, bedroom seen. Said: …"."""
    bits = ["Seen" if part.seen else f"Not seen ({part.not_seen_reason})"]
    if part.seen_alone:
        bits.append("seen alone")
    elif part.seen and part.not_alone_reason:
        bits.append(f"not seen alone ({part.not_alone_reason})")
    bedroom = {True: "bedroom seen", False: "bedroom not seen", None: "bedroom not relevant"}
    bits.append(bedroom[part.bedroom_seen])
    said = f" Said: {part.own_words}" if part.own_words else ""
    return ", ".join(bits) + "." + said
