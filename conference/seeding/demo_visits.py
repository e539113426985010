"""The demo family's statutory visits by their social worker, about every 9 working days since
the initial conference: Kemi seen, and seen alone at the last visit; the baby, not born yet,
"seen" with Mum each time (seen alone is not asked); Tolu seen only at the first visit (after
that he was out each time), so his visit is overdue."""

from datetime import UTC, date, datetime, time

from conference.domain import timescales
from conference.models import Case, Conference, StatutoryVisit, User, VisitChild

INTERVAL = 9  # working days between the social worker's visits to the home
# What Kemi said at each visit, in order: her own words each time, never repeated (the voice
# page at the review lists them all). More than the visits in the 11 weeks since the initial
# conference (demo_conference.py), one every 9 working days.
KEMI_SAID = [
    "It’s been calmer. Dad came round and nobody shouted.",
    "I don’t want to talk about Dad today. School is OK.",
    "I stayed at Nan’s on Friday. I like it there because I can sleep.",
    "Mum let me keep my phone in my room. I text Nan when I’m worried.",
    "Mum and Dad argued on the phone on Sunday. I put my headphones on like we said.",
    "I helped Mum put the cot together. I want to choose the baby’s name.",
    "Miss Adeyemi moved me to the front in maths. I got 8 out of 10 on my test.",
    "I’m scared that when the baby comes Mum will be too tired and it will go back to how it was.",
    "Dad took me and Tolu to the park on Saturday. He was on time and it was nice.",
    "I’ve been sleeping better. I still go to Nan’s on Fridays but I don’t have to.",
    "The worry box is nearly empty. I put in a good thing instead: Tolu read me a story.",
    "I told my teacher about home and she said I was brave. I think I was.",
]
TOLU_NOT_SEEN = [
    "At his after-school club: Mum had forgotten the visit was today",
    "At his cousin’s birthday party with Nan",
    "Asleep upstairs with a temperature; Mum did not want him woken",
]


def demo_visits(
    family: Case, initial: Conference, social_worker: User, today: date
) -> list[StatutoryVisit]:
    kemi, tolu, baby = family.children
    last = timescales.default_calendar().subtract_working_days(today, 2)
    days = visit_days(initial.held_on, last)
    return [
        _visit(family, social_worker, on, number, number == len(days) - 1, (kemi, tolu, baby))
        for number, on in enumerate(days)
    ]


def visit_days(conference_on: date, last: date) -> list[date]:
    """The days of the social worker's visits: 4 working days after the initial conference,
    then every 9 working days, until `last` (the core groups hear of those before them)."""
    calendar = timescales.default_calendar()
    days = []
    day = calendar.add_working_days(conference_on, 4)
    while day <= last:
        days.append(day)
        day = calendar.add_working_days(day, INTERVAL)
    return days


def announced(number: int) -> bool:
    """Every third visit is unannounced."""
    return number % 3 != 2


def kemi_seen_alone(number: int, last: bool) -> bool:
    """Kemi is seen alone in her room, except when she asked for Mum to stay; at the last visit
    she was seen alone."""
    return last or number % 2 == 0


def _visit(family, social_worker, on: date, number: int, last: bool, children) -> StatutoryVisit:
    kemi, tolu, baby = children
    first = number == 0
    visit = StatutoryVisit(
        case_id=family.id,
        visited_on=on,
        visited_at=time(16, 0) if number % 2 else time(10, 30),
        visitor_id=social_worker.id,
        by_lead_social_worker=True,
        place="Home",
        announced=announced(number),
        observations=(
            "The home was warm and tidy; food in the fridge and cupboards. Mum was calm and "
            "answered questions openly. The cot is up in Mum’s room."
            if number % 2 == 0
            else "Some washing up left but the home was clean. Mum was tired; she said she is "
            "sleeping badly in the last weeks of pregnancy. Kemi made tea for everyone."
        ),
        next_steps=(
            "Next visit within 9 working days. Ask Dad about the family time plan at the next "
            "core group."
        ),
        recorded_by_id=social_worker.id,
        recorded_at=datetime.combine(on, time(18, 0), tzinfo=UTC),
    )
    kemi_alone = kemi_seen_alone(number, last)
    visit.children = [
        VisitChild(
            child_id=kemi.id,
            seen=True,
            seen_alone=kemi_alone,
            not_alone_reason="" if kemi_alone else "Kemi asked for Mum to stay in the room",
            bedroom_seen=True,
            own_words=KEMI_SAID[number],
        ),
        VisitChild(
            child_id=tolu.id,
            seen=first,
            not_seen_reason="" if first else TOLU_NOT_SEEN[number % len(TOLU_NOT_SEEN)],
            seen_alone=False,
            not_alone_reason="Tolu wanted Mum with him; seen playing in the living room"
            if first
            else "",
            bedroom_seen=True if first else None,
            own_words="I got a sticker for reading. I don’t like shouting." if first else "",
        ),
        # Not born yet: the visit sees Mum, and where the baby will sleep.
        VisitChild(child_id=baby.id, seen=True, bedroom_seen=True if first else None),
    ]
    return visit
