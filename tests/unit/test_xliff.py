"""XLIFF 2.0 written for a translator and read back (conference/services/xliff.py): no app, no
database."""

import pytest

from conference.services import xliff
from conference.services.xliff import FileRefused, Unit

NS = 'xmlns="urn:oasis:names:tc:xliff:document:2.0"'


def document(body: str, target_language: str = "ar") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><xliff {NS} version="2.0" srcLang="en" '
        f'trgLang="{target_language}"><file id="f">{body}</file></xliff>'
    ).encode()


def test_a_written_file_is_valid_and_reads_back_as_written():
    units = [
        Unit("goal-1-statement", "Mum & Dad <together> keep a calm home", "Goal 1"),
        Unit("voice-2-own_words", "I like it at Grandma's.\r\nShe makes jollof.", ""),
    ]
    data = xliff.write(units, "ur", file_id="plan-3")
    read = xliff.read(data)
    assert (read.source_language, read.target_language) == ("en", "ur")
    assert [(unit.id, unit.source, unit.target) for unit in read.units] == [
        ("goal-1-statement", "Mum & Dad <together> keep a calm home", None),
        # A line break typed in a browser (CR LF) is written as XML reads it back.
        ("voice-2-own_words", "I like it at Grandma's.\nShe makes jollof.", None),
    ]
    assert b'<note category="location">Goal 1</note>' in data
    assert b'canResegment="no"' in data


def test_plain_text_is_what_a_file_can_carry():
    assert xliff.plain("  One\r\ntwo\rthree\x00\x07 ") == "One\ntwo\nthree"
    assert xliff.plain("بابا صرخ") == "بابا صرخ"


def test_a_target_reads_as_its_words_with_annotations_and_code_points():
    data = document(
        '<unit id="a"><segment><source>Calm</source><target>A <mrk id="m1" type="term">'
        'calm</mrk> home<cp hex="0009"/>now<ph id="p1"/></target></segment></unit>'
    )
    (unit,) = xliff.read(data).units
    assert unit.target == "A calm home\tnow"


def test_a_unit_a_tool_split_into_segments_is_joined_again():
    data = document(
        '<unit id="a"><segment><source>One. </source><target>Ọ̀kan. </target></segment>'
        "<ignorable><source> </source><target> </target></ignorable>"
        "<segment><source>Two.</source><target>Méjì.</target></segment></unit>"
    )
    (unit,) = xliff.read(data).units
    assert (unit.source, unit.target) == ("One.  Two.", "Ọ̀kan.  Méjì.")


def test_a_segment_without_a_target_has_none():
    data = document(
        '<unit id="a"><segment><source>One.</source><target>Ọ̀kan.</target></segment>'
        "<segment><source>Two.</source></segment></unit>"
    )
    (unit,) = xliff.read(data).units
    assert unit.target is None


@pytest.mark.parametrize(
    "data",
    [
        b"<?xml version='1.0'?><!DOCTYPE xliff><xliff/>",
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>',
    ],
)
def test_a_document_type_declaration_is_refused_before_anything_is_read(data):
    with pytest.raises(FileRefused) as refused:
        xliff.read(data)
    assert refused.value.problems == [xliff.DOCTYPE]


@pytest.mark.parametrize("data", [b"", b"plain words", b"<xliff>", "<x>é</x>".encode("cp1252")])
def test_what_is_not_xml_is_refused(data):
    with pytest.raises(FileRefused) as refused:
        xliff.read(data)
    assert refused.value.problems == [xliff.NOT_XML]


def test_what_breaks_the_schema_is_named_with_its_unit():
    data = document('<unit id="goal-4-measure"><source>Loose</source></unit>')
    with pytest.raises(FileRefused) as refused:
        xliff.read(data)
    (problem,) = refused.value.problems
    assert problem.startswith(
        "The selected file is not valid XLIFF 2.0 (in unit ‘goal-4-measure’): "
    )
    assert "{urn:" not in problem


def test_another_xliff_version_is_refused():
    data = document('<unit id="a"><segment><source>A</source></segment></unit>').replace(
        b'version="2.0"', b'version="1.2"'
    )
    with pytest.raises(FileRefused) as refused:
        xliff.read(data)
    assert refused.value.problems == ["The selected file must be XLIFF version 2.0, not ‘1.2’"]


def test_a_long_value_is_shortened_in_a_message():
    assert xliff.short("x" * 100) == "x" * 59 + "…"
    assert xliff.short("two\nlines") == "two lines"


def test_elements_nested_deeper_than_any_translation_are_refused_before_the_schema():
    deep = 100_000  # the schema check, which recurses, would fail on these
    target = '<mrk id="m">' * deep + "words" + "</mrk>" * deep
    data = document(
        f'<unit id="a"><segment><source>A</source><target>{target}</target></segment></unit>'
    )
    with pytest.raises(FileRefused) as refused:
        xliff.read(data)
    assert refused.value.problems == [xliff.TOO_MANY]


def test_more_elements_than_any_plan_has_are_refused_before_the_schema():
    unit = '<unit id="u{}"><segment><source>A</source><target>B</target></segment></unit>'
    data = document("".join(unit.format(n) for n in range(xliff.MOST_ELEMENTS // 4 + 1)))
    with pytest.raises(FileRefused) as refused:
        xliff.read(data)
    assert refused.value.problems == [xliff.TOO_MANY]
