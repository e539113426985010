"""Cells of the files opened in a spreadsheet (conference/common/spreadsheets.py): text that
would run as a formula is written as text; numbers, dates and plain text are left alone."""

from datetime import date

import pytest

from conference.common.spreadsheets import safe_cell, safe_row


@pytest.mark.parametrize(
    "typed",
    ["=1+2", '=HYPERLINK("http://evil.example","Open")', "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1"],
)
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(typed):
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize(
    "value", [-1, 0, 2.5, date(2025, 1, 31), None, "", "DEMOC0001", "Team A", "A-1", "1=1"]
)
def test_numbers_dates_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_a_row_keeps_its_order():
    assert safe_row(["=1", 2, "x"]) == ["'=1", 2, "x"]
