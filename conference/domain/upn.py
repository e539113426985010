"""The unique pupil number (UPN) and the DfE's rules about it, as Data to Insight's
csc-validator-be-cin checks them for the Children in Need census (rules 1510, 1530 and 1550;
the shape, rule 1540 and the schema's, is UPN_PATTERN in cin_codes). The child's form refuses a
number that breaks them and the census reports one stored before: one rule for both.

A UPN is a check letter, a 3-digit local authority code, 8 more digits, then a digit (or a
letter for a temporary number). The DfE's UPN guide gives the check letter's sum.
"""

from dataclasses import dataclass

UPN_LENGTH = 13
DIGITS = "0123456789"
# The check letter for each remainder (0 = A ... 22 = Z): the alphabet without I, O and S.
CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
# Rule 1550: the last character is a digit or a letter other than I, O and S.
LAST_CHARACTERS = frozenset(DIGITS + CHECK_LETTERS)


def _codes(*spans: tuple[int, int]) -> frozenset[str]:
    return frozenset(f"{code:03d}" for first, last in spans for code in range(first, last + 1))


# Rule 1530: characters 2 to 4 are a post-April-1998 local authority code or a "pseudo LA" code,
# as the validator lists them for 2025-26 (942 and 943 added in 2023-24).
LA_CODES = _codes(
    (1, 5),
    (201, 213),
    (301, 320),
    (330, 336),
    (340, 344),
    (350, 359),
    (370, 373),
    (380, 384),
    (390, 394),
    (420, 420),
    (660, 681),
    (701, 708),
    (800, 803),
    (805, 808),
    (810, 813),
    (815, 816),
    (820, 823),
    (825, 826),
    (830, 831),
    (835, 841),
    (845, 846),
    (850, 852),
    (855, 857),
    (860, 861),
    (865, 896),
    (908, 909),
    (916, 916),
    (919, 919),
    (921, 921),
    (925, 926),
    (928, 929),
    (931, 931),
    (933, 933),
    (935, 938),
    (940, 943),
)


@dataclass(frozen=True)
class UpnProblem:
    rule: str  # the DfE's rule number
    message: str  # for the census report
    form_message: str  # for the child's form, in the GOV.UK style


def check_letter(digits: str) -> str:
    """The letter a UPN starts with, from the 12 digits after it: each weighted by its place
    in the UPN (2 to 13), summed, and the remainder on dividing by 23 as a letter."""
    total = sum(int(digit) * weight for weight, digit in enumerate(digits, start=2))
    return CHECK_LETTERS[total % 23]


def upn_problems(upn: str) -> list[UpnProblem]:
    """The rules 1510, 1530 and 1550 that a UPN breaks, as the validator reads them: each only
    of a 13-character number, and 1510 only when the 12 characters after the letter are all
    digits (a temporary UPN, ending in a letter, has no check letter the rule can test)."""
    if len(upn) != UPN_LENGTH:
        return []
    found = []
    rest = upn[1:]
    if all(c in DIGITS for c in rest) and upn[0] != check_letter(rest):
        found.append(
            UpnProblem(
                "1510",
                "The unique pupil number's first letter (its check letter) does not match "
                "its numbers: one of them is mistyped. Check it against the school's records.",
                "Enter the unique pupil number exactly as the school gives it: its first "
                "letter does not match its numbers",
            )
        )
    if upn[1:4] not in LA_CODES:
        found.append(
            UpnProblem(
                "1530",
                f"The unique pupil number's 2nd to 4th characters ({upn[1:4]}) are not a "
                "council's code that the DfE recognises. Check it against the school's records.",
                "Enter the unique pupil number exactly as the school gives it: its 2nd to 4th "
                "characters are not a council’s code",
            )
        )
    if upn[12] not in LAST_CHARACTERS:
        found.append(
            UpnProblem(
                "1550",
                "The unique pupil number's last character is not a number or a capital letter "
                "other than I, O and S. Check it against the school's records.",
                "Enter a unique pupil number that ends in a number or a capital letter other "
                "than I, O and S",
            )
        )
    return found
