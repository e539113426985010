"""Dates, lists and numbers as the service writes them (no app, no database)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from conference.domain import wording


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 3, 3), "3 March 2027"),
        (date(2026, 12, 31), "31 December 2026"),
        (datetime(2027, 1, 9, 23, 59), "9 January 2027"),
        (None, ""),
    ],
)
def test_long_date_is_the_gov_uk_style_with_no_leading_zero(day, expected):
    assert wording.long_date(day) == expected


def test_short_dates_and_months():
    assert wording.short_date(date(2027, 3, 12)) == "12 Mar 2027"
    assert wording.month_year(date(2027, 9, 1)) == "September 2027"
    assert wording.short_month_year(date(2027, 9, 1)) == "Sep 2027"


@pytest.mark.parametrize(
    ("moment", "full", "clock"),
    [
        (time(0, 0), "12:00am", "midnight"),
        (time(0, 5), "12:05am", "12:05am"),
        (time(9, 0), "9:00am", "9am"),
        (time(12, 0), "12:00pm", "midday"),
        (time(13, 47), "1:47pm", "1:47pm"),
        (time(22, 30), "10:30pm", "10:30pm"),
    ],
)
def test_times_of_day_use_am_and_pm(moment, full, clock):
    assert wording.time_of_day(moment) == full
    assert wording.clock_time(moment) == clock


def test_date_and_time_is_written_in_the_time_zone_given():
    london = ZoneInfo("Europe/London")
    moment = datetime(2026, 11, 26, 13, 47, tzinfo=london)
    assert wording.date_and_time(moment) == "26 November 2026, 1:47pm"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Kemi"], "Kemi"),
        (["Kemi", "Tolu"], "Kemi and Tolu"),
        (["Kemi", "Tolu", "Ada"], "Kemi, Tolu and Ada"),
    ],
)
def test_and_list_joins_with_commas_and_a_final_and(items, expected):
    assert wording.and_list(items) == expected


def test_count_says_the_noun_in_the_singular_only_for_one():
    assert wording.count(1, "week") == "1 week"
    assert wording.count(0, "week") == "0 weeks"
    assert wording.count(6, "week") == "6 weeks"
    assert wording.count(2, "child", "children") == "2 children"


@pytest.mark.parametrize(("value", "expected"), [(4.5, "4.5"), (5.0, "5"), (7, "7"), (None, "")])
def test_number_drops_a_trailing_point_nought(value, expected):
    assert wording.number(value) == expected
