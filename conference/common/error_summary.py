"""The GOV.UK error summary: each field's first message, linked to the field it is about."""

from wtforms import FieldList, FormField


def error_summary(form) -> dict:
    """Params for `govukErrorSummary`, in the order of the form's fields.

    govuk-frontend-wtf's `wtforms_errors` links a field inside a FieldList or FormField by its
    position and Python names (`#goal_rows-0-where_now`), which need not be the id the page
    gives it; here every link is the field's own `id`.
    """
    return {
        "titleText": "There is a problem",
        "errorList": [
            {"text": field.errors[0], "href": f"#{field.id}"} for field in _with_errors(form)
        ],
    }


def _with_errors(fields):
    for field in fields:
        if isinstance(field, FormField):
            yield from _with_errors(field.form)
        elif isinstance(field, FieldList):
            yield from _with_errors(field.entries)
        elif field.errors:
            yield field
