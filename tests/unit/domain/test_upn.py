"""The DfE's rules on the unique pupil number itself (1510, 1530 and 1550), each at its
boundary, as Data to Insight's validator reads them."""

import pytest

from conference.domain.upn import check_letter, upn_problems


def upn(la_code: str = "311", last: str = "1", middle: str = "20011300") -> str:
    """A UPN with the right check letter for its digits (the last character a digit)."""
    digits = la_code + middle + last
    return check_letter(digits) + digits


def broken(number: str) -> list[str]:
    return [problem.rule for problem in upn_problems(number)]


@pytest.mark.parametrize(
    "number", ["Q311200113001", "G311200120002", upn("943", "9"), "Q31120011300Z"]
)
def test_a_right_number_breaks_no_rule(number):
    assert broken(number) == []


@pytest.mark.parametrize("number", ["A950000178301", "H243278544154"])
def test_the_validators_own_right_check_letters_are_right(number):
    """Its examples for rule 1510, whose council codes (950, 243) rule 1530 does not know."""
    assert broken(number) == ["1530"]


@pytest.mark.parametrize(
    "number",
    # The validator's own examples of a wrong check letter, and the demo's with one changed.
    ["R247962919251", "X428558133462", "R311200113001", "Q311200113002"],
)
def test_a_wrong_check_letter_is_rule_1510(number):
    assert "1510" in broken(number)
    assert "1510" not in broken(check_letter(number[1:]) + number[1:])


def test_the_check_letter_weights_each_digit_by_its_place():
    # 2x0 + ... + 12x0 + 13x1 = 13, which is P (the letters skip I and O); 13x2 = 26 → 3 → D.
    assert check_letter("000000000001") == "P"
    assert check_letter("000000000002") == "D"
    # 22 is Z, the last letter: 2x1 + 3x0 + ... + 10x2 = 22.
    assert check_letter("100000002000") == "Z"


def test_a_lower_case_check_letter_is_wrong_for_the_dfe():
    """The form stores capitals; the census checks what is stored as the validator does."""
    assert broken("q311200113001") == ["1510"]


def test_a_temporary_number_ending_in_a_letter_has_no_check_letter_to_test():
    assert broken("Q31120011300A") == []
    assert broken("Q31120011300Z") == []


@pytest.mark.parametrize(
    "la_code, recognised",
    [
        ("000", False),
        ("001", True),
        ("005", True),
        ("006", False),
        ("200", False),
        ("201", True),
        ("213", True),
        ("214", False),
        ("419", False),
        ("420", True),
        ("421", False),
        ("804", False),
        ("834", False),
        ("835", True),
        ("841", True),
        ("842", False),
        ("896", True),
        ("897", False),
        ("939", False),
        ("942", True),
        ("943", True),
        ("944", False),
    ],
)
def test_characters_2_to_4_are_a_recognised_council_code(la_code, recognised):
    assert broken(upn(la_code)) == ([] if recognised else ["1530"])


def test_the_council_code_rule_reads_any_13_characters():
    # Not all numbers: no check letter to test, but the code is still not a council's.
    assert broken("AB1C200113001") == ["1530"]
    problem = upn_problems(upn("999"))[0]
    assert "(999)" in problem.message
    assert problem.form_message.startswith("Enter the unique pupil number")


@pytest.mark.parametrize(
    "last, allowed",
    [
        *[(allowed, True) for allowed in "09AHJZ"],
        *[(refused, False) for refused in "IOSa-"],
    ],
)
def test_the_last_character_is_a_number_or_a_capital_but_i_o_and_s(last, allowed):
    number = "Q311200113001"[:-1] + last
    assert ("1550" in broken(number)) is not allowed


@pytest.mark.parametrize("number", ["", "Q31120011300", "Q3112001130011"])
def test_a_number_not_13_characters_long_is_left_to_the_shape_rule(number):
    """Rule 1540 and the schema's shape (UPN_PATTERN) report it; these rules skip it."""
    assert broken(number) == []
