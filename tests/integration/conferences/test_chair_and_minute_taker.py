"""The chair's independence and the people in the room (issue 18): only the conference's chair
records the decision; scores are typed by the chair or the minute-taker as people give them; the
minute-taker records attendance, the map, scores and the plan's wording for the conferences they
are assigned to, and sees nothing else; the chair sees what others changed before finalising."""

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

import pytest
from helpers import Client, count, sign_in
from pages import assert_page, text_of
from sqlalchemy import select

from conference.extensions import db
from conference.models import (
    Adult,
    Attendee,
    AuditEvent,
    Child,
    ChildDecision,
    Conference,
    MapItem,
    Plan,
    SafetyGoal,
    ScalingRound,
    ScalingScore,
)

DENIED = "You do not have permission to see this page"
NOT_FOUND = "Page not found"


@pytest.fixture
def room(app, make_user, make_case):
    """Lily's review conference (case in Team A, allocated to Sam Worker), chaired by Chris
    Chair with Mina Minute-Taker assigned; Dana (her mother) and Sam attended; a worry on the map
    and a draft plan with one goal. And a second family's conference nobody minutes."""
    people = SimpleNamespace(
        worker=make_user(
            "social_worker", email="sam@example.org", name="Sam Worker", team="Team A"
        ),
        manager=make_user(
            "manager", email="morgan@example.org", name="Morgan Manager", team="Team A"
        ),
        chair=make_user("chair", email="chris@example.org", name="Chris Chair"),
        other_chair=make_user("chair", email="charlie@example.org", name="Charlie Chair"),
        minute_taker=make_user("minute_taker", email="mina@example.org", name="Mina Minute-Taker"),
        other_minute_taker=make_user("minute_taker", email="max@example.org", name="Max Minutes"),
    )
    case_id = make_case(team="Team A", social_worker_id=people.worker, reference="LIL-000001")
    other_case_id = make_case(team="Team A", reference="OTH-000002")
    with app.app_context():
        child = Child(
            case_id=case_id,
            given_name="Lily",
            family_name="Jones",
            date_of_birth=date(2015, 4, 3),
            local_child_id="LC-1",
        )
        db.session.add_all([child, Adult(case_id=case_id, given_name="Dana", family_name="Jones")])
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 11, 26),
            starts_at=time(10, 0),
            strategy_discussion_on=date(2026, 11, 9),
            chair_id=people.chair,
            minute_taker_id=people.minute_taker,
            created_at=datetime(2026, 11, 10, 9, tzinfo=UTC),
        )
        conference.attendees = [
            Attendee(
                name="Dana Jones", agency_type="family", attendance="attended", is_parent=True
            ),
            Attendee(
                name="Sam Worker",
                agency_type="childrens_social_care",
                attendance="attended",
                role="Social worker",
            ),
        ]
        conference.map_items = [
            MapItem(
                heading="worry",
                who_is_worried="Sam",
                worried_about="Dad shouts when he drinks",
                could_happen="Lily could be hurt",
                child_ids=[],
            )
        ]
        other = Conference(
            case_id=other_case_id,
            conference_type="initial",
            held_on=date(2026, 11, 27),
            starts_at=time(10, 0),
        )
        db.session.add_all([conference, other])
        db.session.flush()
        goal = SafetyGoal(statement="Lily feels safe at home", child_ids=[child.id])
        plan = Plan(case_id=case_id, conference=conference, number=1, goals=[goal])
        other_plan = Plan(case_id=other_case_id, conference=other, number=1)
        db.session.add_all([plan, other_plan])
        db.session.commit()
        return SimpleNamespace(
            people=people,
            case_id=case_id,
            other_case_id=other_case_id,
            id=conference.id,
            other_id=other.id,
            child_id=child.id,
            mother=conference.attendees[0].id,
            worker_attendee=conference.attendees[1].id,
            item=conference.map_items[0].id,
            plan=plan.id,
            goal=goal.id,
            other_plan=other_plan.id,
        )


def browser(app, email) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email).status_code == 302
    return client


def decision_url(room) -> str:
    return f"/conferences/{room.id}/decisions/{room.child_id}"


DECISION = {
    "parents_view": "",
    "outcome": "cp_plan",
    "category": "EMO",
    "reasons": "Lily is living with shouting at home.",
    "dissent": "",
    "lead_social_worker_id": "",
    "contingency_plan": "A strategy discussion if Dad returns while drinking.",
    "first_core_group_on": ["7", "12", "2026"],
    "review_on": ["19", "2", "2027"],
    "version": "0",
}


def score(client, room, attendee, value):
    return client.post(
        f"/conferences/{room.id}/scaling/{attendee}", {"score": str(value), "reason": "Because"}
    )


def map_item(client, room, worried_about):
    return client.post(
        f"/conferences/{room.id}/map/new",
        {
            "heading": "worry",
            "text": "",
            "who_is_worried": "The school",
            "worried_about": worried_about,
            "could_happen": "Lily could miss school",
            "raised_by": "",
            "family_response": "",
            "child_ids": str(room.child_id),
        },
    )


def stored_scores(app, room) -> list[tuple[str, int]]:
    with app.app_context():
        rows = db.session.query(ScalingScore).filter_by(conference_id=room.id).all()
        return sorted((row.person_name, row.value) for row in rows)


# The decision is the chair's.


@pytest.mark.parametrize(
    "email", ["sam@example.org", "morgan@example.org", "charlie@example.org", "mina@example.org"]
)
def test_only_the_conferences_chair_records_the_decision(app, room, email):
    """The allocated social worker, the team manager, another chair and the minute-taker may see
    the decisions but not record them: the decision, and finalising, are the chair's."""
    client = browser(app, email)
    html = assert_page(client.get(f"/conferences/{room.id}/decisions"), "Decisions")
    assert f'href="{decision_url(room)}"' not in html
    assert_page(client.get(decision_url(room)), DENIED, status=403)
    assert client.post(decision_url(room), DECISION, page="/").status_code == 403
    assert_page(client.get(f"/conferences/{room.id}/finalise"), DENIED, status=403)
    assert count(app, ChildDecision) == 0


def test_the_chair_records_the_decision(app, room):
    chair = browser(app, "chris@example.org")
    html = assert_page(chair.get(f"/conferences/{room.id}/decisions"), "Decisions")
    assert f'href="{decision_url(room)}"' in html
    response = chair.post(decision_url(room), DECISION)
    assert response.status_code == 302, text_of(response.get_data(as_text=True))
    with app.app_context():
        decision = db.session.query(ChildDecision).one()
        assert (decision.outcome, decision.category) == ("cp_plan", "EMO")


# Scores, as people give them.


def test_scores_are_typed_by_the_chair_or_the_minute_taker_not_the_worker_or_manager(app, room):
    for email in ("sam@example.org", "morgan@example.org"):
        assert score(browser(app, email), room, room.mother, 2).status_code == 403
    assert stored_scores(app, room) == []
    assert score(browser(app, "mina@example.org"), room, room.mother, 4).status_code == 302
    assert (
        score(browser(app, "chris@example.org"), room, room.worker_attendee, 3).status_code == 302
    )
    assert stored_scores(app, room) == [("Dana Jones", 4), ("Sam Worker", 3)]


def test_the_scaling_page_offers_scoring_only_to_those_who_type_it(app, room):
    score_link = f'href="/conferences/{room.id}/scaling/{room.mother}"'
    worker_page = browser(app, "sam@example.org").get(f"/conferences/{room.id}/scaling")
    assert score_link not in worker_page.get_data(as_text=True)
    minutes_page = browser(app, "mina@example.org").get(f"/conferences/{room.id}/scaling")
    assert score_link in minutes_page.get_data(as_text=True)


# The minute-taker records, for their conference only.


def test_the_minute_taker_records_attendance_and_the_map(app, room):
    mina = browser(app, "mina@example.org")
    response = mina.post(
        f"/conferences/{room.id}/attendance/new",
        {
            "name": "Ms Patel",
            "role": "Class teacher",
            "agency": "Sample Primary School",
            "agency_type": "education",
            "relationship_to_family": "",
            "is_parent": "no",
            "adult_id": "",
            "user_id": "",
            "attendance": "attended",
            "exclusion_reason": "",
            "interpreter_present": "no",
            "interpreter_language": "",
            "interpreter_dialect": "",
            "is_advocate": "no",
            "is_supporter": "no",
        },
    )
    assert response.status_code == 302
    assert count(app, Attendee, conference_id=room.id, name="Ms Patel") == 1
    assert map_item(mina, room, "Lily is often late").status_code == 302
    with app.app_context():
        item = db.session.query(MapItem).filter_by(worried_about="Lily is often late").one()
        event = db.session.query(AuditEvent).filter_by(
            action="create", record_type="map_item", record_id=str(item.id)
        )
        assert event.one().user_id == room.people.minute_taker


def edit_goal(client, room, statement, version=1):
    return client.post(
        f"/plans/{room.plan}/goals/{room.goal}",
        {
            "statement": statement,
            "child_ids": str(room.child_id),
            "worry_item_ids": str(room.item),
            "measure": "",
            "baseline": "",
            "target": "",
            "sustained_for": "",
            "owner": "",
            "family_words": "",
            "review_on": ["", "", ""],
            "version": str(version),
        },
    )


def test_the_minute_taker_types_the_plans_wording(app, room):
    mina = browser(app, "mina@example.org")
    assert mina.get(f"/plans/{room.plan}").status_code == 200
    response = edit_goal(mina, room, "Lily feels safe at home every night")
    assert response.status_code == 302, text_of(response.get_data(as_text=True))
    with app.app_context():
        goal = db.session.get(SafetyGoal, room.goal)
        assert goal.statement == "Lily feels safe at home every night"


def test_the_minute_taker_never_decides_nor_changes_the_conference_itself(app, room):
    mina = browser(app, "mina@example.org")
    for url in (
        f"/conferences/{room.id}/edit",
        f"/conferences/{room.id}/finalise",
        f"/plans/{room.plan}/finalise",
    ):
        assert_page(mina.get(url), DENIED, status=403)
    voice = f"/conferences/{room.id}/voice/{room.child_id}"
    assert mina.post(voice, {"own_words": "I like school"}, page=voice).status_code == 403


def test_the_minute_taker_sees_no_case_and_no_other_conference(app, room):
    mina = browser(app, "mina@example.org")
    for url in (
        f"/cases/{room.case_id}",
        f"/cases/{room.case_id}/chronology",
        f"/cases/{room.case_id}/visits",
        f"/cases/{room.case_id}/oversight",
        f"/cases/{room.case_id}/plans",
        f"/cases/{room.case_id}/core-groups",
        f"/conferences/{room.other_id}",
        f"/conferences/{room.other_id}/map",
        f"/plans/{room.other_plan}",
        f"/cases/{room.case_id}/children/{room.child_id}",
    ):
        assert mina.get(url).status_code == 404, url
    for url in ("/dashboard/", "/returns/", "/admin/users", "/cases/new"):
        assert mina.get(url).status_code == 403, url
    cases = mina.get("/cases/").get_data(as_text=True)
    assert "LIL-000001" not in cases and "OTH-000002" not in cases
    found = mina.post("/cases/", {"q": "Jones"}, page="/cases/", follow_redirects=True)
    assert found.status_code == 200
    assert f'href="/cases/{room.case_id}"' not in found.get_data(as_text=True)


def test_another_minute_taker_is_told_the_conference_does_not_exist(app, room):
    max_ = browser(app, "max@example.org")
    assert_page(max_.get(f"/conferences/{room.id}"), NOT_FOUND, status=404)
    assert map_item(max_, room, "Anything").status_code == 404
    assert score(max_, room, room.mother, 5).status_code == 404


def test_the_minute_taker_lands_on_their_conferences(app, room):
    client = Client(app.test_client())
    response = sign_in(client, "mina@example.org")
    assert response.headers["Location"].startswith("/my-work")
    html = assert_page(client.get("/my-work/"), "My work")
    assert f'href="/conferences/{room.id}"' in html
    assert f'href="/conferences/{room.other_id}"' not in html
    assert "Chris Chair" in text_of(html)
    page = assert_page(client.get(f"/conferences/{room.id}"), "Initial child protection conference")
    # The way back is their work, not a case they may not see.
    assert f'href="/cases/{room.case_id}"' not in page
    assert "Minute-taker Mina Minute-Taker" in text_of(page)


# Assigning the minute-taker.


def test_the_chair_assigns_the_minute_taker_where_the_details_are_edited(app, room):
    chair = browser(app, "chris@example.org")
    url = f"/conferences/{room.id}/edit"
    html = assert_page(chair.get(url), "Change the conference details")
    assert "Minute-taker" in html and "Max Minutes" in html
    with app.app_context():
        version = db.session.get(Conference, room.id).version
    response = chair.post(
        url,
        {
            "conference_type": "initial",
            "strategy_discussion_on": ["9", "11", "2026"],
            "held_on": ["26", "11", "2026"],
            "starts_at": "10:00",
            "venue": "",
            "online": "no",
            "twilight": "no",
            "chair_id": str(room.people.chair),
            "minute_taker_id": str(room.people.other_minute_taker),
            "version": str(version),
        },
    )
    assert response.status_code == 302, text_of(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.get(Conference, room.id).minute_taker_id == room.people.other_minute_taker
    assert browser(app, "max@example.org").get(f"/conferences/{room.id}").status_code == 200
    assert browser(app, "mina@example.org").get(f"/conferences/{room.id}").status_code == 404


def test_the_social_worker_changes_when_and_where_not_who_chairs_or_takes_the_minutes(app, room):
    """The chair is independent of the case: the social worker may move the conference, but
    not choose its chair, its type or its minute-taker, even by sending them in the form."""
    worker = browser(app, "sam@example.org")
    url = f"/conferences/{room.id}/edit"
    html = assert_page(worker.get(url), "Change the conference details")
    page = text_of(html)
    assert "Minute-taker" not in page and 'name="chair_id"' not in html
    assert 'name="conference_type"' not in html
    assert "Type of conference Initial" in page and "Chair Chris Chair" in page
    assert "The chair or the team manager changes who chairs the conference" in page
    with app.app_context():
        before = db.session.get(Conference, room.id)
        version, kind = before.version, before.conference_type
    response = worker.post(
        url,
        {
            "conference_type": "initial",
            "strategy_discussion_on": ["9", "11", "2026"],
            "held_on": ["26", "11", "2026"],
            "starts_at": "10:00",
            "venue": "Room 4",
            "online": "no",
            "twilight": "no",
            "chair_id": str(room.people.other_chair),
            "minute_taker_id": str(room.people.other_minute_taker),
            "version": str(version),
        },
    )
    assert response.status_code == 302, text_of(response.get_data(as_text=True))
    with app.app_context():
        conference = db.session.get(Conference, room.id)
        assert conference.venue == "Room 4"
        assert conference.held_on == date(2026, 11, 26)
        assert (conference.chair_id, conference.conference_type, conference.minute_taker_id) == (
            room.people.chair,
            kind,
            room.people.minute_taker,
        )


def test_only_those_who_assign_the_minute_taker_are_offered_to_change_it(app, room):
    """The edit form asks who chairs and who takes the minutes only of the chair and the team
    manager: the conference page offers those changes only to them."""
    for email, offered in [
        ("sam@example.org", False),
        ("chris@example.org", True),
        ("morgan@example.org", True),
    ]:
        page = text_of(browser(app, email).get(f"/conferences/{room.id}").get_data(as_text=True))
        assert "Change venue" in page, email
        assert ("Change chair" in page) is offered, email
        assert ("Change minute-taker" in page) is offered, email


def test_the_map_task_says_how_many_items_it_has_not_that_it_is_complete(app, room):
    page = text_of(
        browser(app, "chris@example.org").get(f"/conferences/{room.id}").get_data(as_text=True)
    )
    assert "The map 1 item" in page, page
    assert "The map Completed" not in page


def test_an_administrator_may_create_a_minute_taker(app, room, signed_in):
    admin = signed_in("admin", email="ada@example.org")
    assert "Minute-taker (business support)" in admin.get("/admin/users/new").get_data(as_text=True)


# What others changed, before finalising.


def test_the_chair_sees_what_others_changed_in_the_map_and_plan_and_by_whom(app, room):
    worker = browser(app, "sam@example.org")
    url = f"/conferences/{room.id}/map/{room.item}"
    with app.app_context():
        version = db.session.get(MapItem, room.item).version
    response = worker.post(
        url,
        {
            "heading": "worry",
            "text": "",
            "who_is_worried": "Sam",
            "worried_about": "Dad shouts and throws things when he drinks",
            "could_happen": "Lily could be hurt",
            "raised_by": "",
            "family_response": "",
            "child_ids": str(room.child_id),
            "version": str(version),
        },
    )
    assert response.status_code == 302
    map_item(browser(app, "mina@example.org"), room, "Lily is often late")
    chair = browser(app, "chris@example.org")
    map_item(chair, room, "The chair's own item")
    html = assert_page(chair.get(f"/conferences/{room.id}/finalise"), "Finalise the conference")
    shown = text_of(html.split('id="changes-by-others"', 1)[1])
    assert "Changed: Map, Worry statements" in shown
    assert "By Sam Worker" in shown
    assert (
        "Worried about Dad shouts when he drinks Dad shouts and throws things when he drinks"
        in (shown)
    )
    assert "Added: Map, Worry statements" in shown and "By Mina Minute-Taker" in shown
    assert "The chair's own item" not in shown


def test_with_no_changes_by_others_the_chair_is_told_so(app, room):
    chair = browser(app, "chris@example.org")
    html = assert_page(chair.get(f"/conferences/{room.id}/finalise"), "Finalise the conference")
    assert "Nobody else has changed the map, the plan, the scores or who came." in text_of(html)


def test_the_chair_sees_who_changed_a_safety_goal(app, room):
    mina = browser(app, "mina@example.org")
    assert edit_goal(mina, room, "Lily feels safe at home every night").status_code == 302
    chair = browser(app, "chris@example.org")
    html = assert_page(chair.get(f"/conferences/{room.id}/finalise"), "Finalise the conference")
    shown = text_of(html.split('id="changes-by-others"', 1)[1])
    assert "Changed: Safety goal: Lily feels safe at home every night" in shown
    assert "By Mina Minute-Taker" in shown
    assert "Safety goal Lily feels safe at home Lily feels safe at home every night" in shown, shown


def test_a_goal_s_review_date_changed_is_shown_as_a_date_in_words(app, room):
    mina = browser(app, "mina@example.org")
    with app.app_context():
        on = db.session.get(SafetyGoal, room.goal).plan.conference.held_on + timedelta(weeks=12)
    response = mina.post(
        f"/plans/{room.plan}/goals/{room.goal}",
        {
            "statement": "Lily feels safe at home",
            "child_ids": str(room.child_id),
            "worry_item_ids": str(room.item),
            "review_on": [str(on.day), str(on.month), str(on.year)],
            "version": "1",
        },
    )
    assert response.status_code == 302, text_of(response.get_data(as_text=True))
    chair = browser(app, "chris@example.org")
    html = assert_page(chair.get(f"/conferences/{room.id}/finalise"), "Finalise the conference")
    shown = text_of(html.split('id="changes-by-others"', 1)[1])
    assert f"Review by (blank) {on.day} {on:%B %Y}" in shown, shown
    assert on.isoformat() not in shown


def _save_draft(client, key):
    token = client.csrf_token("/")
    body = {"key": key, "data": {"statement": "Lily eats"}, "base_version": None}
    return client.raw.post("/drafts", json=body, headers={"X-CSRFToken": token})


def test_the_minute_taker_keeps_drafts_of_the_forms_they_type_in(app, room):
    """Autosave: the plan's forms keep their drafts under the case, which the minute-taker may
    not see; the minute-taker of one of its conferences still may keep theirs there."""
    key = f"case-{room.case_id}-plan-{room.plan}-goal-new"
    mina = browser(app, "mina@example.org")
    assert _save_draft(mina, key).status_code == 204
    assert mina.get(f"/drafts/{key}").get_json()["data"] == {"statement": "Lily eats"}
    max_ = browser(app, "max@example.org")
    assert _save_draft(max_, key).status_code == 404
    assert _save_draft(max_, f"case-{room.other_case_id}-details").status_code == 404


def test_a_score_changed_after_the_reveal_is_listed_for_the_chair_before_finalising(app, room):
    """Nothing the room saw is changed quietly: the minute-taker's later change to a revealed
    score is listed, with its before and after, beside the map's and the plan's."""
    mina = browser(app, "mina@example.org")
    assert score(mina, room, room.mother, 6).status_code == 302
    with app.app_context():
        db.session.add(ScalingRound(conference_id=room.id, round_key="overall"))
        db.session.commit()
        version = db.session.scalar(
            select(ScalingScore.version).where(ScalingScore.attendee_id == room.mother)
        )
    response = mina.post(
        f"/conferences/{room.id}/scaling/{room.mother}",
        {"score": "3", "reason": "Changed her mind", "version": str(version)},
    )
    assert response.status_code == 302
    chair = browser(app, "chris@example.org")
    html = assert_page(chair.get(f"/conferences/{room.id}/finalise"), "Finalise the conference")
    shown = text_of(html.split('id="changes-by-others"', 1)[1])
    assert "Scored: Scores from" in shown and "By Mina Minute-Taker" in shown
    assert "Scores Overall 6 (Because) Overall 3 (Changed her mind)" in shown


def test_the_chair_reads_who_came_in_the_forms_words_without_blank_answers(app, room):
    """Coded answers are shown as the forms word them ("Sent apologies", "Education"), and a
    new person's unanswered fields are left out rather than listed as "(blank)"."""
    mina = browser(app, "mina@example.org")
    response = mina.post(
        f"/conferences/{room.id}/attendance/new",
        {
            "name": "Ms Patel",
            "role": "Class teacher",
            "agency": "",
            "agency_type": "education",
            "relationship_to_family": "",
            "is_parent": "no",
            "adult_id": "",
            "user_id": "",
            "attendance": "apologies",
            "apologies_reason": "",
            "exclusion_reason": "",
            "interpreter_present": "no",
            "interpreter_language": "",
            "interpreter_dialect": "",
            "is_advocate": "no",
            "is_supporter": "no",
        },
    )
    assert response.status_code == 302, text_of(response.get_data(as_text=True))
    with app.app_context():
        stored = db.session.query(Attendee).filter_by(name="Ms Patel").one()
        assert (stored.attendance, stored.agency) == ("apologies", "")
    chair = browser(app, "chris@example.org")
    html = assert_page(chair.get(f"/conferences/{room.id}/finalise"), "Finalise the conference")
    shown = text_of(html.split('id="changes-by-others"', 1)[1])
    assert "Added: Attendance: Ms Patel" in shown
    assert "Attendance (blank) Sent apologies" in shown, shown
    assert "Type of agency (blank) Education" in shown
    assert "apologies (blank)" not in shown and "Agency (blank)" not in shown
    assert "education" not in shown.replace("Education", "")


def test_the_minute_taker_sees_the_plan_only_to_type_it_not_its_record(app, room):
    """The plan they type is theirs in the room; its other versions, progress, printed copies,
    recordings and translations belong to the family's record, which they may not see."""
    mina = browser(app, "mina@example.org")
    for url in (f"/plans/{room.plan}", f"/plans/{room.plan}/edit", f"/plans/{room.plan}/goals/new"):
        assert mina.get(url).status_code == 200, url
    for part in (
        "compare",
        "progress",
        "audio",
        "translations/export",
        "translations/import",
        "family-plan.pdf",
        "professional-plan.pdf",
    ):
        assert_page(mina.get(f"/plans/{room.plan}/{part}"), NOT_FOUND, status=404)
    # The chair, who may see the case, still opens them.
    chris = browser(app, "chris@example.org")
    assert chris.get(f"/plans/{room.plan}/compare").status_code == 200
    assert chris.get(f"/plans/{room.plan}/family-plan.pdf").status_code == 200
