"""How a dashboard figure is read against its target: which way it moved lately, whether
that is better or worse, and whether its latest value meets the target.

Which way is better is the council's, set with the target: for most figures higher is better
(reviews on time), for some lower (plans ended within 3 months, second plans). Without a target
the page says which way a figure moved but not whether that is good.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

UP = "Up"
DOWN = "Down"
SAME = "No change"
BETTER = "better"
BEFORE = 3  # the months the latest is compared with
WORSE = "worse"


@dataclass(frozen=True)
class Direction:
    moved: str | None  # UP, DOWN or SAME; None with fewer than two months with data
    judged: str | None  # BETTER or WORSE given the target; None with no target, or no change

    @property
    def words(self) -> str:
        """ "Up (better)", "Down", "No change", or "Not enough months"."""
        if self.moved is None:
            return "Not enough months"
        return f"{self.moved} ({self.judged})" if self.judged else self.moved


def direction(series: Sequence[float | None], higher_is_better: bool | None) -> Direction:
    """Which way the figure moved: its last month with data against the average of the (up to)
    BEFORE months with data before it, to one decimal place (so a percentage that moved by a
    rounding error has not moved). An average, not one month, so that a single odd month
    before it (a month with one conference, say) does not decide the direction."""
    known = [value for value in series if value is not None]
    if len(known) < 2:
        return Direction(None, None)
    earlier = known[-1 - BEFORE : -1]
    first, last = round(sum(earlier) / len(earlier), 1), round(known[-1], 1)
    if first == last:
        return Direction(SAME, None)
    moved = UP if last > first else DOWN
    if higher_is_better is None:
        return Direction(moved, None)
    return Direction(moved, BETTER if (moved == UP) == higher_is_better else WORSE)


def meets(value: float | None, target: float, higher_is_better: bool) -> bool | None:
    """Whether the value meets the target: at or above it where higher is better, at or below
    it where lower is; to one decimal place, as the summary shows it. None when there is no
    value to judge."""
    if value is None:
        return None
    shown = round(value, 1)
    return shown >= target if higher_is_better else shown <= target


THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")  # "1,204" or "1,204.5"


def typed_value(text: str | None) -> float | None:
    """A target or published value as someone typed it: "85", "85.5", "85%" or "1,204"; None
    when it is not a number with at most one decimal place, or is below 0. A comma only
    separates thousands: "85,5" (a decimal comma) is refused, not read as 855."""
    cleaned = (text or "").strip().removesuffix("%").strip()
    if "," in cleaned:
        if not THOUSANDS.match(cleaned):
            return None
        cleaned = cleaned.replace(",", "")
    whole, _, tenths = cleaned.partition(".")
    if not whole.isascii() or not whole.isdigit() or cleaned.endswith("."):
        return None
    if tenths and not (tenths.isascii() and tenths.isdigit() and len(tenths) == 1):
        return None
    return float(cleaned)


def too_precise(text: str | None) -> bool:
    """Whether the text is a number with more than one decimal place: "85.55"."""
    cleaned = (text or "").strip().removesuffix("%").strip().replace(",", "")
    return bool(re.fullmatch(r"\d+\.\d{2,}", cleaned))
