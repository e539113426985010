"""Every form has a ceiling on typed text (conference/common/forms.py): a text input takes at most
LINE_CEILING characters and a text box TEXT_CEILING unless the field sets its own Length, with
the Design System's message naming the field."""

import importlib
import pkgutil

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form, HiddenField, PasswordField, StringField, TextAreaField

import conference
from conference.common.forms import (
    LINE_CEILING,
    TEXT_CEILING,
    OnlyWhen,
    PlainForm,
    ServiceForm,
    max_length,
)


class Answers(PlainForm):
    name = StringField("Name of the school (optional)")
    worry = TextAreaField("What are you worried about?")
    venue = StringField("Venue", validators=[max_length(200, "Venue")])
    other = StringField("Other", validators=[OnlyWhen("name", "x", max_length(20, "Other"))])
    fingerprint = HiddenField()
    password = PasswordField("Password")


def errors_for(**typed) -> dict:
    form = Answers(MultiDict(typed))
    form.validate()
    return form.errors


def test_a_text_input_takes_a_line_and_a_text_box_a_few_paragraphs():
    assert LINE_CEILING == 100 and TEXT_CEILING == 5_000
    assert errors_for(name="x" * 100, worry="x" * 5_000) == {}
    assert errors_for(name="x" * 101, worry="x" * 5_001) == {
        "name": ["Name of the school must be 100 characters or fewer"],
        "worry": ["The answer to ‘What are you worried about?’ must be 5,000 characters or fewer"],
    }


def test_a_field_with_a_length_of_its_own_keeps_it():
    assert errors_for(venue="x" * 200) == {}
    assert errors_for(venue="x" * 201) == {"venue": ["Venue must be 200 characters or fewer"]}
    assert errors_for(name="x", other="x" * 21) == {
        "other": ["Other must be 20 characters or fewer"]
    }


def test_hidden_values_and_passwords_are_not_text_shown_again():
    assert errors_for(fingerprint="x" * 6_000, password="x" * 6_000) == {}


def test_a_line_break_counts_as_one_character_as_in_the_character_count():
    """Browsers send a text box's line breaks as CR LF, and count them as one."""
    assert errors_for(worry="x\r\n" * 2_500) == {}
    assert "worry" in errors_for(worry="x\r\n" * 2_500 + "x")


def every_form_class() -> list[type]:
    for module in pkgutil.walk_packages(conference.__path__, "conference."):
        if not module.name.startswith("conference.pdf."):  # documents, no forms; one warms up
            importlib.import_module(module.name)
    found, waiting = [], [Form]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.startswith("conference."):
                found.append(subclass)
    return found


@pytest.mark.parametrize("form_class", every_form_class(), ids=lambda cls: cls.__qualname__)
def test_every_form_of_the_app_has_the_ceilings(form_class):
    assert issubclass(form_class, ServiceForm | PlainForm), (
        f"{form_class.__module__}.{form_class.__qualname__}: derive it from ServiceForm (or "
        "PlainForm for a row or a search without CSRF), so that its text has a ceiling"
    )


def test_typed_text_loses_the_characters_that_reorder_it_and_keeps_the_rest():
    """A right-to-left override would show "said" as "dias" on screen and in print; the marks a
    right-to-left language needs (U+200F) and other text are kept."""
    typed = "Mum \u202ediaS\u202c said \u05e9\u05dc\u05d5\u05dd\u200f \u2066ok\u2069"
    form = Answers(MultiDict({"name": typed, "worry": typed}))
    assert form.name.data == form.worry.data == "Mum diaS said \u05e9\u05dc\u05d5\u05dd\u200f ok"


def test_a_fields_own_filters_still_apply_after_the_direction_controls_go():
    class Reference(PlainForm):
        reference = StringField("Case reference", filters=[lambda text: text and text.upper()])

    form = Reference(MultiDict({"reference": "hav-\u202e000123"}))
    assert form.reference.data == "HAV-000123"
