"""The dashboard's month-by-month charts: one tick per month, labels under every month or evenly
every few months (never one squeezed in), whole-number ticks for counts, and months written
"Jan" over "2026". No app, no database.

The months sit between x = 72 and x = 592; the plot runs from y = 16 (the top tick) to y = 216.
"""

from datetime import date
from itertools import pairwise

import pytest

from conference.domain.charts import (
    count_ticks,
    labelled_months,
    month_label_step,
    monthly_chart,
    to_svg,
)
from conference.domain.timescales import add_calendar_months


def months_from(first: date, count: int) -> list[date]:
    return [add_calendar_months(first, n) for n in range(count)]


def axis(chart) -> tuple[list[float], list[tuple[float, str]]]:
    """The x of every tick under the plot, and the (x, text) of every label under it."""
    ticks = [r.x1 for r in chart.rules if r.x1 == r.x2 and r.y1 == chart.plot_bottom]
    labels = [(label.x, label.text) for label in chart.labels if label.y > chart.plot_bottom + 10]
    return ticks, labels


@pytest.mark.parametrize(
    ("count", "step"),
    [
        (1, 1),
        (2, 1),
        (12, 1),  # the default range: 47 apart, every month labelled
        (14, 1),  # 40 apart: still room
        (15, 2),  # 37 apart: every other month
        (24, 2),
        (36, 3),  # the longest range the filters allow: every third month
        (60, 6),
    ],
)
def test_labels_go_under_every_month_or_evenly_every_few(count, step):
    assert month_label_step(count) == step
    labelled = labelled_months(count)
    assert labelled[0] == 0
    assert {b - a for a, b in pairwise(labelled)} <= {step}
    assert labelled == list(range(0, count, step))


def test_a_long_range_has_a_tick_every_month_and_a_label_every_third():
    months = months_from(date(2024, 1, 1), 36)
    chart = monthly_chart(months, [50] * 36, title="t", description="d")
    ticks, labels = axis(chart)
    assert len(ticks) == 36
    gaps = {round(b - a, 1) for a, b in pairwise(ticks)}
    assert gaps == {14.9}  # evenly spaced, none skipped
    names = [text for _x, text in labels if not text.isdigit()]
    assert names == ["Jan", "Apr", "Jul", "Oct"] * 3
    years = [text for _x, text in labels if text.isdigit()]
    assert years == ["2024"] * 4 + ["2025"] * 4 + ["2026"] * 4
    # The last month (December 2026) has its tick but no label of its own squeezed in.
    assert ticks[-1] == 592 and labels[-1][0] < 592


def test_the_default_year_labels_every_month_with_its_year():
    months = months_from(date(2025, 7, 1), 12)
    chart = monthly_chart(months, [None] * 12, title="t", description="d")
    _ticks, labels = axis(chart)
    assert [text for _x, text in labels[:4]] == ["Jul", "2025", "Aug", "2025"]
    assert [text for _x, text in labels[-4:]] == ["May", "2026", "Jun", "2026"]
    assert labels[0][0] == 72 and labels[-1][0] == 592


@pytest.mark.parametrize(
    ("highest", "ticks"),
    [
        (0, [0, 1]),  # no children yet: still a scale
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),  # not 0, 1.5, 3
        (5, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (11, [0, 5, 10, 15]),
        (48, [0, 10, 20, 30, 40, 50]),
        (10777, [0, 5000, 10000, 15000]),
    ],
)
def test_count_ticks_are_whole_numbers_in_equal_steps_reaching_the_highest(highest, ticks):
    assert count_ticks(highest) == ticks


def test_a_count_chart_has_whole_number_ticks_and_its_top_is_the_last_tick():
    chart = monthly_chart(
        months_from(date(2025, 1, 1), 3),
        [1, 3, 2],
        title="Children on a plan",
        description="d",
        highest=3,
        unit="",
    )
    tick_labels = [label.text for label in chart.labels if label.x == 40]
    assert tick_labels == ["0", "1", "2", "3"]
    assert [(m.x, m.y) for m in chart.lines[0].markers] == [(72, 149.3), (332, 16), (592, 82.7)]
    assert ">1.5<" not in to_svg(chart)


def test_a_percentage_chart_runs_from_0_to_100_in_quarters():
    chart = monthly_chart(months_from(date(2025, 1, 1), 2), [50, 100], title="t", description="d")
    assert [label.text for label in chart.labels if label.x == 40] == [
        "0%",
        "25%",
        "50%",
        "75%",
        "100%",
    ]
    assert [m.y for m in chart.lines[0].markers] == [116, 16]
