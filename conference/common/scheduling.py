"""The form that schedules a conference, initial or review: shared by the conference pages and
the review pages, which schedule the next conference from the core group's evidence."""

import re
from datetime import time

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

from conference.common.forms import DateInputField, RequiredDate, VersionedForm
from conference.domain import timescales
from conference.models import CONFERENCE_TYPE_LABELS

TYPE_CHOICES = {kind.value: label for kind, label in CONFERENCE_TYPE_LABELS.items()}
YES_NO = {"yes": "Yes", "no": "No"}
TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def parse_time(text: str) -> time | None:
    """ "10:00", "14.30", "2pm", "2:30pm" as a time of day, else None."""
    match = TIME_PATTERN.match(text.strip())
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class ConferenceForm(VersionedForm):
    conference_type = RadioField(
        "Type of conference",
        widget=GovRadioInput(),
        choices=TYPE_CHOICES,
        validators=[InputRequired("Select the type of conference")],
    )
    strategy_discussion_on = DateInputField(
        "Date of the strategy discussion that started the section 47 enquiry",
        name_in_messages="the date of the strategy discussion",
        description="For an initial conference. It must be held within 15 working days of this.",
    )
    held_on = DateInputField(
        "Date of the conference",
        name_in_messages="the date of the conference",
        description="For example, 27 3 2027. Conferences are never held at weekends.",
        validators=[RequiredDate()],
    )
    starts_at = StringField(
        "Start time",
        widget=GovTextInput(),
        description="For example, 10:00 or 3:30pm",
        validators=[InputRequired("Enter the start time")],
    )
    venue = StringField(
        "Venue",
        widget=GovTextInput(),
        description="Where the conference is held, or how to join it online",
        validators=[Length(max=200, message="Venue must be 200 characters or fewer")],
    )
    online = RadioField(
        "Is the conference online?",
        widget=GovRadioInput(),
        choices=YES_NO,
        validators=[InputRequired("Select whether the conference is online")],
    )
    twilight = RadioField(
        "Is it a twilight conference (after school)?",
        widget=GovRadioInput(),
        description="Holding it after school helps children attend.",
        choices=YES_NO,
        validators=[InputRequired("Select whether it is a twilight conference")],
    )
    chair_id = SelectField("Chair", widget=GovSelect())
    minute_taker_id = SelectField(
        "Minute-taker",
        widget=GovSelect(),
        default="",
        description="Business support who types in the room. They record attendance, the map,"
        " scores and the plan’s wording for this conference only, and never the decision.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, chairs, *args, minute_takers=None, fixed_type=None, **kwargs):
        """`minute_takers`: those who may be assigned, for a user who assigns them (the chair
        or the team manager); None leaves the question off the form. `fixed_type`: the stored
        type of a conference whose chair and type the user may not change (the social worker:
        the chair is independent of the case), which leaves both questions off the form."""
        super().__init__(*args, **kwargs)
        self.fixed_type = fixed_type
        if fixed_type is not None:
            del self.chair_id
            del self.conference_type
        else:
            self.chair_id.choices = {"": "Not chosen yet"} | {str(c.id): c.name for c in chairs}
        if minute_takers is None:
            del self.minute_taker_id
        else:
            self.minute_taker_id.choices = {"": "Not chosen yet"} | {
                str(person.id): person.name for person in minute_takers
            }
            # The stored id (a number) as the choice it is, for a form sent without the question.
            self.minute_taker_id.data = str(self.minute_taker_id.data or "")

    def validate_starts_at(self, field):
        if parse_time(field.data or "") is None:
            raise ValidationError("Enter a start time like 10:00 or 3:30pm")

    def validate_held_on(self, field):
        if field.data:
            reason = timescales.weekend_or_bank_holiday_reason(
                field.data, timescales.default_calendar()
            )
            if reason:
                raise ValidationError(reason)

    def kind(self) -> str:
        """The type of conference: as chosen on the form, or as stored when not asked."""
        return self.conference_type.data if "conference_type" in self else self.fixed_type

    def validate_strategy_discussion_on(self, field):
        if self.kind() != "initial":
            return
        if field.data is None and not field.errors:
            raise ValidationError("Enter the date of the strategy discussion")
        if field.data and self.held_on.data and field.data > self.held_on.data:
            raise ValidationError("The strategy discussion must be before the conference")

    def details(self) -> dict:
        initial = self.kind() == "initial"
        details = {
            "strategy_discussion_on": self.strategy_discussion_on.data if initial else None,
            **self.when_and_where(),
        }
        if "conference_type" in self:
            details["conference_type"] = self.conference_type.data
        if "minute_taker_id" in self:
            chosen = self.minute_taker_id.data
            details["minute_taker_id"] = int(chosen) if chosen else None
        return details

    def when_and_where(self) -> dict:
        """The date, time, place and chair: all a review conference is scheduled with (the
        chair only when the form asks for it)."""
        details = {
            "held_on": self.held_on.data,
            "starts_at": parse_time(self.starts_at.data),
            "venue": self.venue.data or "",
            "online": self.online.data == "yes",
            "twilight": self.twilight.data == "yes",
        }
        if "chair_id" in self:
            details["chair_id"] = int(self.chair_id.data) if self.chair_id.data else None
        return details
