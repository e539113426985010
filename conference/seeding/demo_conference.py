"""The demo family's finalised initial conference and its review in draft (fictional)."""

from datetime import UTC, date, datetime, time, timedelta

from conference.domain import timescales
from conference.domain.vocabulary import Outcome
from conference.domain.wording import long_date
from conference.models import (
    AgencyView,
    Attendee,
    ChildDecision,
    ChildVoice,
    Conference,
    ConferenceIdentity,
    KeptFromFamily,
    KeptOffWall,
    MapItem,
    ScalingScore,
)
from conference.seeding.demo_chronology import police_call_on

QUESTION = (
    "On a scale of 0 to 10, where 10 means everyone agrees the children are safe enough for the "
    "child protection plan to end, and 0 means things are so bad that the children cannot stay "
    "at home, where are things today?"
)
ZERO = "Things are so bad that the children cannot stay at home"
TEN = "Everyone agrees the children are safe enough for the plan to end"


def demo_conferences(case, users: dict, today: date) -> list[Conference]:
    calendar = timescales.default_calendar()
    # Eleven weeks ago: room for three core groups since, with the review still ahead.
    held_on = _working_day_on_or_before(today - timedelta(weeks=11), calendar)
    initial = Conference(
        case=case,
        conference_type="initial",
        strategy_discussion_on=_working_day_on_or_before(held_on - timedelta(days=16), calendar),
        held_on=held_on,
        starts_at=time(15, 30),
        venue="Demo Town Hall, Room 4",
        twilight=True,
        chair_id=users["chair"].id,
        finalised_at=datetime.combine(held_on, time(17, 30), tzinfo=UTC),
        finalised_by_id=users["chair"].id,
    )
    kemi, tolu, baby = case.children
    initial.attendees = _attendees(case, users)
    initial.map_items = _map(kemi, tolu, baby, police_call_on(case))
    initial.scores = _scores(initial.attendees)
    initial.voices = _voices(kemi, tolu, baby, held_on)
    initial.identity_reviews = [_identity(child) for child in case.children]
    first_core_group = timescales.first_core_group_due(held_on, calendar)
    review_on = _working_day_on_or_before(timescales.first_review_due(held_on), calendar)
    initial.decisions = [
        _decision(child, users["socialworker"].id, first_core_group, review_on)
        for child in case.children
    ]
    initial.agency_views = [
        AgencyView(
            child_id=child.id,
            attendee=attendee,
            recommendation=Outcome.CHILD_PROTECTION_PLAN,
            reasons=reason,
        )
        for child in case.children
        for attendee, reason in _agency_reasons(initial.attendees)
    ]
    review = Conference(
        case=case,
        conference_type="review",
        held_on=review_on,
        starts_at=time(15, 30),
        venue="Demo Town Hall, Room 4",
        twilight=True,
        chair_id=users["chair"].id,
        previous_conference=initial,
    )
    return [initial, review]


def _working_day_on_or_before(day: date, calendar) -> date:
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _attendees(case, users) -> list[Attendee]:
    mother, father, grandmother = case.adults
    kemi = case.children[0]
    people = [
        dict(
            name=mother.name,
            role="Mother",
            agency_type="family",
            is_parent=True,
            adult_id=mother.id,
            relationship_to_family="Mother",
            interpreter_present=True,
            interpreter_language="Yoruba",
            interpreter_dialect="Oyo",
        ),
        dict(
            name=father.name,
            role="Father",
            agency_type="family",
            is_parent=True,
            adult_id=father.id,
            relationship_to_family="Father",
        ),
        dict(
            name=grandmother.name,
            role="Maternal grandmother",
            agency_type="family",
            adult_id=grandmother.id,
            relationship_to_family="Grandmother",
            is_supporter=True,
        ),
        # Kemi (13) came and spoke for herself (her voice page: attended, PN1).
        dict(
            name=kemi.name, agency_type="family", child_id=kemi.id, relationship_to_family="Child"
        ),
        dict(
            name=users["socialworker"].name,
            role="Social worker",
            agency="Children’s Social Care",
            agency_type="childrens_social_care",
            user_id=users["socialworker"].id,
            in_core_group=True,
        ),
        dict(
            name=users["practitioner"].name,
            role="School nurse",
            agency="School Nursing Service",
            agency_type="health",
            user_id=users["practitioner"].id,
            in_core_group=True,
        ),
        dict(
            name="Ms Jo Jones",
            role="Class teacher (Tolu)",
            agency="Sample Primary School",
            agency_type="education",
            in_core_group=True,
        ),
        dict(
            name="PC Sam Ali",
            role="Police officer",
            agency="Demo Police",
            agency_type="police",
            attendance="report_sent",
        ),
    ]
    return [
        Attendee(position=n, attendance=person.pop("attendance", "attended"), **person)
        for n, person in enumerate(people)
    ]


def _map(kemi, tolu, baby, police_called_on: date) -> list[MapItem]:
    everyone = [kemi.id, tolu.id, baby.id]
    items = [
        (
            "danger_harm",
            f"On {long_date(police_called_on)} police were called after Dad pushed Mum during "
            "an argument when he had been drinking. Tolu (6) was in the room and told his "
            "teacher he hid under the table.",
            "PC Ali",
            "Dad says he is ashamed and has not drunk since.",
            [tolu.id],
        ),
        (
            "danger_harm",
            "Kemi (13) has missed 18 school days this term looking after Tolu when Mum was unwell.",
            "Demo Academy",
            "Mum says Kemi offered to help.",
            [kemi.id],
        ),
        (
            "complicating",
            "Mum has no recourse to public funds until next year, so money is very tight.",
            "Sam (social worker)",
            "",
            everyone,
        ),
        (
            "complicating",
            "Earlier meetings were held without a Yoruba interpreter, so Mum did not "
            "understand what professionals were worried about.",
            "Mum",
            "",
            everyone,
        ),
        (
            "safety",
            "When Dad has been drinking, Grandma Abosede takes the children to her flat.",
            "Grandma",
            "Dad agrees this is the right thing to do.",
            [kemi.id, tolu.id],
        ),
        (
            "strengths",
            "Kemi and Tolu are close and loving with both parents.",
            "School nurse",
            "",
            [kemi.id, tolu.id],
        ),
        (
            "strengths",
            "The family's church offers practical help, such as school runs.",
            "Mum",
            "",
            everyone,
        ),
        (
            "grey",
            "Not known yet whether Dad will take up the alcohol service's offer.",
            "Sam (social worker)",
            "Dad says he will go.",
            everyone,
        ),
    ]
    result = [
        MapItem(heading=h, text=t, raised_by=r, family_response=f, child_ids=c, position=n)
        for n, (h, t, r, f, c) in enumerate(items)
    ]
    worries = [
        (
            "Sam (social worker), Ms Jones (school) and PC Ali",
            "when Dad drinks heavily he shouts, throws things and has pushed Mum",
            "Tolu and Kemi could be hurt, and living scared could affect their sleep and learning; "
            "the baby could be hurt before or after birth",
            everyone,
        ),
        (
            "Demo Academy and Sam (social worker)",
            "Kemi stays at home to look after Tolu when Mum is unwell",
            "Kemi could fall behind at school and carry worries that are too big for a 13-year-old",
            [kemi.id],
        ),
        (
            "The midwife and Sam (social worker)",
            "Mum has missed three antenatal appointments",
            "problems with the pregnancy could be missed and the baby could be born unwell",
            [baby.id],
        ),
    ]
    for n, (who, about, could, children) in enumerate(worries):
        result.append(
            MapItem(
                heading="worry",
                who_is_worried=who,
                worried_about=about,
                could_happen=could,
                raised_by=who,
                child_ids=children,
                position=n,
                family_response="Mum and Dad agree with this worry." if n == 0 else "",
            )
        )
    return result


def _scores(attendees) -> list[ScalingScore]:
    given = {
        "Funmilayo Adebayo": (6, "We have already changed things at home."),
        "Olumide Adebayo": (7, "I have stopped drinking and I will not let it happen again."),
        "Abosede Adeyemi": (5, "I am there for the children, but I still worry."),
        "Sam Social-Worker": (
            3,
            "Dad's drinking and the violence are recent; safety rests on Grandma alone.",
        ),
        "Priya Practitioner": (4, "Tolu is sleeping better, but Kemi is still missing school."),
        "Ms Jo Jones": (4, "Tolu is more settled in class this week."),
    }
    return [
        ScalingScore(
            attendee=a,
            person_name=a.name,
            role_label=a.role,
            is_parent=a.is_parent,
            value=given[a.name][0],
            reason=given[a.name][1],
            question=QUESTION,
            zero_means=ZERO,
            ten_means=TEN,
            polarity="safe_at_10",
        )
        for a in attendees
        if a.name in given
    ]


def _voices(kemi, tolu, baby, held_on) -> list[ChildVoice]:
    return [
        ChildVoice(
            child=kemi,
            own_words="I love my mum and dad but I hate it when they shout. I just want things "
            "to be normal and to go to school like everyone else.",
            house_of_worries="Dad getting angry. Mum being ill. Missing school.",
            house_of_good_things="My friends. Church youth group. Grandma's cooking.",
            house_of_dreams="Being a nurse. Everyone at home being calm.",
            methods=["seen_alone", "houses", "attended"],
            seen_alone_on=held_on - timedelta(days=5),
            participation_code="PN1",
            advocacy_offered="yes",
        ),
        ChildVoice(
            child=tolu,
            own_words="Daddy shouted and I hid under the table. I like it when Grandma makes "
            "jollof rice.",
            house_of_worries="Shouting.",
            house_of_good_things="Grandma. My football.",
            house_of_dreams="A puppy.",
            methods=["seen_alone", "direct_work", "words_and_pictures"],
            seen_alone_on=held_on - timedelta(days=6),
            participation_code="PN6",
            advocacy_offered="not_applicable",
        ),
        ChildVoice(
            child=baby,
            participation_code="PN0",
            advocacy_offered="not_applicable",
            not_recorded_reason="Unborn baby: the midwife's report describes Mum's pregnancy care.",
        ),
    ]


def _identity(child) -> ConferenceIdentity:
    return ConferenceIdentity(
        child=child,
        cultural_or_harm="Physical discipline was discussed: the family say it is not used. "
        "Shouting and pushing are harm whatever the culture.",
        community_safety_network="Pastor Adeyemi and two women from church have agreed to join "
        "the safety network.",
        heritage_connection=_heritage(child),
        interpreter_and_translation="A female Yoruba (Oyo) interpreter is booked for every "
        "meeting; the family plan will be in Yoruba and English.",
    )


def _heritage(child) -> str:
    """How the plan keeps the child connected to their heritage: the older children's own
    answers are not the unborn baby's, whose heritage is what the parents plan for them."""
    if child.unborn:
        return (
            "Not born yet: Mum and Dad will speak Yoruba and English with the baby from birth, "
            "and want the baby dedicated at their church."
        )
    return (
        f"{child.given_name} keeps going to church and to Yoruba lessons with Grandma on Saturdays."
    )


def _decision(child, lead_id, first_core_group, review_on) -> ChildDecision:
    return ChildDecision(
        child=child,
        outcome=Outcome.CHILD_PROTECTION_PLAN,
        category="EMO",
        reasons="Domestic abuse linked to Dad's drinking is harming the children emotionally, "
        "and safety rests on one person.",
        parents_view="Mum agrees a plan will help. Dad thinks a child in need plan is enough.",
        dissent="Dad disagrees with a child protection plan: he says he has already stopped "
        "drinking.",
        lead_social_worker_id=lead_id,
        contingency_plan="If Dad drinks and there is more violence, the children will stay with "
        "Grandma while we ask for legal advice about the next steps.",
        first_core_group_on=first_core_group,
        review_on=review_on,
    )


def _agency_reasons(attendees):
    reasons = {
        "childrens_social_care": "Recent violence linked to drinking; safety rests on Grandma.",
        "health": "Missed antenatal care and Tolu's sleep problems.",
        "education": "Tolu is scared at home; Kemi is missing school.",
    }
    return [(a, reasons[a.agency_type]) for a in attendees if a.agency_type in reasons]


def kept_from_the_family(conference: Conference, chair) -> list[KeptFromFamily]:
    """Tolu asked that what he said about hiding under the table is not told to his dad: his
    own words stay out of every family copy (and off the screen), and so does the map item
    that repeats them; the record says why."""
    words = [
        KeptFromFamily(
            conference_id=conference.id,
            kind="child_voice",
            record_id=voice.id,
            field="own_words",
            reason="Tolu asked that what he said about hiding under the table is not told to "
            "his dad.",
            kept_by_id=chair.id,
        )
        for voice in conference.voices
        if "hid under the table" in voice.own_words
    ]
    repeated = [
        KeptFromFamily(
            conference_id=conference.id,
            kind="map_item",
            record_id=item.id,
            field="",
            reason="It repeats what Tolu asked not to be told to his dad (that he hid under "
            "the table).",
            kept_by_id=chair.id,
        )
        for item in conference.map_items
        if "hid under the table" in item.text
    ]
    return words + repeated


def kept_off_the_wall(conference: Conference, chair) -> list[KeptOffWall]:
    """The chair kept Mum's immigration status (no recourse to public funds) off the live
    screen: it is on the map for the professionals, not projected to everyone in the room."""
    return [
        KeptOffWall(
            conference_id=conference.id, kind="map_item", record_id=item.id, kept_by_id=chair.id
        )
        for item in conference.map_items
        if "no recourse to public funds" in item.text
    ]
