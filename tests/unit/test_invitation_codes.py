"""The invitation code (issue 20): long enough that guessing is hopeless, printed in groups of
four from an alphabet without characters read as one another, typed any way, and stored only as
an HMAC under the app's secret key."""

import math
import re

from conference.services.invitations import (
    ALPHABET,
    code_hash,
    new_code,
    normalise,
    well_formed,
)

PRINTED = re.compile(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}")


def test_a_code_has_at_least_80_bits_in_four_groups_of_four():
    code = new_code()
    assert PRINTED.fullmatch(code), code
    characters = code.replace("-", "")
    assert len(characters) * math.log2(len(ALPHABET)) >= 80


def test_the_alphabet_has_nothing_read_as_something_else():
    assert len(set(ALPHABET)) == len(ALPHABET) == 32
    assert not set("01IO") & set(ALPHABET)
    assert all(character in ALPHABET for character in new_code().replace("-", ""))


def test_codes_differ():
    assert len({new_code() for _ in range(1000)}) == 1000


def test_a_code_is_typed_in_small_letters_with_spaces_or_dashes_or_neither():
    printed = "K7QM-3XRT-9HWP-C2DA"
    for typed in ("k7qm 3xrt 9hwp c2da", "K7QM3XRT9HWPC2DA", " k7qm–3xrt – 9hwp c2da ", printed):
        assert normalise(typed) == "K7QM3XRT9HWPC2DA"
        assert code_hash(typed, "key") == code_hash(printed, "key")
    assert well_formed("k7qm 3xrt 9hwp c2da")
    assert not well_formed("K7QM-3XRT-9HWP-C2D")  # one short
    assert not well_formed("K7QM-3XRT-9HWP-C2D0")  # a zero is never printed


def test_the_hash_is_an_hmac_under_the_secret_key():
    code = "K7QM-3XRT-9HWP-C2DA"
    stored = code_hash(code, "the app's key")
    assert re.fullmatch(r"[0-9a-f]{64}", stored)
    assert "K7QM" not in stored.upper()
    assert code_hash(code, "another key") != stored  # cannot be checked without the key
    assert code_hash("K7QM-3XRT-9HWP-C2DB", "the app's key") != stored
