"""The demo family's three core groups between the initial conference and the review, with mixed
progress (fictional): calm at home improves, stalls, then improves again; Grandma's safety role
does not change; Kemi's school attendance gets worse, then better, then reaches its target.
Everyone who scaled at the conference scales again at the second and third meetings, and they
do not agree."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from conference.domain import timescales
from conference.extensions import db
from conference.models import (
    ActionUpdate,
    AgencyUpdate,
    CoreGroupAttendance,
    CoreGroupMeeting,
    CoreGroupScore,
    CoreGroupSection,
    GoalProgress,
    Plan,
    PlanAction,
    Visit,
)
from conference.seeding.demo_conference import QUESTION, TEN, ZERO
from conference.seeding.demo_visits import announced, kemi_seen_alone, visit_days

# For each goal of the demo plan, in order, at each meeting: (rating, where things are now,
# the evidence, who said so).
PROGRESS = [
    [
        (
            "some_progress",
            "No shouting or pushing reported since the conference; Tolu says home is “a bit calm”",
            "Police have had no call-outs; Tolu's scale was 6",
            "Sam Social-Worker",
        ),
        (
            "no_change",
            "One loud argument after a family party; no police call, but Kemi put her headphones "
            "on and hid upstairs",
            "Kemi told the school nurse; Tolu's scale dropped to 5",
            "Priya Practitioner (school nurse)",
        ),
        (
            "some_progress",
            "Six weeks without shouting or throwing things; Mum and Dad use the time-out plan",
            "No police call-outs; Kemi's scale 7 and Tolu's 7 at the last two visits",
            "Sam Social-Worker",
        ),
    ],
    [
        (
            "no_change",
            "Grandma has taken the children twice; once Dad had been drinking and nobody "
            "called her",
            "Grandma's account; the diary has gaps",
            "Abosede Adeyemi",
        ),
        (
            "no_change",
            "Grandma is still the only person the children can go to",
            "The diary stopped after two weeks",
            "Sam Social-Worker",
        ),
        (
            "no_change",
            "Still only Grandma; the church has not yet named a second safe adult",
            "Grandma's account",
            "Abosede Adeyemi",
        ),
    ],
    [
        (
            "worse",
            "Kemi's attendance fell to 74%: she stayed at home four days when Mum was unwell",
            "Demo Academy attendance register",
            "Priya Practitioner (school nurse)",
        ),
        (
            "some_progress",
            "Attendance back up to 88% this half term; the school texts Mum by 9:30am",
            "Demo Academy attendance register",
            "Priya Practitioner (school nurse)",
        ),
        (
            "achieved",
            "Kemi's attendance is 97% this half term; she has joined the netball team",
            "Demo Academy attendance register and Kemi's own words",
            "Priya Practitioner (school nurse)",
        ),
    ],
    [
        (
            "some_progress",
            "Mum went to two of her three antenatal appointments, with the interpreter",
            "The midwife's records",
            "Midwife (by report)",
        ),
        (
            "some_progress",
            "Mum went to both appointments this month; the baby is growing well",
            "The midwife's records",
            "Midwife (by report)",
        ),
        (
            "some_progress",
            "All appointments kept for six weeks; Mum has the birth plan in Yoruba",
            "The midwife's records",
            "Midwife (by report)",
        ),
    ],
    [
        (
            "no_change",
            "Dad missed the first appointment at the alcohol service",
            "The alcohol service's letter",
            "Sam Social-Worker",
        ),
        (
            "some_progress",
            "Dad has been to three sessions at the alcohol service",
            "The alcohol service's attendance record",
            "Olumide Adebayo",
        ),
        (
            "some_progress",
            "Dad goes every week and has started the group sessions",
            "The alcohol service's attendance record",
            "Sam Social-Worker",
        ),
    ],
    [
        (
            "no_change",
            "Tolu still hides when voices are raised",
            "Tolu's class teacher and his own words",
            "Ms Jo Jones (class teacher)",
        ),
        (
            "some_progress",
            "Tolu sleeps through most nights and talks about football at home",
            "Mum's account and the class teacher",
            "Ms Jo Jones (class teacher)",
        ),
        (
            "some_progress",
            "Tolu drew his family smiling for the first time",
            "Direct work with Sam",
            "Sam Social-Worker",
        ),
    ],
]

# The status of each of the plan's actions at each meeting, in the plan's order (with a note).
ACTION_STATUSES = [
    [("not_done", "Dad forgot the appointment: a new one is booked"), ("done", ""), ("done", "")],
    [("done", "Seen alone at home"), ("done", ""), ("done", "")],
    [
        ("in_progress", ""),
        ("not_done", "Grandma finds writing in English hard"),
        ("not_done", "A Yoruba diary is being found"),
    ],
    [("not_done", "Mum forgot twice"), ("in_progress", ""), ("done", "The school had no calls")],
    [("in_progress", ""), ("in_progress", ""), ("done", "")],
    [("done", ""), ("done", ""), ("done", "")],
    [("done", ""), ("done", ""), ("done", "")],
]

# (at meeting, goal index, what, who, the status and note at each later meeting)
NEW_ACTIONS = [
    (
        0,
        2,
        "Text Mum by 9:30am whenever Kemi is not in school",
        "Demo Academy attendance officer",
        [("in_progress", ""), ("done", "")],
    ),
    (
        2,
        1,
        "Give Grandma a diary in Yoruba, or a phone to record voice notes instead",
        "Sam Social-Worker",
        [],
    ),
]

VIEWS = [
    (
        "Kemi: “I don't want to miss school but someone has to help Mum.” Tolu: “Daddy didn't "
        "shout this week.”",
        "Mum says things are calmer. Dad sent his apologies; he thinks the plan is too much.",
    ),
    (
        "Kemi: “The party was bad but they said sorry after.” Tolu: “I like it when Grandma "
        "comes.”",
        "Mum and Dad say the party was a one-off. Dad says the alcohol service is helping.",
    ),
    (
        "Kemi: “I'm in the netball team now. Home is mostly OK.” Tolu drew his family smiling.",
        "Mum and Dad want the plan to end at the review. Grandma says she still worries at "
        "weekends.",
    ),
]

# Everyone who scaled at the conference, at the second and third meetings: the parents feel
# things have changed, the professionals see slower progress, and the school sees it late.
SCORES = {
    "Funmilayo Adebayo": ((7, "Things are calm at home now."), (7, "We are doing everything.")),
    "Olumide Adebayo": ((7, "I am going to the alcohol service."), (8, "I have not drunk.")),
    "Abosede Adeyemi": ((5, "I still worry at weekends."), (6, "It is better, slowly.")),
    "Sam Social-Worker": (
        (4, "The party showed safety still rests on Grandma."),
        (5, "Six calm weeks, but only Grandma in the safety network."),
    ),
    "Priya Practitioner": ((5, "Kemi is back in school more."), (6, "Kemi's attendance is 97%.")),
    "Ms Jo Jones": ((4, "Tolu is still jumpy in class."), (6, "Tolu is settled and sleeping.")),
}


def demo_core_groups(case, users: dict) -> list[CoreGroupMeeting]:
    """Three completed core groups under the demo plan, with their progress, action updates,
    new actions, views and scores; each action's status is its latest update."""
    plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id))
    conference = plan.conference
    goals = sorted(plan.goals, key=lambda goal: goal.position)
    # (action, its status at each meeting from the first that reviewed it)
    tracked = [
        (action, statuses)
        for action, statuses in zip(
            [a for goal in goals for a in sorted(goal.actions, key=lambda a: a.position)],
            ACTION_STATUSES,
            strict=True,
        )
    ]
    dates = meeting_dates(conference.held_on)
    meetings = []
    for number, held_on in enumerate(dates):
        meeting = CoreGroupMeeting(
            case_id=case.id,
            plan_id=plan.id,
            held_on=held_on,
            chaired_by=users["practitioner"].name if number == 1 else users["socialworker"].name,
            child_views=VIEWS[number][0],
            parents_views=VIEWS[number][1],
            next_meeting_on=dates[number + 1] if number + 1 < len(dates) else None,
            notes_sent_to="Funmilayo and Olumide Adebayo (in Yoruba and English), Abosede "
            "Adeyemi, and everyone in the core group",
            recorded_by_id=users["socialworker"].id,
            completed_at=datetime.combine(held_on, time(17, 0), tzinfo=UTC),
        )
        meeting.attendance = _attendance(conference, number)
        since = dates[number - 1] if number else conference.held_on
        meeting.visits = _visits(case, conference.held_on, since, held_on, users)
        meeting.progress = [
            GoalProgress(goal_id=goal.id, rating=r, where_now=w, evidence=e, said_by=s)
            for goal, (r, w, e, s) in zip(goals, [p[number] for p in PROGRESS], strict=True)
        ]
        # Each list of statuses ends at the last meeting: count back from there.
        reviewed = [(a, statuses[-(len(dates) - number)]) for a, statuses in tracked]
        meeting.action_updates = [
            ActionUpdate(action_id=action.id, status=status, note=note)
            for action, (status, note) in reviewed
        ]
        if number:
            meeting.scores = _scores(conference, number - 1)
        db.session.add(meeting)
        db.session.flush()
        meetings.append(meeting)
        _record_parts(meeting, users, held_on)
        tracked += _new_actions(goals, meeting, number)
    for action, statuses in tracked:
        # An action added at the last meeting has not been reviewed yet.
        action.status = statuses[-1][0] if statuses else "not_started"
    return meetings


def meeting_dates(held_on):
    """The first core group 7 working days after the conference (within 10), then every 4
    weeks (within 6), each on a working day."""
    calendar = timescales.default_calendar()
    first = calendar.add_working_days(held_on, 7)
    dates = [first]
    for _ in range(2):
        day = dates[-1] + timedelta(weeks=4)
        while not calendar.is_working_day(day):
            day -= timedelta(days=1)
        dates.append(day)
    return dates


def _attendance(conference, number) -> list[CoreGroupAttendance]:
    present = [a for a in conference.attendees if a.in_core_group or a.is_parent]
    present += [a for a in conference.attendees if a.role == "Maternal grandmother"]
    return [
        CoreGroupAttendance(
            name=a.name,
            role=a.role,
            agency=a.agency,
            user_id=a.user_id,
            is_parent=a.is_parent,
            # Dad sent his apologies to the first meeting; Grandma came from the second.
            attendance="apologies"
            if number == 0 and a.role in ("Father", "Maternal grandmother")
            else "attended",
        )
        for a in present
    ]


def _visits(case, conference_on, since, held_on, users) -> list[Visit]:
    """The visits since the conference or the meeting before: the social worker's statutory
    visits as demo_visits.py records them (Tolu seen only at the first), and the school nurse's
    to Kemi at school."""
    kemi, tolu, baby = (child.id for child in case.children)
    calendar = timescales.default_calendar()
    sam, nurse = users["socialworker"].name, users["practitioner"].name
    visits = []
    for number, day in enumerate(visit_days(conference_on, held_on)):
        if day <= since:
            continue
        # The baby, not born yet, is "seen" with Mum; only Kemi can be seen alone.
        seen = [kemi, tolu, baby] if number == 0 else [kemi, baby]
        visits.append(
            Visit(
                visited_on=day,
                visitor=sam,
                place="Home" if announced(number) else "Home (unannounced)",
                child_ids=seen,
                child_seen=True,
                seen_alone=number > 0 and kemi_seen_alone(number, last=False),
            )
        )
    visits.append(
        Visit(
            visited_on=calendar.add_working_days(since, 4),
            visitor=nurse,
            place="Demo Academy",
            child_ids=[kemi],
            child_seen=True,
            seen_alone=True,
        )
    )
    return sorted(visits, key=lambda visit: visit.visited_on)


def _scores(conference, index) -> list[CoreGroupScore]:
    by_name = {a.name: a for a in conference.attendees}
    return [
        CoreGroupScore(
            person_name=name,
            role_label=by_name[name].role,
            is_parent=by_name[name].is_parent,
            value=given[index][0],
            reason=given[index][1],
            question=QUESTION,
            zero_means=ZERO,
            ten_means=TEN,
            polarity="safe_at_10",
        )
        for name, given in SCORES.items()
    ]


def _new_actions(goals, meeting, number) -> list:
    """The actions the core group added at this meeting, each with what later meetings found."""
    added = []
    for at, goal_index, what, who, later in NEW_ACTIONS:
        if at != number:
            continue
        goal = goals[goal_index]
        action = PlanAction(
            what=what,
            who=who,
            by_when=meeting.held_on + timedelta(weeks=2),
            position=len(goal.actions),
            added_at_meeting_id=meeting.id,
        )
        goal.actions.append(action)
        db.session.flush()
        added.append((action, later))
    return added


def _record_parts(meeting, users, held_on) -> None:
    """Who recorded each part (services/core_group_parts.py): the social worker typed the
    meeting, and the school nurse her own agency's update."""
    at = datetime.combine(held_on, time(16, 0), tzinfo=UTC)
    worker, nurse = users["socialworker"], users["practitioner"]
    for part in ("attendance", "goals", "actions", "views"):
        db.session.add(
            CoreGroupSection(
                meeting_id=meeting.id, section=part, saved_by_id=worker.id, saved_at=at
            )
        )
    db.session.add(
        AgencyUpdate(
            meeting_id=meeting.id,
            agency=nurse.agency,
            summary="Seen Kemi at school every two weeks; she talks about home more easily.",
            recorded_by_id=nurse.id,
            recorded_at=at,
        )
    )
    db.session.add(
        CoreGroupSection(
            meeting_id=meeting.id,
            section=f"agency:{nurse.agency}",
            saved_by_id=nurse.id,
            saved_at=at,
        )
    )
