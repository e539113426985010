"""The dashboard summary reads only complete months: a month not over yet (December on 6
December), or cut short by the range's end, is left out of the latest value, the direction and
the projection, so a manager is not shown a week's figures as the month's."""

from datetime import date

from conference.models import FigureTarget
from conference.services.dashboard import summary
from conference.services.dashboard.counting import Month
from conference.services.dashboard.figures import FIGURES, ON_PLAN

TODAY = date(2026, 12, 6)
REVIEWS = FIGURES["reviews-on-time"]


def months(*counts: tuple[int, int], first: int = 6) -> list[Month]:
    """(count, denominator) for each month from `first` (June 2026 by default)."""
    return [Month(date(2026, first + n, 1), c, d) for n, (c, d) in enumerate(counts)]


def reviews_row(months_of: list[Month], end: date = date(2026, 12, 31), target=None):
    rows = summary.rows(
        [REVIEWS],
        {REVIEWS.key: months_of},
        end,
        TODAY,
        {REVIEWS.key: target} if target else {},
        {},
    )
    return rows[REVIEWS.key]


def test_the_month_not_over_is_left_out_of_latest_direction_and_projection():
    # June to November at 80%, then 1 of 4 (25%) in the first 6 days of December.
    row = reviews_row(months(*[(40, 50)] * 6, (1, 4)))
    assert (row.month, row.latest_shown) == (date(2026, 11, 1), "80%, 40 of 50")
    assert row.direction.words == "No change"
    assert row.projected_shown == "80% · 80% · 80%"
    assert row.projected_months == (date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1))
    assert row.charted  # the chart still shows December as it stands


def test_a_target_is_judged_on_the_value_the_row_shows():
    target = FigureTarget(figure=REVIEWS.key, value=79.5, higher_is_better=True)
    row = reviews_row(months(*[(40, 50)] * 6, (1, 4)), target=target)
    assert (row.latest_shown, row.target_met) == ("80%, 40 of 50", "Met")


def test_a_month_cut_short_by_the_range_is_left_out_too():
    row = reviews_row(months((39, 50), (45, 50), (5, 10)), end=date(2026, 8, 15))
    assert (row.month, row.latest_shown, row.direction.words) == (
        date(2026, 7, 1),
        "90%, 45 of 50",
        "Up",
    )


def test_the_summary_runs_to_the_last_day_of_the_last_complete_month():
    range_months = [date(2026, m, 1) for m in range(1, 13)]
    assert summary.complete_to(range_months, date(2026, 12, 31), TODAY) == date(2026, 11, 30)
    assert summary.months_ahead(range_months, date(2026, 12, 31), TODAY) == [
        "Dec 2026",
        "Jan 2027",
        "Feb 2027",
    ]
    assert summary.complete_to([date(2026, 12, 1)], date(2026, 12, 31), TODAY) is None


def test_a_count_of_children_shows_no_denominator():
    rows = summary.rows(
        [ON_PLAN], {ON_PLAN.key: months((3, 0), (5, 0))}, date(2026, 7, 31), TODAY, {}, {}
    )
    assert rows[ON_PLAN.key].latest_shown == "5"


def test_a_range_of_this_month_alone_has_no_latest_value_yet():
    row = reviews_row([Month(date(2026, 12, 1), 1, 4)])
    assert (row.month, row.latest_shown, row.direction.words) == (
        None,
        "No data",
        "Not enough months",
    )
    assert row.projected_months == ()
