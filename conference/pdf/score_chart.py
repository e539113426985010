"""The chart of everyone's scores: horizontal bars from 0 to 10, drawn here as SVG so that it
prints crisply, shared by the family plan and the conference record."""

from dataclasses import dataclass

from markupsafe import Markup, escape

from conference.pdf.i18n import N_

CHART_TITLE = N_("Scores from 0 to 10")


@dataclass(frozen=True)
class ScoreRow:
    name: str
    role: str
    value: int
    reason: str


CHART_WIDTH_AT_STANDARD = 600  # user units across the page at 11pt


CHART_FONT = 12  # user units: about 10pt when the chart fills the standard text width


LABEL_WIDTH = 170


VALUE_GAP = 8


ROW_HEIGHT = 34


BAR_HEIGHT = 16


AXIS_HEIGHT = 26


@dataclass(frozen=True)
class ChartGeometry:
    width: int
    height: int
    bar_left: int
    bar_right: int
    rows: int

    def x(self, value: float) -> float:
        """Where a score falls across the bar area (0 at the left, 10 at the right)."""
        return round(self.bar_left + (self.bar_right - self.bar_left) * value / 10, 1)

    def row_top(self, index: int) -> int:
        return index * ROW_HEIGHT


def chart_geometry(rows: int, body_pt: float) -> ChartGeometry:
    """The chart fills the text width; in larger print its view box is narrower so that its
    text grows with the body text while labels and bars keep their room."""
    width = round(CHART_WIDTH_AT_STANDARD * 11 / body_pt)
    return ChartGeometry(
        width=width,
        height=rows * ROW_HEIGHT + AXIS_HEIGHT,
        bar_left=LABEL_WIDTH,
        bar_right=width - 3 * CHART_FONT,
        rows=rows,
    )


def score_chart(rows: list[ScoreRow], body_pt: float, title: str = CHART_TITLE) -> Markup:
    """An SVG bar chart of the scores, with a <title> and a <desc> that says every score, for
    screen readers (the table of scores follows it too)."""
    g = chart_geometry(len(rows), body_pt)
    description = "; ".join(f"{row.name} ({row.role}): {row.value}" for row in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {g.width} {g.height}" width="100%" font-size="{CHART_FONT}" '
        f'aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for tick in (0, 5, 10):
        x = g.x(tick)
        bottom = g.rows * ROW_HEIGHT
        parts.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{bottom}" stroke="#b1b4b6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x}" y="{bottom + CHART_FONT + 4}" text-anchor="middle">{tick}</text>'
        )
    for index, row in enumerate(rows):
        top = g.row_top(index)
        label_y = top + ROW_HEIGHT / 2
        bar_width = g.x(row.value) - g.bar_left
        parts.append(
            f'<text x="0" y="{label_y - 2}" font-weight="bold">{escape(_clip(row.name))}</text>'
        )
        parts.append(
            f'<text x="0" y="{label_y + CHART_FONT}" fill="#505a5f">'
            f"{escape(_clip(row.role))}</text>"
        )
        bar_top = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        parts.append(
            f'<rect x="{g.bar_left}" y="{bar_top}" width="{bar_width}" height="{BAR_HEIGHT}" '
            f'fill="{"#1d70b8" if row.value else "#d4351c"}"/>'
        )
        parts.append(
            f'<text x="{g.x(row.value) + VALUE_GAP / 2}" y="{bar_top + BAR_HEIGHT - 3}" '
            f'font-weight="bold">{row.value}</text>'
        )
    parts.append("</svg>")
    # Every piece of text in the chart was escaped above.
    return Markup("".join(parts))  # noqa: S704


def _clip(text: str, most: int = 24) -> str:
    """Labels longer than the label column are cut with an ellipsis (the table has them whole)."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
