"""The rules behind the dashboard's figures (conference/domain/performance.py)."""

from datetime import date

import pytest

from conference.domain import performance as rules
from conference.domain.charts import monthly_chart, to_svg
from conference.domain.timescales import WorkingDayCalendar

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
        ["Jan 2025", "Feb 2025", "Mar 2025"],
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
