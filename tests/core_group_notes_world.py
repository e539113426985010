"""The demo family with a core group meeting added, for the tests of the core group notes as a
PDF (for the record and for the family, in English and in the family's language)."""

import io
import re
from datetime import UTC, datetime, timedelta

from pypdf import PdfReader
from sqlalchemy import select

from conference.extensions import db
from conference.models import (
    ActionUpdate,
    Case,
    CoreGroupAttendance,
    CoreGroupMeeting,
    CoreGroupScore,
    GoalProgress,
    Plan,
    PlanAction,
    StatutoryVisit,
    VisitChild,
)

DEMO_PASSWORD = "demo password for tests"


WHERE_NOW = "No shouting or pushing reported since the conference"


EVIDENCE = "No police call-outs; Kemi put herself at 7 on her scale"


NEW_ACTION = "Meet the school's attendance officer with Kemi"


def seed(app, monkeypatch) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def add_meeting(completed: bool = True) -> CoreGroupMeeting:
    """A core group for the demo plan, a week after the latest meeting or conference so far,
    with the class teacher's visit three days before it (Kemi seen alone, Tolu not seen):
    progress on goals 1 and 3, goal 1's first action done, a new action under goal 3, both
    views, and scores from Mum, the social worker and the school nurse (who scored 3 where 10
    means the highest risk)."""
    case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
    plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id, Plan.number == 1))
    held = [m.held_on for m in db.session.scalars(select(CoreGroupMeeting))]
    held_on = max([plan.conference.held_on, *held]) + timedelta(days=7)
    goals = sorted(plan.goals, key=lambda goal: goal.position)
    kemi = case.children[0]
    meeting = CoreGroupMeeting(
        case=case,
        plan=plan,
        held_on=held_on,
        chaired_by="Sam Social-Worker",
        child_views="Kemi said home is quieter now and she likes school again.",
        parents_views="Mum said: we are trying hard and Grandma helps every evening.",
        next_meeting_on=held_on + timedelta(days=42),
        notes_sent_to="The family, the school nurse and Riverside Primary",
        completed_at=datetime.now(UTC) if completed else None,
    )
    meeting.attendance = [
        CoreGroupAttendance(name="Funmilayo Adebayo", role="Mother", is_parent=True),
        CoreGroupAttendance(name="Priya Practitioner", role="School nurse", agency="NHS"),
        CoreGroupAttendance(name="Ms Jo Jones", role="Teacher", attendance="did_not_attend"),
    ]
    # A visit from the family's visit records, not typed at the meeting: the notes read it (it
    # was recorded before the meeting was completed).
    tolu = case.children[1]
    db.session.add(
        StatutoryVisit(
            case=case,
            recorded_at=datetime.now(UTC) - timedelta(days=1),
            visited_on=held_on - timedelta(days=3),
            visitor_name="Ms Jo Jones",
            visitor_role="Teacher",
            place="Riverside Primary",
            children=[
                VisitChild(child_id=kemi.id, seen=True, seen_alone=True),
                VisitChild(child_id=tolu.id, seen=False, not_seen_reason="Off sick"),
            ],
        )
    )
    meeting.progress = [
        GoalProgress(
            goal=goals[0],
            where_now=WHERE_NOW,
            rating="some_progress",
            evidence=EVIDENCE,
            said_by="Sam Social-Worker",
        ),
        GoalProgress(
            goal=goals[2],
            where_now="Attendance 91% this half term",
            rating="worse",
            evidence="The school register",
            said_by="Ms Jo Jones",
        ),
    ]
    first_action = goals[0].actions[0]
    meeting.action_updates = [
        ActionUpdate(action=first_action, status="done", note="Dad went on the Monday after")
    ]
    meeting.scores = [
        CoreGroupScore(
            person_name=name,
            role_label=role,
            is_parent=is_parent,
            value=value,
            reason=f"{name}'s reason",
            question="Where are things today, from 0 to 10?",
            zero_means="The children cannot stay at home",
            ten_means="Safe enough for the plan to end",
            polarity=polarity,
        )
        for name, role, is_parent, value, polarity in (
            ("Funmilayo Adebayo", "Mother", True, 7, "safe_at_10"),
            ("Sam Social-Worker", "Social worker", False, 4, "safe_at_10"),
            ("Priya Practitioner", "School nurse", False, 3, "risk_at_10"),
        )
    ]
    db.session.add(meeting)
    db.session.flush()
    goals[2].actions.append(
        PlanAction(
            what=NEW_ACTION,
            who="Funmilayo Adebayo",
            by_when=held_on + timedelta(days=14),
            added_at_meeting_id=meeting.id,
        )
    )
    db.session.flush()
    return meeting


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
