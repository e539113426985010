"""The scaling summary arithmetic: no app, no database."""

from datetime import date

import pytest

from conference.domain.scaling import (
    ScalingSummary,
    Score,
    TrendPoint,
    as_safety,
    spread_is_wide,
    summarise,
    trend,
    validate_score,
)

SCORE_MESSAGE = "Score must be a whole number between 0 and 10"


def score(value, polarity="safe_at_10", *, name="Sam", role="Social worker", is_parent=False):
    return Score(name, role, is_parent, value, "Because", polarity)


def parent(value, name="Mum"):
    return score(value, name=name, role=name, is_parent=True)


@pytest.mark.parametrize(
    ("value", "polarity", "safety"),
    [
        (3, "safe_at_10", 3),
        (0, "safe_at_10", 0),
        (10, "safe_at_10", 10),
        (3, "risk_at_10", 7),
        (0, "risk_at_10", 10),
        (10, "risk_at_10", 0),
        (5, "risk_at_10", 5),
    ],
)
def test_as_safety_puts_every_score_on_the_safe_at_10_scale(value, polarity, safety):
    assert as_safety(value, polarity) == safety
    assert score(value, polarity).safety == safety


@pytest.mark.parametrize("value", [-1, 11, 4.5, "7", None, True])
def test_scores_outside_0_to_10_are_refused(value):
    with pytest.raises(ValueError, match=f"^{SCORE_MESSAGE}$"):
        validate_score(value, "safe_at_10")
    with pytest.raises(ValueError, match=f"^{SCORE_MESSAGE}$"):
        score(value)


def test_unknown_polarity_is_refused():
    message = (
        "Unknown scale 'high_is_good': 10 must mean either safe enough for the plan to end "
        "('safe_at_10') or the highest risk ('risk_at_10')"
    )
    with pytest.raises(ValueError) as raised:
        score(5, "high_is_good")
    assert str(raised.value) == message
    with pytest.raises(ValueError):
        as_safety(5, "high_is_good")


@pytest.mark.parametrize(
    ("values", "lowest", "highest", "median", "spread"),
    [
        ([5], 5, 5, 5, 0),
        ([9, 2, 5], 2, 9, 5, 7),
        ([2, 9, 4, 5], 2, 9, 4.5, 7),
        ([4, 6], 4, 6, 5.0, 2),
        ([7, 7, 7, 7], 7, 7, 7.0, 0),
    ],
)
def test_summary_of_safe_at_10_scores(values, lowest, highest, median, spread):
    summary = summarise([score(v) for v in values])
    assert summary.count == len(values)
    assert (summary.lowest, summary.highest, summary.median, summary.spread) == (
        lowest,
        highest,
        median,
        spread,
    )


def test_summary_compares_scores_given_under_either_polarity():
    # Safety values: Mum 6, school 10 - 7 = 3, social worker 4; in order 3, 4, 6.
    summary = summarise(
        [
            parent(6),
            score(7, "risk_at_10", name="Ms Jones", role="School"),
            score(4, name="Sam"),
        ]
    )
    assert (summary.lowest, summary.highest, summary.median, summary.spread) == (3, 6, 4, 3)


def test_parents_come_first_then_everyone_else_in_the_order_given():
    social_worker = score(4, name="Sam", role="Social worker")
    mum = parent(6, "Mum")
    school = score(5, name="Ms Jones", role="School")
    dad = parent(3, "Dad")
    police = score(2, name="PC Ali", role="Police")
    summary = summarise([social_worker, mum, school, dad, police])
    assert summary.scores_in_order == (mum, dad, social_worker, school, police)


@pytest.mark.parametrize(
    ("value", "polarity", "flagged"),
    [
        (0, "safe_at_10", True),
        (1, "safe_at_10", True),
        (2, "safe_at_10", False),
        (10, "safe_at_10", False),
        (9, "risk_at_10", True),
        (10, "risk_at_10", True),
        (8, "risk_at_10", False),
        (1, "risk_at_10", False),
    ],
)
def test_only_safety_scores_of_0_or_1_are_flagged_for_escalation(value, polarity, flagged):
    given = score(value, polarity)
    assert summarise([given, score(5)]).flagged == ((given,) if flagged else ())


def test_flagged_scores_follow_the_parents_first_order():
    police = score(0, name="PC Ali", role="Police")
    dad = parent(1, "Dad")
    assert summarise([police, score(6), dad]).flagged == (dad, police)


def test_an_empty_round_of_scaling_has_no_numbers():
    assert summarise([]) == ScalingSummary(
        count=0,
        lowest=None,
        highest=None,
        median=None,
        spread=None,
        flagged=(),
        scores_in_order=(),
    )


def test_trend_gives_one_point_per_meeting_in_date_order():
    points = trend(
        [
            (date(2026, 7, 1), [parent(6), score(5), score(2, "risk_at_10")]),  # 6, 5, 8
            (date(2026, 4, 1), [parent(2), score(3), score(4), score(9)]),
            (date(2026, 5, 13), []),
        ]
    )
    assert points == [
        TrendPoint(date(2026, 4, 1), count=4, median=3.5, lowest=2, highest=9),
        TrendPoint(date(2026, 5, 13), count=0, median=None, lowest=None, highest=None),
        TrendPoint(date(2026, 7, 1), count=3, median=6, lowest=5, highest=8),
    ]


def test_trend_of_nothing_is_empty():
    assert trend([]) == []


@pytest.mark.parametrize(
    ("values", "threshold", "wide"),
    [
        ([3, 7], 4, True),  # spread 4
        ([3, 6], 4, False),  # spread 3
        ([0, 10], 4, True),
        ([2, 7], 6, False),  # spread 5 under a stricter setting
        ([2, 8], 6, True),
        ([], 4, False),
    ],
)
def test_spread_is_wide(values, threshold, wide):
    assert spread_is_wide(summarise([score(v) for v in values]), threshold=threshold) is wide


def test_spread_is_wide_defaults_to_4_points():
    assert spread_is_wide(summarise([score(3), score(7)]))
    assert not spread_is_wide(summarise([score(3), score(6)]))
