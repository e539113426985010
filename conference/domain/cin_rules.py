"""The rules of the Children in Need census for child protection (docs/domain.md section 9): which
children a year's return holds and each child's plan periods as the census counts them. The DfE
validation rules the toolkit's records could break are in cin_checks.

Plain Python: the returns package gathers the facts from the database and passes them in.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from conference.domain.vocabulary import Outcome

INITIAL = "initial"
REVIEW = "review"
TRANSFER_IN = "transfer_in"
# A child protection plan starts only at an initial or a transfer-in conference.
STARTS_A_PLAN = (INITIAL, TRANSFER_IN)


@dataclass(frozen=True)
class CollectionYear:
    """The census year ending on 31 March of `year`: 1 April of the year before to 31 March."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def reference_date(self) -> date:
        return date(self.year, 3, 31)

    def covers(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.reference_date


@dataclass(frozen=True)
class Decision:
    """What one finalised conference decided for one child."""

    held_on: date
    conference_type: str
    outcome: str
    category: str | None
    # Which conference, so that a census finding can point at it; not part of what was decided.
    conference_id: int | None = field(default=None, compare=False)

    @classmethod
    def of(cls, conference, decision) -> "Decision":
        """The decision recorded for the child at the conference (anything with those fields)."""
        return cls(
            conference.held_on,
            conference.conference_type,
            decision.outcome,
            decision.category,
            getattr(conference, "id", None),
        )


@dataclass(frozen=True)
class PlanPeriod:
    """One child protection plan as the census counts it: from the conference that started it
    to the conference (or the plan's recorded end) that ended it."""

    start: date
    initial_category: str | None
    latest_category: str | None
    end: date | None = None
    reviews: tuple[date, ...] = field(default=())
    # The conference that started it, where a census finding sends the manager.
    conference_id: int | None = field(default=None, compare=False)

    def open_during(self, year: CollectionYear) -> bool:
        return self.start <= year.reference_date and (self.end is None or self.end >= year.start)


def plan_periods(decisions: Iterable[Decision], plan_ends: Iterable[date] = ()) -> list[PlanPeriod]:
    """The child's plans, earliest first. A plan starts when an initial or transfer-in conference
    decides one; each review that keeps it is a review of it (and may change the category); it
    ends at the first later conference that decides otherwise, or when the family's plan is
    recorded as ended (`plan_ends`). A conference that starts a plan while one is open leaves
    both open: `problems` reports the overlap rather than guessing which is right."""
    events = sorted(
        [(d.held_on, 0, d) for d in decisions] + [(day, 1, None) for day in plan_ends],
        key=lambda event: event[:2],
    )
    periods: list[PlanPeriod] = []
    for day, _, decision in events:
        current = periods[-1] if periods and periods[-1].end is None else None
        if decision is None:
            if current is not None and day >= current.start:
                periods[-1] = replace(current, end=day)
        elif decision.outcome == Outcome.CHILD_PROTECTION_PLAN:
            if decision.conference_type in STARTS_A_PLAN:
                periods.append(
                    PlanPeriod(
                        day,
                        decision.category,
                        decision.category,
                        conference_id=decision.conference_id,
                    )
                )
            elif current is not None:
                periods[-1] = replace(
                    current,
                    latest_category=decision.category or current.latest_category,
                    reviews=(*current.reviews, day),
                )
        elif current is not None:
            reviews = current.reviews + ((day,) if decision.conference_type == REVIEW else ())
            periods[-1] = replace(current, end=day, reviews=reviews)
    return periods


def as_at(periods: Sequence[PlanPeriod], day: date) -> list[PlanPeriod]:
    """The plans as they stood on `day`: later plans left out, later ends and reviews unknown."""
    shown = []
    for period in periods:
        if period.start > day:
            continue
        end = period.end if period.end is not None and period.end <= day else None
        reviews = tuple(review for review in period.reviews if review <= day)
        shown.append(replace(period, end=end, reviews=reviews))
    return shown


def in_return(periods: Sequence[PlanPeriod], section_47_started_on: date | None, year) -> bool:
    """A child is in the year's return when a section 47 enquiry started in the year or a child
    protection plan was open at any time in it. A plan that ended before 1 April is not."""
    return year.covers(section_47_started_on) or any(p.open_during(year) for p in periods)


def previous_plans(periods: Sequence[PlanPeriod], period: PlanPeriod, elsewhere: int) -> int:
    """NumberOfPreviousCPP: the child's plans that started before this one, in this toolkit's
    records and before them (another authority's, say)."""
    return elsewhere + sum(1 for other in periods if other.start < period.start)
