"""Core group meetings for the demo family: recording one (who came, visits, progress on each
safety goal, what happened to each action, new actions, views, scaling, the next meeting), the
list with each meeting on time or late, the case page with the next due date, changing a
meeting, saves that clash, and who may do what."""

from datetime import UTC, date, datetime, timedelta

import pytest
from core_group_demo import PASSWORD, seed, signed_in_as, typed
from helpers import count
from pages import assert_page, error_messages, error_summary, links, select, text_of

from conference.config import SCALING_QUESTION
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
    FormDraft,
    GoalProgress,
    Plan,
    PlanAction,
    SafetyGoal,
    Visit,
)
from conference.services.plan_checks import goals_in_order

TODAY = date.today()


# Leaves the row of new action 1 blank.
NO_NEW_ACTION = {"new-1-goal": "", "new-1-what": None, "new-1-who": None, "new-1-by-when": None}


def new_url(demo) -> str:
    return f"/cases/{demo.case_id}/core-groups/new"


def meeting_form(demo, on=None, **changes) -> dict:
    """A complete meeting a day after the conference: Mum and the nurse came, one visit, every
    goal rated, every action reviewed, one new action and two scores. `changes` replace
    fields; a value of None leaves the field out."""
    held_on = on or demo.conference_on + timedelta(days=1)
    data = {
        "held_on": typed(held_on),
        "chaired_by": "Sam Social-Worker",
        "attended": [f"adult-{demo.mother}", f"attendee-{demo.nurse}"],
        "visit-1-on": typed(held_on),
        "visit-1-visitor": "Sam Social-Worker",
        "visit-1-place": "At home",
        "visit-1-child-seen": "yes",
        "visit-1-seen-alone": "no",
        "child_views": "Kemi said home has been calmer.",
        "parents_views": "Mum says the diary helps.",
        "next_meeting_on": typed(held_on + timedelta(weeks=4)),
        "notes_sent_to": "Everyone in the core group",
        f"member-adult-{demo.mother}-score": "6",
        f"member-adult-{demo.mother}-reason": "No shouting for two weeks",
        f"member-attendee-{demo.nurse}-score": "5",
        f"member-attendee-{demo.nurse}-reason": "Kemi is in school more",
        "new-1-goal": str(demo.goal_ids[2]),
        "new-1-what": "Meet Kemi’s head of year about her attendance",
        "new-1-who": "Priya Practitioner",
        "new-1-by-when": typed(held_on + timedelta(weeks=2)),
    }
    ratings = ["some_progress", "no_change", "some_progress", "achieved", "worse", "no_change"]
    for number, (goal_id, rating) in enumerate(zip(demo.goal_ids, ratings, strict=True), 1):
        data[f"goal-{goal_id}-where-now"] = f"Where goal {number} is now"
        data[f"goal-{goal_id}-rating"] = rating
        data[f"goal-{goal_id}-evidence"] = f"Evidence for goal {number}"
        data[f"goal-{goal_id}-said-by"] = "Mum"
    statuses = iter(["done", "in_progress", "not_done", "done", "in_progress", "done", "done"])
    for goal_id, actions in zip(demo.goal_ids, demo.action_ids, strict=True):
        for action_id in actions:
            data[f"goal-{goal_id}-action-{action_id}-status"] = next(statuses)
    data |= changes
    return {key: value for key, value in data.items() if value is not None}


def record(client, demo, **changes) -> int:
    response = client.post(new_url(demo), meeting_form(demo, **changes))
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    return int(response.headers["Location"].rsplit("/", 1)[1])


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
    with app.app_context():
        db.session.add(
            FormDraft(
                user_id=demo.nurse_user,
                form_key=f"case-{demo.case_id}-core-group-new",
                case_id=demo.case_id,
                data={"chaired_by": "Sam"},
            )
        )
        db.session.commit()
    form_page = assert_page(nurse.get(new_url(demo)), "Record a core group meeting")
    assert f'data-autosave="case-{demo.case_id}-core-group-new"' in form_page

    response = nurse.post(new_url(demo), meeting_form(demo))
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    meeting_id = int(response.headers["Location"].rsplit("/", 1)[1])
    held_on = demo.conference_on + timedelta(days=1)
    page = text_of(
        assert_page(
            nurse.get(response.headers["Location"]),
            f"Core group meeting on {held_on.day} {held_on:%B %Y}",
        )
    )
    assert "Core group meeting saved" in page
    assert "Who came Funmilayo Adebayo, Priya Practitioner" in page
    assert "Goal 4 Achieved" in page
    assert "Funmilayo Adebayo Mother 6 No shouting for two weeks" in page

    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert (meeting.case_id, meeting.plan_id, meeting.held_on) == (
            demo.case_id,
            demo.plan_id,
            held_on,
        )
        assert meeting.chaired_by == "Sam Social-Worker"
        assert meeting.recorded_by_id == demo.nurse_user
        assert meeting.next_meeting_on == held_on + timedelta(weeks=4)
        assert (meeting.child_views, meeting.parents_views, meeting.notes_sent_to) == (
            "Kemi said home has been calmer.",
            "Mum says the diary helps.",
            "Everyone in the core group",
        )
        came = {(a.name, a.attended, a.is_parent) for a in meeting.attendance}
        assert came == {
            ("Funmilayo Adebayo", True, True),
            ("Olumide Adebayo", False, True),
            ("Abosede Adeyemi", False, False),
            ("Sam Social-Worker", False, False),
            ("Priya Practitioner", True, False),
            ("Ms Jo Jones", False, False),
        }
        nurse_row = next(a for a in meeting.attendance if a.name == "Priya Practitioner")
        assert (nurse_row.role, nurse_row.agency, nurse_row.user_id) == (
            "School nurse",
            "School Nursing Service",
            demo.nurse_user,
        )
        [visit] = meeting.visits
        assert (visit.visited_on, visit.visitor, visit.place) == (
            held_on,
            "Sam Social-Worker",
            "At home",
        )
        assert (visit.child_seen, visit.seen_alone) == (True, False)

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
        assert count(app, FormDraft) == 0

    [created] = events(app, "create", "core_group_meeting")
    assert created.case_id == demo.case_id
    assert created.user_id == demo.nurse_user
    assert created.changes["held_on"] == [None, held_on.isoformat()]
    assert created.changes["chaired_by"] == [None, "Sam Social-Worker"]
    assert len(created.changes["progress"][1]) == 6
    assert created.changes["new_actions"][1][0]["who"] == "Priya Practitioner"
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
    meeting_id = record(nurse, demo)
    with app.app_context():
        plan = db.session.get(Plan, demo.plan_id)
        assert [goal.statement for goal in goals_in_order(plan)] == statements
        assert count(app, GoalProgress, meeting_id=meeting_id) == 6
        assert db.session.get(PlanAction, demo.action_ids[0][0]).status == "done"


def test_blank_rows_are_ignored_and_someone_else_who_came_is_recorded(nurse, app):
    demo = nurse.demo
    form = meeting_form(
        nurse.demo,
        **{
            "visit-1-on": None,
            "visit-1-visitor": None,
            "visit-1-place": None,
            "visit-1-child-seen": None,
            "visit-1-seen-alone": None,
            "new-1-goal": "",
            "new-1-what": None,
            "new-1-who": None,
            "new-1-by-when": None,
            "other-1-name": "Ade Bello",
            "other-1-role": "Pastor",
            "other-1-agency": "The family’s church",
            "other-1-score": "7",
            "other-1-reason": "The family come every week",
        },
    )
    response = nurse.post(new_url(demo), form)
    assert response.status_code == 302
    with app.app_context():
        meeting = db.session.query(CoreGroupMeeting).one()
        assert meeting.visits == []
        assert count(app, PlanAction, added_at_meeting_id=meeting.id) == 0
        pastor = db.session.query(CoreGroupAttendance).filter_by(name="Ade Bello").one()
        assert (pastor.role, pastor.agency, pastor.attended) == (
            "Pastor",
            "The family’s church",
            True,
        )
        score = db.session.query(CoreGroupScore).filter_by(person_name="Ade Bello").one()
        assert (score.value, score.role_label) == (7, "Pastor, The family’s church")


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            lambda d: {f"goal-{d.goal_ids[0]}-rating": None},
            ["Select the progress on goal 1"],
        ),
        (
            lambda d: {f"goal-{d.goal_ids[1]}-where-now": "  "},
            ["Enter where things are now for goal 2"],
        ),
        (
            lambda d: {f"goal-{d.goal_ids[0]}-action-{d.action_ids[0][1]}-status": None},
            ["Select what happened to action 2 of goal 1"],
        ),
        (
            lambda d: {
                "visit-2-visitor": "Priya Practitioner",
            },
            [
                "Enter the date of visit 2",
                "Enter where visit 2 took place",
                "Select whether the child was seen on visit 2",
                "Select whether the child was seen alone on visit 2",
            ],
        ),
        (
            lambda d: {"visit-1-child-seen": "no", "visit-1-seen-alone": "yes"},
            ["The child was not seen on visit 1, so not seen alone"],
        ),
        (
            lambda d: {"held_on": typed(TODAY + timedelta(days=1))},
            ["The date of the meeting must be today or in the past"],
        ),
        (
            lambda d: {"held_on": ["", "", ""], "chaired_by": ""},
            ["Enter the date of the meeting", "Enter who chaired the meeting"],
        ),
        (
            lambda d: {f"member-adult-{d.mother}-score": ""},
            ["Enter a score from 0 to 10 for Funmilayo Adebayo"],
        ),
        (
            lambda d: {f"member-attendee-{d.nurse}-reason": ""},
            ["Enter the reason for the score from Priya Practitioner"],
        ),
        (
            lambda d: {f"member-adult-{d.mother}-score": "11"},
            ["The score from Funmilayo Adebayo must be a whole number from 0 to 10"],
        ),
        (
            lambda d: {f"member-adult-{d.mother}-score": "0" * 5000},
            ["The score from Funmilayo Adebayo must be a whole number from 0 to 10"],
        ),
        (
            lambda d: {f"member-adult-{d.mother}-score": "²"},
            ["The score from Funmilayo Adebayo must be a whole number from 0 to 10"],
        ),
        (
            lambda d: {
                f"member-adult-{d.father}-score": "3",
                f"member-adult-{d.father}-reason": "Not sure",
            },
            ["Select Olumide Adebayo under who came, or clear their score"],
        ),
        (
            lambda d: {
                "attended": None,
                f"member-adult-{d.mother}-score": "",
                "other-1-role": "Pastor",
            },
            [
                "Select who came to the meeting",
                "Enter the name of other person 1",
                "Select Funmilayo Adebayo under who came, or clear their score",
                "Select Priya Practitioner under who came, or clear their score",
            ],
        ),
        (
            lambda d: {"new-1-who": "", "new-1-by-when": None},
            ["Enter who will do new action 1", "Enter the date new action 1 will be done by"],
        ),
        (
            lambda d: {"next_meeting_on": typed(d.conference_on + timedelta(days=1))},
            ["The date of the next meeting must be after the date of this meeting"],
        ),
    ],
)
def test_what_is_missing_or_wrong_is_explained_and_nothing_is_saved(nurse, app, changes, messages):
    demo = nurse.demo
    response = nurse.post(new_url(demo), meeting_form(demo, **changes(demo)))
    html = assert_page(response, "Record a core group meeting")
    assert error_messages(html) == messages
    assert error_summary(html) == messages
    assert count(app, CoreGroupMeeting) == 0
    assert count(app, PlanAction, status="not_started") == 7


def test_what_was_typed_stays_in_the_form_after_an_error(nurse):
    demo = nurse.demo
    form = meeting_form(demo, **{f"goal-{demo.goal_ids[0]}-rating": None})
    html = nurse.post(new_url(demo), form).get_data(as_text=True)
    assert "Where goal 1 is now</textarea>" in html
    assert "Meet Kemi’s head of year about her attendance</textarea>" in html
    assert '<details class="govuk-details" open>' in html  # the new actions are shown


# Rows named by the record they are about


def test_each_goals_answers_are_saved_against_that_goal_alone(nurse, app):
    """The page was opened with six goals in force, and goal 1 was achieved before it was
    saved; the post also names a goal that is not in the plan. Each answer is kept with its own
    goal, and the answers for goals not asked about are not saved."""
    demo = nurse.demo
    with app.app_context():
        db.session.get(SafetyGoal, demo.goal_ids[0]).state = "achieved"
        db.session.commit()
    stranger = max(demo.goal_ids) + 1000
    meeting_id = record(
        nurse,
        demo,
        **{
            f"goal-{stranger}-where-now": "Not a goal of this plan",
            f"goal-{stranger}-rating": "worse",
        },
    )
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        saved = {p.goal_id: p.where_now for p in meeting.progress}
        assert saved == {
            goal_id: f"Where goal {number} is now"
            for number, goal_id in enumerate(demo.goal_ids, 1)
            if number > 1
        }
        reviewed = {u.action_id for u in meeting.action_updates}
        assert reviewed == {a for actions in demo.action_ids[1:] for a in actions}


def test_rows_for_made_up_records_are_ignored(nurse, app):
    demo = nurse.demo
    hostile = {
        "goal-²-rating": "worse",
        "goal-²-where-now": "²",
        f"goal-{demo.goal_ids[0]}-action-²-status": "done",
        "visit-²-on": ["1", "1", "2020"],
        "visit-99999999999999999999-visitor": "Nobody",
        "other-٣-name": "Nobody",
        "member-²-score": "3",
        "new--1-what": "Nothing",
    }
    meeting_id = record(nurse, demo, **hostile)
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert len(meeting.progress) == 6
        assert len(meeting.visits) == 1
        assert "Nobody" not in {a.name for a in meeting.attendance}
        assert len(meeting.scores) == 2


def test_each_link_in_the_error_summary_goes_to_its_field(nurse):
    demo = nurse.demo
    form = meeting_form(
        demo,
        **{
            "chaired_by": "",
            "other-1-role": "Pastor",
            "visit-2-visitor": "Priya Practitioner",
            f"goal-{demo.goal_ids[1]}-where-now": "",
            f"goal-{demo.goal_ids[2]}-rating": None,
            f"goal-{demo.goal_ids[0]}-action-{demo.action_ids[0][1]}-status": None,
            "new-2-what": "Something",
            f"member-adult-{demo.mother}-reason": "",
            "other-2-score": "4",
        },
    )
    html = assert_page(nurse.post(new_url(demo), form), "Record a core group meeting")
    summary = links(select(html, ".govuk-error-summary")[0])
    goal_1, goal_2, goal_3 = demo.goal_ids[:3]
    assert [href for href, _message in summary] == [
        "#chaired_by",
        "#other-1-name",
        "#other-2-name",
        "#visit-2-on",
        "#visit-2-place",
        "#visit-2-child-seen",
        "#visit-2-seen-alone",
        f"#goal-{goal_1}-action-{demo.action_ids[0][1]}-status",
        f"#goal-{goal_2}-where-now",
        f"#goal-{goal_3}-rating",
        "#new-2-goal",
        "#new-2-who",
        "#new-2-by-when",
        f"#member-adult-{demo.mother}-reason",
        "#other-2-reason",
    ]
    assert [message for _href, message in summary] == error_messages(html)
    for href, _message in summary:
        assert len(select(html, f'[id="{href.removeprefix("#")}"]')) == 1, href


# The schedule: the list of meetings and the case page


def test_the_list_shows_each_meeting_on_time_or_late_with_its_progress(nurse, app):
    demo = nurse.demo
    assert "No core group meetings recorded yet." in text_of(
        nurse.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True)
    )
    first = demo.conference_on + timedelta(days=1)
    record(nurse, demo, on=first, **NO_NEW_ACTION)
    # The second is 6 weeks and a day after the first: late. Today is as late as it can be.
    second = min(first + timedelta(weeks=6, days=1), TODAY)
    record(nurse, demo, on=second, **NO_NEW_ACTION)
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
    record(nurse, demo, on=held_on, next_meeting_on=typed(TODAY + timedelta(days=7)))
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
    record(nurse, demo, on=TODAY - timedelta(weeks=4), **NO_NEW_ACTION)
    latest = default_calendar().subtract_working_days(review_on, 10)
    page = text_of(nurse.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True))
    assert f"Next core group due by {latest.day} {latest:%B %Y} {LAST_BEFORE_REVIEW}." in page


def test_no_core_group_is_due_before_a_review_the_last_one_was_far_enough_ahead_of(nurse, app):
    demo = nurse.demo
    review_on = TODAY + timedelta(weeks=3)
    bring_review_forward(app, review_on)
    record(nurse, demo, on=TODAY, next_meeting_on=typed(TODAY + timedelta(days=7)))
    after = review_on + timedelta(weeks=6)
    for url in (f"/cases/{demo.case_id}/core-groups", f"/cases/{demo.case_id}"):
        page = text_of(nurse.get(url).get_data(as_text=True))
        # Nothing (no "Overdue") between the date and the reason.
        assert f"Next core group due by {after.day} {after:%B %Y} {review_first_reason(6)}." in page


def test_the_next_meeting_starts_from_what_the_last_one_recorded(nurse):
    demo = nurse.demo
    first = demo.conference_on + timedelta(days=1)
    record(nurse, demo, on=first)
    page = text_of(nurse.get(new_url(demo)).get_data(as_text=True))
    assert (
        f"At the last core group, {first.day} {first:%B %Y} Some progress: Where goal 1 is now"
        in page
    )
    assert "Talk with Kemi and Tolu alone about home (Sam Social-Worker, by " in page
    assert ". At the last core group: in progress" in page


def test_the_form_hints_when_the_next_meeting_is_due(nurse):
    demo = nurse.demo
    held_on = demo.conference_on + timedelta(days=1)
    response = nurse.post(new_url(demo), meeting_form(demo, on=held_on, chaired_by=""))
    due = held_on + timedelta(weeks=6)
    assert (
        f"The next core group is due by {due.day} {due:%B %Y} (due 6 weeks after the last core "
        f"group). For example, {due.day} {due.month} {due.year}"
    ) in text_of(response.get_data(as_text=True))


def test_a_family_without_a_plan_in_force_has_no_meeting_to_record(app, demo):
    chair = signed_in_as(app, "chair@demo.example")
    html = assert_page(
        chair.get(f"/cases/{demo.other_case_id}/core-groups/new"),
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
    assert chair.post(new_url(demo), meeting_form(demo)).status_code == 409
    listed = chair.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True)
    assert "The family has no plan in force, so no core group is due." in text_of(listed)


# Reading and changing a meeting


def test_the_meeting_page_is_audited(nurse, app):
    meeting_id = record(nurse, nurse.demo)
    nurse.get(f"/core-groups/{meeting_id}")
    viewed = events(app, "view", "core_group_meeting")
    assert [(e.record_id, e.case_id) for e in viewed] == [(str(meeting_id), nurse.demo.case_id)]


def test_changing_a_meeting_replaces_what_was_recorded(nurse, app):
    demo = nurse.demo
    meeting_id = record(nurse, demo)
    url = f"/core-groups/{meeting_id}/edit"
    html = assert_page(nurse.get(url), "Change a core group meeting")
    assert f'data-autosave="case-{demo.case_id}-core-group-{meeting_id}"' in html
    assert "Where goal 1 is now</textarea>" in html
    assert f'value="adult-{demo.mother}" checked' in html
    assert "Meet Kemi’s head of year about her attendance</textarea>" in html
    first_action = demo.action_ids[0][0]
    changed = meeting_form(
        demo,
        version="1",
        **{
            f"goal-{demo.goal_ids[0]}-rating": "achieved",
            f"goal-{demo.goal_ids[0]}-action-{first_action}-status": "not_done",
            "new-1-goal": "",
            "new-1-what": "",
            "new-1-who": "",
            "new-1-by-when": ["", "", ""],
            "visit-1-place": "At school",
        },
    )
    response = nurse.post(url, changed)
    assert response.status_code == 302
    assert "Changes to the core group meeting saved" in text_of(
        nurse.get(response.headers["Location"]).get_data(as_text=True)
    )
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert meeting.version == 2
        assert count(app, GoalProgress) == 6
        assert count(app, ActionUpdate) == 7
        assert count(app, Visit) == 1
        assert meeting.visits[0].place == "At school"
        rating = next(p.rating for p in meeting.progress if p.goal_id == demo.goal_ids[0])
        assert rating == "achieved"
        assert db.session.get(PlanAction, first_action).status == "not_done"
        assert count(app, PlanAction, added_at_meeting_id=meeting_id) == 0
    [updated] = events(app, "update", "core_group_meeting")
    assert updated.case_id == demo.case_id
    assert set(updated.changes) == {"progress", "action_updates", "visits", "new_actions"}
    [removed] = events(app, "delete", "plan_action")
    assert removed.changes["what"][0] == "Meet Kemi’s head of year about her attendance"


def test_changing_a_meeting_keeps_which_children_each_visit_saw(nurse, app):
    """A visit's children (stored with the visit, not asked on the form) survive a change to
    the meeting: the same visit keeps them, a visit added keeps none."""
    demo = nurse.demo
    meeting_id = record(nurse, demo)
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        children = [child.id for child in meeting.case.children]
        meeting.visits[0].child_ids = children[:1]
        db.session.commit()
    held_on = demo.conference_on + timedelta(days=1)
    changed = meeting_form(
        demo,
        version="1",
        **{
            "new-1-goal": "",
            "new-1-what": "",
            "new-1-who": "",
            "new-1-by-when": ["", "", ""],
            "visit-1-place": "At school",
            "visit-2-on": typed(held_on),
            "visit-2-visitor": "Priya Practitioner",
            "visit-2-place": "At school",
            "visit-2-child-seen": "yes",
            "visit-2-seen-alone": "yes",
        },
    )
    assert nurse.post(f"/core-groups/{meeting_id}/edit", changed).status_code == 302
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        assert [(v.visitor, v.place, v.child_ids) for v in meeting.visits] == [
            ("Sam Social-Worker", "At school", children[:1]),
            ("Priya Practitioner", "At school", []),
        ]


def test_changing_an_older_meeting_never_undoes_what_a_later_one_recorded(nurse, app):
    demo = nurse.demo
    first = demo.conference_on + timedelta(days=1)
    older = record(nurse, demo, on=first, **NO_NEW_ACTION)
    action = demo.action_ids[0][0]
    record(
        nurse,
        demo,
        on=first + timedelta(days=2),
        **NO_NEW_ACTION,
        **{f"goal-{demo.goal_ids[0]}-action-{action}-status": "in_progress"},
    )
    form = meeting_form(
        demo,
        on=first,
        version="1",
        **NO_NEW_ACTION,
        **{f"goal-{demo.goal_ids[0]}-action-{action}-status": "not_done"},
    )
    assert nurse.post(f"/core-groups/{older}/edit", form).status_code == 302
    with app.app_context():
        assert db.session.get(PlanAction, action).status == "in_progress"


def test_an_action_added_at_a_meeting_can_be_changed_there(nurse, app):
    demo = nurse.demo
    meeting_id = record(nurse, demo)
    changed = meeting_form(
        demo, version="1", **{"new-1-goal": str(demo.goal_ids[0]), "new-1-who": "Sam"}
    )
    assert nurse.post(f"/core-groups/{meeting_id}/edit", changed).status_code == 302
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
    older = record(nurse, demo, on=first)
    with app.app_context():
        added = db.session.query(PlanAction).filter_by(added_at_meeting_id=older).one().id
    record(
        nurse,
        demo,
        on=first + timedelta(days=7),
        **NO_NEW_ACTION,
        **{f"goal-{demo.goal_ids[2]}-action-{added}-status": "in_progress"},
    )
    blank = meeting_form(demo, on=first, version="1", **NO_NEW_ACTION)
    html = assert_page(
        nurse.post(f"/core-groups/{older}/edit", blank), "Change a core group meeting"
    )
    assert error_messages(html) == [
        "New action 1 was reviewed at a later core group, so it cannot be removed here"
    ]
    assert count(app, PlanAction, id=added) == 1


def test_a_save_that_clashes_keeps_what_was_typed(nurse, app):
    demo = nurse.demo
    meeting_id = record(nurse, demo)
    url = f"/core-groups/{meeting_id}/edit"
    with app.app_context():  # someone else changes the rating of goal 2 first
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        row = next(p for p in meeting.progress if p.goal_id == demo.goal_ids[1])
        row.rating = "worse"
        meeting.chaired_by = "Funmilayo Adebayo"
        db.session.commit()
    mine = meeting_form(
        demo, version="1", chaired_by="Priya Practitioner", **{"new-1-goal": str(demo.goal_ids[2])}
    )
    html = assert_page(nurse.post(url, mine), "Change a core group meeting")
    page = text_of(html)
    assert "Someone else changed this record while you were editing it" in page
    assert "Who chaired the meeting Funmilayo Adebayo Priya Practitioner" in page
    assert "Progress on goal 2 Worse No change" in page
    assert 'name="version" type="hidden" value="2"' in html
    assert 'value="Priya Practitioner"' in html
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).chaired_by == "Funmilayo Adebayo"
    assert events(app, "update", "core_group_meeting") == []
    assert nurse.post(url, {**mine, "version": "2"}).status_code == 302
    with app.app_context():
        assert db.session.get(CoreGroupMeeting, meeting_id).chaired_by == "Priya Practitioner"


def test_a_change_to_the_rows_alone_still_moves_the_meeting_on_a_version(nurse, app):
    demo = nurse.demo
    meeting_id = record(nurse, demo)
    url = f"/core-groups/{meeting_id}/edit"
    rated = meeting_form(demo, version="1", **{f"goal-{demo.goal_ids[5]}-rating": "worse"})
    assert nurse.post(url, rated).status_code == 302
    stale = meeting_form(demo, version="1", **{f"goal-{demo.goal_ids[5]}-rating": "achieved"})
    page = text_of(nurse.post(url, stale).get_data(as_text=True))
    assert "Progress on goal 6 Worse Achieved" in page


def test_a_meeting_is_recorded_on_top_of_the_seeded_demo_history(app, monkeypatch):
    """The demo as `seed-demo` leaves it, whatever core groups it has already held: each one
    opens and can be changed, and the nurse records the next, reviewing every action of the
    plan, the actions added at earlier meetings included."""
    seed(app, monkeypatch)
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        plan = db.session.query(Plan).filter_by(case_id=case.id, number=1).one()
        seeded = [m.id for m in db.session.query(CoreGroupMeeting).filter_by(case_id=case.id)]
        goal_ids = [goal.id for goal in goals_in_order(plan)]
        actions = [(goal.id, a.id) for goal in goals_in_order(plan) for a in goal.actions]
        action_ids = [action_id for _goal_id, action_id in actions]
        mother = case.adults[0].id
    nurse = signed_in_as(app, "practitioner@demo.example")
    for meeting_id in seeded:
        assert nurse.get(f"/core-groups/{meeting_id}").status_code == 200
        assert nurse.get(f"/core-groups/{meeting_id}/edit").status_code == 200
    data = {
        "held_on": typed(TODAY),
        "chaired_by": "Priya Practitioner",
        "attended": [f"adult-{mother}"],
        "next_meeting_on": typed(TODAY + timedelta(weeks=4)),
    }
    for goal_id in goal_ids:
        data[f"goal-{goal_id}-where-now"] = "As before"
        data[f"goal-{goal_id}-rating"] = "no_change"
    for goal_id, action_id in actions:
        data[f"goal-{goal_id}-action-{action_id}-status"] = "done"
    response = nurse.post(f"/cases/{case.id}/core-groups/new", data)
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))
    listed = text_of(nurse.get(f"/cases/{case.id}/core-groups").get_data(as_text=True))
    assert listed.count("No goals rated") == 0
    assert listed.count(f"of {len(action_ids)} action") >= 1
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
    meeting_id = record(nurse, demo)
    reading = [f"/cases/{demo.case_id}/core-groups", f"/core-groups/{meeting_id}"]
    recording = [new_url(demo), f"/core-groups/{meeting_id}/edit"]
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
                posted = client.post(url, meeting_form(demo, version="1"), page="/")
                assert posted.status_code == write, email
    assert count(app, CoreGroupMeeting) == 1
    team = signed_in_as(app, "team@example.org", "a long test password for everyone")
    page = text_of(team.get(f"/cases/{demo.case_id}").get_data(as_text=True))
    assert "Core group meetings" in page
    assert "Record a core group meeting" not in page
    assert "Change this meeting" not in text_of(
        team.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    )


def test_a_practitioner_sees_nothing_of_a_family_whose_core_group_they_are_not_in(nurse):
    demo = nurse.demo
    for url in (
        f"/cases/{demo.other_case_id}/core-groups",
        f"/cases/{demo.other_case_id}/core-groups/new",
        "/core-groups/99999",
        "/core-groups/99999/edit",
    ):
        assert nurse.get(url).status_code == 404, url
