"""Progress across core groups (docs/domain.md section 8): what the review conference reads.

Each safety goal has a timeline from the conference (its baseline) through every core group that
rated it, so anyone can see where things started, what changed and who said so. Each action has
its latest status. Scaling is compared at every meeting: each person's scores become one line over
time, all on the safe-at-10 scale, because the spread between people is as telling as the median
(docs/domain.md section 3).

The inspection praised "the rigour in tracking progress against decisions taken and action
agreed previously" (Ofsted, Havering 2013, para 39): these are the rules that make it easy.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import NamedTuple

from conference.domain.scaling import RISK_AT_10, SAFE_AT_10, as_safety
from conference.domain.vocabulary import RATINGS, Rating
from conference.domain.wording import long_date, number, short_date

# GOV.UK tag colours: never shown without the rating's words.
RATING_COLOURS: dict[str, str] = {
    Rating.WORSE: "red",
    Rating.NO_CHANGE: "grey",
    Rating.SOME_PROGRESS: "blue",
    Rating.ACHIEVED: "green",
}
# The same ratings in the family's notes: short sentences, "you" and "we"
# (docs/domain.md section 7).
RATINGS_FOR_FAMILY: dict[str, str] = {
    Rating.WORSE: "Things have got worse.",
    Rating.NO_CHANGE: "Things have not changed yet.",
    Rating.SOME_PROGRESS: "Things are getting better.",
    Rating.ACHIEVED: "This has happened. Well done.",
}

CONFERENCE = "conference"
CORE_GROUP = "core_group"
OCCASION_LABELS = {CONFERENCE: "Conference", CORE_GROUP: "Core group"}


def rating_label(rating: str) -> str:
    """ "Some progress"; a rating this module does not know is shown as stored, never hidden."""
    return RATINGS.get(rating, rating.replace("_", " ").capitalize())


def rating_colour(rating: str) -> str:
    return RATING_COLOURS.get(rating, "grey")


def rating_for_family(rating: str) -> str:
    return RATINGS_FOR_FAMILY.get(rating, f"{rating_label(rating)}.")


# Each goal's timeline.


@dataclass(frozen=True)
class ProgressAt:
    """What one core group recorded against one goal."""

    on: date
    where_now: str
    rating: str
    evidence: str = ""
    said_by: str = ""
    meeting_id: int | None = None


@dataclass(frozen=True)
class Step:
    """One point on a goal's timeline: the conference (the baseline, with no rating) or a core
    group."""

    on: date
    kind: str
    where_now: str
    rating: str | None = None
    evidence: str = ""
    said_by: str = ""
    meeting_id: int | None = None

    @property
    def rating_label(self) -> str:
        return rating_label(self.rating) if self.rating else ""

    @property
    def rating_colour(self) -> str:
        return rating_colour(self.rating) if self.rating else ""


@dataclass(frozen=True)
class GoalTimeline:
    steps: tuple[Step, ...]

    @property
    def rated(self) -> tuple[Step, ...]:
        """The core groups that rated the goal, earliest first."""
        return tuple(step for step in self.steps if step.kind == CORE_GROUP)

    @property
    def latest(self) -> Step | None:
        rated = self.rated
        return rated[-1] if rated else None

    @property
    def summary(self) -> str:
        """ "Rated at 3 core groups: worse, then some progress, then achieved." """
        rated = self.rated
        if not rated:
            return "No core group has rated this goal yet."
        ratings = ", then ".join(step.rating_label.lower() for step in rated)
        meetings = "1 core group" if len(rated) == 1 else f"{len(rated)} core groups"
        return f"Rated at {meetings}: {ratings}."


def goal_timeline(
    conference_on: date, baseline: str, progress: Iterable[ProgressAt]
) -> GoalTimeline:
    """The goal's timeline: the baseline agreed at the conference, then each core group's
    rating in date order (meetings on the same day keep the order given)."""
    start = Step(conference_on, CONFERENCE, baseline.strip())
    later = sorted(progress, key=lambda p: p.on)
    steps = [
        Step(
            p.on,
            CORE_GROUP,
            p.where_now.strip(),
            p.rating,
            p.evidence.strip(),
            p.said_by.strip(),
            p.meeting_id,
        )
        for p in later
    ]
    return GoalTimeline((start, *steps))


# Actions.


@dataclass(frozen=True)
class ActionStatus:
    """An action's status now: from the latest core group that updated it, or as stored on
    the plan when no core group has yet (`on` is then None)."""

    status: str
    on: date | None = None
    note: str = ""


def latest_status(stored: str, updates: Iterable[tuple[date, str, str]]) -> ActionStatus:
    """The latest of the core groups' updates (on, status, note); on the same day, the last
    given."""
    latest: tuple[date, str, str] | None = None
    for update in updates:
        if latest is None or update[0] >= latest[0]:
            latest = update
    if latest is None:
        return ActionStatus(stored)
    on, status, note = latest
    return ActionStatus(status, on, note.strip())


# Scaling over time.

CHILD_ROLE = "Child"  # a child's own score given with no role of its own


class ScoreGiven(NamedTuple):
    """One score, as given. A child's own score (`is_child`) is data like anyone's: it is shown
    by person and role beside the parents' and the professionals'."""

    on: date
    person: str
    role: str
    is_parent: bool
    value: int
    polarity: str
    is_child: bool = False


@dataclass(frozen=True)
class Occasion:
    on: date
    kind: str

    @property
    def label(self) -> str:
        return OCCASION_LABELS[self.kind]

    @property
    def named(self) -> str:
        """How the text alternative refers to it: "the conference (2 September 2026)"."""
        return f"the {self.label.lower()} ({long_date(self.on)})"


@dataclass(frozen=True)
class TrendScore:
    on: date
    value: int  # on the safe-at-10 scale
    given: int
    polarity: str

    @property
    def converted(self) -> bool:
        return self.polarity == RISK_AT_10


@dataclass(frozen=True)
class PersonSeries:
    """One person's scores over time."""

    name: str
    role: str
    is_parent: bool
    scores: tuple[TrendScore, ...]
    is_child: bool = False

    @property
    def group(self) -> int:
        """Parents first, then the children, then everyone else."""
        return 0 if self.is_parent else 1 if self.is_child else 2

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def at(self, on: date) -> TrendScore | None:
        return next((score for score in self.scores if score.on == on), None)


@dataclass(frozen=True)
class OccasionSummary:
    """One occasion's scores on the safe-at-10 scale. With nobody scoring, the numbers are None."""

    occasion: Occasion
    median: float | None
    lowest: int | None
    highest: int | None
    parents_median: float | None
    others_median: float | None  # everyone but the parents and the children
    children_median: float | None = None

    @property
    def median_shown(self) -> str:
        return number(self.median)


@dataclass(frozen=True)
class ScalingTrend:
    occasions: tuple[Occasion, ...]
    # Parents first, then the children, then everyone else, each as they first scored.
    series: tuple[PersonSeries, ...]
    summaries: tuple[OccasionSummary, ...]  # one per occasion

    @property
    def converted(self) -> bool:
        """Whether any score was given where 10 means the highest risk."""
        return any(score.converted for s in self.series for score in s.scores)

    def rows(self) -> list[tuple[PersonSeries, list[TrendScore | None]]]:
        """Each person with their score at each occasion (None where they gave none): the data
        table under the chart."""
        return [(s, [s.at(o.on) for o in self.occasions]) for s in self.series]


def scaling_trend(scores: Iterable[ScoreGiven], conference_on: date | None = None) -> ScalingTrend:
    """Everyone's scores over time on the safe-at-10 scale, one line per person (a person is
    known by their name, whatever their role was called each time). Each date scores were given
    on is an occasion; `conference_on` says which was the conference. Someone who scored twice
    on one occasion keeps their last score. A child's own score is labelled "Child" when it was
    given with no role."""
    given = sorted((ScoreGiven(*score) for score in scores), key=lambda score: score.on)
    people: dict[str, dict] = {}
    for score in given:
        person = people.setdefault(
            score.person.strip().casefold(),
            {"name": score.person.strip(), "role": "", "is_parent": False, "is_child": False},
        )
        person["role"] = score.role.strip() or person["role"]
        person["is_parent"] = person["is_parent"] or score.is_parent
        person["is_child"] = person["is_child"] or score.is_child
        person.setdefault("scores", {})[score.on] = TrendScore(
            score.on, as_safety(score.value, score.polarity), score.value, score.polarity
        )
    series = [
        PersonSeries(
            p["name"],
            p["role"] or (CHILD_ROLE if p["is_child"] else ""),
            p["is_parent"],
            tuple(p["scores"].values()),
            p["is_child"] and not p["is_parent"],
        )
        for p in people.values()
    ]
    series.sort(key=lambda s: s.group)  # stable: first scored first within each group
    days = sorted({score.on for score in given})
    occasions = tuple(
        Occasion(day, CONFERENCE if day == conference_on else CORE_GROUP) for day in days
    )
    summaries = tuple(_summary(occasion, series) for occasion in occasions)
    return ScalingTrend(occasions, tuple(series), summaries)


def _summary(occasion: Occasion, series: Sequence[PersonSeries]) -> OccasionSummary:
    scored = [(s.group, s.at(occasion.on)) for s in series]
    values = [score.value for _group, score in scored if score is not None]
    by_group = [
        [score.value for group, score in scored if score is not None and group == wanted]
        for wanted in (0, 1, 2)
    ]
    parents, children, others = (median(found) if found else None for found in by_group)
    return OccasionSummary(
        occasion,
        median(values) if values else None,
        min(values, default=None),
        max(values, default=None),
        parents,
        others,
        children,
    )


def describe_trend(trend: ScalingTrend) -> str:
    """The chart's text alternative: the median, the range and the parents' and everyone else's
    medians, at the first occasion and the last."""
    if not trend.occasions:
        return "Nobody has given a score yet."
    first, last = trend.summaries[0], trend.summaries[-1]
    if len(trend.summaries) == 1:
        text = (
            f"At {first.occasion.named} the median score was {number(first.median)}, "
            f"from {first.lowest} to {first.highest}."
        )
    else:
        text = (
            f"Median went from {number(first.median)} at {first.occasion.named} to "
            f"{number(last.median)} at the last {last.occasion.named.removeprefix('the ')}. "
            f"Scores went from {first.lowest} to {first.highest} at the first and from "
            f"{last.lowest} to {last.highest} at the last."
        )
        groups = "; ".join(
            f"{who} median went from {number(before)} to {number(after)}"
            for who, before, after in (
                ("parents’", first.parents_median, last.parents_median),
                ("children’s own", first.children_median, last.children_median),
                ("everyone else’s", first.others_median, last.others_median),
            )
            if before is not None and after is not None
        )
        if groups:
            text += f" {groups[0].upper()}{groups[1:]}."
    if trend.converted:
        text += (
            " Scores given where 10 means the highest risk are turned round so that 10 always "
            "means safe: a 3 is shown as 7."
        )
    return text


def describe_trend_for_family(trend: ScalingTrend) -> str:
    """The same trend in plain words for the family's notes: short sentences, no "median"
    (docs/domain.md section 7)."""
    if not trend.occasions:
        return "Nobody has given a score yet."
    first, last = trend.summaries[0], trend.summaries[-1]
    if len(trend.summaries) == 1:
        return f"At {_for_family(first.occasion)} the middle score was {number(first.median)}."
    sentences = [
        f"The middle score was {number(first.median)} at {_for_family(first.occasion)} and "
        f"{number(last.median)} at {_for_family(last.occasion)}."
    ]
    if first.parents_median is not None and last.parents_median is not None:
        sentences.append(
            f"The parents’ middle score went from {number(first.parents_median)} to "
            f"{number(last.parents_median)}."
        )
    if first.children_median is not None and last.children_median is not None:
        sentences.append(
            f"The children’s own middle score went from {number(first.children_median)} to "
            f"{number(last.children_median)}."
        )
    if first.others_median is not None and last.others_median is not None:
        sentences.append(
            f"Everyone else’s went from {number(first.others_median)} to "
            f"{number(last.others_median)}."
        )
    if trend.converted:
        sentences.append(
            "Some scores were given where 10 means the most worry. We turned them round, so "
            "10 always means safe."
        )
    return " ".join(sentences)


def _for_family(occasion: Occasion) -> str:
    if occasion.kind == CONFERENCE:
        return f"the conference on {long_date(occasion.on)}"
    return f"our meeting on {long_date(occasion.on)}"


@dataclass(frozen=True)
class Wording:
    """The meaning of 0 and 10 a score was given under."""

    polarity: str
    zero_means: str
    ten_means: str


DEFAULT_ZERO_MEANS = "Things are so bad that the children cannot stay at home"
DEFAULT_TEN_MEANS = "Everyone agrees the children are safe enough for the plan to end"


def axis_meanings(wordings: Sequence[Wording]) -> tuple[str, str]:
    """What 0 and 10 mean on the chart's safe-at-10 axis: the latest safe-at-10 wording; else
    the latest risk-at-10 wording turned round (its 0, the lowest risk, is the axis's 10)."""
    for wording in reversed(wordings):
        if wording.polarity == SAFE_AT_10 and wording.zero_means and wording.ten_means:
            return wording.zero_means, wording.ten_means
    for wording in reversed(wordings):
        if wording.polarity == RISK_AT_10 and wording.zero_means and wording.ten_means:
            return wording.ten_means, wording.zero_means
    return DEFAULT_ZERO_MEANS, DEFAULT_TEN_MEANS


@dataclass(frozen=True)
class ChartSeries:
    """One line for the chart: its label, whether it is a parent's (parents' lines are solid,
    children's dotted, everyone else's dashed) and its safe-at-10 value at each occasion (None:
    no score)."""

    label: str
    is_parent: bool
    values: tuple[int | None, ...]
    is_child: bool = False


def chart_series(trend: ScalingTrend) -> list[ChartSeries]:
    return [
        ChartSeries(
            s.label,
            s.is_parent,
            tuple(score.value if score else None for score in row),
            s.is_child,
        )
        for s, row in trend.rows()
    ]


def chart_labels(trend: ScalingTrend) -> list[tuple[str, str]]:
    """Under each occasion on the x axis: what it was and its date ("Core group", "12 Mar 2027")."""
    return [(o.label, short_date(o.on)) for o in trend.occasions]
