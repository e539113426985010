"""The date rules of a child's episodes of need and section 47 enquiries."""

from datetime import date

from conference.domain.episodes import (
    EnquiryDates,
    PlanDates,
    closure_plan_problems,
    enquiry_problems,
    episode_problems,
    may_open_new_episode,
    overlapping_enquiry_problems,
    reopening_problems,
)

REFERRAL = date(2026, 9, 28)


def problems(**answers):
    given = {
        "referral_date": REFERRAL,
        "assessment_started_on": None,
        "assessment_authorised_on": None,
        "cin_plan_started_on": None,
        "cin_plan_ended_on": None,
        "closed_on": None,
        "closure_reason": None,
    } | answers
    return episode_problems(**given)


def test_an_episode_with_its_dates_in_order_has_no_problem():
    assert (
        problems(
            assessment_started_on=date(2026, 9, 29),
            assessment_authorised_on=date(2026, 10, 20),
            cin_plan_started_on=date(2026, 10, 21),
            cin_plan_ended_on=date(2026, 12, 1),
            closed_on=date(2026, 12, 1),
            closure_reason="RC7",
            previous_closed_on=date(2025, 1, 1),
            enquiries=[EnquiryDates(date(2026, 9, 30), date(2026, 10, 9), date(2026, 9, 30))],
        )
        == []
    )


def test_nothing_comes_before_the_referral_or_after_the_closure():
    assert problems(
        assessment_started_on=date(2026, 9, 1), cin_plan_started_on=date(2026, 9, 2)
    ) == [
        (
            "assessment_started_on",
            "The date the assessment started must be on or after the referral date",
        ),
        (
            "cin_plan_started_on",
            "The date the child in need plan started must be on or after the referral date",
        ),
    ]
    assert problems(
        closed_on=date(2026, 10, 1),
        closure_reason="RC8",
        enquiries=[EnquiryDates(date(2026, 9, 30), date(2026, 10, 9))],
    ) == [
        (
            "closed_on",
            "The date the episode closed must be on or after everything in it: 9 October 2026 "
            "is later",
        )
    ]
    assert problems(enquiries=[EnquiryDates(date(2026, 9, 30), None, date(2026, 9, 20))]) == [
        (
            "referral_date",
            "The referral date must be on or before the first section 47 enquiry (its strategy "
            "discussion), on 20 September 2026",
        )
    ]


def test_a_closure_needs_its_reason_and_a_reason_its_closure():
    assert problems(closed_on=date(2026, 10, 1)) == [
        ("closure_reason", "Select the reason the episode closed")
    ]
    assert problems(closure_reason="RC7") == [
        ("closed_on", "Enter the date the episode closed, or remove the reason")
    ]


def test_an_end_needs_its_start_and_comes_after_it():
    assert problems(assessment_authorised_on=date(2026, 10, 1)) == [
        ("assessment_started_on", "Enter the date the assessment started, as it was authorised")
    ]
    assert problems(cin_plan_started_on=date(2026, 10, 5), cin_plan_ended_on=date(2026, 10, 4)) == [
        (
            "cin_plan_ended_on",
            "The date the child in need plan ended must be on or after the date it started",
        )
    ]


def test_episodes_follow_each_other():
    assert problems(previous_closed_on=REFERRAL) == [
        (
            "referral_date",
            "The referral date must be after the previous episode closed, on 28 September 2026",
        )
    ]
    later = date(2027, 1, 4)
    assert problems(next_referral_date=later) == [
        ("closed_on", "Enter the date the episode closed: a later episode began on 4 January 2027")
    ]
    assert problems(closed_on=later, closure_reason="RC7", next_referral_date=later) == [
        (
            "closed_on",
            "The date the episode closed must be before the later episode began, on 4 January 2027",
        )
    ]
    assert may_open_new_episode(None, has_episode=False)
    assert not may_open_new_episode(None, has_episode=True)
    assert may_open_new_episode(date(2026, 1, 1), has_episode=True)


def test_an_enquiry_sits_in_its_episode_and_says_how_it_ended():
    ok = enquiry_problems(
        date(2026, 10, 1), date(2026, 10, 1), date(2026, 10, 9), "nfa", REFERRAL, None
    )
    assert ok == []
    assert enquiry_problems(date(2026, 9, 1), date(2026, 9, 1), None, None, REFERRAL, None) == [
        (
            "strategy_discussion_on",
            "The strategy discussion must be on or after the referral, on 28 September 2026",
        ),
        (
            "started_on",
            "The date the enquiry started must be on or after the referral, on 28 September 2026",
        ),
    ]
    assert enquiry_problems(date(2026, 10, 2), date(2026, 10, 1), None, None, REFERRAL, None) == [
        ("started_on", "The date the enquiry started must be on or after its strategy discussion")
    ]
    assert enquiry_problems(
        None, date(2026, 10, 1), date(2026, 10, 20), "conference", REFERRAL, date(2026, 10, 10)
    ) == [
        (
            "completed_on",
            "The date the enquiry was completed must be on or before the episode closed, on "
            "10 October 2026",
        )
    ]
    assert enquiry_problems(None, date(2026, 10, 1), date(2026, 10, 2), None, REFERRAL, None) == [
        ("outcome", "Select what the enquiry concluded")
    ]
    assert enquiry_problems(None, date(2026, 10, 1), None, "nfa", REFERRAL, None) == [
        ("completed_on", "Enter the date the enquiry was completed")
    ]


def test_an_episode_closes_only_after_its_plans_ended():
    on_plan = [PlanDates(date(2026, 10, 20), None)]
    assert closure_plan_problems(None, on_plan, "Kemi Adeyemi") == []
    assert closure_plan_problems(date(2026, 12, 4), on_plan, "Kemi Adeyemi") == [
        (
            "closed_on",
            "The episode cannot close while Kemi Adeyemi is on a child protection plan (it "
            "started on 20 October 2026): the plan must end at a review conference first",
        )
    ]
    ended = [PlanDates(date(2026, 10, 20), date(2026, 11, 16))]
    assert closure_plan_problems(date(2026, 11, 15), ended, "Kemi Adeyemi") == [
        (
            "closed_on",
            "The date the episode closed must be on or after the child protection plan that "
            "started on 20 October 2026 ended, on 16 November 2026",
        )
    ]
    assert closure_plan_problems(date(2026, 11, 16), ended, "Kemi Adeyemi") == []


def test_a_closed_episode_stays_closed():
    closed = date(2026, 10, 5)
    assert reopening_problems(closed, date(2026, 10, 6)) == []  # a corrected date
    assert reopening_problems(None, None) == []
    assert reopening_problems(closed, None) == [
        (
            "closed_on",
            "This episode closed on 5 October 2026 and cannot be reopened: to work with the "
            "child again, open a new episode from the new referral",
        )
    ]


def test_a_childs_enquiries_do_not_overlap():
    today = date(2026, 12, 6)
    first = EnquiryDates(date(2026, 9, 2), date(2026, 9, 18))
    message = (
        "This enquiry’s dates overlap the child’s section 47 enquiry that ran from "
        "2 September 2026 to 18 September 2026: a child has one enquiry at a time"
    )
    assert overlapping_enquiry_problems(date(2026, 9, 10), None, [first], today) == [
        ("started_on", message)
    ]
    assert overlapping_enquiry_problems(date(2026, 9, 18), None, [first], today) == [
        ("started_on", message)
    ]
    # Ending after the other started: the completion date is the one to change.
    assert overlapping_enquiry_problems(date(2026, 8, 20), date(2026, 9, 2), [first], today) == [
        ("completed_on", message)
    ]
    assert overlapping_enquiry_problems(date(2026, 9, 19), None, [first], today) == []
    assert overlapping_enquiry_problems(date(2026, 8, 1), date(2026, 9, 1), [first], today) == []
    # One going on runs to today.
    going_on = EnquiryDates(date(2026, 11, 1), None)
    assert overlapping_enquiry_problems(
        date(2026, 10, 1), date(2026, 11, 3), [going_on], today
    ) == [
        (
            "completed_on",
            "This enquiry’s dates overlap the child’s section 47 enquiry that started on "
            "1 November 2026 and is still going on: a child has one enquiry at a time",
        )
    ]
