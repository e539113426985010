"""Core group meetings for the demo family, recorded in parts through the pages: everything a
meeting records (who came, progress on each safety goal, what happened to each action, new
actions, views, scaling, the next meeting) and its audit rows; what is explained when an answer
is missing or wrong; changing what a meeting recorded; the list with each meeting on time or
late, the case page with the next due date; and who may do what."""

from datetime import UTC, datetime, timedelta

import pytest
from core_group_demo import (
    PASSWORD,
    goal_answers,
    hidden_of,
    post_part,
    record,
    reopen,
    saved_part,
    seed,
    signed_in_as,
    start,
    typed,
)
from helpers import count
from pages import assert_page, error_messages, error_summary, links, select, text_of

from conference.config import SCALING_QUESTION
from conference.domain import clock
from conference.domain.core_group_schedule import (
    LAST_BEFORE_REVIEW,
    next_core_group_due,
    review_first_reason,
)
from conference.domain.timescales import default_calendar
from conference.extensions import db
from conference.models import (
    ActionUpdate,
    AuditEvent,
    Case,
    Conference,
    CoreGroupAttendance,
    CoreGroupMeeting,
    CoreGroupScore,
    GoalProgress,
    Plan,
    PlanAction,
    SafetyGoal,
)
from conference.services.plan_checks import goals_in_order

TODAY = clock.today()

# Leaves the row of new action 1 blank.
NO_NEW_ACTION = {"new-1-goal": "", "new-1-what": "", "new-1-who": "", "new-1-by-when": ["", "", ""]}


def events(app, action, record_type) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter_by(action=action, record_type=record_type)
        found = found.order_by(AuditEvent.id).all()
        db.session.expunge_all()
        return found


def move_conference(app, demo, held_on) -> None:
    """Hold the initial conference on another day, and the review three months after it."""
    with app.app_context():
        db.session.get(Conference, demo.conference_id).held_on = held_on
        review = db.session.query(Conference).filter_by(conference_type="review").one()
        review.held_on = demo.review_on = held_on + timedelta(days=91)
        db.session.commit()


# Recording a meeting


def test_the_school_nurse_records_a_meeting_with_everything_in_it(nurse, app):
    demo = nurse.demo
    meeting_id = record(app, nurse, demo)
    held_on = demo.conference_on + timedelta(days=1)
    page = text_of(
        assert_page(
            nurse.get(f"/core-groups/{meeting_id}"),
            f"Core group meeting on {held_on.day} {held_on:%B %Y}",
        )
    )
    assert "Complete" in page
    assert "Attendance 2 came, 1 sent apologies" in page
    assert "Who came Funmilayo Adebayo, Priya Practitioner" in page
    assert "Did not come Olumide Adebayo (apologies: At work)" in page
    assert "Goal 4 Achieved" in page
    assert "Funmilayo Adebayo Mother 6 No shouting for two weeks" in page

    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert (meeting.case_id, meeting.plan_id, meeting.held_on) == (
            demo.case_id,
            demo.plan_id,
            held_on,
        )
        assert meeting.completed_at is not None
        assert meeting.chaired_by == "Sam Social-Worker"
        assert meeting.recorded_by_id == demo.nurse_user
        assert meeting.next_meeting_on == held_on + timedelta(weeks=4)
        assert (meeting.child_views, meeting.parents_views, meeting.notes_sent_to) == (
            "Kemi said home has been calmer.",
            "Mum says the diary helps.",
            "Everyone in the core group",
        )
        came = {(a.name, a.attendance, a.is_parent) for a in meeting.attendance}
        assert came == {
            ("Funmilayo Adebayo", "attended", True),
            ("Olumide Adebayo", "apologies", True),
            ("Priya Practitioner", "attended", False),
        }
        nurse_row = next(a for a in meeting.attendance if a.name == "Priya Practitioner")
        assert (nurse_row.role, nurse_row.agency, nurse_row.user_id) == (
            "School nurse",
            "School Nursing Service",
            demo.nurse_user,
        )
        progress = {
            p.goal_id: (p.where_now, p.rating, p.evidence, p.said_by) for p in meeting.progress
        }
        assert progress[demo.goal_ids[0]] == (
            "Where goal 1 is now",
            "some_progress",
            "Evidence for goal 1",
            "Mum",
        )
        assert [progress[g][1] for g in demo.goal_ids] == [
            "some_progress",
            "no_change",
            "some_progress",
            "achieved",
            "worse",
            "no_change",
        ]
        flat = [a for actions in demo.action_ids for a in actions]
        updates = {u.action_id: u.status for u in meeting.action_updates}
        assert [updates[a] for a in flat] == [
            "done",
            "in_progress",
            "not_done",
            "done",
            "in_progress",
            "done",
            "done",
        ]
        # Each action's status in the plan follows what the meeting said.
        assert [db.session.get(PlanAction, a).status for a in flat] == [updates[a] for a in flat]

        [added] = db.session.query(PlanAction).filter_by(added_at_meeting_id=meeting_id).all()
        assert (added.goal_id, added.what, added.who, added.by_when) == (
            demo.goal_ids[2],
            "Meet Kemi’s head of year about her attendance",
            "Priya Practitioner",
            held_on + timedelta(weeks=2),
        )
        assert added.position == 2  # after the goal's two actions

        scores = {s.person_name: s for s in meeting.scores}
        assert set(scores) == {"Funmilayo Adebayo", "Priya Practitioner"}
        mum = scores["Funmilayo Adebayo"]
        assert (mum.value, mum.reason, mum.is_parent, mum.role_label) == (
            6,
            "No shouting for two weeks",
            True,
            "Mother",
        )
        assert mum.question == SCALING_QUESTION
        assert mum.polarity == "safe_at_10"
        assert mum.ten_means == app.config["SCALING_TEN_MEANS"]
        assert scores["Priya Practitioner"].role_label == "School nurse, School Nursing Service"

    [created] = events(app, "create", "core_group_meeting")
    assert (created.case_id, created.user_id) == (demo.case_id, demo.nurse_user)
    assert created.changes["held_on"] == [None, held_on.isoformat()]
    saved = [
        e.changes["part"][1]
        for e in events(app, "update", "core_group_meeting")
        if "part" in e.changes
    ]
    assert saved == ["attendance", "goals", "actions", "views"]
    status_changes = events(app, "update", "plan_action")
    assert len(status_changes) == 7
    assert {e.case_id for e in status_changes} == {demo.case_id}
    assert status_changes[0].changes["status"] == ["not_started", "done"]
    [action_added] = events(app, "create", "plan_action")
    assert action_added.case_id == demo.case_id
    assert action_added.changes["added_at_meeting_id"] == [None, meeting_id]


def test_a_finalised_plan_still_receives_progress_but_its_text_stays(nurse, app):
    demo = nurse.demo
    with app.app_context():
        plan = db.session.get(Plan, demo.plan_id)
        plan.finalised_at = datetime.now(UTC)
        db.session.commit()
        statements = [goal.statement for goal in goals_in_order(plan)]
    meeting_id = record(app, nurse, demo)
    with app.app_context():
        plan = db.session.get(Plan, demo.plan_id)
        assert [goal.statement for goal in goals_in_order(plan)] == statements
        assert count(app, GoalProgress, meeting_id=meeting_id) == 6
        assert db.session.get(PlanAction, demo.action_ids[0][0]).status == "done"


def test_blank_new_action_rows_are_ignored_and_someone_else_who_came_is_recorded(nurse, app):
    demo = nurse.demo
    meeting_id = start(nurse, demo)
    added = nurse.post(
        f"/core-groups/{meeting_id}/attendance/add",
        {
            "name": "Ade Bello",
            "came": "attended",
            "role": "Pastor",
            "agency": "The family’s church",
        },
    )
    assert added.status_code == 302
    with app.app_context():
        pastor = db.session.query(CoreGroupAttendance).filter_by(name="Ade Bello").one()
        assert (pastor.role, pastor.agency, pastor.attended) == (
            "Pastor",
            "The family’s church",
            True,
        )
        pastor_id = pastor.id
    saved_part(nurse, f"/core-groups/{meeting_id}/actions", NO_NEW_ACTION)
    saved_part(
        nurse,
        f"/core-groups/{meeting_id}/views",
        {
            f"score-{pastor_id}-score": "7",
            f"score-{pastor_id}-reason": "The family come every week",
        },
    )
    with app.app_context():
        assert count(app, PlanAction, added_at_meeting_id=meeting_id) == 0
        score = db.session.query(CoreGroupScore).filter_by(person_name="Ade Bello").one()
        assert (score.value, score.role_label) == (7, "Pastor, The family’s church")


@pytest.mark.parametrize(
    ("part", "changes", "messages"),
    [
        (
            "goals",
            lambda d: {f"goal-{d.goal_ids[0]}-rating": ""},
            ["Select the progress on goal 1"],
        ),
        (
            "goals",
            lambda d: {f"goal-{d.goal_ids[1]}-where-now": "  "},
            ["Enter where things are now for goal 2"],
        ),
        (
            "goals",
            lambda d: {
                f"goal-{d.goal_ids[2]}-discussed": "",
                f"goal-{d.goal_ids[2]}-rating": "worse",
            },
            ["Select whether goal 3 was discussed"],
        ),
        (
            "attendance",
            lambda d: {"held_on": typed(TODAY + timedelta(days=1))},
            ["The date of the meeting must be today or in the past"],
        ),
        ("attendance", lambda d: {"held_on": ["", "", ""]}, ["Enter the date of the meeting"]),
        (
            "views",
            lambda d: {"score": ("", "Better")},
            ["Enter a score from 0 to 10 for Funmilayo Adebayo"],
        ),
        (
            "views",
            lambda d: {"score": ("5", "")},
            ["Enter the reason for the score from Funmilayo Adebayo"],
        ),
        (
            "views",
            lambda d: {"score": ("11", "Better")},
            ["The score from Funmilayo Adebayo must be a whole number from 0 to 10"],
        ),
        (
            "views",
            lambda d: {"score": ("0" * 5000, "Better")},
            ["The score from Funmilayo Adebayo must be a whole number from 0 to 10"],
        ),
        (
            "views",
            lambda d: {"score": ("²", "Better")},
            ["The score from Funmilayo Adebayo must be a whole number from 0 to 10"],
        ),
        (
            "views",
            lambda d: {"next_meeting_on": typed(d.conference_on + timedelta(days=1))},
            ["The date of the next meeting must be after the date of this meeting"],
        ),
        (
            "actions",
            lambda d: {
                "new-1-goal": str(d.goal_ids[2]),
                "new-1-what": "Meet the head of year",
                "new-1-who": "",
            },
            ["Enter who will do new action 1", "Enter the date new action 1 will be done by"],
        ),
    ],
)
def test_what_is_missing_or_wrong_is_explained_and_nothing_is_saved(
    nurse, app, part, changes, messages
):
    demo = nurse.demo
    meeting_id = start(nurse, demo)
    saved_part(
        nurse,
        f"/core-groups/{meeting_id}/attendance",
        {
            "held_on": typed(demo.conference_on + timedelta(days=1)),
            f"person-adult-{demo.mother}-came": "attended",
        },
    )
    with app.app_context():
        mum = db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id).one().id
        before = {
            "meeting": db.session.get(CoreGroupMeeting, meeting_id).version,
            "events": db.session.query(AuditEvent).count(),
        }
    data = goal_answers(demo) if part == "goals" else {}
    changed = changes(demo)
    if "score" in changed:
        score, reason = changed.pop("score")
        changed |= {f"score-{mum}-score": score, f"score-{mum}-reason": reason}
    response = post_part(nurse, f"/core-groups/{meeting_id}/{part}", data | changed)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert error_messages(html) == messages
    assert error_summary(html) == messages
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).version == before["meeting"]
        assert db.session.query(AuditEvent).count() == before["events"]
        assert count(app, GoalProgress, meeting_id=meeting_id) == 0
        assert count(app, CoreGroupScore, meeting_id=meeting_id) == 0
        assert count(app, PlanAction, status="not_started") == 7
        assert count(app, PlanAction) == 7


def test_what_was_typed_stays_in_the_form_after_an_error(nurse):
    demo = nurse.demo
    meeting_id = start(nurse, demo)
    form = goal_answers(demo) | {f"goal-{demo.goal_ids[0]}-rating": ""}
    html = post_part(nurse, f"/core-groups/{meeting_id}/goals", form).get_data(as_text=True)
    assert "Where goal 1 is now</textarea>" in html
    new = NO_NEW_ACTION | {"new-1-what": "Meet Kemi’s head of year about her attendance"}
    html = post_part(nurse, f"/core-groups/{meeting_id}/actions", new).get_data(as_text=True)
    assert "Meet Kemi’s head of year about her attendance</textarea>" in html
    assert '<details class="govuk-details" open>' in html  # the new actions are shown


# Rows named by the record they are about


def test_each_goals_answers_are_saved_against_that_goal_alone(nurse, app):
    """Goal 1 was achieved before the meeting, so it is not asked about; the post also names a
    goal that is not in the plan. Each answer is kept with its own goal, and the answers for
    goals not asked about are not saved."""
    demo = nurse.demo
    with app.app_context():
        db.session.get(SafetyGoal, demo.goal_ids[0]).state = "achieved"
        db.session.commit()
    stranger = max(demo.goal_ids) + 1000
    meeting_id = start(nurse, demo)
    extra = {
        f"goal-{stranger}-discussed": "yes",
        f"goal-{stranger}-where-now": "Not a goal of this plan",
        f"goal-{stranger}-rating": "worse",
    }
    saved_part(nurse, f"/core-groups/{meeting_id}/goals", goal_answers(demo) | extra)
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        saved = {p.goal_id: p.where_now for p in meeting.progress}
        assert saved == {
            goal_id: f"Where goal {number} is now"
            for number, goal_id in enumerate(demo.goal_ids, 1)
            if number > 1
        }


def test_rows_for_made_up_records_are_ignored(nurse, app):
    demo = nurse.demo
    meeting_id = start(nurse, demo)
    base = f"/core-groups/{meeting_id}"
    hostile = {
        "goal-²-discussed": "yes",
        "goal-²-where-now": "²",
        "action-²-status": "done",
        "action-99999999999999999999-status": "done",
        "person-٣-came": "attended",
        "person-adult-99999-came": "attended",
        "score-²-score": "3",
        "new--1-what": "Nothing",
    }
    came = {"held_on": typed(demo.conference_on + timedelta(days=1))}
    came[f"person-adult-{demo.mother}-came"] = "attended"
    saved_part(nurse, f"{base}/attendance", hostile | came)
    saved_part(nurse, f"{base}/goals", hostile | goal_answers(demo))
    saved_part(nurse, f"{base}/actions", hostile | NO_NEW_ACTION)
    saved_part(nurse, f"{base}/views", hostile)
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert len(meeting.progress) == 6
        assert [a.name for a in meeting.attendance] == ["Funmilayo Adebayo"]
        assert meeting.action_updates == [] and meeting.scores == []
        assert count(app, PlanAction) == 7


def test_each_link_in_the_error_summary_goes_to_its_field(nurse, app):
    demo = nurse.demo
    meeting_id = start(nurse, demo)
    goal_1, goal_2, goal_3 = demo.goal_ids[:3]
    form = goal_answers(demo) | {
        f"goal-{goal_2}-where-now": "",
        f"goal-{goal_3}-rating": "",
    }
    html = post_part(nurse, f"/core-groups/{meeting_id}/goals", form).get_data(as_text=True)
    new = {"new-2-what": "Something", "new-2-goal": str(goal_1)}
    html_actions = post_part(nurse, f"/core-groups/{meeting_id}/actions", new).get_data(
        as_text=True
    )
    for page, expected in (
        (html, [f"#goal-{goal_2}-where-now", f"#goal-{goal_3}-rating"]),
        (html_actions, ["#new-2-who", "#new-2-by-when"]),
    ):
        summary = links(select(page, ".govuk-error-summary")[0])
        assert [href for href, _message in summary] == expected
        assert [message for _href, message in summary] == error_messages(page)
        for href, _message in summary:
            assert len(select(page, f'[id="{href.removeprefix("#")}"]')) == 1, href


# The schedule: the list of meetings and the case page


def test_the_list_shows_each_meeting_on_time_or_late_with_its_progress(nurse, app):
    demo = nurse.demo
    assert "No core group meetings recorded yet." in text_of(
        nurse.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True)
    )
    first = demo.conference_on + timedelta(days=1)
    record(app, nurse, demo, on=first, actions=NO_NEW_ACTION)
    # The second is 6 weeks and a day after the first: late. Today is as late as it can be.
    second = min(first + timedelta(weeks=6, days=1), TODAY)
    record(app, nurse, demo, on=second, actions=NO_NEW_ACTION)
    html = assert_page(nurse.get(f"/cases/{demo.case_id}/core-groups"), "Core group meetings")
    page = text_of(html)
    assert f"{first.day} {first:%B %Y} On time" in page
    assert "1 achieved, 2 some progress, 2 no change, 1 worse" in page
    assert "4 of 7 actions done, 2 in progress, 1 not done" in page
    if second > first + timedelta(weeks=6):
        due = first + timedelta(weeks=6)
        assert f"{second.day} {second:%B %Y} Late Due by {due.day} {due:%B %Y}" in page
    assert page.index(f"{second.day} {second:%B %Y}") < page.index(f"{first.day} {first:%B %Y}")
    viewed = events(app, "view core groups", "family_case")
    assert [e.case_id for e in viewed] == [demo.case_id] * 2


def test_the_case_page_shows_when_the_next_core_group_is_due(nurse, app):
    demo = nurse.demo
    move_conference(app, demo, TODAY)
    page = text_of(nurse.get(f"/cases/{demo.case_id}").get_data(as_text=True))
    first_due = default_calendar().add_working_days(TODAY, 10)
    assert (
        f"Core groups Next core group due by {first_due.day} {first_due:%B %Y} "
        "First core group: due within 10 working days of the conference." in page
    )
    assert "Overdue" not in page
    assert "Record a core group meeting" in page

    held_on = TODAY
    record(
        app, nurse, demo, on=held_on, views={"next_meeting_on": typed(TODAY + timedelta(days=7))}
    )
    due = next_core_group_due(TODAY, [held_on], demo.review_on, default_calendar(), 6)
    page = text_of(nurse.get(f"/cases/{demo.case_id}").get_data(as_text=True))
    assert f"Next core group due by {due.on.day} {due.on:%B %Y} {due.reason}." in page


def test_the_case_page_says_overdue_when_the_first_core_group_is_late(nurse, app):
    demo = nurse.demo
    long_ago = TODAY - timedelta(days=60)
    move_conference(app, demo, long_ago)
    first_due = default_calendar().add_working_days(long_ago, 10)
    html = nurse.get(f"/cases/{demo.case_id}").get_data(as_text=True)
    # Counted in working days, the timescale's own unit, and the page says so.
    late = default_calendar().working_days_between(first_due, TODAY)
    assert (
        f"Next core group due by {first_due.day} {first_due:%B %Y} Overdue "
        f"{late} working days overdue"
    ) in text_of(html)
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in html
    listed = text_of(nurse.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True))
    assert "Overdue" in listed


def bring_review_forward(app, held_on) -> None:
    with app.app_context():
        review = db.session.query(Conference).filter_by(conference_type="review").one()
        review.held_on = held_on
        db.session.commit()


def test_the_last_core_group_before_the_review_is_due_10_working_days_before_it(nurse, app):
    demo = nurse.demo
    review_on = TODAY + timedelta(weeks=3)
    bring_review_forward(app, review_on)
    # 6 weeks after a meeting 4 weeks ago falls in the 10 working days before the review.
    record(app, nurse, demo, on=TODAY - timedelta(weeks=4), actions=NO_NEW_ACTION)
    latest = default_calendar().subtract_working_days(review_on, 10)
    page = text_of(nurse.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True))
    assert f"Next core group due by {latest.day} {latest:%B %Y} {LAST_BEFORE_REVIEW}." in page


def test_no_core_group_is_due_before_a_review_the_last_one_was_far_enough_ahead_of(nurse, app):
    demo = nurse.demo
    review_on = TODAY + timedelta(weeks=3)
    bring_review_forward(app, review_on)
    record(app, nurse, demo, on=TODAY, views={"next_meeting_on": typed(TODAY + timedelta(days=7))})
    after = review_on + timedelta(weeks=6)
    for url in (f"/cases/{demo.case_id}/core-groups", f"/cases/{demo.case_id}"):
        page = text_of(nurse.get(url).get_data(as_text=True))
        # Nothing (no "Overdue") between the date and the reason.
        assert f"Next core group due by {after.day} {after:%B %Y} {review_first_reason(6)}." in page


def test_the_next_meeting_starts_from_what_the_last_one_recorded(nurse, app):
    """Goals show what the last core group said; each action starts from its status then,
    marked as last time's, and does not count as reviewed until the part is saved."""
    demo = nurse.demo
    first = demo.conference_on + timedelta(days=1)
    record(app, nurse, demo, on=first)
    second = start(nurse, demo, on=first + timedelta(days=7))
    page = text_of(nurse.get(f"/core-groups/{second}/goals").get_data(as_text=True))
    assert "At the last core group: Some progress. Where goal 1 is now" in page
    html = nurse.get(f"/core-groups/{second}/actions").get_data(as_text=True)
    action = demo.action_ids[0][1]
    [checked] = select(html, f'input[name="action-{action}-status"][checked]')
    assert checked.get("value") == "in_progress"
    assert "Talk with Kemi and Tolu alone about home" in text_of(html)
    assert "Last time: in progress" in text_of(html)
    contents = text_of(nurse.get(f"/core-groups/{second}").get_data(as_text=True))
    assert "0 of 8 actions reviewed at this meeting" in contents


def test_the_views_part_hints_when_the_next_meeting_is_due(nurse):
    demo = nurse.demo
    held_on = demo.conference_on + timedelta(days=1)
    meeting_id = start(nurse, demo, on=held_on)
    due = held_on + timedelta(weeks=6)
    page = text_of(nurse.get(f"/core-groups/{meeting_id}/views").get_data(as_text=True))
    assert (
        f"The next core group is due by {due.day} {due:%B %Y} (due 6 weeks after the last core "
        f"group). For example, {due.day} {due.month} {due.year}"
    ) in page


def test_a_family_without_a_plan_in_force_has_no_meeting_to_record(app, demo):
    chair = signed_in_as(app, "chair@demo.example")
    html = assert_page(
        chair.get(f"/cases/{demo.other_case_id}/core-groups/start"),
        "There is no plan to record progress against",
        409,
    )
    assert "no plan in force" in text_of(html)
    assert "Core groups" not in text_of(
        chair.get(f"/cases/{demo.other_case_id}").get_data(as_text=True)
    )
    with app.app_context():
        db.session.get(Plan, demo.plan_id).ended_on = TODAY
        db.session.commit()
    started = chair.post(f"/cases/{demo.case_id}/core-groups/start", {"held_on": typed(TODAY)})
    assert started.status_code == 409
    assert count(app, CoreGroupMeeting) == 0
    listed = chair.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True)
    assert "The family has no plan in force, so no core group is due." in text_of(listed)


# Reading and changing a meeting


def test_the_meeting_page_is_audited(nurse, app):
    meeting_id = record(app, nurse, nurse.demo)
    nurse.get(f"/core-groups/{meeting_id}")
    viewed = events(app, "view", "core_group_meeting")
    assert [(e.record_id, e.case_id) for e in viewed] == [(str(meeting_id), nurse.demo.case_id)]


def test_changing_a_meeting_replaces_what_was_recorded(nurse, app):
    demo = nurse.demo
    meeting_id = record(app, nurse, demo)
    reopen(nurse, meeting_id)
    base = f"/core-groups/{meeting_id}"
    html = nurse.get(f"{base}/goals").get_data(as_text=True)
    assert "Where goal 1 is now</textarea>" in html
    html = nurse.get(f"{base}/attendance").get_data(as_text=True)
    [mum] = select(html, f'input[name="person-adult-{demo.mother}-came"][checked]')
    assert mum.get("value") == "attended"
    html = nurse.get(f"{base}/actions").get_data(as_text=True)
    assert "Meet Kemi’s head of year about her attendance</textarea>" in html
    first_action = demo.action_ids[0][0]
    saved_part(
        nurse, f"{base}/goals", goal_answers(demo) | {f"goal-{demo.goal_ids[0]}-rating": "achieved"}
    )
    saved_part(
        nurse, f"{base}/actions", {f"action-{first_action}-status": "not_done", **NO_NEW_ACTION}
    )
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert count(app, GoalProgress) == 6
        assert count(app, ActionUpdate) == 7
        rating = next(p.rating for p in meeting.progress if p.goal_id == demo.goal_ids[0])
        assert rating == "achieved"
        assert db.session.get(PlanAction, first_action).status == "not_done"
        assert count(app, PlanAction, added_at_meeting_id=meeting_id) == 0
    changed = [e.changes for e in events(app, "update", "core_group_meeting")][-2:]
    assert changed[0]["part"] == [None, "goals"]
    assert changed[0]["Goal 1"][1].startswith("Achieved: ")
    assert changed[1]["part"] == [None, "actions"]
    [removed] = events(app, "delete", "plan_action")
    assert removed.changes["what"][0] == "Meet Kemi’s head of year about her attendance"


def test_changing_an_older_meeting_never_undoes_what_a_later_one_recorded(nurse, app):
    demo = nurse.demo
    first = demo.conference_on + timedelta(days=1)
    older = record(app, nurse, demo, on=first, actions=NO_NEW_ACTION)
    action = demo.action_ids[0][0]
    record(
        app,
        nurse,
        demo,
        on=first + timedelta(days=2),
        actions=NO_NEW_ACTION | {f"action-{action}-status": "in_progress"},
    )
    reopen(nurse, older)
    saved_part(nurse, f"/core-groups/{older}/actions", {f"action-{action}-status": "not_done"})
    with app.app_context():
        assert db.session.get(PlanAction, action).status == "in_progress"


def test_an_action_added_at_a_meeting_can_be_changed_there(nurse, app):
    demo = nurse.demo
    meeting_id = record(app, nurse, demo)
    reopen(nurse, meeting_id)
    changed = {
        "new-1-goal": str(demo.goal_ids[0]),
        "new-1-what": "Meet Kemi’s head of year about her attendance",
        "new-1-who": "Sam",
        "new-1-by-when": typed(demo.conference_on + timedelta(days=1, weeks=2)),
    }
    saved_part(nurse, f"/core-groups/{meeting_id}/actions", changed)
    with app.app_context():
        [action] = db.session.query(PlanAction).filter_by(added_at_meeting_id=meeting_id).all()
        assert (action.goal_id, action.who) == (demo.goal_ids[0], "Sam")
    [moved] = events(app, "update", "plan_action")[-1:]
    assert moved.changes["goal_id"] == [demo.goal_ids[2], demo.goal_ids[0]]
    assert moved.changes["who"] == ["Priya Practitioner", "Sam"]


def test_an_action_a_later_meeting_reviewed_is_not_removed_from_the_meeting_that_added_it(
    nurse, app
):
    demo = nurse.demo
    first = demo.conference_on + timedelta(days=1)
    older = record(app, nurse, demo, on=first)
    with app.app_context():
        added = db.session.query(PlanAction).filter_by(added_at_meeting_id=older).one().id
    record(
        app,
        nurse,
        demo,
        on=first + timedelta(days=7),
        actions=NO_NEW_ACTION | {f"action-{added}-status": "in_progress"},
    )
    reopen(nurse, older)
    response = post_part(nurse, f"/core-groups/{older}/actions", NO_NEW_ACTION)
    html = assert_page(response, "The actions")
    assert error_messages(html) == [
        "New action 1 was reviewed at a later core group, so it cannot be removed here"
    ]
    assert count(app, PlanAction, id=added) == 1


def test_a_save_that_clashes_keeps_what_was_typed(nurse, app):
    demo = nurse.demo
    meeting_id = record(app, nurse, demo)
    reopen(nurse, meeting_id)
    url = f"/core-groups/{meeting_id}/attendance"
    mine = hidden_of(nurse.get(url).get_data(as_text=True))
    with app.app_context():  # someone else changes who chaired first
        db.session.get(CoreGroupMeeting, meeting_id).chaired_by = "Funmilayo Adebayo"
        db.session.commit()
    typed_now = {
        "held_on": typed(demo.conference_on + timedelta(days=1)),
        "chaired_by": "Priya Practitioner",
        f"person-adult-{demo.mother}-came": "attended",
    }
    html = assert_page(nurse.post(url, mine | typed_now), "The date and who came")
    page = text_of(html)
    assert "Someone else changed this record while you were editing it" in page
    assert "Who chaired the meeting Funmilayo Adebayo Priya Practitioner" in page
    assert 'value="Priya Practitioner"' in html
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).chaired_by == "Funmilayo Adebayo"
    # Saving again, knowingly, replaces it.
    assert nurse.post(url, hidden_of(html) | typed_now).status_code == 302
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).chaired_by == "Priya Practitioner"


def test_a_meeting_is_recorded_on_top_of_the_seeded_demo_history(app, monkeypatch):
    """The demo as `seed-demo` leaves it, whatever core groups it has already held: each one
    opens with each part, and the nurse records the next, reviewing every action of the plan,
    the actions added at earlier meetings included."""
    seed(app, monkeypatch)
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        plan = db.session.query(Plan).filter_by(case_id=case.id, number=1).one()
        seeded = [m.id for m in db.session.query(CoreGroupMeeting).filter_by(case_id=case.id)]
        goal_ids = [goal.id for goal in goals_in_order(plan)]
        action_ids = [a.id for goal in goals_in_order(plan) for a in goal.actions]
        mother = case.adults[0].id
    nurse = signed_in_as(app, "practitioner@demo.example")
    for meeting_id in seeded:
        assert nurse.get(f"/core-groups/{meeting_id}").status_code == 200
        for part in ("attendance", "goals", "actions", "agency", "views"):
            assert nurse.get(f"/core-groups/{meeting_id}/{part}").status_code == 200, part
    response = nurse.post(f"/cases/{case.id}/core-groups/start", {"held_on": typed(TODAY)})
    assert response.status_code == 302
    base = response.headers["Location"].split("#")[0]
    saved_part(
        nurse,
        f"{base}/attendance",
        {
            "held_on": typed(TODAY),
            "chaired_by": "Priya Practitioner",
            f"person-adult-{mother}-came": "attended",
        },
    )
    goals = {f"goal-{g}-discussed": "yes" for g in goal_ids}
    goals |= {f"goal-{g}-where-now": "As before" for g in goal_ids}
    goals |= {f"goal-{g}-rating": "no_change" for g in goal_ids}
    saved_part(nurse, f"{base}/goals", goals)
    saved_part(nurse, f"{base}/actions", {f"action-{a}-status": "done" for a in action_ids})
    saved_part(nurse, f"{base}/views", {"next_meeting_on": typed(TODAY + timedelta(weeks=4))})
    assert nurse.post(f"{base}/complete", {}).status_code == 302
    listed = text_of(nurse.get(f"/cases/{case.id}/core-groups").get_data(as_text=True))
    assert listed.count("No goals rated") == 0
    assert f"{len(action_ids)} of {len(action_ids)} actions done" in listed
    assert count(app, CoreGroupMeeting) == len(seeded) + 1
    with app.app_context():
        assert {db.session.get(PlanAction, a).status for a in action_ids} == {"done"}


# Who may do what


def test_access_for_the_usual_roles(app, demo, make_user):
    """Outside the core group: not found. In the team but neither allocated nor in the core
    group: may read, not record. In the core group, allocated, or a chair: may record."""
    make_user("practitioner", email="outside@example.org")
    make_user("social_worker", email="team@example.org", team="Demo Assessment Team")
    nurse = signed_in_as(app, "practitioner@demo.example")
    meeting_id = record(app, nurse, demo)
    reading = [f"/cases/{demo.case_id}/core-groups", f"/core-groups/{meeting_id}"]
    recording = [f"/cases/{demo.case_id}/core-groups/start", f"/core-groups/{meeting_id}/goals"]
    expected = {
        ("outside@example.org", "a long test password for everyone"): (404, 404),
        ("team@example.org", "a long test password for everyone"): (200, 403),
        ("practitioner@demo.example", PASSWORD): (200, 200),
        ("socialworker@demo.example", PASSWORD): (200, 200),
        ("chair@demo.example", PASSWORD): (200, 200),
    }
    for (email, password), (read, write) in expected.items():
        client = signed_in_as(app, email, password)
        assert [client.get(url).status_code for url in reading] == [read] * 2, email
        assert [client.get(url).status_code for url in recording] == [write] * 2, email
        if write != 200:
            for url in recording:
                posted = client.post(url, {"held_on": typed(TODAY)} | goal_answers(demo), page="/")
                assert posted.status_code == write, email
    assert count(app, CoreGroupMeeting) == 1
    team = signed_in_as(app, "team@example.org", "a long test password for everyone")
    page = text_of(team.get(f"/cases/{demo.case_id}").get_data(as_text=True))
    assert "Core group meetings" in page
    assert "Recording this meeting" not in text_of(
        team.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    )


def test_a_practitioner_sees_nothing_of_a_family_whose_core_group_they_are_not_in(nurse):
    demo = nurse.demo
    for url in (
        f"/cases/{demo.other_case_id}/core-groups",
        f"/cases/{demo.other_case_id}/core-groups/start",
        "/core-groups/99999",
        "/core-groups/99999/goals",
    ):
        assert nurse.get(url).status_code == 404, url
