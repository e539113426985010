"""Scaling: everyone present scores the situation from 0 to 10, with a reason.

Areas word the question differently and some reverse it, so each score keeps its polarity:
"safe_at_10" (the default: 10 means the children are safe enough for the plan to end) or
"risk_at_10" (10 means the highest risk). Summaries convert every score to the safe-at-10 scale
first, so scores given under either polarity, then or years later, can be compared.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

SAFE_AT_10 = "safe_at_10"
RISK_AT_10 = "risk_at_10"
POLARITIES = (SAFE_AT_10, RISK_AT_10)

LOWEST_SCORE = 0
HIGHEST_SCORE = 10
# Safety scores this low mean the children may not be able to stay at home: escalate.
ESCALATION_AT_OR_BELOW = 1


def validate_score(value: int, polarity: str) -> None:
    """A score is a whole number from 0 to 10, given on a known scale. Raises ValueError with a
    message for the person entering it."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("Score must be a whole number between 0 and 10")
    if not LOWEST_SCORE <= value <= HIGHEST_SCORE:
        raise ValueError("Score must be a whole number between 0 and 10")
    if polarity not in POLARITIES:
        raise ValueError(
            f"Unknown scale {polarity!r}: 10 must mean either safe enough for the plan to end "
            f"({SAFE_AT_10!r}) or the highest risk ({RISK_AT_10!r})"
        )


@dataclass(frozen=True)
class Score:
    """One person's score, as they gave it."""

    name: str
    role: str  # how they are known at the conference: "Mum", "School", "Social worker"
    is_parent: bool
    value: int
    reason: str
    polarity: str = SAFE_AT_10

    def __post_init__(self) -> None:
        validate_score(self.value, self.polarity)

    @property
    def safety(self) -> int:
        """This score on the safe-at-10 scale."""
        return as_safety(self.value, self.polarity)


def as_safety(value: int, polarity: str) -> int:
    """Converts a score to the safe-at-10 scale: a 3 where 10 is the highest risk is a 7 where 10
    is safe. Converting a safe-at-10 value with "risk_at_10" turns it back, for areas that show
    their own scale."""
    validate_score(value, polarity)
    return HIGHEST_SCORE - value if polarity == RISK_AT_10 else value


@dataclass(frozen=True)
class ScalingSummary:
    """What the chair and later meetings read from one round of scaling, on the safe-at-10 scale.
    With no scores, the numbers are None."""

    count: int
    lowest: int | None
    highest: int | None
    median: float | None
    spread: int | None
    flagged: tuple[Score, ...]
    scores_in_order: tuple[Score, ...]


def summarise(scores: Iterable[Score]) -> ScalingSummary:
    """Summarises one round of scaling. The spread between people is as telling as the median.
    Scores of 0 or 1 on the safe-at-10 scale are flagged for escalation. Parents are asked
    first, so their scores come first; everyone else follows in the order given."""
    scores = tuple(scores)
    in_order = tuple(s for s in scores if s.is_parent) + tuple(s for s in scores if not s.is_parent)
    flagged = tuple(s for s in in_order if s.safety <= ESCALATION_AT_OR_BELOW)
    if not scores:
        return ScalingSummary(0, None, None, None, None, flagged, in_order)
    safety = [s.safety for s in scores]
    return ScalingSummary(
        count=len(safety),
        lowest=min(safety),
        highest=max(safety),
        median=median(safety),
        spread=max(safety) - min(safety),
        flagged=flagged,
        scores_in_order=in_order,
    )


@dataclass(frozen=True)
class TrendPoint:
    """One meeting's scaling, on the safe-at-10 scale, for charts of progress over time."""

    on: date
    count: int
    median: float | None
    lowest: int | None
    highest: int | None


def trend(series: Iterable[tuple[date, Sequence[Score]]]) -> list[TrendPoint]:
    """Scores are compared at every later meeting: one point per meeting, earliest first. A
    meeting where nobody scored keeps its place with no numbers, so a chart shows the gap."""
    points = []
    for on, scores in series:
        summary = summarise(scores)
        points.append(
            TrendPoint(on, summary.count, summary.median, summary.lowest, summary.highest)
        )
    return sorted(points, key=lambda point: point.on)


def spread_is_wide(summary: ScalingSummary, threshold: int = 4) -> bool:
    """People who are 4 or more points apart see the situation differently: worth discussing
    before the decision. No scores, no disagreement."""
    return summary.spread is not None and summary.spread >= threshold
