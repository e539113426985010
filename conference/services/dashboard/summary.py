"""The summary at the top of the dashboard: each figure's latest value, which way it moved and
whether that is better, its target and whether the latest value meets it, England's and
statistical neighbours' published values, and where its trend points over the next months.
Built from the figures the page has counted already: no query of its own but the targets and
comparators.

Only complete months count here: a month not over yet (December on 6 December), or cut short
by the range's end, has too little in it to be the latest value, and would bend the direction
and the projection. The figure's own section still shows the whole range."""

from dataclasses import dataclass
from datetime import date, timedelta

from conference.domain import performance as rules
from conference.domain import projections, targets
from conference.domain.timescales import add_calendar_months
from conference.domain.wording import number, short_month_year
from conference.models import Comparator, FigureTarget
from conference.models.benchmark import ENGLAND, STATISTICAL_NEIGHBOURS
from conference.services.dashboard.counting import Month
from conference.services.dashboard.figures import ON_PLAN, Figure


@dataclass(frozen=True)
class Row:
    figure: Figure
    percentage: bool  # a percentage; else a number of children
    month: date | None  # the latest complete month with figures; None: no complete month
    latest: float | None
    count: int | None  # the latest month's count, and out of how many (a percentage)
    denominator: int | None
    direction: targets.Direction
    target: FigureTarget | None
    met: bool | None  # None: no target, or no value to judge
    england: Comparator | None
    neighbours: Comparator | None
    projection: projections.Projection
    projected_months: tuple[date, ...]
    series: tuple[float | None, ...]  # each complete month's value, oldest first
    # Whether a chart says more than the number: two months or more of the range (complete or
    # not: the chart shows them all) with figures, not a chart of one dot.
    charted: bool = False

    @property
    def latest_shown(self) -> str:
        """ "78.4%, 40 of 51", "6", or "No data"."""
        if self.latest is None:
            return "No data"
        if not self.percentage:
            return self.shown(self.latest)
        return f"{self.shown(self.latest)}, {self.count} of {self.denominator}"

    def shown(self, value: float | None) -> str:
        """A value of this figure in words: "84.6%" or "312"."""
        if value is None:
            return ""
        return f"{number(round(value, 1))}{'%' if self.percentage else ''}"

    @property
    def target_met(self) -> str:
        if self.target is None:
            return "No target set"
        if self.met is None:
            return "No data to judge"
        return "Met" if self.met else "Not met"

    @property
    def projected_shown(self) -> str:
        """The projected values on one line: "7 · 8 · 9"."""
        return " · ".join(self.shown(value) for value in self.projection.values)

    @property
    def projected_pairs(self) -> list[tuple[date, float]]:
        """(month, projected value) for each month projected."""
        return list(zip(self.projected_months, self.projection.values, strict=True))


def complete(months: list[Month], end: date, today: date) -> list[Month]:
    """The months that are over (before today) and wholly in the range."""
    last_day = min(end, today - timedelta(days=1))
    return [m for m in months if rules.last_of_month(m.month) <= last_day]


def complete_to(months: list[date], end: date, today: date) -> date | None:
    """The last day of the range's last complete month: "to 30 November 2026"."""
    last_day = min(end, today - timedelta(days=1))
    over = [rules.last_of_month(m) for m in months if rules.last_of_month(m) <= last_day]
    return over[-1] if over else None


def months_ahead(months: list[date], end: date, today: date) -> list[str]:
    """The months projected, after the last complete month: ["Dec 2026", "Jan 2027", ...]."""
    last = complete_to(months, end, today)
    if last is None:
        return []
    return [
        short_month_year(add_calendar_months(rules.first_of_month(last), step))
        for step in range(1, projections.MONTHS_AHEAD + 1)
    ]


def series_of(months: list[Month], percentage: bool) -> list[float | None]:
    """Each month's value, oldest first: its percentage (None with nothing to count), or for a
    count its number of children."""
    if percentage:
        return [month.percentage.value for month in months]
    return [float(month.count) for month in months]


def row(
    figure: Figure,
    months: list[Month],
    target: FigureTarget | None,
    latest_comparators: dict[tuple[str, str], Comparator],
    charted: bool = False,
) -> Row:
    """`months`: the complete months only (complete())."""
    percentage = figure.key != ON_PLAN.key
    series = series_of(months, percentage)
    # The latest month with figures: the last complete month may have had nothing to count (no
    # conference held in it, say); the page names the month beside the value.
    known = [(m, value) for m, value in zip(months, series, strict=True) if value is not None]
    latest_month, latest = known[-1] if known else (None, None)
    projection = projections.project(series, percentage=percentage)
    return Row(
        figure=figure,
        percentage=percentage,
        month=latest_month.month if latest_month else None,
        latest=latest,
        count=latest_month.count if latest_month else None,
        denominator=latest_month.denominator if latest_month else None,
        direction=targets.direction(
            series, target.higher_is_better if target is not None else None
        ),
        target=target,
        met=(
            targets.meets(latest, target.value, target.higher_is_better)
            if target is not None
            else None
        ),
        england=latest_comparators.get((figure.key, ENGLAND)),
        neighbours=latest_comparators.get((figure.key, STATISTICAL_NEIGHBOURS)),
        projection=projection,
        projected_months=tuple(
            add_calendar_months(months[-1].month, step)
            for step in range(1, len(projection.values) + 1)
        ),
        series=tuple(series),
        charted=charted,
    )


def rows(
    figures,
    months_of: dict[str, list[Month]],
    end: date,
    today: date,
    target_of: dict[str, FigureTarget],
    latest_comparators: dict[tuple[str, str], Comparator],
) -> dict[str, Row]:
    """A summary row for each figure, in the page's order: {figure key: row}; judged on the
    complete months of the range that ends on `end`."""
    return {
        figure.key: row(
            figure,
            complete(months_of[figure.key], end, today),
            target_of.get(figure.key),
            latest_comparators,
            charted=_with_figures(months_of[figure.key], figure.key != ON_PLAN.key, today) > 1,
        )
        for figure in figures
    }


def _with_figures(months: list[Month], percentage: bool, today: date) -> int:
    """How many months have figures: begun (a count of children is 0, not None, in a month
    not begun yet) and with something to count."""
    begun = [m for m in months if m.month <= today]
    return sum(value is not None for value in series_of(begun, percentage))
