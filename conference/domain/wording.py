"""How dates, lists and numbers are written, the GOV.UK style: "3 March 2027", "1:47pm",
"Kemi, Tolu and Ada", "2 weeks".

Month names are spelt out here rather than taken from `strftime`, whose "%B" follows the
server's locale and whose "%-d" works only with glibc.
"""

from collections.abc import Sequence
from datetime import date, datetime, time

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date | None) -> str:
    """ "3 March 2027"; nothing as ""."""
    if day is None:
        return ""
    return f"{day.day} {month_year(day)}"


def short_date(day: date) -> str:
    """ "3 Mar 2027", where space is short (under a chart's axis)."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def month_year(day: date) -> str:
    """ "March 2027"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def short_month_year(day: date) -> str:
    """ "Mar 2027"."""
    return f"{MONTHS[day.month - 1][:3]} {day.year}"


def time_of_day(moment: time | datetime) -> str:
    """ "1:47pm", "10:00am"."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"


def clock_time(moment: time | datetime) -> str:
    """ "3:30pm", "2pm" on the hour, and "midday" and "midnight" (the GOV.UK style)."""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    return time_of_day(moment).replace(":00", "")


def date_and_time(moment: datetime) -> str:
    """ "26 November 2026, 1:47pm", in the time zone `moment` is in; written as every other
    time is (clock_time)."""
    return f"{long_date(moment)}, {clock_time(moment)}"


def and_list(items: Sequence[str]) -> str:
    """ "Kemi", "Kemi and Tolu", "Kemi, Tolu and Ada"; nothing as ""."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 week", "2 weeks", "0 weeks"; `plural` for nouns that do not add an "s"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def number(value: float | None) -> str:
    """4.5 stays 4.5; 5.0 is shown as 5; nothing as ""."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
