"""The DfE's census rules the toolkit checks (cin_checks), each at its boundary: one day (or one
character) inside the rule and one outside, with small made-up children."""

from dataclasses import replace
from datetime import date

import pytest

from conference.domain.cin_census import (
    ERROR,
    QUERY,
    CensusChild,
    Enquiry,
    Episode,
    Record,
    Where,
    assessment_in_year,
    cin_plan_in_year,
    enquiry_in_year,
)
from conference.domain.cin_checks import check_child, shared_upns
from conference.domain.cin_rules import CollectionYear, PlanPeriod
from conference.domain.timescales import WorkingDayCalendar

YEAR = CollectionYear(2026)  # 1 April 2025 to 31 March 2026
CALENDAR = WorkingDayCalendar.from_dates([date(2025, 12, 25), date(2025, 12, 26)])
REFERRAL = date(2025, 5, 1)
S47 = date(2025, 5, 12)
ICPC = date(2025, 6, 2)  # a Monday
PLAN = PlanPeriod(ICPC, "NEG", "NEG", conference_id=5)
ENQUIRY = Enquiry(3, S47, icpc_target=date(2025, 6, 2), icpc_on=ICPC, conference_id=5)
EPISODE = Episode(
    id=2,
    referral_date=REFERRAL,
    referral_source="2A",
    primary_need="N1",
    assessment_started_on=date(2025, 5, 2),
    assessment_authorised_on=date(2025, 6, 20),
    enquiries=(ENQUIRY,),
    plans=(PLAN,),
)
CHILD = CensusChild(
    la_child_id="DEMOC0001",
    sex="F",
    born_on=date(2016, 1, 5),
    upn="Q311200113001",
    disabilities=("NONE",),
    episodes=(EPISODE,),
)


def found(child=CHILD, **episode) -> dict[str, str]:
    """The rules broken, with their severities, by the child (with the episode changed)."""
    if episode:
        child = replace(child, episodes=(replace(EPISODE, **episode),))
    return {f.rule: f.severity for f in check_child(child, YEAR, CALENDAR)}


def rules(child=CHILD, **episode) -> set[str]:
    return set(found(child, **episode)) - {"8897Q"}


def test_a_good_record_breaks_only_the_factors_query_the_toolkit_cannot_answer():
    assert found() == {"8897Q": QUERY}


@pytest.mark.parametrize(
    "la_id, broken",
    [
        ("DEMOC0001", set()),
        ("SYN-000002-1", {"1580"}),
        ("DEMO C1", {"1580"}),
        ("A" * 20, set()),
        ("A" * 21, {"1570"}),
        ("", {"8500"}),
    ],
)
def test_the_local_child_id_follows_the_dfes_rules_not_only_the_schema(la_id, broken):
    """The schema takes any text; rules 1580 and 1570 take up to 20 letters and numbers."""
    assert rules(replace(CHILD, la_child_id=la_id)) == broken


def test_each_finding_says_where_to_put_it_right():
    [finding] = [
        f
        for f in check_child(replace(CHILD, la_child_id="A-1"), YEAR, CALENDAR)
        if f.rule == "1580"
    ]
    assert finding.where == Where(Record.CHILD)
    assert finding.severity == ERROR
    assert "letters and numbers" in finding.message


def test_activity_before_the_referral_is_an_error_from_the_day_before():
    assert rules(referral_date=ICPC) == {"2889", "1103"}
    day_after = date(2025, 6, 3)
    assert rules(referral_date=day_after) >= {"1104", "1105", "2889", "1103"}
    late_plan = next(
        f
        for f in check_child(
            replace(CHILD, episodes=(replace(EPISODE, referral_date=day_after),)),
            YEAR,
            CALENDAR,
        )
        if f.rule == "1105"
    )
    assert late_plan.where == Where(Record.CONFERENCE, 2, conference_id=5)
    assert rules(referral_date=S47, assessment_started_on=S47) == set()


def test_activity_after_the_episode_closed():
    closed = {"closure_reason": "RC7", "closed_on": date(2025, 7, 1)}
    ended = replace(PLAN, end=date(2025, 7, 1))
    assert rules(plans=(ended,), **closed) == set()
    later_end = replace(PLAN, end=date(2025, 7, 2))
    assert rules(plans=(later_end,), **closed) == {"8565"}


def test_a_closed_episode_needs_a_reason_its_assessment_authorised_and_its_enquiries_ended():
    ended = (replace(PLAN, end=date(2025, 7, 1)),)
    assert rules(plans=ended, closed_on=date(2025, 7, 1)) == {"8805"}
    assert rules(
        plans=ended,
        closed_on=date(2025, 7, 1),
        closure_reason="RC7",
        assessment_authorised_on=None,
    ) == {"8867", "8670Q"}
    waiting = replace(ENQUIRY, icpc_on=None, conference_id=None)
    assert "8868" in rules(
        plans=ended, closed_on=date(2025, 7, 1), closure_reason="RC7", enquiries=(waiting,)
    )
    assert "8630" in rules(closed_on=date(2025, 4, 30), closure_reason="RC7", plans=())


def test_a_case_closed_after_assessment_has_nothing_after_the_assessment():
    assert "2990" in rules(
        closed_on=date(2025, 7, 1),
        closure_reason="RC8",
        plans=(replace(PLAN, end=date(2025, 7, 1)),),
    )
    assert rules(closed_on=date(2025, 7, 1), closure_reason="RC8", plans=(), enquiries=()) == set()


def test_a_child_with_two_plans_in_the_year_is_valid_when_they_do_not_overlap():
    first = replace(PLAN, end=date(2025, 9, 1))
    second_icpc = date(2025, 11, 3)
    second = PlanPeriod(second_icpc, "PHY", "PHY", conference_id=9)
    enquiries = (ENQUIRY, Enquiry(4, date(2025, 10, 20), icpc_on=second_icpc, conference_id=9))
    assert rules(plans=(first, second), enquiries=enquiries) == set()
    overlapping = replace(first, end=second_icpc)
    assert rules(plans=(overlapping, second), enquiries=enquiries) == {"8940"}
    still_open = replace(first, end=None)
    assert rules(plans=(still_open, second), enquiries=enquiries) == {"8935", "8940"}


def test_a_plan_starts_on_the_day_of_an_initial_conference_in_its_episode():
    unrecorded = PlanPeriod(date(2025, 11, 3), "PHY", "PHY")
    first = replace(PLAN, end=date(2025, 9, 1))
    assert rules(plans=(first, unrecorded)) == {"2885"}
    assert rules(plans=(first, unrecorded), initial_conference_on=date(2025, 11, 3)) == set()


def test_plan_dates_reviews_and_categories():
    assert rules(plans=(replace(PLAN, end=ICPC),)) == {"8840"}
    assert rules(plans=(replace(PLAN, reviews=(ICPC,)),)) == {"8841"}
    assert rules(plans=(replace(PLAN, reviews=(date(2025, 6, 3),)),)) == set()
    assert rules(plans=(replace(PLAN, initial_category=None),)) == {"8905"}


def test_the_initial_conference_is_never_at_a_weekend():
    saturday = date(2025, 6, 7)
    enquiry = replace(ENQUIRY, icpc_on=saturday)
    plan = replace(PLAN, start=saturday)
    assert rules(enquiries=(enquiry,), plans=(plan,)) == {"8875"}
    assert rules(
        enquiries=(), plans=(plan,), initial_conference_on=saturday, initial_conference_id=5
    ) == {"8875"}


def test_an_enquiry_starts_on_or_before_its_initial_conference():
    assert rules(enquiries=(replace(ENQUIRY, started_on=ICPC),)) == set()
    assert rules(enquiries=(replace(ENQUIRY, started_on=date(2025, 6, 3)),)) == {"8615"}


def test_enquiries_waiting_for_a_conference():
    # Rule 8675Q: the 15th working day back from 31 March 2026, counting it, is 11 March.
    waiting = Enquiry(4, date(2026, 3, 11))
    assert rules(enquiries=(ENQUIRY, waiting)) == set()
    assert rules(enquiries=(ENQUIRY, replace(waiting, started_on=date(2026, 3, 10)))) == {"8675Q"}
    assert rules(enquiries=(ENQUIRY, replace(waiting, icpc_not_required=True))) == set()
    assert "8839" in rules(enquiries=(ENQUIRY, waiting, replace(waiting, id=5)))


def test_an_assessment_not_authorised():
    # Rule 8670Q: the 45th working day back from 31 March 2026, counting it, is 28 January.
    open_since = {"assessment_authorised_on": None}
    assert rules(assessment_started_on=date(2026, 1, 28), **open_since) == set()
    assert rules(assessment_started_on=date(2026, 1, 27), **open_since) == {"8670Q"}
    assert rules(assessment_started_on=date(2025, 3, 31), **open_since) >= {"8736"}
    assert rules(assessment_authorised_on=date(2025, 5, 1)) == {"8608"}
    assert found()["8897Q"] == QUERY


def test_an_episode_with_an_enquiry_but_no_assessment_is_a_query():
    assert rules(assessment_started_on=None, assessment_authorised_on=None) == {"2991Q"}


def test_the_episodes_census_answers():
    assert rules(referral_source=None) == {"8866"}
    assert rules(primary_need=None) == {"8610"}


def test_a_referral_with_no_further_action_has_no_activity():
    quiet = {"plans": (), "enquiries": (), "assessment_started_on": None}
    assert rules(referral_nfa=True, assessment_authorised_on=None, **quiet) == set()
    assert rules(referral_nfa=True) == {"8831", "8832"}
    # Rule 8569Q: a referral before the year is not NFA (as the validator counts it).
    assert "8569Q" in rules(referral_nfa=True, referral_date=date(2025, 3, 31), **quiet)
    assert "8569Q" not in rules(referral_nfa=True, referral_date=date(2025, 4, 1), **quiet)


def test_child_in_need_and_protection_plans_do_not_run_together():
    ended = replace(PLAN, end=date(2025, 9, 1))
    assert rules(plans=(ended,), cin_plan_started_on=date(2025, 9, 1)) == set()
    assert rules(plans=(ended,), cin_plan_started_on=date(2025, 8, 29)) == {"4016"}
    assert rules(cin_plan_started_on=date(2025, 5, 20)) == {"4017", "4001"}
    assert rules(cin_plan_started_on=date(2025, 9, 1), cin_plan_ended_on=date(2025, 8, 1)) >= {
        "4011"
    }


def test_one_episode_at_a_time():
    earlier = Episode(1, date(2025, 4, 1), "2A", "N1")
    closed = replace(earlier, closed_on=date(2025, 4, 30), closure_reason="RC7")
    assert rules(replace(CHILD, episodes=(closed, EPISODE))) == set()
    assert rules(replace(CHILD, episodes=(replace(closed, closed_on=REFERRAL), EPISODE))) == {
        "8820"
    }
    assert rules(replace(CHILD, episodes=(earlier, EPISODE))) >= {"8815", "8820"}
    assert rules(replace(CHILD, episodes=())) == {"8590"}


def test_the_upn_and_why_there_is_none():
    # Rule 8770Q: a child born by 31 August 2020 is at school in September 2026.
    no_upn = replace(CHILD, upn="", born_on=date(2020, 8, 31))
    assert rules(no_upn) == {"8770Q"}
    assert rules(replace(no_upn, born_on=date(2020, 9, 1))) == set()
    assert rules(replace(no_upn, upn_unknown="UN5")) == set()
    assert rules(replace(no_upn, upn_unknown="UN7")) == {"8772"}


def test_an_unborn_child():
    # Referred in the autumn: within 40 weeks of the birth (rule 8606, tested below).
    unborn = replace(CHILD, born_on=None, upn="", expected_on=date(2026, 4, 20))

    def unborn_rules(child):
        return rules(
            child,
            referral_date=date(2025, 9, 1),
            assessment_started_on=None,
            assessment_authorised_on=None,
            enquiries=(),
            plans=(),
        )

    assert unborn_rules(unborn) == set()
    assert unborn_rules(replace(unborn, expected_on=None)) == {"8525Q"}
    # Rule 8530Q: due after 1 March and before 31 December of the year.
    assert "8530Q" in unborn_rules(replace(unborn, expected_on=date(2026, 3, 1)))
    assert "8530Q" not in unborn_rules(replace(unborn, expected_on=date(2026, 3, 2)))
    assert "8530Q" in unborn_rules(replace(unborn, expected_on=date(2026, 12, 31)))


def test_a_referral_is_no_more_than_40_weeks_before_the_birth():
    # Rule 8606: 280 days after the referral on 1 May 2025 is 5 February 2026.
    assert "8606" not in rules(replace(CHILD, born_on=date(2026, 2, 5), upn=""))
    assert "8606" in rules(replace(CHILD, born_on=date(2026, 2, 6), upn=""))
    unborn = replace(CHILD, born_on=None, upn="", expected_on=date(2026, 4, 20))
    assert "8606" in rules(unborn)


def test_a_childs_death():
    died = replace(CHILD, died_on=date(2025, 8, 1))
    assert rules(died) == set()
    assert rules(died, plans=(replace(PLAN, end=date(2025, 8, 2)),)) == {"8920"}
    assert rules(replace(CHILD, died_on=date(2025, 5, 31))) == {"8915"}
    assert rules(replace(CHILD, died_on=date(2025, 3, 1))) >= {"8545Q", "8555Q"}
    assert "8585Q" in rules(
        closed_on=date(2025, 7, 1), closure_reason="RC2", plans=(replace(PLAN, end=ICPC),)
    )


def test_disabilities():
    assert rules(replace(CHILD, disabilities=("NONE", "MOB"))) == {"8790"}
    assert rules(replace(CHILD, disabilities=("MOB", "MOB"))) == {"8794"}


def test_a_disability_not_known_yet_is_an_error_for_a_born_child_only():
    # Rule 8540: "not known yet" (no codes) is reported, never written as "NONE".
    not_known = replace(CHILD, disabilities=())
    assert rules(not_known) == {"8540"}
    assert "8540" not in rules(not_known, referral_nfa=True, enquiries=(), plans=())
    unborn = replace(not_known, born_on=None, upn="", expected_on=date(2026, 4, 20))
    assert "8540" not in rules(unborn, referral_date=date(2025, 9, 1), enquiries=(), plans=())
    # Born after the reference date: unborn in this census.
    assert "8540" not in rules(replace(not_known, born_on=date(2026, 4, 1), upn=""))


def test_what_belongs_in_the_census_year():
    before, first, last, after = (
        date(2025, 3, 31),
        YEAR.start,
        YEAR.reference_date,
        date(2026, 4, 1),
    )
    # An assessment authorised before the year was in last year's return (rule 8696).
    assert not assessment_in_year(date(2025, 3, 1), before, YEAR)
    assert assessment_in_year(date(2025, 3, 1), first, YEAR)
    assert assessment_in_year(date(2025, 3, 1), None, YEAR)
    assert not assessment_in_year(after, None, YEAR)
    # A child in need plan that ended before the year likewise (rule 4013).
    assert not cin_plan_in_year(date(2025, 1, 1), before, YEAR)
    assert cin_plan_in_year(date(2025, 1, 1), first, YEAR)
    # An enquiry is in the year it starts, and the year of its initial conference (8715, 8740).
    assert enquiry_in_year(first, None, YEAR) and enquiry_in_year(last, None, YEAR)
    assert not enquiry_in_year(before, None, YEAR)
    assert enquiry_in_year(before, first, YEAR)
    assert not enquiry_in_year(date(2025, 2, 1), before, YEAR)
    assert not enquiry_in_year(after, None, YEAR)


def test_the_upn_itself_follows_the_dfes_rules():
    """Rules 1510, 1530 and 1550 (test_upn.py tests them at each boundary), on the child."""
    assert rules(replace(CHILD, upn="R311200113001")) == {"1510"}
    assert rules(replace(CHILD, upn="Q999200113001")) == {"1510", "1530"}
    assert rules(replace(CHILD, upn="Q31120011300I")) == {"1550"}
    [finding] = [
        f
        for f in check_child(replace(CHILD, upn="R311200113001"), YEAR, CALENDAR)
        if f.rule == "1510"
    ]
    assert (finding.rule, finding.severity, finding.where) == ("1510", ERROR, Where(Record.CHILD))
    assert "check letter" in finding.message


def test_two_children_with_one_upn_are_both_reported():
    other = replace(CHILD, la_child_id="DEMOC0002")
    third = replace(CHILD, la_child_id="DEMOC0003", upn="G311200120002")
    found = shared_upns([CHILD, third, other])
    assert sorted(found) == [0, 2]
    [first], [second] = found[0], found[2]
    assert (first.rule, first.severity, first.where) == ("1520", ERROR, Where(Record.CHILD))
    assert "DEMOC0002" in first.message and "DEMOC0001" in second.message
    assert shared_upns([CHILD, third]) == {}
    # No UPN is not a shared one; a child left out of the file (no episode) is not in it.
    assert shared_upns([replace(CHILD, upn=""), replace(other, upn="")]) == {}
    assert shared_upns([CHILD, replace(other, episodes=())]) == {}
    [three] = shared_upns([CHILD, other, replace(other, la_child_id="X9")])[0]
    assert "children with local child IDs DEMOC0002, X9" in three.message


def test_a_child_over_25_is_a_query():
    # Rule 8775Q: born before 31 March 2001, 25 years before the reference date.
    assert rules(replace(CHILD, born_on=date(2001, 3, 31))) == set()
    old = replace(CHILD, born_on=date(2001, 3, 30))
    assert found(old)["8775Q"] == QUERY
    assert rules(old) == {"8775Q"}
    # Not when every episode closed by the 25th birthday (30 March 2026).
    closed = {"closed_on": date(2026, 3, 30), "closure_reason": "RC7"}
    assert "8775Q" not in rules(old, **closed)
    assert "8775Q" in rules(old, **{**closed, "closed_on": date(2026, 3, 31)})
    # A birthday on 29 February falls on 28 February in a year without one.
    leap = replace(CHILD, born_on=date(2000, 2, 29))
    assert "8775Q" not in rules(leap, closed_on=date(2025, 2, 28), closure_reason="RC7")
    assert "8775Q" in rules(leap, closed_on=date(2025, 3, 1), closure_reason="RC7")


def test_an_enquiry_does_not_start_while_another_is_open():
    """Rule 8890: open from its start to its initial conference, both days counted."""
    second = Enquiry(4, ICPC)
    assert rules(enquiries=(ENQUIRY, replace(second, icpc_not_required=True))) == {"8890"}
    day_after = date(2025, 6, 3)
    assert (
        rules(enquiries=(ENQUIRY, replace(second, started_on=day_after, icpc_not_required=True)))
        == set()
    )
    # With no conference yet and none ruled out, the first is open to the reference date.
    waiting = replace(ENQUIRY, icpc_on=None, conference_id=None)
    later = Enquiry(4, date(2026, 3, 31), icpc_not_required=True)
    assert "8890" in rules(enquiries=(waiting, later))
    assert "8890" not in rules(enquiries=(replace(waiting, icpc_not_required=True), later))
    # The earlier one is not reported: it started before the other.
    both = (ENQUIRY, replace(second, icpc_not_required=True))
    child = replace(CHILD, episodes=(replace(EPISODE, enquiries=both),))
    [finding] = [f for f in check_child(child, YEAR, CALENDAR) if f.rule == "8890"]
    assert finding.where == Where(Record.ENQUIRY, 2, 4)
    assert "2 June 2025" in finding.message and "12 May 2025" in finding.message


def test_enquiries_on_the_same_day_overlap_unless_the_validator_takes_them_as_one():
    same_day = replace(ENQUIRY, id=4, icpc_on=date(2025, 6, 3))
    assert rules(enquiries=(ENQUIRY, same_day)) >= {"8890"}
    assert "8890" not in rules(enquiries=(ENQUIRY, replace(ENQUIRY, id=4)))
