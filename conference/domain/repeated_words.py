"""Whether words kept from the family are repeated somewhere a family copy still prints them
(issue 19): a child's words kept out of the plan reach the parent anyway when a map item or a
goal quotes them.

The rule, so the chair can follow it: two texts share words when the same four or more words
come one after another in both, ignoring capitals and punctuation, and at least two of those
words are not everyday small words ("the", "and", "I", …) or numbers. "hid under the table" is
shared; "I like it when" is not, nor a date ("on 21 July 2026"). A paraphrase ("Tolu hides
when Dad shouts") is not found: the warning helps the chair, it does not replace reading the
record.
"""

import re

RUN = 4  # words in a row
DISTINCTIVE = 2  # of them not everyday small words

EVERYDAY = frozenset(
    " ".join(
        (
            "a an the and or but if so as at by for from in into of on onto to with without",
            "up down out over under about i me my mine you your he him his she her hers it its",
            "we us our they them their this that these those is are was were be been being am",
            "do does did have has had not no yes when then there here what who which where why",
            "how all any some very just also too can could will would shall should may might",
            "must",
        )
    ).split()
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """The text's words, lower case, without punctuation ("Daddy's" stays one word)."""
    return [word.replace("’", "'") for word in _WORD.findall(text.lower())]


def _distinctive(word: str) -> bool:
    return word not in EVERYDAY and not word.isdigit()


def _runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {
        run
        for run in (tuple(found[start : start + RUN]) for start in range(len(found) - RUN + 1))
        if sum(_distinctive(word) for word in run) >= DISTINCTIVE
    }


def shares_words(kept: str, other: str) -> bool:
    """Whether `other` repeats four or more words in a row of `kept` (see the module's rule)."""
    return bool(_runs(kept) & _runs(other))


def repeated_in(kept: str, others: list[tuple[str, str]]) -> list[str]:
    """The names of the `others` ((name, text), in order) that repeat words of `kept`."""
    return [name for name, text in others if shares_words(kept, text)]
