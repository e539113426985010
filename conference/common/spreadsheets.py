"""Cells of the files people open in a spreadsheet: the dashboard's CSV files and Annex A.

A spreadsheet runs text starting with = + - or @ (or a tab or carriage return before one) as a
formula, so a local child ID typed as `=HYPERLINK(...)` would run on the manager's computer. Such
text is written with a leading apostrophe, as OWASP's guidance on CSV injection advises: it is
shown as the text it is and never run. Numbers and dates are not text and stay as they are, so
the spreadsheet can still add them up.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, with text that a spreadsheet would run as a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
