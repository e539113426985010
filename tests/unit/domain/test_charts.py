"""The trend chart's geometry, checked against numbers worked out by hand, and the SVG written
from it. No app, no database.

With one line of text above the plot, the plot runs from y = 32 (10) to y = 232 (0), 20 units a
point; occasions sit between x = 72 and x = 592; two lines sit 2 units either side of each
occasion's place.
"""

import pytest

from conference.domain.charts import (
    COLOURS,
    SHAPES,
    WIDTH,
    labelled_occasions,
    occasion_x,
    spread_offset,
    style_of,
    to_svg,
    trend_chart,
)
from conference.domain.progress import ChartSeries

OCCASIONS = [("Conference", "2 Sep 2026"), ("Core group", "28 Oct 2026")]


def chart(series, occasions=OCCASIONS, ten_means="Safe", zero_means="Cannot stay at home"):
    return trend_chart(
        occasions,
        series,
        title="Scores over time",
        description="Median went from 4.5 to 6.",
        zero_means=zero_means,
        ten_means=ten_means,
    )


TWO = [
    ChartSeries("Bo Test (Father)", True, (6, 7)),
    ChartSeries("Sam Worker (Social worker)", False, (3, None)),
]


def test_scores_fall_on_the_plot_from_0_at_the_bottom_to_10_at_the_top():
    drawn = chart(TWO)
    assert (drawn.plot_top, drawn.plot_bottom) == (32, 232)
    assert [drawn.y(v) for v in (0, 3, 6, 7, 10)] == [232, 172, 112, 92, 32]


def test_each_person_is_a_line_with_its_own_colour_shape_and_dash():
    bo, sam = chart(TWO).lines
    assert [(m.x, m.y) for m in bo.markers] == [(70, 112), (590, 92)]
    assert bo.path == "M 70 112 L 590 92"
    assert (bo.colour, bo.shape, bo.dashed) == (COLOURS[0], "circle", False)
    # Sam scored only at the conference: a point, and no line to join.
    assert [(m.x, m.y) for m in sam.markers] == [(74, 172)]
    assert sam.path == ""
    assert (sam.colour, sam.shape, sam.dashed) == (COLOURS[1], "square", True)


def test_a_line_breaks_where_someone_gave_no_score():
    values = (5, 6, None, 7)
    (line,) = chart([ChartSeries("Jo", False, values)], occasions=[("Core group", "x")] * 4).lines
    assert [(m.x, m.y) for m in line.markers] == [(72, 132), (245.3, 112), (592, 92)]
    assert line.path == "M 72 132 L 245.3 112"
    assert [len(segment) for segment in line.segments] == [2, 1]


def test_occasions_are_evenly_spaced_and_one_stands_in_the_middle():
    assert [occasion_x(i, 3) for i in range(3)] == [72, 332, 592]
    assert occasion_x(0, 1) == 332
    assert [spread_offset(i, 3) for i in range(3)] == [-4, 0, 4]
    assert [spread_offset(i, 2) for i in range(2)] == [-2, 2]


@pytest.mark.parametrize(
    ("count", "labelled"),
    [
        (1, [0]),
        (2, [0, 1]),
        (7, [0, 1, 2, 3, 4, 5, 6]),  # 86.7 apart: room for every label
        (8, [0, 2, 4, 7]),  # 74.3 apart: every other one, and the last
        (14, [0, 3, 6, 9, 13]),  # 40 apart: every third one, and the last
    ],
)
def test_labels_under_the_x_axis_never_crowd(count, labelled):
    assert labelled_occasions(count) == labelled


def test_no_two_of_36_people_share_both_colour_and_shape():
    styles = {style_of(i) for i in range(36)}
    assert len(styles) == 36
    assert {shape for _colour, shape in styles} == set(SHAPES)


def test_the_axes_are_labelled_with_what_0_and_10_mean_and_the_dates():
    drawn = chart(TWO)
    labels = {label.text: (label.x, label.y, label.anchor) for label in drawn.labels}
    assert labels["10 means: Safe"] == (0, 16, "start")
    assert labels["10"] == (40, 37, "end")
    assert labels["0"] == (40, 237, "end")
    assert labels["Conference"] == (72, 252, "middle")
    assert labels["28 Oct 2026"] == (592, 270, "middle")
    assert labels["0 means: Cannot stay at home"] == (0, 296, "start")
    assert labels["Solid lines: parents. Dashed lines: everyone else."] == (0, 324, "start")
    assert [(entry.label, entry.y) for entry in drawn.legend] == [
        ("Bo Test (Father)", 342),
        ("Sam Worker (Social worker)", 364),
    ]
    assert (drawn.width, drawn.height) == (WIDTH, 386)


def test_a_long_meaning_wraps_and_moves_the_plot_down():
    drawn = chart(
        TWO,
        ten_means="Everyone agrees the children are safe enough for the child "
        "protection plan to end, and have been for months",
    )
    top = [label.text for label in drawn.labels if label.y < drawn.plot_top]
    assert top == [
        "10 means: Everyone agrees the children are safe enough for the child protection plan",
        "to end, and have been for months",
    ]
    assert drawn.plot_top == 50


def test_the_svg_is_an_image_named_by_its_title_and_described():
    svg = to_svg(chart(TWO), "progress")
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="progress-title progress-desc" width="640" height="386"'
    )
    assert '<title id="progress-title">Scores over time</title>' in svg
    assert '<desc id="progress-desc">Median went from 4.5 to 6.</desc>' in svg
    assert svg.index("<title") < svg.index("<desc") < svg.index("<line")
    assert "font-family=\"'Noto Sans', 'DejaVu Sans', Arial, sans-serif\"" in svg
    assert "var(" not in svg and "style=" not in svg  # prints without CSS
    assert '<path d="M 70 112 L 590 92" fill="none" stroke="#1d70b8" stroke-width="2"/>' in svg
    assert '<circle cx="70" cy="112" r="5" fill="#1d70b8"' in svg
    assert '<rect x="69.5" y="167.5" width="9" height="9" fill="#d53880"' in svg
    assert 'stroke-dasharray="6 4"' in svg  # Sam's key line
    assert svg.endswith("</svg>")


def test_a_page_can_let_the_svg_fit_its_column():
    svg = to_svg(chart(TWO), fit_width=True)
    assert 'width="100%" viewBox="0 0 640 386"' in svg
    assert 'height="386"' not in svg


def test_every_piece_of_text_is_escaped():
    series = [ChartSeries('<script>alert("x")</script> & Co', True, (5, 6))]
    drawn = trend_chart(
        OCCASIONS,
        series,
        title="A <b>title</b>",
        description='Said "hello" & left',
        zero_means="<0>",
        ten_means="<10>",
    )
    svg = to_svg(drawn, 'x" onload="y')
    assert "<script>" not in svg and "<b>" not in svg
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; Co' in svg
    assert '<desc id="x&quot; onload=&quot;y-desc">Said "hello" &amp; left</desc>' in svg
    assert "10 means: &lt;10&gt;" in svg
    assert 'onload="' not in svg


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_is_drawn(shape):
    index = SHAPES.index(shape)
    series = [ChartSeries(f"Person {n}", False, (5, 5)) for n in range(index + 1)]
    svg = to_svg(chart(series))
    element = {
        "circle": "<circle",
        "square": "<rect x=",
        "triangle": "<polygon",
        "diamond": "<polygon",
        "triangle-down": "<polygon",
        "cross": 'stroke-width="2.5"',
    }[shape]
    assert element in svg


# A child's own scores are data beside everyone else's (issue 18): their lines are dotted.

WITH_A_CHILD = [*TWO, ChartSeries("Kemi (Child)", False, (4, 6), is_child=True)]


def test_a_childs_own_line_is_dotted_and_the_key_says_so():
    drawn = chart(WITH_A_CHILD)
    bo, sam, kemi = drawn.lines
    assert (bo.dashed, bo.dotted, sam.dashed, sam.dotted) == (False, False, True, False)
    assert (kemi.dashed, kemi.dotted) == (False, True)
    assert kemi.path.count("L") == 1  # a line from the conference to the core group
    key = [label.text for label in drawn.labels if label.bold and label.text.startswith("Solid")]
    assert key == ["Solid lines: parents. Dotted lines: children. Dashed lines: everyone else."]
    assert [(entry.label, entry.dotted) for entry in drawn.legend] == [
        ("Bo Test (Father)", False),
        ("Sam Worker (Social worker)", False),
        ("Kemi (Child)", True),
    ]
    svg = to_svg(drawn, "chart")
    assert svg.count('stroke-dasharray="2 3"') == 2  # the child's line and its key
    # The social worker's key: their one score has no line to draw.
    assert svg.count('stroke-dasharray="6 4"') == 1


def test_without_a_child_the_key_does_not_mention_children():
    key = [label.text for label in chart(TWO).labels if label.text.startswith("Solid")]
    assert key == ["Solid lines: parents. Dashed lines: everyone else."]
