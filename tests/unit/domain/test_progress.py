"""Progress across core groups: each goal's timeline, each action's latest status, and the
scaling trend with its text alternative. No app, no database."""

from datetime import date

import pytest

from conference.domain.progress import (
    CONFERENCE,
    CORE_GROUP,
    DEFAULT_TEN_MEANS,
    DEFAULT_ZERO_MEANS,
    ActionStatus,
    ProgressAt,
    Wording,
    axis_meanings,
    chart_labels,
    chart_series,
    describe_trend,
    describe_trend_for_family,
    goal_timeline,
    latest_status,
    number,
    rating_colour,
    rating_for_family,
    rating_label,
    scaling_trend,
)
from conference.domain.vocabulary import Rating

CONFERENCE_ON = date(2026, 9, 2)
FIRST = date(2026, 9, 16)
SECOND = date(2026, 10, 28)


@pytest.mark.parametrize(
    ("rating", "label", "colour", "for_family"),
    [
        (Rating.WORSE, "Worse", "red", "Things have got worse."),
        (Rating.NO_CHANGE, "No change", "grey", "Things have not changed yet."),
        (Rating.SOME_PROGRESS, "Some progress", "blue", "Things are getting better."),
        (Rating.ACHIEVED, "Achieved", "green", "This has happened. Well done."),
        ("much_better", "Much better", "grey", "Much better."),
    ],
)
def test_each_rating_has_words_and_a_colour(rating, label, colour, for_family):
    assert rating_label(rating) == label
    assert rating_colour(rating) == colour
    assert rating_for_family(rating) == for_family


def test_numbers_drop_a_needless_decimal():
    assert [number(4.5), number(6.0), number(7), number(None)] == ["4.5", "6", "7", ""]


# Each goal's timeline.


def test_a_goal_timeline_starts_at_the_baseline_and_follows_the_core_groups_in_date_order():
    timeline = goal_timeline(
        CONFERENCE_ON,
        " 9 days missed in August ",
        [
            ProgressAt(SECOND, "Every day for 3 weeks", Rating.SOME_PROGRESS, "Register", "Jo", 2),
            ProgressAt(FIRST, " 3 days missed ", Rating.WORSE, " Register ", " Jo ", 1),
        ],
    )
    assert [(s.on, s.kind, s.where_now, s.rating) for s in timeline.steps] == [
        (CONFERENCE_ON, CONFERENCE, "9 days missed in August", None),
        (FIRST, CORE_GROUP, "3 days missed", Rating.WORSE),
        (SECOND, CORE_GROUP, "Every day for 3 weeks", Rating.SOME_PROGRESS),
    ]
    assert timeline.steps[1].evidence == "Register"
    assert timeline.steps[1].said_by == "Jo"
    assert timeline.steps[1].meeting_id == 1
    assert timeline.steps[0].rating_label == ""
    assert timeline.steps[2].rating_label == "Some progress"
    assert timeline.steps[2].rating_colour == "blue"
    assert timeline.latest.on == SECOND
    assert timeline.summary == "Rated at 2 core groups: worse, then some progress."


def test_a_goal_nobody_has_rated_yet_says_so():
    timeline = goal_timeline(CONFERENCE_ON, "", [])
    assert len(timeline.steps) == 1
    assert timeline.latest is None
    assert timeline.summary == "No core group has rated this goal yet."
    one = goal_timeline(CONFERENCE_ON, "", [ProgressAt(FIRST, "Done", Rating.ACHIEVED)])
    assert one.summary == "Rated at 1 core group: achieved."


# Actions.


def test_an_action_without_updates_keeps_the_status_on_the_plan():
    assert latest_status("not_started", []) == ActionStatus("not_started")


def test_an_action_takes_the_status_of_the_latest_core_group():
    updates = [
        (SECOND, "done", " Went on 20 October "),
        (FIRST, "in_progress", ""),
    ]
    assert latest_status("not_started", updates) == ActionStatus(
        "done", SECOND, "Went on 20 October"
    )
    same_day = [(FIRST, "in_progress", ""), (FIRST, "not_done", "Missed it")]
    assert latest_status("not_started", same_day).status == "not_done"


# Scaling over time.

SCORES = [
    (SECOND, "Jo Nurse", "School nurse", False, 3, "risk_at_10"),
    (CONFERENCE_ON, "Sam Worker", "Social worker", False, 3, "safe_at_10"),
    (CONFERENCE_ON, "Jo Nurse", "", False, 4, "safe_at_10"),
    (CONFERENCE_ON, "Bo Test", "Father", True, 6, "safe_at_10"),
    (SECOND, "bo test ", "Dad", True, 7, "safe_at_10"),
    (SECOND, "Sam Worker", "Social worker", False, 5, "safe_at_10"),
]


def test_each_person_is_one_series_on_the_safe_at_10_scale_parents_first():
    trend = scaling_trend(SCORES, conference_on=CONFERENCE_ON)
    assert [(o.on, o.kind, o.label) for o in trend.occasions] == [
        (CONFERENCE_ON, CONFERENCE, "Conference"),
        (SECOND, CORE_GROUP, "Core group"),
    ]
    # A person is known by their name; their latest role names them.
    assert [(s.label, s.is_parent) for s in trend.series] == [
        ("Bo Test (Dad)", True),
        ("Sam Worker (Social worker)", False),
        ("Jo Nurse (School nurse)", False),
    ]
    rows = {s.name: [score.value if score else None for score in row] for s, row in trend.rows()}
    assert rows == {"Bo Test": [6, 7], "Sam Worker": [3, 5], "Jo Nurse": [4, 7]}
    jo = trend.series[2].at(SECOND)
    assert (jo.value, jo.given, jo.polarity, jo.converted) == (7, 3, "risk_at_10", True)
    assert trend.converted


def test_each_occasion_has_its_median_range_and_the_parents_and_everyone_elses_medians():
    trend = scaling_trend(SCORES, conference_on=CONFERENCE_ON)
    first, last = trend.summaries
    assert (first.median, first.lowest, first.highest) == (4, 3, 6)
    assert (first.parents_median, first.others_median) == (6, 3.5)
    assert (last.median, last.lowest, last.highest) == (7, 5, 7)
    assert (last.parents_median, last.others_median) == (7, 6)
    assert [s.median_shown for s in trend.summaries] == ["4", "7"]


def test_someone_who_did_not_score_at_an_occasion_has_a_gap():
    trend = scaling_trend(
        [
            (CONFERENCE_ON, "Bo", "", True, 6, "safe_at_10"),
            (CONFERENCE_ON, "Sam", "", False, 3, "safe_at_10"),
            (FIRST, "Sam", "", False, 4, "safe_at_10"),
            (FIRST, "Sam", "", False, 5, "safe_at_10"),  # scored twice: the last counts
        ],
        conference_on=CONFERENCE_ON,
    )
    assert [[score.value if score else None for score in row] for _s, row in trend.rows()] == [
        [6, None],
        [3, 5],
    ]
    assert trend.summaries[1].parents_median is None


def test_the_text_alternative_says_how_the_median_and_the_spread_moved():
    trend = scaling_trend(SCORES, conference_on=CONFERENCE_ON)
    assert describe_trend(trend) == (
        "Median went from 4 at the conference (2 September 2026) to 7 at the last core group "
        "(28 October 2026). Scores went from 3 to 6 at the first and from 5 to 7 at the last. "
        "Parents’ median went from 6 to 7; everyone else’s median went from 3.5 to 6. "
        "Scores given where 10 means the highest risk are turned round so that 10 always means "
        "safe: a 3 is shown as 7."
    )


def test_the_family_reads_the_same_trend_in_plain_words():
    trend = scaling_trend(SCORES, conference_on=CONFERENCE_ON)
    assert describe_trend_for_family(trend) == (
        "The middle score was 4 at the conference on 2 September 2026 and 7 at our meeting on "
        "28 October 2026. The parents’ middle score went from 6 to 7. Everyone else’s went from "
        "3.5 to 6. Some scores were given where 10 means the most worry. We turned them round, "
        "so 10 always means safe."
    )


def test_the_text_alternative_of_one_occasion_or_none():
    one = scaling_trend(SCORES[1:4], conference_on=CONFERENCE_ON)
    assert describe_trend(one) == (
        "At the conference (2 September 2026) the median score was 4, from 3 to 6."
    )
    assert describe_trend_for_family(one) == (
        "At the conference on 2 September 2026 the middle score was 4."
    )
    none = scaling_trend([])
    assert none.occasions == ()
    assert describe_trend(none) == "Nobody has given a score yet."
    assert describe_trend_for_family(none) == "Nobody has given a score yet."


def test_without_a_conference_date_every_occasion_is_a_core_group():
    trend = scaling_trend(SCORES)
    assert {o.kind for o in trend.occasions} == {CORE_GROUP}
    assert describe_trend(trend).startswith(
        "Median went from 4 at the core group (2 September 2026) to 7 at the last core group"
    )


def test_the_axis_says_what_0_and_10_mean_on_the_safe_at_10_scale():
    safe = Wording("safe_at_10", "Cannot stay at home", "Safe enough")
    risk = Wording("risk_at_10", "No worries at all", "The highest risk")
    assert axis_meanings([safe, risk]) == ("Cannot stay at home", "Safe enough")
    # Only risk-at-10 wording: it is turned round, its 0 being the axis's 10.
    assert axis_meanings([risk]) == ("The highest risk", "No worries at all")
    assert axis_meanings([]) == (DEFAULT_ZERO_MEANS, DEFAULT_TEN_MEANS)
    assert axis_meanings([Wording("safe_at_10", "", "")]) == (
        DEFAULT_ZERO_MEANS,
        DEFAULT_TEN_MEANS,
    )


def test_what_the_chart_is_given():
    trend = scaling_trend(SCORES[:4], conference_on=CONFERENCE_ON)
    assert chart_labels(trend) == [("Conference", "2 Sep 2026"), ("Core group", "28 Oct 2026")]
    assert [(s.label, s.is_parent, s.values) for s in chart_series(trend)] == [
        ("Bo Test (Father)", True, (6, None)),
        ("Sam Worker (Social worker)", False, (3, None)),
        ("Jo Nurse (School nurse)", False, (4, 7)),
    ]


# A child's own score (and the parents') is data in the trend, by person and role (issue 18).

WITH_A_CHILD = [
    *SCORES,
    (FIRST, "Kemi", "", False, 4, "safe_at_10", True),
    (SECOND, "Kemi", "", False, 6, "safe_at_10", True),
]


def test_a_childs_own_score_is_a_series_of_its_own_after_the_parents():
    trend = scaling_trend(WITH_A_CHILD, conference_on=CONFERENCE_ON)
    assert [(s.label, s.is_parent, s.is_child) for s in trend.series] == [
        ("Bo Test (Dad)", True, False),
        ("Kemi (Child)", False, True),
        ("Sam Worker (Social worker)", False, False),
        ("Jo Nurse (School nurse)", False, False),
    ]
    kemi = trend.series[1]
    assert [(score.on, score.value) for score in kemi.scores] == [(FIRST, 4), (SECOND, 6)]
    assert [(s.label, s.is_child, s.values) for s in chart_series(trend)][1] == (
        "Kemi (Child)",
        True,
        (None, 4, 6),
    )


def test_the_childrens_median_is_kept_apart_from_everyone_elses():
    trend = scaling_trend(WITH_A_CHILD, conference_on=CONFERENCE_ON)
    last = trend.summaries[-1]
    # Nurse 3 on the risk scale is 7; Sam 5; Bo 7; Kemi 6.
    assert (last.parents_median, last.children_median, last.others_median) == (7, 6, 6)
    assert last.median == 6.5
    first = trend.summaries[0]
    assert first.children_median is None
    without = scaling_trend(SCORES, conference_on=CONFERENCE_ON)
    assert all(summary.children_median is None for summary in without.summaries)


def test_the_text_alternative_says_how_the_childrens_own_scores_moved():
    kemi_at_both = [
        *SCORES,
        (CONFERENCE_ON, "Kemi", "Child (13)", False, 2, "safe_at_10", True),
        (SECOND, "Kemi", "Child (13)", False, 6, "safe_at_10", True),
    ]
    trend = scaling_trend(kemi_at_both, conference_on=CONFERENCE_ON)
    assert (
        "Parents’ median went from 6 to 7; children’s own median went from 2 to 6; everyone "
        "else’s median went from 3.5 to 6."
    ) in describe_trend(trend)
    assert "The children’s own middle score went from 2 to 6." in describe_trend_for_family(trend)
    assert [s.label for s in trend.series][1] == "Kemi (Child (13))"
