"""The chronology's order and filters (conference/domain/chronology.py)."""

from dataclasses import replace
from datetime import date

from conference.domain.chronology import (
    STRATEGY_DISCUSSION_WORDING,
    Event,
    Filters,
    Kind,
    core_group_wording,
    latest,
    merged,
    seen_wording,
    shown,
)

ADA, BEN = 1, 2

EVENTS = [
    Event(date(2026, 3, 20), Kind.DECISION, "Decision for Ada", child_ids=(ADA,)),
    Event(date(2026, 3, 20), Kind.CONFERENCE, "Initial conference"),
    Event(date(2026, 3, 2), Kind.REFERRAL, "Referral of Ben", child_ids=(BEN,)),
    Event(date(2026, 4, 1), Kind.VISIT, "Visit", child_ids=(ADA, BEN)),
    Event(date(2026, 3, 2), Kind.STRATEGY_DISCUSSION, "Strategy discussion", child_ids=(BEN,)),
]


def whats(events) -> list[str]:
    return [event.what for event in events]


def test_in_date_order_and_on_the_same_day_in_the_order_the_work_happens():
    assert whats(shown(EVENTS, Filters())) == [
        "Referral of Ben",
        "Strategy discussion",
        "Initial conference",
        "Decision for Ada",
        "Visit",
    ]


def test_a_childs_chronology_has_their_events_and_the_familys():
    assert whats(shown(EVENTS, Filters(child_id=ADA))) == [
        "Initial conference",
        "Decision for Ada",
        "Visit",
    ]


def test_filters_by_kind_and_dates_with_both_ends_included():
    assert whats(shown(EVENTS, Filters(kinds=(Kind.VISIT, Kind.REFERRAL)))) == [
        "Referral of Ben",
        "Visit",
    ]
    in_range = Filters(from_on=date(2026, 3, 20), to_on=date(2026, 4, 1))
    assert whats(shown(EVENTS, in_range)) == ["Initial conference", "Decision for Ada", "Visit"]
    assert not Filters().any
    assert Filters(to_on=date(2026, 1, 1)).any


def test_the_latest_events_come_newest_first():
    assert whats(latest(EVENTS, 2)) == ["Visit", "Decision for Ada"]


def test_how_a_visit_reads_for_each_child():
    assert seen_wording("Ada", True, True) == "Ada seen alone"
    assert seen_wording("Ben", True, False) == "Ben seen (not alone)"
    assert seen_wording("Cy", False, False) == "Cy not seen"


def test_a_baby_visited_before_the_birth_was_not_asked_about_being_seen_alone():
    said = seen_wording("Dee", True, False, born=False)

    assert said == "Dee seen with their mother before the birth"
    assert "not alone" not in said


def test_an_event_says_whether_it_is_for_the_whole_family_and_amended():
    event = EVENTS[1]
    assert event.for_whole_family and not event.amended and event.last_amendment is None
    assert event.kind_label == "Conference"


def test_the_same_event_for_several_children_is_one_line():
    strategy = [
        Event(date(2026, 3, 2), Kind.STRATEGY_DISCUSSION, "Strategy discussion", child_ids=(ADA,)),
        Event(date(2026, 3, 2), Kind.STRATEGY_DISCUSSION, "Strategy discussion", child_ids=(BEN,)),
        Event(date(2026, 3, 9), Kind.STRATEGY_DISCUSSION, "Strategy discussion", child_ids=(BEN,)),
    ]
    by_hand = Event(date(2026, 3, 2), Kind.SIGNIFICANT, "Seen", child_ids=(ADA,), event_id=7)
    result = merged([*strategy, by_hand, replace(by_hand, event_id=8)])
    assert [(e.on.day, e.child_ids) for e in result] == [
        (2, (ADA, BEN)),
        (9, (BEN,)),
        (2, (ADA,)),
        (2, (ADA,)),
    ]


def test_a_core_group_meeting_says_who_came_and_the_progress():
    assert (
        core_group_wording(came=3, invited=5, goals="1 achieved, 2 some progress")
        == "Core group meeting: 3 of 5 people came; safety goals: 1 achieved, 2 some progress"
    )
    assert (
        core_group_wording(came=1, invited=1, goals="") == "Core group meeting: 1 of 1 person came"
    )
    assert core_group_wording(came=0, invited=0, goals="") == (
        "Core group meeting: who came and the progress not recorded"
    )


def test_a_strategy_discussion_says_what_it_decided():
    assert STRATEGY_DISCUSSION_WORDING == "Strategy discussion: a section 47 enquiry to start"
