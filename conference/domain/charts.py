"""The scaling trend chart, drawn as SVG on the server so that it needs no JavaScript and prints
crisply in the PDFs.

`trend_chart` works out where everything goes (plain numbers, easy to test); `to_svg` writes it
out, escaping every piece of text. One line per person, so disagreement stays visible: each line
has its own colour and its own point shape (never colour alone), parents' lines are solid and
everyone else's dashed. The y axis runs from 0 to 10 with what 0 and 10 mean written beside it;
the x axis has one place per occasion, evenly spaced, with what it was and its date under it
(meetings are what is compared, and dates a few days apart would otherwise crowd their labels).
Where two people gave the same score, their points sit a few units apart so both are seen.

For print: fixed width and height, colours and fonts as attributes (no CSS variables).
"""

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from conference.domain.progress import ChartSeries
from conference.domain.wording import MONTHS

WIDTH = 640
FONT_SIZE = 14
LINE_HEIGHT = 18
FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
TEXT_COLOUR = "#0b0c0c"
SECONDARY_COLOUR = "#505a5f"
GRID_COLOUR = "#b1b4b6"

PLOT_LEFT = 48
PLOT_RIGHT = WIDTH - 24
INNER_LEFT = PLOT_LEFT + 24  # the first occasion stands clear of the y axis
INNER_RIGHT = PLOT_RIGHT - 24
UNIT = 20  # height of one point of the scale
PLOT_HEIGHT = 10 * UNIT
Y_TICKS = (0, 2, 4, 6, 8, 10)
SPREAD = 4  # how far apart the people's points sit at one occasion
MIN_LABEL_GAP = 84  # room for "12 Sep 2026" under each labelled occasion
MEANING_CHARACTERS = 84  # what fits across the chart at FONT_SIZE
LEGEND_ROW = 22

# GOV.UK colours with at least 3:1 contrast on white, and shapes told apart without colour.
COLOURS = ("#1d70b8", "#d53880", "#00703c", "#4c2c92", "#0b0c0c", "#505a5f")
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")


@dataclass(frozen=True)
class Marker:
    x: float
    y: float


@dataclass(frozen=True)
class Line:
    """One person's line: unbroken between occasions they scored at, broken where they gave
    no score."""

    label: str
    colour: str
    shape: str
    dashed: bool
    markers: tuple[Marker, ...]
    segments: tuple[tuple[Marker, ...], ...]
    dotted: bool = False  # a child's own scores

    @property
    def path(self) -> str:
        """The SVG path data, "M x y L x y", one move per unbroken segment of two or more."""
        return " ".join(
            " ".join(f"{'M' if n == 0 else 'L'} {_n(m.x)} {_n(m.y)}" for n, m in enumerate(segment))
            for segment in self.segments
            if len(segment) > 1
        )


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"
    bold: bool = False
    colour: str = TEXT_COLOUR


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = GRID_COLOUR


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    shape: str
    dashed: bool
    y: float  # the middle of the row
    dotted: bool = False


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    title: str
    description: str
    plot_top: float
    plot_bottom: float
    rules: tuple[Rule, ...]
    labels: tuple[Label, ...]
    lines: tuple[Line, ...]
    legend: tuple[LegendEntry, ...]

    def y(self, value: float) -> float:
        """Where a score falls: 0 at the bottom of the plot, 10 at the top."""
        return self.plot_bottom - value * UNIT


def style_of(index: int) -> tuple[str, str]:
    """The colour and shape of the index-th line: no two lines share both until 36 people."""
    return COLOURS[(index + index // len(SHAPES)) % len(COLOURS)], SHAPES[index % len(SHAPES)]


def occasion_x(index: int, count: int) -> float:
    """Where the index-th of `count` occasions falls across the plot, evenly spaced."""
    if count == 1:
        return (INNER_LEFT + INNER_RIGHT) / 2
    return INNER_LEFT + index * (INNER_RIGHT - INNER_LEFT) / (count - 1)


def spread_offset(index: int, count: int) -> float:
    """How far the index-th of `count` lines sits from the occasion's place, so equal scores do
    not hide each other: centred on it."""
    return (index - (count - 1) / 2) * SPREAD


def labelled_occasions(count: int) -> list[int]:
    """The occasions with a label under them: all, unless they are too close; then every few,
    always the first and the last."""
    if count <= 1:
        return list(range(count))
    gap = (INNER_RIGHT - INNER_LEFT) / (count - 1)
    step = max(1, math.ceil(MIN_LABEL_GAP / gap))
    chosen = list(range(0, count, step))
    if chosen[-1] != count - 1:
        if count - 1 - chosen[-1] < step and len(chosen) > 1:
            chosen.pop()
        chosen.append(count - 1)
    return chosen


def trend_chart(
    occasions: Sequence[tuple[str, str]],
    series: Sequence[ChartSeries],
    *,
    title: str,
    description: str,
    zero_means: str,
    ten_means: str,
) -> Chart:
    """The chart's geometry. `occasions` are the two lines under each place on the x axis (what
    it was, its date); each series has a value (0 to 10) or None at each occasion."""
    top_lines = textwrap.wrap(f"10 means: {ten_means}", MEANING_CHARACTERS) or [""]
    bottom_lines = textwrap.wrap(f"0 means: {zero_means}", MEANING_CHARACTERS) or [""]
    plot_top = LINE_HEIGHT * len(top_lines) + 14
    plot_bottom = plot_top + PLOT_HEIGHT

    def y(value: float) -> float:
        return plot_bottom - value * UNIT

    labels = [
        Label(0, LINE_HEIGHT * (n + 1) - 2, text, colour=SECONDARY_COLOUR)
        for n, text in enumerate(top_lines)
    ]
    rules = [Rule(PLOT_LEFT, plot_top, PLOT_LEFT, plot_bottom, TEXT_COLOUR)]
    for tick in Y_TICKS:
        colour = TEXT_COLOUR if tick == 0 else GRID_COLOUR
        rules.append(Rule(PLOT_LEFT, y(tick), PLOT_RIGHT, y(tick), colour))
        labels.append(Label(PLOT_LEFT - 8, y(tick) + 5, str(tick), anchor="end"))
    count = len(occasions)
    for index in labelled_occasions(count):
        x = occasion_x(index, count)
        what, when = occasions[index]
        rules.append(Rule(x, plot_bottom, x, plot_bottom + 5, TEXT_COLOUR))
        labels.append(Label(x, plot_bottom + 20, what, anchor="middle", bold=True))
        labels.append(Label(x, plot_bottom + 38, when, anchor="middle"))
    below = plot_bottom + 64
    labels += [
        Label(0, below + LINE_HEIGHT * n, text, colour=SECONDARY_COLOUR)
        for n, text in enumerate(bottom_lines)
    ]

    lines = []
    for index, one in enumerate(series):
        colour, shape = style_of(index)
        offset = spread_offset(index, len(series))
        segments: list[list[Marker]] = [[]]
        markers = []
        for at, value in enumerate(one.values[:count]):
            if value is None:
                segments.append([])
                continue
            marker = Marker(round(occasion_x(at, count) + offset, 1), round(y(value), 1))
            markers.append(marker)
            segments[-1].append(marker)
        lines.append(
            Line(
                one.label,
                colour,
                shape,
                not one.is_parent and not one.is_child,
                tuple(markers),
                tuple(tuple(s) for s in segments if s),
                one.is_child and not one.is_parent,
            )
        )

    key_top = below + LINE_HEIGHT * len(bottom_lines) + 10
    labels.append(Label(0, key_top, line_key(any(line.dotted for line in lines)), bold=True))
    legend = tuple(
        LegendEntry(
            line.label,
            line.colour,
            line.shape,
            line.dashed,
            key_top + 18 + n * LEGEND_ROW,
            line.dotted,
        )
        for n, line in enumerate(lines)
    )
    height = int(key_top + 18 + len(legend) * LEGEND_ROW)
    return Chart(
        WIDTH,
        height,
        title,
        description,
        plot_top,
        plot_bottom,
        tuple(rules),
        tuple(labels),
        tuple(lines),
        legend,
    )


# Writing it out.


def to_svg(chart: Chart, id_prefix: str = "trend-chart", *, fit_width: bool = False) -> str:
    """The chart as an SVG element: `role="img"` named by its <title> and described by its
    <desc>. Fixed width and height for print; `fit_width` lets a page scale it to its column
    (the view box keeps its proportions)."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    size = 'width="100%"' if fit_width else f'width="{chart.width}" height="{chart.height}"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{_a(title_id)} {_a(desc_id)}" {size} '
        f'viewBox="0 0 {chart.width} {chart.height}" font-family="{FONT_FAMILY}" '
        f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">',
        f'<title id="{_a(title_id)}">{_t(chart.title)}</title>',
        f'<desc id="{_a(desc_id)}">{_t(chart.description)}</desc>',
        '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
    ]
    parts += [
        f'<line x1="{_n(r.x1)}" y1="{_n(r.y1)}" x2="{_n(r.x2)}" y2="{_n(r.y2)}" '
        f'stroke="{r.colour}" stroke-width="1"/>'
        for r in chart.rules
    ]
    parts += [_label(label) for label in chart.labels]
    for line in chart.lines:
        if line.path:
            parts.append(
                f'<path d="{line.path}" fill="none" stroke="{line.colour}" stroke-width="2"'
                f"{_dash(line.dashed, line.dotted)}/>"
            )
        parts += [_marker(line.shape, m.x, m.y, line.colour) for m in line.markers]
    for entry in chart.legend:
        parts.append(
            f'<line x1="{PLOT_LEFT}" y1="{_n(entry.y)}" x2="{PLOT_LEFT + 28}" y2="{_n(entry.y)}" '
            f'stroke="{entry.colour}" stroke-width="2"{_dash(entry.dashed, entry.dotted)}/>'
        )
        parts.append(_marker(entry.shape, PLOT_LEFT + 14, entry.y, entry.colour))
        parts.append(_label(Label(PLOT_LEFT + 38, entry.y + 5, entry.label)))
    parts.append("</svg>")
    return "".join(parts)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    """A point of one shape: a filled shape with a white edge, or a cross drawn in the colour."""
    filled = f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5" {filled}/>'
    if shape == "square":
        return f'<rect x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9" {filled}/>'
    if shape == "cross":
        return (
            f'<path d="M {_n(x - 5)} {_n(y - 5)} L {_n(x + 5)} {_n(y + 5)} '
            f'M {_n(x - 5)} {_n(y + 5)} L {_n(x + 5)} {_n(y - 5)}" '
            f'stroke="{colour}" stroke-width="2.5" fill="none"/>'
        )
    corners = {
        "triangle": ((0, -6), (5.5, 4), (-5.5, 4)),
        "diamond": ((0, -6), (6, 0), (0, 6), (-6, 0)),
        "triangle-down": ((0, 6), (5.5, -4), (-5.5, -4)),
    }[shape]
    points = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in corners)
    return f'<polygon points="{points}" {filled}/>'


def _label(label: Label) -> str:
    weight = ' font-weight="bold"' if label.bold else ""
    anchor = f' text-anchor="{label.anchor}"' if label.anchor != "start" else ""
    return (
        f'<text x="{_n(label.x)}" y="{_n(label.y)}"{anchor}{weight} fill="{label.colour}">'
        f"{_t(label.text)}</text>"
    )


def line_key(children: bool) -> str:
    """What the lines' styles mean; the children's only when a child has scored."""
    if children:
        return "Solid lines: parents. Dotted lines: children. Dashed lines: everyone else."
    return "Solid lines: parents. Dashed lines: everyone else."


def _dash(dashed: bool, dotted: bool = False) -> str:
    if dotted:
        return ' stroke-dasharray="2 3"'
    return ' stroke-dasharray="6 4"' if dashed else ""


def _n(value: float) -> str:
    """Coordinates to one decimal place, without a trailing ".0"."""
    rounded = round(value, 1)
    return str(int(rounded)) if float(rounded).is_integer() else str(rounded)


def _t(text: str) -> str:
    return escape(text, quote=False)


def _a(text: str) -> str:
    return escape(text, quote=True)


# The dashboard's monthly trend: one line of percentages (or counts) over the months of a range.

MONTHLY_PLOT_TOP = 16
MONTHLY_PLOT_HEIGHT = 200
MONTH_LABEL_GAP = 40  # room for "Sep" over "2026" under each labelled month
MONTH_STEPS = (1, 2, 3, 4, 6, 12)  # label every month, or every 2nd, 3rd ... month: evenly
PERCENTAGE_TICKS = (0, 25, 50, 75, 100)
MOST_COUNT_INTERVALS = 5


def month_label_step(count: int) -> int:
    """Every how many months a label goes under the axis: every month while the labels fit,
    else every 2nd, 3rd, 4th, 6th or 12th, counted from the first month, so the labels are
    evenly spaced and none is squeezed in at the end."""
    if count <= 1:
        return 1
    gap = (INNER_RIGHT - INNER_LEFT) / (count - 1)
    return next((s for s in MONTH_STEPS if s * gap >= MONTH_LABEL_GAP), MONTH_STEPS[-1])


def labelled_months(count: int) -> list[int]:
    """The months (by position) with a label under them: see month_label_step."""
    return list(range(0, count, month_label_step(count)))


def count_ticks(highest: float) -> list[int]:
    """The y axis's ticks for a count: whole numbers from 0 in equal steps of 1, 2 or 5 (times
    10, 100 ...), the smallest step that reaches the highest count in at most 5 steps. A count
    is never a fraction, so neither is a tick."""
    highest = max(1, math.ceil(highest))
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            step = base * magnitude
            steps = math.ceil(highest / step)
            if steps <= MOST_COUNT_INTERVALS:
                return list(range(0, steps * step + 1, step))
        magnitude *= 10


def month_and_year(month: date) -> tuple[str, str]:
    """The two lines under a labelled month: "Jan" over "2026"."""
    return MONTHS[month.month - 1][:3], str(month.year)


def monthly_chart(
    months: Sequence[date],
    values: Sequence[float | None],
    *,
    title: str,
    description: str,
    highest: float = 100,
    unit: str = "%",
    projected: int = 0,
) -> Chart:
    """A month-by-month line, one place per month, broken where a month has no data. The y axis
    runs from 0 to 100% for percentages (unit "%"), or for counts to the last of count_ticks for
    the highest count. Every month has a tick on the x axis; labels go under every month, or
    evenly every few months (month_label_step) when a long range would crowd them. The last
    `projected` months are a projection (conference/domain/projections.py): a dashed line on
    from the last month, with its own point shape, labelled "projected"."""
    ticks = list(PERCENTAGE_TICKS) if unit == "%" else count_ticks(highest)
    top = ticks[-1]
    plot_top, plot_bottom = MONTHLY_PLOT_TOP, MONTHLY_PLOT_TOP + MONTHLY_PLOT_HEIGHT

    def y(value: float) -> float:
        return plot_bottom - value / top * MONTHLY_PLOT_HEIGHT

    rules = [Rule(PLOT_LEFT, plot_top, PLOT_LEFT, plot_bottom, TEXT_COLOUR)]
    labels = []
    for tick in ticks:
        colour = TEXT_COLOUR if tick == 0 else GRID_COLOUR
        rules.append(Rule(PLOT_LEFT, y(tick), PLOT_RIGHT, y(tick), colour))
        labels.append(Label(PLOT_LEFT - 8, y(tick) + 5, f"{tick}{unit}", anchor="end"))
    count = len(months)
    labelled = set(labelled_months(count))
    for index, month in enumerate(months):
        x = occasion_x(index, count)
        rules.append(
            Rule(x, plot_bottom, x, plot_bottom + (6 if index in labelled else 3), TEXT_COLOUR)
        )
        if index in labelled:
            name, year = month_and_year(month)
            labels.append(Label(x, plot_bottom + 20, name, anchor="middle"))
            labels.append(
                Label(x, plot_bottom + 38, year, anchor="middle", colour=SECONDARY_COLOUR)
            )
    segments: list[list[Marker]] = [[]]
    markers = []
    for index, value in enumerate(values[: count - projected]):
        if value is None:
            segments.append([])
            continue
        marker = Marker(round(occasion_x(index, count), 1), round(y(value), 1))
        markers.append(marker)
        segments[-1].append(marker)
    colour, shape = style_of(0)
    line = Line(title, colour, shape, False, tuple(markers), tuple(tuple(s) for s in segments if s))
    lines = (line, *_projection(values, count, projected, y, labels))
    return Chart(
        WIDTH,
        int(plot_bottom + 50),
        title,
        description,
        plot_top,
        plot_bottom,
        tuple(rules),
        tuple(labels),
        lines,
        (),
    )


def _projection(values, count: int, projected: int, y, labels: list[Label]) -> tuple[Line, ...]:
    """The projected months' dashed line, joined to the last month's point when it has one,
    and its label (added to `labels`)."""
    if not projected:
        return ()
    first = count - projected
    joined = [first - 1] if first > 0 and values[first - 1] is not None else []
    points = [
        Marker(round(occasion_x(i, count), 1), round(y(values[i]), 1))
        for i in [*joined, *range(first, count)]
    ]
    start = points[len(joined)]
    above = start.y - 12
    label_y = above if above >= FONT_SIZE else start.y + 24  # below the point at the very top
    labels.append(Label(start.x, label_y, "projected", anchor="middle", bold=True))
    colour, _shape = style_of(0)
    markers = tuple(points[len(joined) :])
    return (Line("Projected", colour, "diamond", True, markers, (tuple(points),)),)
