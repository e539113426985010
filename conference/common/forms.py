"""Form pieces shared by every area: GOV.UK date inputs that never crash, and versioned forms."""

from datetime import date

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import DateField, IntegerField
from wtforms.validators import Length, StopValidation
from wtforms.widgets import HiddenInput

PARTS = ("day", "month", "year")


class DateInputField(DateField):
    """Day, month and year boxes (the GOV.UK date input), with the Design System's messages.

    `name` is how the date is called in messages: "Enter {name}", "{Name} must be a real date".
    Missing or partial boxes in a POST are treated as blank rather than crashing the widget.
    """

    widget = GovDateInput()

    def __init__(self, label=None, validators=None, name_in_messages="", **kwargs):
        super().__init__(label, validators, format="%d %m %Y", **kwargs)
        self.name_in_messages = name_in_messages or (label or "the date").lower()

    def process_formdata(self, valuelist):
        parts = [str(value).strip() for value in list(valuelist)[:3]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        if not any(parts):
            self.data = None
            return
        missing = [name for name, value in zip(PARTS, parts, strict=True) if not value]
        if missing:
            self.data = None
            raise ValueError(f"{self._subject()} must include a {missing[0]}")
        day, month, year = parts
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            self.data = None
            raise ValueError(f"{self._subject()} must be a real date")
        try:
            self.data = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a day or month too big for C's int overflows
            self.data = None
            raise ValueError(f"{self._subject()} must be a real date") from None

    def _subject(self) -> str:
        return self.name_in_messages[0].upper() + self.name_in_messages[1:]


class RequiredDate:
    """Stops with "Enter {name}" when no part of the date was given."""

    def __call__(self, form, field):
        if field.data is None and not field.errors and not any(field.raw_data or []):
            raise StopValidation(f"Enter {field.name_in_messages}")


class NotInFuture:
    def __call__(self, form, field):
        if field.data and field.data > date.today():
            raise StopValidation(f"{field._subject()} must be today or in the past")


def max_length(max_chars: int, what: str) -> Length:
    """ "{What} must be {N} characters or fewer", the Design System's message."""
    return Length(max=max_chars, message=f"{what} must be {max_chars} characters or fewer")


class OnlyWhen:
    """Check a field only when another field has a given answer (or, for checkboxes, includes
    it); otherwise the field does not apply, and whatever was typed in it does not matter."""

    def __init__(self, other: str, answer: str, *validators):
        self.other, self.answer, self.validators = other, answer, validators

    def __call__(self, form, field):
        given = form[self.other].data
        applies = self.answer in given if isinstance(given, list) else given == self.answer
        if not applies:
            field.errors[:] = []
            raise StopValidation()
        for validator in self.validators:
            validator(form, field)


class VersionedForm(FlaskForm):
    """A form for a record that others may edit too: it carries the version it was loaded at."""

    version = IntegerField(widget=HiddenInput(), default=1)

    def refresh_version(self, record) -> None:
        """After a conflict: saving again knowingly replaces the other person's changes."""
        self.version.data, self.version.raw_data = record.version, None


def conflict_rows(form, record, labels: dict[str, str], show=str) -> list[dict]:
    """What is saved now and what this user typed, for each field where the two differ."""
    rows = []
    for field, label in labels.items():
        saved, typed = getattr(record, field), form[field].data
        if _comparable(saved) != _comparable(typed):
            rows.append({"label": label, "saved": show(saved), "yours": show(typed)})
    return rows


def _comparable(value):
    if value is None or value == "":
        return ""
    return value.strip() if isinstance(value, str) else value


def record_id(text) -> int | None:
    """A record's id typed into a URL's query string, or None. Checked as text first:
    "²".isdigit() is true but int() refuses it, and a number too big for the database's integer
    would fail in the query."""
    text = str(text or "")
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        return None
    return int(text)


def attendee_label(attendee) -> str:
    """The name, then the role and agency (or for family, how they are related) after a dash:
    how the core group lists people."""
    where = ", ".join(part for part in (attendee.role, attendee.agency) if part)
    where = where or attendee.relationship_to_family
    return f"{attendee.name} – {where}" if where else attendee.name
