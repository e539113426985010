"""The rules behind the dashboard's figures (conference/domain/performance.py)."""

from datetime import date

import pytest

from conference.domain import performance as rules
from conference.domain.charts import monthly_chart, to_svg
from conference.domain.core_group_schedule import held_on_time
from conference.domain.timescales import (
    WorkingDayCalendar,
    default_calendar,
    latest_core_group_before_review,
)

CALENDAR = WorkingDayCalendar.from_dates({date(2025, 5, 26): "Spring bank holiday"})


def test_the_months_of_a_range():
    assert rules.months_between(date(2024, 11, 15), date(2025, 2, 1)) == [
        date(2024, 11, 1),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
    ]
    assert rules.last_of_month(date(2024, 2, 10)) == date(2024, 2, 29)
    assert rules.month_key(date(2025, 3, 1)) == "2025-03"


def test_age_cut_offs_follow_birthdays():
    assert rules.born_on_or_before(date(2025, 6, 30), 16) == date(2009, 6, 30)
    assert rules.born_on_or_before(date(2025, 2, 28), 1) == date(2024, 2, 28)


@pytest.mark.parametrize(("n", "d", "shown"), [(2, 3, "67%"), (0, 0, "No data"), (1, 1, "100%")])
def test_percentages(n, d, shown):
    assert rules.Percentage(n, d).shown == shown


def test_icpc_bands_and_what_is_not_counted():
    assert rules.icpc_band(date(2025, 1, 31), date(2025, 2, 14), CALENDAR) == "0-10"
    assert rules.icpc_band(date(2025, 3, 3), date(2025, 3, 28), CALENDAR) == "16-20"
    assert rules.icpc_band(None, date(2025, 3, 28), CALENDAR) is None
    assert rules.icpc_band(date(2025, 3, 28), date(2025, 3, 3), CALENDAR) is None


def test_first_core_group_not_held_counts_only_once_overdue():
    held = date(2025, 2, 14)  # due 28 February
    assert rules.first_core_group_timing(held, date(2025, 2, 28), date(2025, 3, 5), CALENDAR) == (
        rules.ON_TIME
    )
    assert rules.first_core_group_timing(held, date(2025, 3, 3), date(2025, 3, 5), CALENDAR) == (
        rules.LATE
    )
    assert rules.first_core_group_timing(held, None, date(2025, 2, 28), CALENDAR) is None
    assert rules.first_core_group_timing(held, None, date(2025, 3, 3), CALENDAR) == (
        rules.NOT_HELD_OVERDUE
    )


def test_core_groups_after_a_meeting_or_a_review():
    assert rules.core_group_timing("initial", date(2025, 2, 14), None, date(2025, 2, 28), CALENDAR)
    timing = rules.core_group_timing(
        "initial", date(2025, 2, 14), date(2025, 2, 25), date(2025, 4, 15), CALENDAR
    )
    assert timing == rules.LATE
    timing = rules.core_group_timing(
        "review", date(2025, 5, 14), None, date(2025, 6, 25), CALENDAR, interval_weeks=6
    )
    assert timing == rules.ON_TIME


@pytest.mark.parametrize(
    ("days", "weeks", "timing"), [(42, 6, "on"), (43, 6, "late"), (29, 4, "late")]
)
def test_a_core_group_after_a_meeting_is_judged_by_the_days_between(days, weeks, timing):
    expected = {"on": rules.ON_TIME, "late": rules.LATE}[timing]
    assert rules.core_group_interval_timing(days, weeks) == expected
    previous = date(2025, 12, 19)
    held_on = date.fromordinal(previous.toordinal() + days)
    dated = rules.core_group_timing("review", date(2025, 1, 1), previous, held_on, CALENDAR, weeks)
    assert dated == expected


# The review on Friday 6 June 2025: 10 working days before it (the bank holiday on 26 May not
# counted) is Thursday 22 May, the last day the core group before it may meet.
REVIEW = date(2025, 6, 6)
ICPC = date(2025, 3, 13)
FIRST = date(2025, 3, 27)


def _judged_by_the_pages(previous: date, held_on: date) -> str:
    """How the core group pages judge the meeting (core_group_schedule.held_on_time)."""
    timings = held_on_time(ICPC, [FIRST, previous, held_on], CALENDAR, 6, [REVIEW])
    return rules.ON_TIME if timings[-1].on_time else rules.LATE


@pytest.mark.parametrize(
    ("previous", "held_on", "timing"),
    [
        # The interval (6 weeks from 24 April: 5 June) falls in the 10 working days before the
        # review, so the meeting is due on 22 May: the day before, on it, the day after.
        (date(2025, 4, 24), date(2025, 5, 21), rules.ON_TIME),
        (date(2025, 4, 24), date(2025, 5, 22), rules.ON_TIME),
        (date(2025, 4, 24), date(2025, 5, 23), rules.LATE),
        (date(2025, 4, 24), date(2025, 5, 27), rules.LATE),
        # The interval runs to the review or past it: the review comes first, nothing is late.
        (date(2025, 4, 25), date(2025, 6, 4), rules.ON_TIME),
        (date(2025, 5, 1), date(2025, 6, 6), rules.ON_TIME),
        # The meeting before was already in those 10 working days: the interval alone decides.
        (date(2025, 5, 23), date(2025, 6, 3), rules.ON_TIME),
        # Later than the interval is late however near the review.
        (date(2025, 4, 10), date(2025, 5, 23), rules.LATE),
    ],
)
def test_a_core_group_before_a_review_is_judged_as_the_pages_judge_it(previous, held_on, timing):
    assert _judged_by_the_pages(previous, held_on) == timing
    dated = rules.core_group_timing(
        "initial", ICPC, previous, held_on, CALENDAR, next_review=REVIEW
    )
    assert dated == timing
    # As the dashboard counts it: by the days between, and the days to the near review.
    counted = rules.core_group_interval_timing(
        (held_on - previous).days, 6, (REVIEW - held_on).days, REVIEW, CALENDAR
    )
    assert counted == timing


def test_without_the_review_the_same_meeting_would_have_been_on_time():
    """What the dashboard said before it knew the review: the issue's "not overdue"."""
    previous, held_on = date(2025, 4, 24), date(2025, 5, 23)
    assert rules.core_group_timing("initial", ICPC, previous, held_on, CALENDAR) == rules.ON_TIME
    assert rules.core_group_interval_timing((held_on - previous).days) == rules.ON_TIME


def test_the_first_core_group_after_a_review_conference_looks_to_the_next_review():
    review = date(2025, 1, 10)
    held_on = date(2025, 2, 20)  # within 6 weeks of the review conference
    assert rules.core_group_timing("review", review, None, held_on, CALENDAR) == rules.ON_TIME
    # A next review booked for 28 February puts the meeting in the 10 working days before it.
    booked = date(2025, 2, 28)
    timing = rules.core_group_timing("review", review, None, held_on, CALENDAR, 6, booked)
    assert timing == rules.LATE
    timings = held_on_time(review, [held_on], CALENDAR, 6, [review, booked])
    assert not timings[-1].on_time


def test_a_review_further_off_than_the_dashboard_looks_cannot_make_a_core_group_late():
    """The dashboard keeps the next review only when it is REVIEW_NEAR_DAYS away or nearer:
    10 working days before any review, in any year, are never further back than that."""
    calendar = default_calendar()
    day, furthest = date(2020, 1, 1), 0
    while day < date(2035, 1, 1):
        furthest = max(furthest, (day - latest_core_group_before_review(day, calendar)).days)
        day = date.fromordinal(day.toordinal() + 1)
    assert 14 <= furthest <= rules.REVIEW_NEAR_DAYS


def test_reviews_reports_and_plan_lengths():
    assert rules.review_timing("initial", date(2025, 2, 14), date(2025, 5, 14)) == rules.ON_TIME
    assert rules.review_timing("review", date(2025, 5, 14), date(2025, 11, 17)) == rules.LATE
    assert rules.review_timing(None, None, date(2025, 5, 14)) is None
    assert rules.report_timing("initial", date(2025, 2, 14), date(2025, 2, 12), CALENDAR) == (
        rules.ON_TIME
    )
    # Due 5 working days before Tuesday 3 June: Tuesday 27 May (the bank holiday is not counted).
    assert rules.report_timing("review", date(2025, 6, 3), date(2025, 5, 27), CALENDAR) == (
        rules.ON_TIME
    )
    assert rules.report_timing("review", date(2025, 6, 3), date(2025, 5, 28), CALENDAR) == (
        rules.LATE
    )
    assert rules.report_timing("review", date(2025, 6, 3), None, CALENDAR) == rules.NOT_SHARED
    assert rules.plan_length(date(2025, 2, 14), date(2025, 5, 13)) == rules.UNDER_3_MONTHS
    assert rules.plan_length(date(2025, 2, 14), date(2025, 5, 14)) == rules.UNDER_6_MONTHS
    assert rules.plan_length(date(2023, 2, 14), date(2025, 2, 14)) == rules.TWO_YEARS_OR_MORE
    assert rules.plan_length(date(2024, 2, 14), date(2025, 2, 14)) == rules.UNDER_2_YEARS


def test_the_monthly_chart_is_an_image_named_and_described_and_breaks_at_missing_months():
    chart = monthly_chart(
        [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)],
        [50, None, 100],
        title="Reviews <on time>",
        description="Jan 2025: 50%; Feb 2025: No data; Mar 2025: 100%.",
    )
    assert len(chart.lines[0].markers) == 2
    assert chart.lines[0].path == ""  # two single points, no line across the missing month
    svg = to_svg(chart, "chart-x")
    assert 'role="img"' in svg and 'aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert '<title id="chart-x-title">Reviews &lt;on time&gt;</title>' in svg
    assert ">100%</text>" in svg and ">0%</text>" in svg
