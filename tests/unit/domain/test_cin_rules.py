"""The Children in Need census rules for child protection, with small made-up histories."""

from datetime import date

from conference.domain.cin_codes import UPN_PATTERN
from conference.domain.cin_rules import (
    CollectionYear,
    Decision,
    PlanPeriod,
    as_at,
    child_problems,
    episode_problems,
    in_return,
    plan_periods,
    previous_plans,
    problems,
)

ICPC = date(2025, 6, 2)  # a Monday
REVIEW_1 = date(2025, 9, 1)
REVIEW_2 = date(2026, 3, 2)
YEAR_2026 = CollectionYear(2026)


def plan(start=ICPC, end=None, reviews=(), category="NEG"):
    return PlanPeriod(start, category, category, end, tuple(reviews))


def test_the_collection_year_runs_from_1_april_to_31_march():
    assert (YEAR_2026.start, YEAR_2026.reference_date) == (date(2025, 4, 1), date(2026, 3, 31))
    assert YEAR_2026.covers(date(2025, 4, 1)) and YEAR_2026.covers(date(2026, 3, 31))
    assert not YEAR_2026.covers(date(2025, 3, 31)) and not YEAR_2026.covers(None)


def test_a_plan_starts_at_the_initial_conference_and_counts_each_review_that_keeps_it():
    periods = plan_periods(
        [
            Decision(ICPC, "initial", "cp_plan", "NEG"),
            Decision(REVIEW_1, "review", "cp_plan", "EMO"),
            Decision(REVIEW_2, "review", "cin_plan", None),
        ]
    )
    assert periods == [PlanPeriod(ICPC, "NEG", "EMO", REVIEW_2, (REVIEW_1, REVIEW_2))]


def test_no_plan_when_the_initial_conference_decides_otherwise():
    assert plan_periods([Decision(ICPC, "initial", "nfa", None)]) == []


def test_the_familys_plan_ending_ends_the_childs_plan_and_a_later_icpc_starts_another():
    later_icpc = date(2026, 1, 12)
    periods = plan_periods(
        [
            Decision(ICPC, "initial", "cp_plan", "PHY"),
            Decision(later_icpc, "initial", "cp_plan", "SAB"),
        ],
        plan_ends=[date(2025, 10, 6)],
    )
    assert [(p.start, p.end) for p in periods] == [(ICPC, date(2025, 10, 6)), (later_icpc, None)]
    assert previous_plans(periods, periods[1], elsewhere=2) == 3
    assert previous_plans(periods, periods[0], elsewhere=0) == 0


def test_as_at_forgets_what_happened_after_the_reference_date():
    period = plan(end=date(2026, 5, 1), reviews=[REVIEW_1, date(2026, 4, 20)])
    later = plan(start=date(2026, 6, 1))
    assert as_at([period, later], YEAR_2026.reference_date) == [plan(reviews=[REVIEW_1])]


def test_a_child_whose_plan_ended_before_1_april_is_not_in_the_return():
    ended = plan(start=date(2024, 6, 3), end=date(2025, 3, 31))
    assert not in_return([ended], None, YEAR_2026)
    assert in_return([plan(start=date(2024, 6, 3), end=date(2025, 4, 1))], None, YEAR_2026)
    assert in_return([], date(2025, 12, 1), YEAR_2026)
    assert not in_return([], date(2025, 3, 1), YEAR_2026)


def test_a_good_history_has_no_problems():
    assert problems([plan(end=REVIEW_2, reviews=[REVIEW_1, REVIEW_2])], [ICPC]) == []


def test_a_plan_cannot_end_on_the_day_it_starts():
    assert problems([plan(end=ICPC)], [ICPC]) == ["the plan ends on the day it starts"]


def test_reviews_fall_after_the_start():
    assert problems([plan(reviews=[ICPC])], [ICPC]) == [
        "a review is recorded on or before the day the plan starts"
    ]
    assert problems([plan(end=REVIEW_1, reviews=[REVIEW_2])], [ICPC]) == [
        "a review is recorded after the plan ends"
    ]


def test_plans_may_not_overlap_and_only_one_may_be_open():
    second = date(2025, 7, 7)
    expected = ["the plans starting on 2 June 2025 and 7 July 2025 overlap"]
    assert problems([plan(), plan(start=second)], [ICPC, second]) == expected
    assert problems([plan(end=date(2025, 8, 1)), plan(start=second)], [ICPC, second]) == expected
    assert problems([plan(end=date(2025, 7, 1)), plan(start=second)], [ICPC, second]) == []


def test_two_initial_conferences_deciding_plans_leave_two_open_plans_to_report():
    second = date(2025, 7, 7)
    periods = plan_periods(
        [Decision(ICPC, "initial", "cp_plan", "NEG"), Decision(second, "initial", "cp_plan", "NEG")]
    )
    assert [p.end for p in periods] == [None, None]
    assert "overlap" in problems(periods, [ICPC, second])[0]


def test_an_initial_conference_is_never_at_a_weekend_and_a_plan_starts_on_one():
    saturday = date(2025, 6, 7)
    assert problems([plan(start=saturday)], [saturday]) == [
        "the initial conference on 7 June 2025 is at a weekend"
    ]
    assert problems([plan()], [date(2025, 6, 3)]) == [
        "the plan starting on 2 June 2025 does not start on the date of an initial or "
        "transfer-in conference"
    ]


def test_the_episode_needs_its_census_answers():
    assert episode_problems("3B", "N1", date(2025, 5, 20), ICPC, None, None) == []
    assert episode_problems(None, None, None, ICPC, date(2025, 7, 1), None) == [
        "no referral source",
        "no primary need code",
        "no section 47 enquiry, but an initial conference",
        "closed but no reason for closure",
    ]
    assert episode_problems("3B", "N1", date(2025, 6, 3), ICPC, None, None) == [
        "the section 47 enquiry starts after the initial conference"
    ]


def test_the_local_child_id_is_letters_and_numbers_only():
    assert child_problems("DEMOC0001") == []
    assert child_problems("DEMO-C-0001")


def test_a_upn_has_the_schema_shape():
    assert UPN_PATTERN.match("Q311200113001") and UPN_PATTERN.match("A12345678901B")
    assert not UPN_PATTERN.match("Q31120011300") and not UPN_PATTERN.match("1311200113001")
