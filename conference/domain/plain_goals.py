"""A safety goal in words a parent can follow (docs/domain.md section 7; issue 19).

The family's copy of the plan printed "For how long: 6 months" beside "By when: 18 December", and
a parent could not tell which date mattered. It now says one thing: "We will check on 18 December
2026. This needs to keep happening for 6 months." The goal's own contingency is one sentence,
"If … then …". These functions tidy what the worker typed so that it fits those sentences; the
fixed words around it are translated where the document is printed.
"""

import re

# "How long it must last" is typed freely: "6 months", "for 6 months", "until the birth". Those
# that already say how they run (until, while…) follow "keep happening" as they are; the rest
# follow "keep happening for".
RUNS_ON_ITS_OWN = re.compile(r"^(until|till|while|as long as|throughout|from|every)\b", re.I)
LEADING_FOR = re.compile(r"^for\s+", re.I)
LEADING_IF = re.compile(r"^if\b[\s,]*", re.I)
LEADING_THEN = re.compile(r"^then\b[\s,]*", re.I)
CLOSING = ".!?"


def how_long(sustained_for: str) -> tuple[bool, str]:
    """(whether it reads "keep happening for …", the words to put after it), from the goal's
    "how long it must last": ("6 months", "for 6 months") → (True, "6 months"); "Until the
    birth" → (False, "until the birth"). Blank stays blank."""
    text = sustained_for.strip().rstrip(CLOSING).strip()
    if RUNS_ON_ITS_OWN.match(text):
        return False, text[:1].lower() + text[1:]
    return True, LEADING_FOR.sub("", text)


def if_then(trigger: str, then: str) -> tuple[str, str]:
    """The two halves of "If {trigger}, then {then}.", without an "If" or "then" the worker
    typed already, the trigger's closing full stop or the action's (the sentence adds its own),
    and with a lower-case first letter where the word is not a name or "I"."""
    cause = LEADING_IF.sub("", trigger.strip()).rstrip(CLOSING + ",;: ").strip()
    effect = LEADING_THEN.sub("", then.strip()).rstrip(CLOSING).strip()
    return _lower_first(cause), _lower_first(effect)


# Words that start a sentence but are not names: lower-cased inside "If …, then …".
COMMON_STARTS = frozenset(
    (
        *("a", "an", "the", "any", "anyone", "anything", "all", "every", "everyone"),
        *("someone", "somebody", "nobody", "there", "this", "that", "these", "those"),
        *("we", "you", "they", "he", "she", "it", "his", "her", "their", "our", "your", "my"),
        *("when", "where", "we'll", "you'll", "they'll"),
    )
)


def _lower_first(text: str) -> str:
    """ "The school calls" → "the school calls"; "Dad drinks" and "Grandma" stay as they are
    (a name or a family title keeps its capital)."""
    first, _, rest = text.partition(" ")
    if first.lower() in COMMON_STARTS and first[:1].isupper():
        return f"{first[:1].lower()}{first[1:]}" + (f" {rest}" if rest else "")
    return text
