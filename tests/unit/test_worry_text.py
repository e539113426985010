"""A worry statement has the same words on the plan page, the scaling page and every document
(no app, no database)."""

from types import SimpleNamespace

from conference.domain.mapping import worry_text


def worry(text="", who="", about="", could_happen=""):
    return SimpleNamespace(
        text=text, who_is_worried=who, worried_about=about, could_happen=could_happen
    )


def test_the_guided_answers_name_the_worry_even_beside_a_note():
    item = worry(
        text="Mum said she has been trying",
        who="Sam (social worker)",
        about="Lily is shouted at bedtime",
        could_happen="Lily could live scared",
    )
    assert worry_text(item) == (
        "Who is worried: Sam (social worker) / About what: Lily is shouted at bedtime / "
        "What could happen to the child if nothing changes: Lily could live scared"
    )


def test_a_worry_written_as_one_sentence_is_that_sentence():
    assert worry_text(worry(text="  Tolu misses nursery most weeks ")) == (
        "Tolu misses nursery most weeks"
    )
