"""Form pieces shared by every area: the base forms with their ceilings on typed text, GOV.UK
date inputs that never crash, and versioned forms."""

from datetime import date

import wtforms
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovDateInput, GovTextArea
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import Length, StopValidation
from wtforms.widgets import HiddenInput

from conference.domain import clock

PARTS = ("day", "month", "year")

# The most a field takes when it sets no Length of its own. A line (a name, a role, a language)
# and a box of text: about 800 words, two printed pages, more than any one answer in a
# conference or a plan needs. Without a ceiling 3 MB pasted into one map item made the
# conference record impossible to print.
LINE_CEILING = 100
TEXT_CEILING = 5_000


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
        if field.data and field.data > clock.today():
            raise StopValidation(f"{field._subject()} must be today or in the past")


def max_length(max_chars: int, what: str) -> Length:
    """ "{What} must be {N} characters or fewer", the Design System's message."""
    return MaxLength(max=max_chars, message=f"{what} must be {max_chars:,} characters or fewer")


class MaxLength(Length):
    """A Length ceiling that counts a line break as one character, as the GOV.UK character count
    and the browser do: a browser sends each line break in a text box as two (CR LF)."""

    def __call__(self, form, field):
        text = field.data if isinstance(field.data, str) else ""
        if len(text.replace("\r\n", "\n")) > self.max:
            raise ValidationError(self.message)


def ceiling_of(field) -> int | None:
    """The ceiling a field gets from its form (`with_ceilings`): None when it is not typed text (a
    hidden value or a password is not shown again) or it sets a Length of its own."""
    if isinstance(field, HiddenField | PasswordField) or not isinstance(field, StringField):
        return None
    if any(_is_length(validator) for validator in field.validators):
        return None
    return TEXT_CEILING if isinstance(field, TextAreaField) else LINE_CEILING


def _is_length(validator) -> bool:
    inner = getattr(validator, "validators", ())  # OnlyWhen's own validators
    return isinstance(validator, Length) or any(_is_length(each) for each in inner)


def name_in_messages(label: str) -> str:
    """How a ceiling's message names a field: its label without "(optional)"; for a question,
    the answer to it in quotes (a question cannot be the subject of "must be 100 characters")."""
    label = label.removesuffix(" (optional)")
    return f"The answer to ‘{label}’" if label.endswith("?") else label


def with_ceilings(form, extra_validators) -> dict:
    """The form's extra validators, with a ceiling for each text field that sets no Length of its
    own: `LINE_CEILING` for a text input, `TEXT_CEILING` for a text box, named by the field's
    label. Worked out when the form is checked, so labels and validators that a form sets in its
    own `__init__` (a row named after its goal) count."""
    extra = {name: list(validators) for name, validators in (extra_validators or {}).items()}
    for name, field in form._fields.items():
        ceiling = ceiling_of(field)
        if ceiling is not None:
            named = max_length(ceiling, name_in_messages(field.label.text))
            extra.setdefault(name, []).append(named)
    return extra


def limit_of(field) -> int | None:
    """The most a text field takes: its own Length's, or its ceiling."""
    own = [v.max for v in field.validators if isinstance(v, Length) and v.max > 0]
    return min(own) if own else ceiling_of(field)


class CountedTextArea(GovCharacterCount):
    """The GOV.UK character count on a text box: the limit as a hint, and once three quarters
    of it is typed, how many characters are left (or too many), as the user types."""

    def __call__(self, field, **kwargs):
        limit = limit_of(field)
        counted = {
            "maxlength": limit,
            "threshold": 75,
            "textareaDescriptionText": f"You can enter up to {limit:,} characters",
        }
        kwargs["params"] = {**counted, **kwargs.get("params", {})}
        return super().__call__(field, **kwargs)


_COUNTED = CountedTextArea()


def _count_text_boxes(form) -> None:
    """Every plain GOV.UK text box with a limit gets the character count."""
    for field in form:
        if type(field.widget) is GovTextArea and limit_of(field):
            field.widget = _COUNTED


# Characters that make text display in another order than it was typed (the Unicode
# embeddings, overrides and isolates): a record could then read differently on screen and in
# print from what was written. The marks a right-to-left language needs (U+200E, U+200F,
# U+061C) stay.
DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_direction_controls(text):
    return text.translate(DIRECTION_CONTROLS) if isinstance(text, str) else text


def _bind_typed_text(meta, form, unbound_field, options):
    """Every field of typed text drops the direction controls as it reads what was sent."""
    if issubclass(unbound_field.field_class, StringField):
        # Added to the field's own filters (a reference upper-cased, say), which it keeps.
        own = unbound_field.kwargs.get("filters", ())
        options["filters"] = [without_direction_controls, *own]
    return unbound_field.bind(form=form, **options)


class ServiceForm(FlaskForm):
    """The base of every form the service shows: CSRF, and a ceiling on all typed text."""

    class Meta(FlaskForm.Meta):
        bind_field = _bind_typed_text

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _count_text_boxes(self)

    def validate(self, extra_validators=None) -> bool:
        return super().validate(with_ceilings(self, extra_validators))


class PlainForm(wtforms.Form):
    """The base of the forms without CSRF of their own (a row of a bigger form, a search in the
    query string), with the same ceiling on typed text."""

    class Meta(wtforms.Form.Meta):
        bind_field = _bind_typed_text

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _count_text_boxes(self)

    def validate(self, extra_validators=None) -> bool:
        return super().validate(with_ceilings(self, extra_validators))


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


class VersionedForm(ServiceForm):
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


def text(field) -> str:
    """What was typed in the field, without the spaces around it."""
    return (field.data or "").strip()


def fail(field, message: str) -> bool:
    """Add the message unless the field already has one; always False, for `valid = …`."""
    if not field.errors:
        field.errors = [message]
    return False


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
