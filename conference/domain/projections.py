"""Where a dashboard figure is heading: the next few months, projected from its monthly trend.

The method, as the page describes it (METHOD): a straight line fitted by least squares to the
figure's last 12 months with data (fewer if the range is shorter, but at least 6), carried on
for the next 3 months. A percentage is kept between 0% and 100% and a count of children at 0 or
more, since a straight line would otherwise run past what the figure can be. Months with
nothing to count (no denominator) are left out of the fit rather than read as 0%, and the line
keeps the months' real places, so a gap does not bend it. Fewer than 6 months with data: no
projection, because a line through a handful of points says more about chance than the trend.

The inspection asked for "comparative data, trend information and projections"; a projection is
the trend so far carried on, not a forecast that knows about anything the records do not.
"""

from collections.abc import Sequence
from dataclasses import dataclass

MONTHS_AHEAD = 3
FEWEST_MONTHS = 6
MOST_MONTHS = 12
NOT_ENOUGH = "not enough months to project"
METHOD = (
    f"A straight line fitted (by least squares) to the last {MOST_MONTHS} complete months that "
    f"have figures, or as many as the range has if fewer, but at least {FEWEST_MONTHS}; carried "
    f"on for the {MONTHS_AHEAD} months after the last complete month. Percentages are kept "
    "between 0% and 100%, and numbers of children at 0 or more (and whole). Months with "
    "nothing to count are left out."
)


@dataclass(frozen=True)
class Projection:
    values: tuple[float, ...]  # the next months' (percentages to one decimal place, counts
    # whole); empty without enough data
    per_month: float | None  # the line's slope: how much the figure moves in a month
    months_used: int  # how many months with data the line was fitted to

    @property
    def projected(self) -> bool:
        return bool(self.values)


def project(
    series: Sequence[float | None], *, percentage: bool, ahead: int = MONTHS_AHEAD
) -> Projection:
    """The projection of a monthly series (oldest first; None for a month with no data) for
    the `ahead` months after its last."""
    window = [(x, value) for x, value in enumerate(series) if value is not None][-MOST_MONTHS:]
    if len(window) < FEWEST_MONTHS:
        return Projection((), None, len(window))
    slope, intercept = least_squares(window)
    last = len(series) - 1
    highest = 100.0 if percentage else float("inf")
    places = 1 if percentage else 0  # a number of children is whole
    values = tuple(
        float(round(min(highest, max(0.0, intercept + slope * (last + step))), places))
        for step in range(1, ahead + 1)
    )
    return Projection(values, round(slope, 2), len(window))


def least_squares(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The slope and intercept of the straight line nearest the points (x, y): the one whose
    squared vertical distances from them add up to the least."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if not spread:
        return 0.0, mean_y
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_y - slope * mean_x
