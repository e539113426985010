"""pages.py reads a page as a user sees it: the visible text, the headings, the title and the
error messages, from the tree a browser would build."""

from pages import (
    error_messages,
    error_summary,
    headings,
    links,
    meta_content,
    text_of,
    texts,
    title,
)

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><title>Error: Add a child – Service</title>
<meta name="csrf-token" content="t0ken"><style>p { color: red }</style></head>
<body><script>var shown = "<p>never</p>";</script>
<div class="govuk-error-summary"><h2>There is a problem</h2>
<ul class="govuk-error-summary__list"><li><a href="#name">Enter the <b>name</b></a></li></ul></div>
<h1 class="govuk-heading-l">Add a&nbsp;child</h1>
<p id="name-error" class="govuk-error-message">
  <span class="govuk-visually-hidden">Error:</span> Enter the name</p>
<table><tbody class="govuk-table__body"><tr class="row row--flagged"><td>Lily</td><td>4</td></tr>
<tr class="row"><td>Sam</td><td>7</td></tr></tbody></table>
<!-- a comment --><svg><title id="chart-title">Scores</title></svg></body></html>"""


def test_the_visible_text_leaves_out_scripts_and_styles_and_collapses_spaces():
    text = text_of(PAGE)
    assert "never" not in text and "color" not in text
    assert "Add a child Error: Enter the name Lily 4 Sam 7" in text


def test_the_heading_title_and_errors_are_read_from_their_elements():
    assert headings(PAGE) == ["Add a child"]
    assert title(PAGE) == "Error: Add a child – Service"
    assert error_messages(PAGE) == ["Enter the name"]
    assert error_summary(PAGE) == ["Enter the name"]
    assert error_summary("<p>No problem</p>") == []


def test_elements_are_selected_by_tag_class_id_and_attribute():
    assert texts(PAGE, "tbody.govuk-table__body tr") == ["Lily 4", "Sam 7"]
    assert texts(PAGE, "tr.row.row--flagged") == ["Lily 4"]
    assert texts(PAGE, "svg title#chart-title") == ["Scores"]
    assert links(PAGE, ".govuk-error-summary a") == [("#name", "Enter the name")]
    assert meta_content(PAGE, "csrf-token") == "t0ken"
    assert meta_content(PAGE, "missing") is None


def test_a_part_of_a_page_is_read_like_a_page():
    assert text_of("<tr><td>a</td><td>b</td></tr>") == "a b"
    assert text_of("Fish &amp; <i>chips</i>") == "Fish & chips"
