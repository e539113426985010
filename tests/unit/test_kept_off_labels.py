"""Each "What the room sees" checkbox names exactly what it keeps off the screen (issue 18):
the item and the start of its words, cut at a word when they are long."""

from conference.services.conferences.wall import Keepable


def keepable(label: str, text: str) -> Keepable:
    return Keepable(("map_item", 1, ""), "The map", label, text, False)


def test_a_short_item_is_named_with_all_its_words():
    thing = keepable("Complicating factors 1", "Mum has no recourse to public funds")
    assert thing.checkbox_label == (
        "Keep off the screen: Complicating factors 1, “Mum has no recourse to public funds”"
    )


def test_a_long_item_is_cut_at_a_word_and_its_lines_joined():
    words = (
        "Mum has no recourse\nto public funds until next year, so money is very tight and rent "
        "is late"
    )
    label = keepable("Complicating factors 1", words).checkbox_label
    assert label == (
        "Keep off the screen: Complicating factors 1, “Mum has no recourse to public funds "
        "until next year, so money is very tight and…”"
    )
