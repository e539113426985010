"""The Children in Need census rules for child protection, with small made-up histories."""

from datetime import date

from conference.domain.cin_codes import UPN_PATTERN
from conference.domain.cin_rules import (
    CollectionYear,
    Decision,
    PlanPeriod,
    as_at,
    in_return,
    plan_periods,
    previous_plans,
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


def test_a_plan_remembers_the_conference_that_started_it_without_it_changing_the_plan():
    class Held:
        id, held_on, conference_type = 7, ICPC, "initial"

    class Decided:
        outcome, category = "cp_plan", "NEG"

    [period] = plan_periods([Decision.of(Held, Decided)])
    assert period.conference_id == 7
    assert period == plan()


def test_a_upn_has_the_schema_shape():
    assert UPN_PATTERN.match("Q311200113001") and UPN_PATTERN.match("A12345678901B")
    assert not UPN_PATTERN.match("Q31120011300") and not UPN_PATTERN.match("1311200113001")
