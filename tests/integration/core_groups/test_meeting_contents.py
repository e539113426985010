"""What a meeting recorded in parts says about itself, for the demo family: the visits since the
last meeting read from the visit records; each part's state on the contents list true to what
is saved (whoever saved it, from whichever page); what completing asks for, each linked to the
part that puts it right; dates and attendance in words; and two people saving at once."""

import re
from datetime import timedelta

import pytest
from at_once import at_once
from core_group_demo import (
    action_answers,
    hidden_of,
    record,
    reopen,
    saved_part,
    shown,
    signed_in_as,
    start,
    typed,
)
from pages import links, select, text_of, texts

from conference.extensions import db
from conference.models import (
    Attendee,
    Case,
    CoreGroupAttendance,
    CoreGroupMeeting,
    PlanAction,
    SafetyGoal,
    StatutoryVisit,
    User,
    VisitChild,
)
from conference.pdf import core_group_notes as notes_pdf
from conference.services import core_group_parts as parts

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def part_state(html, key) -> str:
    return " ".join(texts(html, f'[data-part="{key}"]'))


def add_visit(app, demo, on, place, kemi_alone=True) -> None:
    """The social worker's visit: Kemi seen (alone, or not), Tolu not seen."""
    with app.app_context():
        case = db.session.get(Case, demo.case_id)
        kemi, tolu = case.children[0], case.children[1]
        db.session.add(
            StatutoryVisit(
                case_id=case.id,
                visited_on=on,
                visitor_id=case.social_worker_id,
                by_lead_social_worker=True,
                place=place,
                children=[
                    VisitChild(child_id=kemi.id, seen=True, seen_alone=kemi_alone),
                    VisitChild(child_id=tolu.id, seen=False, not_seen_reason="At his club"),
                ],
            )
        )
        db.session.commit()


def visit_rows(html) -> list[str]:
    [table] = [t for t in select(html, "table") if "Visits since" in text_of(t)]
    return [text_of(row) for row in select(table, "tbody tr")]


# The visits since the last meeting


def test_the_visits_since_the_last_meeting_come_from_the_visit_records(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    start_on = demo.conference_on
    add_visit(app, demo, start_on - timedelta(days=1), "Before the plan")
    add_visit(app, demo, start_on, "Nan’s house")
    add_visit(app, demo, start_on + timedelta(days=2), "After the first meeting", False)
    first = start(worker, demo, on=start_on + timedelta(days=1))
    html = worker.get(f"/core-groups/{first}").get_data(as_text=True)
    rows = visit_rows(html)
    day = f"{start_on.day} {start_on:%B %Y}"
    assert rows == [f"{day} Sam Social-Worker Nan’s house Kemi Not seen: Tolu Kemi"]
    assert "nothing to save here" in text_of(html)
    assert part_state(html, "visits") == f"1 visit since the last meeting, on {day}"
    # The next meeting reads the visits after this one, and the seeded visits after that.
    second = start(worker, demo, on=start_on + timedelta(days=8))
    html = worker.get(f"/core-groups/{second}").get_data(as_text=True)
    page = text_of(html)
    assert "After the first meeting Kemi Not seen: Tolu None" in page
    assert "Nan’s house" not in page and "Before the plan" not in page
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, first)
        printed = notes_pdf.notes_context(meeting, notes_pdf.RECORD)["visits"]
        assert [(v.on, v.visitor, v.place, v.seen, v.seen_alone, v.not_seen) for v in printed] == [
            (start_on, "Sam Social-Worker", "Nan’s house", "Kemi", "Kemi", "Tolu")
        ]


def test_a_meeting_with_no_visits_since_the_last_says_so(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    html = worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    day = f"{demo.conference_on.day} {demo.conference_on:%B %Y}"
    assert f"No visits recorded since {day}." in text_of(html)
    assert part_state(html, "visits") == f"No visits recorded since {day}"


def test_a_visit_recorded_after_the_meeting_was_completed_is_not_added_to_its_notes(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    on = demo.conference_on + timedelta(days=3)
    add_visit(app, demo, on - timedelta(days=1), "Known at the meeting")
    meeting_id = record(app, worker, demo, on=on)
    add_visit(app, demo, on - timedelta(days=1), "Typed up a week late")
    page = text_of(worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True))
    assert "Known at the meeting" in page and "Typed up a week late" not in page
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        printed = notes_pdf.notes_context(meeting, notes_pdf.RECORD)["visits"]
        assert [visit.place for visit in printed] == ["Known at the meeting"]


# The contents list


def test_each_part_says_what_is_saved(app, demo, nurse):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    base = f"/core-groups/{meeting_id}"
    html = worker.get(base).get_data(as_text=True)
    assert part_state(html, "attendance") == (
        "Date saved; who came not recorded yet; who chaired not recorded yet"
    )
    assert part_state(html, "goals").startswith(
        "0 of 6 goals discussed. Not yet answered: goal 1 ("
    )
    assert part_state(html, "actions") == "0 of 7 actions reviewed at this meeting"
    assert part_state(html, "views") == "Not saved yet"

    # The nurse's own update records what happened to one of her actions.
    with app.app_context():
        hers = db.session.query(PlanAction).filter_by(who="Priya Practitioner").first().id
    saved_part(nurse, f"{base}/agency", {"summary": "Seen Kemi", f"action-{hers}-status": "done"})
    first, third = demo.goal_ids[0], demo.goal_ids[2]
    saved_part(worker, f"{base}/goals", {f"goal-{first}-discussed": "no"})
    came = {
        "held_on": typed(demo.conference_on + timedelta(days=1)),
        "chaired_by": "Sam",
        f"person-adult-{demo.mother}-came": "attended",
        f"person-adult-{demo.father}-came": "apologies",
        f"person-adult-{demo.grandmother}-came": "did_not_attend",
        f"person-attendee-{demo.nurse}-came": "attended",
    }
    saved_part(worker, f"{base}/attendance", came)
    html = worker.get(base).get_data(as_text=True)
    assert part_state(html, "attendance").endswith(
        "Date saved; 2 came, 1 sent apologies, 1 did not come; chaired by Sam"
    )
    assert part_state(html, "actions") == (
        "1 of 7 actions reviewed at this meeting, by Priya Practitioner (1)"
    )
    goals = part_state(html, "goals")
    assert "0 of 6 goals discussed, 1 not discussed this time" in goals
    assert "Not yet answered: goal 2 (" in goals and "goal 1 (" not in goals
    with app.app_context():
        statement = db.session.get(SafetyGoal, third).statement
    assert f"goal 3 ({statement[:20]}" in goals
    assert "Attendance 2 came, 1 sent apologies, 1 did not come" in text_of(html)


def test_the_list_counts_every_action_of_the_plan(app, demo, nurse):
    only_one = action_answers(demo, ["done"] + [""] * 6)
    blank = {"new-1-goal": "", "new-1-what": "", "new-1-who": "", "new-1-by-when": ["", "", ""]}
    record(app, nurse, demo, complete=False, actions=only_one | blank)
    listed = text_of(nurse.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True))
    assert "1 of 7 actions done, 6 not reviewed" in listed


def test_completing_links_each_thing_missing_to_where_it_is_put_right(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    response = worker.post(f"/core-groups/{meeting_id}/complete", {})
    html = response.get_data(as_text=True)
    summary = links(select(html, ".govuk-error-summary")[0])
    base = f"/core-groups/{meeting_id}"
    first_action = demo.action_ids[0][0]
    assert [href for href, _text in summary] == [
        f"{base}/attendance#who-came",
        f"{base}/attendance#chaired_by",
        f"{base}/goals#goal-{demo.goal_ids[0]}-discussed",
        f"{base}/actions#action-{first_action}-status",
        f"{base}/views#next_meeting_on",
    ]
    for href, _text in summary:
        url, anchor = href.split("#")
        page = worker.get(url).get_data(as_text=True)
        assert len(select(page, f'[id="{anchor}"]')) == 1, href
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).completed_at is None


def test_no_date_on_the_core_group_pages_or_notes_is_written_the_computer_s_way(app, demo, nurse):
    meeting_id = record(app, nurse, demo)
    base = f"/core-groups/{meeting_id}"
    pages = [base, f"/cases/{demo.case_id}/core-groups", f"/plans/{demo.plan_id}/progress"]
    pages += [f"{base}/{part}" for part in ("attendance", "goals", "actions", "agency", "views")]
    for url in pages:
        page = text_of(nurse.get(url).get_data(as_text=True))
        assert not ISO_DATE.search(page), (url, ISO_DATE.findall(page))
    # Nor the differences shown when someone else saved the same part first.
    reopen(nurse, meeting_id)
    url = f"{base}/attendance"
    mine = shown(nurse, url)
    moved = demo.conference_on + timedelta(days=2)
    saved_part(
        nurse, url, {"held_on": typed(moved), f"person-adult-{demo.mother}-came": "attended"}
    )
    html = nurse.post(url, mine | {"held_on": typed(demo.conference_on + timedelta(days=1))})
    banner = text_of(html.get_data(as_text=True))
    assert f"Date of the meeting {moved.day} {moved:%B %Y}" in banner
    assert not ISO_DATE.search(banner)


def test_the_conference_attendance_says_who_came(app, demo):
    chair = signed_in_as(app, "chair@demo.example")
    with app.app_context():
        said = [
            a.attendance
            for a in db.session.query(Attendee).filter_by(conference_id=demo.conference_id)
        ]
    html = chair.get(f"/conferences/{demo.conference_id}/attendance").get_data(as_text=True)
    caption = " ".join(texts(html, "caption"))
    assert f"{said.count('attended')} came" in caption
    assert "invited" not in caption


# Two people saving at once


def test_two_people_ticking_the_same_person_do_not_list_them_twice(app, demo, nurse):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/attendance"
    worker_page, nurse_page = shown(worker, url), shown(nurse, url)
    held_on = typed(demo.conference_on + timedelta(days=1))
    mum = f"person-adult-{demo.mother}-came"
    assert worker.post(url, worker_page | {"held_on": held_on, mum: "attended"}).status_code == 302
    response = nurse.post(url, nurse_page | {"held_on": held_on, mum: "apologies"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else changed this record" in text_of(html)
    with app.app_context():
        [row] = db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id).all()
        assert row.attendance == "attended"
    # The page after the refusal names Mum as before, so saving it knowingly replaces her row.
    assert (
        nurse.post(url, hidden_of(html) | {"held_on": held_on, mum: "apologies"}).status_code == 302
    )
    with app.app_context():
        [row] = db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id).all()
        assert row.attendance == "apologies"


def test_two_people_ticking_the_same_person_at_the_same_moment_list_them_once(app, demo, nurse):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    url = f"/core-groups/{meeting_id}/attendance"
    held_on = typed(demo.conference_on + timedelta(days=1))
    mum = f"person-adult-{demo.mother}-came"
    sent = [shown(worker, url) | {"held_on": held_on, mum: "attended"}]
    sent.append(shown(nurse, url) | {"held_on": held_on, mum: "apologies"})
    responses = at_once(lambda: worker.post(url, sent[0]), lambda: nurse.post(url, sent[1]))
    assert sorted(response.status_code for response in responses) == [200, 302]
    [refused] = [response for response in responses if response.status_code == 200]
    assert "Someone else changed this record" in text_of(refused.get_data(as_text=True))
    with app.app_context():
        rows = db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id).all()
        assert len(rows) == 1


def test_a_save_checked_against_what_another_save_just_wrote_is_refused(app, demo):
    """The race itself: the page's check is made on what the database holds once the save has
    the meeting, not on what this request read before another person's save was committed."""
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    with app.app_context():
        actor = db.session.query(User).filter_by(email="socialworker@demo.example").one()
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        people = parts.invitees(meeting)  # read, as the page does, before the other save
        before = parts.fingerprint(meeting, parts.ATTENDANCE)
        mum = next(p for p in people if p.key == f"adult-{demo.mother}")
        with db.engine.begin() as other:  # the other person's save, committed meanwhile
            other.execute(
                CoreGroupAttendance.__table__.insert().values(
                    meeting_id=meeting_id, name=mum.name, attendance="attended", is_parent=True
                )
            )
        with pytest.raises(parts.PartChanged):
            answers = {mum.key: parts.Answered("apologies")}
            parts.save_attendance(actor, meeting, before, meeting.held_on, "", answers)
        db.session.rollback()
        assert db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id).count() == 1


def test_two_parts_saved_one_after_the_other_keep_each_others_fields(app, demo, nurse):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    base = f"/core-groups/{meeting_id}"
    views_page, came_page = shown(worker, f"{base}/views"), shown(nurse, f"{base}/attendance")
    views = {"child_views": "Kemi says it is calmer"}
    assert worker.post(f"{base}/views", views_page | views).status_code == 302
    came = {
        "held_on": typed(demo.conference_on + timedelta(days=1)),
        "chaired_by": "Priya",
        f"person-adult-{demo.mother}-came": "attended",
    }
    assert nurse.post(f"{base}/attendance", came_page | came).status_code == 302
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert (meeting.child_views, meeting.chaired_by) == ("Kemi says it is calmer", "Priya")
        assert [row.name for row in meeting.attendance] == ["Funmilayo Adebayo"]
