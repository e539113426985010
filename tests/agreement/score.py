"""Agreement of the plan checker with the blind set `blind_2026_12.jsonl` (see README.md):
statements written and labelled by someone who had not seen the checker, kept apart from the
statements the rules were developed on (tests/unit/domain/plan_statements.py).

    .venv/bin/python -m tests.agreement.score              # the figures only
    .venv/bin/python -m tests.agreement.score --failures   # and each disagreement

Only the figures are for whoever is changing the rules: reading the disagreements while tuning
would make the set one more development set. The 95% intervals are Wilson score intervals.
"""

import argparse
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from conference.domain.plan_quality import assess_outcome
from tests.unit.domain import plan_statements

BLIND_SET = Path(__file__).with_name("blind_2026_12.jsonl")
FLAGS = ("outcome_focused", "measurable", "grade")


def labelled() -> list[dict]:
    return [json.loads(line) for line in BLIND_SET.read_text(encoding="utf-8").splitlines()]


def kept_apart() -> list[dict]:
    """The statements that are not also in the rules' development set: the labeller was given
    issue 21's examples of what to cover, and the rules were developed on those examples too
    (5 statements), so they are left out of the blind figures."""
    developed = {_same(item.statement) for item in plan_statements.ALL}
    return [item for item in labelled() if _same(item["statement"]) not in developed]


def _same(statement: str) -> str:
    return " ".join(statement.lower().split())


@dataclass(frozen=True)
class Agreement:
    agreed: int
    total: int

    @property
    def rate(self) -> float:
        return self.agreed / self.total

    def interval(self, z: float = 1.96) -> tuple[float, float]:
        """The Wilson score interval: honest near 100%, where the normal one is not."""
        n, p = self.total, self.rate
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return centre - half, centre + half

    @property
    def text(self) -> str:
        low, high = self.interval()
        return f"{self.agreed}/{self.total} ({self.rate:.1%}; 95% CI {low:.1%}-{high:.1%})"


def judged(item: dict) -> dict:
    found = assess_outcome(item["statement"], item["measure"], item["target"])
    grade = getattr(found, "grade", "outcome" if found.outcome_focused else "task")
    return {
        "outcome_focused": found.outcome_focused,
        "measurable": found.measurable,
        "grade": grade,
    }


def scored(items: list[dict]) -> list[tuple[dict, dict]]:
    return [(item, judged(item)) for item in items]


def agreement(pairs, flag: str) -> Agreement:
    return Agreement(sum(1 for item, got in pairs if got[flag] == item[flag]), len(pairs))


def report(failures: bool = False) -> str:
    pairs = scored(kept_apart())
    left_out = len(labelled()) - len(pairs)
    lines = [
        f"{len(pairs)} statements; {left_out} also in the development set are left out.\n",
        "| Set | Statements | outcome_focused agreed | measurable agreed | grade agreed |",
        "|---|---|---|---|---|",
    ]
    groups = [("Blind 2026-12, all", pairs)]
    for style in sorted({item["style"] for item, _ in pairs}):
        groups.append((f"  {style}", [p for p in pairs if p[0]["style"] == style]))
    disputed = [p for p in pairs if p[0]["note"].startswith("DISPUTED")]
    groups.append(("  labelled as disputed", disputed))
    groups.append(("  not disputed", [p for p in pairs if p not in disputed]))
    for name, group in groups:
        cells = " | ".join(agreement(group, flag).text for flag in FLAGS)
        lines.append(f"| {name} | {len(group)} | {cells} |")
    confusion = Counter((item["grade"], got["grade"]) for item, got in pairs)
    lines.append("\nGrade, labelled (rows) against judged (columns):\n")
    lines.append("| labelled | outcome | mixed | task |")
    lines.append("|---|---|---|---|")
    for grade in ("outcome", "mixed", "task"):
        row = " | ".join(str(confusion[grade, other]) for other in ("outcome", "mixed", "task"))
        lines.append(f"| {grade} | {row} |")
    if failures:
        for flag in FLAGS:
            for item, got in pairs:
                if got[flag] != item[flag]:
                    lines.append(
                        f"- {item['id']} {flag}: labelled {item[flag]}, judged {got[flag]}: "
                        f"{item['statement']!r} {item['note']}"
                    )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--failures", action="store_true")
    print(report(parser.parse_args().failures))
