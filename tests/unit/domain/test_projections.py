"""Projections of a figure's monthly trend, how a figure is read against its target, and the
chart's dashed projected line (conference/domain/projections.py, targets.py and charts.py): no
app, no database."""

from datetime import date

import pytest

from conference.domain.charts import monthly_chart, to_svg
from conference.domain.projections import FEWEST_MONTHS, least_squares, project
from conference.domain.targets import direction, meets, typed_value


def test_a_straight_line_is_carried_on_for_three_months():
    projection = project([10, 20, 30, 40, 50, 60], percentage=True)
    assert projection.values == (70.0, 80.0, 90.0)
    assert projection.per_month == 10.0
    assert projection.months_used == 6


def test_a_scattered_series_follows_its_least_squares_line():
    # The line 50 + 2x, moved off it by +1, -1, 0, 0, -1, +1: moves that cancel out (their
    # sum and their sum weighted by x are 0), so the fit is the line itself.
    series = [51, 51, 54, 56, 57, 61]
    slope, intercept = least_squares(list(enumerate(series)))
    assert (round(slope, 6), round(intercept, 6)) == (2, 50)
    assert project(series, percentage=True).values == (62.0, 64.0, 66.0)


def test_percentages_stay_between_0_and_100_and_counts_at_0_or_more():
    assert project([70, 80, 90, 95, 98, 99], percentage=True).values == (100.0, 100.0, 100.0)
    assert project([50, 40, 30, 20, 10, 5], percentage=True).values[-1] == 0.0
    assert project([50, 40, 30, 20, 10, 5], percentage=False).values == (0.0, 0.0, 0.0)
    assert project([100, 150, 200, 250, 300, 350], percentage=False).values == (400, 450, 500)


def test_fewer_than_six_months_with_data_give_no_projection():
    projection = project([10, None, 20, 30, None, 40, 50], percentage=True)
    assert not projection.projected
    assert projection.values == ()
    assert projection.months_used == FEWEST_MONTHS - 1


def test_months_without_data_are_left_out_and_keep_their_places():
    # On the line y = 10x with month 2 missing: still the same line.
    series = [0, 10, None, 30, 40, 50, 60]
    assert project(series, percentage=True).values == (70.0, 80.0, 90.0)


def test_only_the_last_twelve_months_with_data_are_used():
    # Eight flat months at 90, then twelve on the line 10 + 5x: the old months do not count.
    series = [90] * 8 + [10 + 5 * x for x in range(12)]
    projection = project(series, percentage=True)
    assert projection.months_used == 12
    assert projection.values == (70.0, 75.0, 80.0)


def test_a_flat_series_projects_flat():
    assert project([40] * 9, percentage=True).values == (40.0, 40.0, 40.0)
    assert project([40] * 9, percentage=True).per_month == 0.0


@pytest.mark.parametrize(
    ("series", "higher_is_better", "words"),
    [
        ([50, 60, 70], True, "Up (better)"),
        ([50, 60, 70], False, "Up (worse)"),
        ([70, None, 50], True, "Down (worse)"),
        ([70, 60, 50], False, "Down (better)"),
        ([70, 60, 50], None, "Down"),
        ([60, 80, 70.04], True, "No change"),  # 70.04 against 70: a rounding error
        ([90, 60, 60, 60, 60.04], True, "No change"),  # only the 3 months before count
        ([90, 10, 30, 60], None, "Up"),  # 60 against 43.3, not against the first month, 90
        ([60, 90, 60.04], True, "Down (worse)"),
        ([None, 60], True, "Not enough months"),
        ([], None, "Not enough months"),
    ],
)
def test_the_direction_is_the_latest_against_the_months_before_in_words(
    series, higher_is_better, words
):
    assert direction(series, higher_is_better).words == words


@pytest.mark.parametrize(
    ("value", "target", "higher_is_better", "met"),
    [
        (85.0, 85, True, True),
        (84.96, 85, True, True),  # shown as 85.0%
        (84.9, 85, True, False),
        (12.0, 15, False, True),
        (15.1, 15, False, False),
        (None, 15, False, None),
    ],
)
def test_whether_the_latest_value_meets_the_target(value, target, higher_is_better, met):
    assert meets(value, target, higher_is_better) is met


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("85", 85.0),
        (" 85.5 ", 85.5),
        ("85%", 85.0),
        ("1,204", 1204.0),
        ("0", 0.0),
        ("85.", None),
        ("85.55", None),
        ("-3", None),
        ("eighty", None),
        ("", None),
        (None, None),
        ("1e3", None),
        ("²", None),
        ("８５", None),
    ],
)
def test_a_typed_value_is_a_number_with_at_most_one_decimal_place(typed, value):
    assert typed_value(typed) == value


def test_the_chart_draws_the_projection_as_a_dashed_line_labelled_projected():
    months = [date(2025, m, 1) for m in range(1, 10)]
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90]  # the last 3 projected
    chart = monthly_chart(
        months, values, title="A figure", description="d", highest=100, projected=3
    )
    actual, projection = chart.lines
    assert (actual.dashed, len(actual.markers)) == (False, 6)
    assert (projection.dashed, projection.shape, len(projection.markers)) == (True, "diamond", 3)
    # Joined to June's point, so the line carries straight on.
    assert projection.segments[0][0] == actual.markers[-1]
    assert [label.text for label in chart.labels].count("projected") == 1
    assert 'stroke-dasharray="6 4"' in to_svg(chart)


def test_a_projection_after_a_month_without_data_starts_on_its_own():
    months = [date(2025, m, 1) for m in range(1, 6)]
    chart = monthly_chart(months, [10, 20, None, 40, 50], title="t", description="d", projected=2)
    _actual, projection = chart.lines
    assert len(projection.segments[0]) == 2  # no point in March to join to
