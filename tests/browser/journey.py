"""Keyboard helpers for the browser journeys: focus moves with `focus()` and everything is done
with Enter, Space and typing, never a mouse click."""

from datetime import date


def type_in(page, label: str, text: str, within=None) -> None:
    """Focus the text box with this label (within a part of the page, if given) and type."""
    field = (within or page).get_by_label(label, exact=True)
    field.focus()
    page.keyboard.type(text)


def choose(page, label: str, within=None) -> None:
    """Select a radio or tick a checkbox by its label: focus it, then Space."""
    option = (within or page).get_by_label(label, exact=True)
    option.focus()
    page.keyboard.press(" ")
    assert option.is_checked(), f"{label!r} is not selected"


def group(page, legend: str):
    """The fieldset with this legend."""
    return page.get_by_role("group", name=legend, exact=True)


def type_date(page, legend: str, day: date) -> None:
    fieldset = group(page, legend)
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        fieldset.get_by_label(part, exact=True).focus()
        page.keyboard.type(str(value))


def _enter(page, target) -> None:
    target.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def press_button(page, name: str) -> None:
    """Press a button (or a link that looks like one) with Enter, and wait for the next page."""
    _enter(page, page.get_by_role("button", name=name, exact=True))


def follow(page, link_name: str) -> None:
    """Follow a link with Enter, and wait for the next page."""
    _enter(page, page.get_by_role("link", name=link_name, exact=True))


def heading(page) -> str:
    return page.locator("h1").inner_text()
